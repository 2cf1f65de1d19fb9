"""The Kiel Institute's Ukraine Support Tracker as it is published now ("Bilateral
Assistance, MAIN DATA" of releases 21 to 30: snake_case columns, a row a sub-activity).

Its ``measure`` tells a commitment (what a donor promised: a pledge) from an allocation
(what it set aside: a figure of what was done); ``tot_value_deliv_EUR`` is what Kiel
counts as delivered. A row is a sub-activity: the rows of one activity and measure are
added into one pledge or one figure, each sub-activity once (never the activity's total
once a row). A row that cannot be read is skipped and said, with why; the sheet is never
refused for one row. Kiel's older layout (2022-23: "Countries", "Announcement Date", ...)
is read by the plain mapping of ``pledgesheet``.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from agreements_cli import countries, money
from agreements_cli.deliveries import Delivery
from agreements_cli.done import build_delivery
from agreements_cli.errors import BadInput
from agreements_cli.formats.pledgesheet import (
    KIEL_INSTRUMENTS,
    UNKNOWN,
    UNKNOWN_DONOR,
    folded,
    stated,
)
from agreements_cli.formats.sheets import Table
from agreements_cli.records import (
    CHECKING,
    DEFAULT_KIND,
    EARLIEST_YEAR,
    KINDS,
    LATEST_YEAR,
    Pledge,
    Tick,
)
from agreements_cli.rules import MAX_NOTE, build_pledge, parse_date
from agreements_cli.safety import from_spreadsheet

# The page of the tracker: the source of what its releases say.
SOURCE = "https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/"
# The columns read, by field (names folded: case and runs of spaces).
COLUMNS = {
    "activity": "activity_id",
    "sub_activity": "sub_activity_id",
    "country": "donor",
    "announced_on": "announcement_date",
    "kind": "aid_type_general",
    "instrument": "aid_type_specific",
    "measure": "measure",
    "note": "explanation",
    "currency": "reporting_currency",
    "sub_value": "tot_sub_activity_value",
    "activity_value": "tot_activity_value",
    "reported_value": "source_reported_value",
    "delivered_eur": "tot_value_deliv_eur",
    "year": "earmarked_year",
}
NEEDED = ("country", "announced_on", "measure", "currency")
# Kiel's words for how money is given are read as its older layout's are
# (``pledgesheet.KIEL_INSTRUMENTS``): any word that names none of the tool's instruments
# (a swap line, a contribution, the kind of weapon) is no instrument, and said.
MEASURES = {"commitment": "committed", "allocation": "allocated"}


def is_current(table: Table) -> bool:
    """Whether ``table`` is in the current layout: it has Kiel's donor, date and measure."""
    present = {folded(c) for c in table.columns}
    return all(COLUMNS[field] in present for field in NEEDED)


def wanted_columns(header: Sequence[str]) -> list[int] | None:
    """The indexes of the columns a current release is read from (None: not a current
    release, so every column is kept): a release has 89 and more, 14 are read."""
    names = {folded(column): index for index, column in enumerate(header)}
    if not all(COLUMNS[field] in names for field in NEEDED):
        return None
    return sorted(names[name] for name in COLUMNS.values() if name in names)


# The names of the donor and date columns of either layout: a sheet whose header has
# both holds Kiel's data (a workbook's main data sheet is not its first).
_DONOR = ("donor", "countries", "country")
_DATE = ("announcement_date", "announcement date")


def takes(header: Sequence[str]) -> bool:
    """Whether a sheet with ``header`` holds the tracker's rows, in either layout."""
    present = {folded(column) for column in header}
    return any(n in present for n in _DONOR) and any(n in present for n in _DATE)


class Skipped(NamedTuple):
    line: int
    who: str
    why: str


class Figure(NamedTuple):
    """An activity's rows of one measure added into one pledge or one figure done."""

    line: int  # its first row's
    who: str
    pledge: Pledge | None
    delivery: Delivery | None


