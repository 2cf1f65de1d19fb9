"""Pledges as flat rows, in the shape other trackers and newsrooms publish them: one row a
commitment (donor, announcement date, type, amount, currency, source, explanation).

A mapping names the column each field is read from: the fields' own names (as `pledge
list --format csv` writes them), ``kiel`` (the column names of the Kiel Institute's Ukraine
Support Tracker), or the user's ``COLUMN=FIELD`` pairs. A row is matched with the ledger
by party, announcement date, amount and currency, so that importing the same sheet twice
changes nothing; a pledge already in the ledger is left as it is there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from agreements_cli import countries
from agreements_cli.errors import BadInput, Fix
from agreements_cli.formats.sheets import Table
from agreements_cli.records import CHECKING, DEFAULT_KIND, EXACT, Pledge, Tick
from agreements_cli.rules import build_pledge, parse_date
from agreements_cli.safety import from_spreadsheet
from agreements_cli.texts import interned

FIELDS = (
    "country", "announced_on", "amount", "currency", "years", "per_year", "kind",
    "instrument", "tie", "qualifier", "source", "note", "usd_rate_date",
)  # fmt: skip
NEEDED = ("country", "announced_on", "amount", "currency")
# The years as `pledge list --format csv` writes them, read where no years column is.
SPAN = ("first_year", "last_year", "first_month", "last_month")
# Columns `pledge list --format csv` writes that are not stated but computed, or the
# ledger's own: read from no sheet.
COMPUTED = {"id", "code", "value_usd", "usd_rate", "value_eur", "eur_rate", "eur_rate_date",
            "replaces", "counts", "replaced_by"}  # fmt: skip
# What a cell holds when the sheet does not know the value (Kiel writes "."): unknown,
# never 0. A donor's cell is read without "na": it is Namibia's code.
UNKNOWN = {"", ".", "-", "n/a", "na", "unknown", "?"}
UNKNOWN_DONOR = UNKNOWN - {"na"}

# The Kiel Institute's Ukraine Support Tracker ("Bilateral Assistance, MAIN DATA"): the
# column each field is read from, by the names its releases have used (in any case). Its
# other columns (ID, Converted Value in EUR, Type of Aid Specific when it is not an
# instrument, items and units, ...) are not read: the amount is taken as stated, in its
# own currency, and converted here at the ECB rate of the announcement.
KIEL = {
    "country": ("countries", "country", "donor"),
    "announced_on": ("announcement date",),
    "kind": ("type of aid general",),
    "instrument": ("type of aid specific",),
    "amount": ("monetary value as given by source", "reported value",
               "value as given by source", "amount"),
    "currency": ("original currency", "reported currency", "currency"),
    "source": ("source of announcement", "link", "source"),
    "note": ("explanation",),
}  # fmt: skip
# Kiel's words for how financial aid is given, where they name an instrument: an "ERA
# Loan" (the G7's loans repaid from Russia's immobilised assets) is a loan; a "Swap line"
# is none of the three, and like any other word is no instrument.
KIEL_INSTRUMENTS = {"loan": "loan", "loans": "loan", "era loan": "loan", "grant": "grant",
                     "grants": "grant", "guarantee": "guarantee",
                     "guarantees": "guarantee"}  # fmt: skip


class Mapping(NamedTuple):
    """Which column each field is read from (``columns``), and whether Kiel's values are
    read as Kiel writes them (``kiel``: an instrument only where its words name one)."""

    columns: dict[str, str]
    kiel: bool = False


def folded(name: str) -> str:
    """A column's name as names are matched: case and runs of spaces folded."""
    return " ".join(name.split()).casefold()


def mapping(table: Table, maps: Sequence[str]) -> Mapping:
    """The mapping of ``table``'s columns that the ``--map`` values ``maps`` give: ``kiel``,
    ``COLUMN=FIELD`` pairs (comma-separated, and as many as given), or none (the columns
    named as the fields are)."""
    present = {folded(column): column for column in table.columns}
    columns: dict[str, str] = {}
    kiel = False
    for given in maps:
        if given.strip().casefold() == "kiel":
            kiel = True
            for field, names in KIEL.items():
                found = next((present[n] for n in names if n in present), None)
                if found is not None:
                    columns.setdefault(field, found)
            continue
        for pair in given.split(","):
            # (the last "=": a column's name may hold one, a field's never does)
            column, equals, field = pair.rpartition("=")
            column, field = column.strip(), field.strip().casefold()
            if not equals or not column or not field:
                raise BadInput(
                    f"the mapping {pair.strip()!r} is not COLUMN=FIELD, e.g. "
                    "'Donor=country,Date=announced_on', or kiel"
                )
            if field not in FIELDS:
                raise BadInput(
                    f"the mapping {pair.strip()!r} names no field of a pledge. "
                    f"Fields: {', '.join(FIELDS)}"
                )
            if folded(column) not in present:
                raise BadInput(
                    f"the mapping {pair.strip()!r} names a column the file does not "
                    f"have. Its columns: {', '.join(table.columns)}"
                )
            columns[field] = present[folded(column)]
    for field in (*FIELDS, *SPAN):  # a column named as a field is that field
        if field not in columns and field in present:
            columns[field] = present[field]
    if "country" not in columns and "code" in present:
        columns["country"] = present["code"]
    missing = [field for field in NEEDED if field not in columns]
    if missing and len(table.sheets) > 1:
        raise BadInput(
            f"{table.read_as} has no column for the pledge's {', '.join(missing)} (its "
            f"columns: {', '.join(table.columns)}). The workbook's sheets: "
            f"{', '.join(table.sheets)}",
            Fix.CHOOSE_SHEET,
        )
    if missing:
        how = "Kiel's mapping finds" if kiel else "map it with COLUMN=FIELD, e.g."
        example = ", ".join(KIEL[missing[0]]) if kiel else f"'{table.columns[0]}={missing[0]}'"
        raise BadInput(
            f"the file has no column for the pledge's {', '.join(missing)} (its columns: "
            f"{', '.join(table.columns)}); {how} {example}"
        )
    return Mapping(columns, kiel)


