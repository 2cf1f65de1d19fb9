"""Progress against the goal and the money per year, as pure functions of records written
here by hand (reports.py, totals.py): what counts toward the goal, what a year's total adds, and what
it leaves out. Figures are round so that each expected total can be read off the records."""

from datetime import date

from agreements_cli import totals
from agreements_cli.records import Party, PartyYear, Pledge
from agreements_cli.reports import progress_summary, timeline
from agreements_cli.totals import pledged_by_year, yearly

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


def fy(code, value_usd, months, id, per_year=False, replaces=None, **fields):
    """A pledge for ``months`` ((first year, first month), (last year, last month))."""
    (first, first_month), (last, last_month) = months
    return pledge(code, value_usd, first, last, per_year=per_year, id=id).but(
        first_month=first_month, last_month=last_month, replaces=replaces, **fields
    )


def test_a_financial_year_counts_its_months_in_each_calendar_year():
    # 1.2 bn for April 2024 to March 2025: 9 months in 2024, 3 in 2025.
    uk = fy("GB", 1_200_000_000, ((2024, 4), (2025, 3)), 1)
    assert yearly(uk, 2024)[:3] == ("900000000", 900_000_000, True)
    assert yearly(uk, 2025)[:3] == ("300000000", 300_000_000, True)
    assert yearly(uk, 2023) is None and yearly(uk, 2026) is None
    # A period that ends in January has one month in its last year.
    january = fy("GB", 1_000_000_000, ((2024, 4), (2025, 1)), 2)
    assert yearly(january, 2025)[:3] == ("100000000", 100_000_000, True)
    # Per year over two financial years: each calendar year in the middle gets 12 months.
    yearly_fy = fy("GB", 1_200_000_000, ((2024, 4), (2026, 3)), 3, per_year=True)
    assert yearly(yearly_fy, 2025)[:3] == (
        "1200000000",
        1_200_000_000,
        True,
    )  # derived: 12 months of two stated years


def test_a_replaced_pledge_is_not_counted_for_the_months_its_replacement_covers():
    old = fy("GB", 1_200_000_000, ((2024, 4), (2025, 3)), 1)
    new = pledge("GB", 3_000_000_000, 2025, 2026, per_year=True, id=2).but(replaces=1)
    years = {y.year: y for y in pledged_by_year([old, new], [party("GB")])}
    # 2024: April-December of the old one; 2025: the new one alone, never both.
    assert years[2024].value_usd == 900_000_000
    assert years[2025].value_usd == 3_000_000_000
    assert years[2026].value_usd == 3_000_000_000
    assert totals.figures([old, new], 2025) == [
        (new, yearly(new, 2025))
    ]  # the old one has no figure for 2025
    # Neither states its instrument: each year's figure is of no stated instrument, never a
    # grant; 2024 is a share (9 months) of the financial year.
    assert totals.by_year([old, new]) == [
        PartyYear(2024, None, None, None, None, None, None, 900_000_000, None, True, False, "GB"),
        PartyYear(2025, None, None, None, None, None, None, 3_000_000_000, None, False, False,
                  "GB"),
        PartyYear(2026, None, None, None, None, None, None, 3_000_000_000, None, False, False,
                  "GB"),
    ]  # fmt: skip
    # Replacing part of a year: the rest of it still counts, by its months.
    half = pledge("GB", 600_000_000, 2024, 2024, id=3).but(first_month=7, replaces=1)
    assert yearly(old, 2024, totals.replaced_months([old, half])[1])[:2] == (
        "300000000",
        300_000_000,
    )  # April-June only


