"""The rules of promised against done (``delivered``), on records made by hand: every
expected figure is written out here."""

from agreements_cli import delivered
from agreements_cli.deliveries import Delivery
from agreements_cli.records import Party, Pledge

BE = Party(code="BE", country="Belgium", kind="state", status="signed", counted=True,
           signed_on="2024-05-28")  # fmt: skip
JP = Party(code="JP", country="Japan", kind="state", status="signed", counted=True,
           signed_on="2024-06-13")  # fmt: skip


def pledge(id, eur, years=(2024, 2024), instrument="grant", kind="military", qualifier="exact",
           code="BE", per_year=True):  # fmt: skip
    return Pledge(
        id=id, code=code, amount=str(eur), currency="EUR", first_year=years[0],
        last_year=years[1], per_year=per_year, kind=kind, qualifier=qualifier,
        announced_on="2024-01-10", source=None, note=None, value_usd=eur, usd_rate="1",
        usd_rate_date="2024-01-10", instrument=instrument, value_eur=eur, eur_rate="1",
        eur_rate_date="2024-01-10",
    )  # fmt: skip


def figure(id, eur, measure="allocated", reporter="donor", period=("2024-01-01", "2024-06-30"),
           cumulative=False, instrument=None, kind=None, qualifier="exact", code="BE"):  # fmt: skip
    return Delivery(
        id=id, code=code, measure=measure, amount=str(eur), currency="EUR",
        period_from=period[0], period_to=period[1], cumulative=cumulative,
        stated_on=period[1], reporter=reporter, channel="bilateral", value_usd=eur,
        usd_rate="1", usd_rate_date=period[1], value_eur=eur, eur_rate="1",
        eur_rate_date=period[1], qualifier=qualifier, kind=kind, instrument=instrument,
    )  # fmt: skip


def year_of(report, code="BE", year=2024):
    return next(d for d in report.years if d.code == code and d.year == year)


def test_a_year_without_a_figure_says_so_and_is_never_zero():
    report = delivered.promised_done([BE], [pledge(1, 977)], [], "2026-06-25")
    done = year_of(report)
    assert (done.lines, done.state, done.pledged_grant_eur) == ((), "no figure", 977)
    assert delivered.promised_done([BE], [pledge(1, 977)], [], "2024-06-30").years[0].state == (
        "not yet due"
    )  # fmt: skip


def test_each_state_by_its_share():
    def state(eur, ended="2026-01-01"):
        report = delivered.promised_done([BE], [pledge(1, 1000)], [figure(9, eur)], ended)
        (line,) = year_of(report).lines
        return line.share, line.state

    assert state(1100) == ("1.100", "exceeded")
    assert state(1000) == ("1.000", "met")
    assert state(999) == ("0.999", "partly")
    assert state(999, ended="2024-12-31") == ("0.999", "not yet due")  # (the year's last day)
    assert state(1, ended="2025-01-01") == ("0.001", "partly")


def test_a_running_total_and_a_figure_of_several_years_are_put_into_no_year():
    since = figure(5, 1072, measure="provided", period=("2022-02-24", "2024-04-30"),
                   cumulative=True)  # fmt: skip
    both = figure(6, 3800, measure="provided", period=("2022-02-24", "2023-12-31"))
    report = delivered.promised_done([BE], [pledge(1, 977)], [since, both], "2026-06-25")
    assert year_of(report).lines == ()
    assert [(a.figure.id, a.disputed_by) for a in report.apart] == [(5, ()), (6, ())]
    # A figure apart that begins after the year asked for is not beside it.
    later = figure(7, 5, measure="provided", period=("2025-01-01", "2026-01-31"))
    asked = delivered.promised_done([BE], [pledge(1, 977)], [later], "2026-06-25", year=2024)
    assert asked.apart == []


def test_reporters_are_never_added_and_stand_side_by_side_disputed():
    donor = figure(1, 600)
    tracker = figure(2, 100, reporter="tracker")
    other = figure(3, 50, measure="delivered")
    report = delivered.promised_done([BE], [pledge(1, 1000)], [donor, tracker, other], "2026-01-01")
    lines = [(x.measure, x.reporter, x.value_eur, x.disputed) for x in year_of(report).lines]
    assert lines == [
        ("allocated", "donor", 600, True),
        ("allocated", "tracker", 100, True),
        ("delivered", "donor", 50, False),
    ]
    # The year's state is the best of its lines.
    assert year_of(report).state == "partly"


