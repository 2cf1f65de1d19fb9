"""`export` and `import`: one format with data/seed.json, atomic, keyed by country code."""

import json
import sqlite3
from datetime import date

import pytest

from conftest import ROOT, assert_refused, dump, library_process

UPDATES = ROOT / "data" / "updates-2026-12c.json"
# What the bundled later data adds to the seed, transcribed from the facts files
# (agreements-facts.md rows 24-29 and section 3; agreements-facts-2025.md section C).
LATER_SIGNED = {"CZ": "2024-07-18", "SI": "2024-07-18", "IE": "2024-09-04",
                "HR": "2024-10-09", "GR": "2024-10-17", "AL": "2025-01-21"}  # fmt: skip
LATER_NEGOTIATING = {"BG", "ME", "MK"}


def test_the_later_events_make_28_against_32_and_croatia_outside_the_count(run):
    result = run("import", "--bundled")
    assert result.exit_code == 0, result.output
    summary = run.json("progress")
    assert (summary["signed"], summary["signed_outside_count"], summary["negotiating"],
            summary["planned"], summary["untracked"], summary["goal"]) == (28, 1, 3, 0, 1, 32)  # fmt: skip
    assert summary["outside_count"] == [{"code": "HR", "country": "Croatia", "status": "signed"}]
    rows = {r["code"]: r for r in run.json("list")}
    assert {code: rows[code]["signed_on"] for code in LATER_SIGNED} == LATER_SIGNED
    assert {c for c, r in rows.items() if r["status"] == "negotiating"} == LATER_NEGOTIATING
    assert [c for c, r in rows.items() if not r["counted"]] == ["HR"]
    counted_states = [r for r in rows.values() if r["counted"] and r["status"] == "signed"]
    assert sum(r["kind"] == "state" for r in counted_states) == 27


@pytest.mark.parametrize(("day", "signed", "outside"), [("2024-07-15", 23, 0), ("2024-07-18", 25, 0),
                                                        ("2024-09-04", 26, 0), ("2024-10-09", 26, 1),
                                                        ("2024-10-17", 27, 1), ("2025-01-21", 28, 1)])  # fmt: skip
def test_the_later_events_replay_by_date(run, day, signed, outside):
    run("import", "--bundled")
    summary = run.json("progress", "--as-of", day)
    assert (summary["signed"], summary["signed_outside_count"]) == (signed, outside)


def test_every_later_record_has_a_source_and_croatia_is_outside_the_count():
    data = json.loads(UPDATES.read_text(encoding="utf-8"))
    assert data["format"] == "agreements/3"
    assert all(p["source"].startswith("https://") for p in data["parties"])
    for party in data["parties"]:
        for milestone in party.get("milestones", []):
            assert milestone["source"].startswith("https://"), milestone
    croatia = next(p for p in data["parties"] if p["code"] == "HR")
    assert croatia["counted"] is False
    assert "Vilnius declaration" in croatia["count_reason"]
    assert croatia["count_source"].startswith("https://my.ua/news/cluster/2024-10-09-v-opu-")
    assert "Plenković" in croatia["note"] and croatia["place"].startswith("Dubrovnik")


def test_the_bundled_snapshot_is_its_latest_date():
    data = json.loads(UPDATES.read_text(encoding="utf-8"))
    dates = [p.get("signed_on") or p.get("since") for p in data["parties"]]
    dates += [m["happened_on"] for p in data["parties"] for m in p.get("milestones", [])]
    dates += [x["announced_on"] for p in data["parties"] for x in p.get("pledges", [])]
    # The first EUR 3.2 bn of the EU's loan paid, 2026-06-25 (facts-2026-12, section A).
    assert data["snapshot"] == max(dates) == "2026-06-25"
    assert data["sources_checked"] == "2026-12-07"


def test_import_after_the_users_first_add_updates_czechia(run):
    run("add", "Czechia", "--status", "negotiating")
    result = run("import", "--bundled")
    assert (
        "update Czechia (CZ), effective 2024-07-18: status negotiating -> signed" in result.stdout
    )
    assert run.json("progress")["signed"] == 28


