"""The ``agreements`` command line: parse, call the library, render, map errors to exit codes."""

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from agreements_cli import __version__
from agreements_cli.errors import AgreementsError, AlreadyTracked, BadInput

EXAMPLES = "Examples:\n\n  agreements list --status signed\n\n  agreements add Czechia --status negotiating\n\n  agreements progress"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class SortField(str, Enum):
    signed_on = "signed_on"
    country = "country"
    code = "code"
    status = "status"
    value_usd = "value_usd"


def _fail(message: str, code: int) -> None:
    from agreements_cli.model import visible

    sys.stderr.write("Error: " + visible(" ".join(message.split())) + "\n")
    sys.exit(code)


def say(line: str, err: bool = False) -> None:
    """A line for people, with any control character from the data made visible."""
    from agreements_cli.model import visible

    print(visible(line), file=sys.stderr if err else sys.stdout)


class AgreementsGroup(TyperGroup):
    """The one error boundary: every failure becomes one line on stderr and an exit code."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except AgreementsError as error:
            _fail(str(error), error.exit_code)
        except typer.TyperException as error:  # Click's usage errors: bad option, missing value
            context = getattr(error, "ctx", None)
            hint = f" See '{context.command_path} --help'." if context else ""
            _fail(error.format_message() + hint, error.exit_code)
        except typer.Abort:
            _fail("aborted.", 1)
        except Exception as error:  # a bug: one line, the traceback on request
            import os

            if os.environ.get("AGREEMENTS_DEBUG"):
                raise
            _fail(
                f"unexpected {type(error).__name__}: {error}. This is a bug in agreements; "
                "run again with AGREEMENTS_DEBUG=1 to see where",
                1,
            )
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=AgreementsGroup,
    name="agreements",
    help="Track Ukraine's bilateral security agreements and progress toward the goal of 32.",
    epilog=EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class State:
    """What the global options chose, and the database once a command opens it."""

    def __init__(self, db: str | None):
        self.db = db
        self._store = None

    def path(self) -> Path:
        from agreements_cli.store import default_path

        return Path(self.db).expanduser() if self.db else default_path()

    def store(self):  # type: ignore[no-untyped-def]
        from agreements_cli.store import Store

        if self._store is None:
            self._store = Store.open(self.path(), seed=_bundled_seed)
        return self._store

    def close(self) -> None:
        """Close the database when the command ends, so SQLite folds in its write-ahead log."""
        if self._store is not None:
            self._store.close()
            self._store = None


def _bundled_seed():  # type: ignore[no-untyped-def]
    """The seed, read (and its pledges converted) only when a new database needs it."""
    from agreements_cli.dataset import load_bundled_seed

    return load_bundled_seed()


def _version(value: bool) -> None:
    if value:
        print(f"agreements {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="AGREEMENTS_DB",
        metavar="PATH",
        help="Database file (default: agreements.db in the user data folder).",
        show_default=False,
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    ctx.obj = State(db or None)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


def _state(ctx: typer.Context) -> State:
    return ctx.find_object(State) or State(None)


# Shell completion. These run on every Tab, so they read the database read-only with
# sqlite3 and import nothing heavy; only 'add' needs the full list of ISO names.


def _completion_db(ctx: typer.Context) -> Path:
    import os

    from agreements_cli.store import default_path

    db = ctx.find_root().params.get("db") or os.environ.get("AGREEMENTS_DB")
    return Path(db).expanduser() if db else default_path()


def complete_tracked(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tracked parties, by name or by code."""
    from agreements_cli.countries import complete
    from agreements_cli.store import tracked_names

    tracked = tracked_names(_completion_db(ctx))
    if len(incomplete) <= 2 and incomplete.isalpha() and incomplete.isupper():
        return complete(incomplete, [code for code, _ in tracked])
    return complete(incomplete, [name for _, name in tracked])