def test_two_figures_of_one_reporter_and_measure_add_up():
    report = delivered.promised_done(
        [BE], [pledge(1, 1000)], [figure(1, 600), figure(2, 500)], "2026-01-01"
    )
    (line,) = year_of(report).lines
    assert (line.value_eur, line.figures, line.state) == (1100, (1, 2), "exceeded")


def test_a_figure_is_compared_only_with_pledges_of_its_sort():
    pledges = [pledge(1, 1000, kind="humanitarian"),
               pledge(2, 3500, instrument="guarantee", kind="financial", code="JP")]  # fmt: skip
    pledges[0] = pledges[0]._replace(code="JP")
    grant = figure(1, 465, measure="received", reporter="recipient", instrument="grant",
                   kind="financial", code="JP")  # fmt: skip
    unstated = figure(2, 1700, measure="received", reporter="recipient", code="JP")
    loan = figure(3, 200, measure="disbursed", instrument="loan", code="JP")
    humane = figure(4, 500, instrument="grant", kind="humanitarian", code="JP")
    report = delivered.promised_done([JP], pledges, [grant, unstated, loan, humane], "2026-01-01")
    states = {x.figures: (x.pledged_eur, x.share, x.state) for x in year_of(report, "JP").lines}
    assert states == {
        (1,): (None, None, "not comparable"),  # a financial grant; the grant is humanitarian
        (2,): (None, None, "not comparable"),  # no instrument: a grant or the guarantee?
        (3,): (3500, "0.057", "partly"),  # a loan, against the guarantee (loans with loans)
        (4,): (1000, "0.500", "partly"),
    }


def test_a_figure_of_no_stated_sort_is_compared_when_the_year_has_one_sort():
    report = delivered.promised_done(
        [BE], [pledge(1, 400), pledge(2, 600, kind="humanitarian")], [figure(1, 500)], "2026-01-01"
    )
    (line,) = year_of(report).lines
    assert (line.pledged_eur, line.share) == (1000, "0.500")


def test_a_year_without_a_pledge_has_no_share():
    report = delivered.promised_done([BE], [], [figure(1, 80)], "2026-01-01")
    done = year_of(report)
    assert (done.pledges, done.state, done.lines[0].state) == ((), "no pledge", "no pledge")


def test_a_multi_year_pledge_counts_its_share_of_the_year():
    loan = pledge(1, 90_000, years=(2026, 2027), instrument="loan", kind="mixed", per_year=False)
    paid = figure(1, 3200, measure="disbursed", instrument="loan",
                  period=("2026-06-25", "2026-06-25"))  # fmt: skip
    report = delivered.promised_done([BE], [loan], [paid], "2026-06-25", year=2026)
    done = year_of(report, year=2026)
    assert (done.pledged_loan_eur, done.pledged_spread, done.lines[0].share) == (
        45_000, True, "0.071"
    )  # fmt: skip
    assert done.state == "not yet due"


def test_the_flat_rows_are_the_report_s():
    since = figure(5, 1072, measure="provided", period=("2022-02-24", "2024-04-30"),
                   cumulative=True)  # fmt: skip
    report = delivered.promised_done(
        [BE], [pledge(1, 977, qualifier="at least")], [since], "2026-06-25"
    )
    rows = list(delivered.flat_rows(report))
    assert [list(r) for r in rows] == [list(delivered.FLAT_FIELDS)] * 2
    assert [(r["year"], r["state"], r["pledged_grant_eur"], r["pledged_qualified"], r["measure"],
             r["value_eur"], r["figures"]) for r in rows] == [
        (2024, "no figure", 977, True, None, None, ""),
        (None, "apart", None, None, "provided", 1072, "5"),
    ]  # fmt: skip


