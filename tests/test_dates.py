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
        "Write 2024 or 2024-2026"
    )