def complete_any_country(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete, completion_names

    return complete(incomplete, completion_names())


def complete_status(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.model import STATUSES

    return complete(incomplete, list(STATUSES))


def complete_currency(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.money import ecb_currencies

    return complete(incomplete, sorted(ecb_currencies() | {"USD"}))


FORMAT = typer.Option(
    OutputFormat.table, "--format", "-f", help="Output format: table, json, csv or markdown."
)
AS_OF = typer.Option(
    None,
    "--as-of",
    metavar="YYYY-MM-DD",
    help="Show what the tracker showed on this date, from the change log.",
)


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
    sort: SortField = typer.Option(SortField.signed_on, "--sort", help="Order of the rows."),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
) -> None:
    """Every tracked party, one row each, by signing date, with its stage (latest milestone)."""
    from agreements_cli import render
    from agreements_cli.model import parse_date, parse_status

    statuses = [parse_status(s) for s in status or []]
    day = parse_date(as_of, "--as-of date") if as_of else None
    store = _state(ctx).store()
    asked = day.isoformat() if day else None
    rows = _with_stages(store, store.parties(statuses, sort.value, as_of=asked), asked)
    if output is OutputFormat.json:
        render.write_json(rows)
    elif output is OutputFormat.csv:
        render.parties_csv(rows)
    else:
        dated = render.dated(asked, _data_as_of(store, day))
        if output is OutputFormat.markdown:
            render.parties_markdown(rows, dated)
            return
        noun = "party" if len(rows) == 1 else "parties"
        kind = "/".join(statuses) if statuses else "tracked"
        title = f"{len(rows)} {kind} {noun}{' ' if day else ', '}{dated}"
        render.print_view(lambda width: render.parties_view(rows, title, width))


def _with_stages(store, rows: list[dict], as_of: str | None = None) -> list[dict]:  # type: ignore[no-untyped-def]
    """Rows with each party's stage: its latest milestone by ``as_of`` (None: now)."""
    stages = store.stages(as_of)
    empty = {"stage": None, "stage_on": None}
    return [{**row, **stages.get(row["code"], empty)} for row in rows]


def _data_as_of(store, day: date | None) -> str | None:  # type: ignore[no-untyped-def]
    """How current the data shown for ``day`` (None: now) is."""
    from agreements_cli.model import data_date

    return data_date(store.latest_change(), store.settings().get("snapshot"), day)


# Options that add and update share: one definition, so their help cannot drift apart.
COUNTRY_HELP = "Country name, alias or ISO code (EU for the European Union)."
COUNTRY = typer.Argument(..., metavar="COUNTRY", help=COUNTRY_HELP, autocompletion=complete_tracked)
NEW_COUNTRY = typer.Argument(
    ..., metavar="COUNTRY", help=COUNTRY_HELP, autocompletion=complete_any_country
)
STATUS_HELP = "signed, negotiating or planned."
SIGNED_ON = typer.Option(
    None,
    "--signed-on",
    metavar="YYYY-MM-DD",
    help="Signing date (status signed only; default today).",
)
PLACE = typer.Option(None, "--place", help="Where it was signed.")
AMOUNT = typer.Option(
    None, "--amount", help="Pledge as stated: 2500000000, 2.5e9, 2.5bn or 7.1 billion."
)
CURRENCY = typer.Option(
    None,
    "--currency",
    help="ISO 4217 code of the amount [default: USD].",
    autocompletion=complete_currency,
)
PERIOD = typer.Option(None, "--period", help="Years the pledge covers: 2024 or 2024-2026.")
SOURCE = typer.Option(None, "--source", help="URL of the page the facts come from.")
NOTE = typer.Option(None, "--note", help="Free text, e.g. what the figure includes.")
COUNTED = typer.Option(
    None,
    "--counted/--not-counted",
    help="Whether the party is in Ukraine's official count toward the goal [default: counted].",
    show_default=False,
)
COUNT_REASON = typer.Option(
    None, "--count-reason", help="Why the party is outside the official count (with --not-counted)."
)
COUNT_SOURCE = typer.Option(None, "--count-source", help="URL of the page that gives that reason.")
ON_HELP = "Date the change took effect [default: the signing date for a signature, else today]."


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
    """Start tracking a party. One already tracked is changed with 'agreements update'."""
    from agreements_cli.model import Draft, build_record, effective_date, parse_date, parse_status

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
    store = _state(ctx).store()
    try:
        store.add(record, effective or effective_date(record, today))
    except AlreadyTracked as error:
        raise _already_tracked(error.row) from None
    line = f"Added {record['country']} ({record['code']}): {record['status']}"
    say(line + _details(record, dated_today) + ".")


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
    """Change a tracked party; the change is recorded with the date it took effect."""
    from agreements_cli import countries
    from agreements_cli.model import (
        CLEARABLE,
        build_record,
        changed_fields,
        changes_text,
        draft_from_row,
        parse_date,
        parse_status,
    )  # fmt: skip

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
            f"nothing to change. Give at least one option, e.g. agreements update {_shell_word(party.name)} --status signed"
        )
    store = _state(ctx).store()
    current = store.get(party.code)
    if current is None:
        raise _not_tracked(party.name)
    draft = draft_from_row(current)
    if new_status:
        draft.status = new_status
    for field, value in given.items():
        if value is not None:
            setattr(draft, field, value)
    if "amount" in cleared:
        cleared |= {"currency", "period"}
    for field in cleared:
        setattr(draft, field, None)
    if counted is not None:
        draft.counted = counted
        if counted:  # back in the count: the reason for leaving it out goes
            draft.count_reason = count_reason
            draft.count_source = count_source
    if "signed_on" in cleared and draft.status == "signed":
        raise BadInput(
            f"{party.name} is signed, so its signing date cannot be emptied. Give the right date "
            "with --signed-on YYYY-MM-DD, or another status with --status"
        )
    notes = []
    if draft.status != "signed" and current["signed_on"] and signed_on is None and draft.signed_on:
        draft.signed_on = None
        notes.append(
            f"signing date {current['signed_on']} cleared, as the status is now {draft.status}"
        )
    dated_today = draft.status == "signed" and not draft.signed_on
    if dated_today:
        draft.signed_on = today.isoformat()
    record = build_record(draft, today, party=party, previous=current)
    fields = changed_fields(current, record)
    if not fields:
        say(f"No change: {party.name} already has these values.")
        return
    store.update(party.code, record, effective or _update_effective(current, record, today))
    changes = changes_text({f: [current[f], record[f]] for f in fields})
    line = f"Updated {record['country']} ({record['code']}): {changes}"
    if dated_today:
        notes.append("no --signed-on given: today's date")
    say(line + (f" ({'; '.join(notes)})" if notes else "") + ".")


def _update_effective(before: dict, after: dict, today: date) -> str:
    """A signature takes effect on its signing date; any other change on the day it is made."""
    from agreements_cli.model import effective_date

    if after["signed_on"] and after["signed_on"] != before["signed_on"]:
        return effective_date(after, today)
    return today.isoformat()


def _already_tracked(row: dict) -> AgreementsError:
    return AgreementsError(
        f"{row['country']} is already tracked ({row['status']}). "
        f"Use: agreements update {_shell_word(row['country'])} --status ..."
    )


def _not_tracked(name: str) -> AgreementsError:
    from agreements_cli.errors import NotTracked

    return NotTracked(
        f"{name} is not tracked. Use: agreements add {_shell_word(name)} --status ..."
    )


def _shell_word(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _details(record: dict, dated_today: bool) -> str:
    from agreements_cli.render import pledge_text, usd_text

    line = ""
    if record["signed_on"]:
        line += f" on {record['signed_on']}"
        if dated_today:
            line += " (no --signed-on given: today's date)"
    if not record["counted"]:
        line += "; outside the official count"
    if record["amount"] is not None:
        line += (
            f"; pledge {pledge_text(record)} = {usd_text(record)} at {record['usd_rate']} "
            f"USD per {record['currency']} (ECB rate of {record['usd_rate_date']})"
        )
    return line


@app.command(epilog="Example: agreements progress --goal 32 --format json")
def progress(
    ctx: typer.Context,
    goal: int | None = typer.Option(
        None, "--goal", min=1, max=1000, help="Goal for this run [default: the stored goal, 32]."
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    svg: str | None = typer.Option(
        None, "--svg", metavar="FILE", help="Also write the table as an SVG picture to FILE."
    ),
    html: str | None = typer.Option(
        None, "--html", metavar="FILE", help="Also write the table as an HTML page to FILE."
    ),
) -> None:
    """Signed, negotiating, planned and not yet tracked against the goal, with pledged value.

    Only parties in Ukraine's official count count toward the goal; the others are shown
    on a line of their own. The heading says how current the data is."""
    from agreements_cli import bundled, render
    from agreements_cli.model import parse_date, progress_summary

    today = date.today()
    day = parse_date(as_of, "--as-of date") if as_of else None
    store = _state(ctx).store()
    rows = store.parties(as_of=day.isoformat() if day else None)
    summary = progress_summary(rows, store.settings(), goal, day, _data_as_of(store, day))
    if output is OutputFormat.json:
        render.write_json(summary)
    elif output is OutputFormat.csv:
        flat = render.progress_flat(summary)
        render.write_csv([flat], list(flat))
    elif output is OutputFormat.markdown:
        render.write_markdown(["measure", "value"], render.progress_rows(summary))
    else:
        render.print_view(lambda width: render.progress_view(summary, width))
    for path, kind in ((svg, "svg"), (html, "html")):
        if path:
            try:
                render.save_picture(
                    lambda width: render.progress_view(summary, width, made_on=today),
                    path,
                    kind,
                    "agreements progress",
                )
            except OSError as error:
                raise AgreementsError(
                    f"cannot write {path}: {error.strerror}. Give another path with --{kind}"
                ) from None
            say(f"Wrote {path}.", err=True)
    newer = bundled.newer_data(
        rows if day is None else store.parties(), store.applied(bundled.ORIGIN)
    )
    if newer:
        say(
            f"Newer data to {newer} comes with agreements. Apply it with: "
            "agreements import --bundled",
            err=True,
        )


YES = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation on a terminal.")


def _interactive() -> bool:
    return sys.stdin.isatty()


def _confirm(question: str, yes: bool) -> None:
    """Ask on a terminal; scripts (no terminal on stdin) and --yes go ahead."""
    if yes or not _interactive():
        return
    from agreements_cli.model import visible

    if not typer.confirm(visible(question), default=False):
        raise AgreementsError("nothing changed: not confirmed. Add --yes to skip the question")


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
    from agreements_cli.model import parse_date

    party = countries.resolve(country)
    effective = parse_date(on, "--on date", date.today()) if on else date.today()
    store = _state(ctx).store()
    current = store.get(party.code)
    if current is None:
        raise NotTracked(
            f"{party.name} is not tracked, so there is nothing to remove. See: agreements list"
        )
    _confirm(f"Stop tracking {party.name} ({current['status']})?", yes)
    store.remove(party.code, effective.isoformat())
    say(f"Removed {party.name} ({party.code}). Undo with: agreements undo")


@app.command(epilog="Example: agreements undo --yes")
def undo(ctx: typer.Context, yes: bool = YES) -> None:
    """Revert the most recent change (an add, update, remove or import); the undo is recorded too."""
    store = _state(ctx).store()
    events = store.last_undoable()
    if not events:
        raise AgreementsError("nothing to undo: no change has been made since the seed")
    what = _describe_batch(events)
    _confirm(f"Undo the {what}?", yes)
    store.undo(events[0]["batch"])
    say(f"Reverted the {what}.")


def _describe_batch(events: list[dict]) -> str:
    """'update of Czechia (CZ) recorded 2026-11-28 10:00: status negotiating -> signed'."""
    from agreements_cli.model import changes_text, describe_event

    described = [describe_event(e) for e in events]
    first = described[0]
    when = first["recorded_at"].replace("T", " ")[:16]
    if len(described) == 1:
        changes = changes_text(first["changes"], first["entity"])
        return f"{first['action']} of {first['country']} ({first['code']}) recorded {when}" + (
            f": {changes}" if changes else ""
        )
    codes = sorted({e["code"] for e in described if e["entity"] == "party"})
    milestones = sum(e["entity"] == "milestone" for e in described)
    what = []
    if codes:
        what.append(f"{len(codes)} part{'y' if len(codes) == 1 else 'ies'} ({', '.join(codes)})")
    if milestones:
        what.append(f"{milestones} milestone{'' if milestones == 1 else 's'}")
    return f"{first['action']} of {' and '.join(what)} recorded {when}"


@app.command(epilog="Example: agreements show Czechia --format json")
def show(
    ctx: typer.Context,
    country: str = COUNTRY,
    output: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="Output format (table or json)."
    ),
) -> None:
    """One party in full: every field, the conversion rate and its date, the source, its
    milestones and its history."""
    from agreements_cli import countries, render
    from agreements_cli.model import describe_event

    party = countries.resolve(country)
    store = _state(ctx).store()
    row = store.get(party.code)
    if row is None:
        raise _not_tracked(party.name)
    milestones = store.milestones(party.code)
    events = [describe_event(e) for e in store.events(party.code)]
    if output is OutputFormat.json:
        render.write_json({**row, "milestones": milestones, "history": events})
    elif output in (OutputFormat.csv, OutputFormat.markdown):
        raise BadInput(f"show has no {output.value} format. Use --format table or --format json")
    else:
        render.print_view(lambda width: render.party_view(row, milestones, events, width))


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
    from agreements_cli import countries, render
    from agreements_cli.model import HISTORY_FIELDS, describe_event, flat_event

    code = countries.resolve(country).code if country else None
    events = [describe_event(e) for e in _state(ctx).store().events(code)]
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


@app.command(epilog="Example: agreements timeline --format csv")
def timeline(
    ctx: typer.Context,
    goal: int | None = typer.Option(
        None, "--goal", min=1, max=1000, help="Goal for this run [default: the stored goal, 32]."
    ),
    output: OutputFormat = FORMAT,
) -> None:
    """Signings over time: a bar per month with the running total against the goal.

    Only parties in Ukraine's official count add to the total; the others are named
    apart. The title says how current the data is."""
    from agreements_cli import model, render

    store = _state(ctx).store()
    goal = goal or int(store.settings().get("goal", 32))
    series = model.timeline(store.signings(), goal)
    if output is OutputFormat.json:
        render.write_json(series)
        return
    flat = [
        {**point, "parties": "; ".join(point["parties"]),
         "outside_count": "; ".join(point["outside_count"])}
        for point in series
    ]  # fmt: skip
    fields = ["month", "signed", "total", "goal", "parties", "outside_count"]
    if output is OutputFormat.csv:
        render.write_csv(flat, fields)
        return
    data = render.dated(None, _data_as_of(store, None))
    if output is OutputFormat.markdown:
        render.write_markdown(fields, [[p[f] for f in fields] for p in flat])
        say(f"\n{data[0].upper()}{data[1:]}.")
    else:
        render.print_view(lambda width: render.timeline_chart(series, width, data))


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


@app.command(epilog="Example: agreements export -o agreements.json")
def export(
    ctx: typer.Context,
    output: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f", help="json or csv."),
    to: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE instead of standard output."
    ),
) -> None:
    """Every tracked party, in the format of data/seed.json (or CSV), for import or a spreadsheet."""
    import io

    from agreements_cli import render
    from agreements_cli.dataset import export_data

    store = _state(ctx).store()
    rows = store.parties()
    buffer = io.StringIO()
    if output is ExportFormat.json:
        data = export_data(
            rows, store.settings(), store.since(), store.milestones(), _data_as_of(store, None)
        )
        render.write_json(data, buffer)
    else:
        render.parties_csv(_with_stages(store, rows), buffer)
    if to is None or to == "-":
        sys.stdout.write(buffer.getvalue())
        return
    try:
        Path(to).write_text(buffer.getvalue(), encoding="utf-8")
    except OSError as error:
        raise AgreementsError(
            f"cannot write {to}: {error.strerror}. Give another path with -o"
        ) from None
    say(f"Exported {len(rows)} parties to {to}.", err=True)


@app.command("import", epilog="Example: agreements import --bundled --dry-run")
def import_file(
    ctx: typer.Context,
    file: str | None = typer.Argument(
        None, metavar="[FILE]", help="A JSON data file, or - for standard input."
    ),
    bundled: bool = typer.Option(
        False, "--bundled", help="Apply the later data that comes with agreements (to 2025)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    replace: bool = typer.Option(
        False, "--replace", help="The file is the whole data set: stop tracking parties not in it."
    ),
) -> None:
    """Add and update parties (and their milestones) from a data file, keyed by country
    code, in one transaction."""
    from agreements_cli import bundled as bundled_data
    from agreements_cli.dataset import parse, plan_import, read_file

    if bundled and file is not None:
        raise BadInput(
            f"give a FILE or --bundled, not both (--bundled reads {bundled_data.UPDATES})"
        )
    if bundled and replace:
        raise BadInput(
            "--replace would stop tracking every party not in the bundled later data. "
            "Use --replace with a file of the whole data set"
        )
    if not bundled and file is None:
        raise BadInput(
            "give a FILE to import (- for standard input), or --bundled for the later data "
            "that comes with agreements"
        )
    data = bundled_data.updates() if bundled else read_file(file or "-")
    name = f"the bundled {bundled_data.UPDATES}" if bundled else file
    today = date.today()
    store = _state(ctx).store()
    current = {row["code"]: row for row in store.parties()}
    parsed = parse(data, today, current)
    plan = plan_import(parsed, current, store.milestones(), replace, today)
    for line in plan.lines:
        say(line)
    if dry_run:
        say(f"Dry run: {plan.summary}. Nothing was written.")
        return
    if plan.changes:
        store.apply_import(plan.changes, origin=bundled_data.ORIGIN if bundled else None)
    done = (
        plan.summary.replace("to add", "added")
        .replace("to update", "updated")
        .replace("to change", "changed")
        .replace("to remove", "removed")
    )
    say(f"Imported {name}: {done}." + (" Undo with: agreements undo" if plan.changes else ""))


@app.command(epilog="Example: agreements check && echo all good")
def check(ctx: typer.Context) -> None:
    """Find what needs attention: signed parties without a date or source, pledges without a
    currency or USD value, dates in the future, a table that disagrees with its change log.
    Prints nothing and exits 0 when all is well; else one line per problem and exit 1."""
    from agreements_cli.checks import problems

    store = _state(ctx).store()
    found = problems(store.parties(), store.latest_events(), date.today(), store.milestones())
    for line in found:
        say(line)
    if found:
        raise typer.Exit(1)


def _group(name: str, help: str) -> typer.Typer:
    """A command group under ``agreements``, with the same help options as the rest."""
    group = typer.Typer(
        name=name,
        help=help,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )
    app.add_typer(group)
    return group


db_app = _group("db", "The database file: where it is and what it holds.")


@db_app.command("path", epilog="Example: agreements db path")
def db_path(ctx: typer.Context) -> None:
    """Print where the database is (--db, AGREEMENTS_DB or the user data folder)."""
    say(str(_state(ctx).path()))


@db_app.command("info", epilog="Example: agreements db info --format json")
def db_info(
    ctx: typer.Context,
    output: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="Output format (table or json)."
    ),
) -> None:
    """The file, its size and schema version, parties by status, milestones, the last change,
    the data's date."""
    from agreements_cli import render

    store = _state(ctx).store()
    info = store.info()
    counts = store.counts()
    settings = store.settings()
    info.update(
        parties=sum(c.count for c in counts.values()),
        by_status={status: c.count for status, c in counts.items()},
        snapshot=settings.get("snapshot"),
        data_as_of=_data_as_of(store, None),
        seeded_at=settings.get("seeded_at"),
        goal=int(settings.get("goal", 32)),
    )
    if output is OutputFormat.json:
        render.write_json(info)
    elif output in (OutputFormat.csv, OutputFormat.markdown):
        raise BadInput(f"db info has no {output.value} format. Use --format table or --format json")
    else:
        render.print_view(lambda width: render.info_view(info))


