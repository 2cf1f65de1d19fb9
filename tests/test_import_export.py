"""`export` and `import`: one format with data/seed.json, atomic, keyed by country code."""

import json

import pytest

from conftest import ROOT, dump

UPDATES = ROOT / "data" / "updates-2025-11.json"


def test_the_later_events_make_28_against_32(run):
    result = run("import", str(UPDATES))
    assert result.exit_code == 0, result.output
    summary = run.json("progress")
    assert (summary["signed"], summary["negotiating"], summary["goal"]) == (28, 3, 32)
    signed = {r["code"] for r in run.json("list", "--status", "signed")}
    assert {"CZ", "SI", "IE", "GR", "AL"} <= signed and "HR" not in signed
    assert sum(r["kind"] == "state" for r in run.json("list", "--status", "signed")) == 27


@pytest.mark.parametrize(("day", "signed"), [("2024-07-15", 23), ("2024-07-18", 25),
                                             ("2024-09-04", 26), ("2024-10-17", 27),
                                             ("2025-01-21", 28)])  # fmt: skip
def test_the_later_events_replay_by_date(run, day, signed):
    run("import", str(UPDATES))
    assert run.json("progress", "--as-of", day)["signed"] == signed


def test_every_later_record_has_a_source_and_croatia_is_left_out():
    data = json.loads(UPDATES.read_text(encoding="utf-8"))
    assert all(p["source"].startswith("https://") for p in data["parties"])
    assert "HR" not in {p["code"] for p in data["parties"]}
    assert "Croatia" in data["description"]


def test_import_after_the_users_first_add_updates_czechia(run):
    run("add", "Czechia", "--status", "negotiating")
    result = run("import", str(UPDATES))
    assert (
        "update Czechia (CZ), effective 2024-07-18: status negotiating -> signed" in result.stdout
    )
    assert run.json("progress")["signed"] == 28


def test_importing_twice_changes_nothing_the_second_time(run, seeded):
    run("import", str(UPDATES))
    before = dump(seeded)
    result = run("import", str(UPDATES))
    assert result.exit_code == 0
    assert "0 added, 0 updated, 0 removed, 8 unchanged" in result.stdout
    assert dump(seeded) == before


def test_dry_run_shows_the_changes_and_writes_nothing(run, seeded):
    before = dump(seeded)
    result = run("import", str(UPDATES), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "add Greece (GR), effective 2024-10-17" in result.stdout
    assert result.stdout.endswith(
        "Dry run: 8 to add, 0 to update, 0 to remove, 0 unchanged. Nothing was written.\n"
    )
    assert dump(seeded) == before


def test_undo_after_an_import_restores_the_state_before_it(run):
    before = run.json("list")
    run("import", str(UPDATES))
    undone = run("undo")
    assert undone.stdout.startswith("Reverted the import of 8 parties")
    assert run.json("list") == before
    assert run.json("progress")["signed"] == 23


def test_export_then_import_into_another_database_gives_the_same_list(run, tmp_path):
    run("add", "Czechia", "--status", "negotiating", "--amount", "1bn", "--currency", "CZK")
    run("import", str(UPDATES))
    run("update", "Poland", "--note", "[edited] note")
    run("remove", "Romania")
    exported = tmp_path / "out.json"
    assert run("export", "-o", str(exported)).exit_code == 0
    other = tmp_path / "other.db"
    result = run("--db", str(other), "import", str(exported), "--replace")
    assert result.exit_code == 0, result.output
    copied = json.loads(run("--db", str(other), "list", "--format", "json").stdout)
    assert copied == run.json("list")
    assert "RO" not in {r["code"] for r in copied} and len(copied) == 30


def test_export_to_stdout_reads_back_from_stdin(run, tmp_path):
    exported = run("export").stdout
    other = tmp_path / "piped.db"
    result = run("--db", str(other), "import", "-", "--replace", input=exported)
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 0 removed, 23 unchanged" in result.stdout


def test_export_csv_has_every_field(run):
    lines = run("export", "--format", "csv").stdout.splitlines()
    assert lines[0].startswith("code,country,kind,status,signed_on")
    assert len(lines) == 24


def bad_file(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


GOOD = {
    "code": "CZ",
    "status": "signed",
    "signed_on": "2024-07-18",
    "source": "https://example.org/a",
}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON (line 1, column 2"),
        ([GOOD], "the data file must be a JSON object with a list of 'parties'"),
        ({"parties": [GOOD, {"code": "XX", "status": "signed"}]}, "record 2 (XX): unknown country code 'XX'"),
        ({"parties": [GOOD, {**GOOD, "code": "SI", "status": "done"}]}, "record 2 (SI): unknown status 'done'"),
        ({"parties": [GOOD, {**GOOD, "code": "SI", "signed_on": "2024-02-30"}]}, "record 2 (SI): signing date '2024-02-30' is not a real date"),
        ({"parties": [GOOD, {**GOOD, "code": "SI", "amount": 5.5}]}, "record 2 (SI): field 'amount' must be a decimal string"),
        ({"parties": [GOOD, {**GOOD, "code": "SI", "colour": "red"}]}, "record 2 (SI): unknown field 'colour'"),
        ({"parties": [GOOD, GOOD]}, "the data file lists CZ more than once"),
        ({"parties": [{**GOOD, "since": "2024-01-01"}]}, "record 1 (CZ): 'since' is for parties not yet signed"),
        ({"parties": [GOOD], "format": "agreements/9"}, "this version reads agreements/1"),
    ],
)  # fmt: skip
def test_a_file_with_one_bad_record_is_rejected_whole(run, seeded, tmp_path, content, message):
    before = dump(seeded)
    result = run("import", bad_file(tmp_path, content))
    assert result.exit_code == 2, result.output
    assert message in result.stderr, result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert result.stdout == ""
    assert dump(seeded) == before


def test_a_missing_file_is_bad_input(run, seeded, tmp_path):
    result = run("import", str(tmp_path / "nowhere.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no file ")
