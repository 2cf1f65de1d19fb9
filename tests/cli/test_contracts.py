"""Contracts asserted whole: the bar's proportions, check's boundary of today, the schema's
CHECK constraints, Markdown escaping, length limits, stored text in error lines, and what
an export carries into an import (since, usd_rate_date)."""

import json
import sqlite3
from datetime import date

import pytest

from conftest import assert_refused, dump

TODAY = date.today().isoformat()


def test_the_bar_is_in_proportion_to_the_goal(run, seeded):
    for country in ("Czechia", "Slovenia", "Ireland"):
        assert run("add", country, "--status", "negotiating").exit_code == 0
    for country in ("Greece", "Albania"):
        assert run("add", country, "--status", "planned").exit_code == 0
    bar = run("progress").stdout.splitlines()[1]
    # 40 cells for 32: 23 signed = 28.75 -> 29, 3 negotiating = 3.75 -> 4, 2 planned = 2.5
    # -> 2 (to even), the rest 5.
    assert bar == "█" * 29 + "▓" * 4 + "▒" * 2 + "░" * 5 + " 23/32"


def test_a_signing_of_today_is_not_in_the_future(run, seeded):
    assert run("add", "Czechia", "--status", "signed", "--signed-on", TODAY,
               "--source", "https://example.org/cz").exit_code == 0  # fmt: skip
    result = run("check")
    assert (result.exit_code, result.stdout) == (0, "")


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


def test_markdown_escapes_the_table_bar(run, seeded):
    assert run("update", "Germany", "--place", "Berlin | Kanzleramt").exit_code == 0
    lines = run("list", "--format", "markdown").stdout.splitlines()
    germany = next(line for line in lines if line.startswith("| Germany "))
    assert "| Berlin \\| Kanzleramt |" in germany
    assert germany.count(" | ") == lines[0].count(" | ")  # as many cells as the header


def test_a_place_of_200_characters_is_taken_and_of_201_refused(run, seeded):
    assert run("update", "Germany", "--place", "p" * 200).exit_code == 0
    before = dump(seeded)
    assert_refused(run("update", "Germany", "--place", "q" * 201), 2, "place is 201 characters")
    assert dump(seeded) == before


def test_a_name_of_101_characters_is_refused(run, seeded):
    before = dump(seeded)
    assert_refused(run("add", "n" * 101, "--status", "planned"), 2, "country is 101 characters")
    assert dump(seeded) == before


def test_stored_text_in_an_error_line_is_shown_not_obeyed(run, seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE parties SET country = 'Ger\x1b[2Jmany' WHERE code = 'DE'")
    before = dump(seeded)
    result = run("add", "DE", "--status", "signed")
    assert_refused(result, 1, "Ger\\x1b[2Jmany is already tracked (signed)")
    assert "\x1b" not in result.stderr
    assert dump(seeded) == before


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


def test_a_pledge_announced_today_is_not_in_the_future(run, seeded):
    added = run("pledge", "add", "Germany", "1bn", "--currency", "EUR", "--year", "2026",
                "--announced-on", TODAY, "--source", "https://example.org/de")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert (run("check").exit_code, run("check").stdout) == (0, "")


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


@pytest.mark.parametrize(
    ("columns", "bar"),
    [
        # Up to 40 cells, 8 columns left for the count, at least 10: 23 of 32 signed.
        (18, "█" * 7 + "░" * 3),  # 10 cells: 7.19 -> 7
        (19, "█" * 8 + "░" * 3),  # 11 cells: 7.91 -> 8
        (47, "█" * 28 + "░" * 11),  # 39 cells: 28.03 -> 28
        (48, "█" * 29 + "░" * 11),  # 40 cells: 28.75 -> 29
        (120, "█" * 29 + "░" * 11),
    ],
)
def test_the_bar_fits_the_terminal(run, seeded, columns, bar):
    lines = run("progress", env={"COLUMNS": str(columns)}).stdout.splitlines()
    assert f"{bar} 23/32" in lines


def test_a_web_address_in_capitals_is_one_and_is_kept_as_typed(run, seeded):
    result = run("add", "Czechia", "--status", "planned", "--source", "HTTPS://Example.ORG/CZ")
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["source"] == "HTTPS://Example.ORG/CZ"
    assert_refused(run("add", "Greece", "-s", "planned", "--source", "FTP://example.org/x"), 2,
                   "source 'FTP://example.org/x' is not a web address")  # fmt: skip
