"""Hostile input across commands, the environment and files.

Each case must exit with its code, print one line on stderr that starts with
'Error: ', show no traceback, and leave the database exactly as it was.
"""

import contextlib
import json
import os
import sqlite3
import subprocess
from datetime import date

import pytest

from conftest import assert_refused, dump

LONG = "x" * 5000


def cmd(*args):
    return {"args": list(args)}


COMMAND_CASES = [
    (cmd("add", "", "--status", "signed"), 2, "country is empty"),
    (cmd("add", "   ", "--status", "signed"), 2, "country is empty"),
    (cmd("add", LONG, "--status", "signed"), 2, "country is 5000 characters long"),
    (cmd("add", "Cz\x07ech", "--status", "signed"), 2, "contains control characters"),
    (cmd("add", "Czech\u202eia", "--status", "signed"), 2, "contains control characters"),
    (cmd("add", "Narnia", "--status", "signed"), 2, "unknown country 'Narnia'"),
    (cmd("add", "Czechia", "--status", ""), 2, "unknown status ''"),
    (cmd("add", "Czechia", "--status", "signed'; DROP TABLE parties; --"), 2, "unknown status"),
    (cmd("add", "Czechia", "-s", "signed", "--signed-on", "2024-02-30"), 2, "is not a real date"),
    (cmd("add", "Czechia", "-s", "signed", "--signed-on", "0000-01-01"), 2, "is not a real date"),
    (cmd("add", "Czechia", "-s", "signed", "--signed-on", "9999-12-31"), 2, "is outside 1991-2100"),
    (cmd("add", "Czechia", "-s", "signed", "--signed-on", "2024-7-18"), 2, "'2024-7-18' is not written as YYYY-MM-DD. Write it as 2024-07-18"),
    (cmd("add", "Czechia", "-s", "signed", "--signed-on", "18.07.2024"), 2, "'18.07.2024' is day/month/year. Write it as YYYY-MM-DD: 2024-07-18"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "-1"), 2, "is negative"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "0"), 2, "is not positive"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "nan"), 2, "is not a number"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "inf"), 2, "is not a number"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "1e999999999"), 2, "is not a number"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "1e20"), 2, "is too large"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "0.001", "--currency", "EUR"), 2, "more decimal places than EUR"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "10.5", "--currency", "JPY"), 2, "more decimal places than JPY"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "5", "--currency", "EURO"), 2, "is not an ISO 4217 code"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "5", "--currency", "XXX"), 2, "has no ECB reference rate"),
    (cmd("add", "Czechia", "-s", "signed", "--source", "ftp://example.org/a"), 2, "is not a web address"),
    (cmd("add", "Czechia", "-s", "signed", "--source", "javascript:alert(1)"), 2, "is not a web address"),
    (cmd("add", "Czechia", "-s", "signed", "--source", "https://"), 2, "is not a web address"),
    (cmd("add", "Czechia", "-s", "signed", "--note", "n" * 2001), 2, "note is 2001 characters long"),
    (cmd("add", "Czechia", "-s", "signed", "--note", "a\x1b[31mb"), 2, "note contains control characters"),
    (cmd("add", "Czechia", "-s", "signed", "--place", "\x1b]8;;http://evil\x1b\\x"), 2, "place contains control characters"),
    (cmd("add", "Czechia", "-s", "signed", "--amount", "5", "--period", "20245"), 2, "is not a year or a range"),
    (cmd("list", "--sort", "country; DROP TABLE parties"), 2, "Invalid value for '--sort'"),
    (cmd("list", "--status", "x' OR '1'='1"), 2, "unknown status"),
    (cmd("progress", "--goal", "-1"), 2, "Invalid value for '--goal'"),
    (cmd("progress", "--goal", "1" + "0" * 30), 2, "Invalid value for '--goal'"),
    (cmd("progress", "--as-of", "yesterday"), 2, "--as-of date 'yesterday' is not a date"),
    (cmd("update", "Poland", "--clear", "status"), 2, "--clear 'status' is not a field"),
    (cmd("update", "Poland", "--note", "\u202e"), 2, "note contains control characters"),
    (cmd("show", "Narnia"), 2, "unknown country 'Narnia'"),
    (cmd("history", "\x00"), 2, "contains control characters"),
    (cmd("remove", "Czechia", "--yes"), 1, "Czechia is not tracked"),
    (cmd("export", "--format", "xml"), 2, "Invalid value for '--format'"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "code", "message"), COMMAND_CASES)
