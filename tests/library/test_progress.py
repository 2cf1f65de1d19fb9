"""Progress against the goal and the money per year, as pure functions of records written
here by hand (reports.py): what counts toward the goal, what a year's total adds, and what
it leaves out. Figures are round so that each expected total can be read off the records."""

from datetime import date

from agreements_cli.records import Party, Pledge
from agreements_cli.reports import pledged_by_year, progress_summary, timeline, yearly

SETTINGS = {"goal": "32", "goal_basis": "the stated goal", "reported_value_usd": "38000000000",
            "reported_value_as_of": "2024-07-15", "reported_value_source": "https://example.org/r"}  # fmt: skip


def party(code, status="signed", counted=True, signed_on="2024-02-16"):
    return Party(code, f"Country {code}", "state", status, counted,
                 signed_on if status == "signed" else None,
                 count_reason=None if counted else "not in the official count")  # fmt: skip


def pledge(code, value_usd, first=2024, last=2024, per_year=True, kind="military", id=1):
    return Pledge(id, code, str(value_usd), "USD", first, last, per_year, kind, "exact",
                  "2024-02-16", "https://example.org/p", None, value_usd, "1", "2024-02-16")  # fmt: skip


def test_only_counted_signed_parties_count_toward_the_goal_and_the_money():
    rows = [party("DE"), party("FR"), party("CZ", "negotiating"), party("XK", "planned"),
            party("HR", counted=False)]  # fmt: skip
    pledges = [pledge("DE", 7_000_000_000), pledge("CZ", 1_000_000_000),
               pledge("HR", 500_000_000)]  # fmt: skip
    summary = progress_summary(rows, pledges, SETTINGS, None, None, "2024-07-15")
    assert (summary.signed, summary.negotiating, summary.planned) == (2, 1, 1)
    assert summary.untracked == 32 - 4  # the four counted parties are tracked
    assert summary.percent_signed == 6.2  # 2 of 32
    assert (summary.signed_outside_count, [o.code for o in summary.outside_count]) == (1, ["HR"])
    # Germany alone: Czechia has not signed, Croatia is outside the count.
    assert (summary.year, summary.value_usd) == (2024, 7_000_000_000)
    assert (summary.signed_with_value, summary.signed_without_value) == (1, 1)  # France states none


def test_a_multi_year_amount_counts_an_even_share_in_each_year_and_a_yearly_one_whole():
    # SEK-like: 3 bn a year for 2024-2026; GBP-like: 2 bn for 2024-2025 in all.
    pledges = [pledge("SE", 3_000_000_000, 2024, 2026, per_year=True),
               pledge("GB", 2_000_000_000, 2024, 2025, per_year=False, id=2)]  # fmt: skip
    years = pledged_by_year(pledges, [party("SE"), party("GB")])
    assert [(y.year, y.value_usd, y.spread_value_usd) for y in years] == [
        (2024, 4_000_000_000, 1_000_000_000),
        (2025, 4_000_000_000, 1_000_000_000),
        (2026, 3_000_000_000, 0),
    ]
    assert [(y.parties_with_value, y.parties_without_value) for y in years] == [(2, 0), (2, 0),
                                                                               (1, 1)]  # fmt: skip


def test_a_year_nobody_states_a_figure_for_is_unknown_not_zero():
    summary = progress_summary([party("DE")], [], SETTINGS, None, None, "2025-03-01")
    assert (summary.year, summary.value_usd, summary.pledged_by_year) == (2025, None, [])
    assert summary.signed_without_value == 1


def test_money_by_kind_in_the_order_of_the_kinds():
    pledges = [pledge("DE", 5, kind="mixed"), pledge("FR", 3, kind="military", id=2),
               pledge("JP", 2, kind="humanitarian", id=3)]  # fmt: skip
    (year,) = pledged_by_year(pledges, [party("DE"), party("FR"), party("JP")])
    assert list(year.by_kind.items()) == [("military", 3), ("humanitarian", 2), ("mixed", 5)]


def test_a_goal_given_for_the_run_has_no_basis_and_a_later_total_is_not_yet_reported():
    summary = progress_summary([party("DE")], [], SETTINGS, 40, date(2024, 7, 1), "2024-07-01")
    assert (summary.goal, summary.goal_basis, summary.untracked) == (40, None, 39)
    assert (summary.reported_value_usd, summary.reported_value_source) == (None, None)
    same = progress_summary([party("DE")], [], SETTINGS, 32, None, "2024-07-15")
    assert (same.goal_basis, same.reported_value_usd) == ("the stated goal", 38_000_000_000)


def test_a_years_figure_of_a_pledge():
    spread = pledge("SE", 10, 2024, 2026, per_year=False)
    assert yearly(spread, 2023) is None and yearly(spread, 2027) is None
    assert yearly(spread, 2025)[:3] == ("3.333333333333333333333333333", 3, True)
    assert yearly(pledge("DE", 7), 2024)[:3] == ("7", 7, False)


def test_the_timeline_runs_to_the_datas_month_and_names_parties_outside_the_count_apart():
    signings = [("2024-01-12", "United Kingdom", True), ("2024-03-05", "Croatia", False),
                ("2024-03-20", "Czechia", True)]  # fmt: skip
    months = timeline(signings, 32, until="2024-05-02")
    assert [(m.month, m.signed, m.total, m.outside_count) for m in months] == [
        ("2024-01", 1, 1, []), ("2024-02", 0, 1, []), ("2024-03", 1, 2, ["Croatia"]),
        ("2024-04", 0, 2, []), ("2024-05", 0, 2, []),
    ]  # fmt: skip
