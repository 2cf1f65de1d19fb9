"""Money a journalist can publish: the bundled data corrected to the sources checked to
2026-07-05 (agreements-facts-2026.md, cited by section), grants apart from loans and
guarantees, tied figures apart from later ones, no months counted twice, partial years
marked; and the same rules for the user's own pledges (`pledge add --replaces`, a
financial year's months)."""

import json
import shutil
import sqlite3

import pytest

from conftest import ROOT, assert_refused, dump

GBP_2_5_BN_USD = 3_182_664_340  # GBP 2.5 bn at the ECB rate of 2024-01-12 (test_money.py)


@pytest.fixture
def bundled(run, seeded):
    assert run("import", "--bundled").exit_code == 0
    return seeded


def years(run, *args):
    return {y["year"]: y for y in run.json("progress", *args)["pledged_by_year"]}


def for_year(run, country, year):
    return {(p["amount"], p["currency"]): p["for_year"]
            for p in run.json("pledge", "list", country, "--year", str(year))}  # fmt: skip


def test_2024_grants_apart_from_loans_and_guarantees(run, bundled):
    y2024 = years(run)[2024]
    # Without Canada's CAD 2.4 bn loan and Japan's USD 3.5 bn of guarantees, about USD
    # 29.6 bn (the issue, from part 3, A5 and B); the UK's financial year adds its
    # April-December share (9/12 of GBP 2.5 bn instead of half).
    assert 28_000_000_000 <= y2024["grant_value_usd"] <= 32_500_000_000
    # Loans and guarantees: CAD 2.4 bn (USD 1,782,518,681 at the rate of 2024-02-23) and USD 3.5 bn.
    assert y2024["loan_value_usd"] == 1_782_518_681
    assert y2024["guarantee_value_usd"] == 3_500_000_000
    assert 4_500_000_000 <= y2024["loan_value_usd"] + y2024["guarantee_value_usd"] <= 6_500_000_000
    # All of 2024 is stated with the agreements; nothing is a later figure.
    assert y2024["tied_value_usd"] == y2024["value_usd"] and y2024["later_value_usd"] == 0
    assert y2024["tied_grant_value_usd"] == y2024["grant_value_usd"]
    assert y2024["value_usd"] == (y2024["grant_value_usd"] + y2024["loan_value_usd"]
                                  + y2024["guarantee_value_usd"])  # fmt: skip
    # Caps and floors in it: France's "up to" EUR 3 bn, the "at least" figures.
    # Germany's "more than EUR 7 billion" is a floor since the corrections (facts-2026-12, B2).
    assert y2024["caps_and_floors"] == ["BE", "DE", "DK", "EE", "FR", "IE", "IS", "NO", "PT"]
    assert y2024["cap_value_usd"] == 3_230_400_000  # EUR 3 bn at 1.0768
    assert y2024["partial"] is False and y2024["parties_signed_by_year_end"] == 27


def test_the_headline_reads_as_the_issue_asks(run, bundled):
    summary = run.json("progress")
    assert summary["year"] == 2024 and summary["year_partial"] is False
    assert summary["loan_and_guarantee_value_usd"] == 1_782_518_681 + 3_500_000_000
    shown = " ".join(run("progress", env={"COLUMNS": "100"}).stdout.split())
    assert "in grants stated with the agreements for 2024 (EUR " in shown
    assert "+ USD 5.28 bn in loans and guarantees" in shown
    assert "reported: about USD 38 bn" in shown
    assert "last change 2026-06-25, sources checked to 2026-12-07" in shown


def test_the_uks_calendar_2025_is_gbp_3_bn_once(run, bundled):
    # Part 3, A6: the GBP 2.5 bn for April 2024 to March 2025 was replaced by GBP 3 bn a year.
    assert for_year(run, "GB", 2025) == {
        ("3000000000", "GBP"): {"year": 2025, "amount": "3000000000",
                                "value_usd": 3_889_121_966, "spread": False,
                                "value_eur": for_year(run, "GB", 2025)[("3000000000", "GBP")]
                                ["value_eur"]},
    }  # fmt: skip
    # In 2024 the 2.5 bn counts for April to December: 9/12 of it.
    fy = for_year(run, "GB", 2024)[("2500000000", "GBP")]
    assert (fy["amount"], fy["spread"]) == ("1875000000", True)
    assert fy["value_usd"] == GBP_2_5_BN_USD * 9 // 12
    uk = {p["amount"]: p for p in run.json("pledge", "list", "GB")}
    assert uk["3000000000"]["replaces"] == uk["2500000000"]["id"]
    assert (uk["2500000000"]["first_month"], uk["2500000000"]["last_month"]) == (4, 3)


