"""Files as people keep them, read by the library: kinds, encodings, delimiters, workbook
cells, the table in them, and the words for each way a web address fails."""

import codecs
import socket
import ssl
from datetime import date, datetime, time

import pytest

from agreements_cli.errors import BadInput
from agreements_cli.formats import sheets, web


@pytest.mark.parametrize(
    ("name", "raw", "kind"),
    [
        ("x.csv", b'{"a": 1}', "csv"),  # the name says CSV
        ("x.TSV", b'{"a": 1}', "csv"),
        ("x.json", b"code,status", "json"),
        ("x.txt", b' \n{"parties": []}', "json"),  # no known extension: by its start
        ("x.txt", b"\xef\xbb\xbf[1]", "json"),
        ("-", b"code;status", "csv"),
        ("https://example.org/data.csv?download=1", b"{}", "csv"),
        ("https://example.org/export", b"[]", "json"),
        ("book.bin", b"PK\x03\x04....xl/workbook.xml", "xlsx"),
    ],
)  # fmt: skip
def test_a_file_is_known_by_its_bytes_then_its_name(name, raw, kind):
    assert sheets.file_type(name, raw) == kind


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Plenković".encode(), "Plenković"),
        (codecs.BOM_UTF8 + "Plenković".encode(), "Plenković"),
        (codecs.BOM_UTF16_LE + "Plenković".encode("utf-16-le"), "Plenković"),
        (codecs.BOM_UTF16_BE + "Plenković".encode("utf-16-be"), "Plenković"),
        # UTF-32's little-endian mark starts as UTF-16's does: read as UTF-16 it would be
        # "\x00P\x00l..." (or refused).
        (codecs.BOM_UTF32_LE + "Plenković".encode("utf-32-le"), "Plenković"),
        (codecs.BOM_UTF32_BE + "Plenković".encode("utf-32-be"), "Plenković"),
    ],
)
def test_utf8_utf16_and_utf32_with_a_mark_are_read_without_being_told(raw, text):
    assert sheets.decode(raw, "f.csv") == text


def test_utf32_that_is_not_is_named_as_such():
    with pytest.raises(BadInput) as refused:
        sheets.decode(codecs.BOM_UTF32_LE + b"\x00\x00\x11\x00", "f.csv")
    assert refused.value.reason == (
        "f.csv starts as UTF-32 text does but is not UTF-32 text (byte 0x00 on line 1)"
    )


@pytest.mark.parametrize(
    ("encoding", "reason"),
    [
        ("rot13", "'rot13' is not an encoding of text (it turns bytes into bytes). Use one such "
                  "as utf-8, cp1252 or latin-1"),
        ("base64", "'base64' is not an encoding of text (it turns bytes into bytes). Use one "
                   "such as utf-8, cp1252 or latin-1"),
        ("zip", "'zip' is not an encoding of text (it turns bytes into bytes). Use one such as "
                "utf-8, cp1252 or latin-1"),
        ("undefined", "the encoding 'undefined' reads no text. Use one such as utf-8, cp1252 or "
                      "latin-1"),
        ("utf\x008", "unknown encoding 'utf\\x008'. Use one such as utf-8, cp1252 or latin-1"),
        ("", "unknown encoding ''. Use one such as utf-8, cp1252 or latin-1"),
    ],
)  # fmt: skip
def test_a_codec_that_does_not_read_text_is_refused_in_words(encoding, reason):
    with pytest.raises(BadInput) as refused:
        sheets.decode(b"code\nCZ\n", "f.csv", encoding)
    assert refused.value.reason == reason


def test_a_byte_order_mark_is_no_part_of_the_text_whatever_the_encoding_given():
    assert sheets.decode(codecs.BOM_UTF8 + b"code", "f.csv", "utf-8") == "code"


def test_a_given_encoding_is_taken_by_any_of_its_names():
    raw = "Zusage über 5 €".encode("cp1252")
    assert sheets.decode(raw, "f.csv", "CP1252") == sheets.decode(raw, "f.csv", "windows-1252")
    assert sheets.decode(raw, "f.csv", "cp1252") == "Zusage über 5 €"
    with pytest.raises(BadInput) as unknown:
        sheets.decode(raw, "f.csv", "klingon")
    assert unknown.value.reason == (
        "unknown encoding 'klingon'. Use one such as utf-8, cp1252 or latin-1"
    )
    with pytest.raises(BadInput) as wrong:
        sheets.decode(b"a\nb\n\xff", "f.csv", "utf-8")
    assert wrong.value.reason == "f.csv is not utf-8 text (byte 0xff on line 3)"
    with pytest.raises(BadInput) as not_utf8:
        sheets.decode(raw, "f.csv")
    assert not_utf8.value.reason == "f.csv is not UTF-8 text (byte 0xfc on line 1)"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("code,status\n", ","),
        ("code;status;note\nCZ;a,b,c,d;x\n", ";"),  # counted in the header only
        ("code\tstatus\n", "\t"),
        ("code|status\n", "|"),
        ('"a;b;c;d",e\n', ","),  # inside quotes nothing counts
        ('"x"";y;z;w",e\n', ","),  # nor after a doubled quote inside them
        ('"a\nb;c;d",e\n', ","),  # nor a quoted line break
        ("code\r\nCZ;planned;x\n", ","),  # a header of one column
        ("a,b;c;d\n", ";"),
    ],
)
def test_the_delimiter_is_the_one_the_header_holds_most_of(text, delimiter):
    assert sheets.delimiter(text) == delimiter


