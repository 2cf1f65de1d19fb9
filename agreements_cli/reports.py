"""What the data adds up to: the data's date, the list of parties, the money per year,
progress against the goal, the history and the timeline. Pure functions of records."""

from __future__ import annotations

from datetime import date

from agreements_cli.records import (
    FIELDS,
    KINDS,
    MILESTONE_FIELDS,
    PLEDGE_FIELDS,
    STATUSES,
    Described,
    Event,
    Listed,
    Month,
    Outside,
    Party,
    Pledge,
    Progress,
    Stage,
    YearFigure,
    YearMoney,
    changed_fields,
)


def data_date(latest_change: str | None, snapshot: str | None, as_of: date | None) -> str | None:
    """How current the data is: the latest date on which a recorded change took effect, or
    the data file's snapshot date if later; for a view of a past date, that date at most.
    Today's date is not a data date: a database nobody has changed since its seed is as
    current as the seed."""
    dates = [d for d in (latest_change, snapshot) if d]
    if not dates:
        return None
    latest = max(dates)
    return min(as_of.isoformat(), latest) if as_of else latest


def stored_goal(settings: dict[str, str]) -> int:
    """The goal the data set states (32 when it states none)."""
    return int(settings.get("goal", 32))


def progress_summary(
    rows: list[Party],
    pledges: list[Pledge],
    settings: dict[str, str],
    goal: int | None,
    as_of: date | None,
    data_as_of: str | None,
    year: int | None = None,
) -> Progress:
    """Where things stand against the goal, and the money pledged year by year. Only
    parties in Ukraine's official count count toward the goal and the money; the others
    are listed on their own. The headline ``value_usd`` is the total for ``year`` (by
    default the year of the data's date); unknown (None) when no party states a figure."""
    stored = stored_goal(settings)
    # The stored basis explains the stored goal only: a goal given for this run has none.
    basis = settings.get("goal_basis") or None if goal in (None, stored) else None
    goal = goal or stored
    counted = [r for r in rows if r.counted]
    outside = [r for r in rows if not r.counted]
    signed = [r for r in counted if r.status == "signed"]
    by_year = pledged_by_year(pledges, signed)
    year = year or (int(data_as_of[:4]) if data_as_of else None)
    chosen = next((y for y in by_year if y.year == year), None)
    stating = chosen.parties_with_value if chosen else 0
    reported = settings.get("reported_value_usd")
    reported_on = settings.get("reported_value_as_of") or None
    source = settings.get("reported_value_source") or None
    if as_of and reported_on and reported_on > as_of.isoformat():
        reported = reported_on = source = None  # not yet reported on the date asked for
    return Progress(
        goal=goal,
        signed=len(signed),
        negotiating=sum(r.status == "negotiating" for r in counted),
        planned=sum(r.status == "planned" for r in counted),
        untracked=max(goal - len(counted), 0),
        percent_signed=round(100 * len(signed) / goal, 1),
        signed_outside_count=sum(r.status == "signed" for r in outside),
        outside_count=[Outside(r.code, r.country, r.status) for r in outside],
        year=year,
        value_usd=chosen.value_usd if chosen else None,  # a year listed has a figure
        signed_with_value=stating,
        signed_without_value=len(signed) - stating,
        reported_value_usd=int(reported) if reported else None,
        reported_value_as_of=reported_on,
        reported_value_source=source,
        goal_basis=basis,
        as_of=as_of.isoformat() if as_of else None,
        data_as_of=data_as_of,
        pledged_by_year=by_year,
    )


def outside_lines(summary: Progress) -> list[str]:
    """'+1 signed outside the official count: Croatia', one line per status."""
    lines = []
    for status in STATUSES:
        names = [p.country for p in summary.outside_count if p.status == status]
        if names:
            lines.append(f"+{len(names)} {status} outside the official count: {', '.join(names)}")
    return lines


def first_pledge(pledges: list[Pledge]) -> Pledge | None:
    """The pledge announced first (the agreement's own figure, for the seed's parties)."""
    return min(pledges, key=lambda p: (p.announced_on, p.id), default=None)


