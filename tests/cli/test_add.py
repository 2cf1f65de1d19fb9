"""`agreements add`: a party as given (status, date, place, first pledge, source), its
limits, and its record in the change log."""

import json
import sqlite3
from datetime import date

import pytest

from conftest import assert_refused, dump


def test_add_czechia_negotiating_then_progress(run):
    result = run("add", "Czechia", "--status", "negotiating")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Added Czechia (CZ): negotiating.\n"
    summary = run.json("progress")
    assert (summary["signed"], summary["negotiating"], summary["untracked"]) == (23, 1, 8)


def test_add_signed_with_a_pledge_stores_it_as_stated_and_in_usd(run):
    result = run(
        "add", "Slovenia", "--status", "signed", "--signed-on", "2024-07-18",
        "--place", "Blenheim Palace", "--amount", "5m", "--currency", "eur",
        "--period", "2024", "--source", "https://sloveniatimes.com/40687/",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "pledge EUR 5 m (2024, unspecified) = USD 5.5 m at 1.093 USD per EUR" in result.stdout
    row = next(r for r in run.json("list") if r["code"] == "SI")
    assert (row["amount"], row["currency"], row["period"], row["pledge_count"]) == (
        "5000000", "EUR", "2024", 1,
    )  # fmt: skip
    # ECB reference rate of 2024-07-18: 1 EUR = 1.0930 USD. No instrument is given: the
    # figure is of no stated instrument, never taken for a grant.
    assert (row["usd_rate"], row["usd_rate_date"], row["value_usd"]) == (
        "1.093", "2024-07-18", None,
    )  # fmt: skip
    assert (row["year"], row["year_unstated_value_usd"]) == (2024, 5_465_000)
    (pledge,) = run.json("pledge", "list", "SI")
    assert (pledge["announced_on"], pledge["kind"], pledge["qualifier"]) == (
        "2024-07-18", "unspecified", "exact",
    )  # fmt: skip


def test_add_without_currency_means_usd(run):
    assert run("add", "Albania", "-s", "planned", "--amount", "1.5 million").exit_code == 0
    row = next(r for r in run.json("list") if r["code"] == "AL")
    assert (row["amount"], row["currency"]) == ("1500000", "USD")
    (pledge,) = run.json("pledge", "list", "AL")
    assert (pledge["currency"], pledge["value_usd"]) == ("USD", 1_500_000)


def test_add_signed_without_a_date_uses_today_and_says_so(run):

    result = run("add", "Ireland", "--status", "signed")
    assert result.exit_code == 0, result.output
    assert "no --signed-on given: today's date" in result.stdout
    row = next(r for r in run.json("list") if r["code"] == "IE")
    assert row["signed_on"] == date.today().isoformat()


def test_add_is_recorded_in_the_change_log(run, seeded):

    run("add", "Czechia", "--status", "negotiating")
    with sqlite3.connect(seeded) as conn:
        action, after = conn.execute(
            "SELECT action, after FROM events WHERE code = 'CZ'"
        ).fetchone()
    assert action == "add"
    assert json.loads(after)["status"] == "negotiating"


@pytest.mark.parametrize(
    "note",
    ["[bold]draft[/bold]", "[/]", "[link=https://evil.example]click[/link]", "[red]x"],
)
def test_markup_in_data_is_shown_as_written(run, note):
    result = run("add", "Greece", "--status", "negotiating", "--note", note, "--place", note)
    assert result.exit_code == 0, result.output
    assert next(r for r in run.json("list") if r["code"] == "GR")["note"] == note
    table = run("list", "--status", "negotiating")
    assert table.exit_code == 0, table.output
    assert note in table.stdout


def test_a_place_of_200_characters_is_taken_and_of_201_refused(run, seeded):
    assert run("update", "Germany", "--place", "p" * 200).exit_code == 0
    before = dump(seeded)
    assert_refused(run("update", "Germany", "--place", "q" * 201), 2, "place is 201 characters")
    assert dump(seeded) == before


def test_a_name_of_101_characters_is_refused(run, seeded):
    before = dump(seeded)
    assert_refused(run("add", "n" * 101, "--status", "planned"), 2, "country is 101 characters")
    assert dump(seeded) == before


def test_a_web_address_in_capitals_is_one_and_is_kept_as_typed(run, seeded):
    result = run("add", "Czechia", "--status", "planned", "--source", "HTTPS://Example.ORG/CZ")
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["source"] == "HTTPS://Example.ORG/CZ"
    assert_refused(run("add", "Greece", "-s", "planned", "--source", "FTP://example.org/x"), 2,
                   "source 'FTP://example.org/x' is not a web address")  # fmt: skip
