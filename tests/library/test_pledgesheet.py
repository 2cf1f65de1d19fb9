"""The reading of pledge sheets without the command line: mappings, values, and the plan
against a ledger."""

from datetime import date

import pytest

from agreements_cli.errors import BadInput
from agreements_cli.formats import pledgesheet
from agreements_cli.formats.sheets import Table
from agreements_cli.planning import pledgesheet as sheet_plan
from agreements_cli.records import Party

TODAY = date(2026, 12, 6)


def table(columns, *rows):
    return Table(list(columns), [(n, list(r)) for n, r in enumerate(rows, start=2)], "CSV")


def read(columns, *rows, maps=()):
    sheet = table(columns, *rows)
    return pledgesheet.read_rows(sheet, pledgesheet.mapping(sheet, maps), TODAY)


def test_kiel_and_pairs_map_together_in_the_order_given():
    sheet = table(["Countries", "Announcement Date", "Reported Currency", "Reported Value",
                   "Year", "ID"], ["Czechia", "2024-07-18", "EUR", "5", "2025", "1"])  # fmt: skip
    chosen = pledgesheet.mapping(sheet, ["kiel", "Year=years"])
    assert chosen.kiel is True
    assert chosen.columns == {"country": "Countries", "announced_on": "Announcement Date",
                              "amount": "Reported Value", "currency": "Reported Currency",
                              "years": "Year"}  # fmt: skip
    # A pair given first wins over Kiel's name for the same field.
    first = pledgesheet.mapping(sheet, ["ID=amount", "kiel"])
    assert first.columns["amount"] == "ID"


def test_a_column_whose_name_holds_an_equals_sign_is_mapped_by_the_last_one():
    sheet = table(["Donor", "Value (1=EUR)", "announced_on"], ["Czechia", "5", "2024-07-18"])
    chosen = pledgesheet.mapping(sheet, ["Donor=country,Value (1=EUR)=amount,Donor=currency"])
    assert (chosen.columns["amount"], chosen.columns["country"]) == ("Value (1=EUR)", "Donor")


def test_a_sheet_with_only_a_code_column_names_its_parties_by_code():
    [row] = read(["code", "announced_on", "amount", "currency"], ["CZ", "2024-07-18", "5", "EUR"])
    assert (row.pledge.code, row.who) == ("CZ", "CZ")


@pytest.mark.parametrize("pair", ["=amount", "Donor=", "Donor", " = "])
def test_a_pair_without_both_sides_is_refused(pair):
    sheet = table(["Donor"], ["Czechia"])
    with pytest.raises(BadInput) as refused:
        pledgesheet.mapping(sheet, [pair])
    assert refused.value.reason.startswith(f"the mapping {pair.strip()!r} is not COLUMN=FIELD")


@pytest.mark.parametrize(
    ("word", "per_year"),
    [("true", True), ("Yes", True), ("1", True), ("y", True), ("false", False), ("NO", False),
     ("0", False), ("n", False), ("", False), (".", False)],
)  # fmt: skip
def test_per_year_takes_the_words_spreadsheets_use(word, per_year):
    [row] = read(["country", "announced_on", "amount", "currency", "years", "per_year"],
                 ["Czechia", "2024-07-18", "5", "EUR", "2024-2025", word])  # fmt: skip
    assert row.pledge.per_year is per_year


def test_the_years_as_pledge_list_writes_them_and_a_month_that_is_none():
    columns = ["country", "announced_on", "amount", "currency", "first_year", "last_year",
               "first_month", "last_month"]  # fmt: skip
    rows = read(columns, ["UK", "2024-01-12", "5", "GBP", "2024", "2025", "4", "3"],
                ["UK", "2024-01-13", "5", "GBP", "2024", "2024", "1", "12"],
                ["UK", "2024-01-14", "5", "GBP", "2024", "", "", ""])  # fmt: skip
    assert [(r.pledge.first_year, r.pledge.last_year, r.pledge.first_month, r.pledge.last_month)
            for r in rows] == [(2024, 2025, 4, 3), (2024, 2024, 1, 12), (2024, 2024, 1, 12)]  # fmt: skip
    with pytest.raises(BadInput) as refused:
        read(columns, ["UK", "2024-01-12", "5", "GBP", "2024", "2025", "April", "3"])
    assert refused.value.reason == ("line 2 (UK): the months 'April' and '3' are not month numbers")


def test_a_rate_date_and_a_future_date_are_judged_as_on_every_route():
    columns = ["country", "announced_on", "amount", "currency", "usd_rate_date"]
    [row] = read(columns, ["Czechia", "2024-07-18", "5", "EUR", "2024-07-17"])
    assert row.pledge.usd_rate_date == "2024-07-17"
    with pytest.raises(BadInput) as refused:
        read(columns, ["Czechia", "2024-07-18", "5", "EUR", "17.07.2024"])
    assert refused.value.reason.startswith("line 2 (Czechia): usd_rate_date '17.07.2024' is")
    with pytest.raises(BadInput) as future:
        read(columns[:4], ["Czechia", "2027-01-09", "5", "EUR"])
    assert future.value.reason.startswith(
        "line 2 (Czechia): announcement date 2027-01-09 is after today (2026-12-06)"
    )


