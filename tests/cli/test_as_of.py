"""`--as-of DATE`: what the tracker showed on a date, rebuilt from the change log."""

import json

import pytest

from conftest import assert_refused, dump


@pytest.mark.parametrize(
    ("day", "signed"),
    [
        ("2023-12-31", 0),
        ("2024-01-12", 1),  # United Kingdom
        ("2024-02-29", 6),
        ("2024-03-01", 7),  # Netherlands, the seventh
        ("2024-05-31", 15),  # Sweden, Iceland, Norway
        ("2024-06-27", 20),  # EU, Estonia, Lithuania
        ("2024-07-15", 23),
    ],
)
def test_the_seed_replays_the_count_of_signatures(run, day, signed):
    summary = run.json("progress", "--as-of", day)
    assert (summary["signed"], summary["as_of"]) == (signed, day)


def test_a_total_reported_after_the_date_asked_for_is_not_shown(run):
    # The seed's reported total: about USD 38 bn, reported on 2024-07-15 (Kyiv Independent).
    source = (
        "https://kyivindependent.com/ukraine-is-expecting-to-sign-security-agreements-with-9-more-"
        "countries-zelensky-says/"
    )
    on_the_day = run.json("progress", "--as-of", "2024-07-15")
    assert (
        on_the_day["reported_value_usd"],
        on_the_day["reported_value_as_of"],
        on_the_day["reported_value_source"],
    ) == (38_000_000_000, "2024-07-15", source)
    before = run.json("progress", "--as-of", "2024-07-14")
    assert (
        before["reported_value_usd"],
        before["reported_value_as_of"],
        before["reported_value_source"],
    ) == (None, None, None)
    shown = run("progress", "--as-of", "2024-07-14").stdout
    assert "Security agreements: 23 of 32 signed" in shown
    assert "Reported total" not in shown and "38 bn" not in shown
    assert (
        "Reported total       about USD 38 bn (reported 2024-07-15)"
        in run("progress", "--as-of", "2024-07-15").stdout
    )


def test_as_of_today_is_the_table_itself(run):
    from datetime import date

    run("add", "Czechia", "--status", "negotiating")
    run("update", "Czechia", "--status", "signed", "--signed-on", "2024-07-18")
    run("update", "Germany", "--amount", "8bn", "--currency", "EUR")
    now = run.json("progress", "--as-of", date.today().isoformat())
    # The seed's 23 and Czechia; the seed's 2024 money with Germany's EUR 7.1 bn
    # (USD 7,645,280,000) now EUR 8 bn at 1.0768, the ECB rate of 2024-02-16: 8,614,400,000.
    assert (now["signed"], now["negotiating"], now["value_usd"]) == (
        24,
        0,
        35_664_382_390 + 795_666_085,
    )
    current = json.loads(run("progress", "--format", "json").stdout)
    assert {k: v for k, v in now.items() if k != "as_of"} == {
        k: v for k, v in current.items() if k != "as_of"
    }
    listed_now = json.loads(run("list", "--as-of", date.today().isoformat(), "-f", "json").stdout)
    assert listed_now == run.json("list")


def test_a_change_recorded_today_that_took_effect_in_the_past(run):
    run("add", "Czechia", "--status", "negotiating")  # takes effect today
    run("update", "Czechia", "--status", "signed", "--signed-on", "2024-07-18")
    assert run.json("progress", "--as-of", "2024-07-17")["signed"] == 23
    assert run.json("progress", "--as-of", "2024-07-18")["signed"] == 24
    rows = json.loads(run("list", "--as-of", "2024-07-18", "--format", "json").stdout)
    assert next(r for r in rows if r["code"] == "CZ")["signed_on"] == "2024-07-18"


def test_an_edit_made_today_does_not_rewrite_the_past(run):
    before = json.loads(run("list", "--as-of", "2024-07-15", "-f", "json").stdout)
    money = run.json("progress", "--as-of", "2024-07-15")["pledged_by_year"]
    run("update", "Germany", "--place", "Berlin, Chancellery")
    run("pledge", "add", "Germany", "11.5bn", "--currency", "EUR", "--year", "2024",
        "--kind", "military", "--source", "https://example.org/de")  # fmt: skip
    after = json.loads(run("list", "--as-of", "2024-07-15", "-f", "json").stdout)
    assert after == before
    germany = next(r for r in after if r["code"] == "DE")
    assert (germany["place"], germany["value_usd"], germany["pledge_count"]) == (
        "Berlin", 7_645_280_000, 1,
    )  # fmt: skip
    assert run.json("progress", "--as-of", "2024-07-15")["pledged_by_year"] == money
    assert [(y["year"], y["value_usd"]) for y in money][:2] == [
        (2024, 34_695_262_390 + 795_666_085), (2025, 3_953_340_642 - 795_666_085),
    ]  # fmt: skip
    assert run.party("DE")["place"] == "Berlin, Chancellery"


