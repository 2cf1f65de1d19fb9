"""The pledge ledger: pledges as stated, their yearly figures, and the money per year."""

import json
import sqlite3
from datetime import date, timedelta

import pytest

from conftest import dump

DE_2026 = "https://babel.ua/en/news/123043-germany-will-allocate-over-11-billion-in-aid"


def pledge_add(run, *args):
    result = run("pledge", "add", *args)
    assert result.exit_code == 0, result.output
    return result


def test_a_pledge_is_recorded_as_stated_and_valued_at_its_announcement(run):
    result = pledge_add(run, "Germany", "11.5bn", "--currency", "EUR", "--year", "2026",
                        "--kind", "military", "--announced-on", "2025-11-14", "--source", DE_2026)  # fmt: skip
    # ECB reference rate of 2025-11-14: 1 EUR = 1.1648 USD, so EUR 11.5 bn = USD 13,395,200,000.
    assert result.stdout == (
        "Added pledge 20 of Germany (DE): EUR 11.5 bn (2026, military) = USD 13.4 bn at 1.1648 "
        "USD per EUR (ECB rate of 2025-11-14).\n"
    )
    (pledge,) = run.json("pledge", "list", "Germany", "--year", "2026")
    assert pledge == {
        "id": 20, "code": "DE", "country": "Germany", "amount": "11500000000", "currency": "EUR",
        "first_year": 2026, "last_year": 2026, "per_year": True, "kind": "military",
        "qualifier": "exact", "announced_on": "2025-11-14", "source": DE_2026, "note": None,
        "value_usd": 13_395_200_000, "usd_rate": "1.1648", "usd_rate_date": "2025-11-14",
        "for_year": {"year": 2026, "amount": "11500000000", "value_usd": 13_395_200_000,
                     "spread": False, "value_eur": 11_500_000_000},
        "instrument": None, "tie": None, "replaces": None, "first_month": 1, "last_month": 12,
        "value_eur": 11_500_000_000, "eur_rate": "1", "eur_rate_date": "2025-11-14",
    }  # fmt: skip


def test_a_multi_year_amount_is_spread_and_marked_so(run):
    # EUR 3 bn for 2025-2026 as a whole: EUR 1.5 bn a year, derived, not stated.
    pledge_add(run, "Netherlands", "3bn", "--currency", "EUR", "--years", "2025-2026",
               "--announced-on", "2025-03-05", "--source", "https://example.org/nl")  # fmt: skip
    (pledge,) = run.json("pledge", "list", "NL", "--year", "2025")
    assert pledge["for_year"]["amount"] == "1500000000" and pledge["for_year"]["spread"] is True
    # ECB 2025-03-05: 1 EUR = 1.0694 USD. EUR 3 bn = USD 3,208,200,000; half of it a year.
    assert (pledge["value_usd"], pledge["for_year"]["value_usd"]) == (3_208_200_000, 1_604_100_000)
    table = run("pledge", "list", "NL", "--year", "2025", env={"COLUMNS": "120"}).stdout
    assert "for 2025: EUR 1.5 bn = USD" in table and "its share by months" in table
    money = {y["year"]: y for y in run.json("progress")["pledged_by_year"]}
    # Derived in 2025: January to March of the UK's GBP 2.5 bn for April 2024 to March 2025
    # (3/12 of USD 3,182,664,340 = 795,666,085), and this half.
    assert money[2025]["spread_value_usd"] == 795_666_085 + 1_604_100_000


def test_an_amount_per_year_is_the_yearly_figure_itself(run):
    pledge_add(run, "Norway", "85bn", "--currency", "NOK", "--years", "2025-2026", "--per-year",
               "--kind", "mixed", "--announced-on", "2025-08-25", "--source", "https://example.org/no")  # fmt: skip
    for year in (2025, 2026):
        (pledge,) = run.json("pledge", "list", "NO", "--year", str(year))
        assert pledge["for_year"]["amount"] == "85000000000"
        assert pledge["for_year"]["spread"] is False
        # ECB 2025-08-25: USD 1.1697, NOK 11.8085 per EUR: USD 0.09905576492 per NOK.
        assert pledge["usd_rate"] == "0.09905576492"
        assert pledge["for_year"]["value_usd"] == pledge["value_usd"] == 8_419_740_018
    assert run.json("pledge", "list", "NO", "--year", "2027") == []