class Read(NamedTuple):
    """A current release as read: its pledges and figures, the rows skipped (with why),
    the donors it names that agreements does not know (with their rows), Kiel's words
    for an instrument that name none of the tool's (with their rows), and what else to
    say (an activity whose total is not the sum of its sub-activities)."""

    figures: list[Figure]
    skipped: list[Skipped]
    unknown_donors: Counter[str]
    unmapped: Counter[str]
    notes: list[str]
    rows: int


# The fields of an activity's first row that its pledge or figure is made of.
_KEPT = ("announced_on", "kind", "instrument", "note", "year")


class _Group:
    __slots__ = ("line", "who", "code", "measure", "currency", "total", "first",
                 "activity_total")  # fmt: skip

    def __init__(self, line: int, who: str, code: str, measure: str, currency: str,
                 first: dict[str, str]):  # fmt: skip
        self.line, self.who, self.code, self.measure = line, who, code, measure
        self.currency, self.first = currency, first
        self.total = Decimal(0)
        self.activity_total: Decimal | None = None


class _Reader:
    """The state of a read: the groups of rows, what was skipped, the names met."""

    def __init__(self, table: Table, today: date):
        self.today = today
        self.index = {
            field: table.columns.index(column)
            for column in table.columns
            for field, name in COLUMNS.items()
            if folded(column) == name
        }
        self.groups: dict[tuple, _Group] = {}
        self.delivered: set[tuple] = set()  # (code, activity, sub-activity): counted once
        self.skipped: list[Skipped] = []
        self.unknown_donors: Counter[str] = Counter()
        self.unmapped: Counter[str] = Counter()
        self.names: dict[str, str | None] = {}  # a donor's name -> its code (None: no party)

    def code_of(self, line: int, who: str) -> str | None:
        if who.casefold() in UNKNOWN_DONOR:
            self.skipped.append(Skipped(line, who, "no donor stated"))
            return None
        if who not in self.names:
            try:
                self.names[who] = countries.resolve(who).code
            except BadInput:
                self.names[who] = None
        code = self.names[who]
        if code is None:
            self.unknown_donors[who] += 1
        return code

    def row(self, line: int, cells: list[str]) -> None:
        given = {f: from_spreadsheet(cells[i].strip()) for f, i in self.index.items()}
        who = given["country"]
        code = self.code_of(line, who)
        if code is None:
            return
        word = (given.get("instrument") or "").strip()
        if word and word.casefold() not in KIEL_INSTRUMENTS and word.casefold() not in UNKNOWN:
            self.unmapped[word] += 1
        measure = MEASURES.get(given["measure"].casefold())
        activity = stated(given, "activity") or f"line {line}"
        delivered = stated(given, "delivered_eur")
        if delivered is not None:
            # (a sub-activity's rows of each measure carry the same delivered value)
            once = (code, activity, stated(given, "sub_activity") or f"line {line}")
            if once not in self.delivered:
                self.delivered.add(once)
                self.add((code, activity, "delivered"), line, who, "EUR", delivered, given,
                         "its delivered value: ")  # fmt: skip
        if measure is None:
            if delivered is None:
                why = f"its measure {given['measure']!r} is neither Commitment nor Allocation"
                self.skipped.append(Skipped(line, who, why))
            return
        currency = stated(given, "currency")
        value = stated(given, "sub_value") or stated(given, "reported_value")
        if currency is None or value is None:
            what = "currency" if currency is None else "amount"
            self.skipped.append(Skipped(line, who, f"no {what} stated (unknown, not 0)"))
            return
        self.add((code, activity, measure), line, who, currency, value, given)

    def add(
        self,
        key: tuple,
        line: int,
        who: str,
        currency: str,
        value: str,
        given: dict[str, str],
        said: str = "",
    ) -> None:
        """Add a row's value to its activity's group of its measure, or skip it, with why."""
        code, activity, measure = key
        try:
            currency = money.check_currency(currency)
            amount = money.parse_amount(value, currency)
            parse_date(given["announced_on"], "announcement date", self.today)
        except BadInput as error:
            self.skipped.append(Skipped(line, who, said + error.reason))
            return
        group = self.groups.get(key)
        if group is None:
            # (a group keeps only what its pledge or figure is made of, not the whole row)
            first = {f: given[f] for f in _KEPT if f in given}
            group = self.groups[key] = _Group(line, who, code, measure, currency, first)
        elif group.currency != currency:
            why = f"{said}activity {activity} is in {group.currency}, this row in {currency}"
            self.skipped.append(Skipped(line, who, why))
            return
        group.total += amount
        total = stated(given, "activity_value") if measure != "delivered" else None
        if total is not None:
            with contextlib.suppress(BadInput):  # (the sub-activities are what is added)
                group.activity_total = money.parse_amount(total, currency)

    def figures(self) -> tuple[list[Figure], list[str]]:
        figures: list[Figure] = []
        noted: list[tuple[int, str]] = []
        while self.groups:  # (each group let go as its pledge or figure is made)
            (_, activity, _), group = self.groups.popitem()
            if group.activity_total is not None and group.activity_total != group.total:
                noted.append(
                    (
                        group.line,
                        f"activity {activity} ({group.who}): its sub-activities add up to "
                        f"{money.amount_text(group.total)} {group.currency}, its total says "
                        f"{money.amount_text(group.activity_total)}; the sub-activities are taken",
                    )
                )
            try:
                figures.append(_figure(group, activity, self.today))
            except BadInput as error:
                self.skipped.append(Skipped(group.line, group.who, error.reason))
        order = {"committed": 0, "allocated": 1, "delivered": 2}
        figures.sort(key=lambda f: (f.line, order[f.delivery.measure] if f.delivery else 0))
        return figures, [note for _, note in sorted(noted)]