class Row(NamedTuple):
    """A row of the sheet as a pledge of a party (or the reason it is none)."""

    line: int
    who: str  # the donor as the sheet names it
    pledge: Pledge | None
    skipped: str | None = None


def read_rows(table: Table, chosen: Mapping, today: date, tick: Tick | None = None) -> list[Row]:
    """Every row of the sheet as a pledge, checked by the rules of `pledge add`. A row
    with no amount, currency or date stated (empty, or "." as Kiel writes it) is no
    pledge: it is skipped and said, never taken as 0. A donor agreements cannot name is
    skipped and said too; any other bad value refuses the sheet, naming the line."""

    rows = []
    names: dict[str, Any] = {}  # a donor's name -> its party, or why it is none (once each)
    index = {field: table.columns.index(column) for field, column in chosen.columns.items()}
    # A sheet read row by row has no total to show (0); its rows are never all held.
    total = len(table.rows) if isinstance(table.rows, list) else 0
    for done, (line, cells) in enumerate(table.rows):
        if tick:
            tick(CHECKING, done, total)
        given = {f: from_spreadsheet(cells[i].strip()) for f, i in index.items()}
        who = interned(given["country"])
        unknown = [
            f
            for f in ("country", "amount", "currency", "announced_on")
            if given[f].casefold() in (UNKNOWN_DONOR if f == "country" else UNKNOWN)
        ]
        if unknown:
            rows.append(Row(line, who, None, f"no {_NAMES[unknown[0]]} stated (unknown, not 0)"))
            continue
        if who not in names:
            try:
                names[who] = countries.resolve(who)
            except BadInput as error:
                names[who] = error
        party = names[who]
        if isinstance(party, BadInput):
            rows.append(Row(line, who, None, party.reason))
            continue
        try:
            announced = parse_date(given["announced_on"], "announcement date", today)
            kind = stated(given, "kind") or DEFAULT_KIND
            instrument = stated(given, "instrument")
            if chosen.kiel and instrument is not None:
                instrument = KIEL_INSTRUMENTS.get(instrument.casefold())
            rate_date = stated(given, "usd_rate_date")
            pledge = build_pledge(
                party.code,
                given["amount"],
                given["currency"],
                stated(given, "years") or _span(given) or str(announced.year),
                today,
                per_year=_yes(stated(given, "per_year")),
                kind=kind.lower(),
                qualifier=(stated(given, "qualifier") or EXACT).lower(),
                announced_on=announced.isoformat(),
                source=stated(given, "source"),
                note=stated(given, "note"),
                instrument=instrument,
                tie=stated(given, "tie"),
                convert_on=parse_date(rate_date, "usd_rate_date", today) if rate_date else None,
            )
        except BadInput as error:  # (a row without a donor was skipped above)
            if chosen.kiel:  # a release holds rows it cannot: each is skipped, and said
                rows.append(Row(line, who, None, error.reason))
                continue
            raise error.within(f"line {line} ({who})") from None
        rows.append(Row(line, who, Pledge._make(map(interned, pledge))))
    if tick:  # (a row each, read or skipped)
        tick(CHECKING, len(rows), total or len(rows))
    return rows


_NAMES = {"country": "donor", "amount": "amount", "currency": "currency",
          "announced_on": "announcement date"}  # fmt: skip


def stated(given: dict[str, str], field: str) -> str | None:
    """A row's value of ``field``, or None where it is not stated (empty, or "." as Kiel
    writes an unknown value): unknown, never 0."""
    value = given.get(field)
    return None if value is None or value.casefold() in UNKNOWN else value


def _span(given: dict[str, str]) -> str | None:
    """The years of a row that gives them as `pledge list --format csv` does."""
    first, last = stated(given, "first_year"), stated(given, "last_year")
    if first is None:
        return None
    last = last or first
    months = (stated(given, "first_month") or "1", stated(given, "last_month") or "12")
    if months == ("1", "12"):
        return first if first == last else f"{first}-{last}"
    if not all(month.isascii() and month.isdigit() for month in months):
        raise BadInput(f"the months {months[0]!r} and {months[1]!r} are not month numbers")
    return f"{first}-{int(months[0]):02d}..{last}-{int(months[1]):02d}"


def _yes(value: str | None) -> bool:
    if value is None:
        return False
    word = value.casefold()
    if word in ("true", "yes", "1", "y"):
        return True
    if word in ("false", "no", "0", "n"):
        return False
    raise BadInput(f"per_year is {value!r}; use true or false")
