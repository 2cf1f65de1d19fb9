"""Promised against done, derived once: for each party and year, what it pledged for the
year, then each measure of what was done (allocated, disbursed, delivered, ...) as each
reporter gives it, the share of the pledge, and a state: exceeded, met, partly, no
figure, not yet due (or no pledge, not comparable), in the manner of a budget against
its actuals.

Every surface shows these records: `delivered` (terminal, JSON, CSV, Markdown), the page,
the data package's and Datasette's ``promised_done`` table. The rules, each in one place:

- a figure is put into a year only when it covers days of that one year and is not a
  running total (``Delivery.year``); a running total, and a figure of several years,
  stands apart, beside the pledges, never in a year's sum;
- a figure is never added to another reporter's, nor to another measure: each (measure,
  reporter) is a line of its own, and two reporters' lines of one measure, or two
  reporters' figures of the same scope apart, are marked disputed, side by side;
- a figure is compared with the year's pledges that match it in what it states (grants,
  or loans and guarantees; what it was for), and only when those are of one sort, so
  that no comparison adds loans to grants; otherwise it is not comparable, and no share
  is given;
- shares are of euros, each figure valued at the ECB rate of its own day;
- no figure is never 0: a party-year without one says "no figure", or "not yet due"
  while its year has not ended by the data's date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, NamedTuple

from agreements_cli import totals
from agreements_cli.deliveries import MEASURES, Delivery
from agreements_cli.records import DEFAULT_KIND, EXACT, Party, Pledge

STATES = ("exceeded", "met", "partly", "not yet due", "no figure", "no pledge", "not comparable")
LOANS = ("loan", "guarantee")


def sort_of(instrument: str | None) -> str | None:
    """The sort a figure is compared within: grant, loan_or_guarantee, or None (unstated)."""
    if instrument is None:
        return None
    return "loan_or_guarantee" if instrument in LOANS else "grant"


class Line(NamedTuple):
    """One measure of a party's year as one reporter gives it, and against what."""

    measure: str
    reporter: str
    sort: str | None  # the figures' sort (see ``sort_of``)
    kind: str | None  # what they were for, where stated
    value_eur: int
    figures: tuple[int, ...]  # the ids of the figures added
    qualified: bool  # some figure is about, at least or up to
    pledged_eur: int | None  # the year's pledges of the same sort; None: none comparable
    share: str | None  # value_eur / pledged_eur, to three decimals
    state: str
    disputed: bool = False  # another reporter gives the same measure for the year

    def as_dict(self) -> dict[str, Any]:
        return {**self._asdict(), "figures": list(self.figures)}


class PartyDone(NamedTuple):
    """One party's year: what it pledged for it (euros, each sort apart; None: no pledge
    of that sort), the lines of what was done, and the year's state."""

    code: str
    country: str
    year: int
    pledges: tuple[int, ...]  # the ids of the pledges with a figure for the year
    pledged_grant_eur: int | None
    pledged_loan_eur: int | None
    pledged_unstated_eur: int | None
    pledged_qualified: bool  # some pledge is a cap (up to) or a floor (at least)
    pledged_spread: bool  # some pledge's figure is a share of a longer amount
    lines: tuple[Line, ...]
    state: str
    ended: bool  # the year had ended by the data's date
    pledged_qualifiers: tuple[str, ...] = ()  # "at least", "up to": those of its pledges

    def as_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["pledges"] = list(self.pledges)
        data["pledged_qualifiers"] = list(self.pledged_qualifiers)
        data["lines"] = [line.as_dict() for line in self.lines]
        return data


class Apart(NamedTuple):
    """A figure that no year holds (a running total, or a period of several years), shown
    beside the pledges; ``disputed_by``: the other reporters of figures of its scope."""

    figure: Delivery
    country: str
    disputed_by: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.figure.as_dict(),
            "country": self.country,
            "disputed_by": list(self.disputed_by),
        }


class PromisedDone(NamedTuple):
    """The report: the party-years in party and year order, then the figures apart."""

    years: list[PartyDone]
    apart: list[Apart]


def _share(value: int, pledged: int | None) -> str | None:
    if not pledged:
        return None
    ratio = (Decimal(value) / Decimal(pledged)).quantize(Decimal("0.001"), ROUND_HALF_EVEN)
    return str(ratio)


