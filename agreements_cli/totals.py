"""What the money adds up to, derived once: each pledge's figure for a year, each party's
figures for a year, each year's totals for the signed parties in the official count, and
the year the headline gives.

Every surface shows these records: `progress` (terminal, JSON, CSV, the SVG and the page),
`list`, `show`, the data package's ``years`` and ``party_years`` tables and the same tables
that `serve` publishes. None of them adds the money up again.

The rules, each in one place here:
- a year's figure of a pledge is the amount itself when stated per (calendar) year, else
  its share by months (``yearly``), rounded once to the whole dollar;
- months that a later statement covers are left out of the pledge it replaces, so that no
  months count twice (``replaced_months``);
- grants stated with the agreement, other grants, loans, guarantees and figures of no
  stated instrument are summed apart, never into each other (``_Sums``);
- a sort of figure that nobody states is unknown (None), never 0;
- a year is partial when fewer than half the parties signed by its end state a figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from agreements_cli import money
from agreements_cli.records import (
    EXACT,
    KINDS,
    Party,
    PartyYear,
    Pledge,
    YearFigure,
    YearMoney,
)


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
    start, end = pledge.months
    low, high = max(start, year * 12), min(end, year * 12 + 11)
    if low > high:
        return None
    counted = (
        high - low + 1
        if not replaced
        else sum(
            1
            for month in range(low, high + 1)
            if not any(first <= month <= last for first, last in replaced)
        )
    )
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


def years_covered(pledges: Iterable[Pledge]) -> list[int]:
    """Every year some pledge covers, in order. (Each has a figure: months a later
    statement replaces are months that statement covers.)"""
    return sorted({y for p in pledges for y in range(p.first_year, p.last_year + 1)})


class _Sums:
    """The sums of a set of yearly figures, each sort apart; a sort nobody states stays
    None (unknown), and a EUR sum is unknown when any of its figures has no EUR value."""

    def __init__(self, found: Iterable[tuple[Pledge, YearFigure]]):
        self.usd: dict[str, int] = {}
        self.eur: dict[str, int | None] = {}
        self.by_kind: dict[str, int] = {}
        self.grants_by_kind: dict[str, int] = {}
        self.codes: set[str] = set()
        self.capped: set[str] = set()
        for pledge, figure in found:
            self.codes.add(pledge.code)
            for sort in _sorts(pledge, figure):
                self._add(sort, figure)
            self.by_kind[pledge.kind] = self.by_kind.get(pledge.kind, 0) + figure.value_usd
            if pledge.instrument == "grant":
                self.grants_by_kind[pledge.kind] = (
                    self.grants_by_kind.get(pledge.kind, 0) + figure.value_usd
                )
            if pledge.qualifier != EXACT:
                self.capped.add(pledge.code)

    def _add(self, sort: str, figure: YearFigure) -> None:
        self.usd[sort] = self.usd.get(sort, 0) + figure.value_usd
        known = self.eur.get(sort, 0)
        self.eur[sort] = (
            None if known is None or figure.value_eur is None else known + figure.value_eur
        )

    def get(self, sort: str) -> int | None:
        """The USD sum of one sort of figure; None when no figure is of that sort."""
        return self.usd.get(sort)

    def of(self, sort: str) -> int:
        """The USD sum of the figures of one sort that are part of the others (``spread``,
        ``up to``, ...): 0 when none is."""
        return self.usd.get(sort, 0)


def _sorts(pledge: Pledge, figure: YearFigure) -> list[str]:
    """The sums a figure is part of: its instrument (and, for a grant, its tie), and what
    it is as well (every figure, tied, later, spread, a cap or a floor)."""
    instrument = pledge.instrument or "unstated"
    sorts = ["all", instrument, f"tie:{pledge.tie}"]
    if instrument == "grant":
        sorts.append("tied_grant" if pledge.tie == "agreement" else "other_grant")
    if instrument in ("loan", "guarantee"):
        sorts.append("loan_and_guarantee")
    if figure.spread:
        sorts.append("spread")
    if pledge.qualifier != EXACT:
        sorts.append(pledge.qualifier)
    return sorts


def party_year(pledges: Sequence[Pledge], year: int, code: str = "") -> PartyYear:
    """One party's figures for ``year`` (its own pledges), each sort apart."""
    sums = _Sums(figures(pledges, year))
    return PartyYear(
        year=year,
        tied_grant_value_usd=sums.get("tied_grant"),
        other_grant_value_usd=sums.get("other_grant"),
        grant_value_usd=sums.get("grant"),
        loan_value_usd=sums.get("loan"),
        guarantee_value_usd=sums.get("guarantee"),
        loan_and_guarantee_value_usd=sums.get("loan_and_guarantee"),
        unstated_value_usd=sums.get("unstated"),
        tied_grant_value_eur=sums.eur.get("tied_grant"),
        spread=bool(sums.of("spread")),
        qualified=bool(sums.capped),
        code=code or next((p.code for p in pledges), ""),
    )


def by_year(pledges: Sequence[Pledge]) -> list[PartyYear]:
    """A party's figures for every year its pledges cover."""
    return [party_year(pledges, y) for y in years_covered(pledges)]


def ledgers(pledges: Iterable[Pledge]) -> dict[str, list[Pledge]]:
    """The pledges of each party, by code, in the order given."""
    found: dict[str, list[Pledge]] = {}
    for pledge in pledges:
        found.setdefault(pledge.code, []).append(pledge)
    return found