def test_importing_twice_changes_nothing_the_second_time(run, seeded):
    run("import", "--bundled")
    before = dump(seeded)
    result = run("import", "--bundled")
    assert result.exit_code == 0
    assert result.stdout == (
        "Imported the bundled updates-2026-12c.json: 0 added, 0 updated, 0 removed, 32 unchanged.\n"
    )
    assert dump(seeded) == before


def test_the_bundled_file_and_the_same_file_by_path_are_one_import(run, seeded):
    assert run("import", str(UPDATES)).exit_code == 0
    before = dump(seeded)
    result = run("import", "--bundled")
    assert "0 added, 0 updated, 0 removed, 32 unchanged." in result.stdout
    assert dump(seeded) == before


def test_dry_run_shows_the_changes_and_writes_nothing(run, seeded):
    before = dump(seeded)
    result = run("import", "--bundled", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        "add Croatia (HR), effective 2024-10-09: status signed; signed_on 2024-10-09; outside the official count"
        in lines
    )
    assert "add milestone of Bulgaria (BG): signing called off 2024-12-19" in lines
    assert (
        "add milestone of United Kingdom (GB): 100-Year Partnership: in force 2025-10-15" in lines
    )
    assert "add pledge of Germany (DE): EUR 11.5 bn (2026, military, later)" in lines
    # Japan's USD 4.5 bn of 2024 becomes USD 1 bn of grants and USD 3.5 bn of guarantees.
    assert "remove pledge of Japan (JP): USD 4.5 bn (2024, mixed)" in lines
    assert "add pledge of Japan (JP): USD 3.5 bn (2024, financial, guarantee)" in lines
    assert "add term of United States (US): termination_notice: 6 months (from 2024-06-13)" in lines
    assert lines[-1] == (
        "Dry run: 9 to add, 10 to update, 0 to remove, 13 unchanged; milestones: 30 to add, "
        "0 to change, 0 to remove; pledges: 24 to add, 4 to change, 1 to remove; terms: 197 to "
        "add, 0 to change, 0 to remove; delivery figures: 16 to add, 0 to change, 0 to remove. "
        "Nothing was written."
    )
    assert dump(seeded) == before