def test_the_corrected_years_of_the_netherlands_norway_and_sweden(run, bundled):
    # A1: EUR 2 bn brought forward into 2025; 2026 keeps EUR 1.5 bn and gets EUR 0.7 bn more.
    assert {k: v["amount"] for k, v in for_year(run, "NL", 2025).items()} == {
        ("2000000000", "EUR"): "2000000000"
    }
    assert sorted(for_year(run, "NL", 2026)) == [("1500000000", "EUR"), ("700000000", "EUR")]
    # A2: Norway's NOK 85 bn for 2025 was agreed on 2025-03-06; A3: 2026's NOK 70 bn military.
    (norway,) = run.json("pledge", "list", "NO", "--year", "2025")
    assert norway["announced_on"] == "2025-03-06" and norway["amount"] == "85000000000"
    assert {
        (p["amount"], p["kind"]) for p in run.json("pledge", "list", "NO", "--year", "2026")
    } == {("70000000000", "military"), ("15000000000", "unspecified")}
    # A4: Sweden's 2025 framework rose to just over SEK 40 bn; the SEK 25 bn a year stays
    # for 2024 and 2026.
    assert {k: v["amount"] for k, v in for_year(run, "SE", 2025).items()} == {
        ("40000000000", "SEK"): "40000000000"
    }
    sweden_2025 = run.json("pledge", "list", "SE", "--year", "2025")[0]
    assert sweden_2025["qualifier"] == "at least" and sweden_2025["announced_on"] == "2025-03-26"
    for year in (2024, 2026):
        assert list(for_year(run, "SE", year)) == [("25000000000", "SEK")]


def test_the_eus_loan_is_in_no_grant_total_and_later_years_are_partial(run, bundled):
    by_year = years(run)
    (loan,) = [p for p in run.json("pledge", "list", "EU") if p["amount"] == "90000000000"]
    assert (loan["instrument"], loan["tie"], loan["first_year"], loan["last_year"]) == (
        "loan",
        "later",
        2026,
        2027,
    )
    for year in (2026, 2027):
        assert by_year[year]["loan_value_usd"] == loan["value_usd"] // 2
        assert (
            by_year[year]["grant_value_usd"]
            < by_year[year]["value_usd"] - loan["value_usd"] // 2 + 1
        )
    # Fewer than half the parties signed by the year's end state a figure from 2025 on.
    assert [by_year[y]["partial"] for y in sorted(by_year)] == [False, True, True, True, True]
    assert [by_year[y]["parties_signed_by_year_end"] for y in sorted(by_year)] == [
        27,
        28,
        28,
        28,
        28,
    ]
    # Only Spain's 2025 figure, and the agreement texts' own yearly figures, are tied.
    assert by_year[2025]["tied_grant_value_usd"] < by_year[2025]["grant_value_usd"] / 10


def test_a_partial_year_says_so_wherever_it_is_the_headline(run, bundled):
    assert run.json("progress", "--year", "2025")["year_partial"] is True
    shown = " ".join(run("progress", "--year", "2025").stdout.split())
    assert "partial: 11 of the 28 parties signed by the end of 2025 state a figure" in shown
    assert "reported:" not in shown.split("Reported total")[0]  # 2024's total, not 2025's


def test_each_partys_grants_for_a_year_sort_the_list(run, bundled):
    listed = run.json("list", "--year", "2026", "--sort", "value_usd")
    assert listed[0]["code"] == "DE" and listed[0]["year"] == 2026
    # Germany's EUR 11.5 bn for 2026 at 1.1648 (2025-11-14).
    assert listed[0]["year_grant_value_usd"] == 13_395_200_000
    eu = next(row for row in listed if row["code"] == "EU")
    assert eu["year_grant_value_usd"] is None and eu["year_loan_value_usd"] > 50_000_000_000
    grants = [row["year_grant_value_usd"] for row in listed]
    known = [g for g in grants if g is not None]
    assert known == sorted(known, reverse=True) and grants[len(known) :] == [None] * (
        len(grants) - len(known)
    )
    # Without --year, the year progress leads with; the same keys, and value_usd the grants.
    first = run.json("list")[0]
    assert (first["code"], first["year"], first["value_usd"]) == (
        "GB", 2024, first["year_grant_value_usd"])  # fmt: skip


