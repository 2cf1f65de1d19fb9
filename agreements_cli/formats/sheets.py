"""Files as people keep their data: read from a path, standard input or a web address,
within one size limit, and the table in them (a CSV with any of the usual delimiters, in
any encoding, or an Excel workbook) as a header and rows of text."""

from __future__ import annotations

import codecs
import csv
import io
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from agreements_cli.errors import BadInput, Fix
from agreements_cli.formats import web
from agreements_cli.formats.web import on_the_web

if TYPE_CHECKING:
    from agreements_cli.formats.sheetxml import Rows

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a workbook's XML, unpacked
# A sheet of pledges as trackers publish it (`pledge import`) may be larger: a release of
# the Kiel Institute's tracker is 10-20 MB of workbook, of tens of thousands of rows.
MAX_SHEET_BYTES = 40 * 1024 * 1024
MAX_SHEET_UNPACKED_BYTES = 800 * 1024 * 1024
MAX_SHEET_CELLS = 12_000_000
MAX_COLUMNS = 200  # of a table: a data file has 40, a sheet of pledges fewer
MAX_CELLS = 3_000_000  # of a workbook's sheet (100,000 pledges of 20 columns is 2 million)
EXCEL_ROWS = 1_048_576  # the last row Excel numbers
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an Excel 97-2003 workbook (.xls)


class Table(NamedTuple):
    """A table as read: its column names and its rows, each a list of text cells ("" for
    an empty cell), and how it was read (for the report)."""

    columns: list[str]
    # (its line in the file or sheet, its cells); read as it is asked for when ``lazy``
    rows: list[tuple[int, list[str]]] | Iterator[tuple[int, list[str]]]
    read_as: str  # "CSV with semicolons", "the sheet 'Pledges' of an Excel workbook", ...
    sheets: tuple[str, ...] = ()  # a workbook's sheets, for a message that names them


def suffix(name: str) -> str:
    """The extension of a file name or of a web address's path, in lower case."""
    if on_the_web(name):
        name = urlsplit(name).path
    return Path(name).suffix.lower()


def read_bytes(name: str, large: bool = False) -> bytes:
    """The bytes of the file ``name``, of standard input ('-') or of a web address, at
    most ``MAX_FILE_BYTES`` (``large``, a sheet of pledges: ``MAX_SHEET_BYTES``): a larger
    one is refused before more is read."""

    limit = MAX_SHEET_BYTES if large else MAX_FILE_BYTES
    if on_the_web(name):
        raw = web.fetch(name, limit)
    else:
        try:
            if name == "-":
                if sys.stdin is None or sys.stdin.closed:
                    raise BadInput("standard input is closed. Give a FILE to import")
                stream = getattr(sys.stdin, "buffer", None)
                raw = (
                    stream.read(limit + 1)
                    if stream is not None
                    else sys.stdin.read(limit + 1).encode("utf-8")
                )
            else:
                path = Path(name)
                if path.is_dir():
                    raise BadInput(f"{name} is a folder", Fix.EXPORTED_FILE)
                with path.open("rb") as handle:
                    raw = handle.read(limit + 1)
        except FileNotFoundError:
            raise BadInput(f"no file {name}. Check the path") from None
        except OSError as error:
            raise BadInput(f"cannot read {name}: {error.strerror}") from None
    if len(raw) > limit:
        what = "sheet of pledges" if large else "data file"
        raise BadInput(f"{name} is larger than {_limit(limit)}; no {what} of agreements is")
    return raw


