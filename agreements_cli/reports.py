"""What the data adds up to: the data's date, the list of parties, the money per year,
progress against the goal, the history and the timeline. Pure functions of records."""

from __future__ import annotations

from collections.abc import Sequence
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
    PartyYear,
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
    last_change: str | None = None,
    sources_checked: str | None = None,
) -> Progress:
    """Where things stand against the goal, and the money pledged year by year. Only
    parties in Ukraine's official count count toward the goal and the money; the others
    are listed on their own. The headline is the money of ``year`` (by default the latest
    year up to the data's own that is not partial): ``value_usd`` every figure for it,
    and apart its grants tied to the agreements, all its grants, its loans and
    guarantees; unknown (None) when no party states a figure."""
    stored = stored_goal(settings)
    # The stored basis explains the stored goal only: a goal given for this run has none.
    basis = settings.get("goal_basis") or None if goal in (None, stored) else None
    goal = goal or stored
    counted = [r for r in rows if r.counted]
    outside = [r for r in rows if not r.counted]
    signed = [r for r in counted if r.status == "signed"]
    by_year = pledged_by_year(pledges, signed)
    year = year or headline_year(by_year, int(data_as_of[:4]) if data_as_of else None)
    chosen = next((y for y in by_year if y.year == year), None)
    stating = chosen.parties_with_value if chosen else 0
    without = chosen.parties_without_value if chosen else len(signed)
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
        signed_without_value=without,
        reported_value_usd=int(reported) if reported else None,
        reported_value_as_of=reported_on,
        reported_value_source=source,
        goal_basis=basis,
        as_of=as_of.isoformat() if as_of else None,
        data_as_of=data_as_of,
        pledged_by_year=by_year,
        tied_grant_value_usd=chosen.tied_grant_value_usd if chosen else None,
        grant_value_usd=chosen.grant_value_usd if chosen else None,
        loan_and_guarantee_value_usd=chosen.loans_and_guarantees if chosen else None,
        year_partial=chosen.partial if chosen else None,
        last_change=last_change,
        sources_checked=sources_checked if as_of is None else None,
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


def yearly(
    pledge: Pledge, year: int, replaced: Sequence[tuple[int, int]] = ()
) -> YearFigure | None:
    """The pledge's figure for ``year``: the amount itself when stated per (calendar)
    year, else its share by months, marked ``spread`` (a derived figure, never to be shown
    as stated): a multi-year amount by an even share of its months, a financial year by
    the months of it that fall in the calendar year. Months that a later statement covers
    (``replaced``: spans of months of the pledges that replace it) are left out, so that
    no months count twice. None for a year it does not cover, or whose months it covers
    were all replaced."""
    from decimal import Decimal

    from agreements_cli import money

    start, end = pledge.months
    low, high = max(start, year * 12), min(end, year * 12 + 11)
    if low > high:
        return None
    counted = sum(
        1 for month in range(low, high + 1)
        if not any(first <= month <= last for first, last in replaced)
    )  # fmt: skip
    if not counted:
        return None
    whole = end - start + 1
    per = 12 if pledge.per_year else whole  # the months the stated amount is for
    if counted == per and pledge.first_month == 1:  # the stated amount, for this year
        return YearFigure(pledge.amount, pledge.value_usd, False, pledge.value_eur)
    share = Decimal(pledge.amount) * counted / per
    value = round(Decimal(pledge.value_usd) * counted / per)  # a half to the even dollar
    eur = None if pledge.value_eur is None else round(Decimal(pledge.value_eur) * counted / per)
    return YearFigure(money.amount_text(share), value, True, eur)


def replaced_months(pledges: Sequence[Pledge]) -> dict[int | None, list[tuple[int, int]]]:
    """For each pledge a later one replaces (by id; never None), the spans of months its
    replacements cover."""
    spans: dict[int | None, list[tuple[int, int]]] = {}
    for pledge in pledges:
        if pledge.replaces is not None:
            spans.setdefault(pledge.replaces, []).append(pledge.months)
    return spans


def figures(pledges: Sequence[Pledge], year: int) -> list[tuple[Pledge, YearFigure]]:
    """Each pledge's figure for ``year``, replaced months left out (see ``yearly``)."""
    spans = replaced_months(pledges)
    found = []
    for pledge in pledges:
        figure = yearly(pledge, year, spans.get(pledge.id, ()))  # (no span is keyed None)
        if figure is not None:
            found.append((pledge, figure))
    return found


def party_year(pledges: Sequence[Pledge], year: int) -> PartyYear:
    """One party's figures for ``year`` (its own pledges), by instrument."""
    sums: dict[str | None, int] = {}
    for pledge, figure in figures(pledges, year):
        sums[pledge.instrument] = sums.get(pledge.instrument, 0) + figure.value_usd
    total = sum(sums.values()) if sums else None
    return PartyYear(year, total, sums.get("grant"), sums.get("loan"), sums.get("guarantee"),
                     sums.get(None))  # fmt: skip


