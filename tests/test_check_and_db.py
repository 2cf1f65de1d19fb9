"""`agreements check`, `agreements db path` and `agreements db info`."""

import json
import sqlite3
from datetime import date, timedelta

import pytest

from conftest import ROOT, dump


def test_check_passes_on_the_seed_and_on_the_seed_plus_the_later_events(run, seeded):
    result = run("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert run("import", str(ROOT / "data" / "updates-2025-11.json")).exit_code == 0
    result = run("check")
    assert (result.exit_code, result.stdout) == (0, "")


def test_check_names_a_signed_party_without_a_source(run, seeded):
    run("update", "Germany", "--clear", "source")
    before = dump(seeded)
    result = run("check")
    assert result.exit_code == 1
    assert (
        result.stdout
        == "Germany (DE): signed, but has no source. Fix: agreements update DE --source URL\n"
    )
    assert dump(seeded) == before


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        ("UPDATE parties SET signed_on = NULL WHERE code = 'FR'",
         ["France (FR): signed, but has no signing date.",
          "France (FR): the table differs from the last change recorded for it"]),
        (f"UPDATE parties SET signed_on = '{(date.today() + timedelta(days=30)).isoformat()}' WHERE code = 'FR'",
         ["France (FR): signing date", "France (FR): the table differs"]),
        ("DELETE FROM events WHERE code = 'IT'", ["Italy (IT): tracked, but the change log has no event for it"]),
        ("DELETE FROM parties WHERE code = 'IT'", ["Italy (IT): in the change log, but not in the table"]),
    ],
)  # fmt: skip
def test_check_finds_what_another_tool_broke(run, seeded, tamper, expected):
    with sqlite3.connect(seeded) as conn:
        conn.execute(tamper)
    result = run("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), (line, start)


def test_check_future_date_entered_through_the_cli(run):
    future = (date.today() + timedelta(days=10)).isoformat()
    run(
        "add",
        "Czechia",
        "--status",
        "signed",
        "--signed-on",
        future,
        "--source",
        "https://example.org/cz",
    )
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout == f"Czechia (CZ): signing date {future} is in the future\n"


def test_db_path_follows_the_option_and_the_environment_and_creates_nothing(run, db_path, tmp_path):
    assert run("db", "path").stdout == f"{db_path}\n"
    other = tmp_path / "other.db"
    assert run("--db", str(other), "db", "path").stdout == f"{other}\n"
    assert not db_path.exists() and not other.exists()


def test_db_path_defaults_to_the_user_data_folder(run, tmp_path):
    result = run("db", "path", env={"AGREEMENTS_DB": None, "XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert result.stdout == f"{tmp_path / 'xdg' / 'agreements' / 'agreements.db'}\n"


def test_db_info(run, seeded):
    run("add", "Czechia", "--status", "negotiating")
    info = json.loads(run("db", "info", "--format", "json").stdout)
    assert info["path"] == str(seeded)
    assert info["size_bytes"] == seeded.stat().st_size > 0
    assert info["schema"] == "m002_index_events_for_as_of"
    assert info["migrations_applied"] == info["migrations_known"] == 2
    assert info["by_status"] == {"signed": 23, "negotiating": 1, "planned": 0}
    assert info["events"] == 24
    assert info["last_change"]["code"] == "CZ" and info["last_change"]["action"] == "add"
    assert info["snapshot"] == "2024-07-15"
    table = run("db", "info").stdout
    for text in (
        "m002_index_events_for_as_of",
        "24 signed" if False else "23 signed",
        "add of Czechia (CZ)",
        "2024-07-15",
    ):
        assert text in table
