"""Data files as people save them: a CSV separated by semicolons or tabs, a CSV in the
code page Excel uses on Windows, an .xlsx workbook, and a file published on a web server."""

import contextlib
import http.server
import socket
import threading
from datetime import date

import pytest

from conftest import assert_refused, dump, free_port, workbook


def imported_note(run, code):
    return run.party(code)["note"]


@pytest.mark.parametrize(
    "name, text",
    [
        ("semi.csv", "code;status;note\nCZ;planned;talks, then a text\n"),
        ("tabs.tsv", "code\tstatus\tnote\nCZ\tplanned\ttalks, then a text\n"),
        ("tabs.csv", "code\tstatus\tnote\r\nCZ\tplanned\ttalks, then a text\r\n"),
        ("bars.csv", 'code|status|note\nCZ|planned|"talks, then a text"\n'),
        ("quoted.csv", '"code";"status";"note"\n"CZ";"planned";"talks, then a text"\n'),
    ],
)
def test_a_csv_separated_by_semicolons_tabs_or_bars_imports(run, seeded, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["status"] == "planned"
    assert imported_note(run, "CZ") == "talks, then a text"


CP1252_NOTE = "Zusage über 5 000 € für Verteidigung – „Ramstein“"


def test_a_cp1252_csv_is_named_as_not_utf8_then_imports_with_its_encoding(run, seeded, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(f"code;status;note\r\nDE;signed;{CP1252_NOTE}\r\n".encode("cp1252"))
    before = dump(seeded)
    result = run("import", str(path))
    assert_refused(
        result,
        2,
        f"Error: {path} is not UTF-8 text (byte 0xfc on line 2). Give its "
        "encoding, e.g. --encoding cp1252 for a CSV that Excel saved on Windows",
    )
    assert dump(seeded) == before
    result = run("import", str(path), "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert imported_note(run, "DE") == CP1252_NOTE


def test_an_encoding_that_does_not_fit_or_does_not_exist_is_refused(run, seeded, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"code;status\nCZ;planned\n" + b"\x81\n")
    before = dump(seeded)
    assert_refused(run("import", str(path), "--encoding", "klingon"), 2,
                   "Error: unknown encoding 'klingon'. Use one such as utf-8, cp1252 or latin-1")  # fmt: skip
    for command in ("import", "pledge import"):
        assert_refused(run(*command.split(), str(path), "--encoding", "rot13"), 2,
                       "Error: 'rot13' is not an encoding of text (it turns bytes into bytes)")  # fmt: skip
        assert_refused(run(*command.split(), str(path), "--encoding", "undefined"), 2,
                       "Error: the encoding 'undefined' reads no text")  # fmt: skip
    assert_refused(run("import", str(path), "--encoding", "utf-8"), 2,
                   f"Error: {path} is not utf-8 text (byte 0x81 on line 3). Give its "
                   "encoding with --encoding")  # fmt: skip
    assert dump(seeded) == before


def test_an_xlsx_of_parties_imports_with_its_dates_and_numbers(run, seeded, tmp_path):
    path = workbook(tmp_path / "parties.xlsx", {
        "Notes": [["nothing here"]],
        "Parties": [
            [],  # an empty first row, as sheets often have
            ["code", "status", "signed_on", "place", "note", None],
            ["CZ", "signed", date(2024, 7, 18), "Washington", "Plenković (HR) was there", None],
            ["SI", "negotiating", None, None, 42, None],
            [None, None, None, None, None, None],
        ],
    })  # fmt: skip
    before = dump(seeded)
    assert_refused(run("import", str(path)), 2, f"Error: {path}: unknown column 'nothing here'")
    assert_refused(run("import", str(path), "--sheet", "Sheet9"), 2,
                   f"Error: {path} has no sheet 'Sheet9'. Its sheets: Notes, Parties")  # fmt: skip
    assert_refused(run("import", str(path), "--sheet", "Parties", "--encoding", "cp1252"), 2,
                   f"Error: {path} is an Excel workbook. A workbook says its own encoding: "
                   "leave --encoding out")  # fmt: skip
    assert dump(seeded) == before
    result = run("import", str(path), "--sheet", "Parties")
    assert result.exit_code == 0, result.output
    czechia, slovenia = run.party("CZ"), run.party("SI")
    assert (czechia["status"], czechia["signed_on"], czechia["place"]) == (
        "signed", "2024-07-18", "Washington"
    )  # fmt: skip
    assert czechia["note"] == "Plenković (HR) was there"
    assert (slovenia["status"], slovenia["note"]) == ("negotiating", "42")
    again = run("import", str(path), "--sheet", "Parties", "--dry-run")
    assert again.exit_code == 0, again.output
    assert "2 unchanged" in again.stdout


def test_standard_input_is_read_as_bytes_in_the_encoding_given(run, seeded):
    data = f"country;announced_on;amount;currency;note\nGermany;2024-02-16;1m;EUR;{CP1252_NOTE}\n"
    result = run("pledge", "import", "-", "--encoding", "cp1252", input=data.encode("cp1252"))
    assert result.exit_code == 0, result.output
    [added] = [p for p in run.json("pledge", "list", "Germany") if p["amount"] == "1000000"]
    assert added["note"] == CP1252_NOTE


def test_a_sheet_given_for_a_csv_is_refused(run, seeded, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("code,status\nCZ,planned\n", encoding="utf-8")
    assert_refused(run("import", str(path), "--sheet", "Parties"), 2,
                   f"Error: {path} is not an Excel workbook. --sheet is for .xlsx files: leave "
                   "it out")  # fmt: skip


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
         "is an Excel 97-2003 workbook (.xls). Save it as .xlsx or CSV"),
        ("sheet.ods", b"PK\x03\x04" + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
         "is a zip file but not an Excel workbook (an OpenDocument sheet?). Save it as .xlsx or CSV"),
        ("fake.xlsx", b"code,status\nCZ,planned\n",
         "is not an Excel workbook, though its name ends in .xlsx"),
        ("broken.xlsx", b"PK\x03\x04xl/ and nothing else",
         "is not an Excel workbook agreements can read"),
    ],
)  # fmt: skip
def test_a_workbook_agreements_cannot_read_is_refused_with_what_to_do(
    run, seeded, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(seeded)
    assert_refused(run("import", str(path)), 2, f"Error: {path} {message}")
    assert dump(seeded) == before


# A web server on a free port of 127.0.0.1, serving files from a folder (and, at
# /endless, a body larger than the limit that says no length).


class _Handler(http.server.SimpleHTTPRequestHandler):
    agents: list = []  # the User-Agent of each request

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.agents.append(self.headers.get("User-Agent"))
        if self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            chunk = b" " * 65536
            with contextlib.suppress(OSError):
                for _ in range(11 * 16):  # 11 MB
                    self.wfile.write(chunk)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that stopped reading (a file over the limit): as it should


@contextlib.contextmanager
def web_server(folder):
    handler = lambda *a, **k: _Handler(*a, directory=str(folder), **k)  # noqa: E731
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_import_reads_a_data_file_from_a_web_server(run, seeded, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "shared.json").write_text(
        '{"parties": [{"code": "CZ", "status": "negotiating", "note": "from the newsroom"}]}',
        encoding="utf-8",
    )
    (tmp_path / "site" / "shared.csv").write_text(
        "code;status;note\nSI;planned;from the newsroom's sheet\n", encoding="utf-8"
    )
    with web_server(tmp_path / "site") as address:
        before = dump(seeded)
        planned = run("import", f"{address}/shared.json", "--dry-run")
        assert planned.exit_code == 0, planned.output
        assert "add Czechia (CZ)" in planned.stdout
        assert dump(seeded) == before
        result = run("import", f"{address}/shared.json")
        assert result.exit_code == 0, result.output
        assert imported_note(run, "CZ") == "from the newsroom"
        result = run("import", f"{address}/shared.csv?download=1")
        assert result.exit_code == 0, result.output
        assert imported_note(run, "SI") == "from the newsroom's sheet"
    # It says who asks (a server may refuse Python's default agent).
    assert set(_Handler.agents[-3:]) == {"agreements"}


def test_each_network_failure_is_one_clear_error_and_changes_nothing(run, seeded, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "big.json").write_bytes(b" " * (10 * 1024 * 1024 + 1))
    before = dump(seeded)
    with web_server(tmp_path / "site") as address:
        assert_refused(run("import", f"{address}/missing.json"), 1,
                       f"Error: {address}/missing.json answered 404 File not found. Check the "
                       "address, or ask whoever publishes it")  # fmt: skip
        assert_refused(run("import", f"{address}/big.json"), 2,
                       f"Error: {address}/big.json is 10,485,761 bytes, larger than 10 MB; no "
                       "data file of agreements is")  # fmt: skip
        assert_refused(run("import", f"{address}/endless"), 2,
                       f"Error: {address}/endless is larger than 10 MB; no data file of "
                       "agreements is")  # fmt: skip
    port = free_port()  # nothing listens there
    assert_refused(run("import", f"http://127.0.0.1:{port}/data.json"), 1,
                   f"Error: 127.0.0.1 refused the connection to http://127.0.0.1:{port}/data.json. "
                   "Check the address and that its server is running")  # fmt: skip
    assert_refused(run("import", "https://no-such-host.invalid/data.json"), 1,
                   "Error: cannot find the host no-such-host.invalid. Check the address and the "
                   "network connection")  # fmt: skip
    assert_refused(run("import", "http:///data.json"), 2,
                   "Error: http:///data.json names no host. Give an address such as "
                   "https://example.org/data.json")  # fmt: skip
    assert dump(seeded) == before


def test_a_server_that_never_answers_is_named_after_the_wait(run, seeded, monkeypatch):
    from agreements_cli.formats import web

    monkeypatch.setattr(web, "WAIT_SECONDS", 0.5)
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        before = dump(seeded)
        assert_refused(run("import", f"http://127.0.0.1:{port}/data.json"), 1,
                       "Error: 127.0.0.1 did not answer within 0.5 s. Try again later")  # fmt: skip
        assert dump(seeded) == before


def test_a_workbook_that_unpacks_to_more_than_any_data_is_refused(
    run, seeded, tmp_path, monkeypatch
):
    """A workbook is a zip: 300 KB of it here unpacks to 300 MB of XML."""
    import zipfile

    path = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(300):
                sheet.write(b" " * (1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    before = dump(seeded)
    assert_refused(run("import", str(path)), 2,
                   f"Error: {path} unpacks to 300 MB, more than 200 MB; no workbook of "
                   "agreements data does")  # fmt: skip
    # A sheet of pledges may unpack to more (a tracker's release): its own limit, made
    # small here.
    from agreements_cli.formats import sheets

    monkeypatch.setattr(sheets, "MAX_SHEET_UNPACKED_BYTES", 250 * 1024 * 1024)
    assert_refused(run("pledge", "import", str(path)), 2, "unpacks to 300 MB, more than 250 MB")
    assert dump(seeded) == before


def test_a_header_that_names_a_column_twice_is_refused_not_read_by_its_first(run, seeded, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(
        "country,amount,currency,years,amount\nCzechia,5,EUR,2024,7\n", encoding="utf-8"
    )
    before = dump(seeded)
    for command in (["pledge", "import"], ["import"]):
        assert_refused(run(*command, str(path)), 2,
                       f"Error: {path}: the header names the column 'amount' twice (columns 2 "
                       "and 5); keep one, so that it is clear which is meant")  # fmt: skip
    assert dump(seeded) == before