def list_rows(
    rows: list[Party], pledges: list[Pledge], stages: dict[str, Stage], year: int | None = None
) -> list[Listed]:
    """Parties as `list` shows them: each row with its first pledge's money (the columns
    parties had before the ledger), the number of its pledges, and its stage; with
    ``year``, its figures for that year."""
    ledger: dict[str, list[Pledge]] = {}
    for pledge in pledges:
        ledger.setdefault(pledge.code, []).append(pledge)
    shown = []
    for row in rows:
        own = ledger.get(row.code, [])
        figures_of = party_year(own, year) if year is not None else None
        shown.append(Listed(row, first_pledge(own), len(own), stages.get(row.code, Stage()),
                            figures_of))  # fmt: skip
    return shown


def by_year(pledges: Sequence[Pledge]) -> list[PartyYear]:
    """A party's figures for every year its pledges cover. (Each such year has a figure:
    months a later statement replaces are months that statement covers.)"""
    years = sorted({y for p in pledges for y in range(p.first_year, p.last_year + 1)})
    return [party_year(pledges, y) for y in years]


def pledged_by_year(pledges: list[Pledge], signed: list[Party]) -> list[YearMoney]:
    """For every year a pledge of a counted signed party covers: the USD pledged for it
    (yearly figures, never whole multi-year amounts, never the same months twice), how
    much of that is derived from a longer period, what it is (grants, loans and guarantees
    apart; tied to the agreements or later; caps and floors), how many of the parties
    signed by the end of that year state a figure for it and how many do not, and whether
    that makes the year partial (fewer than half state one)."""
    codes = {row.code for row in signed}
    counted = [p for p in pledges if p.code in codes]
    years = sorted({y for p in counted for y in range(p.first_year, p.last_year + 1)})
    table = []
    for year in years:  # (each has a figure: see by_year)
        found = figures(counted, year)
        by_kind: dict[str, int] = {}
        grants_by_kind: dict[str, int] = {}
        by_instrument: dict[str | None, int] = {}
        by_tie: dict[str | None, int] = {}
        qualified: dict[str, int] = {}
        capped: set[str] = set()
        tied_grants = 0
        for pledge, figure in found:
            value = figure.value_usd
            by_kind[pledge.kind] = by_kind.get(pledge.kind, 0) + value
            by_instrument[pledge.instrument] = by_instrument.get(pledge.instrument, 0) + value
            by_tie[pledge.tie] = by_tie.get(pledge.tie, 0) + value
            if pledge.instrument == "grant":
                grants_by_kind[pledge.kind] = grants_by_kind.get(pledge.kind, 0) + value
                if pledge.tie == "agreement":
                    tied_grants += value
            if pledge.qualifier != "exact":
                qualified[pledge.qualifier] = qualified.get(pledge.qualifier, 0) + value
                capped.add(pledge.code)
        eur = _total([f.value_eur for _, f in found])
        tied_eur = _total([f.value_eur for p, f in found
                           if p.instrument == "grant" and p.tie == "agreement"])  # fmt: skip
        stating = {p.code for p, _ in found}
        by_end = {row.code for row in signed if (row.signed_on or "") <= f"{year}-12-31"}
        table.append(YearMoney(
            year=year,
            value_usd=sum(f.value_usd for _, f in found),
            spread_value_usd=sum(f.value_usd for _, f in found if f.spread),
            parties_with_value=len(stating),
            parties_without_value=len(by_end - stating),
            by_kind=_in_order(by_kind),
            grant_value_usd=by_instrument.get("grant", 0),
            loan_value_usd=by_instrument.get("loan", 0),
            guarantee_value_usd=by_instrument.get("guarantee", 0),
            unstated_instrument_value_usd=by_instrument.get(None, 0),
            tied_value_usd=by_tie.get("agreement", 0),
            later_value_usd=by_tie.get("later", 0),
            tied_grant_value_usd=tied_grants,
            value_eur=eur,
            tied_grant_value_eur=tied_eur,
            partial=2 * len(stating & by_end) < len(by_end),
            parties_signed_by_year_end=len(by_end),
            caps_and_floors=tuple(sorted(capped)),
            cap_value_usd=qualified.get("up to", 0),
            floor_value_usd=qualified.get("at least", 0),
            grants_by_kind=_in_order(grants_by_kind),
        ))  # fmt: skip
    return table


def _total(values: list[int | None]) -> int | None:
    """The sum, or None (unknown) when any of the values is: a pledge written before EUR
    values were kept."""
    known = [value for value in values if value is not None]
    return sum(known) if len(known) == len(values) else None


def _in_order(by_kind: dict[str, int]) -> dict[str, int]:
    return dict(sorted(by_kind.items(), key=lambda item: KINDS.index(item[0])))


def headline_year(by_year: list[YearMoney], data_year: int | None) -> int | None:
    """The year `progress` leads with: the latest year up to the data's own that is not
    partial (most parties state a figure for it), else the data's year."""
    whole = [
        y.year for y in by_year if not y.partial and (data_year is None or y.year <= data_year)
    ]
    return max(whole) if whole else data_year


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
