"""Spreadsheets both ways: export to CSV, edit, import."""

import csv
import io
import json

import pytest

from conftest import ROOT, assert_refused, dump

UPDATES = ROOT / "data" / "updates-2026-12c.json"


def without_ids(items):
    return [{k: v for k, v in item.items() if k != "id"} for item in items]


def test_csv_export_then_import_into_an_empty_database_gives_the_same_data(run, tmp_path):
    assert run("import", "--bundled").exit_code == 0
    out = tmp_path / "all.csv"
    assert run("export", "-o", str(out)).exit_code == 0  # the extension picks CSV
    assert out.read_text(encoding="utf-8").startswith("code,country,status,since,")
    other = ["--db", str(tmp_path / "other.db")]
    result = run(*other, "import", str(out), "--replace")
    assert result.exit_code == 0, result.output
    for command in (["list"], ["pledge", "list"], ["milestone", "list"], ["progress"]):
        here, there = run.json(*command), run.json(*other, *command)
        if command[0] in ("pledge", "milestone"):
            here, there = without_ids(here), without_ids(there)
        if command[0] == "progress":
            # The file says the day its sources were checked, and the copy says it too.
            assert (here["sources_checked"], there["sources_checked"]) == (
                "2026-12-07", "2026-12-07")  # fmt: skip
        assert here == there, command
    moved = {(p["code"], p["amount"], p["currency"], p["first_year"])
             for p in run.json(*other, "pledge", "list")}  # fmt: skip
    assert ("DE", "11500000000", "EUR", 2026) in moved  # a bundled pledge (facts: 2026 budget)
    assert ("SE", "25000000000", "SEK", 2024) in moved  # a seed pledge
    assert {m["step"] for m in run.json(*other, "milestone", "list", "Bulgaria")} >= {
        "signing called off"
    }