def test_hostile_command_input(run, seeded, case, code, message):
    before = dump(seeded)
    result = run(*case["args"])
    assert_refused(result, code, message)
    assert dump(seeded) == before


GOOD = {
    "code": "CZ",
    "status": "signed",
    "signed_on": "2024-07-18",
    "source": "https://example.org/a",
}

NO_CODE = {k: v for k, v in GOOD.items() if k != "code"}
PLEDGE = {"amount": "5", "years": "2024", "announced_on": "2024-07-18"}
TERM = {"term": "duration", "status": "stated", "value": "10", "unit": "years",
        "source": "https://example.org/t"}  # fmt: skip


def file_case(content):
    return content if isinstance(content, (str, bytes)) else json.dumps(content)


FILE_CASES = [
    ("{not json", "{path} is not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)"),
    ("", "{path} is not valid JSON (line 1, column 1: Expecting value)"),
    ([GOOD], "the data file must be a JSON object with a list of 'parties'"),
    ({"parties": {"CZ": GOOD}}, "the data file must be a JSON object with a list of 'parties'"),
    ({"parties": ["CZ"]}, "record 1: must be an object with code, status and source"),
    ({"parties": [{**GOOD, "code": 203}]}, "record 1: field 'code' is missing or not a string; give the ISO 3166-1 alpha-2 code"),
    ({"parties": [{**GOOD, "status": 1}]}, "record 1 (CZ): field 'status' is missing or not a string; use signed, negotiating or planned"),
    ({"parties": [{**GOOD, "amount": 5.5}]}, "record 1 (CZ): field 'amount' must be a decimal string such as \"2500000000\", not the number 5.5"),
    ({"parties": [{**GOOD, "amount": True}]}, "record 1 (CZ): field 'amount' must be a decimal string such as \"2500000000\", not true"),
    ({"parties": [{**GOOD, "note": ["a"]}]}, "record 1 (CZ): field 'note' must be a string, not an array"),
    ({"parties": [{**GOOD, "signed_on": {"a": 1}}]}, "record 1 (CZ): field 'signed_on' must be a string, not an object"),
    ({"parties": [{**GOOD, "country": 203}]}, "record 1 (CZ): field 'country' must be a string, not the number 203"),
    ({"parties": [{**GOOD, "pledges": ["x"]}]}, "record 1 (CZ): pledge 1 must be an object with amount, years, announced_on"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "extra": 1}]}]}, "record 1 (CZ): pledge 1 has an unknown field 'extra'. Known fields: amount, announced_on, currency, instrument, kind, note, per_year, qualifier, replaces, source, tie, usd_rate_date, years"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "currency": 5}]}]}, "record 1 (CZ): pledge 1: field 'currency' must be a string, not the number 5"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "amount": ""}]}]}, "record 1 (CZ): pledge 1: amount '' is not a number. Write it like 2500000000, 2.5e9, 2.5bn or 7.1 billion"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "years": ""}]}]}, "record 1 (CZ): pledge 1: period '' is not a year or a range. Write 2024, 2024-2026, or the months of a financial year: 2024-04..2025-03"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "usd_rate_date": "18.07.2024"}]}]}, "record 1 (CZ): pledge 1: usd_rate_date '18.07.2024' is day/month/year. Write it as YYYY-MM-DD: 2024-07-18"),
    ({"parties": [{**GOOD, "milestones": [{"happened_on": "2024-01-01", "step": 5}]}]}, "record 1 (CZ): milestone 1: field 'step' must be a string, not the number 5"),
    ({"parties": [{"code": "CZ", "status": "negotiating", "since": "last week"}]}, "record 1 (CZ): since 'last week' is not a date. Write it as YYYY-MM-DD, e.g. 2024-07-18"),
    ({"parties": [{"code": "CZ", "status": "negotiating", "since": "2099-01-01"}]}, "record 1 (CZ): since 2099-01-01 is after today ({today}): only what has happened can be recorded. Record a signing that is planned as a milestone, e.g. agreements milestone add COUNTRY \"signing scheduled for 2099-01-01\" --on {today}"),
    ({"parties": [{**GOOD, "pledges": [{"amount": "5", "currency": "CZK", "years": "2024", "announced_on": "2099-01-01"}]}]}, "record 1 (CZ): pledge 1: announcement date 2099-01-01 is after today ({today}): only what has happened can be recorded. Record a signing that is planned as a milestone, e.g. agreements milestone add COUNTRY \"signing scheduled for 2099-01-01\" --on {today}"),
    ({"parties": [{**GOOD, "usd_rate_date": "18.07.2024"}]}, "record 1 (CZ): usd_rate_date '18.07.2024' is day/month/year. Write it as YYYY-MM-DD: 2024-07-18"),
    ({"parties": [{**GOOD, "extra": 1}]}, "record 1 (CZ): unknown field 'extra'. Known fields: amount, code, count_reason, count_source, counted, country, currency, deliveries, milestones, note, period, place, pledges, signed_on, since, source, status, terms, usd_rate_date"),
    ({"parties": [GOOD, {**GOOD, "code": "cz"}]}, "the data file lists CZ more than once; keep one record"),
    ({"parties": [{"code": c, "status": "planned"} for c in ["CZ", "SI", "IE", "GR", "AL"] * 20_000]},
     "the data file lists AL more than once; keep one record"),
    ({"parties": [{**GOOD, "source": "https://a.org/\x1b[2J"}]}, "record 1 (CZ): source contains control characters. Use plain text"),
    ({"parties": [{**GOOD, "code": "UA"}]}, "record 1 (UA): Ukraine is the other side of every agreement, not a party to track. Give the partner country"),
    ({"parties": [GOOD], "surprise": 1}, "the data file has an unknown field 'surprise'"),
    ({"parties": [GOOD], "goal": {"count": "many"}}, "the data file's 'goal' must be an object whose 'count' is a whole number"),
    ({"parties": [GOOD], "goal": 32}, "the data file's 'goal' must be an object whose 'count' is a whole number"),
    ({"parties": [GOOD], "goal": {"count": 0}}, "the data file's 'goal' must be an object whose 'count' is a whole number"),
    ({"parties": [GOOD], "goal": {"count": True}}, "the data file's 'goal' must be an object whose 'count' is a whole number"),
    ({"parties": [GOOD], "reported_value": {"value_usd": 3.8e10}}, "the data file's 'reported_value' must be an object whose 'value_usd' is a whole number"),
    ({"parties": [GOOD], "snapshot": "last week"}, "snapshot 'last week' is not a date. Write it as YYYY-MM-DD, e.g. 2024-07-18"),
    ('{"parties": [{"code": "CZ", "status": "planned", "status": "signed"}]}', "record 1 (CZ): the key 'status' appears twice in one object; keep one"),
    ('{"parties": [{"code": "CZ", "status": "planned", "milestones": [{"step": "a", "step": "b", "happened_on": "2024-01-01"}]}]}', "record 1 (CZ): the key 'step' appears twice in one object; keep one"),
    ('{"parties": [], "parties": []}', "the data file: the key 'parties' appears twice in one object; keep one"),
    ('{"parties": [], "goal": {"count": 32, "count": 33}}', "the data file: the key 'count' appears twice in one object; keep one"),
    ({"parties": [GOOD, {**GOOD, "code": "DE", "country": "France"}]}, "record 2 (DE): country 'France' is FR, not DE. Correct the code or the country"),
    ({"parties": [{**GOOD, "country": "Narnia"}]}, "record 1 (CZ): unknown country 'Narnia'. Use a country name or ISO code, for example: Czechia or CZ"),
    ('{"parties": [{"code": "CZ", "status": "planned", "note": "a\\udcffb"}]}', "record 1 (CZ): the text 'a\\udcffb' is not valid Unicode (it holds a lone surrogate)"),
    ('{"parties": [], "description": "\\ud800"}', "the data file: the text '\\ud800' is not valid Unicode (it holds a lone surrogate)"),
    ('{"parties": [], "description": "' + "x" * 39 + 'y\\ud800"}', "the data file: the text '" + "x" * 39 + "y' is not valid Unicode (it holds a lone surrogate)"),
    ('{"parties": [], "goal": {"count": 1' + "0" * 5000 + '}}', "{path} holds a number of more than 4300 digits, which no data file of agreements has"),
    ({"parties": [], "goal": {"count": 1001}}, "the data file's goal count 1001 is more than 1000, which no agreements data has"),
    ({"parties": [], "reported_value": {"value_usd": 10**15 + 1}}, "the data file's reported_value value_usd 1000000000000001 is more than 1000000000000000, which no agreements data has"),
    ({"parties": [{**GOOD, "pledges": [{"currency": "CZK", "years": "2024"}]}]},
     "record 1 (CZ): pledge 1 needs 'amount' and 'years' and 'announced_on'"),
    ({"parties": [{**GOOD, "pledges": [{"amount": "5", "currency": "CZK", "years": "2024",
                                        "announced_on": "2024-07-18", "per_year": "yes"}]}]},
     "record 1 (CZ): pledge 1: field 'per_year' must be true or false"),
    ({"parties": [{**NO_CODE, "country": "Czechia"}, GOOD]},
     "the data file lists CZ more than once; keep one record"),
    ({"parties": [{**NO_CODE, "country": 203}]},
     "record 1: field 'code' is missing or not a string; give the ISO 3166-1 alpha-2 code"),
    ('{"parties": [{"country": "Czechia", "status": "planned", "status": "signed"}]}',
     "record 1 (CZ): the key 'status' appears twice in one object; keep one"),
    ("[" * 100_000 + "]" * 100_000, "{path} is nested too deeply to be a data file"),
    (b"\xff\xfe\x00binary", "{path} starts as UTF-16 text does but is not UTF-16 text (byte 0x79 on line 1)"),
    (b"{\x00\xff\xfe binary", "{path} is not UTF-8 text (byte 0xff on line 1). Give its encoding, e.g. --encoding cp1252 for a CSV that Excel saved on Windows"),
    ('{"parties": [' + ",".join([json.dumps(GOOD)] * 200_000) + "]}", "{path} is larger than 10 MB; no data file of agreements is"),
    # A pledge's instrument, tie and the pledge it replaces, as a data file gives them.
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "instrument": "gift"}]}]}, "record 1 (CZ): pledge 1: unknown instrument 'gift'. Use one of: grant, loan, guarantee"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "tie": "maybe"}]}]}, "record 1 (CZ): pledge 1: unknown tie 'maybe'. Use one of: agreement, later"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "replaces": 3}]}]}, "record 1 (CZ): pledge 1: field 'replaces' must be an object with the announced_on, amount, currency and years of the pledge it replaces"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "replaces": {"announced_on": "2024-01-01", "amount": "9", "currency": "USD", "years": "2024"}}]}]}, "a pledge of CZ replaces one the record does not list (announced 2024-01-01, USD 9); list it among the party's pledges"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "replaces": {"announced_on": "2024-07-18", "amount": "5", "currency": "USD", "years": "2024"}}]}]}, "a pledge of CZ replaces itself; name an earlier pledge"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "years": "2024-04..2024-03"}]}]}, "record 1 (CZ): pledge 1: period '2024-04..2024-03' is not a range in order. Write 2024, 2024-2026, or the months of a financial year: 2024-04..2025-03"),
    ({"parties": [{**GOOD, "pledges": [{**PLEDGE, "years": "2024-13..2025-03"}]}]}, "record 1 (CZ): pledge 1: period '2024-13..2025-03' has a month that is not 01-12. Write 2024, 2024-2026, or the months of a financial year: 2024-04..2025-03"),
    ({"parties": [GOOD], "sources_checked": "soon"}, "sources_checked 'soon' is not a date. Write it as YYYY-MM-DD, e.g. 2024-07-18"),
    # A record's terms, each checked as `term set` checks one.
    ({"parties": [{**GOOD, "terms": {"duration": "10"}}]}, "record 1 (CZ): field 'terms' must be a list of objects"),
    ({"parties": [{**GOOD, "terms": ["duration"]}]}, "record 1 (CZ): term 1 must be an object with term, status"),
    ({"parties": [{**GOOD, "terms": [{**TERM, "colour": "red"}]}]}, "record 1 (CZ): term 1 has an unknown field 'colour'. Known fields: clause, firmness, holds_from, note, quote, quote_lang, source, source_kind, status, term, text_url, unit, value"),
    ({"parties": [{**GOOD, "terms": [{"term": "duration"}]}]}, "record 1 (CZ): term 1 needs 'term' and 'status'"),
    ({"parties": [{**GOOD, "terms": [{**TERM, "value": 10}]}]}, "record 1 (CZ): term 1: field 'value' must be a string"),
    ({"parties": [{**GOOD, "terms": [{**TERM, "term": "colour"}]}]}, "record 1 (CZ): term 1: unknown term 'colour'. Use one of: duration, extension, termination_notice, review, nato_accession, consultations, reciprocity, legal_form, ratification, binding, money_form, lethal, defence_industry, training, air_defence, intelligence_cyber, sanctions, frozen_assets, reconstruction, reforms"),
    ({"parties": [{**GOOD, "terms": [{**TERM, "source": None}]}]}, "record 1 (CZ): term 1: a term that is stated needs the source read: give its URL"),
    ({"parties": [{**GOOD, "terms": [{**TERM, "unit": "weeks"}]}]}, "record 1 (CZ): term 1: unknown unit of duration 'weeks'. Use one of: years"),
    ({"parties": [{**GOOD, "terms": [TERM, TERM]}]}, "record 1 (CZ): term 2 repeats duration: 10 years (from 2024-07-18); keep one"),
    ({"parties": [{**GOOD, "terms": [{**TERM, "quote": "ten years"}]}]}, "record 1 (CZ): term 1: a quote needs its language (e.g. en, uk, de)"),
    ({"parties": [{**NO_CODE, "country": "Czechia", "signed_on": None, "status": "negotiating", "terms": [TERM]}]}, "record 1 (CZ): term 1 needs 'holds_from': the party has no signing date"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "message"), FILE_CASES)