def test_undo_after_an_import_restores_the_state_before_it(run, seeded):
    before = (run.json("list"), dump(seeded).count('INSERT INTO "milestones"'))
    run("import", "--bundled")
    undone = run("undo")
    assert undone.stdout.startswith(
        "Reverted the import of 19 parties (AL, BG, CA, CZ, DE, ES, EU, GB, GR, HR, IE, JP, LV, ME, "
        "MK, NL, NO, SE, SI), 30 milestones, 29 pledges, 197 terms and 16 delivery figures "
        "recorded"
    )
    assert (run.json("list"), dump(seeded).count('INSERT INTO "milestones"')) == before
    assert run.json("progress")["signed"] == 23


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bundled", str(UPDATES)], "give a FILE or --bundled, not both"),
        (
            ["--bundled", "--replace"],
            "--replace would stop tracking every party not in the bundled",
        ),
        ([], "give a FILE to import (- for standard input), or --bundled"),
    ],
)
def test_import_needs_one_file_or_the_bundled_data(run, seeded, args, message):
    before = dump(seeded)
    result = run("import", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: " + message) and result.stderr.count("\n") == 1
    assert dump(seeded) == before


def test_a_file_of_the_first_format_is_still_read(run, tmp_path):
    old = {"format": "agreements/1", "snapshot": "2024-07-20", "parties": [
        {"code": "CZ", "status": "signed", "signed_on": "2024-07-18",
         "source": "https://interfax.com.ua/news/general/1001158.html"}]}  # fmt: skip
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "1 added, 0 updated, 0 removed, 0 unchanged" in result.stdout
    czechia = run.party("CZ")
    assert (czechia["status"], czechia["counted"], czechia["stage"]) == ("signed", True, None)


def test_export_then_import_into_another_database_gives_the_same_list(run, tmp_path):
    run("add", "Czechia", "--status", "negotiating", "--amount", "1bn", "--currency", "CZK")
    run("import", "--bundled")
    run("update", "Poland", "--note", "[edited] note")
    run("remove", "Romania")
    exported = tmp_path / "out.json"
    assert run("export", "-o", str(exported)).exit_code == 0
    other = tmp_path / "other.db"
    result = run("--db", str(other), "import", str(exported), "--replace")
    assert result.exit_code == 0, result.output
    copied = json.loads(run("--db", str(other), "list", "--format", "json").stdout)
    assert copied == run.json("list")
    assert "RO" not in {r["code"] for r in copied} and len(copied) == 31

    def milestones(*db):
        listed = json.loads(run(*db, "milestone", "list", "-f", "json").stdout)
        return [{k: v for k, v in m.items() if k != "id"} for m in listed]

    assert len(milestones()) == 30 and milestones("--db", str(other)) == milestones()
    # Romania's removal today is the latest change: the export's snapshot is today.
    today = date.today().isoformat()
    assert json.loads(exported.read_text(encoding="utf-8"))["snapshot"] == today
    assert run.json("progress")["data_as_of"] == today


def test_export_to_stdout_reads_back_from_stdin(run, tmp_path):
    exported = run("export").stdout
    other = tmp_path / "piped.db"
    result = run("--db", str(other), "import", "-", "--replace", input=exported)
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 0 removed, 23 unchanged" in result.stdout


def test_export_csv_has_every_field_of_a_record(run):
    lines = run("export", "--format", "csv").stdout.splitlines()
    assert lines[0] == (
        "code,country,status,since,signed_on,place,source,note,counted,count_reason,"
        "count_source,pledges,milestones,terms,deliveries,snapshot,sources_checked"
    )
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
MILESTONE = {"happened_on": "2024-07-18", "step": "signed", "source": "https://example.org/m"}


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
        ({"parties": [GOOD], "format": "agreements/9"}, "this version reads agreements/1 and agreements/2"),
        ({"parties": [{**GOOD, "counted": "no"}]}, "record 1 (CZ): field 'counted' must be true or false"),
        ({"parties": [{**GOOD, "counted": False}]}, "record 1 (CZ): a party outside the official count needs the reason"),
        ({"parties": [{**GOOD, "count_reason": "why"}]}, "record 1 (CZ): a reason for leaving the party out"),
        ({"parties": [{**GOOD, "milestones": {"step": "signed"}}]}, "record 1 (CZ): field 'milestones' must be a list"),
        ({"parties": [{**GOOD, "milestones": [{"happened_on": "2024-07-18", "step": "signed"}]}]},
         "record 1 (CZ): milestone 1: a milestone needs the page that reports it"),
        ({"parties": [{**GOOD, "milestones": [{**MILESTONE, "happened_on": "2099-01-01"}]}]},
         "record 1 (CZ): milestone 1: milestone date 2099-01-01 is after today"),
        ({"parties": [{**GOOD, "milestones": [{**MILESTONE, "colour": "red"}]}]},
         "record 1 (CZ): milestone 1 has an unknown field 'colour'"),
        ({"parties": [{**GOOD, "milestones": [MILESTONE, {**MILESTONE, "step": "SIGNED"}]}]},
         "record 1 (CZ): milestone 2 repeats SIGNED 2024-07-18; keep one"),
        ({"parties": [{**GOOD, "milestones": ["signed"]}]}, "record 1 (CZ): milestone 1 must be an object"),
        ({"parties": [{**GOOD, "signed_on": "2099-01-01"}]}, "record 1 (CZ): signing date 2099-01-01 is after today"),
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


def test_replace_removes_the_milestones_the_file_leaves_out(run, tmp_path):
    run("import", "--bundled")
    data = json.loads(run("export").stdout)
    bulgaria = next(p for p in data["parties"] if p["code"] == "BG")
    bulgaria["milestones"] = [
        m for m in bulgaria["milestones"] if m["step"] != "signing called off"
    ]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", str(path), "--replace")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "remove milestone of Bulgaria (BG): signing called off 2024-12-19",
        f"Imported {path}: 0 added, 0 updated, 0 removed, 32 unchanged; milestones: 0 added, "
        "0 changed, 1 removed. Undo with: agreements undo",
    ]
    assert run.party("BG")["stage"] == "signing scheduled"


