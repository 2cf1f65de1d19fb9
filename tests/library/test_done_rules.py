"""What a figure of what was done may be (``done``): its period from the words people use,
and each refusal's words. Every expected value is written out here."""

from datetime import date

import pytest

from agreements_cli.done import build_delivery, check_days
from agreements_cli.errors import BadInput

TODAY = date(2026, 12, 8)


@pytest.mark.parametrize(
    "text, days",
    [
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023-12", ("2023-12-01", "2023-12-31")),
        ("2024-11..2024-12", ("2024-11-01", "2024-12-31")),
        ("2022-02-24..2024-09-20", ("2022-02-24", "2024-09-20")),
        (" 2022..2023-06 ", ("2022-01-01", "2023-06-30")),
        ("1991", ("1991-01-01", "1991-12-31")),
        ("2100", ("2100-01-01", "2100-12-31")),
    ],
)
def test_a_period_is_its_first_and_last_day(text, days):
    assert check_days(text) == days


HOW = (
    "Write its first and last day, month or year: 2024-11..2024-12, 2022-02-24..2024-09-20 or 2023"
)


@pytest.mark.parametrize(
    "text, message",
    [
        ("last year", f"period 'last year' is not a span of days. {HOW}"),
        ("1990", "period '1990' is outside 1991-2100. Check the year"),
        ("2101", "period '2101' is outside 1991-2100. Check the year"),
        ("2024-02-30", f"period '2024-02-30' is not a real date. {HOW}"),
        ("2024-05..2024-02", f"period '2024-05..2024-02' is not a span in order. {HOW}"),
    ],
)
def test_a_period_that_is_none_is_refused_with_how_to_write_it(text, message):
    with pytest.raises(BadInput) as refused:
        check_days(text)
    assert refused.value.reason == message


def built(**given):
    values = dict(measure="allocated", period="2024", stated_on="2025-01-15", reporter="donor",
                  today=TODAY)  # fmt: skip
    return build_delivery("DE", "1bn", "EUR", **{**values, **given})


def test_a_figure_as_stated_with_its_values():
    figure = built(kind="Military", instrument="LOAN", qualifier="about", note=" n ",
                   source="https://example.org/a")  # fmt: skip
    assert (figure.amount, figure.period_from, figure.period_to, figure.kind,
            figure.instrument, figure.channel, figure.note) == (
        "1000000000", "2024-01-01", "2024-12-31", "military", "loan", "bilateral", "n"
    )  # fmt: skip
    assert (figure.value_eur, figure.eur_rate, figure.eur_rate_date) == (
        1_000_000_000, "1", "2025-01-15"
    )  # fmt: skip


@pytest.mark.parametrize(
    "given, message",
    [
        ({"measure": " "}, "give what the figure measures: one of allocated, contracted, "
                           "disbursed, delivered, provided, received"),
        ({"reporter": ""}, "give who reports the figure: one of donor, recipient, tracker"),
        ({"qualifier": "roughly"}, "unknown qualifier 'roughly'. Use one of: exact, about, at "
                                   "least, up to"),
        ({"kind": "weapons"}, "unknown kind 'weapons'. Use one of: military, financial, "
                              "humanitarian, mixed, unspecified"),
        ({"instrument": "gift"}, "unknown instrument 'gift'. Use one of: grant, loan, guarantee"),
        ({"stated_on": "2027-01-01"}, "the day it was stated 2027-01-01 is after today "
                                      "(2026-12-08): only what has happened can be recorded"),
        ({"stated_on": "15.01.2025"}, "the day it was stated '15.01.2025'"),
        ({"period": "2025"}, "the period ends on 2025-12-31, after the figure was stated "
                             "(2025-01-15): a figure of what was done covers days that had "
                             "come. Record a plan as a pledge"),
    ],
)  # fmt: skip
def test_each_refusal_says_what_to_give(given, message):
    with pytest.raises(BadInput) as refused:
        built(**given)
    assert refused.value.reason.startswith(message)


def test_an_amount_is_read_in_its_currency():
    with pytest.raises(BadInput) as refused:
        build_delivery("JP", "1.5", "JPY", measure="received", period="2024",
                       stated_on="2025-01-15", reporter="recipient", today=TODAY)  # fmt: skip
    assert "JPY" in refused.value.reason