def test_hostile_import_files(run, seeded, tmp_path, content, message):
    path = tmp_path / "input.json"
    data = file_case(content)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    before = dump(seeded)
    result = run("import", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    today = date.today().isoformat()
    message = message.replace("{path}", str(path)).replace("{today}", today)
    assert result.stderr == "Error: " + message + "\n"
    assert dump(seeded) == before


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_a_file_saved_with_a_byte_order_mark_is_read(run, seeded, tmp_path, via):
    text = "\ufeff" + json.dumps({"parties": [{**GOOD, "country": "Czech Republic"}]})
    path = tmp_path / "bom.json"
    path.write_text(text, encoding="utf-8")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    if via == "file":
        result = run("import", str(path))
    else:
        result = run("import", "-", input=path.read_bytes().decode("utf-8"))
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["signed_on"] == "2024-07-18"


def test_a_line_break_and_a_tab_are_plain_text(run, seeded):
    # The only control characters a note may hold: a table in a note keeps its tabs.
    assert run("update", "Poland", "--note", "line one\nkey\tvalue").exit_code == 0
    assert run.party("PL")["note"] == "line one\nkey\tvalue"


def test_import_of_a_folder_is_refused(run, seeded, tmp_path):
    before = dump(seeded)
    assert_refused(run("import", str(tmp_path)), 2, "is a folder")
    assert dump(seeded) == before


def make_truncated(path):
    sqlite3.connect(path).close()
    source = path.with_name("full.db")
    with sqlite3.connect(source) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    path.write_bytes(source.read_bytes()[:5000])


def make_corrupted(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)
    path.write_bytes(bytes(data))


def make_newer(path, run):
    assert run("--db", str(path), "db", "init").exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('agreements', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()  # the last connection out folds the write-ahead log into the file


DATABASE_CASES = [
    ("folder", lambda p, run: p.mkdir(), "is a folder"),
    ("text", lambda p, run: p.write_text("hello"), "is not an SQLite database; it was left untouched. Give another file with --db or AGREEMENTS_DB"),
    ("one byte", lambda p, run: p.write_bytes(b"S"), "is not an SQLite database; it was left untouched. Give another file with --db or AGREEMENTS_DB"),
    ("truncated", lambda p, run: make_truncated(p), "it was left untouched"),
    ("corrupted", lambda p, run: make_corrupted(p), "it was left untouched"),
    ("newer", make_newer, "written by a newer version of agreements"),
    ("foreign", lambda p, run: sqlite3.connect(p).execute("CREATE TABLE invoices (id)").connection.commit(),
     "SQLite database of another program"),
]  # fmt: skip


def snapshot(path):
    """The database file and its write-ahead log, byte for byte. The -shm file is only
    SQLite's shared-memory index, which any reader may touch, so it is left out."""
    if path.is_dir():
        return "dir"
    files = sorted(f for f in path.parent.glob(path.name + "*") if not f.name.endswith("-shm"))
    return {f.name: f.read_bytes() for f in files}


@pytest.mark.parametrize(
    ("name", "make", "message"), DATABASE_CASES, ids=[c[0] for c in DATABASE_CASES]
)
@pytest.mark.parametrize(
    "command", [["list"], ["progress", "-f", "json"], ["add", "Czechia", "-s", "planned"]]
)
def test_hostile_databases_are_reported_and_left_untouched(
    run, tmp_path, name, make, message, command
):
    path = tmp_path / "hostile.db"
    make(path, run)
    before = snapshot(path)
    result = run("--db", str(path), *command)
    assert_refused(result, 1, message)
    assert snapshot(path) == before


def test_the_default_database_in_a_missing_folder_is_created(run, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "a" / "b"))
    result = run("progress", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["signed"] == 23
    assert (tmp_path / "a" / "b" / "agreements" / "agreements.db").is_file()


@contextlib.contextmanager
def read_only(path):
    """Make a file or folder read-only, for root too (chattr +i), and undo it afterwards."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_database_can_be_read_but_not_written(run, tmp_path, locked):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "agreements.db"
    assert run("--db", str(db), "add", "Czechia", "-s", "planned").exit_code == 0
    before = db.read_bytes()
    with read_only(db if locked == "file" else folder):
        listed = run("--db", str(db), "progress", "-f", "json")
        assert listed.exit_code == 0, listed.output
        assert json.loads(listed.stdout)["planned"] == 1
        refused = run("--db", str(db), "update", "Czechia", "-s", "negotiating")
        assert_refused(refused, 1, f"the database {db} is read-only")
    assert db.read_bytes() == before
    # SQLite may leave an empty write-ahead log beside a file it could only read.
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.read_bytes() == b""


def test_a_new_database_in_a_read_only_folder_is_refused(run, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        result = run("--db", str(folder / "new.db"), "add", "Czechia", "--status", "planned")
        assert_refused(result, 1, f"cannot create the database {folder / 'new.db'}: the folder "
                       f"{folder} is not writable. Give another path with --db or AGREEMENTS_DB")  # fmt: skip
    assert list(folder.iterdir()) == []


def test_an_amount_given_as_a_whole_json_number_is_taken_as_its_digits(run, seeded, tmp_path):
    path = tmp_path / "input.json"
    record = {**GOOD, "amount": 2_500_000_000, "currency": "CZK", "period": "2024"}
    path.write_text(json.dumps({"parties": [record]}), encoding="utf-8")
    assert run("import", str(path)).exit_code == 0
    row = run.party("CZ")
    assert (row["amount"], row["currency"], row["period"]) == ("2500000000", "CZK", "2024")


def test_a_folder_is_not_a_data_file(run, seeded, tmp_path):
    before = dump(seeded)
    result = run("import", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {tmp_path} is a folder. Give a JSON file made by agreements export\n"
    )
    assert dump(seeded) == before


@pytest.mark.parametrize(
    "sections",
    [{"goal": {"count": 1}, "reported_value": {"value_usd": 1}},
     {"goal": {"count": 1000}, "reported_value": {"value_usd": 10**15}}],
)  # fmt: skip
def test_a_files_goal_and_reported_total_at_their_limits_are_read(run, seeded, tmp_path, sections):
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"parties": [GOOD], **sections}), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        ": 1 added, 0 updated, 0 removed, 0 unchanged. Undo with: agreements undo\n"
    )