def party_years(rows: Sequence[Party], pledges: Sequence[Pledge]) -> list[tuple[Party, PartyYear]]:
    """Every party's figures for every year its pledges cover, parties in the order of
    ``rows`` (those without a pledge have no row)."""
    ledger = ledgers(pledges)
    return [(row, figures_of) for row in rows for figures_of in by_year(ledger.get(row.code, []))]


def pledged_by_year(pledges: Sequence[Pledge], signed: Sequence[Party]) -> list[YearMoney]:
    """For every year a pledge of a counted signed party covers: the USD pledged for it
    (yearly figures, never whole multi-year amounts, never the same months twice), how
    much of that is derived from a longer period, what it is (grants, loans and guarantees
    apart; tied to the agreements or later; caps and floors), how many of the parties
    signed by the end of that year state a figure for it and how many do not, and whether
    that makes the year partial (fewer than half state one)."""
    codes = {row.code for row in signed}
    counted = [p for p in pledges if p.code in codes]
    # Each party's figures are found from its own ledger, as its own rows are (a pledge
    # replaces only a pledge of its own party).
    own = ledgers(counted)
    table = []
    for year in years_covered(counted):
        found = [pair for code in own for pair in figures(own[code], year)]
        table.append(_year_money(year, _Sums(found), signed))
    return table


def _year_money(year: int, sums: _Sums, signed: Sequence[Party]) -> YearMoney:
    by_end = {row.code for row in signed if (row.signed_on or "") <= f"{year}-12-31"}
    stating = sums.codes
    return YearMoney(
        year=year,
        value_usd=sums.of("all"),
        spread_value_usd=sums.of("spread"),
        parties_with_value=len(stating),
        parties_without_value=len(by_end - stating),
        by_kind=_in_order(sums.by_kind),
        grant_value_usd=sums.get("grant"),
        loan_value_usd=sums.get("loan"),
        guarantee_value_usd=sums.get("guarantee"),
        unstated_instrument_value_usd=sums.get("unstated"),
        tied_value_usd=sums.of("tie:agreement"),
        later_value_usd=sums.of("tie:later"),
        tied_grant_value_usd=sums.get("tied_grant"),
        value_eur=sums.eur.get("all"),
        tied_grant_value_eur=sums.eur.get("tied_grant"),
        partial=2 * len(stating & by_end) < len(by_end),
        parties_signed_by_year_end=len(by_end),
        caps_and_floors=tuple(sorted(sums.capped)),
        cap_value_usd=sums.of("up to"),
        floor_value_usd=sums.of("at least"),
        grants_by_kind=_in_order(sums.grants_by_kind),
        other_grant_value_usd=sums.get("other_grant"),
        loan_and_guarantee_value_usd=sums.get("loan_and_guarantee"),
    )


def _in_order(by_kind: dict[str, int]) -> dict[str, int]:
    return dict(sorted(by_kind.items(), key=lambda item: KINDS.index(item[0])))


def headline_year(by_year_money: Sequence[YearMoney], data_year: int | None) -> int | None:
    """The year `progress` and `list` lead with: the latest year up to the data's own that
    is not partial (most parties state a figure for it), else the data's year."""
    whole = [
        y.year
        for y in by_year_money
        if not y.partial and (data_year is None or y.year <= data_year)
    ]
    return max(whole) if whole else data_year


def signed_in_count(rows: Iterable[Party]) -> list[Party]:
    """The parties whose figures the totals add: signed, in the official count."""
    return [row for row in rows if row.in_totals]


# The columns of the tables of money the library writes for the data package and for
# `serve`, in order: the names and meanings are the JSON's (progress's `pledged_by_year`,
# and `list`'s and `show`'s figures of a party for a year).
YEAR_COLUMNS = (
    "year", "tied_grant_value_usd", "tied_grant_value_eur", "other_grant_value_usd",
    "grant_value_usd", "loan_value_usd", "guarantee_value_usd",
    "loan_and_guarantee_value_usd", "unstated_instrument_value_usd", "partial",
    "parties_with_value", "parties_without_value", "parties_signed_by_year_end",
    *(f"{kind}_grant_value_usd" for kind in KINDS), "cap_value_usd", "floor_value_usd",
    "caps_and_floors", "spread_value_usd",
)  # fmt: skip
PARTY_YEAR_COLUMNS = (
    "code", "country", "year", "status", "counted", "in_totals", "tied_grant_value_usd",
    "tied_grant_value_eur", "other_grant_value_usd", "grant_value_usd", "loan_value_usd",
    "guarantee_value_usd", "loan_and_guarantee_value_usd", "unstated_value_usd", "spread",
    "qualified",
)  # fmt: skip


def year_row(year: YearMoney) -> dict[str, object]:
    """A year's totals as a flat row of ``YEAR_COLUMNS`` (its grants by kind in a column
    each, unknown where no grant of that kind is stated; the parties whose figure is a cap
    or a floor as codes)."""
    values = year._asdict()
    grants = year.grants_by_kind or {}
    values.update({f"{kind}_grant_value_usd": grants.get(kind) for kind in KINDS})
    values["caps_and_floors"] = "; ".join(year.caps_and_floors)
    return {column: values[column] for column in YEAR_COLUMNS}


def party_year_row(row: Party, figures_of: PartyYear) -> dict[str, object]:
    """A party's figures for a year as a flat row of ``PARTY_YEAR_COLUMNS``."""
    values = {
        **figures_of._asdict(),
        "country": row.country,
        "status": row.status,
        "counted": row.counted,
        "in_totals": row.in_totals,
    }
    return {column: values[column] for column in PARTY_YEAR_COLUMNS}