def test_a_table_starts_at_its_first_row_with_text_and_keeps_each_lines_number():
    table = sheets.csv_table(",,\n code , status ,\n\nCZ,planned\nSI,signed,,\n", "f.csv")
    assert table.columns == ["code", "status"]
    assert table.rows == [(4, ["CZ", "planned"]), (5, ["SI", "signed"])]
    assert table.read_as == "CSV with commas"
    short = sheets.csv_table("a;b;c\n1\n", "f.csv")
    assert short.rows == [(2, ["1", "", ""])] and short.read_as == "CSV with semicolons"
    with pytest.raises(BadInput) as more:
        sheets.csv_table("a,b\n1,2,3\n", "f.csv")
    assert more.value.reason == "f.csv: line 2 has more cells than the header has columns"
    with pytest.raises(BadInput) as twice:
        sheets.csv_table("code,Amount,note,amount\nCZ,1,,2\n", "f.csv")
    assert twice.value.reason == (
        "f.csv: the header names the column 'amount' twice (columns 2 and 4); keep one, so that "
        "it is clear which is meant"
    )
    with pytest.raises(BadInput) as empty:
        sheets.csv_table(",,\n\n", "f.csv")
    assert empty.value.reason == "f.csv holds no table: no row has a cell with text"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""), (True, "true"), (False, "false"), (7, "7"), (1500000000.0, "1500000000"),
        (2.5, "2.5"), (0.1, "0.1"), (1e21, "1000000000000000000000"),
        (datetime(2024, 7, 18), "2024-07-18"), (datetime(2024, 7, 18, 9, 30), "2024-07-18T09:30:00"),
        (date(2024, 7, 18), "2024-07-18"), ("Plenković", "Plenković"),
        # A computed number as Excel shows it, to its 15 significant digits.
        (7000000.000000001, "7000000"), (0.30000000000000004, "0.3"), (1 / 3, "0.333333333333333"),
        (float("nan"), "nan"), (float("inf"), "inf"),
        # Excel's escapes of what XML cannot hold, and its CR LF line ends.
        ("Kyiv_x000D_\nKharkiv", "Kyiv\nKharkiv"), ("a_x0009_b", "a\tb"), ("one\r\ntwo", "one\ntwo"),
        ("_x_ stays", "_x_ stays"), ("old\rMac", "old\nMac"),
        (time(9, 30), "09:30:00"),  # a cell of a time alone, as Python writes it
    ],
)  # fmt: skip
def test_a_workbook_cell_is_the_text_a_csv_would_hold(value, text):
    assert sheets._cell_text(value) == text


def test_a_workbook_is_read_as_its_values_and_its_sheet_named(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Read me"
    first.append(["nothing"])
    sheet = book.create_sheet("Data")
    sheet.append(["amount", "signed", "on", None])
    sheet.append([2.5, True, datetime(2024, 7, 18), None])
    sheet.append([None, None, None, None])
    sheet.append([1500000000.0, False, None, None])
    path = tmp_path / "b.xlsx"
    book.save(path)
    table = sheets.table("b.xlsx", path.read_bytes(), sheet="Data")
    assert table.columns == ["amount", "signed", "on"]
    assert table.rows == [(2, ["2.5", "true", "2024-07-18"]), (4, ["1500000000", "false", ""])]
    assert table.read_as == "the sheet 'Data' of an Excel workbook"
    assert sheets.table("b.xlsx", path.read_bytes()).columns == ["nothing"]
    empty = Workbook()
    empty.active.append([None, " "])
    blank = tmp_path / "blank.xlsx"
    empty.save(blank)
    with pytest.raises(BadInput) as refused:
        sheets.table("blank.xlsx", blank.read_bytes())
    assert refused.value.reason == "blank.xlsx holds no table: no row has a cell with text"


def test_a_web_address_that_fails_is_said_in_the_words_of_its_failure():
    url, host = "https://example.org/d.json", "example.org"
    said = web._unreached
    assert said(url, host, socket.gaierror(-2, "Name or service not known")) == (
        "cannot find the host example.org. Check the address and the network connection"
    )
    assert said(url, host, ConnectionRefusedError(111, "Connection refused")) == (
        "example.org refused the connection to https://example.org/d.json. Check the address "
        "and that its server is running"
    )
    assert said(url, host, TimeoutError()) == (
        f"example.org did not answer within {web.WAIT_SECONDS:g} s. Try again later"
    )
    refused = ssl.SSLCertVerificationError(1, "certificate verify failed")
    refused.verify_message = "self-signed certificate"
    assert said(url, host, refused) == (
        "the certificate of example.org could not be verified (self-signed certificate). "
        "Check the address"
    )
    assert said(url, host, ConnectionResetError(104, "Connection reset by peer")) == (
        "example.org closed the connection before its answer ended. Try again"
    )
    assert said(url, host, "unknown url type: 'gopher'") == (
        "cannot read https://example.org/d.json: unknown url type: 'gopher'"
    )
    assert said(url, host, OSError(5, "Input/output error")) == (
        "cannot read https://example.org/d.json: Input/output error"
    )
    assert said(url, host, ValueError("odd")) == "cannot read https://example.org/d.json: odd"


def test_a_tables_limits_hold_to_the_cell_and_the_column(monkeypatch):
    """At the limit a table is read; one cell or one column more is refused (the limits are
    made small here: the real ones are 3,000,000 cells and 200 columns)."""
    monkeypatch.setattr(sheets, "MAX_COLUMNS", 3)
    assert sheets.csv_table("a,b,c\n1,2,3\n", "f.csv").columns == ["a", "b", "c"]
    with pytest.raises(BadInput) as wide:
        sheets.csv_table("a,b,c,d\n1,2,3,4\n", "f.csv")
    assert wide.value.reason == (
        "f.csv: the header has 4 columns; no table of agreements data has more than 3"
    )