def yearly(pledge: Pledge, year: int) -> YearFigure | None:
    """The pledge's figure for ``year``: the amount itself when stated per year, else the
    amount spread evenly over its years, marked ``spread`` (a derived figure, never to be
    shown as stated). None for a year it does not cover."""
    from decimal import Decimal

    from agreements_cli import money

    if not pledge.first_year <= year <= pledge.last_year:
        return None
    years = pledge.last_year - pledge.first_year + 1
    if pledge.per_year or years == 1:
        return YearFigure(pledge.amount, pledge.value_usd, spread=False)
    share = Decimal(pledge.amount) / years
    value = round(Decimal(pledge.value_usd) / years)  # a half to the even dollar
    return YearFigure(money.amount_text(share), value, spread=True)


def list_rows(rows: list[Party], pledges: list[Pledge], stages: dict[str, Stage]) -> list[Listed]:
    """Parties as `list` shows them: each row with its first pledge's money (the columns
    parties had before the ledger), the number of its pledges, and its stage."""
    ledger: dict[str, list[Pledge]] = {}
    for pledge in pledges:
        ledger.setdefault(pledge.code, []).append(pledge)
    shown = []
    for row in rows:
        own = ledger.get(row.code, [])
        shown.append(Listed(row, first_pledge(own), len(own), stages.get(row.code, Stage())))
    return shown


def pledged_by_year(pledges: list[Pledge], signed: list[Party]) -> list[YearMoney]:
    """For every year a pledge of a counted signed party covers: the USD pledged for it
    (yearly figures, never whole multi-year amounts), how much of that is spread from a
    multi-year amount, how many of those parties state a figure for it and how many do
    not, and the USD by kind."""
    codes = {row.code for row in signed}
    counted = [p for p in pledges if p.code in codes]
    years = sorted({y for p in counted for y in range(p.first_year, p.last_year + 1)})
    table = []
    for year in years:
        figures = [(p, f) for p in counted if (f := yearly(p, year)) is not None]
        by_kind: dict[str, int] = {}
        for pledge, figure in figures:
            by_kind[pledge.kind] = by_kind.get(pledge.kind, 0) + figure.value_usd
        stating = len({p.code for p, _ in figures})
        table.append(YearMoney(
            year=year,
            value_usd=sum(f.value_usd for _, f in figures),
            spread_value_usd=sum(f.value_usd for _, f in figures if f.spread),
            parties_with_value=stating,
            parties_without_value=len(codes) - stating,
            by_kind=dict(sorted(by_kind.items(), key=lambda item: KINDS.index(item[0]))),
        ))  # fmt: skip
    return table


# A party row logged before the pledge ledger still carries its money then.
_LOGGED_PARTY_FIELDS = (*FIELDS, "amount", "currency", "period", "value_usd")
_ITEM_FIELDS = {"milestone": MILESTONE_FIELDS[2:], "pledge": PLEDGE_FIELDS[2:]}


def describe_event(event: Event) -> Described:
    """One change-log event as shown by `history`: which fields went from what to what."""
    before, after = event.before, event.after
    shown = after or before or {}
    entity = event.entity or "party"
    fields = _ITEM_FIELDS.get(entity, _LOGGED_PARTY_FIELDS)
    return Described(
        id=event.id,
        recorded_at=event.recorded_at,
        effective_on=event.effective_on,
        code=event.code,
        country=shown.get("country", event.code),
        entity=entity,
        action=event.action,
        changes={
            field: [(before or {}).get(field), (after or {}).get(field)]
            for field in changed_fields(before, after, fields)
        },
    )


def timeline(
    signings: list[tuple[str, str, bool]], goal: int, until: str | None = None
) -> list[Month]:
    """Signings per month, every month from the first to the month of ``until`` (the
    data's date; else the last signing), with the running total of the parties in the
    official count; the others are named apart and add nothing."""
    by_month: dict[int, tuple[list[str], list[str]]] = {}
    for signed_on, country, counted in signings:
        day = date.fromisoformat(signed_on)  # the store hands on real dates only
        month_number = day.year * 12 + day.month - 1
        by_month.setdefault(month_number, ([], []))[0 if counted else 1].append(country)
    if not by_month:
        return []
    last = max(by_month)
    if until is not None:
        end = date.fromisoformat(until)
        last = max(last, end.year * 12 + end.month - 1)
    series, total = [], 0
    for month_number in range(min(by_month), last + 1):
        key = f"{month_number // 12:04d}-{month_number % 12 + 1:02d}"
        parties, outside = by_month.get(month_number, ([], []))
        total += len(parties)
        series.append(Month(key, len(parties), total, goal, parties, outside))
    return series
