"""`check` compares the pledge and milestone tables with their values' rules and with the
change log, as it does the parties; every fix it suggests is a command that runs."""

import json
import shlex
import sqlite3

import pytest

from conftest import installed

pytestmark = pytest.mark.installed


def agreements(env, *args):
    return installed(env, *args, ok=False)


@pytest.fixture
def bundled(tmp_path):
    env = {"AGREEMENTS_DB": str(tmp_path / "a.db"), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path), "COLUMNS": "200"}  # fmt: skip
    assert agreements(env, "import", "--bundled").returncode == 0
    return env, tmp_path / "a.db"


def tamper(db, *sql):
    with sqlite3.connect(db) as conn:
        for statement in sql:
            assert conn.execute(statement).rowcount >= 1, statement


def test_the_ordinary_life_of_a_database_leaves_check_silent(bundled):
    env, _ = bundled
    steps = [
        ["pledge", "add", "Italy", "250m", "--currency", "EUR", "--year", "2025",
         "--announced-on", "2025-05-01", "--source", "https://example.org/it"],
        ["milestone", "add", "Italy", "ratified by Ukraine", "--on", "2025-06-01",
         "--source", "https://example.org/it2"],
        ["pledge", "remove", "1", "--yes"], ["undo", "--yes"],
        ["update", "Germany", "--note", "changed"], ["remove", "Latvia", "--yes"], ["undo", "--yes"],
    ]  # fmt: skip
    for step in steps:
        done = agreements(env, *step)
        assert done.returncode == 0, (step, done.stderr)
    done = agreements(env, "check")
    assert (done.returncode, done.stdout) == (0, ""), done.stdout


def test_the_ledger_changed_behind_the_log_is_named(bundled):
    """A value multiplied by 1,000, a pledge deleted and a milestone inserted behind the
    log: progress then showed trillions, and check said nothing."""
    env, db = bundled
    de = json.loads(agreements(env, "pledge", "list", "DE", "-f", "json").stdout)[0]
    fr = json.loads(agreements(env, "pledge", "list", "FR", "-f", "json").stdout)[-1]
    tamper(db, f"UPDATE pledges SET value_usd = value_usd * 1000 WHERE id = {de['id']}",
           f"DELETE FROM pledges WHERE id = {fr['id']}",
           "INSERT INTO milestones (code, happened_on, step, source) VALUES "
           "('PL', '2024-08-01', 'talks opened', 'https://example.org/pl')")  # fmt: skip
    done = agreements(env, "check")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    who = f"pledge {de['id']} (DE, 7100000000 EUR)"
    assert (
        f"{who}: value_usd {de['value_usd'] * 1000} is not amount x usd_rate (7100000000 x 1.0768 = 7645280000)"
        in lines
    )
    assert f"{who}: the table differs from the last change recorded for it" in lines
    assert f"pledge {fr['id']} (FR): in the change log, but not in the table" in lines
    assert any(
        line.startswith("milestone ")
        and line.endswith(
            "(PL, talks opened): in the table, but the change log has no event for it"
        )
        for line in lines
    )


def test_a_rate_changed_with_its_value_is_named_against_the_ecb(bundled):
    env, db = bundled
    de = json.loads(agreements(env, "pledge", "list", "DE", "-f", "json").stdout)[0]
    tamper(
        db,
        f"UPDATE pledges SET value_usd = value_usd * 2, usd_rate = '2.1536' WHERE id = {de['id']}",
    )
    lines = agreements(env, "check").stdout.splitlines()
    assert (f"pledge {de['id']} (DE, 7100000000 EUR): usd_rate 2.1536 of 2024-02-16 is not the "
            "ECB's (1.0768 of 2024-02-16)") in lines  # fmt: skip


def test_a_rate_date_after_the_announcement_is_named_and_refused_on_import(bundled, tmp_path):
    env, db = bundled
    de = json.loads(agreements(env, "pledge", "list", "DE", "-f", "json").stdout)[0]
    tamper(db, f"UPDATE pledges SET usd_rate_date = '2099-01-01' WHERE id = {de['id']}")
    lines = agreements(env, "check").stdout.splitlines()
    assert (f"pledge {de['id']} (DE, 7100000000 EUR): usd_rate_date 2099-01-01 is after its "
            "announcement (2024-02-16)") in lines  # fmt: skip
    record = {"code": "IT", "pledges": [{"amount": "5000000", "currency": "EUR", "years": "2024",
              "announced_on": "2024-03-01", "usd_rate_date": "2099-01-01"}]}  # fmt: skip
    (tmp_path / "f.json").write_text(json.dumps({"parties": [record]}))
    done = agreements(env, "import", str(tmp_path / "f.json"))
    assert done.returncode == 2 and done.stderr.startswith(
        "Error: record 1 (IT): pledge 1: usd_rate_date 2099-01-01 is after today ("
    ), done.stderr
    assert "no rate of the future is known" in done.stderr and done.stderr.count("\n") == 1
    record["pledges"][0]["usd_rate_date"] = "2024-03-05"
    (tmp_path / "f.json").write_text(json.dumps({"parties": [record]}))
    done = agreements(env, "import", str(tmp_path / "f.json"))
    assert done.returncode == 2
    assert "usd_rate_date 2024-03-05 is after the announcement (2024-03-01)" in done.stderr


def test_every_fix_check_suggests_runs(bundled):
    env, db = bundled
    tamper(db, "UPDATE pledges SET source = NULL WHERE code = 'DE'",
           "INSERT INTO pledges (id, code, amount, currency, first_year, last_year, per_year, "
           "kind, qualifier, announced_on, value_usd, usd_rate, usd_rate_date) VALUES "
           "(-5, 'IT', '1000', 'USD', 2024, 2024, 1, 'unspecified', 'exact', '2024-03-01', 1000, "
           "'1', '2024-03-01')",
           "UPDATE parties SET source = NULL WHERE code = 'FR'")  # fmt: skip
    out = agreements(env, "check").stdout
    fixes = [line.split(" Fix: ", 1)[1] for line in out.splitlines() if " Fix: " in line]
    assert fixes, out
    assert "pledge -5 (IT, 1000 USD): has no source" in out.splitlines()  # named, no fix offered
    for fix in fixes:
        command = shlex.split(fix.split(", then")[0])
        assert command[0] == "agreements"
        command = [a if a != "URL" else "https://example.org/fixed" for a in command]
        command = [a if a != "YYYY-MM-DD" else "2024-02-16" for a in command]
        done = agreements(env, *command[1:], *(["--yes"] if "remove" in command else []))
        assert done.returncode == 0, (fix, done.stderr)