def test_a_milestone_whose_note_changed_is_changed_in_place(run, tmp_path):
    run("import", "--bundled")
    before = {m["step"]: m["id"] for m in run.json("milestone", "list", "ME")}
    data = json.loads(UPDATES.read_text(encoding="utf-8"))
    montenegro = next(p for p in data["parties"] if p["code"] == "ME")
    montenegro["milestones"][0]["note"] = "Consultations in Kyiv."
    path = tmp_path / "note.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", str(path))
    assert "change milestone of Montenegro (ME): talks opened 2024-08-30" in result.stdout
    assert "milestones: 0 added, 1 changed, 0 removed" in result.stdout
    after = run.json("milestone", "list", "ME")
    assert {m["step"]: m["id"] for m in after} == before
    assert after[0]["note"] == "Consultations in Kyiv."
    run("undo")
    assert run.json("milestone", "list", "ME")[0]["note"] == "Consultations."


def test_a_records_own_amount_adds_a_pledge_and_removes_none(run, tmp_path):
    canada = run.party("CA")
    record = {"code": "CA", "status": "signed", "signed_on": "2024-02-24", "place": "Kyiv",
              "source": canada["source"], "note": canada["note"],
              "amount": "2000000000", "currency": "CAD", "period": "2025"}  # fmt: skip
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"format": "agreements/1", "parties": [record]}), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "add pledge of Canada (CA): CAD 2 bn (2025, unspecified)",
        f"Imported {path}: 0 added, 0 updated, 0 removed, 1 unchanged; pledges: 1 to add, "
        "0 to change, 0 to remove. Undo with: agreements undo".replace("1 to add", "1 added")
        .replace("0 to change", "0 changed")
        .replace("0 to remove", "0 removed"),
    ]
    assert [p["kind"] for p in run.json("pledge", "list", "CA")] == [
        "financial",  # the CAD 2.4 bn loan
        "military",
        "unspecified",
    ]
    again = run("import", str(path))
    assert "0 added, 0 updated, 0 removed, 1 unchanged." in again.stdout


GERMANY_AS_SEEDED = {
    "code": "DE", "status": "signed", "signed_on": "2024-02-16", "place": "Berlin",
    "source": "https://pravda.com.ua/eng/news/2024/02/16/7442194/",
    "note": "EUR 7.1 bn of financial and military aid for 2024. A separate EUR 1.1 bn package "
    "announced the same day is not included.",
}  # fmt: skip
MILITARY_2025 = {"amount": "1000000", "currency": "EUR", "years": "2025", "per_year": False,
                 "kind": "military", "qualifier": "exact", "announced_on": "2024-07-18",
                 "source": "https://example.org/p"}  # fmt: skip


def write(tmp_path, *records):
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"parties": list(records)}), encoding="utf-8")
    return str(path)


def test_a_record_level_amount_that_is_the_stored_pledge_changes_nothing(run, seeded, tmp_path):
    record = {**GERMANY_AS_SEEDED, "amount": "7100000000", "currency": "EUR", "period": "2024"}
    path = write(tmp_path, record)
    assert (
        run("import", path).stdout
        == f"Imported {path}: 0 added, 0 updated, 0 removed, 1 unchanged.\n"
    )
    (pledge,) = run.json("pledge", "list", "DE")
    assert (pledge["id"], pledge["kind"], pledge["value_usd"]) == (2, "mixed", 7_645_280_000)