def test_the_seed_gives_sweden_sek_25_bn_for_2024_and_a_total_near_the_reported_one(run):
    (sweden,) = run.json("pledge", "list", "Sweden", "--year", "2024")
    assert (sweden["for_year"]["amount"], sweden["currency"]) == ("25000000000", "SEK")
    summary = run.json("progress")
    # Near the USD 38 bn Zelensky reported on 2024-07-15; six signatories state no figure.
    assert (summary["year"], summary["value_usd"]) == (2024, 35_490_928_475)
    # By the character of each 2024 pledge (agreements-facts-2025.md), in USD at the ECB
    # rate of its day: military = GB 2,386,998,255 (April to December of GBP 2.5 bn for
    # 2024/25: 9/12 of 3,182,664,340) +
    # FR 3,230,400,000 + DK 1,950,120,000 + CA 237,669,157 + NL 2,162,600,000 +
    # LV 120,164,800 + SE 2,327,530,625 + BE 1,063,171,400 + PT 137,113,200 +
    # NO 1,287,024,510 + EU 5,348,000,000 + EE 106,960,000 + LU 86,600,000;
    # financial = the CA loan 1,782,518,681; humanitarian = LV 5,364,500; mixed = DE
    # 7,645,280,000 + IS 29,113,347 + JP 4,500,000,000 (grants and guarantees, facts-2026
    # A5); unspecified = ES 1,084,300,000.
    first = summary["pledged_by_year"][0]
    assert first["by_kind"] == {
        "military": 20_444_351_947, "financial": 1_782_518_681, "humanitarian": 5_364_500,
        "mixed": 12_174_393_347, "unspecified": 1_084_300_000,
    }  # fmt: skip
    # The seed's grants leave out the Canadian loan and Japan's USD 4.5 bn, whose
    # instrument the seed does not state (the later data splits it).
    assert first["grant_value_usd"] == 35_490_928_475 - 1_782_518_681 - 4_500_000_000
    assert (first["loan_value_usd"], first["unstated_instrument_value_usd"]) == (
        1_782_518_681,
        4_500_000_000,
    )


def test_the_bundled_later_pledges_for_2025_and_2026(run):
    run("import", "--bundled")
    listed = run.json("pledge", "list", "--year", "2026")
    by_party = {(p["code"], p["amount"], p["currency"]) for p in listed}
    # agreements-facts-2025.md, section A: Germany EUR 11.5 bn (A7); Norway's NOK 85 bn
    # of which NOK 70 bn military (A6; facts-2026, A3).
    assert ("DE", "11500000000", "EUR") in by_party
    assert ("NO", "70000000000", "NOK") in by_party and ("NO", "15000000000", "NOK") in by_party
    years = {y["year"]: y for y in run.json("progress")["pledged_by_year"]}
    assert sorted(years) == [2024, 2025, 2026, 2027, 2028]
    # Fewer than half of the parties signed by each year's end state a figure from 2025 on.
    assert [years[y]["partial"] for y in sorted(years)] == [False, True, True, True, True]
    # The EU's EUR 90 bn of 2026-2027 is a loan: in no grant total (facts-2026, B and C).
    assert years[2026]["loan_value_usd"] == years[2027]["loan_value_usd"] > 50_000_000_000
    # 2027: Iceland's ISK 4 bn a year with the agreement; Germany's planned EUR 9 bn
    # (facts-2026-12, A: the draft of 2025-09-12), a later figure, apart from it.
    assert years[2027]["tied_grant_value_usd"] == 29_113_347
    assert years[2027]["other_grant_value_usd"] == 10_546_200_000  # at 1.1718 (2025-09-12)
    summary = run.json("progress", "--year", "2026")
    assert (summary["year"], summary["value_usd"]) == (2026, years[2026]["value_usd"])