def test_correcting_the_one_pledge_corrects_it_from_its_announcement(run):
    """`update --amount` corrects the pledge as stated, so the past shows the correction;
    a pledge announced later is added with `pledge add`."""
    run("update", "Germany", "--amount", "8bn", "--currency", "EUR")
    germany = next(
        r
        for r in json.loads(run("list", "--as-of", "2024-07-15", "-f", "json").stdout)
        if r["code"] == "DE"
    )
    # 8 bn x 1.0768, the ECB rate of the announcement (signing) day, 2024-02-16.
    assert (germany["amount"], germany["value_usd"]) == ("8000000000", 8_614_400_000)


def test_list_as_of_filters_and_titles(run):
    result = run("list", "--as-of", "2024-03-01", "--status", "signed")
    assert result.exit_code == 0, result.output
    assert "7 signed parties as of 2024-03-01" in result.stdout


def test_a_bad_as_of_date_is_bad_input(run):
    result = run("progress", "--as-of", "2024-13-01")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --as-of date '2024-13-01' is not a real date.")


def test_show_as_of_a_date_is_the_party_as_the_tracker_had_it_then(run, seeded):
    assert run("import", "--bundled").exit_code == 0
    # Germany's 2026 budget line of EUR 11.5 bn was announced on 2025-11-14: not yet at the
    # end of 2024, when its one pledge was the agreement's EUR 7.1 bn of 2024-02-16.
    then = run.json("show", "Germany", "--as-of", "2024-12-31")
    assert [(p["announced_on"], p["amount"]) for p in then["pledges"]] == [
        ("2024-02-16", "7100000000")
    ]
    assert all(h["effective_on"] <= "2024-12-31" for h in then["history"]) and then["history"]
    assert (then["as_of"], then["status"]) == ("2024-12-31", "signed")
    now = run.json("show", "Germany")
    assert ("2025-11-14", "11500000000") in [
        (p["announced_on"], p["amount"]) for p in now["pledges"]
    ]
    assert "as_of" not in now
    # Czechia signed on 2024-07-18 (the bundled data): tracked and signed by 2024-07-20.
    czechia = run.json("show", "Czechia", "--as-of", "2024-07-20")
    assert (czechia["status"], czechia["signed_on"]) == ("signed", "2024-07-18")
    table = run("show", "Czechia", "--as-of", "2024-07-20").stdout
    assert table.splitlines()[0] == "Czechia as of 2024-07-20"


def test_show_as_of_a_date_before_the_party_was_tracked_says_so(run, seeded):
    from conftest import assert_refused, dump

    before = dump(seeded)
    assert_refused(run("show", "Germany", "--as-of", "2024-02-15"), 1,
                   "Error: Germany was not tracked on 2024-02-15. See: agreements list")  # fmt: skip
    assert_refused(run("show", "Germany", "--as-of", "15.02.2024"), 2,
                   "Error: --as-of date '15.02.2024' is day/month/year")  # fmt: skip
    assert dump(seeded) == before


def test_timeline_as_of_a_date_runs_to_its_month(run, seeded):
    """The United Kingdom signed in January 2024; France, Germany, Denmark, Canada and
    Italy in February; the Netherlands on 1 March."""
    months = run.json("timeline", "--as-of", "2024-03-15")
    assert [(m["month"], m["signed"], m["total"]) for m in months] == [
        ("2024-01", 1, 1), ("2024-02", 5, 6), ("2024-03", 1, 7)
    ]  # fmt: skip
    table = run("timeline", "--as-of", "2024-03-15").stdout
    assert table.splitlines()[0].endswith("as of 2024-03-15")
    assert run.json("timeline", "--as-of", "2023-12-31") == []


@pytest.mark.parametrize(
    "command",
    [["list"], ["show", "Germany"], ["progress"], ["timeline"], ["pledge", "list"],
     ["milestone", "list"], ["list", "--format", "json"]],
)  # fmt: skip
def test_a_day_to_come_is_refused_not_shown_as_today(run, seeded, command):
    before = dump(seeded)
    assert_refused(run(*command, "--as-of", "2099-12-31"), 2,
                   "Error: 2099-12-31 is after today (")  # fmt: skip
    assert dump(seeded) == before