def _state(value: int, pledged: int | None, ended: bool, without: str) -> str:
    """A line's state; ``without``: what it is when there is nothing to compare with."""
    if pledged is None:
        return without
    if value > pledged:
        return "exceeded"
    if value == pledged:
        return "met"
    return "partly" if ended else "not yet due"


def _kind(kind: str | None) -> str | None:
    return None if kind in (None, DEFAULT_KIND) else kind


def _against(
    sort: str | None, kind: str | None, found: Sequence[tuple[Pledge, totals.YearFigure]]
) -> tuple[int | None, str]:
    """What a line of ``sort`` and ``kind`` (None: not stated) is compared with: the sum in
    euros of the year's pledges that match it in all it states. When there is none, why:
    no pledge (the year has none), or not comparable (none matches; those that match are
    of more than one sort, so that a sum would add loans to grants; or one has no EUR
    value)."""
    if not found:
        return None, "no pledge"
    matching = [
        (pledge, figure)
        for pledge, figure in found
        if (sort is None or sort_of(pledge.instrument) == sort)
        and (kind is None or _kind(pledge.kind) == kind)
    ]
    sorts = {sort_of(pledge.instrument) for pledge, _ in matching}
    values = [figure.value_eur for _, figure in matching]
    if not matching or len(sorts) > 1 or any(v is None for v in values):
        return None, "not comparable"
    return sum(v for v in values if v is not None), "not comparable"


def _pledged(found: Sequence[tuple[Pledge, totals.YearFigure]]) -> dict[str | None, int | None]:
    """The year's pledged euros by sort; a sort's sum is None when some figure of it has
    no EUR value (written before EUR values were kept)."""
    sums: dict[str | None, int | None] = {}
    for pledge, figure in found:
        key = sort_of(pledge.instrument)
        known = sums.get(key, 0)
        sums[key] = None if known is None or figure.value_eur is None else known + figure.value_eur
    return sums


def _lines(
    figures: Sequence[Delivery],
    pledged: Sequence[tuple[Pledge, totals.YearFigure]],
    ended: bool,
) -> list[Line]:
    groups: dict[tuple[str, str, str | None, str | None], list[Delivery]] = {}
    for figure in figures:
        key = (figure.measure, figure.reporter, sort_of(figure.instrument), _kind(figure.kind))
        groups.setdefault(key, []).append(figure)
    lines = []
    for (measure, reporter, sort, kind), found in groups.items():
        value = sum(f.value_eur for f in found)
        against, without = _against(sort, kind, pledged)
        lines.append(
            Line(
                measure,
                reporter,
                sort,
                kind,
                value,
                tuple(f.id for f in found if f.id is not None),
                any(f.qualifier != EXACT for f in found),
                against,
                _share(value, against),
                _state(value, against, ended, without),
            )
        )
    by_measure: dict[str, set[str]] = {}
    for line in lines:
        by_measure.setdefault(line.measure, set()).add(line.reporter)
    order = {m: i for i, m in enumerate(MEASURES)}
    return sorted(
        (line._replace(disputed=len(by_measure[line.measure]) > 1) for line in lines),
        key=lambda line: (order[line.measure], line.reporter),
    )


_RANK = {state: rank for rank, state in enumerate(STATES)}


def _year_state(lines: Sequence[Line], ended: bool, pledged_any: bool) -> str:
    """The year's state: the best of its lines (exceeded before met before partly ...);
    without a line, no figure (not yet due while the year has not ended)."""
    if not lines:
        return "no figure" if ended or not pledged_any else "not yet due"
    return min((line.state for line in lines), key=_RANK.__getitem__)