def test_progress_table_shows_money_per_year_with_the_reported_figure(run):
    table = run("progress", env={"COLUMNS": "110"}).stdout
    assert "USD pledged per year by the signed parties in the official count" in table
    line_2024 = next(line for line in table.splitlines() if line.startswith("│  2024"))
    assert line_2024.endswith("38 bn │") and "Reported" in table
    narrow = " ".join(run("progress", env={"COLUMNS": "60"}).stdout.split())
    assert "2024: grants with the agreements 29.21 bn;" in narrow
    assert "reported (about) 38 bn" in narrow


def test_a_year_nobody_states_a_figure_for_is_unknown_not_0(run):
    summary = run.json("progress", "--year", "2030")
    assert (summary["year"], summary["value_usd"]) == (2030, None)
    assert (summary["signed_with_value"], summary["signed_without_value"]) == (0, 23)
    assert (
        "unknown: no signed party states a figure for 2030"
        in run("progress", "--year", "2030").stdout
    )


def test_remove_and_undo_a_pledge(run, seeded):
    pledge_add(run, "Germany", "11.5bn", "--currency", "EUR", "--year", "2026",
               "--announced-on", "2025-11-14", "--source", DE_2026)  # fmt: skip
    before = run.json("pledge", "list", "DE")
    removed = run("pledge", "remove", "20", "--yes")
    assert removed.stdout == (
        "Removed pledge 20 of Germany (DE): EUR 11.5 bn (2026, unspecified). "
        "Undo with: agreements undo\n"
    )
    assert [p["id"] for p in run.json("pledge", "list", "DE")] == [2]
    undone = run("undo")
    assert undone.stdout.startswith("Reverted the remove of Germany (DE) recorded ")
    assert run.json("pledge", "list", "DE") == before
    run("undo")  # the add
    assert [p["id"] for p in run.json("pledge", "list", "DE")] == [2]
    assert run("check").stdout == ""


def test_as_of_counts_a_pledge_from_its_announcement(run):
    pledge_add(run, "Germany", "11.5bn", "--currency", "EUR", "--year", "2026",
               "--announced-on", "2025-11-14", "--source", DE_2026)  # fmt: skip
    assert len(run.json("pledge", "list", "DE", "--as-of", "2025-11-13")) == 1
    assert len(run.json("pledge", "list", "DE", "--as-of", "2025-11-14")) == 2
    before = {y["year"] for y in run.json("progress", "--as-of", "2025-11-13")["pledged_by_year"]}
    after = {y["year"] for y in run.json("progress", "--as-of", "2025-11-14")["pledged_by_year"]}
    assert after == before  # 2026 was already covered by Sweden, Latvia and Iceland
    value = {y["year"]: y["value_usd"]
             for y in run.json("progress", "--as-of", "2025-11-14")["pledged_by_year"]}  # fmt: skip
    earlier = {y["year"]: y["value_usd"]
               for y in run.json("progress", "--as-of", "2025-11-13")["pledged_by_year"]}  # fmt: skip
    assert value[2026] - earlier[2026] == 13_395_200_000


def test_update_amount_is_refused_when_a_party_has_several_pledges(run, seeded):
    before = dump(seeded)
    result = run("update", "Canada", "--amount", "3bn", "--currency", "CAD")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Canada has 2 pledges, so --amount, --currency, --period, --per-year and --clear amount "
        "cannot tell which to change. Use agreements pledge add and agreements pledge remove "
        "(see agreements pledge list CA)\n"
    )
    assert dump(seeded) == before


