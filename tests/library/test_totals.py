"""The library's one derivation of money per year (agreements_cli.totals): a pledge's share
of a year in euros as in dollars, and a year's totals as the flat row the data package
and Datasette publish."""

from agreements_cli.records import Pledge, YearMoney
from agreements_cli.totals import YEAR_COLUMNS, year_row, yearly


def pledge(value_usd, value_eur, first, last, per_year=False):
    return Pledge(1, "SE", str(value_usd), "USD", first, last, per_year, "military", "exact",
                  "2024-02-16", "https://example.org/p", None, value_usd, "1", "2024-02-16",
                  value_eur=value_eur)  # fmt: skip


def test_a_spread_pledge_gives_each_year_its_share_in_euros_as_in_dollars():
    # USD 300 (EUR 240) for 2024-2026: 12 of its 36 months in 2025.
    figure = yearly(pledge(300, 240, 2024, 2026), 2025)
    assert (figure.value_usd, figure.value_eur, figure.spread) == (100, 80, True)
    # USD 90 (EUR 72) for each of 2024-2025, counted whole in a year.
    figure = yearly(pledge(90, 72, 2024, 2025, per_year=True), 2024)
    assert (figure.value_usd, figure.value_eur, figure.spread) == (90, 72, False)
    # A pledge written before euros were kept has no euro figure, not 0.
    assert yearly(pledge(300, None, 2024, 2026), 2025).value_eur is None


def test_a_years_row_has_a_column_for_each_kind_and_the_caps_and_floors_as_codes():
    year = YearMoney(2024, 12, 0, 2, 1, {"military": 5, "financial": 7},
                     grant_value_usd=12, tied_grant_value_usd=12, caps_and_floors=("DE", "FR"),
                     cap_value_usd=5, grants_by_kind={"military": 5, "financial": 7})  # fmt: skip
    row = year_row(year)
    assert list(row) == list(YEAR_COLUMNS)
    assert row["military_grant_value_usd"] == 5
    assert row["financial_grant_value_usd"] == 7
    assert row["humanitarian_grant_value_usd"] is None  # unknown, not 0
    assert row["caps_and_floors"] == "DE; FR"
    assert (row["grant_value_usd"], row["cap_value_usd"], row["parties_with_value"]) == (12, 5, 2)
    bare = year_row(year._replace(grants_by_kind=None, caps_and_floors=()))
    assert bare["military_grant_value_usd"] is None and bare["caps_and_floors"] == ""