def test_a_record_level_amount_joins_the_listed_pledges(run, seeded, tmp_path):
    record = {"code": "CZ", "status": "signed", "signed_on": "2024-07-18",
              "source": "https://example.org/a", "amount": "5000000", "currency": "EUR",
              "period": "2024", "pledges": [MILITARY_2025]}  # fmt: skip
    assert run("import", write(tmp_path, record)).exit_code == 0
    listed = [(p["amount"], p["first_year"], p["kind"]) for p in run.json("pledge", "list", "CZ")]
    assert sorted(listed) == [("1000000", 2025, "military"), ("5000000", 2024, "unspecified")]


def test_a_record_level_amount_repeating_a_listed_pledge_is_refused(run, seeded, tmp_path):
    record = {"code": "CZ", "status": "signed", "signed_on": "2024-07-18",
              "source": "https://example.org/a", "amount": "1000000", "currency": "EUR",
              "period": "2025", "pledges": [MILITARY_2025]}  # fmt: skip
    before = dump(seeded)
    result = run("import", write(tmp_path, record))
    assert (result.exit_code, result.stderr) == (
        2, "Error: record 1 (CZ): pledge 2 repeats EUR 1 m (2025, military); keep one\n",
    )  # fmt: skip
    assert dump(seeded) == before


def test_a_data_file_is_read_as_utf8_whatever_the_locale(run, seeded, tmp_path):
    """A machine whose locale is not UTF-8 (the C locale here; a Windows code page is the
    same) reads a file agreements wrote, byte order mark and all, as the file's UTF-8."""

    assert run("update", "DE", "--place", "München").exit_code == 0
    data = tmp_path / "data.json"
    assert run("export", "-o", str(data)).exit_code == 0
    assert "München".encode() in data.read_bytes()
    data.write_bytes(b"\xef\xbb\xbf" + data.read_bytes())
    assert run("update", "DE", "--place", "Berlin").exit_code == 0
    assert run("import", str(data)).exit_code == 0  # in this process, a UTF-8 locale
    other = tmp_path / "c-locale.db"
    result = library_process(f"import {data}", other, LC_ALL="C", LANG="C", PYTHONUTF8="0",
                             PYTHONCOERCECLOCALE="0")  # fmt: skip
    assert result.returncode == 0, result.stderr
    for db in (seeded, other):
        with sqlite3.connect(db) as conn:
            place = conn.execute("SELECT place FROM parties WHERE code = 'DE'").fetchone()[0]
        assert place == "München", db


@pytest.mark.parametrize("name", ["/dev/zero", "-"])
def test_an_endless_input_is_refused_past_the_size_limit(run, seeded, name):
    """`import /dev/zero`, or an endless stream on standard input, is refused once it
    passes 10 MB, in a process allowed 1 GB of memory: never read on for ever."""
    before = dump(seeded)
    with open("/dev/zero", "rb") as zeros:
        result = library_process(f"import {name}", seeded, stdin=zeros, memory=2**30)
    assert (result.returncode, result.stderr) == (
        2, f"Error: {name} is larger than 10 MB; no data file of agreements is\n"
    )  # fmt: skip
    assert dump(seeded) == before
    if name != "-":  # (standard input in this process is the runner's, a finite one)
        assert_refused(run("import", name), 2, f"{name} is larger than 10 MB")
        assert dump(seeded) == before


def test_a_whole_data_set_whose_record_gives_its_pledge_as_its_own_amount_keeps_it(
    run, seeded, tmp_path
):
    """`import --replace` of the database's own export, with the UK's record giving its
    one pledge (GBP 2.5 bn for the financial year 2024/25, agreements-facts.md) as the
    record's own amount instead of a list: that is the pledge already there, so nothing
    changes."""
    data = tmp_path / "data.json"
    assert run("export", "-o", str(data)).exit_code == 0
    exported = json.loads(data.read_text(encoding="utf-8"))
    uk = next(r for r in exported["parties"] if r["code"] == "GB")
    del uk["pledges"]
    uk.update(amount="2500000000", currency="GBP", period="2024-04..2025-03")
    data.write_text(json.dumps(exported), encoding="utf-8")
    before = dump(seeded)
    result = run("import", "--replace", str(data))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("0 added, 0 updated, 0 removed, 23 unchanged.\n"), result.stdout
    assert dump(seeded) == before