def test_update_amount_changes_the_one_pledge_and_clear_removes_it(run):
    updated = run("update", "Spain", "--amount", "1.1bn", "--currency", "EUR")
    assert updated.stdout == (
        "Updated Spain (ES): pledge EUR 1 bn (2024, unspecified) -> EUR 1.1 bn (2024, unspecified).\n"
    )
    (spain,) = run.json("pledge", "list", "ES")
    assert (spain["id"], spain["announced_on"]) == (10, "2024-05-27")
    cleared = run("update", "Spain", "--clear", "amount")
    assert (
        cleared.stdout == "Updated Spain (ES): pledge EUR 1.1 bn (2024, unspecified) -> (none).\n"
    )
    assert run.json("pledge", "list", "ES") == []
    assert run.party("ES")["amount"] is None and run.party("ES")["pledge_count"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Germany", "5bn", "--currency", "EUR"],
         "give the years the pledge covers: --year 2026, or --years 2025-2026"),
        (["Germany", "5bn", "--year", "2025", "--years", "2025-2026"],
         "give the years the pledge covers: --year 2026, or --years 2025-2026"),
        (["Germany", "5bn", "--year", "2025", "--per-year"],
         "--per-year goes with --years: the amount is for each of those years"),
        (["Germany", "5bn", "--year", "2025", "--up-to", "--at-least"],
         "--up-to and --at-least contradict each other. Give one"),
        (["Germany", "5bn", "--year", "2025", "--kind", "weapons"],
         "unknown kind 'weapons'. Use one of: military, financial, humanitarian, mixed, unspecified"),
        (["Germany", "0", "--year", "2025"], "amount '0' is not positive."),
        (["Germany", "five", "--year", "2025"], "amount 'five' is not a number."),
        (["Germany", "5bn", "--years", "2026-2025"], "period '2026-2025' is not a range in order."),
        (["Germany", "5bn", "--year", "2025", "--currency", "XYZ"], "currency 'XYZ' has no ECB reference rate."),
        (["Germany", "5bn", "--year", "2025", "--announced-on", "2025-02-30"],
         "announcement date '2025-02-30' is not a real date."),
        (["Germany", "5bn", "--year", "2025", "--source", "not a url"], "source 'not a url' is not a web address."),
        (["Narnia", "5bn", "--year", "2025"], "unknown country 'Narnia'."),
    ],
)  # fmt: skip
def test_bad_input_to_pledge_add_changes_nothing(run, seeded, args, message):
    before = dump(seeded)
    result = run("pledge", "add", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: " + message), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert dump(seeded) == before


def test_a_pledge_announced_after_today_is_refused(run, seeded):
    before = dump(seeded)
    tomorrow = (date.today() + timedelta(days=2)).isoformat()  # after today everywhere
    result = run("pledge", "add", "Germany", "5bn", "--year", "2027", "--announced-on", tomorrow)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: announcement date {tomorrow} is after today")
    assert dump(seeded) == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["pledge", "add", "Czechia", "5bn", "--year", "2025"], 1,
         "Error: Czechia is not tracked. Use: agreements add Czechia --status ..."),
        (["pledge", "add", "Germany", "7.1bn", "--currency", "EUR", "--year", "2024",
          "--announced-on", "2024-02-16"], 1,
         # named as stored (mixed, its id), not as given (the default kind, unspecified)
         "Error: Germany already has the pledge EUR 7.1 bn (2024, mixed) (id 2). "
         "See: agreements pledge list DE"),
        (["pledge", "remove", "99", "--yes"], 1,
         "Error: there is no pledge 99. See: agreements pledge list"),
        (["pledge", "remove", "0", "--yes"], 2, "Error: Invalid value for 'ID'"),
        (["pledge", "list", "--kind", "weapons"], 2, "Error: unknown kind 'weapons'."),
    ],
)  # fmt: skip
def test_pledge_errors_change_nothing(run, seeded, args, code, message):
    before = dump(seeded)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(message), result.stderr
    assert dump(seeded) == before


