"""The schema and its migrations, on real files."""

import json
import re
import sqlite3
from datetime import date

import pytest

from agreements_cli.errors import Fix, NotTracked, StoreError
from agreements_cli.store import migrations
from agreements_cli.store.database import Store

from conftest import assert_refused, dump

PARTY_COLUMNS = [
    "code", "country", "kind", "status", "signed_on", "place", "source", "note",
    "counted", "count_reason", "count_source",
]  # fmt: skip
PLEDGE_COLUMNS = [
    "id", "code", "amount", "currency", "first_year", "last_year", "per_year", "kind",
    "qualifier", "announced_on", "source", "note", "value_usd", "usd_rate", "usd_rate_date",
    "instrument", "tie", "replaces", "first_month", "last_month", "value_eur", "eur_rate",
    "eur_rate_date",
]  # fmt: skip
EVENT_COLUMNS = [
    "id", "batch", "code", "action", "effective_on", "recorded_at", "before", "after", "undoes",
    "entity", "origin",
]  # fmt: skip
MILESTONE_COLUMNS = ["id", "code", "happened_on", "step", "document", "source", "note"]


def columns(path, table):
    with sqlite3.connect(path) as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_a_blank_database_gets_the_whole_schema_and_no_seed_without_one(tmp_path):
    path = tmp_path / "blank.db"
    Store.open(path).close()
    assert columns(path, "parties") == PARTY_COLUMNS
    assert columns(path, "events") == EVENT_COLUMNS
    assert columns(path, "settings") == ["key", "value"]
    assert columns(path, "milestones") == MILESTONE_COLUMNS
    assert columns(path, "pledges") == PLEDGE_COLUMNS
    with sqlite3.connect(path) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        assert conn.execute("SELECT COUNT(*) FROM parties").fetchone()[0] == 0
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert applied == migrations.NAMES


def test_opening_twice_changes_nothing(tmp_path):
    from conftest import dump

    path = tmp_path / "twice.db"
    Store.open(path).close()
    before = dump(path)
    Store.open(path).close()
    assert dump(path) == before


def test_the_schema_refuses_an_unknown_status(tmp_path):
    path = tmp_path / "check.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO parties (code, country, kind, status) VALUES ('CZ', 'Czechia', 'state', 'maybe')"
        )


@pytest.mark.parametrize("counted", ["2", "-1", "'yes'"])
def test_the_schema_refuses_a_count_flag_that_is_not_0_or_1(tmp_path, counted):
    path = tmp_path / "check.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO parties (code, country, kind, status, counted) "
            f"VALUES ('CZ', 'Czechia', 'state', 'planned', {counted})"
        )


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('agreements', 'm999_future', '2030-01-01')"
        )
    before = path.read_bytes()
    with pytest.raises(StoreError, match="written by a newer version of agreements"):
        Store.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "statements",
    [["CREATE TABLE invoices (id INTEGER)"],
     # sqlite-utils' migrations table, holding another program's migrations only
     ["CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT)",
      "INSERT INTO _sqlite_migrations VALUES ('invoices', 'm001_create')"]],
)  # fmt: skip
def test_another_programs_database_is_refused_untouched(tmp_path, statements):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as refused:
        Store.open(path)
    assert (refused.value.reason, refused.value.fix) == (
        f"{path} is an SQLite database of another program, not an agreements database; it "
        "was left untouched",
        Fix.NEW_FILE,
    )
    assert path.read_bytes() == before


def test_a_locked_database_is_reported_after_the_busy_wait(tmp_path, monkeypatch):
    import agreements_cli.store.files as store_module

    path = tmp_path / "locked.db"
    Store.open(path).close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = Store.open(path)
        row = {f: None for f in PARTY_COLUMNS} | {
            "code": "CZ", "country": "Czechia", "kind": "state", "status": "planned",
            "counted": True,
        }  # fmt: skip
        with pytest.raises(StoreError, match="is locked by another process") as refused:
            store.add(row, "2024-07-15")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # The wait is the one set, 0.2 s, not SQLite's own 5 s (far from either on a busy machine).
    waited = re.search(r"waited ([0-9.]+) s, at most 0.2 s\)", str(refused.value))
    assert waited and float(waited[1]) < 3, str(refused.value)


