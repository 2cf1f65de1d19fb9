"""Workbooks made to hurt: whatever openpyxl raises while it reads a sheet (lazily, after the
workbook opened) is one worded input error, and a sheet's memory and time follow the cells
it holds, not its row numbers, its declared size or a far column."""

import io
import zipfile

import pytest

from conftest import assert_refused, dump, workbook

SHEET = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header():
    return f'<row r="1">{cell("A1", "code")}{cell("B1", "status")}{cell("C1", "note")}</row>'


def rewritten(tmp_path, replace, name="hostile.xlsx"):
    """A workbook openpyxl wrote, with members replaced: ``replace`` is {member: text}."""
    source = workbook(
        tmp_path / "source.xlsx", {"Parties": [["code", "status"], ["CZ", "planned"]]}
    )
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = replace.get(item.filename, old.read(item.filename))
            new.writestr(item.filename, data)
        for member in set(replace) - set(old.namelist()):  # members added
            new.writestr(member, replace[member])
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def sheet_xml(rows, dimension=""):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">{dimension}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


@pytest.mark.parametrize(
    "rows, dimension, message",
    [
        (header() + '<row r="0">' + cell("A0", "CZ") + "</row>", "",
         "the sheet 'Parties' numbers a row 0; rows are numbered from 1. Save it again from Excel"),
        (header() + '<row r="2">' + cell("A2", "CZ") + '</row><row r="2">' + cell("A2", "SI") + "</row>", "",
         "the sheet 'Parties' gives row 2 after row 2; a sheet numbers each row once, in order. "
         "Save it again from Excel"),
        ('<row r="1">' + cell("A1", "code") + '</row><row r="1">' + cell("A1", "CZ") + "</row>", "",
         "the sheet 'Parties' gives row 1 after row 1; a sheet numbers each row once, in order"),
        (header() + '<row r="3">' + cell("A3", "CZ") + '</row><row r="2">' + cell("A2", "SI") + "</row>", "",
         "the sheet 'Parties' gives row 2 after row 3"),
        (header() + '<row r="5000000">' + cell("A5000000", "CZ") + "</row>", "",
         "the sheet 'Parties' numbers a row 5,000,000, after Excel's last (1,048,576). Save it "
         "again from Excel"),
        (header() + '<row r="2">' + cell("A2", "CZ") + cell("A2", "SI") + "</row>", "",
         "the sheet 'Parties' gives the cell of column 1 in row 2 twice. Save it again from Excel"),
        ('<row r="1">' + cell("A1", "code") + cell("XFD1", "far") + "</row>", "",
         "the sheet 'Parties' has text in column 16,384 of row 1; no table of agreements data "
         "has more than 200 columns"),
        (header() + '<row r="2"><c r="A2" t="d"><v>2024-13-45</v></c></row>', "",
         "hostile.xlsx is not an Excel workbook agreements can read: its sheet 'Parties' "
         "(ValueError"),
        (header() + '<row r="2"><c r="$$$2"><v>1</v></c></row>', "",
         "hostile.xlsx is not an Excel workbook agreements can read: its sheet 'Parties' ("),
        (header() + '<row r="2"><c r="A2"><v>1</v></c>', "",
         "hostile.xlsx is not an Excel workbook agreements can read (ParseError: mismatched "
         "tag"),
        (header() + '<row r="2.5">' + cell("A2", "CZ") + "</row>", "",
         "(ValueError: 2.5 is not a valid row number)"),
    ],
    ids=["row-0", "row-twice", "row-1-twice", "rows-backwards", "row-5-million", "cell-twice", "far-column",
         "impossible-date", "bad-reference", "bad-xml", "row-not-whole"],
)  # fmt: skip
def test_a_sheet_that_is_not_one_is_named_not_a_bug(run, seeded, tmp_path, rows, dimension,
                                                    message):  # fmt: skip
    path = rewritten(tmp_path, {SHEET: sheet_xml(rows, dimension)})
    before = dump(seeded)
    for command in (["import"], ["pledge", "import"]):
        assert_refused(run(*command, str(path)), 2, message)
    assert dump(seeded) == before


def test_a_far_row_and_a_declared_size_cost_only_the_cells_there_are(run, seeded, tmp_path):
    """A sheet that says it spans A1:XFD1048576 and holds one row far down is read as
    the two rows it holds (openpyxl's worksheets would make up a million rows of 16,384
    cells); the row is named by its number in the sheet."""
    far = '<row r="1048576">' + cell("A1048576", "CZ") + cell("B1048576", "engaged") + "</row>"
    path = rewritten(
        tmp_path, {SHEET: sheet_xml(header() + far, '<dimension ref="A1:XFD1048576"/>')}
    )
    before = dump(seeded)
    assert_refused(run("import", str(path)), 2,
                   "Error: record 1 (CZ): unknown status 'engaged'")  # fmt: skip
    assert dump(seeded) == before
    path = rewritten(
        tmp_path,
        {
            SHEET: sheet_xml(
                header() + far.replace("engaged", "planned"), '<dimension ref="A1:XFD1048576"/>'
            )
        },
        name="far.xlsx",
    )
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["status"] == "planned"


