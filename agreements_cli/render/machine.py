"""Machine formats: JSON, CSV and Markdown, written with the standard library alone.

Rich never touches them (it would wrap long lines at 80 columns in a pipe and break the
JSON); every control or format character from the data is escaped, so nothing live
reaches a terminal, and the same data reaches a parser.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any, TextIO

from agreements_cli.records import KINDS, Progress
from agreements_cli.safety import for_spreadsheet, json_text, visible


def plain(value: Any) -> Any:
    """Records (anything with ``as_dict``), and lists of them, as plain JSON values."""
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def _ascii_only(out: TextIO) -> bool:
    """Whether ``out`` cannot show every letter (its encoding is not UTF): JSON then gives
    them as \\uXXXX, the same data. (A string in memory has no encoding and takes any.)"""
    encoding = out.encoding
    return encoding is not None and not codecs.lookup(encoding).name.startswith("utf")


def write_json(data: object, out: TextIO | None = None) -> None:
    """JSON with non-ASCII letters as they are, but every control or format character
    escaped as \\uXXXX (json leaves DEL, C1 and bidi controls raw): the same data for a
    parser, nothing live for a terminal."""
    out = out or sys.stdout
    ascii_only, value = _ascii_only(out), plain(data)
    if not (isinstance(value, dict) and value and all(isinstance(k, str) for k in value)):
        out.write(json_text(value, ascii_only=ascii_only, indent=2) + "\n")
        return
    # An object is written a member at a time, and a list in it an item at a time (an
    # export's parties): the text of the whole is never held, and is the same text.
    separator = "{\n  "
    for key, member in value.items():
        out.write(f"{separator}{json_text(key, ascii_only)}: ")
        if isinstance(member, list) and member:
            _write_items(member, out, ascii_only, level=2)
        else:
            out.write(json_text(member, ascii_only=ascii_only, indent=2, level=2))
        separator = ",\n  "
    out.write("\n}\n")


def _write_items(items: Iterable[Any], out: TextIO, ascii_only: bool, level: int) -> bool:
    """A list's items at ``level``, as ``json_text`` lays them out there, written one at a
    time; whether there was any (nothing is written for none)."""
    inner = " " * (level + 2)
    first = True
    for item in items:
        text = json_text(plain(item), ascii_only=ascii_only, indent=2, level=level + 2)
        out.write(("[\n" if first else ",\n") + inner + text)
        first = False
    if not first:
        out.write(f"\n{' ' * level}]")
    return not first


def write_json_list(items: Iterable[Any], out: TextIO | None = None) -> None:
    """A JSON list written as it goes, an item at a time, laid out as ``write_json`` lays
    out the whole list: memory does not grow with the list."""
    out = out or sys.stdout
    out.write("\n" if _write_items(items, out, _ascii_only(out), level=0) else "[]\n")


def write_ndjson(value: object, out: TextIO | None = None) -> None:
    """Newline-delimited JSON: a record a line (a list, one line per item, written as it is
    read; anything else, one line), escaped as ``write_json`` escapes."""
    out = out or sys.stdout
    ascii_only = _ascii_only(out)
    items = [value] if isinstance(value, dict) or hasattr(value, "as_dict") else value
    for item in items:  # type: ignore[attr-defined]
        out.write(json_text(plain(item), ascii_only=ascii_only) + "\n")


def write_csv(
    rows: Iterable[dict], fields: Sequence[str], out: IO[str] | None = None, delimiter: str = ","
) -> None:
    """CSV, or with a tab as ``delimiter`` TSV (a cell with a tab, a quote or a line break
    is quoted, as spreadsheets read it)."""
    import csv  # (0.9 ms: loaded by the CSV and TSV outputs alone, not by JSON's)

    writer = csv.writer(out or sys.stdout, lineterminator="\n", delimiter=delimiter)
    writer.writerow(fields)
    cell = _csv_cell
    writer.writerows([cell(row.get(f)) for f in fields] for row in rows)  # None: an empty field


def _csv_cell(value: object) -> object:
    """A value as a CSV cell: a text no spreadsheet takes for a formula; numbers as they are."""
    if isinstance(value, str):
        return for_spreadsheet(visible(value))
    return _csv_value(value)  # (true or false, or a number as it is: no formula)


def _csv_value(value: object) -> object:
    if isinstance(value, bool):  # as in JSON, not Python's True and False
        return "true" if value else "false"
    return visible(value) if isinstance(value, str) else value


# What a Markdown renderer would act on in a table cell: HTML (a <script>, an <img
# onerror=...>, an autolink) as entities; link and image brackets, emphasis and code
# marks, and the cell's own bar escaped with a backslash, which CommonMark shows as text
# (not "_": keys such as data_as_of keep it, and within a word it marks nothing).
_MD_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MD_PUNCTUATION = re.compile(r"([\\`*\[\]|~!])")


def _md_cell(value: object) -> str:
    text = "" if value is None else visible(str(_csv_value(value)))
    # visible() keeps a line break (a carriage return it shows as \x0d); a row is one line.
    text = _MD_PUNCTUATION.sub(r"\\\1", text.translate(_MD_ENTITIES))
    return text.replace("\n", " ").replace("\t", " ")


def write_markdown(
    headers: Sequence[str], rows: Iterable[Sequence[object]], out: IO[str] | None = None
) -> None:
    out = out or sys.stdout
    out.write("| " + " | ".join(_md_cell(h) for h in headers) + " |\n")
    out.write("|" + "|".join("---" for _ in headers) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_md_cell(v) for v in row) + " |\n")


def progress_flat(summary: Progress) -> dict:
    """The summary with its lists as text, for Markdown: the parties outside the count, and
    the grants tied to the agreements per year (USD) with how many of the parties signed
    by then state a figure ('2024: 29208409794 in tied grants (17 of 23 parties state a
    figure); 2025: ... (partial: 4 of 23 ...)')."""
    outside = "; ".join(f"{p.country} ({p.status})" for p in summary.outside_count)
    years = "; ".join(
        f"{y.year}: {_known(y.tied_grant_value_usd)} in grants with the agreements "
        f"({'partial: ' if y.partial else ''}"
        f"{y.parties_with_value} of {y.parties_with_value + y.parties_without_value} parties "
        "state a figure)"
        for y in summary.pledged_by_year
    )
    return {**summary.as_dict(), "outside_count": outside, "pledged_by_year": years}