def test_the_indexes_that_reads_rely_on_exist(tmp_path):
    path = tmp_path / "indexed.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        names = {row[1] for row in conn.execute("PRAGMA index_list(events)")}
        plan = " ".join(
            row[3]
            for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT MAX(id) FROM events WHERE effective_on <= '2024-07-15' "
                "AND entity = 'party' AND action != 'undo' GROUP BY code"
            )
        )
    assert {"events_code_effective", "events_batch", "events_party_as_of", "events_undoes",
            "events_origin"} <= names  # fmt: skip
    assert "events_as_of" not in names
    assert "events_party_as_of" in plan


def test_an_old_database_upgraded_reads_its_log_as_counted(run, tmp_path):
    """Events written before m003 have no 'counted': they read as counted, so check,
    as-of and undo agree with the upgraded table."""
    from conftest import ROOT, dump

    db = tmp_path / "old.db"
    db.write_bytes((ROOT / "tests" / "fixtures" / "first-schema.db").read_bytes())
    assert run("--db", str(db), "check").stdout == ""
    rows = json.loads(run("--db", str(db), "list", "--as-of", "2024-07-15", "-f", "json").stdout)
    assert len(rows) == 23 and {r["counted"] for r in rows} == {True}
    # History reads an old row with the fields it lacked at their defaults.
    assert run.json("--db", str(db), "history", "DE")[-1]["changes"]["counted"] == [None, True]
    # The ledger made from the old pledges is where the history starts: undo stops there.
    before = dump(db)
    undone = run("--db", str(db), "undo", "--yes")
    assert (undone.exit_code, undone.stderr) == (
        1, "Error: nothing to undo: no change has been made since the seed\n",
    )  # fmt: skip
    assert dump(db) == before
    assert run("--db", str(db), "check").exit_code == 0
    with sqlite3.connect(db) as conn:
        entities = conn.execute("SELECT entity, COUNT(*) FROM events GROUP BY entity").fetchall()
    assert dict(entities)["pledge"] == 17


def test_a_database_of_the_schema_before_the_ledger_keeps_everything(run, tmp_path):
    """tests/fixtures/m003-schema.db was made by the version before the pledge ledger: the
    seed, Czechia's talks from 2024-06-28, the bundled later data of that version, Germany's
    amount changed to EUR 8 bn, Poland's note edited and a milestone added."""
    from conftest import ROOT

    db = tmp_path / "m003.db"
    db.write_bytes((ROOT / "tests" / "fixtures" / "m003-schema.db").read_bytes())
    with sqlite3.connect(db) as conn:
        old_money = conn.execute(
            "SELECT code, amount, currency, period, value_usd, usd_rate, usd_rate_date, "
            "COALESCE(signed_on, usd_rate_date) FROM parties WHERE amount IS NOT NULL ORDER BY code"
        ).fetchall()
        old_events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    assert len(old_money) == 19 and len(old_events) == 52

    def counts(day):
        summary = run.json("--db", str(db), "progress", "--as-of", day)
        return summary["signed"], summary["negotiating"], summary["signed_outside_count"]

    # What the older version answered for these dates (read off it when the fixture was made).
    assert counts("2024-07-15") == (23, 2, 0)
    assert counts("2024-07-18") == (25, 1, 0)
    assert counts("2024-10-17") == (27, 2, 1)
    assert counts("2025-01-21") == (28, 3, 1)
    rows = {r["code"]: r for r in run.json("--db", str(db), "list")}
    assert rows["PL"]["note"] == "edited note" and len(rows) == 32
    assert run.json("--db", str(db), "milestone", "list", "GR")[-1]["step"] == "fixture step"
    with sqlite3.connect(db) as conn:
        ledger = conn.execute(
            "SELECT code, amount, currency, CASE WHEN first_year = last_year THEN first_year "
            "ELSE first_year || '-' || last_year END, value_usd, usd_rate, usd_rate_date, "
            "announced_on FROM pledges ORDER BY code"
        ).fetchall()
        events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    # Each pledge is a ledger entry as it was stated and valued (the years as text, as the
    # period was), announced on the signing date (the rate's day for a party not signed).
    assert [(c, a, cur, str(p), v, r, d, on) for c, a, cur, p, v, r, d, on in ledger] == old_money
    assert ("DE", "8000000000") in {(c, a) for c, a, *_ in ledger}
    # The change log keeps every event; the ledger's entries follow as its seed.
    assert [e[:9] for e in events[: len(old_events)]] == [e[:9] for e in old_events]
    assert len(events) == len(old_events) + 19
    assert run("--db", str(db), "check").stdout == ""
    # Its party rows carried their money; history still shows it changing.
    history = {e["id"]: e["changes"] for e in run.json("--db", str(db), "history", "DE")}
    assert history[50] == {"amount": ["7100000000", "8000000000"],
                           "value_usd": [7645280000, 8614400000]}  # fmt: skip
    assert {f: history[2][f] for f in ("amount", "currency", "period", "value_usd")} == {
        "amount": [None, "7100000000"], "currency": [None, "EUR"], "period": [None, "2024"],
        "value_usd": [None, 7645280000],
    }  # fmt: skip