def promised_done(
    rows: Sequence[Party],
    pledges: Iterable[Pledge],
    figures: Iterable[Delivery],
    data_as_of: str | None,
    year: int | None = None,
) -> PromisedDone:
    """Each party's years (those its pledges cover and those its figures fall in; with
    ``year``, that one) against what was done, parties in the order of ``rows``; then the
    figures no year holds (with ``year``: those of the parties shown that began by its
    end). A year has ended when the data's date is after its last day."""
    ledger = totals.ledgers(pledges)
    done: dict[str, list[Delivery]] = {}
    for figure in figures:
        done.setdefault(figure.code, []).append(figure)
    years: list[PartyDone] = []
    apart: list[Apart] = []
    for row in rows:
        own, said = ledger.get(row.code, []), done.get(row.code, [])
        in_years: dict[int, list[Delivery]] = {}
        for figure in said:
            if figure.year is not None:
                in_years.setdefault(figure.year, []).append(figure)
        wanted = sorted(set(totals.years_covered(own)) | set(in_years))
        if year is not None:
            wanted = [y for y in wanted if y == year]
        for each in wanted:
            ended = data_as_of is not None and data_as_of > f"{each}-12-31"
            found = totals.figures(own, each)
            pledged = _pledged(found)
            lines = _lines(in_years.get(each, []), found, ended)
            years.append(
                PartyDone(
                    row.code,
                    row.country,
                    each,
                    tuple(p.id for p, _ in found if p.id is not None),
                    pledged.get("grant"),
                    pledged.get("loan_or_guarantee"),
                    pledged.get(None),
                    any(p.qualifier != EXACT for p, _ in found),
                    any(f.spread for _, f in found),
                    tuple(lines),
                    _year_state(lines, ended, bool(found)),
                    ended,
                    tuple(sorted({p.qualifier for p, _ in found} - {EXACT})),
                )
            )
        shown = year is None or bool(wanted)
        others = [f for f in said if f.year is None]
        for figure in others:
            if not shown or (year is not None and figure.period_from > f"{year}-12-31"):
                continue
            rivals = sorted(
                {o.reporter for o in others if o.scope() == figure.scope()} - {figure.reporter}
            )
            apart.append(Apart(figure, row.country, tuple(rivals)))
    return PromisedDone(years, apart)


# The report as one table (CSV, Markdown, the data package, Datasette): a row for each
# line of a party's year (a year without a line: one row, its measure empty), then a row
# for each figure apart (no year; its state "apart").
FLAT_FIELDS = (
    "code", "country", "year", "period_from", "period_to", "cumulative",
    "pledged_grant_eur", "pledged_loan_eur", "pledged_unstated_eur", "pledged_qualified",
    "pledged_spread", "measure", "reporter", "value_eur", "qualified", "pledged_eur",
    "share", "state", "disputed", "figures",
)  # fmt: skip


def flat_rows(report: PromisedDone) -> Iterable[dict[str, Any]]:
    """The report's rows under ``FLAT_FIELDS``."""
    for done in report.years:
        pledged = {
            "code": done.code, "country": done.country, "year": done.year,
            "period_from": None, "period_to": None, "cumulative": False,
            "pledged_grant_eur": done.pledged_grant_eur,
            "pledged_loan_eur": done.pledged_loan_eur,
            "pledged_unstated_eur": done.pledged_unstated_eur,
            "pledged_qualified": done.pledged_qualified, "pledged_spread": done.pledged_spread,
        }  # fmt: skip
        if not done.lines:
            yield {**pledged, **dict.fromkeys(FLAT_FIELDS[11:], None), "state": done.state,
                   "disputed": False, "figures": ""}  # fmt: skip
        for line in done.lines:
            yield {
                **pledged,
                "measure": line.measure, "reporter": line.reporter, "value_eur": line.value_eur,
                "qualified": line.qualified, "pledged_eur": line.pledged_eur,
                "share": line.share, "state": line.state, "disputed": line.disputed,
                "figures": " ".join(str(i) for i in line.figures),
            }  # fmt: skip
    for apart in report.apart:
        figure = apart.figure
        yield {
            "code": figure.code, "country": apart.country, "year": None,
            "period_from": figure.period_from, "period_to": figure.period_to,
            "cumulative": figure.cumulative,
            **dict.fromkeys(FLAT_FIELDS[6:11], None),
            "pledged_qualified": None, "pledged_spread": None,
            "measure": figure.measure, "reporter": figure.reporter,
            "value_eur": figure.value_eur, "qualified": figure.qualifier != EXACT,
            "pledged_eur": None, "share": None, "state": "apart",
            "disputed": bool(apart.disputed_by), "figures": str(figure.id or ""),
        }  # fmt: skip
