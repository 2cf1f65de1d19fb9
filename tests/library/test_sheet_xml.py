"""The sheet reader (``formats.sheetxml``) gives the rows openpyxl's own parser gives, cell
for cell: on workbooks openpyxl writes and on sheets written by hand in the forms Excel and
other programs use (shared strings, rich text, rows and cells without references, dates by
their style, errors, formulas' cached text)."""

import io
import warnings
import zipfile
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from agreements_cli.formats.sheetxml import Rows

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def both(raw: bytes):
    """(openpyxl's rows, ours) of every sheet: (number, [(column, value)])."""
    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    theirs, ours = [], []
    for name in book.sheetnames:
        sheet = book[name]
        with sheet._get_source() as source:
            parser = WorkSheetParser(source, sheet._shared_strings, data_only=True,
                                     epoch=book.epoch, date_formats=book._date_formats,
                                     timedelta_formats=book._timedelta_formats)  # fmt: skip
            with warnings.catch_warnings():  # (openpyxl warns of a date out of range)
                warnings.simplefilter("ignore")
                theirs += [(n, [(c["column"], c["value"]) for c in cells])
                           for n, cells in parser.parse()]  # fmt: skip
        ours += [(n, [(c["column"], c["value"]) for c in cells]) for n, cells in Rows(book, sheet)]
    book.close()
    return theirs, ours


def written(rows, write_only=False):
    book = Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)
    sheet = book.create_sheet("Data")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


VALUES = [
    ["code", "amount", "day", "when", "yes", "note"],
    ["CZ", 1500000, date(2024, 7, 18), datetime(2024, 7, 18, 10, 30), True, "line\r\nbreak"],
    ["SI", 1.5, datetime(2024, 1, 1), time(12, 0), False, "_x000D_ escaped"],
    [None, 7000000.000000001, None, None, None, "=1+1"],
    ["EU", 1e-7, date(1900, 3, 1), None, None, ""],
    ["ΔΣ", 10**15, date(2099, 12, 31), None, None, "üñï"],
]


@pytest.mark.parametrize("write_only", [False, True])
def test_workbooks_openpyxl_writes_read_the_same(write_only):
    theirs, ours = both(written(VALUES, write_only))
    assert ours == theirs
    assert len(ours) == len(VALUES)


def rewritten(raw: bytes, replace: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
        for member in set(replace) - set(old.namelist()):
            new.writestr(member, replace[member])
    return out.getvalue()


SHARED = (
    f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="3" uniqueCount="3">'
    "<si><t>Germany</t></si><si><r><t>EU (Commission</t></r><r><rPr><b/></rPr><t> and Council)"
    '</t></r></si><si><t xml:space="preserve"> spaced </t></si></sst>'
)
SHEET = (
    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
    '<row><c t="s"><v>2</v></c><c t="str"><v>formula text</v></c><c t="e"><v>#N/A</v></c>'
    '<c t="b"><v>1</v></c><c t="d"><v>2024-07-18T00:00:00</v></c></row>'
    '<row r="5" spans="1:4"><c r="B5" s="1"><v>45491</v></c><c r="C5" s="1"><v>45491.5</v></c>'
    '<c r="D5"><v>2.5E3</v></c><c r="E5"><v>12</v></c><c r="F5" t="inlineStr"><is><t>a</t>'
    '<r><t>b</t></r><r><t>c</t></r></is></c><c r="G5" t="inlineStr"></c><c r="H5"/></row>'
    '<row r="6.0"><c r="AA6"><v>1</v></c><c r="A6" s="1"><v>99999999</v></c></row>'
    '<row r="7"><c r="A7"><v>1E3</v></c><c r="B7"><v>1e3</v></c><c r="C7" t="inlineStr"><is>'
    "<r><t>only</t></r><r><rPr><b/></rPr></r><r><t> runs</t></r></is></c></row>"
    "</sheetData></worksheet>"
)


def test_sheets_as_other_programs_write_them_read_the_same():
    # A workbook openpyxl wrote with a date (so that style 1 is a date format), its sheet
    # and its shared strings then written as Excel writes them.
    raw = written([["x", date(2024, 1, 1)]])
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        sheet = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    raw = rewritten(raw, {sheet: SHEET, "xl/sharedStrings.xml": SHARED,
                          "[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels})  # fmt: skip
    theirs, ours = both(raw)
    assert ours == theirs
    # What that is, written out: shared strings with their runs, a row without a number,
    # dates by their style, an error, a date too late for Excel as an error.
    assert ours == [
        (1, [(1, "Germany"), (3, "EU (Commission and Council)")]),
        (2, [(1, " spaced "), (2, "formula text"), (3, "#N/A"), (4, True),
             (5, datetime(2024, 7, 18))]),
        (5, [(2, datetime(2024, 7, 18)), (3, datetime(2024, 7, 18, 12)), (4, 2500.0), (5, 12),
             (6, "abc"), (7, None), (8, None)]),
        (6, [(27, 1), (1, "#VALUE!")]),
        (7, [(1, 1000.0), (2, 1000.0), (3, "only runs")]),
    ]  # fmt: skip


def test_a_column_not_asked_for_is_passed_over():
    book = load_workbook(io.BytesIO(written(VALUES)), read_only=True, data_only=True)
    rows = Rows(book, book["Data"])
    rows.only = {1, 6}
    found = [(n, [(c["column"], c["value"]) for c in cells]) for n, cells in rows]
    assert found[1] == (2, [(1, "CZ"), (6, "line\nbreak")])  # (XML reads CR LF as LF)
    assert found[3] == (4, [(6, None)])  # (a formula openpyxl wrote has no value computed)


@pytest.mark.parametrize("reference", ["$$$2", "2", "A1B", "AB"])
def test_a_reference_that_is_none_is_refused_as_openpyxl_refuses_it(reference):
    raw = written([["x"]])
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheet = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    raw = rewritten(raw, {sheet: f'<worksheet xmlns="{NS}"><sheetData><row r="1">'
                                 f'<c r="{reference}"><v>1</v></c></row></sheetData></worksheet>'})  # fmt: skip
    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    with pytest.raises(ValueError):
        list(Rows(book, book.worksheets[0]))


def sheet_of(rows: str) -> bytes:
    raw = written([["x"]])
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheet = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    return rewritten(
        raw, {sheet: f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'}
    )


def test_rows_and_cells_without_references_count_from_the_first():
    raw = sheet_of("<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>")
    theirs, ours = both(raw)
    assert ours == theirs == [(1, [(1, 1), (2, 2)]), (2, [(1, 3)])]


def test_a_row_number_that_is_none_is_refused_as_openpyxl_refuses_it():
    book = load_workbook(io.BytesIO(sheet_of('<row r="2.5"><c r="A2"><v>1</v></c></row>')),
                         read_only=True, data_only=True)  # fmt: skip
    with pytest.raises(ValueError, match=r"^2\.5 is not a valid row number$"):
        list(Rows(book, book.worksheets[0]))


def test_dates_of_the_1904_calendar_and_durations_read_the_same():
    from datetime import timedelta

    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = Workbook()
    sheet = book.active
    book.epoch = CALENDAR_MAC_1904
    sheet.append([date(2024, 7, 18), timedelta(hours=30)])
    sheet["B1"].number_format = "[h]:mm:ss"
    out = io.BytesIO()
    book.save(out)
    theirs, ours = both(out.getvalue())
    assert ours == theirs == [(1, [(1, datetime(2024, 7, 18)), (2, timedelta(hours=30))])]