milestone_app = _group(
    "milestone",
    "The dated, sourced steps of an agreement: talks opened, signing called off, ratified, ...",
)


def complete_step(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.model import STEPS

    return complete(incomplete, list(STEPS))


@milestone_app.command(
    "add",
    epilog='Example: agreements milestone add Bulgaria "signing called off" --on 2024-12-19 '
    "--source https://bntnews.bg/...",
)
def milestone_add(
    ctx: typer.Context,
    country: str = COUNTRY,
    step: str = typer.Argument(
        ...,
        metavar="STEP",
        help="What happened: talks opened, text approved, signing scheduled, signing postponed, "
        "signing called off, signed, ratified by Ukraine, ratified by the partner, in force, "
        "or your own words.",
        autocompletion=complete_step,
    ),
    on: str = typer.Option(..., "--on", metavar="YYYY-MM-DD", help="The day it happened."),
    source: str = typer.Option(..., "--source", help="URL of the page that reports it."),
    note: str | None = NOTE,
    document: str | None = typer.Option(
        None,
        "--document",
        help="A related document the step is about (e.g. 100-Year Partnership), not the "
        "security agreement itself.",
    ),
) -> None:
    """Record a dated, sourced step of a tracked party's agreement. The latest is its stage."""
    from agreements_cli import countries
    from agreements_cli.model import build_milestone, milestone_text

    party = countries.resolve(country)
    milestone = build_milestone(party.code, step, on, date.today(), source, note, document)
    store = _state(ctx).store()
    if store.get(party.code) is None:
        raise _not_tracked(party.name)
    added = store.add_milestone(milestone)
    say(f"Added milestone {added['id']} of {party.name} ({party.code}): {milestone_text(added)}.")


@milestone_app.command("list", epilog="Example: agreements milestone list Bulgaria --format json")
def milestone_list(
    ctx: typer.Context,
    country: str | None = typer.Argument(
        None,
        metavar="[COUNTRY]",
        help="Only this party's milestones.",
        autocompletion=complete_tracked,
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
) -> None:
    """Milestones by date, oldest first, with the id that 'agreements milestone remove' takes."""
    from agreements_cli import countries, render
    from agreements_cli.model import MILESTONE_FIELDS, parse_date

    code = countries.resolve(country).code if country else None
    day = parse_date(as_of, "--as-of date") if as_of else None
    store = _state(ctx).store()
    names = {row["code"]: row["country"] for row in store.parties()}
    milestones = [
        {**m, "country": names.get(m["code"], m["code"])}
        for m in store.milestones(code, day.isoformat() if day else None)
    ]
    fields = [*MILESTONE_FIELDS[:2], "country", *MILESTONE_FIELDS[2:]]
    if output is OutputFormat.json:
        render.write_json(milestones)
    elif output is OutputFormat.csv:
        render.write_csv(milestones, fields)
    elif output is OutputFormat.markdown:
        render.write_markdown(fields, [[m[f] for f in fields] for m in milestones])
    else:
        noun = "milestone" if len(milestones) == 1 else "milestones"
        title = f"{len(milestones)} {noun}, " + render.dated(
            day.isoformat() if day else None, _data_as_of(store, day)
        )
        render.print_view(lambda width: render.milestones_view(milestones, title))


@milestone_app.command("remove", epilog="Example: agreements milestone remove 3 --yes")
def milestone_remove(
    ctx: typer.Context,
    milestone_id: int = typer.Argument(
        ..., metavar="ID", help="The milestone's id, from 'agreements milestone list'.", min=1
    ),
    yes: bool = YES,
) -> None:
    """Remove a milestone recorded in error. Recorded: 'agreements undo' brings it back."""
    from agreements_cli.model import milestone_text

    store = _state(ctx).store()
    found = [m for m in store.milestones() if m["id"] == milestone_id]
    if not found:
        raise AgreementsError(
            f"there is no milestone {milestone_id}. See: agreements milestone list"
        )
    party = store.get(found[0]["code"])
    who = f"{party['country'] if party else found[0]['code']} ({found[0]['code']})"
    _confirm(f"Remove milestone {milestone_id} of {who}: {milestone_text(found[0])}?", yes)
    removed = store.remove_milestone(milestone_id)
    say(
        f"Removed milestone {milestone_id} of {who}: {milestone_text(removed)}. "
        "Undo with: agreements undo"
    )


def main() -> None:
    app()