def test_show_gives_a_partys_figures_per_year(run, bundled):
    shown = run.json("show", "Japan")
    # USD 1 bn of grants with the agreement and USD 3.5 bn of guarantees (facts-2026);
    # The grants in EUR: USD 1 bn at 1.0784 USD per EUR (2024-06-13).
    assert shown["by_year"] == [{"year": 2024, "tied_grant_value_usd": 1_000_000_000,
                                 "other_grant_value_usd": None, "grant_value_usd": 1_000_000_000,
                                 "loan_value_usd": None, "guarantee_value_usd": 3_500_000_000,
                                 "loan_and_guarantee_value_usd": 3_500_000_000,
                                 "unstated_value_usd": None, "tied_grant_value_eur": 927_299_703,
                                 "spread": False, "qualified": False, "code": "JP"}]  # fmt: skip
    assert (shown["year"], shown["value_usd"]) == (2024, 1_000_000_000)
    lines = run("show", "United Kingdom", env={"COLUMNS": "100"}).stdout.splitlines()
    start = lines.index("USD by year (loans and guarantees apart):")
    # April-December 2024 of GBP 2.5 bn (9/12 of USD 3,182,664,340); the GBP 3 bn a year
    # after it is a later budget line, which its source does not tie to the agreement.
    assert lines[start + 1 : start + 4] == [
        "  2024: grants with the agreement 2.39 bn",
        "  2025: other grants 3.89 bn",
        "  2026: other grants 3.89 bn",
    ]
    assert (
        "  2024: grants with the agreement 1 bn; guarantees 3.5 bn" in run("show", "Japan").stdout
    )


def test_related_documents_set_no_stage(run, bundled):
    stages = {r["code"]: (r["stage"], r["stage_on"]) for r in run.json("list")}
    assert stages["US"] == (None, None) and stages["FR"] == (None, None)
    documents = {(m["document"], m["happened_on"], m["step"])
                 for m in run.json("milestone", "list", "US")}  # fmt: skip
    assert documents == {
        ("US security guarantees", "2025-12-29", "draft outlined"),
        ("US security guarantees", "2026-01-25", "text ready, awaiting signing"),
        ("US security guarantees", "2026-02-13", "to go to Congress, the US signals"),
    }
    assert ("Paris Declaration", "2026-01-06") in {
        (m["document"], m["happened_on"]) for m in run.json("milestone", "list", "FR")
    }


# ------------------------------------------------------------------- the user's own


def test_a_later_statement_replaces_an_earlier_one_for_the_months_both_cover(run, seeded):
    before = years(run)
    added = run("pledge", "add", "United Kingdom", "3bn", "--currency", "GBP", "--years",
                "2025-2026", "--per-year", "--kind", "military", "--instrument", "grant",
                "--tie", "later", "--replaces", "1", "--announced-on", "2024-10-30",
                "--source", "https://example.org/uk")  # fmt: skip
    assert added.exit_code == 0, added.output
    after = years(run)
    # 2025: January to March of the 2.5 bn no longer count (3/12 of USD 3,182,664,340).
    new = run.json("pledge", "list", "GB")[-1]
    assert (
        after[2025]["value_usd"]
        == before[2025]["value_usd"] - GBP_2_5_BN_USD * 3 // 12 + (new["value_usd"])
    )
    assert after[2024]["value_usd"] == before[2024]["value_usd"]  # April-December stay
    # The replaced pledge stays in the ledger and the history.
    assert [p["amount"] for p in run.json("pledge", "list", "GB")] == ["2500000000", "3000000000"]
    history = run.json("history", "GB")
    assert history[0]["changes"]["replaces"] == [None, 1]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--replaces", "2"], 2, "pledge 2 is of DE, not GB. Give --replaces the id of a pledge "
         "of the same party"),
        (["--year", "2030", "--replaces", "1"], 2, "pledge 1 covers 2024-04..2025-03 and this "
         "one 2030: it would replace nothing"),
        (["--year", "2023", "--replaces", "1"], 2, "pledge 1 covers 2024-04..2025-03 and this "
         "one 2023: it would replace nothing"),  # wholly before it, as 2030 is wholly after
        (["--years", "2022-2023", "--replaces", "1"], 2, "pledge 1 covers 2024-04..2025-03 and "
         "this one 2022-2023: it would replace nothing"),
        (["--replaces", "999"], 1, "there is no pledge 999"),
        (["--kind", "loan"], 2, "a loan is how a pledge is given, not what it is for. Use "
         "--instrument loan"),
        (["--instrument", "gift"], 2, "unknown instrument 'gift'. Use one of: grant, loan, "
         "guarantee"),
        (["--tie", "maybe"], 2, "unknown tie 'maybe'. Use one of: agreement, later"),
    ],
)  # fmt: skip
def test_a_bad_replacement_or_instrument_is_refused_and_changes_nothing(
    run, seeded, args, code, message
):
    before = dump(seeded)
    base = ["pledge", "add", "United Kingdom", "1bn", "--currency", "GBP",
            "--source", "https://example.org/uk", "--announced-on", "2025-01-01"]  # fmt: skip
    if "--year" not in args and "--years" not in args:
        base += ["--year", "2025"]
    assert_refused(run(*base, *args), code, message)
    assert dump(seeded) == before