def test_a_record_giving_its_pledge_of_this_year_as_its_own_amount_keeps_it(run, seeded, tmp_path):
    """A party in talks with an amount for this year (no period given: the year of the
    day it takes effect, as with `add`) whose record gives that amount again: unchanged."""
    added = run("add", "Czechia", "--status", "negotiating", "--amount", "5000000",
                "--currency", "EUR")  # fmt: skip
    assert added.exit_code == 0, added.output
    data = tmp_path / "data.json"
    record = {"code": "CZ", "status": "negotiating", "amount": "5000000", "currency": "EUR"}
    data.write_text(json.dumps({"format": "agreements/3", "parties": [record]}), encoding="utf-8")
    before = dump(seeded)
    result = run("import", str(data))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("0 added, 0 updated, 0 removed, 1 unchanged.\n"), result.stdout
    assert dump(seeded) == before


def test_a_pledge_of_a_file_is_valued_on_its_usd_rate_date_and_in_usd_by_default(run, seeded,
                                                                                 tmp_path):  # fmt: skip
    """Germany's EUR 7.1 bn, valued at the ECB rate of its signing day, 2024-02-16 (1.0768
    USD per EUR: USD 7,645,280,000), though announced later; an amount with no currency is
    in dollars."""

    source = "https://example.org/a"
    record = {"code": "CZ", "status": "signed", "signed_on": "2024-07-18", "source": source,
              "pledges": [
                  {"amount": "7100000000", "currency": "EUR", "years": "2024",
                   "announced_on": "2024-07-18", "usd_rate_date": "2024-02-16"},
                  {"amount": "1000000", "years": "2025", "announced_on": "2024-07-18"}]}  # fmt: skip
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"format": "agreements/3", "parties": [record]}), encoding="utf-8")
    result = run("import", str(data))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(seeded) as conn:
        stored = conn.execute(
            "SELECT amount, currency, value_usd, usd_rate, usd_rate_date FROM pledges "
            "WHERE code = 'CZ' ORDER BY id"
        ).fetchall()
    assert stored == [
        ("7100000000", "EUR", 7645280000, "1.0768", "2024-02-16"),
        ("1000000", "USD", 1000000, "1", "2024-07-18"),
    ]


def test_an_export_carries_since_and_rate_dates_into_an_import(run, seeded, tmp_path):
    assert run("add", "Czechia", "--status", "negotiating", "--on", "2024-06-28").exit_code == 0
    assert run("pledge", "add", "Czechia", "1bn", "--currency", "CZK", "--year", "2024",
               "--announced-on", "2024-06-29", "--source", "https://example.org/cz").exit_code == 0  # fmt: skip
    exported = json.loads(run("export").stdout)
    czechia = next(p for p in exported["parties"] if p["code"] == "CZ")
    assert czechia["since"] == "2024-06-28"
    # 2024-06-29 was a Saturday: the pledge is valued at the ECB rate of Friday 2024-06-28.
    assert czechia["pledges"][0]["usd_rate_date"] == "2024-06-28"
    other = ["--db", str(tmp_path / "other.db")]
    assert run(*other, "import", "-", "--replace", input=json.dumps(exported)).exit_code == 0
    moved = next(p for p in run.json(*other, "pledge", "list") if p["code"] == "CZ")
    here = next(p for p in run.json("pledge", "list") if p["code"] == "CZ")
    assert (moved["usd_rate"], moved["usd_rate_date"], moved["value_usd"]) == (
        here["usd_rate"],
        "2024-06-28",
        here["value_usd"],
    )
    # The status took effect on 2024-06-28: negotiating from then, not before, there too.
    for db in ([], other):
        assert run.json(*db, "progress", "--as-of", "2024-06-27")["negotiating"] == 0
        assert run.json(*db, "progress", "--as-of", "2024-06-28")["negotiating"] == 1
