"""What users and files may give (rules.py): dates, periods, a party's fields, a pledge, each
parsed and checked the same way on every route."""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements_cli.errors import BadInput
from agreements_cli.rules import check_period, parse_date


@given(st.text(max_size=30))
def test_parse_date_raises_only_its_own_error(text):
    try:
        parsed = parse_date(text, "date")
    except BadInput as error:
        assert "\n" not in str(error)
    else:  # what was taken is the date written, in ASCII YYYY-MM-DD
        assert 1991 <= parsed.year <= 2100
        assert parsed.isoformat() == text.strip()


@given(st.dates(min_value=date(1991, 1, 1), max_value=date(2100, 12, 31)))
def test_every_real_date_in_range_round_trips(day):
    assert parse_date(day.isoformat(), "date") == day


@given(st.text(max_size=20))
def test_check_period_raises_only_its_own_error(text):
    try:
        period = check_period(text)
    except BadInput as error:
        assert "\n" not in str(error)
    else:  # the years written, in ASCII, in order and in range
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{4}))?", period)
        assert match, period
        first, last = int(match[1]), int(match[2] or match[1])
        assert 1991 <= first <= last <= 2100
        assert period == text.strip().replace("–", "-")


@pytest.mark.parametrize("text", ["2024", "2024-2026", "2024–2026"])
def test_periods(text):
    assert check_period(text) in ("2024", "2024-2026")


@pytest.mark.parametrize("text", ["٢٠٢٤", "２０２４", "2024-２０２６"])
def test_a_period_in_digits_of_another_script_is_refused(text):
    with pytest.raises(BadInput, match="is not a year or a range"):
        check_period(text)


@pytest.mark.parametrize("text", ["1991", "2100", "1991-2100"])
def test_periods_at_the_ends_of_the_years_are_taken(text):
    assert check_period(text) == text


@pytest.mark.parametrize("text", ["1990", "2101", "1990-2024", "2024-2101"])
def test_periods_beyond_the_years_are_refused(text):
    with pytest.raises(BadInput) as raised:
        check_period(text)
    assert str(raised.value) == (
        f"period {text!r} is outside the years 1991-2100 an agreement of Ukraine can cover. "
        "Write 2024, 2024-2026, or the months of a financial year: 2024-04..2025-03"
    )


TODAY = date(2024, 7, 18)


def test_a_party_is_built_from_its_name_in_any_form_and_its_text_trimmed():
    from agreements_cli.rules import Draft, build_record

    built = build_record(Draft("czech republic", " Signed ", signed_on="2024-07-18",
                               place=" Woodstock ", note="  "), TODAY)  # fmt: skip
    assert built.as_dict() == {
        "code": "CZ", "country": "Czechia", "kind": "state", "status": "signed",
        "counted": True, "signed_on": "2024-07-18", "place": "Woodstock", "source": None,
        "note": None, "count_reason": None, "count_source": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("draft", "reason", "fix"),
    [
        ({"status": "negotiating", "signed_on": "2024-07-18"},
         "a signing date was given but the status is negotiating", "SIGNED_OR_NO_DATE"),
        ({"status": "planned", "currency": "EUR"},
         "a currency or period was given without an amount", "GIVE_AMOUNT"),
        ({"status": "signed", "signed_on": "2024-07-18", "count_reason": "r"},
         "a reason for leaving the party out of the official count was given, but it is counted",
         "NOT_COUNTED_OR_NO_REASON"),
        ({"status": "signed", "signed_on": "2024-07-18", "counted": False},
         "a party outside the official count needs the reason", "GIVE_COUNT_REASON"),
    ],
)  # fmt: skip
def test_a_party_that_contradicts_itself_is_refused_with_its_fix(draft, reason, fix):
    from agreements_cli.errors import Fix
    from agreements_cli.rules import Draft, build_record

    with pytest.raises(BadInput) as refused:
        build_record(Draft("Czechia", **draft), TODAY)
    assert (refused.value.reason, refused.value.fix) == (reason, Fix[fix])


