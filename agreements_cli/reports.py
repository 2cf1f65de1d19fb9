"""What the data adds up to: the data's date, the list of parties, the money per year,
progress against the goal, the history and the timeline. Pure functions of records."""

from __future__ import annotations

from datetime import date

from agreements_cli import totals
from agreements_cli.deliveries import DELIVERY_FIELDS
from agreements_cli.records import (
    FIELDS,
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
    YearMoney,
    changed_fields,
)
from agreements_cli.vocabulary import TERM_FIELDS


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
    signed = totals.signed_in_count(rows)
    by_year, year = money_year(rows, pledges, data_as_of, year)
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
        loan_and_guarantee_value_usd=chosen.loan_and_guarantee_value_usd if chosen else None,
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


def list_rows(
    rows: list[Party], pledges: list[Pledge], stages: dict[str, Stage], year: int | None
) -> list[Listed]:
    """Parties as `list` shows them: each row with its figures for ``year`` (see
    ``totals.party_year``), its first pledge as stated, the number of its pledges, and its
    stage."""
    ledger = totals.ledgers(pledges)
    shown = []
    for row in rows:
        own = ledger.get(row.code, [])
        figures_of = totals.party_year(own, year, row.code) if year is not None else None
        shown.append(
            Listed(
                row, first_pledge(own), len(own), stages.get(row.code, Stage()), figures_of, year
            )
        )
    return shown


def money_year(
    rows: list[Party], pledges: list[Pledge], data_as_of: str | None, year: int | None = None
) -> tuple[list[YearMoney], int | None]:
    """Each year's totals, and the year the views lead with: ``year`` if given, else the
    headline year (see ``totals.headline_year``)."""
    by_year = totals.pledged_by_year(pledges, totals.signed_in_count(rows))
    return by_year, year or totals.headline_year(by_year, _year_of(data_as_of))


def _year_of(day: str | None) -> int | None:
    return int(day[:4]) if day else None


# A party row logged before the pledge ledger still carries its money then.
_LOGGED_PARTY_FIELDS = (*FIELDS, "amount", "currency", "period", "value_usd")
_ITEM_FIELDS = {"milestone": MILESTONE_FIELDS[2:], "pledge": PLEDGE_FIELDS[2:],
                "term": TERM_FIELDS[2:], "delivery": DELIVERY_FIELDS[2:]}  # fmt: skip


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