def test_reading_ticks_for_each_row_then_done():
    heard = []
    sheet = table(["country", "announced_on", "amount", "currency"],
                  *[["Czechia", f"2024-07-{day:02d}", "5", "EUR"] for day in (1, 2, 3)])  # fmt: skip
    pledgesheet.read_rows(sheet, pledgesheet.mapping(sheet, ()), TODAY,
                          lambda *tick: heard.append(tick))  # fmt: skip
    assert heard == [("Checking", 0, 3), ("Checking", 1, 3), ("Checking", 2, 3),
                     ("Checking", 3, 3)]  # fmt: skip


def test_kiels_words_for_an_instrument():
    columns = ["Countries", "Announcement Date", "Type of Aid Specific", "Reported Value",
               "Reported Currency"]  # fmt: skip
    sheet = table(columns, *[["Czechia", "2024-07-18", words, "5", "EUR"]
                             for words in ("ERA Loan", "Loans", "Grant", "Guarantees",
                                           "Swap line", "Contribution")])  # fmt: skip
    rows = pledgesheet.read_rows(sheet, pledgesheet.mapping(sheet, ["kiel"]), TODAY)
    assert [r.pledge.instrument for r in rows] == ["loan", "loan", "grant", "guarantee", None,
                                                   None]  # fmt: skip


def test_namibias_code_is_a_donor_not_a_missing_value():
    rows = read(["country", "announced_on", "amount", "currency"],
                ["NA", "2024-07-18", "5", "EUR"], ["na", "2024-07-18", "5", "EUR"],
                ["n/a", "2024-07-18", "5", "EUR"], ["Czechia", "2024-07-18", "NA", "EUR"])  # fmt: skip
    czechia = Party.from_row({"code": "CZ", "country": "Czechia", "status": "signed"})
    assert sheet_plan.plan_rows(rows, {"CZ": czechia}, {}).lines == [
        "skip line 4 (n/a): no donor stated (unknown, not 0)",
        "skip line 5 (Czechia): no amount stated (unknown, not 0)",
        "skip Namibia (NA), not tracked: 2 lines (2, 3)",
    ]


def test_the_plan_says_each_row_it_skips():
    rows = read(["country", "announced_on", "amount", "currency"],
                ["", "2024-07-18", "5", "EUR"],
                *[["China", f"2024-07-{day:02d}", "5", "CNY"] for day in range(1, 8)])  # fmt: skip
    czechia = Party.from_row({"code": "CZ", "country": "Czechia", "status": "signed"})
    planned = sheet_plan.plan_rows(rows, {"CZ": czechia}, {})
    assert planned.lines == [
        "skip line 2 (no donor): no donor stated (unknown, not 0)",
        "skip China (CN), not tracked: 7 lines (3, 4, 5, 6, 7, ...)",
    ]
    assert (planned.rows, planned.matched, planned.skipped, planned.changes) == (8, 0, 8, [])
    one = sheet_plan.plan_rows(rows[:2], {"CZ": czechia}, {})
    assert one.lines[-1] == "skip China (CN), not tracked: 1 line (3)"
    two = sheet_plan.plan_rows(rows[:3], {"CZ": czechia}, {})
    assert two.lines[-1] == "skip China (CN), not tracked: 2 lines (3, 4)"
    five = sheet_plan.plan_rows(rows[:6], {"CZ": czechia}, {})
    assert five.lines[-1] == "skip China (CN), not tracked: 5 lines (3, 4, 5, 6, 7)"
    six = sheet_plan.plan_rows(rows[:7], {"CZ": czechia}, {})
    assert six.lines[-1] == "skip China (CN), not tracked: 6 lines (3, 4, 5, 6, 7, ...)"


def test_a_pledge_to_add_is_a_change_of_its_party():
    [row] = read(
        ["country", "announced_on", "amount", "currency"], ["CZ", "2024-07-18", "5", "EUR"]
    )
    czechia = Party.from_row({"code": "CZ", "country": "Czechia", "status": "signed"})
    planned = sheet_plan.plan_rows([row], {"CZ": czechia}, {})
    [change] = planned.changes
    assert (change.entity, change.code, change.before, change.after) == (
        "pledge", "CZ", None, row.pledge
    )  # fmt: skip
    assert planned.lines == [
        "add pledge of Czechia (CZ): EUR 5 (2024, unspecified), announced 2024-07-18"
    ]