# The money of each year, as progress writes it in CSV and TSV: a row a year. Each column
# adds like with like: grants (the headline: those tied to the agreements), loans and
# guarantees, and figures whose instrument is not stated, each apart; the grants by kind.
_YEAR_MONEY = (
    "tied_grant_value_usd", "tied_grant_value_eur", "partial", "parties_with_value",
    "parties_without_value", "parties_signed_by_year_end", "grant_value_usd",
    "loan_value_usd", "guarantee_value_usd", "unstated_instrument_value_usd",
)  # fmt: skip
_KIND_COLUMNS = tuple(f"{kind}_grant_value_usd" for kind in KINDS)
YEAR_FIELDS = ("year", *_YEAR_MONEY, *_KIND_COLUMNS, "cap_value_usd", "floor_value_usd",
               "caps_and_floors", "spread_value_usd", "data_as_of", "as_of")  # fmt: skip


def year_rows(summary: Progress) -> list[dict]:
    """The money pledged for each year, a row a year (its grants by kind in a column each,
    the parties whose figure is a cap or a floor as codes), each with the data's date."""
    rows = []
    for year in summary.pledged_by_year:
        values = year._asdict()
        row = {"year": year.year, **{field: values[field] for field in _YEAR_MONEY}}
        grants = year.grants_by_kind or {}
        row.update({f"{kind}_grant_value_usd": grants.get(kind, 0) for kind in KINDS})
        row.update(
            cap_value_usd=year.cap_value_usd,
            floor_value_usd=year.floor_value_usd,
            caps_and_floors="; ".join(year.caps_and_floors),
            spread_value_usd=year.spread_value_usd,
            data_as_of=summary.data_as_of,
            as_of=summary.as_of,
        )
        rows.append(row)
    return rows


def _known(value: int | None) -> object:
    return "unknown" if value is None else value


def progress_rows(summary: Progress) -> list[list[object]]:
    return [[key, value] for key, value in progress_flat(summary).items()]
