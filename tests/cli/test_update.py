"""`agreements update`: every change is recorded; an unchanged pledge keeps its rate."""

import json
import sqlite3
from datetime import date

import pytest

from conftest import dump


def events_of(path, code):
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT action, effective_on, before, after FROM events WHERE code = ? ORDER BY id",
            (code,),
        ).fetchall()


def test_update_to_signed_records_the_signing_date_as_effective(run, seeded):
    run("add", "Czechia", "--status", "negotiating")
    result = run("update", "Czech Republic", "--status", "signed", "--signed-on", "2024-07-18")
    assert result.exit_code == 0, result.output
    assert "status negotiating -> signed" in result.stdout
    assert run.party("CZ")["signed_on"] == "2024-07-18"
    action, effective, before, after = events_of(seeded, "CZ")[-1]
    assert (action, effective) == ("update", "2024-07-18")
    assert json.loads(before)["status"] == "negotiating"
    assert json.loads(after)["status"] == "signed"


def test_update_to_signed_without_a_date_uses_today_and_says_so(run):
    run("add", "Ireland", "--status", "negotiating")
    result = run("update", "Ireland", "--status", "signed")
    assert result.exit_code == 0, result.output
    assert "no --signed-on given: today's date" in result.stdout
    assert run.party("IE")["signed_on"] == date.today().isoformat()


def test_a_note_change_keeps_the_value_computed_when_the_pledge_was_written(run):
    assert run("update", "Germany", "--note", "edited").exit_code == 0
    after = run.party("DE")
    assert after["note"] == "edited"
    # The seed's EUR 7.1 bn at 1.0768, the ECB rate of 2024-02-16.
    assert [after[f] for f in ("amount", "value_usd", "usd_rate", "usd_rate_date")] == [
        "7100000000", 7_645_280_000, "1.0768", "2024-02-16",
    ]  # fmt: skip


def test_a_new_amount_alone_keeps_the_currency_and_the_years(run):
    result = run("update", "Germany", "--amount", "8bn")
    assert result.stdout == (
        "Updated Germany (DE): pledge EUR 7.1 bn (2024, mixed) -> EUR 8 bn (2024, mixed).\n"
    )
    row = run.party("DE")
    assert [row[f] for f in ("amount", "currency", "period", "value_usd")] == [
        "8000000000", "EUR", "2024", 8_614_400_000,
    ]  # fmt: skip


def test_new_years_alone_keep_the_amount_the_currency_and_the_value(run):
    result = run("update", "Germany", "--period", "2024-2025")
    assert result.stdout == (
        "Updated Germany (DE): pledge EUR 7.1 bn (2024, mixed) -> EUR 7.1 bn (2024-2025, mixed).\n"
    )
    row = run.party("DE")
    # The amount is for both years, spread evenly: half of USD 7,645,280,000 in 2024, the
    # list's year.
    assert [row[f] for f in ("amount", "currency", "period", "value_usd", "usd_rate")] == [
        "7100000000", "EUR", "2024-2025", 3_822_640_000, "1.0768",
    ]  # fmt: skip
    (pledge,) = run.json("pledge", "list", "DE", "--year", "2024")
    assert (pledge["per_year"], pledge["for_year"]["value_usd"], pledge["for_year"]["spread"]) == (
        False, 3_822_640_000, True,
    )  # fmt: skip


def test_new_years_keep_a_yearly_amount_yearly(run):
    run("update", "Sweden", "--period", "2024-2027")
    (pledge,) = run.json("pledge", "list", "SE")
    # SEK 25 bn a year for 2024-2026 (agreements-facts-2025.md), now to 2027: still a year's.
    assert (pledge["per_year"], pledge["first_year"], pledge["last_year"]) == (True, 2024, 2027)


def test_a_stored_row_and_its_pledge_as_a_draft():
    from agreements_cli.records import Party, Pledge
    from agreements_cli.rules import Draft, draft_from_row

    row = Party.from_row({"code": "DE", "country": "Germany", "status": "signed",
                          "signed_on": "2024-02-16", "place": "Berlin",
                          "source": "https://example.org/de", "note": "n", "counted": 0,
                          "count_reason": "r", "count_source": "https://example.org/r"})  # fmt: skip
    pledge = Pledge.from_row({"amount": "7100000000", "currency": "EUR", "first_year": 2024,
                              "last_year": 2025})  # fmt: skip
    assert draft_from_row(row, pledge) == Draft(
        country="Germany", status="signed", signed_on="2024-02-16", place="Berlin",
        amount="7100000000", currency="EUR", period="2024-2025",
        source="https://example.org/de", note="n", counted=0, count_reason="r",
        count_source="https://example.org/r",
    )  # fmt: skip
    assert draft_from_row(row) == Draft(
        country="Germany", status="signed", signed_on="2024-02-16", place="Berlin",
        source="https://example.org/de", note="n", counted=0, count_reason="r",
        count_source="https://example.org/r",
    )  # fmt: skip


