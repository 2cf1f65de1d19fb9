"""Commands on the tracked parties: list, add, update, remove, undo, show, history."""

from datetime import date

import typer

from agreements_cli.cli.common import (
    AMOUNT,
    AS_OF,
    COUNT_REASON,
    COUNT_SOURCE,
    COUNTED,
    COUNTRY,
    CURRENCY,
    FORMAT,
    NEW_COUNTRY,
    NOTE,
    ON_HELP,
    PERIOD,
    PLACE,
    SIGNED_ON,
    SOURCE,
    STATUS_HELP,
    VIEW_FORMAT,
    YES,
    OutputFormat,
    SortField,
    ViewFormat,
    already_tracked,
    app,
    complete_status,
    complete_tracked,
    confirm,
    data_as_of,
    listed,
    not_tracked,
    say,
    shell_word,
    state_of,
)
from agreements_cli.errors import AgreementsError, AlreadyTracked, BadInput, NotTracked


@app.command("list", epilog="Example: agreements list --status signed --format json")
def list_parties(
    ctx: typer.Context,
    status: list[str] | None = typer.Option(
        None,
        "--status",
        "-s",
        help="Only parties with this status (repeatable).",
        autocompletion=complete_status,
    ),
    sort: SortField = typer.Option(
        SortField.signed_on, "--sort", help="Order of the rows.", case_sensitive=False
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
) -> None:
    """Every tracked party, one row each, by signing date, with its stage (latest milestone)."""
    from agreements_cli.render import views as render
    from agreements_cli.rules import parse_date, parse_status

    statuses = [parse_status(s) for s in status or []]
    day = parse_date(as_of, "--as-of date") if as_of else None
    store = state_of(ctx).store()
    asked = day.isoformat() if day else None
    by_value = sort is SortField.value_usd
    rows = listed(
        store, store.parties.all(statuses, "country" if by_value else sort.value, asked), asked
    )
    if by_value:  # by the USD value of the first pledge, largest first, unknown last
        rows.sort(key=lambda row: (row["value_usd"] is None, -(row["value_usd"] or 0)))
    if output is OutputFormat.json:
        render.write_json(rows)
    elif output is OutputFormat.csv:
        render.parties_csv(rows)
    else:
        dated = render.dated(asked, data_as_of(store, day))
        if output is OutputFormat.markdown:
            render.parties_markdown(rows, dated)
            return
        noun = "party" if len(rows) == 1 else "parties"
        kind = "/".join(statuses) if statuses else "tracked"
        title = f"{len(rows)} {kind} {noun}{' ' if day else ', '}{dated}"
        render.print_view(lambda width: render.parties_view(rows, title, width))


@app.command(epilog="Example: agreements add Czechia --status negotiating")
def add(
    ctx: typer.Context,
    country: str = NEW_COUNTRY,
    status: str = typer.Option(
        ..., "--status", "-s", help=STATUS_HELP, autocompletion=complete_status
    ),
    signed_on: str | None = SIGNED_ON,
    place: str | None = PLACE,
    amount: str | None = AMOUNT,
    currency: str | None = CURRENCY,
    period: str | None = PERIOD,
    source: str | None = SOURCE,
    note: str | None = NOTE,
    counted: bool | None = COUNTED,
    count_reason: str | None = COUNT_REASON,
    count_source: str | None = COUNT_SOURCE,
    on: str | None = typer.Option(None, "--on", metavar="YYYY-MM-DD", help=ON_HELP),
) -> None:
    """Start tracking a party. One already tracked is changed with 'agreements update'.
    --amount records its first pledge; more go in with 'agreements pledge add'."""
    from agreements_cli.rules import (
        Draft,
        build_record,
        draft_pledge,
        effective_date,
        parse_date,
        parse_status,
    )

    today = date.today()
    dated_today = parse_status(status) == "signed" and not signed_on
    draft = Draft(
        country=country,
        status=status,
        signed_on=today.isoformat() if dated_today else signed_on,
        place=place,
        amount=amount,
        currency=currency,
        period=period,
        source=source,
        note=note,
        counted=counted is not False,
        count_reason=count_reason,
        count_source=count_source,
    )
    effective = parse_date(on, "--on date", today).isoformat() if on else None
    record = build_record(draft, today)
    effective = effective or effective_date(record, today)
    pledge = draft_pledge(draft, record, today, effective)
    store = state_of(ctx).store()
    try:
        store.add(record, effective, pledge)
    except AlreadyTracked as error:
        raise already_tracked(error.row) from None
    line = f"Added {record['country']} ({record['code']}): {record['status']}"
    say(line + _details(record, pledge, dated_today) + ".")


@app.command(epilog="Example: agreements update Czechia --status signed --signed-on 2024-07-18")
def update(
    ctx: typer.Context,
    country: str = COUNTRY,
    status: str | None = typer.Option(
        None, "--status", "-s", help=STATUS_HELP, autocompletion=complete_status
    ),
    signed_on: str | None = SIGNED_ON,
    place: str | None = PLACE,
    amount: str | None = AMOUNT,
    currency: str | None = CURRENCY,
    period: str | None = PERIOD,
    source: str | None = SOURCE,
    note: str | None = NOTE,
    counted: bool | None = COUNTED,
    count_reason: str | None = COUNT_REASON,
    count_source: str | None = COUNT_SOURCE,
    clear: list[str] | None = typer.Option(
        None,
        "--clear",
        metavar="FIELD",
        help="Empty a field: signed_on, place, amount (the whole pledge), period, source, note, "
        "count_source.",
    ),
    on: str | None = typer.Option(None, "--on", metavar="YYYY-MM-DD", help=ON_HELP),
) -> None:
    """Change a tracked party; the change is recorded with the date it took effect.
    --amount, --currency and --period change its one pledge; a party with more than one
    has them changed with 'agreements pledge add' and 'agreements pledge remove'."""
    from agreements_cli import countries
    from agreements_cli.records import changed_fields
    from agreements_cli.rules import (
        CLEARABLE,
        build_record,
        draft_from_row,
        draft_pledge,
        parse_date,
        parse_status,
    )
    from agreements_cli.store import Edit
    from agreements_cli.wording import changes_text, pledge_words

    today = date.today()
    party = countries.resolve(country)
    new_status = parse_status(status) if status else None
    effective = parse_date(on, "--on date", today).isoformat() if on else None
    cleared = set()
    for field in clear or []:
        name = field.strip().lower().replace("-", "_")
        if name not in CLEARABLE:
            raise BadInput(
                f"--clear {field!r} is not a field that can be emptied. Use one of: {', '.join(CLEARABLE)}"
            )
        cleared.add(name)
    given = {"signed_on": signed_on, "place": place, "amount": amount, "currency": currency,
             "period": period, "source": source, "note": note, "count_reason": count_reason,
             "count_source": count_source}  # fmt: skip
    both = sorted(f for f in cleared if given.get(f) is not None)
    if both:
        raise BadInput(
            f"--{both[0].replace('_', '-')} and --clear {both[0]} contradict each other. Give one"
        )
    if (
        not new_status
        and counted is None
        and not cleared
        and all(v is None for v in given.values())
    ):
        raise BadInput(
            f"nothing to change. Give at least one option, e.g. agreements update {shell_word(party.name)} --status signed"
        )
    money = {"amount", "currency", "period"}
    changes_money = bool(money & (cleared | {f for f, v in given.items() if v is not None}))
    emptied = cleared | ({"currency", "period"} if "amount" in cleared else set())
    said: list[str] = []

    def plan(current: dict, pledges: list[dict]) -> Edit | None:
        """The change, decided from what the database holds inside the write transaction."""
        if changes_money and len(pledges) > 1:
            raise BadInput(
                f"{party.name} has {len(pledges)} pledges, so --amount, --currency, --period "
                "and --clear amount cannot tell which to change. Use agreements pledge add "
                f"and agreements pledge remove (see agreements pledge list {party.code})"
            )
        old_pledge = pledges[0] if pledges else None
        draft = draft_from_row(current, old_pledge)
        if new_status:
            draft.status = new_status
        for field, value in given.items():
            if value is not None:
                setattr(draft, field, value)
        for field in emptied:
            setattr(draft, field, None)
        if counted is not None:
            draft.counted = counted
            if counted:  # back in the count: the reason for leaving it out goes
                draft.count_reason = count_reason
                draft.count_source = count_source
        if "signed_on" in cleared and draft.status == "signed":
            raise BadInput(
                f"{party.name} is signed, so its signing date cannot be emptied. Give the right "
                "date with --signed-on YYYY-MM-DD, or another status with --status"
            )
        notes = []
        if (
            draft.status != "signed"
            and current["signed_on"]
            and signed_on is None
            and draft.signed_on
        ):
            draft.signed_on = None
            notes.append(
                f"signing date {current['signed_on']} cleared, as the status is now {draft.status}"
            )
        dated_today = draft.status == "signed" and not draft.signed_on
        if dated_today:
            draft.signed_on = today.isoformat()
            notes.append("no --signed-on given: today's date")
        record = build_record(draft, today, party=party)
        effective_on = effective or _update_effective(current, record, today)
        new_pledge = old_pledge
        if changes_money:
            new_pledge = draft_pledge(draft, record, today, effective_on, old_pledge)
        fields = changed_fields(current, record)
        pledge_changed = new_pledge != old_pledge
        if not fields and not pledge_changed:
            return None
        parts = (
            [changes_text({f: [current[f], record[f]] for f in fields}, "party")] if fields else []
        )
        if pledge_changed:
            was = pledge_words(old_pledge) if old_pledge else "(none)"
            parts.append(f"pledge {was} -> {pledge_words(new_pledge) if new_pledge else '(none)'}")
        line = f"Updated {record['country']} ({record['code']}): {'; '.join(parts)}"
        said.append(line + (f" ({'; '.join(notes)})" if notes else "") + ".")
        return Edit(record, effective_on, (old_pledge, new_pledge) if pledge_changed else None)

    try:
        edit = state_of(ctx).store().update(party.code, plan)
    except NotTracked:
        raise not_tracked(party.name) from None
    say(said[0] if edit else f"No change: {party.name} already has these values.")


def _update_effective(before: dict, after: dict, today: date) -> str:
    """A signature takes effect on its signing date; any other change on the day it is made."""
    from agreements_cli.rules import effective_date

    if after["signed_on"] and after["signed_on"] != before["signed_on"]:
        return effective_date(after, today)
    return today.isoformat()


def _details(record: dict, pledge: dict | None, dated_today: bool) -> str:
    from agreements_cli.wording import conversion_text

    line = ""
    if record["signed_on"]:
        line += f" on {record['signed_on']}"
        if dated_today:
            line += " (no --signed-on given: today's date)"
    if not record["counted"]:
        line += "; outside the official count"
    if pledge is not None:
        line += f"; pledge {conversion_text(pledge)}"
    return line


@app.command(epilog="Example: agreements remove Czechia --yes")
def remove(
    ctx: typer.Context,
    country: str = COUNTRY,
    yes: bool = YES,
    on: str | None = typer.Option(
        None, "--on", metavar="YYYY-MM-DD", help="Date the removal took effect [default: today]."
    ),
) -> None:
    """Stop tracking a party. The removal is recorded: 'agreements undo' brings it back."""
    from agreements_cli import countries
    from agreements_cli.errors import NotTracked
    from agreements_cli.rules import parse_date

    party = countries.resolve(country)
    effective = parse_date(on, "--on date", date.today()) if on else date.today()
    store = state_of(ctx).store()
    current = store.parties.get(party.code)
    if current is None:
        raise NotTracked(
            f"{party.name} is not tracked, so there is nothing to remove. See: agreements list"
        )
    confirm(f"Stop tracking {party.name} ({current['status']})?", yes)
    store.remove(party.code, effective.isoformat())
    say(f"Removed {party.name} ({party.code}). Undo with: agreements undo")


@app.command(epilog="Example: agreements undo --yes")
def undo(ctx: typer.Context, yes: bool = YES) -> None:
    """Revert the most recent change (an add, update, remove or import); the undo is recorded too."""
    store = state_of(ctx).store()
    events = store.last_undoable()
    if not events:
        raise AgreementsError("nothing to undo: no change has been made since the seed")
    what = _describe_batch(events)
    confirm(f"Undo the {what}?", yes)
    store.undo(events[0]["batch"])
    say(f"Reverted the {what}.")


def _describe_batch(events: list[dict]) -> str:
    """'update of Czechia (CZ) recorded 2026-11-28 10:00: status negotiating -> signed'."""
    from agreements_cli.reports import describe_event
    from agreements_cli.wording import changes_text

    described = [describe_event(e) for e in events]
    first = described[0]
    when = first["recorded_at"].replace("T", " ")[:16]
    if len(described) == 1:
        changes = changes_text(first["changes"], first["entity"])
        return f"{first['action']} of {first['country']} ({first['code']}) recorded {when}" + (
            f": {changes}" if changes else ""
        )
    codes = sorted({e["code"] for e in described if e["entity"] == "party"})
    what = []
    if codes:
        what.append(f"{len(codes)} part{'y' if len(codes) == 1 else 'ies'} ({', '.join(codes)})")
    for entity in ("milestone", "pledge"):
        count = sum(e["entity"] == entity for e in described)
        if count:
            what.append(f"{count} {entity}{'' if count == 1 else 's'}")
    return f"{first['action']} of {', '.join(what[:-1]) + ' and ' if what[:-1] else ''}{what[-1]} recorded {when}"


@app.command(epilog="Example: agreements show Czechia --format json")
def show(
    ctx: typer.Context,
    country: str = COUNTRY,
    output: ViewFormat = VIEW_FORMAT,
) -> None:
    """One party in full: every field, its pledges (with the conversion rate and its date),
    its milestones and its history."""
    from agreements_cli import countries
    from agreements_cli.render import views as render
    from agreements_cli.reports import describe_event, list_rows

    party = countries.resolve(country)
    store = state_of(ctx).store()
    row = store.parties.get(party.code)
    if row is None:
        raise not_tracked(party.name)
    pledges = store.pledges.all(party.code)
    milestones = store.milestones.all(party.code)
    events = [describe_event(e) for e in store.log.events(party.code)]
    if output is ViewFormat.json:
        shown = list_rows([row], pledges, store.milestones.stages())[0]
        render.write_json(
            {**shown, "pledges": pledges, "milestones": milestones, "history": events}
        )
    else:
        render.print_view(lambda width: render.party_view(row, pledges, milestones, events, width))


@app.command(epilog="Example: agreements history Czechia --format json")
def history(
    ctx: typer.Context,
    country: str | None = typer.Argument(
        None,
        metavar="[COUNTRY]",
        help="Only this party's changes.",
        autocompletion=complete_tracked,
    ),
    output: OutputFormat = FORMAT,
) -> None:
    """The change log, newest first: what changed, when it took effect, when it was recorded."""
    from agreements_cli import countries
    from agreements_cli.records import HISTORY_FIELDS
    from agreements_cli.render import views as render
    from agreements_cli.reports import describe_event
    from agreements_cli.wording import flat_event

    code = countries.resolve(country).code if country else None
    events = [describe_event(e) for e in state_of(ctx).store().log.events(code)]
    if output is OutputFormat.json:
        render.write_json(events)
        return
    flat = [flat_event(e) for e in events]
    if output is OutputFormat.csv:
        render.write_csv(flat, HISTORY_FIELDS)
    elif output is OutputFormat.markdown:
        render.write_markdown(list(HISTORY_FIELDS), [[e[f] for f in HISTORY_FIELDS] for e in flat])
    else:
        render.print_view(lambda width: render.history_view(flat, width))