def test_grants_loans_guarantees_tied_and_later_are_apart():
    ledger = [
        pledge("DE", 100, kind="military").but(instrument="grant", tie="agreement",
                                               value_eur=90),
        pledge("DE", 40, kind="humanitarian", id=2).but(instrument="grant", tie="later",
                                                        value_eur=36),
        pledge("CA", 30, kind="financial", id=3).but(instrument="loan", tie="agreement",
                                                     value_eur=27),
        pledge("JP", 20, kind="financial", id=4).but(instrument="guarantee", tie="later",
                                                     value_eur=18),
        pledge("IT", 7, kind="mixed", id=5).but(value_eur=6),  # instrument and tie unknown
        pledge("FR", 10, kind="military", id=6).but(instrument="grant", tie="agreement",
                                                    qualifier="up to", value_eur=9),
        pledge("BE", 5, kind="military", id=7).but(instrument="grant", tie="later",
                                                   qualifier="at least", value_eur=4),
    ]  # fmt: skip
    signed = [party(code) for code in ("DE", "CA", "JP", "IT", "FR", "BE")]
    (year,) = pledged_by_year(ledger, signed)
    assert year.value_usd == 212
    assert (year.grant_value_usd, year.loan_value_usd, year.guarantee_value_usd,
            year.unstated_instrument_value_usd) == (155, 30, 20, 7)  # fmt: skip
    assert (year.tied_value_usd, year.later_value_usd) == (140, 65)  # and 7 of no known tie
    assert year.tied_grant_value_usd == 110 and year.loan_and_guarantee_value_usd == 50
    assert year.other_grant_value_usd == 45  # Germany's later 40 and Belgium's 5
    assert (year.value_eur, year.tied_grant_value_eur) == (190, 99)
    assert year.grants_by_kind == {"military": 115, "humanitarian": 40}
    assert year.by_kind == {"military": 115, "financial": 50, "humanitarian": 40, "mixed": 7}
    assert (year.caps_and_floors, year.cap_value_usd, year.floor_value_usd) == (("BE", "FR"), 10, 5)
    assert totals.party_year(ledger[:2] + [ledger[4].but(code="DE")], 2024) == PartyYear(
        2024, 100, 40, 140, None, None, None, 7, 90, False, False, "DE"
    )
    # A cap or a floor among a party's figures is said; so is a share of a longer amount.
    assert totals.party_year([ledger[5], pledge("FR", 24, 2024, 2025, per_year=False, id=10)],
                             2024)[-3:] == (True, True, "FR")  # fmt: skip
    # Two caps add up; a year of one later loan has no grants, nothing tied, no caps.
    (capped,) = pledged_by_year([*ledger, ledger[5].but(id=9, amount="11", value_usd=11)],
                                signed)  # fmt: skip
    assert capped.cap_value_usd == 21
    (loan,) = pledged_by_year([ledger[2].but(tie="later")], signed)
    assert (loan.grant_value_usd, loan.unstated_instrument_value_usd, loan.tied_value_usd,
            loan.tied_grant_value_usd, loan.cap_value_usd, loan.floor_value_usd,
            loan.loan_value_usd, loan.later_value_usd) == (None, None, 0, None, 0, 0, 30,
                                                           30)  # fmt: skip
    # Unknown, never 0: no grant, nothing of no stated instrument, no other grant.
    assert (loan.other_grant_value_usd, loan.loan_and_guarantee_value_usd) == (None, 30)
    # A pledge written before EUR values were kept makes the year's EUR total unknown.
    (unknown,) = pledged_by_year([*ledger, pledge("IT", 1, id=8)], signed)
    assert (unknown.value_eur, unknown.tied_grant_value_eur) == (None, 99)


def test_a_year_is_partial_when_fewer_than_half_the_parties_signed_by_its_end_state_one():
    signed = [party("DE"), party("FR"), party("AL", signed_on="2024-12-31"),
              party("GR", signed_on="2025-01-01"), party("XX", signed_on=None)]  # fmt: skip
    # Two of the four signed by 2024-12-31 (the undated one too: it counts from no date).
    half = pledged_by_year([pledge("DE", 1), pledge("FR", 1, id=2)], signed)
    assert (half[0].parties_signed_by_year_end, half[0].partial) == (4, False)
    assert half[0].parties_without_value == 2
    one = pledged_by_year([pledge("DE", 1)], signed)
    assert (one[0].parties_with_value, one[0].partial) == (1, True)
    # The headline year is the latest that is not partial, up to the data's year.
    money = pledged_by_year(
        [pledge("DE", 1, 2024, 2026), pledge("FR", 1, id=2), pledge("AL", 1, 2027, 2027, id=3)],
        signed)  # fmt: skip
    assert [(y.year, y.partial) for y in money] == [
        (2024, False),
        (2025, True),
        (2026, True),
        (2027, True),
    ]
    assert totals.headline_year(money, 2026) == 2024
    assert totals.headline_year(money, 2023) == 2023  # none up to it: the data's year
    assert totals.headline_year(money, None) == 2024
    whole = pledged_by_year([pledge("DE", 1, 2024, 2025), pledge("FR", 1, 2024, 2025, id=2)],
                            [party("DE"), party("FR")])  # fmt: skip
    assert totals.headline_year(whole, 2025) == 2025 and totals.headline_year(whole, 2024) == 2024


def test_the_sources_date_is_for_the_present_only():
    now = progress_summary([party("DE")], [], SETTINGS, None, None, "2026-02-13",
                           last_change="2026-02-13", sources_checked="2026-07-05")  # fmt: skip
    assert (now.last_change, now.sources_checked) == ("2026-02-13", "2026-07-05")
    past = progress_summary([party("DE")], [], SETTINGS, None, date(2025, 1, 1), "2025-01-01",
                            last_change="2026-02-13", sources_checked="2026-07-05")  # fmt: skip
    assert past.sources_checked is None
