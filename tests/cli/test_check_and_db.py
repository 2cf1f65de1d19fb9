"""`agreements check`, `agreements db path` and `agreements db info`."""

import json
import sqlite3
from datetime import date, timedelta

import pytest

from conftest import ROOT, dump


def test_check_passes_on_the_seed_and_on_the_seed_plus_the_later_events(run, seeded):
    result = run("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert run("import", str(ROOT / "data" / "updates-2026-12c.json")).exit_code == 0
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


@pytest.mark.parametrize(
    "args",
    [
        ["add", "Czechia", "--status", "signed", "--signed-on", "{future}"],
        ["add", "Czechia", "--status", "negotiating", "--on", "{future}"],
        ["update", "Germany", "--signed-on", "{future}"],
        ["update", "Germany", "--note", "later", "--on", "{future}"],
        ["remove", "Germany", "--on", "{future}"],
        [
            "milestone",
            "add",
            "Germany",
            "in force",
            "--on",
            "{future}",
            "--source",
            "https://example.org/x",
        ],
    ],
)
def test_a_date_after_today_is_refused(run, seeded, args):
    future = (date.today() + timedelta(days=2)).isoformat()  # after today everywhere
    before = dump(seeded)
    result = run(*(a.format(future=future) for a in args))
    assert result.exit_code == 2, result.output
    assert f"{future} is after today ({date.today().isoformat()})" in result.stderr
    assert "Record a signing that is planned as a milestone" in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert dump(seeded) == before
    assert run("check").exit_code == 0


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
    assert info["schema"] == "m010_deliveries"
    assert info["migrations_applied"] == info["migrations_known"] == 10
    assert info["by_status"] == {"signed": 23, "negotiating": 1, "planned": 0}
    assert info["events"] == 24 + 19  # the seed's parties and pledges, and the add
    assert info["pledges"] == 19
    assert info["last_change"]["code"] == "CZ" and info["last_change"]["action"] == "add"
    assert info["snapshot"] == "2024-07-15"
    # Czechia's talks were added today: the data is as of today.
    assert info["data_as_of"] == date.today().isoformat()
    assert info["milestones"] == 0
    assert info["deliveries"] == 0
    table = run("db", "info").stdout
    for text in (
        "m010_deliveries (10 of 10 migrations)",
        "23 signed, 1 negotiating, 0 planned",
        "add of Czechia (CZ)",
        "Data snapshot  2024-07-15",
        f"Data as of     {date.today().isoformat()}",
        "Milestones     0",
        "Figures done   0",
    ):
        assert text in table


TODAY = date.today().isoformat()


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        ("UPDATE pledges SET code = 'CZ' WHERE code = 'DE'",
         ["pledge 2 (CZ, 7100000000 EUR): its party is not tracked",
          "pledge 2 (CZ, 7100000000 EUR): the table differs from the last change recorded for it"]),
        ("UPDATE pledges SET announced_on = '2099-01-01' WHERE code = 'DE'",
         ["pledge 2 (DE, 7100000000 EUR): announced on 2099-01-01, in the future",
          "pledge 2 (DE, 7100000000 EUR): the table differs from the last change recorded for it"]),
        ("UPDATE pledges SET source = NULL WHERE code = 'DE'",
         ["pledge 2 (DE, 7100000000 EUR): has no source. Fix: agreements pledge remove 2, "
          "then add it again with --source URL",
          "pledge 2 (DE, 7100000000 EUR): the table differs from the last change recorded for it"]),
        ("INSERT INTO events (batch, code, action, effective_on, recorded_at, before, after) "
         "VALUES (99, 'IT', 'remove', '2024-08-01', '2024-08-01T00:00:00+00:00', NULL, NULL)",
         ["Italy (IT): tracked, but the change log says it was removed"]),
        ("DELETE FROM parties WHERE code = 'IT'; UPDATE events SET after = '{\"code\": \"IT\"}' "
         "WHERE code = 'IT'",
         ["change-log event 6 (IT): after holds '{\"code\": \"IT\"}', which lacks country, "
          "kind, status",
          "IT (IT): in the change log, but not in the table"]),
        (f"UPDATE parties SET signed_on = '{TODAY}' WHERE code = 'FR'",
         ["France (FR): the table differs from the last change recorded for it"]),
    ],
)  # fmt: skip
def test_check_words_each_problem_another_tool_made(run, seeded, tamper, expected):
    with sqlite3.connect(seeded) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.executescript(tamper)
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == expected


def test_check_accepts_a_change_log_whose_keys_another_tool_reordered(run, seeded):
    with sqlite3.connect(seeded) as conn:
        rows = conn.execute("SELECT id, after FROM events WHERE code = 'DE'").fetchall()
        assert len(rows) == 2  # the party's seed event and its pledge's
        for event, after in rows:
            reordered = json.dumps(dict(reversed(list(json.loads(after).items()))))
            conn.execute("UPDATE events SET after = ? WHERE id = ?", (reordered, event))
    assert run("check").stdout == ""


def test_a_milestone_of_today_is_not_in_the_future(run, seeded):
    added = run("milestone", "add", "Germany", "in force", "--on", TODAY, "--source",
                "https://example.org/de")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert run("check").stdout == ""


def test_db_info_right_after_creation_gives_the_data_size(run, db_path):
    info = run.json("db", "info")
    assert info["size_bytes"] == db_path.stat().st_size
    assert info["size_bytes"] > 50_000  # the seed's rows, not an empty 4 KB page


def test_a_signing_of_today_is_not_in_the_future(run, seeded):
    assert run("add", "Czechia", "--status", "signed", "--signed-on", TODAY,
               "--source", "https://example.org/cz").exit_code == 0  # fmt: skip
    result = run("check")
    assert (result.exit_code, result.stdout) == (0, "")


def test_check_compares_a_logged_row_with_the_table_whatever_the_order_of_its_fields():
    from agreements_cli.checks import problems
    from agreements_cli.records import Party

    fields = {"code": "DE", "country": "Germany", "kind": "state", "status": "signed",
              "signed_on": "2024-02-16", "source": "https://example.org/de", "counted": 1,
              "count_reason": None}  # fmt: skip
    row = Party.from_row(fields)
    logged = Party.from_row(dict(reversed(list(fields.items()))))
    assert problems([row], {"DE": logged}, date(2024, 7, 15)) == []
    changed = logged.but(signed_on="2024-02-17")
    assert [p.reason for p in problems([row], {"DE": changed}, date(2024, 7, 15))] == [
        "Germany (DE): the table differs from the last change recorded for it"
    ]