def test_pledge_list_filters_and_formats(run):
    loans = [p for p in run.json("pledge", "list") if p["instrument"] == "loan"]
    assert [(p["code"], p["amount"]) for p in loans] == [("CA", "2400000000")]
    csv_lines = run("pledge", "list", "CA", "--year", "2024", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == (
        "id,code,country,amount,currency,first_year,last_year,per_year,kind,qualifier,"
        "announced_on,source,note,value_usd,usd_rate,usd_rate_date,instrument,tie,replaces,"
        "first_month,last_month,value_eur,eur_rate,eur_rate_date,year,year_amount,"
        "year_value_usd,spread"
    )
    assert len(csv_lines) == 3
    markdown = run("pledge", "list", "FR", "--format", "markdown").stdout.splitlines()
    assert markdown[2].startswith("| 3 | FR | France | 3000000000 | EUR | 2024 | 2024 | true")
    table = run("pledge", "list", "FR", env={"COLUMNS": "100"}).stdout
    assert "up to EUR 3 bn (2024, military)  (id 3)" in table


def test_show_lists_the_pledges(run):
    shown = run("show", "Canada", env={"COLUMNS": "120"}).stdout
    assert "2 pledges, by announcement date" in shown
    assert "CAD 2.4 bn (2024, financial, loan)" in shown and "CAD 320 m (2024, military)" in shown
    data = json.loads(run("show", "CA", "--format", "json").stdout)
    assert [(p["kind"], p["instrument"]) for p in data["pledges"]] == [
        ("financial", "loan"),
        ("military", "grant"),
    ]
    assert data["pledge_count"] == 2 and data["amount"] == "2400000000"


def test_removing_a_party_takes_its_pledges_and_undo_restores_them(run, seeded):
    before = run.json("pledge", "list", "CA")
    run("remove", "Canada", "--yes")
    assert run.json("pledge", "list", "CA") == []
    assert "remove of 1 party (CA)" in run("undo").stdout
    assert run.json("pledge", "list", "CA") == before


def test_the_schema_refuses_a_kind_or_qualifier_it_does_not_know(seeded):
    with sqlite3.connect(seeded) as conn:
        for column, value in (("kind", "weapons"), ("qualifier", "about"), ("per_year", 2)):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(f"UPDATE pledges SET {column} = ? WHERE id = 1", (value,))


@pytest.mark.parametrize(
    ("pledge", "words"),
    [
        ({"amount": "25000000000", "currency": "SEK", "first_year": 2024, "last_year": 2026,
          "per_year": True, "kind": "military", "qualifier": "exact"},
         "SEK 25 bn a year (2024-2026, military)"),
        ({"amount": "2500000000", "currency": "GBP", "first_year": 2024, "last_year": 2025,
          "per_year": False, "kind": "military", "qualifier": "exact"},
         "GBP 2.5 bn (2024-2025, military)"),
        ({"amount": "3000000000", "currency": "EUR", "first_year": 2024, "last_year": 2024,
          "per_year": True, "kind": "military", "qualifier": "up to"},
         "up to EUR 3 bn (2024, military)"),
        ({"amount": "5000000", "currency": "EUR", "first_year": 2024, "last_year": 2024},
         "EUR 5 m (2024, unspecified)"),
        # A row another program wrote with no qualifier or kind (read leniently, by check).
        ({"amount": "5000000", "currency": "EUR", "first_year": 2024, "last_year": 2024,
          "qualifier": None, "kind": None},
         "EUR 5 m (2024, unspecified)"),
    ],
)  # fmt: skip
def test_a_pledge_in_words(pledge, words):
    from agreements_cli.records import Pledge
    from agreements_cli.wording import pledge_words

    assert pledge_words(Pledge.from_row(pledge)) == words


@pytest.mark.parametrize(
    ("value_usd", "years", "share"),
    [(9, 2, 4), (11, 2, 6), (10, 3, 3), (3_182_664_340, 2, 1_591_332_170)],
)
def test_a_spread_share_is_rounded_half_to_even(value_usd, years, share):
    from agreements_cli.records import Pledge
    from agreements_cli.totals import yearly

    pledge = Pledge.from_row({"amount": "100", "value_usd": value_usd, "first_year": 2024,
                              "last_year": 2023 + years, "per_year": False})  # fmt: skip
    assert yearly(pledge, 2024).value_usd == share
    assert yearly(pledge, 2023) is None and yearly(pledge, 2024 + years) is None


def test_money_by_kind_comes_in_the_order_of_the_kinds(run):
    kinds = run.json("progress")["pledged_by_year"][0]["by_kind"]
    assert list(kinds) == ["military", "financial", "humanitarian", "mixed", "unspecified"]


def test_removing_a_pledge_of_a_party_not_tracked_names_it_by_its_code(run, seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE pledges SET code = 'CZ' WHERE id = 2")
    result = run("pledge", "remove", "2", "--yes")
    assert result.stdout.startswith("Removed pledge 2 of CZ (CZ): EUR 7.1 bn (2024, mixed).")
    (event,) = [e for e in run.json("history", "CZ") if e["entity"] == "pledge"][:1]
    assert (event["country"], event["action"]) == ("CZ", "remove")


def test_a_pledge_keeps_the_value_it_was_given_when_its_money_is_unchanged(run, seeded):
    """The USD value is computed once, when written: restating the same amount does not
    recompute it, even where a fresh conversion would differ."""
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE pledges SET value_usd = 1, usd_rate = '0.000000001' WHERE code = 'ES'")
    result = run("update", "Spain", "--amount", "1bn", "--currency", "EUR")
    assert result.stdout == "No change: Spain already has these values.\n"
    (spain,) = run.json("pledge", "list", "ES")
    assert (spain["value_usd"], spain["usd_rate"], spain["usd_rate_date"]) == (
        1, "0.000000001", "2024-05-27",
    )  # fmt: skip


def test_correcting_an_amount_keeps_its_kind_qualifier_note_and_source(run):
    (before,) = run.json("pledge", "list", "BE")
    run("update", "Belgium", "--amount", "1bn", "--currency", "EUR")
    (after,) = run.json("pledge", "list", "BE")
    kept = ("id", "kind", "qualifier", "announced_on", "source", "note", "first_year", "last_year")
    assert {f: after[f] for f in kept} == {f: before[f] for f in kept}
    assert (before["kind"], before["qualifier"]) == ("military", "at least")
    # 1 bn x 1.0882, the ECB rate of the announcement (signing) day, 2024-05-28.
    assert (after["amount"], after["value_usd"]) == ("1000000000", 1_088_200_000)


def test_a_first_pledge_given_to_add_takes_the_partys_source(run):
    source = "https://sloveniatimes.com/40687/slovenia-signs-security-agreement-with-ukraine"
    run("add", "Slovenia", "--status", "signed", "--signed-on", "2024-07-18", "--amount", "5m",
        "--currency", "EUR", "--source", source)  # fmt: skip
    (pledge,) = run.json("pledge", "list", "SI")
    assert (pledge["source"], pledge["kind"], pledge["qualifier"], pledge["per_year"]) == (
        source, "unspecified", "exact", True,
    )  # fmt: skip
    assert (pledge["first_year"], pledge["last_year"]) == (2024, 2024)


def test_an_amount_without_a_period_is_for_the_year_the_party_signed_not_this_year(run):
    """2025: neither the seed's year (2024) nor the year the suite runs in (2026 or later)."""
    added = run("add", "Bulgaria", "--status", "signed", "--signed-on", "2025-03-03",
                "--amount", "5m", "--source", "https://example.org/bg")  # fmt: skip
    assert added.exit_code == 0, added.output
    run("add", "Moldova", "--status", "negotiating", "--source", "https://example.org/md")
    updated = run("update", "Moldova", "--status", "signed", "--signed-on", "2025-05-05",
                  "--amount", "1m")  # fmt: skip
    assert updated.exit_code == 0, updated.output
    for code, day in (("BG", "2025-03-03"), ("MD", "2025-05-05")):
        (pledge,) = run.json("pledge", "list", code)
        assert (pledge["first_year"], pledge["last_year"], pledge["announced_on"]) == (
            2025, 2025, day,
        )  # fmt: skip


def test_a_blank_note_is_no_note(run):
    pledge_add(run, "Germany", "1bn", "--currency", "EUR", "--year", "2025", "--note", "   ",
               "--announced-on", "2025-01-02", "--source", "https://example.org/de")  # fmt: skip
    assert run.json("pledge", "list", "DE", "--year", "2025")[0]["note"] is None


def test_a_data_files_pledge_is_converted_at_its_own_rate_date(run, tmp_path):
    record = {"code": "SI", "status": "signed", "signed_on": "2024-07-18",
              "source": "https://example.org/si",
              "amount": "5000000", "currency": "EUR", "period": "2024",
              "usd_rate_date": "2024-06-03"}  # fmt: skip
    path = tmp_path / "si.json"
    path.write_text(json.dumps({"parties": [record]}), encoding="utf-8")
    assert run("import", str(path)).exit_code == 0
    (pledge,) = run.json("pledge", "list", "SI")
    # ECB reference rate of 2024-06-03: 1 EUR = 1.0842 USD.
    assert (pledge["announced_on"], pledge["usd_rate_date"], pledge["value_usd"]) == (
        "2024-07-18", "2024-06-03", 5_421_000,
    )  # fmt: skip


def test_a_data_files_pledge_with_an_unknown_qualifier_is_refused(run, seeded, tmp_path):
    record = {"code": "SI", "status": "signed", "signed_on": "2024-07-18",
              "source": "https://example.org/si",
              "pledges": [{"amount": "5000000", "currency": "EUR", "years": "2024",
                           "qualifier": "about", "announced_on": "2024-07-18"}]}  # fmt: skip
    path = tmp_path / "si.json"
    path.write_text(json.dumps({"parties": [record]}), encoding="utf-8")
    before = dump(seeded)
    result = run("import", str(path))
    assert (result.exit_code, result.stderr) == (
        2, "Error: record 1 (SI): pledge 1: unknown qualifier 'about'. Use one of: exact, up to, "
        "at least\n",
    )  # fmt: skip
    assert dump(seeded) == before


def test_correcting_a_yearly_amount_keeps_it_yearly_with_its_own_source_and_note(run):
    (before,) = run.json("pledge", "list", "SE")
    result = run("update", "Sweden", "--amount", "26bn", "--currency", "SEK")
    assert result.stdout == (
        "Updated Sweden (SE): pledge SEK 25 bn a year (2024-2026, military) -> "
        "SEK 26 bn a year (2024-2026, military).\n"
    )
    (after,) = run.json("pledge", "list", "SE")
    kept = ("id", "per_year", "source", "note", "announced_on", "first_year", "last_year")
    assert {f: after[f] for f in kept} == {f: before[f] for f in kept}
    assert before["source"] != run.party("SE")["source"]  # the pledge's own page


def test_the_bundled_import_marks_every_event_it_writes(run, seeded):
    run("import", "--bundled")
    with sqlite3.connect(seeded) as conn:
        marked = conn.execute(
            "SELECT entity, COUNT(*) FROM events WHERE origin = 'bundled:updates-2026-12c.json' "
            "GROUP BY entity ORDER BY entity"
        ).fetchall()
    assert marked == [
        ("delivery", 16), ("milestone", 30), ("party", 19), ("pledge", 29), ("term", 197)
    ]  # fmt: skip


def test_a_removed_partys_pledges_are_logged_with_its_name(run):
    run("remove", "Canada", "--yes")
    removed = [
        e for e in run.json("history", "CA") if e["entity"] == "pledge" and e["action"] == "remove"
    ]
    assert [(e["country"], e["changes"]["kind"][0]) for e in removed] == [
        ("Canada", "military"), ("Canada", "financial"),
    ]  # fmt: skip


def test_a_first_pledge_for_several_years_is_for_all_of_them(run):
    run("add", "Czechia", "--status", "negotiating", "--amount", "3bn", "--currency", "CZK",
        "--period", "2024-2026", "--on", "2024-06-28")  # fmt: skip
    (pledge,) = run.json("pledge", "list", "CZ")
    assert (pledge["first_year"], pledge["last_year"], pledge["per_year"]) == (2024, 2026, False)


def test_the_seeds_pledges_keep_their_notes(run):
    (sweden,) = run.json("pledge", "list", "SE")
    assert sweden["note"].startswith('"The framework is SEK 75 billion for military support')


def test_a_pledge_announced_today_is_not_in_the_future(run, seeded):
    added = run("pledge", "add", "Germany", "1bn", "--currency", "EUR", "--year", "2026",
                "--announced-on", date.today().isoformat(), "--source", "https://example.org/de")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert (run("check").exit_code, run("check").stdout) == (0, "")


def test_an_empty_currency_is_refused_not_taken_as_dollars(run, seeded):
    before = dump(seeded)
    for args in (["add", "Moldova", "--status", "negotiating", "--amount", "5m", "--currency", ""],
                 ["pledge", "add", "Germany", "1bn", "--currency", "", "--year", "2026",
                  "--source", "https://example.org/de"],
                 ["update", "Japan", "--amount", "5m", "--currency", " "]):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("Error: currency ")
        assert "is not an ISO 4217 code. Use three letters such as EUR, GBP or USD" in result.stderr
    assert dump(seeded) == before
