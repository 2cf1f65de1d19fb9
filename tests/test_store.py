"""The schema and its migrations, on real files."""

import json
import sqlite3

import pytest

from agreements_cli import migrations
from agreements_cli.errors import StoreError
from agreements_cli.store import Store

PARTY_COLUMNS = [
    "code", "country", "kind", "status", "signed_on", "place", "amount", "currency",
    "period", "value_usd", "usd_rate", "usd_rate_date", "source", "note",
    "counted", "count_reason", "count_source",
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


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="SQLite database of another program"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_locked_database_is_reported_after_the_busy_wait(tmp_path, monkeypatch):
    import agreements_cli.store as store_module

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
        with pytest.raises(StoreError, match="is locked by another process"):
            store.add(row, "2024-07-15")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


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
    from conftest import ROOT

    db = tmp_path / "old.db"
    db.write_bytes((ROOT / "tests" / "fixtures" / "first-schema.db").read_bytes())
    assert run("--db", str(db), "check").stdout == ""
    rows = json.loads(run("--db", str(db), "list", "--as-of", "2024-07-15", "-f", "json").stdout)
    assert len(rows) == 23 and {r["counted"] for r in rows} == {True}
    assert run("--db", str(db), "undo", "--yes").exit_code == 0
    assert run("--db", str(db), "check").exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT DISTINCT entity FROM events").fetchall() == [("party",)]