def test_a_financial_year_by_its_months(run, seeded):
    added = run("pledge", "add", "Czechia", "1.2bn", "--currency", "EUR", "--years",
                "2025-07..2026-06", "--announced-on", "2025-06-02",
                "--source", "https://example.org/cz")  # fmt: skip
    assert_refused(added, 1, "Czechia is not tracked")  # a pledge needs a tracked party
    run("add", "Czechia", "--status", "signed", "--signed-on", "2024-07-18")
    added = run("pledge", "add", "Czechia", "1.2bn", "--currency", "EUR", "--years",
                "2025-07..2026-06", "--announced-on", "2025-06-02",
                "--source", "https://example.org/cz")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "EUR 1.2 bn (2025-07 to 2026-06, unspecified)" in added.stdout
    # July-December 2025 and January-June 2026: EUR 600 m each, never a year's 1.2 bn twice.
    assert for_year(run, "CZ", 2025)[("1200000000", "EUR")]["amount"] == "600000000"
    assert for_year(run, "CZ", 2026)[("1200000000", "EUR")]["amount"] == "600000000"
    # A year per year must be whole twelve months.
    refused = run("pledge", "add", "Czechia", "1bn", "--currency", "EUR", "--years",
                  "2025-07..2026-07", "--per-year", "--source", "https://example.org/cz")  # fmt: skip
    assert_refused(refused, 2, "a pledge per year covers whole years of twelve months")


# ------------------------------------------------------- a database of the last version


FIXTURE = ROOT / "tests" / "fixtures" / "m005-bundled-and-edited.db"


@pytest.fixture
def upgraded(tmp_path):
    """tests/fixtures/m005-bundled-and-edited.db was made by the version before instruments
    (migration m005): the seed, the bundled updates-2025-11.json applied, then the user's
    own EUR 500 m for the Netherlands in 2026 (pledge 35), the UK's note rewritten, and
    Latvia's reconstruction pledge (9) removed."""
    db = tmp_path / "m005.db"
    shutil.copy(FIXTURE, db)
    return db


def test_the_migration_keeps_every_pledge_and_makes_a_loan_an_instrument(run, upgraded):
    with sqlite3.connect(upgraded) as conn:
        old = conn.execute("SELECT id, code, amount, currency, first_year, last_year, "
                           "value_usd, usd_rate, usd_rate_date, kind FROM pledges "
                           "ORDER BY id").fetchall()  # fmt: skip
        events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    assert len(old) == 34 and len(events) == 85
    pledges = run.json("--db", str(upgraded), "pledge", "list")
    fields = ("id", "code", "amount", "currency", "first_year", "last_year", "value_usd",
              "usd_rate", "usd_rate_date")  # fmt: skip
    assert sorted(tuple(p[f] for f in fields) for p in pledges) == [row[:9] for row in old]
    assert [row[9] for row in old if row[9] == "loan"] == ["loan", "loan"]
    loans = {p["id"]: (p["kind"], p["instrument"]) for p in pledges if p["instrument"]}
    assert loans == {5: ("unspecified", "loan"), 28: ("unspecified", "loan")}
    assert all(p["value_eur"] and p["eur_rate_date"] for p in pledges)
    with sqlite3.connect(upgraded) as conn:
        assert conn.execute("SELECT * FROM events ORDER BY id").fetchall() == events