def test_an_item_of_a_party_not_tracked_is_refused_by_the_store_itself(tmp_path):
    from agreements_cli.errors import NotTracked

    from conftest import dump

    path = tmp_path / "items.db"
    Store.open(path).close()
    before = dump(path)
    store = Store.open(path)
    from agreements_cli.records import Milestone

    milestone = Milestone(id=None, code="CZ", happened_on="2024-06-01", step="text agreed",
                          document=None, source="https://example.org/cz", note=None)  # fmt: skip
    with pytest.raises(NotTracked) as raised:
        store.add_item("milestone", milestone)
    store.close()
    assert str(raised.value) == "CZ"
    assert dump(path) == before


def test_adding_a_party_already_tracked_is_refused_by_the_store_with_its_row(seeded):
    from agreements_cli.errors import AlreadyTracked

    from conftest import dump

    before = dump(seeded)
    store = Store.open(seeded)
    germany = store.parties.get("DE")
    with pytest.raises(AlreadyTracked) as raised:
        store.add(germany.but(place="Bonn"), "2024-02-16")
    store.close()
    assert str(raised.value) == "Germany is already tracked (signed)"
    assert raised.value.row == germany  # what is there, not what was offered
    assert dump(seeded) == before


def test_a_change_is_recorded_in_utc_whatever_the_local_time_zone(monkeypatch):
    import time
    from datetime import UTC, datetime, timedelta

    from agreements_cli.store.connection import recorded_now

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        recorded = recorded_now()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert recorded.endswith("+00:00") and len(recorded) == len("2026-11-29T06:00:00+00:00")
    assert abs(datetime.fromisoformat(recorded) - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_stage_another_program_wrote_as_bytes_is_refused_or_read_as_text(run, seeded):
    assert run("add", "Czechia", "-s", "negotiating", "--on", "2024-07-01").exit_code == 0
    assert run("milestone", "add", "Czechia", "text agreed", "--on", "2024-06-01",
               "--source", "https://example.org/cz").exit_code == 0  # fmt: skip
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE milestones SET step = x'00ff' WHERE code = 'CZ'")
    store = Store.open(seeded)
    try:
        with pytest.raises(StoreError) as raised:
            store.milestones.stages()
        with store.lenient() as met:
            stages = store.milestones.stages()
    finally:
        store.close()
    assert "milestone" in str(raised.value) and "step" in str(raised.value)
    assert (stages["CZ"].stage, stages["CZ"].stage_on) == ("b'\\x00\\xff'", "2024-06-01")
    assert len(met) == 1 and "step" in next(iter(met))


DE_NOTE = (
    "EUR 7.1 bn of financial and military aid for 2024. A separate EUR 1.1 bn package "
    "announced the same day is not included."
)


def test_an_undo_is_logged_with_what_it_changed_back(run, seeded):
    assert run("update", "DE", "--note", "x").exit_code == 0
    assert run("undo", "--yes").exit_code == 0
    newest = run.json("history")[0]
    assert {k: newest[k] for k in ("code", "country", "entity", "action", "changes")} == {
        "code": "DE", "country": "Germany", "entity": "party", "action": "undo",
        "changes": {"note": ["x", DE_NOTE]},
    }  # fmt: skip


def test_an_undone_milestone_is_logged_as_undone_for_its_party(run, seeded):
    source = "https://example.org/cz"
    assert run("add", "Czechia", "-s", "negotiating", "--on", "2024-07-01").exit_code == 0
    args = ["milestone", "add", "CZ", "talks opened", "--on", "2024-06-01", "--source", source]
    assert run(*args).exit_code == 0
    assert run("undo", "--yes").exit_code == 0
    newest = run.json("history")[0]
    assert {k: newest[k] for k in ("code", "country", "entity", "action")} == {
        "code": "CZ",
        "country": "Czechia",
        "entity": "milestone",
        "action": "undo",
    }
    assert run.json("milestone", "list") == []


def test_the_store_refuses_an_undo_of_a_batch_that_is_no_longer_the_last(run, seeded):
    assert run("update", "DE", "--note", "x").exit_code == 0
    last = run.json("history")[0]["id"]
    before = dump(seeded)
    store = Store.open(seeded)
    try:
        batch = store.db.conn.execute("SELECT batch FROM events WHERE id = ?", (last,)).fetchone()[
            0
        ]
        with pytest.raises(StoreError) as refused:
            store.undo(batch - 1)
        assert (refused.value.reason, refused.value.fix) == (
            "the change log moved on while undo was asking",
            Fix.UNDO_AGAIN,
        )
        with pytest.raises(NotTracked) as missing:
            store.remove("ZZ", "2024-07-01")
        assert str(missing.value) == "ZZ"
    finally:
        store.close()
    assert dump(seeded) == before


def test_db_info_of_a_log_without_events_or_names(run, seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("DELETE FROM events WHERE id < (SELECT MAX(id) FROM events)")
        conn.execute("UPDATE events SET after = '{}', before = NULL")
    last = run.json("db", "info")["last_change"]
    assert last["country"] == last["code"] and last["action"] == "seed"
    with sqlite3.connect(seeded) as conn:
        conn.execute("DELETE FROM events")
    assert run.json("db", "info")["last_change"] is None


def test_completion_names_are_read_without_writing(seeded):
    from agreements_cli.store.files import tracked_names

    before = dump(seeded)
    names = tracked_names(seeded)
    assert names[:3] == [("BE", "Belgium"), ("CA", "Canada"), ("DK", "Denmark")]
    assert len(names) == 23 and dump(seeded) == before


def test_a_party_added_with_a_pledge_logs_both_as_added(run, seeded):
    args = ["add", "Kosovo", "-s", "negotiating", "--on", "2024-07-01", "--amount", "5m",
            "--currency", "EUR", "--period", "2024"]  # fmt: skip
    assert run(*args).exit_code == 0, run(*args).output
    newest = run.json("history")[:2]  # newest first: the pledge after its party
    assert [(e["entity"], e["action"], e["code"]) for e in newest] == [
        ("pledge", "add", "XK"),
        ("party", "add", "XK"),
    ]


def test_the_store_refuses_to_update_a_party_not_tracked(seeded):
    before = dump(seeded)
    store = Store.open(seeded)
    try:
        with pytest.raises(NotTracked) as missing:
            store.update("ZZ", lambda row, pledges: None)
        assert str(missing.value) == "ZZ"
    finally:
        store.close()
    assert dump(seeded) == before


def test_show_gives_the_milestones_of_its_party_alone(run, seeded):
    for name, step, day in (("Czechia", "talks opened", "2024-05-01"),
                            ("Bulgaria", "text agreed", "2024-06-01")):  # fmt: skip
        assert run("add", name, "-s", "negotiating", "--on", "2024-07-01").exit_code == 0
        args = ["milestone", "add", name, step, "--on", day, "--source", "https://example.org/m"]
        assert run(*args).exit_code == 0
    shown = run.json("show", "CZ")["milestones"]
    assert [(m["code"], m["step"], m["happened_on"]) for m in shown] == [
        ("CZ", "talks opened", "2024-05-01")
    ]


def test_a_setting_another_program_writes_as_a_number_reads_as_its_text(run, seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE settings SET value = 20 WHERE key = 'goal'")
    assert run.json("progress")["goal"] == 20
    assert run.json("db", "info")["goal"] == 20


@pytest.mark.parametrize(("stored", "goal"), [("1", 1), ("1000", 1000), ("0032", 32)])
def test_a_goal_another_program_wrote_from_1_to_1000_is_read(run, seeded, stored, goal):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = 'goal'", (stored,))
        conn.execute("UPDATE settings SET value = ? WHERE key = 'reported_value_usd'", ("9" * 18,))
    summary = run.json("progress")
    assert (summary["goal"], summary["reported_value_usd"]) == (goal, 999_999_999_999_999_999)
    assert run("check").stdout == ""


def first_event(path, code: str, newest: bool = False) -> int:
    with sqlite3.connect(path) as conn:
        pick = "MAX" if newest else "MIN"
        query = f"SELECT {pick}(id) FROM events WHERE code = ? AND entity = 'party'"
        return conn.execute(query, (code,)).fetchone()[0]


def test_a_logged_row_that_is_json_but_not_a_row_is_named_with_its_event(run, seeded):
    de, gb = first_event(seeded, "DE", newest=True), first_event(seeded, "GB")
    fr = first_event(seeded, "FR", newest=True)

    def refused(message):
        before = dump(seeded)
        assert_refused(run("list", "--as-of", "2024-07-15"), 1, message)
        assert dump(seeded) == before

    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE events SET after = '[1, 2]' WHERE id = ?", (de,))
    refused(
        f"change-log event {de} (DE): after holds '[1, 2]', which is not a row of agreements "
        "in JSON; agreements did not write it. See every such value with: agreements check"
    )
    with sqlite3.connect(seeded) as conn:  # an older event with a bad 'before' comes first
        conn.execute("UPDATE events SET before = '\"x\"' WHERE id = ?", (gb,))
    refused(f"change-log event {gb} (GB): before holds '\"x\"', which is not a row of")
    with sqlite3.connect(seeded) as conn:  # every row an object, but a code that is a number
        conn.execute("UPDATE events SET before = NULL WHERE id = ?", (gb,))
        conn.execute("UPDATE events SET after = NULL WHERE id = ?", (de,))
        conn.execute("UPDATE events SET after = json_set(after, '$.code', 5) WHERE id = ?", (fr,))
    refused(
        f"change-log event {fr} (FR): after code holds 5, which is not a two-letter code; "
        "agreements did not write it. See every such value with: agreements check"
    )
    assert "France (FR): the table differs from the last change recorded for it" in (
        run("check").stdout
    )


def test_a_blob_in_the_change_log_is_named_even_when_its_bytes_are_json(run, seeded):
    de = first_event(seeded, "DE", newest=True)
    with sqlite3.connect(seeded) as conn:  # agreements writes text; another program, bytes
        conn.execute("UPDATE events SET after = ? WHERE id = ?", (b'{"code": "DE"}', de))
    before = dump(seeded)
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"change-log event {de} (DE): after holds a blob of 14 bytes, which is not a row of "
        "agreements in JSON"
    )
    assert dump(seeded) == before


def test_a_bad_setting_is_refused_by_name_and_listed_by_check(run, seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE settings SET value = 'many' WHERE key = 'goal'")
    before = dump(seeded)
    fault = "the settings: goal holds 'many', which is not a whole number from 1 to 1000"
    for args in (["progress"], ["db", "info"]):
        result = run(*args)
        assert_refused(result, 1, fault)
        assert result.stderr == (
            f"Error: {fault}; agreements did not write it. See every such value with: "
            "agreements check\n"
        )
    checked = run("check")
    assert checked.exit_code == 1 and checked.stderr == ""
    assert fault in checked.stdout.splitlines()
    assert dump(seeded) == before


def test_a_new_file_seeded_by_another_command_meanwhile_is_not_seeded_again(tmp_path):
    """Two commands on a new file both find it empty; the first creates and seeds it
    while the other reads the seed data; the other then finds it seeded, and writes no
    second seed (nor fails on the parties already there)."""
    from agreements_cli.formats.datafile import load_bundled_seed

    path = tmp_path / "agreements.db"
    first = {}

    def seed_read_while_another_command_seeds():
        Store.open(path, seed=load_bundled_seed).close()
        first["dump"] = dump(path)
        return load_bundled_seed()

    Store.open(path, seed=seed_read_while_another_command_seeds).close()
    assert dump(path) == first["dump"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM parties").fetchone()[0] == 23


def test_a_seed_writes_and_logs_its_milestones_and_a_records_own_amount(tmp_path):
    """A seed whose records list milestones, or give one amount of their own (Croatia's
    signing and the UK's GBP 2.5 bn, agreements-facts.md), writes each as an item and logs
    it as one, seeded at the time its events record; its settings are those it gives."""

    from agreements_cli.formats.datafile import parse

    source = "https://example.org/"
    data = {"format": "agreements/3", "goal": {"count": 30},
            "reported_value": {"value_usd": 38000000000}, "parties": [
        {"code": "HR", "country": "Croatia", "status": "signed", "signed_on": "2024-10-09",
         "place": "Dubrovnik", "source": source,
         "milestones": [{"happened_on": "2024-10-09", "step": "signed", "source": source}]},
        {"code": "GB", "country": "United Kingdom", "status": "signed",
         "signed_on": "2024-01-12", "place": "Kyiv", "source": source,
         "amount": "2500000000", "currency": "GBP", "period": "2024-2025"},
    ]}  # fmt: skip
    path = tmp_path / "agreements.db"
    Store.open(path, seed=lambda: parse(data, today=date(2026, 11, 29))).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT code, happened_on, step FROM milestones").fetchall() == [
            ("HR", "2024-10-09", "signed")
        ]
        assert conn.execute("SELECT code, amount, currency, first_year, last_year "
                            "FROM pledges").fetchall() == [
            ("GB", "2500000000", "GBP", 2024, 2025)
        ]  # fmt: skip
        logged = conn.execute(
            "SELECT code, action, entity, recorded_at FROM events ORDER BY id"
        ).fetchall()
        settings = dict(conn.execute("SELECT key, value FROM settings"))
    assert [row[:3] for row in logged] == [
        ("HR", "seed", "party"), ("GB", "seed", "party"),
        ("HR", "seed", "milestone"), ("GB", "seed", "pledge"),
    ]  # fmt: skip
    assert {row[3] for row in logged} == {settings.pop("seeded_at")}
    # A goal or a total given with nothing more has the rest empty, not the text "None".
    assert settings == {
        "goal": "30", "goal_basis": "", "goal_source": "", "reported_value_usd": "38000000000",
        "reported_value_as_of": "", "reported_value_statement": "", "reported_value_source": "",
    }  # fmt: skip


def test_the_change_log_holds_letters_as_they_are_for_other_programs(run, seeded):
    """Datasette or sqlite3 show the log's JSON as it is stored: "München", not
    "M\\u00fcnchen", before and after a change."""
    assert run("update", "DE", "--place", "München").exit_code == 0
    assert run("update", "DE", "--place", "Köln").exit_code == 0
    with sqlite3.connect(seeded) as conn:
        before, after = conn.execute(
            "SELECT before, after FROM events ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert '"place": "München"' in before and '"place": "Köln"' in after


@pytest.mark.parametrize(
    ("sql", "constraint"),
    [
        ("UPDATE parties SET kind = 'city' WHERE code = 'DE'", "kind IN"),
        ("UPDATE parties SET status = 'maybe' WHERE code = 'DE'", "status IN"),
        ("UPDATE parties SET counted = 2 WHERE code = 'DE'", "counted IN"),
        ("UPDATE pledges SET per_year = 2 WHERE code = 'DE'", "per_year IN"),
        ("UPDATE pledges SET kind = 'gift' WHERE code = 'DE'", "kind IN"),
        ("UPDATE pledges SET qualifier = 'about' WHERE code = 'DE'", "qualifier IN"),
        ("UPDATE pledges SET first_year = 2030 WHERE code = 'DE'", "first_year <= last_year"),
    ],
)
def test_the_schema_refuses_what_its_checks_name(seeded, sql, constraint):
    before = dump(seeded)
    with sqlite3.connect(seeded) as conn, pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(sql)
    assert dump(seeded) == before
    schema = "\n".join(row[0] for row in sqlite3.connect(seeded).execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table'"))  # fmt: skip
    assert constraint in schema
