"""A workbook's sheet read straight from its XML, row by row: the values openpyxl's own
parser gives (``openpyxl.worksheet._reader.WorkSheetParser``, data only), at a fraction of
its cost per cell.

openpyxl makes an object of each inline string and checks each attribute through its
descriptors; a release of the Kiel Institute's tracker has 1.8 million cells, of which 14
columns are read. Here a row's cells are read from the element as it is parsed, with
openpyxl's helpers for what needs them (a cell's reference, a date's serial number), and
a cell of a column not asked for is passed over unread. The workbook itself (its sheets,
shared strings, date styles, epoch) is still opened by openpyxl. Tests prove the two
readers give the same rows (tests/library/test_sheet_xml.py).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

_ROW = f"{{{SHEET_MAIN_NS}}}row"
_VALUE = f"{{{SHEET_MAIN_NS}}}v"
_INLINE = f"{{{SHEET_MAIN_NS}}}is"
_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_RUN = f"{{{SHEET_MAIN_NS}}}r"


def _number(text: str) -> int | float:
    """A number as openpyxl reads one: a float when it has a point or an exponent."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _inline(cell: Any) -> str | None:
    """An inline string's text, its runs' text after its own (as openpyxl's Text.content)."""
    child = cell.find(_INLINE)
    if child is None:
        return None
    plain = child.find(_TEXT)
    snippets = [] if plain is None or plain.text is None else [plain.text]
    for run in child.findall(_RUN):
        text = run.find(_TEXT)
        if text is not None and text.text is not None:
            snippets.append(text.text)
    return "".join(snippets)


_DIGITS = "0123456789"


class _Columns(dict):
    """A cell reference's column number by its letters ('AB' -> 28), each worked out once
    (by openpyxl, which refuses letters that name none)."""

    def __missing__(self, letters: str) -> int:
        column = column_index_from_string(letters)
        self[letters] = column
        return column


class Rows:
    """The rows of one sheet of an open read-only workbook; ``only``, when set, holds the
    columns whose values are read (the rest are passed over, as empty)."""

    def __init__(self, book: Any, sheet: Any):
        self.sheet = sheet
        self.shared = sheet._shared_strings
        self.epoch = book.epoch
        self.dates = book._date_formats
        self.timedeltas = book._timedelta_formats
        self.only: Container[int] | None = None
        self.columns = _Columns()

    def __iter__(self) -> Iterator[tuple[int, list[dict]]]:
        number = 0
        with self.sheet._get_source() as source:
            for _, element in iterparse(source):
                if element.tag != _ROW:
                    continue
                given = element.get("r")
                if given is None:
                    number += 1
                else:
                    try:
                        number = int(given)
                    except ValueError:
                        value = float(given)
                        if not value.is_integer():
                            raise ValueError(f"{given} is not a valid row number") from None
                        number = int(value)
                yield number, self._cells(element)
                element.clear()

    def _cells(self, row: Any) -> list[dict]:
        cells = []
        column = 0
        only = self.only
        columns = self.columns
        for cell in row:
            reference = cell.get("r")
            if reference:
                letters = reference.rstrip(_DIGITS)
                if not letters or letters == reference:  # (openpyxl names what is wrong)
                    coordinate_to_tuple(reference)
                column = columns[letters]
            else:
                column += 1
            if only is not None and column not in only:
                continue
            cells.append({"column": column, "value": self._value(cell)})
        return cells

    def _value(self, cell: Any) -> object:
        kind = cell.get("t", "n")
        style = int(cell.get("s", 0) or 0)  # (refused, as openpyxl refuses it, when no number)
        if kind == "inlineStr":
            return _inline(cell)
        text = cell.findtext(_VALUE, None) or None
        if text is None:
            return None
        if kind == "n":
            value = _number(text)
            if style in self.dates:
                try:
                    return from_excel(value, self.epoch, timedelta=style in self.timedeltas)
                except (OverflowError, ValueError):  # outside the dates: an error, as openpyxl
                    return "#VALUE!"  # has it (its warning is left unsaid: the cell is named)
            return value
        if kind == "s":
            return self.shared[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # a formula's text ("str"), an error ("e")