def _limit(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB"


def file_type(name: str, raw: bytes) -> str:
    """ "json", "csv" or "xlsx": what a file is by its bytes, then by its name (a file
    without a known extension, standard input or a web address: JSON if it starts as
    JSON does). A workbook agreements cannot read is refused with what to do instead."""
    if raw.startswith(OLE_MAGIC):
        raise BadInput(f"{name} is an Excel 97-2003 workbook (.xls). Save it as .xlsx or CSV")
    if raw.startswith(ZIP_MAGIC):
        if b"xl/" not in raw:  # the folder every Excel workbook's parts are in
            raise BadInput(
                f"{name} is a zip file but not an Excel workbook (an OpenDocument sheet?). "
                "Save it as .xlsx or CSV"
            )
        return "xlsx"
    end = suffix(name)
    if end == ".xlsx":
        raise BadInput(f"{name} is not an Excel workbook, though its name ends in .xlsx")
    if end in (".csv", ".tsv"):
        return "csv"
    if end == ".json":
        return "json"
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if start in (b"{", b"[") else "csv"


def decode(raw: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a file: in ``encoding`` when given, else UTF-8 (with or without a
    byte-order mark) or UTF-16 with one. Text that is not in that encoding is refused
    with the byte and where it is."""
    if encoding is None:
        encoding = _by_its_mark(raw)
        given = False
    else:
        encoding = text_encoding(encoding)
        given = True
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        byte = raw[error.start]
        line = raw[: error.start].count(b"\n") + 1
        where = f"byte 0x{byte:02x} on line {line}"
        if encoding in ("utf-16", "utf-32"):
            raise BadInput(
                f"{name} starts as {encoding.upper()} text does but is not {encoding.upper()} "
                f"text ({where})"
            ) from None
        if given:
            raise BadInput(f"{name} is not {encoding} text ({where})", Fix.OTHER_ENCODING) from None
        raise BadInput(f"{name} is not UTF-8 text ({where})", Fix.GIVE_ENCODING) from None
    except UnicodeError:  # a codec that decodes nothing ('undefined')
        raise BadInput(
            f"the encoding {encoding!r} reads no text. Use one such as utf-8, cp1252 or latin-1"
        ) from None
    return text.removeprefix("\ufeff")


def _by_its_mark(raw: bytes) -> str:
    """UTF-32 or UTF-16 when the bytes start with its byte-order mark (UTF-32's first, as
    its little-endian mark starts as UTF-16's does), else UTF-8."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def text_encoding(encoding: str) -> str:
    """The codec's name of an encoding of text the user gave; a name that is no codec, or
    a codec that does not turn bytes into text (rot13, base64, zip), is refused."""
    try:
        found = codecs.lookup(encoding)
    except (LookupError, ValueError):  # (ValueError: a name with a NUL in it)
        raise BadInput(
            f"unknown encoding {encoding!r}. Use one such as utf-8, cp1252 or latin-1"
        ) from None
    if not getattr(found, "_is_text_encoding", True):
        raise BadInput(
            f"{encoding!r} is not an encoding of text (it turns bytes into bytes). Use one such "
            "as utf-8, cp1252 or latin-1"
        )
    return found.name


def delimiter(text: str) -> str:
    """The delimiter of a CSV file: whichever of , ; tab | its header line holds most
    of, outside quotes (a comma when it holds none: a file of one column)."""
    header, quoted = [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(char)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # the first of a tie: a comma
    return best if counts[best] else ","


def csv_table(text: str, name: str, keep: Columns | None = None, lazy: bool = False) -> Table:
    """A CSV file's header and rows, its delimiter found from the header line; with
    ``keep``, only the header's columns it names, of the header and of every row, as they
    are read; with ``lazy``, the rows after the header as they are asked for."""

    # A cell may be as long as the file (a party's pledges as JSON, as export writes them).
    csv.field_size_limit(max(csv.field_size_limit(), MAX_SHEET_BYTES))
    sep = delimiter(text)
    rows = _csv_rows(text, name, sep, keep)
    return _table(rows if lazy else list(rows), name, f"CSV with {_DELIMITER_NAMES[sep]}",
                  lazy=lazy)  # fmt: skip


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its end, as they are asked for: no copy of the whole
    text is made (a StringIO of it would take four bytes a character). Text whose lines end
    in a carriage return alone is read by a StringIO, which knows them."""
    if "\n" not in text and "\r" in text:
        yield from io.StringIO(text, newline="")
        return
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end == -1:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _csv_rows(
    text: str, name: str, sep: str, keep: Columns | None
) -> Iterator[tuple[int, list[str]]]:
    kept: list[int] | None = None
    width = 0  # the header's, once found
    header = keep is None
    try:
        for number, row in enumerate(csv.reader(_lines(text), delimiter=sep), 1):
            if not header and any(cell.strip() for cell in row):  # the header: what to keep
                header, kept, width = True, keep([cell.strip() for cell in row]), len(row)  # type: ignore[misc]
            if kept is not None:
                # (cells past the header's stay, so that the row is refused as too long)
                row = [row[i] if i < len(row) else "" for i in kept] + row[width:]
            yield number, row
    except csv.Error as error:
        raise BadInput(f"{name} is not a CSV file agreements can read: {error}") from None


Columns = Callable[[list[str]], "list[int] | None"]  # a header's columns to keep (None: all)
Picks = Callable[[list[str]], bool]  # whether a sheet with that header holds the table


def workbook_table(
    raw: bytes,
    name: str,
    sheet: str | None = None,
    keep: Columns | None = None,
    pick: Picks | None = None,
    large: bool = False,
    lazy: bool = False,
) -> Table:
    """The table of an Excel workbook's sheet (the first, unless ``sheet`` names one, or
    ``pick`` takes another by its header: the first it takes, else the first sheet):
    dates as YYYY-MM-DD, numbers as written (1500000, not 1500000.0), formulas as their
    last computed value.

    openpyxl reads a sheet lazily, as its rows are asked for, so whatever it raises then
    (bad XML, an impossible date, a cell reference that is not one) is caught here too and
    worded as an input error. Its rows are read as the sheet holds them, cell by cell: a
    row is as long as its last cell with text (at most ``MAX_COLUMNS`` columns), and rows
    missing from the sheet are not made up, so the memory and time of a read follow the
    cells the file holds, not the row numbers or the sheet's declared size. With ``keep``,
    only the columns it names of the header are kept, of the header and of every row, as
    they are read: a sheet of 89 columns of which 14 are read holds 14 in memory. With
    ``lazy``, the rows after the header are read as they are asked for, never all held."""
    import zipfile

    from openpyxl import load_workbook  # only for a workbook: about 90 ms to import

    try:  # a workbook is a zip: 10 MB of it could hold gigabytes of XML
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise BadInput(f"{name} is not an Excel workbook agreements can read ({error})") from None
    most = MAX_SHEET_UNPACKED_BYTES if large else MAX_UNPACKED_BYTES
    if unpacked > most:
        raise BadInput(
            f"{name} unpacks to {unpacked // (1024 * 1024):,} MB, more than "
            f"{most // (1024 * 1024)} MB; no workbook of agreements data does"
        )
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # foreign input: whatever its reader raises
        raise BadInput(
            f"{name} is not an Excel workbook agreements can read ({_said(error)})"
        ) from None
    chosen = ""
    try:
        names = book.sheetnames
        if not names:
            raise BadInput(f"{name} is an Excel workbook without a sheet")
        if sheet is not None and sheet not in names:
            raise BadInput(f"{name} has no sheet {sheet!r}. Its sheets: {', '.join(names)}")
        chosen = sheet if sheet is not None else names[0]
        how = ""
        if sheet is None and pick is not None and len(names) > 1:
            found = next((n for n in names if _takes(book, n, name, pick)), None)
            if found is not None and found != names[0]:
                chosen, how = found, ", chosen by its columns"
        read = _sheet_rows(book, chosen, name, keep, MAX_SHEET_CELLS if large else MAX_CELLS)
        rows = _guarded(read, name, chosen, book)
        read_as = f"the sheet {chosen!r} of an Excel workbook{how}"
        return _table(rows if lazy else list(rows), name, read_as, names, lazy)
    except BadInput:
        book.close()
        raise
    except Exception as error:  # foreign input, read lazily
        book.close()
        raise _unreadable(name, chosen, error) from None


def _said(error: Exception) -> str:
    """What a foreign reader's exception says, short and on one line."""
    words = " ".join(str(error).split())[:120]
    return f"{type(error).__name__}: {words}" if words else type(error).__name__


def _parsed(book: Any, chosen: str, name: str) -> Rows:
    """The rows of the sheet ``chosen`` as its XML gives them (see ``sheetxml``: openpyxl's
    values, without the padding of its worksheets nor the cost of its cell objects)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    from agreements_cli.formats.sheetxml import Rows

    sheet = book[chosen]
    if not isinstance(sheet, ReadOnlyWorksheet):
        raise BadInput(f"the sheet {chosen!r} of {name} is a chart, not a table", Fix.CHOOSE_SHEET)
    return Rows(book, sheet)


HEADER_ROWS = 20  # the rows of a sheet looked at for its header, when choosing one


def _takes(book: Any, chosen: str, name: str, pick: Picks) -> bool:
    """Whether ``pick`` takes the sheet ``chosen`` by its header (its first row with text,
    among its first rows); a chart is taken by nothing."""
    try:
        for looked, (number, cells) in enumerate(_parsed(book, chosen, name)):
            row = _row_cells(cells, name, chosen, number)
            if row:
                return pick([cell.strip() for cell in row])
            if looked >= HEADER_ROWS:
                break
    except BadInput:
        return False
    return False


def _sheet_rows(
    book: Any, chosen: str, name: str, keep: Columns | None, most: int
) -> Iterator[tuple[int, list[str]]]:
    """The rows of the sheet ``chosen`` that hold a cell, each with its number, as they
    are read; with ``keep``, only the header's columns it names."""
    last, cells_read = 0, 0
    kept: list[int] | None = None
    header = keep is None
    parsed = _parsed(book, chosen, name)
    for number, cells in parsed:
        if number < 1 or number <= last or number > EXCEL_ROWS:
            raise BadInput(_row_fault(name, chosen, number, last))
        last = number
        cells_read += len(cells)
        if cells_read > most:
            raise BadInput(
                f"{name}: the sheet {chosen!r} holds more than {most:,} cells; no "
                "table of agreements data does"
            )
        row = _row_cells(cells, name, chosen, number)
        if not row:
            continue
        if not header and any(cell.strip() for cell in row):  # the header: what to keep
            header, kept = True, keep([cell.strip() for cell in row])  # type: ignore[misc]
            if kept is not None:  # the other columns' cells are passed over unread
                parsed.only = {index + 1 for index in kept}
        if kept is not None:
            row = [row[i] if i < len(row) else "" for i in kept]
        yield number, row


def _guarded(
    rows: Iterator[tuple[int, list[str]]], name: str, chosen: str, book: Any
) -> Iterator[tuple[int, list[str]]]:
    """A sheet's rows as they are read, whatever openpyxl raises meanwhile worded as an
    input error; the workbook is closed when they end."""
    try:
        yield from rows
    except BadInput:
        raise
    except Exception as error:  # foreign input, read lazily
        raise _unreadable(name, chosen, error) from None
    finally:
        book.close()


def _unreadable(name: str, chosen: str, error: Exception) -> BadInput:
    """What a foreign reader raised while it read the sheet ``chosen``, worded."""
    return BadInput(
        f"{name} is not an Excel workbook agreements can read: its sheet {chosen!r} "
        f"({_said(error)})"
    )


def _row_fault(name: str, chosen: str, number: int, last: int) -> str:
    where = f"{name}: the sheet {chosen!r}"
    if number < 1:
        return f"{where} numbers a row {number}; rows are numbered from 1. Save it again from Excel"
    if number > EXCEL_ROWS:
        return f"{where} numbers a row {number:,}, after Excel's last ({EXCEL_ROWS:,}). Save it again from Excel"
    return (
        f"{where} gives row {number} after row {last}; a sheet numbers each row once, in order. "
        "Save it again from Excel"
    )


def _row_cells(cells: list[dict], name: str, chosen: str, number: int) -> list[str]:
    """One row's cells as text, as long as its last cell with text."""
    texts: dict[int, str] = {}
    for cell in cells:
        text = _cell_text(cell.get("value"))
        if not text:
            continue
        column = cell["column"]
        if column > MAX_COLUMNS:
            raise BadInput(
                f"{name}: the sheet {chosen!r} has text in column {column:,} of row {number}; "
                f"no table of agreements data has more than {MAX_COLUMNS} columns"
            )
        if column in texts:
            raise BadInput(
                f"{name}: the sheet {chosen!r} gives the cell of column {column} in row {number} "
                "twice. Save it again from Excel"
            )
        texts[column] = text
    if not texts:
        return []
    return [texts.get(column, "") for column in range(1, max(texts) + 1)]


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV would hold."""

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A spreadsheet's number as it shows it: to the 15 significant digits Excel keeps
        # (a computed 7000000.000000001 is the 7000000 it shows), in its shortest text.
        if not math.isfinite(value):
            return repr(value)  # (refused where a number is read, as text that is not one)
        number = Decimal(format(value, ".15g")).normalize()
        return format(number, "f")
    if isinstance(value, str):
        return _unescaped(value)
    return str(value)


def _unescaped(text: str) -> str:
    """A workbook's text as written: Excel keeps a character XML cannot hold as
    ``_xHHHH_`` (a carriage return as ``_x000D_``), and a line end as CR LF."""
    if "_x" in text:
        from openpyxl.utils.escape import unescape

        text = unescape(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _table(
    rows: Iterable[tuple[int, list[str]]],
    name: str,
    read_as: str,
    sheets: Sequence[str] = (),
    lazy: bool = False,
) -> Table:
    """The first row that is not empty as the header, the rest as rows (empty ones left
    out, each as long as the header; one with more cells is refused). Each row comes with
    its line in the file or number in the sheet; with ``lazy``, the rest as they are read."""
    filled = ((line, row) for line, row in rows if any(cell.strip() for cell in row))
    first = next(filled, None)
    if first is None:
        raise BadInput(f"{name} holds no table: no row has a cell with text")
    header = first[1]
    while header and not header[-1].strip():  # a workbook's empty columns at the right
        header = header[:-1]
    columns = [column.strip() for column in header]
    seen: dict[str, int] = {}
    for number, column in enumerate(columns, start=1):
        if column and column.casefold() in seen:
            raise BadInput(
                f"{name}: the header names the column {column!r} twice (columns "
                f"{seen[column.casefold()]} and {number}); keep one, so that it is clear which "
                "is meant"
            )
        seen[column.casefold()] = number
    if len(columns) > MAX_COLUMNS:
        raise BadInput(
            f"{name}: the header has {len(columns):,} columns; no table of agreements data has "
            f"more than {MAX_COLUMNS}"
        )
    body = _body(filled, len(columns), name)
    return Table(columns, body if lazy else list(body), read_as, tuple(sheets))


def _body(
    filled: Iterator[tuple[int, list[str]]], width: int, name: str
) -> Iterator[tuple[int, list[str]]]:
    for line, row in filled:
        while len(row) > width and not row[-1].strip():
            row = row[:-1]
        if len(row) > width:
            raise BadInput(f"{name}: line {line} has more cells than the header has columns")
        yield line, row + [""] * (width - len(row))


def table(
    name: str,
    raw: bytes,
    encoding: str | None = None,
    sheet: str | None = None,
    keep: Columns | None = None,
    pick: Picks | None = None,
    large: bool = False,
    lazy: bool = False,
) -> Table:
    """The table a CSV or workbook file holds (see ``workbook_table`` for ``keep``,
    ``pick``, ``large`` and ``lazy``)."""
    if file_type(name, raw) == "xlsx":
        if encoding is not None:
            raise BadInput(f"{name} is an Excel workbook", Fix.NO_ENCODING)
        return workbook_table(raw, name, sheet, keep, pick, large, lazy)
    if sheet is not None:
        raise BadInput(f"{name} is not an Excel workbook", Fix.NO_SHEET)
    return csv_table(decode(raw, name, encoding), name, keep, lazy)