def read(table: Table, today: date, tick: Tick | None = None) -> Read:
    """Every row of a current release, as pledges (its commitments) and figures of what
    was done (its allocations and deliveries); see the module's words."""
    reader = _Reader(table, today)
    # (rows read as they come are not counted before: no total, and nothing shown)
    total = len(table.rows) if isinstance(table.rows, list) else 0
    done = 0
    for done, (line, cells) in enumerate(table.rows, start=1):
        if tick and done % 1000 == 1:
            tick(CHECKING, done - 1, total)
        reader.row(line, cells)
    figures, notes = reader.figures()
    if tick:
        tick(CHECKING, done, total or done)
    skipped = sorted(reader.skipped, key=lambda s: s.line)
    return Read(figures, skipped, reader.unknown_donors, reader.unmapped, notes, done)


def _common(given: dict[str, str]) -> tuple[str, str | None, str]:
    kind = (given.get("kind") or "").strip().lower()
    word = (given.get("instrument") or "").strip().casefold()
    return (
        kind if kind in KINDS else DEFAULT_KIND,
        KIEL_INSTRUMENTS.get(word),
        given["announced_on"],
    )


def _note(activity: str, given: dict[str, str]) -> str:
    explanation = stated(given, "note") or ""
    text = f"Kiel Institute, activity {activity}" + (f": {explanation}" if explanation else "")
    return text if len(text) <= MAX_NOTE else text[: MAX_NOTE - 1] + "…"


def _figure(group: _Group, activity: str, today: date) -> Figure:
    given = group.first
    kind, instrument, announced = _common(given)
    amount = money.amount_text(group.total)
    if group.measure == "committed":
        year = stated(given, "year")
        years = (
            year if year and year.isdigit() and EARLIEST_YEAR <= int(year) <= LATEST_YEAR else None
        )
        pledge = build_pledge(
            group.code,
            amount,
            group.currency,
            years or announced[:4],
            today,
            per_year=False,
            kind=kind,
            qualifier="exact",
            announced_on=announced,
            source=SOURCE,
            note=_note(activity, given),
            instrument=instrument,
        )
        return Figure(group.line, group.who, pledge, None)
    figure = build_delivery(
        group.code,
        amount,
        group.currency,
        measure=group.measure,
        period=announced,
        stated_on=announced,
        reporter="tracker",
        today=today,
        kind=None if kind == DEFAULT_KIND else kind,
        instrument=instrument,
        source=SOURCE,
        note=_note(activity, given),
    )
    return Figure(group.line, group.who, None, figure)