def test_a_pledge_keeps_the_value_it_was_given_when_its_money_and_day_stay():
    from agreements_cli.rules import build_pledge

    first = build_pledge("DE", "7.1bn", "eur", "2024", TODAY, per_year=False, kind="Mixed",
                         qualifier="exact", announced_on="2024-02-16")  # fmt: skip
    # ECB rate of 2024-02-16: 1 EUR = 1.0768 USD; 7.1 bn x 1.0768 = 7,645,280,000.
    assert (first.amount, first.currency, first.kind, first.per_year) == (
        "7100000000", "EUR", "mixed", True  # one year: the year's amount by its nature
    )  # fmt: skip
    assert (first.value_usd, first.usd_rate, first.usd_rate_date) == (7_645_280_000, "1.0768",
                                                                       "2024-02-16")  # fmt: skip
    kept = first._replace(value_usd=1, usd_rate="9", usd_rate_date="2024-02-15")
    again = build_pledge("DE", "7100000000", "EUR", "2024", TODAY, per_year=False, kind="mixed",
                         qualifier="exact", announced_on="2024-02-16", previous=kept)  # fmt: skip
    assert (again.value_usd, again.usd_rate) == (1, "9")  # not converted again


def test_the_months_of_a_financial_year():
    from agreements_cli.rules import check_period, span_of

    assert check_period("2024-10..2025-09") == "2024-10..2025-09"
    assert span_of("2024-10..2025-09") == (2024, 2025, 10, 9)
    assert span_of("2024-04..2025-12") == (2024, 2025, 4, 12)
    assert check_period("2024-01..2025-12") == "2024-2025"  # whole calendar years
    assert check_period("2024-01..2024-12") == "2024"


def test_a_pledge_per_year_is_for_whole_years_of_months():
    from datetime import date

    from agreements_cli.rules import build_pledge

    def per_year(period):
        return build_pledge("GB", "1", "USD", period, date(2026, 1, 1), per_year=True,
                            kind="military", qualifier="exact", announced_on="2024-01-01")  # fmt: skip

    two = per_year("2024-07..2026-06")
    assert (two.first_month, two.last_month, two.per_year) == (7, 6, True)
    with pytest.raises(BadInput) as refused:
        per_year("2024-07..2026-07")
    assert refused.value.reason == (
        "a pledge per year covers whole years of twelve months; '2024-07..2026-07' is 25 "
        "months. Give the amount for all of them"
    )


@pytest.mark.parametrize(
    "written, said",
    [
        ("12/01/2024", "does not say which number is the day and which the month (12 January "
         "or 1 December 2024). Write it as YYYY-MM-DD: 2024-01-12 or 2024-12-01"),
        ("12.01.2024", "does not say which number is the day and which the month (12 January "
         "or 1 December 2024). Write it as YYYY-MM-DD: 2024-01-12 or 2024-12-01"),
        ("25/01/2024", "is day/month/year. Write it as YYYY-MM-DD: 2024-01-25"),
        ("1/25/2024", "is month/day/year. Write it as YYYY-MM-DD: 2024-01-25"),
        ("05/05/2024", "is 5 May 2024. Write it as YYYY-MM-DD: 2024-05-05"),
        ("2024/1/12", "is not written as YYYY-MM-DD. Write it as 2024-01-12"),
        ("2024-7-18", "is not written as YYYY-MM-DD. Write it as 2024-07-18"),
        ("31/31/2024", "is not a date. Write it as YYYY-MM-DD, e.g. 2024-07-18"),
        ("13/00/2024", "is not a date. Write it as YYYY-MM-DD, e.g. 2024-07-18"),
        ("soon", "is not a date. Write it as YYYY-MM-DD, e.g. 2024-07-18"),
    ],
)  # fmt: skip
def test_a_date_written_another_way_is_named_with_what_it_is_missing(written, said):
    with pytest.raises(BadInput) as refused:
        parse_date(written, "announcement date")
    assert refused.value.reason == f"announcement date {written!r} {said}"