def test_the_records_as_json_name_their_fields():
    since = figure(5, 1072, measure="provided", period=("2022-02-24", "2024-04-30"),
                   cumulative=True)  # fmt: skip
    report = delivered.promised_done(
        [BE], [pledge(1, 977, qualifier="at least")], [figure(2, 9), since], "2026-06-25"
    )
    year = year_of(report).as_dict()
    assert list(year) == ["code", "country", "year", "pledges", "pledged_grant_eur",
                          "pledged_loan_eur", "pledged_unstated_eur", "pledged_qualified",
                          "pledged_spread", "lines", "state", "ended", "pledged_qualifiers"]  # fmt: skip
    assert (year["pledges"], year["pledged_qualifiers"], year["ended"]) == ([1], ["at least"], True)
    assert year["lines"][0]["figures"] == [2]
    apart = report.apart[0].as_dict()
    assert (apart["country"], apart["disputed_by"], apart["id"]) == ("Belgium", [], 5)


def test_the_pledged_sums_keep_each_sort_apart_and_say_unknown_without_euros():
    pledges = [pledge(1, 100), pledge(2, 200), pledge(3, 1000, instrument="loan"),
               pledge(4, 30, instrument=None)]  # fmt: skip
    done = year_of(delivered.promised_done([BE], pledges, [], "2026-01-01"))
    assert (done.pledged_grant_eur, done.pledged_loan_eur, done.pledged_unstated_eur) == (
        300, 1000, 30
    )  # fmt: skip
    unknown = pledges[:1] + [pledge(2, 200)._replace(value_eur=None)]
    done = year_of(delivered.promised_done([BE], unknown, [figure(9, 5)], "2026-01-01"))
    assert done.pledged_grant_eur is None
    assert done.lines[0].state == "not comparable"  # (no sum in euros to compare with)


def test_a_figure_of_unspecified_kind_states_no_kind():
    report = delivered.promised_done(
        [BE], [pledge(1, 1000)], [figure(1, 500, kind="unspecified")], "2026-01-01"
    )
    (line,) = year_of(report).lines
    assert (line.kind, line.share) == (None, "0.500")


def test_a_line_says_when_a_figure_is_not_exact_and_the_year_takes_its_best_line():
    figures = [figure(1, 2000, qualifier="about"), figure(2, 5, instrument="loan")]
    report = delivered.promised_done([BE], [pledge(1, 1000)], figures, "2026-01-01")
    lines = year_of(report).lines
    assert [(x.qualified, x.state) for x in lines] == [
        (True, "exceeded"),
        (False, "not comparable"),
    ]
    report = delivered.promised_done([BE], [pledge(1, 1000)], [figure(1, 500),
                                      figure(2, 5, instrument="loan")], "2026-01-01")  # fmt: skip
    assert year_of(report).state == "partly"  # (before "not comparable", whatever its name)


def test_a_party_with_only_a_figure_apart_shows_it_and_the_year_asked_bounds_it():
    since = figure(5, 1072, measure="provided", period=("2022-02-24", "2024-04-30"),
                   cumulative=True)  # fmt: skip
    assert [a.figure.id for a in delivered.promised_done([BE], [], [since], None).apart] == [5]
    late = figure(6, 1, measure="provided", period=("2024-12-31", "2025-03-01"))
    later = figure(7, 1, measure="provided", period=("2025-01-01", "2026-03-01"))
    early = figure(8, 1, measure="provided", period=("2023-01-01", "2024-03-01"))
    report = delivered.promised_done(
        [BE], [pledge(1, 977)], [later, late, early], "2026-01-01", year=2024
    )
    assert [a.figure.id for a in report.apart] == [6, 8]


def test_the_flat_rows_name_each_figure_and_dispute():
    two = [figure(1, 600), figure(2, 500)]
    rows = list(delivered.flat_rows(delivered.promised_done([BE], [pledge(1, 1000)], two, None)))
    assert rows[0]["figures"] == "1 2"
    donor = figure(3, 10, measure="provided", period=("2022-01-01", "2023-12-31"))
    tracker = figure(None, 20, measure="provided", period=("2022-01-01", "2023-12-31"),
                     reporter="tracker")  # fmt: skip
    report = delivered.promised_done([BE], [], [donor, tracker], None)
    flat = list(delivered.flat_rows(report))
    assert [(r["disputed"], r["figures"]) for r in flat] == [(True, "3"), (True, "")]
    assert [a.disputed_by for a in report.apart] == [("tracker",), ("donor",)]
