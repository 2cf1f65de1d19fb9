"""An id names one pledge or milestone for ever: never given twice, never too large for
the command line to take as bad input."""

import shutil
import sqlite3

import pytest

from conftest import ROOT, assert_refused, dump

FIXTURE = ROOT / "tests" / "fixtures" / "m005-bundled-and-edited.db"


def add_pledge(run, amount="5m"):
    done = run("pledge", "add", "Germany", amount, "--year", "2024", "--announced-on",
               "2024-03-01", "--source", "https://example.org/de")  # fmt: skip
    assert done.exit_code == 0, done.output
    return int(done.stdout.split("Added pledge ")[1].split(" ")[0])


def add_milestone(run, step):
    done = run("milestone", "add", "Germany", step, "--on", "2024-03-01",
               "--source", "https://example.org/de")  # fmt: skip
    assert done.exit_code == 0, done.output
    return int(done.stdout.split("Added milestone ")[1].split(" ")[0])


def test_the_id_of_a_removed_pledge_or_milestone_is_never_given_again(run, seeded):
    first = add_pledge(run)
    assert run("pledge", "remove", str(first), "--yes").exit_code == 0
    second = add_pledge(run, "6m")
    assert second == first + 1  # once: first again, one id for two pledges in the history
    milestone = add_milestone(run, "talks opened")
    assert run("milestone", "remove", str(milestone), "--yes").exit_code == 0
    assert add_milestone(run, "text approved") == milestone + 1
    # An undo puts the removed pledge back under its own id.
    assert run("pledge", "remove", str(second), "--yes").exit_code == 0
    assert run("undo", "--yes").exit_code == 0
    assert [p["id"] for p in run.json("pledge", "list", "DE")][-1] == second


def test_the_migration_starts_ids_above_every_id_the_log_has_named(run, tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(FIXTURE, db)
    with sqlite3.connect(db) as conn:  # pledge 35, the newest, removed as the old version did
        row = conn.execute("SELECT after FROM events WHERE entity = 'pledge' AND "
                           "json_extract(after, '$.id') = 35").fetchone()[0]  # fmt: skip
        conn.execute("DELETE FROM pledges WHERE id = 35")
        conn.execute("INSERT INTO events (batch, code, action, effective_on, recorded_at, before, "
                     "after, entity) VALUES (900, 'NL', 'remove', '2026-01-01', "
                     "'2026-01-01T00:00:00+00:00', ?, NULL, 'pledge')", (row,))  # fmt: skip
        assert conn.execute("SELECT MAX(id) FROM pledges").fetchone()[0] == 34
    done = run("--db", str(db), "pledge", "add", "Germany", "1m", "--year", "2024",
               "--announced-on", "2024-03-01", "--source", "https://example.org/de")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "Added pledge 36 of Germany" in done.stdout  # not 35 again
    with sqlite3.connect(db) as conn:
        schema = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'pledges'").fetchone()[0]
        ids = [row[0] for row in conn.execute("SELECT id FROM pledges ORDER BY id")]
    assert "AUTOINCREMENT" in schema
    assert ids == [*range(1, 9), *range(10, 35), 36]  # each kept (9 was removed), and the new one


def as_before_m008(db):
    """The database as the version before m008 left it: no references, the migration not
    applied (every row, id and sequence as they are)."""
    with sqlite3.connect(db) as conn:
        for table in ("pledges", "milestones"):
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[
                0
            ]
            indexes = [r[0] for r in conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (table,))]  # fmt: skip
            old = sql.replace(" REFERENCES parties(code)", "").replace(f'"{table}"', "old", 1)
            (seq,) = conn.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
            ).fetchone()
            conn.execute(old)
            conn.execute(f"INSERT INTO old SELECT * FROM {table}")
            conn.execute(f"DROP TABLE {table}")
            conn.execute(f"ALTER TABLE old RENAME TO {table}")
            for index in indexes:
                conn.execute(index)
            conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (seq, table))
        conn.execute(
            "DELETE FROM _sqlite_migrations WHERE name = 'm008_items_reference_their_party'"
        )


def test_the_migration_makes_items_reference_their_party_and_keeps_every_row(run, seeded):
    assert run("import", "--bundled").exit_code == 0
    newest = max(p["id"] for p in run.json("pledge", "list"))
    assert run("pledge", "remove", str(newest), "--yes").exit_code == 0
    as_before_m008(seeded)
    with sqlite3.connect(seeded) as conn:
        assert conn.execute("PRAGMA foreign_key_list(pledges)").fetchall() == []
        before = {table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                  for table in ("pledges", "milestones")}  # fmt: skip
    assert run("list").exit_code == 0  # migrates
    with sqlite3.connect(seeded) as conn:
        for table in ("pledges", "milestones"):
            assert conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() == before[table]
            references = conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            assert [(r[2], r[3], r[4]) for r in references] == [("parties", "code", "code")]
        indexes = {r[0]: r[1] for r in conn.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}  # fmt: skip
    assert (indexes["pledges_code"], indexes["milestones_code"]) == ("pledges", "milestones")
    # The removed pledge's id is still never given again.
    added = run("pledge", "add", "Germany", "1m", "--year", "2024", "--announced-on",
                "2024-03-01", "--source", "https://example.org/de")  # fmt: skip
    assert f"Added pledge {newest + 1} of Germany" in added.stdout, added.output


@pytest.mark.parametrize("command", [["pledge", "remove"], ["milestone", "remove"]])
@pytest.mark.parametrize("value", ["9223372036854775808", "99999999999999999999999", "0", "-5"])
def test_an_id_the_database_cannot_hold_is_bad_input(run, seeded, command, value):
    before = dump(seeded)
    assert_refused(run(*command, *(["--", value] if value.startswith("-") else [value]), "--yes"),
                   2, "Invalid value for 'ID'")  # fmt: skip
    assert dump(seeded) == before


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "0"], "year 0 is outside 1991-2100. Check the year"),
    (["--year", "-2024"], "year -2024 is outside 1991-2100"),
    (["--year", "2101"], "year 2101 is outside 1991-2100"),
    (["--kind", " "], "unknown kind ' '. Use one of: military, financial"),
    (["--kind", ""], "unknown kind ''. Use one of: military, financial"),
])  # fmt: skip
def test_a_filter_that_matches_nothing_sensible_is_refused_not_ignored(run, seeded, args, message):
    """`pledge list --year 0` and `--kind " "` once listed every pledge."""
    before = dump(seeded)
    assert_refused(run("pledge", "list", *args), 2, message)
    assert dump(seeded) == before