def spreadsheet(text):
    """The file as a spreadsheet program saves it: a byte-order mark, CRLF, every field quoted."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def test_one_cell_edited_in_a_spreadsheet_is_one_change(run, seeded, tmp_path):
    exported = run("export", "-f", "csv").stdout
    edited = exported.replace("First agreement; lapses if Ukraine joins NATO.",
                              "First agreement; ends if Ukraine joins NATO.")  # fmt: skip
    assert edited != exported
    path = tmp_path / "edited.csv"
    path.write_bytes(spreadsheet(edited))
    events = len(run.json("history"))
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "0 added, 1 updated, 0 removed, 22 unchanged" in result.stdout
    history = run.json("history")
    assert len(history) == events + 1
    assert history[0]["action"] == "import" and history[0]["code"] == "GB"
    assert list(history[0]["changes"]) == ["note"]
    assert run.party("GB")["note"].endswith("First agreement; ends if Ukraine joins NATO.")


def test_a_file_that_changes_nothing_changes_nothing(run, seeded, tmp_path):
    path = tmp_path / "same.csv"
    path.write_bytes(spreadsheet(run("export", "-f", "csv").stdout))
    before = dump(seeded)
    result = run("import", str(path))
    assert "0 added, 0 updated, 0 removed, 23 unchanged" in result.stdout
    assert dump(seeded) == before


def test_records_may_name_their_party_by_country(run, seeded, tmp_path):
    path = tmp_path / "by-name.csv"
    path.write_text(
        "country,status,signed_on,source\n"
        "Czech Republic,signed,2024-07-18,https://example.org/cz\n"
        "slovenia,negotiating,,https://example.org/si\n",
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["country"] == "Czechia" and run.party("CZ")["status"] == "signed"
    assert run.party("SI")["status"] == "negotiating"
    data = {
        "parties": [
            {"country": "Czechia", "status": "negotiating", "source": "https://example.org/x"}
        ]
    }
    assert run("import", "-", input=json.dumps(data)).exit_code == 0  # JSON too
    assert run.party("CZ")["status"] == "negotiating"


def test_csv_on_standard_input_is_told_from_json(run, seeded):
    result = run("import", "-", "--dry-run", input="code,status\nCZ,planned\n")
    assert result.exit_code == 0, result.output
    assert "add Czechia (CZ)" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,status,colour\nCZ,planned,red\n", "unknown column 'colour'"),
        ("status,note\nplanned,x\n", "a CSV data file needs a code or a country column"),
        ("code,status,status\nCZ,planned,signed\n", "the header names the column 'status' twice (columns 2 and 3)"),
        ("code,status\nCZ,planned,extra\n", "bad.csv: line 2 has more cells than the header has columns"),
        ("code,status,counted\nCZ,planned,maybe\n", "record 1: counted is 'maybe'; use true or false"),
        ("code,status,pledges\nCZ,planned,[{\n", "record 1: the pledges cell is not a JSON list"),
        ("code,status,pledges\nCZ,planned,\"[{\"\"amount\"\": \"\"1\"\", \"\"amount\"\": \"\"2\"\"}]\"\n",
         "record 1 (CZ): the key 'amount' appears twice"),
        ("country,status\nNarnia,planned\n", "record 1: unknown country 'Narnia'"),
        ("code,country,status\nDE,France,signed\n", "record 1 (DE): country 'France' is FR, not DE"),
        ("code,status\nCZ,planned\nCZ,signed\n", "the data file lists CZ more than once"),
    ],
)  # fmt: skip
def test_a_bad_csv_file_is_refused_whole(run, seeded, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    before = dump(seeded)
    assert_refused(run("import", str(path)), 2, message)
    assert dump(seeded) == before


@pytest.mark.parametrize(
    ("args", "first_line"),
    [(["-o", "{dir}/a.csv"], "code,country,status"), (["-o", "{dir}/a.json"], "{"),
     (["-o", "{dir}/a.txt"], "{"), (["-o", "{dir}/a.txt", "-f", "csv"], "code,country,status"),
     (["-o", "{dir}/a.CSV"], "code,country,status")],
)  # fmt: skip
def test_the_file_name_picks_the_format(run, seeded, tmp_path, args, first_line):
    args = [a.format(dir=tmp_path) for a in args]
    assert run("export", *args).exit_code == 0
    written = next(tmp_path.glob("a.*")).read_text(encoding="utf-8")
    assert written.splitlines()[0].startswith(first_line)


def test_a_format_that_disagrees_with_the_file_name_is_refused(run, seeded, tmp_path):
    before = dump(seeded)
    assert_refused(
        run("export", "-o", str(tmp_path / "a.csv"), "--format", "json"), 2,
        f"--format json and the file name {tmp_path / 'a.csv'} (csv) disagree",
    )  # fmt: skip
    assert list(tmp_path.glob("a.*")) == [] and dump(seeded) == before


COLUMNS = (
    "code, country, status, since, signed_on, place, source, note, counted, count_reason, "
    "count_source, pledges, milestones, terms, deliveries, snapshot, sources_checked"
)


def test_the_csv_export_ends_lines_with_a_line_feed_and_names_its_columns(run, seeded):
    result = run("export", "--format", "csv")
    assert result.exit_code == 0
    assert b"\r" not in result.stdout_bytes and result.stdout_bytes.count(b"\n") == 24
    assert result.stdout.splitlines()[0] == COLUMNS.replace(", ", ",")
    # The file's dates on every row: the data's, and (none yet, on the seed) the day its
    # sources were checked.
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(row["snapshot"], row["sources_checked"]) for row in rows} == {("2024-07-15", "")}


def test_a_csv_whose_rows_give_two_dates_for_the_file_is_refused(run, seeded, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("code,status,snapshot\nCZ,planned,2024-07-01\nSI,planned,2024-07-02\n",
                    encoding="utf-8")  # fmt: skip
    before = dump(seeded)
    assert_refused(run("import", str(path)), 2, "the snapshot column gives 2 dates (2024-07-01, "
                   "2024-07-02); the file's snapshot is one date, the same on every row")  # fmt: skip
    assert dump(seeded) == before


def test_a_csv_with_a_byte_order_mark_and_crlf_is_read(run, seeded, tmp_path):
    path = tmp_path / "saved.csv"
    path.write_bytes(
        b"\xef\xbb\xbfcode,status,since,source\r\nCZ,negotiating,2024-07-01,https://example.org/cz\r\n"
    )
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["status"] == "negotiating"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,status,colour\nCZ,planned,red\n",
         f"{{path}}: unknown column 'colour'. Known columns: {COLUMNS}"),
        ("code,status,pledges\nCZ,planned,[oops\n",
         "record 1: the pledges cell is not a JSON list, as export writes it"),
    ],
)  # fmt: skip
def test_a_csv_refusal_is_whole(run, seeded, tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = dump(seeded)
    result = run("import", str(path))
    message = message.replace("{path}", str(path))
    assert_refused(result, 2, message)
    assert result.stderr.rstrip("\n").endswith(message)
    assert dump(seeded) == before


def test_an_export_without_the_goal_texts_gives_them_empty(run, seeded):
    import sqlite3

    with sqlite3.connect(seeded) as conn:
        conn.execute(
            "DELETE FROM settings WHERE key IN ('goal_basis', 'goal_source', "
            "'reported_value_as_of', 'reported_value_statement', 'reported_value_source')"
        )
    data = json.loads(run("export").stdout)
    assert data["goal"] == {"count": 32, "basis": "", "source": ""}
    assert data["reported_value"] == {
        "value_usd": 38_000_000_000, "as_of": "", "statement": "", "source": ""
    }  # fmt: skip


def test_standard_input_is_json_when_it_starts_with_a_brace_or_bracket(run, seeded):
    exported = run("export").stdout
    result = run("import", "-", "--dry-run", input="\n  " + exported)
    assert result.exit_code == 0, result.output
    listed = run("import", "-", input="[1]")  # JSON, but not a data file
    assert_refused(listed, 2, "the data file must be a JSON object with a list of 'parties'")


def test_a_closed_standard_input_is_bad_input(monkeypatch):
    import sys

    from agreements_cli.errors import BadInput
    from agreements_cli.formats.datafile import read_file

    closed = io.StringIO("{}")
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    with pytest.raises(BadInput) as refused:
        read_file("-")
    assert str(refused.value) == "standard input is closed. Give a FILE to import"


LIMIT = 10 * 1024 * 1024  # the size limit of a data file: 10 MB


@pytest.mark.parametrize("where", ["file", "stdin"])
def test_a_data_file_of_10_mb_is_read_and_one_character_more_is_refused(
    run, seeded, tmp_path, where
):
    def imported(text):
        if where == "stdin":
            return run("import", "-", "--dry-run", input=text), "-"
        path = tmp_path / "big.json"
        path.write_text(text, encoding="utf-8")
        return run("import", str(path), "--dry-run"), str(path)

    whole = "{" + " " * (LIMIT - 2) + "}"  # JSON of exactly the limit: read, then refused
    result, name = imported(whole)
    assert_refused(result, 2, "the data file must be a JSON object with a list of 'parties'")
    result, name = imported(whole + " ")
    assert_refused(result, 2, f"{name} is larger than 10 MB; no data file of agreements is")


def test_a_path_through_a_file_cannot_be_read(run, seeded, tmp_path):
    through = tmp_path / "a.json"
    through.write_text("{}", encoding="utf-8")
    result = run("import", f"{through}/b.json")
    assert_refused(result, 2, f"cannot read {through}/b.json: Not a directory")


def test_a_replacing_import_counts_each_party_it_would_remove(run, seeded, tmp_path):
    data = json.loads(run("export").stdout)
    data["parties"] = [p for p in data["parties"] if p["code"] not in ("DE", "FR")]
    path = tmp_path / "less.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", str(path), "--replace", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "remove pledge of Germany (DE): EUR 7.1 bn (2024, mixed)" in lines
    assert "remove pledge of France (FR): up to EUR 3 bn (2024, military)" in lines
    assert result.stdout.splitlines()[-1] == (
        "Dry run: 0 to add, 0 to update, 2 to remove, 21 unchanged; pledges: 0 to add, "
        "0 to change, 2 to remove. Nothing was written."
    )


def test_a_csv_with_a_byte_order_mark_is_read_from_standard_input(run, seeded):
    text = "\ufeffcode,status,since,source\r\nCZ,negotiating,2024-07-01,https://example.org/cz\r\n"
    result = run("import", "-", input=text)
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["status"] == "negotiating"


def test_the_csv_json_cells_keep_letters_as_they_are(run, seeded):
    assert run("add", "Czechia", "-s", "negotiating", "--on", "2024-07-01").exit_code == 0
    args = ["milestone", "add", "CZ", "text agreed", "--on", "2024-06-01", "--note",
            "Praha – Kyjev", "--source", "https://example.org/cz"]  # fmt: skip
    assert run(*args).exit_code == 0
    exported = run("export", "--format", "csv").stdout
    row = next(line for line in exported.splitlines() if line.startswith("CZ,"))
    assert '""note"":""Praha – Kyjev""' in row and "\\u2013" not in row


def test_a_replacing_import_names_an_orphan_pledge_by_its_code(run, seeded, tmp_path):
    import sqlite3

    with sqlite3.connect(seeded) as conn:  # another program's pledge of a party not tracked
        columns = [r[1] for r in conn.execute("PRAGMA table_info(pledges)") if r[1] != "id"]
        listed = ", ".join(columns)
        chosen = ", ".join("'AT'" if c == "code" else c for c in columns)
        conn.execute(
            f"INSERT INTO pledges ({listed}) SELECT {chosen} FROM pledges WHERE code = 'DE'"
        )
    path = tmp_path / "all.json"
    path.write_text(run("export").stdout, encoding="utf-8")
    result = run("import", str(path), "--replace", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == [
        "remove pledge of AT (AT): EUR 7.1 bn (2024, mixed)",
        "Dry run: 0 to add, 0 to update, 0 to remove, 23 unchanged; pledges: 0 to add, "
        "0 to change, 1 to remove. Nothing was written.",
    ]