def test_a_new_amount_is_converted_at_the_signing_date(run):
    assert run("update", "DE", "--amount", "7.2bn", "--currency", "EUR").exit_code == 0
    row = run.party("DE")
    assert row["usd_rate_date"] == "2024-02-16"
    assert row["value_usd"] == 7_752_960_000  # 7.2 bn x 1.0768


def test_clearing_the_amount_clears_the_whole_pledge(run):
    assert run("update", "Germany", "--clear", "amount").exit_code == 0
    row = run.party("DE")
    assert [row[f] for f in ("amount", "currency", "period", "value_usd", "usd_rate")] == [None] * 5


def test_leaving_signed_clears_the_signing_date_and_says_so(run):
    result = run("update", "Poland", "--status", "negotiating")
    assert result.exit_code == 0, result.output
    assert "signing date 2024-07-08 cleared" in result.stdout
    assert run.party("PL")["signed_on"] is None


def test_the_on_option_sets_when_the_change_took_effect(run, seeded):
    run("add", "Greece", "--status", "planned")
    assert run("update", "Greece", "--status", "negotiating", "--on", "2024-05-01").exit_code == 0
    assert events_of(seeded, "GR")[-1][1] == "2024-05-01"


def test_an_update_that_changes_nothing_records_nothing(run, seeded):
    before = dump(seeded)
    result = run("update", "Poland", "--status", "signed")
    assert result.exit_code == 0
    assert result.stdout.startswith("No change")
    assert dump(seeded) == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["update", "Greece", "--status", "signed"], 1,
         "Error: Greece is not tracked. Use: agreements add Greece --status"),
        (["update", "Narnia", "--status", "signed"], 2, "Error: unknown country 'Narnia'."),
        (["update", "Poland"], 2, "Error: nothing to change."),
        (["update", "Poland", "--status", "maybe"], 2, "Error: unknown status 'maybe'."),
        (["update", "Poland", "--clear", "country"], 2, "Error: --clear 'country' is not a field"),
        (["update", "Poland", "--note", "x", "--clear", "note"], 2, "Error: --note and --clear note contradict each other."),
        (["update", "Poland", "--signed-on", "2024-07-09", "--clear", "signed_on"], 2, "Error: --signed-on and --clear signed_on contradict"),
        (["update", "Poland", "--amount", "x"], 2, "Error: amount 'x' is not a number."),
        (["update", "Poland", "--on", "yesterday", "--note", "n"], 2, "Error: --on date 'yesterday' is not a date."),
        (["update", "Poland", "--signed-on", "2024-13-01"], 2, "Error: signing date '2024-13-01' is not a real date."),
    ],
)  # fmt: skip
def test_update_errors_change_nothing(run, seeded, args, code, message):
    before = dump(seeded)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert dump(seeded) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["update", "DE", "--not-counted", "--count-reason", "a\x1bb"],
         "count reason contains control characters. Use plain text"),
        (["update", "DE", "--not-counted", "--count-reason", "r" * 1001],
         "count reason is 1001 characters long; the limit is 1000. Shorten it"),
        (["update", "DE", "--count-reason", "x"],
         "a reason for leaving the party out of the official count was given, but it is "
         "counted. Add --not-counted, or leave --count-reason and --count-source out"),
        (["add", "Czechia", "-s", "planned", "--count-source", "https://example.org/x"],
         "a reason for leaving the party out of the official count was given, but it is "
         "counted. Add --not-counted, or leave --count-reason and --count-source out"),
    ],
)  # fmt: skip
def test_a_reason_for_leaving_the_count_is_checked(run, seeded, args, message):
    before = dump(seeded)
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")
    assert dump(seeded) == before


def test_a_yearly_amount_moved_away_and_back_is_said_yearly_again(run):
    """SEK 25 bn a year for 2024-2026, moved to 2025 and back, was SEK 25 bn for three
    years, and update could not say otherwise."""
    assert run("update", "Sweden", "--period", "2025").exit_code == 0
    run("update", "Sweden", "--period", "2024-2026")
    (pledge,) = run.json("pledge", "list", "SE")
    assert (pledge["per_year"], pledge["amount"]) == (False, "25000000000")  # as add takes it
    result = run("update", "Sweden", "--per-year")
    assert result.stdout == (
        "Updated Sweden (SE): pledge SEK 25 bn (2024-2026, military) -> SEK 25 bn a year "
        "(2024-2026, military).\n"
    )
    (pledge,) = run.json("pledge", "list", "SE")
    assert (pledge["per_year"], pledge["first_year"], pledge["last_year"]) == (True, 2024, 2026)
    assert run("update", "Sweden", "--for-all-years").exit_code == 0
    assert run.json("pledge", "list", "SE")[0]["per_year"] is False


def test_per_year_needs_a_pledge(run, seeded):
    from conftest import assert_refused, dump

    before = dump(seeded)
    assert_refused(run("update", "Poland", "--per-year"), 2,
                   "Poland has no pledge to be for each year or for all of them. Add --amount")  # fmt: skip
    assert dump(seeded) == before