def test_the_bundled_corrections_keep_what_the_user_did(run, upgraded):
    db = ["--db", str(upgraded)]
    result = run(*db, "import", "--bundled")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # The user's own pledge stays; the data's corrections come in (A1: the Netherlands).
    nl = {(p["amount"], p["first_year"]) for p in run.json(*db, "pledge", "list", "NL")}
    assert nl == {("2000000000", 2024), ("2000000000", 2025), ("1500000000", 2026),
                  ("700000000", 2026), ("500000000", 2026)}  # fmt: skip
    # The user's note on the UK stays, named as a conflict; the pledge corrections come in.
    uk = next(r for r in run.json(*db, "list") if r["code"] == "GB")
    assert uk["note"] == "My own note on the UK."
    assert any(line.startswith("keep United Kingdom (GB) note as changed here") for line in lines)
    assert any(p["replaces"] for p in run.json(*db, "pledge", "list", "GB"))
    # The pledge the user removed is not brought back.
    assert [p["amount"] for p in run.json(*db, "pledge", "list", "LV")] == ["112000000"]
    assert any(line.startswith("keep pledge of Latvia removed here") for line in lines)
    # A field the user did not touch takes the corrected value (A7's Latvia note).
    latvia = next(r for r in run.json(*db, "list") if r["code"] == "LV")
    assert "recorded as a humanitarian pledge of its own" in latvia["note"]
    # Japan's USD 4.5 bn is split; the old figure, which the data gave, goes.
    japan = sorted((p["amount"], p["instrument"]) for p in run.json(*db, "pledge", "list", "JP"))
    assert japan == [("1000000000", "grant"), ("3500000000", "guarantee")]
    # Importing again changes nothing; undo takes the whole import back.
    again = run(*db, "import", "--bundled")
    assert "0 added, 0 updated, 0 removed" in again.stdout and "pledges:" not in again.stdout
    assert json.loads(run(*db, "progress", "--format", "json").stdout)["sources_checked"] == (
        "2026-12-07"
    )


def test_the_lists_views_of_a_year_show_its_money_not_the_first_pledge(run, bundled):
    table = run("list", "--year", "2026", "--sort", "value_usd", env={"COLUMNS": "100"})
    lines = table.stdout.splitlines()
    # Each money column says its sort and its year.
    assert [cell.strip() for cell in lines[2].split("┃")[4:7]] == [
        "Grants with", "Other", "Loans,"]  # fmt: skip
    assert [cell.strip() for cell in lines[4].split("┃")[4:7]] == ["2026, USD"] * 3
    # Germany's EUR 11.5 bn for 2026 is a later budget line: a grant, not with the agreement.
    assert lines[6].startswith("│ Germany ") and lines[6].endswith(
        "│               │   13.4 bn │            │"
    )
    eu = next(line for line in lines if line.startswith("│ European Union"))
    assert eu.endswith("│               │           │    52.7 bn │")  # a loan only: no grants
    blocks = run("list", "--year", "2026", "--sort", "value_usd", env={"COLUMNS": "60"}).stdout
    assert blocks.splitlines()[3] == "  other grants, 2026: USD 13.4 bn"
    assert "  loans, guarantees, 2026: USD 52.7 bn" in blocks.splitlines()
    header = run("list", "--year", "2026", "--format", "csv").stdout.splitlines()[0]
    assert header.endswith(
        ",stage,stage_on,year,year_tied_grant_value_usd,year_other_grant_value_usd,"
        "year_grant_value_usd,year_loan_value_usd,year_guarantee_value_usd,"
        "year_loan_and_guarantee_value_usd,year_unstated_value_usd,year_tied_grant_value_eur,"
        "in_totals"
    )
    markdown = run("list", "--year", "2026", "--format", "markdown").stdout.splitlines()
    assert markdown[0] == (
        "| Country | Status | Signed | Place | Grants with the agreement, 2026 (USD) | Other "
        "grants, 2026 (USD) | Loans, guarantees, 2026 (USD) | Source |"
    )


def test_a_data_file_of_the_last_version_gives_a_loan_as_a_kind(run, seeded, tmp_path):
    """An export of the version before instruments wrote a loan as the kind `loan`: it is
    read as the loan instrument, of a kind nobody has said."""
    path = tmp_path / "old.json"
    record = {"code": "CZ", "status": "signed", "signed_on": "2024-07-18",
              "source": "https://example.org/cz",
              "pledges": [{"amount": "1000000", "currency": "EUR", "years": "2024",
                           "kind": "loan", "announced_on": "2024-07-18"}]}  # fmt: skip
    path.write_text(json.dumps({"format": "agreements/3", "parties": [record]}), encoding="utf-8")
    assert run("import", str(path)).exit_code == 0
    (loan,) = run.json("pledge", "list", "CZ")
    assert (loan["kind"], loan["instrument"], loan["tie"]) == ("unspecified", "loan", None)
    # Exported again, it says so in today's words, and reads back the same.
    exported = tmp_path / "new.json"
    assert run("export", "-o", str(exported)).exit_code == 0
    again = next(p for p in json.loads(exported.read_text(encoding="utf-8"))["parties"]
                 if p["code"] == "CZ")["pledges"][0]  # fmt: skip
    assert (again["kind"], again["instrument"]) == ("unspecified", "loan")
    assert "0 added, 0 updated, 0 removed" in run("import", str(exported)).stdout