def test_a_workbook_without_a_sheet_or_with_a_chart_first_is_named(run, seeded, tmp_path):
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    book.active.title = "Parties"
    book.active.append(["code", "status"])
    book.active.append(["CZ", "planned"])
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=1, min_row=1, max_row=2))
    book.create_chartsheet("Chart", 0).add_chart(chart)
    book.save(tmp_path / "chart.xlsx")
    before = dump(seeded)
    assert_refused(run("import", str(tmp_path / "chart.xlsx")), 2,
                   f"Error: the sheet 'Chart' of {tmp_path / 'chart.xlsx'} is a chart, not a "
                   "table. Name the sheet that holds the table with --sheet")  # fmt: skip
    result = run("import", str(tmp_path / "chart.xlsx"), "--sheet", "Parties")
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["status"] == "planned"
    before = dump(seeded)
    bare = rewritten(tmp_path, {"xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships"><sheets/></workbook>')},
        name="bare.xlsx")  # fmt: skip
    assert_refused(
        run("import", str(bare)), 2, f"Error: {bare} is an Excel workbook without a sheet"
    )
    broken = rewritten(tmp_path, {"xl/styles.xml": "<styleSheet>"}, name="styles.xlsx")
    assert_refused(run("import", str(broken)), 2,
                   f"Error: {broken} is not an Excel workbook agreements can read (")  # fmt: skip
    assert dump(seeded) == before


def test_a_csv_header_of_more_columns_than_any_table_is_refused(run, seeded, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("code," + ",".join(f"c{i}" for i in range(300)) + "\nCZ\n", encoding="utf-8")
    before = dump(seeded)
    assert_refused(run("import", str(path)), 2,
                   f"Error: {path}: the header has 301 columns; no table of agreements data has "
                   "more than 200")  # fmt: skip
    assert dump(seeded) == before


def test_a_workbook_as_excel_writes_it_is_read_as_excel_shows_it(tmp_path):
    """Excel keeps text in a table of shared strings and a formula beside its last computed
    value, and writes an empty cell it has formatted: the text is read from the table, the
    formula as its value, and a cell after an empty one is still read."""
    source = workbook(tmp_path / "source.xlsx", {"Parties": [["x"]]})
    with zipfile.ZipFile(source) as old:
        rels = old.read("xl/_rels/workbook.xml.rels").decode()
        types = old.read("[Content_Types].xml").decode()
    rels = rels.replace("</Relationships>", '<Relationship Type="http://schemas.openxmlformats'
                        '.org/officeDocument/2006/relationships/sharedStrings" '
                        'Target="sharedStrings.xml" Id="rId9" /></Relationships>')  # fmt: skip
    types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                          '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                          'sharedStrings+xml" /></Types>')  # fmt: skip
    strings = ["code", "status", "note", "CZ", "planned", "from Excel"]
    shared = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">'
              + "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>")  # fmt: skip
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>amount</t></is></c></row>'
        '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"/><c r="C2" t="s"><v>5</v></c>'
        '<c r="D2"><f>2*2500000</f><v>5000000</v></c></row>'
        '<row r="3"><c r="A3" s="1"/><c r="B3" t="s"><v>4</v></c></row>'
    )  # fmt: skip
    path = rewritten(tmp_path, {
        "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types,
        "xl/sharedStrings.xml": shared, SHEET: sheet_xml(rows),
    }, name="excel.xlsx")  # fmt: skip
    from agreements_cli.formats import sheets

    table = sheets.workbook_table(path.read_bytes(), "excel.xlsx")
    assert table.columns == ["code", "status", "note", "amount"]
    assert table.rows == [(2, ["CZ", "", "from Excel", "5000000"]), (3, ["", "planned", "", ""])]


def test_a_sheets_limits_hold_to_the_cell_and_the_column(tmp_path, monkeypatch):
    """At the limits a sheet is read; one cell or one column more is refused, counting the
    cells of every row (the limits are made small here)."""
    from agreements_cli.errors import BadInput
    from agreements_cli.formats import sheets

    monkeypatch.setattr(sheets, "MAX_CELLS", 6)
    monkeypatch.setattr(sheets, "MAX_COLUMNS", 3)
    six = (
        header()
        + '<row r="2">'
        + cell("A2", "CZ")
        + cell("B2", "planned")
        + cell("C2", "x")
        + "</row>"
    )
    path = rewritten(tmp_path, {SHEET: sheet_xml(six)})
    assert sheets.workbook_table(path.read_bytes(), "w.xlsx").rows == [(2, ["CZ", "planned", "x"])]
    seven = six + '<row r="3">' + cell("A3", "SI") + "</row>"
    path = rewritten(tmp_path, {SHEET: sheet_xml(seven)}, name="seven.xlsx")
    with pytest.raises(BadInput) as many:
        sheets.workbook_table(path.read_bytes(), "w.xlsx")
    assert many.value.reason == (
        "w.xlsx: the sheet 'Parties' holds more than 6 cells; no table of agreements data does"
    )
    far = '<row r="1">' + cell("A1", "code") + cell("D1", "far") + "</row>"
    path = rewritten(tmp_path, {SHEET: sheet_xml(far)}, name="far.xlsx")
    with pytest.raises(BadInput) as wide:
        sheets.workbook_table(path.read_bytes(), "w.xlsx")
    assert wide.value.reason == (
        "w.xlsx: the sheet 'Parties' has text in column 4 of row 1; no table of agreements "
        "data has more than 3 columns"
    )
