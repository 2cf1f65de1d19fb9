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
    before = run.party("DE")
    assert run("update", "Germany", "--note", "edited").exit_code == 0
    after = run.party("DE")
    assert after["note"] == "edited"
    for field in ("amount", "value_usd", "usd_rate", "usd_rate_date"):
        assert after[field] == before[field]


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
