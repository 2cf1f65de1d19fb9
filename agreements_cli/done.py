"""What a figure of what was done may be: each value parsed and checked here, the same
way on every route (``delivery add``, a data file, a Kiel release)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from agreements_cli import money
from agreements_cli.deliveries import (
    CHANNELS,
    DELIVERY_QUALIFIERS,
    MEASURES,
    REPORTERS,
    Delivery,
)
from agreements_cli.errors import BadInput
from agreements_cli.records import EARLIEST_YEAR, EXACT, INSTRUMENTS, KINDS, LATEST_YEAR
from agreements_cli.rules import check_note, check_source, one_word, parse_date

_HOW_DAYS = (
    "Write its first and last day, month or year: 2024-11..2024-12, 2022-02-24..2024-09-20 or 2023"
)


def check_days(text: str) -> tuple[str, str]:
    """The first and last day of the period a figure covers, from 'FROM..TO' (each a day
    YYYY-MM-DD, a month YYYY-MM or a year YYYY) or one of them alone ('2023': the whole
    year; '2024-11': the month)."""
    value = text.strip()
    start, dots, end = value.partition("..")
    if not dots:
        end = start
    days = []
    for part, last in ((start.strip(), False), (end.strip(), True)):
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", part)
        if not match:
            raise BadInput(f"period {text!r} is not a span of days. {_HOW_DAYS}")
        year, month, day = int(match[1]), match[2], match[3]
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise BadInput(
                f"period {text!r} is outside {EARLIEST_YEAR}-{LATEST_YEAR}. Check the year"
            )
        try:
            if month is None:
                found = date(year, 12, 31) if last else date(year, 1, 1)
            elif day is None:
                first = date(year, int(month), 1)
                following = date(year + (first.month == 12), first.month % 12 + 1, 1)
                found = following - timedelta(days=1) if last else first
            else:
                found = date(year, int(month), int(day))
        except ValueError:
            raise BadInput(f"period {text!r} is not a real date. {_HOW_DAYS}") from None
        days.append(found)
    if days[0] > days[1]:
        raise BadInput(f"period {text!r} is not a span in order. {_HOW_DAYS}")
    return days[0].isoformat(), days[1].isoformat()


def build_delivery(
    code: str,
    amount: str,
    currency: str,
    *,
    measure: str,
    period: str,
    stated_on: str,
    reporter: str,
    today: date,
    cumulative: bool = False,
    channel: str | None = None,
    qualifier: str = EXACT,
    kind: str | None = None,
    instrument: str | None = None,
    pledge: int | None = None,
    source: str | None = None,
    note: str | None = None,
) -> Delivery:
    """A figure of what was done, as stated: amount and currency, what it measures, the
    period it covers (``cumulative``: a running total over it), the day it was stated,
    who reports it and the channel. Its USD and EUR values are computed here, once, at the
    ECB rates of the day it was stated."""

    currency = money.check_currency(currency)
    stated = money.amount_text(money.parse_amount(amount, currency))
    measure_word = one_word(measure, "measure", MEASURES)
    reporter_word = one_word(reporter, "reporter", REPORTERS)
    if measure_word is None:
        raise BadInput(f"give what the figure measures: one of {', '.join(MEASURES)}")
    if reporter_word is None:
        raise BadInput(f"give who reports the figure: one of {', '.join(REPORTERS)}")
    if measure_word == "received" and reporter_word != "recipient":
        raise BadInput(
            "a figure received is the recipient's count, so its reporter is the recipient; "
            "a donor's or a tracker's figure is allocated, disbursed, delivered, ..."
        )
    channel_word = one_word(channel, "channel", CHANNELS) or "bilateral"
    if qualifier not in DELIVERY_QUALIFIERS:
        raise BadInput(
            f"unknown qualifier {qualifier!r}. Use one of: {', '.join(DELIVERY_QUALIFIERS)}"
        )
    kind_word = one_word(kind, "kind", KINDS)
    instrument_word = one_word(instrument, "instrument", INSTRUMENTS)
    first, last = check_days(period)
    said = parse_date(stated_on, "the day it was stated", today)
    if last > said.isoformat():
        raise BadInput(
            f"the period ends on {last}, after the figure was stated ({said.isoformat()}): a "
            "figure of what was done covers days that had come. Record a plan as a pledge"
        )
    conversion = money.to_usd(Decimal(stated), currency, said)
    in_eur = money.to_eur(Decimal(stated), currency, said)
    return Delivery(
        id=None,
        code=code,
        measure=measure_word,
        amount=stated,
        currency=currency,
        period_from=first,
        period_to=last,
        cumulative=cumulative,
        stated_on=said.isoformat(),
        reporter=reporter_word,
        channel=channel_word,
        value_usd=conversion.value_usd,
        usd_rate=str(conversion.rate),
        usd_rate_date=conversion.rate_date.isoformat(),
        value_eur=in_eur.value_usd,
        eur_rate=str(in_eur.rate),
        eur_rate_date=in_eur.rate_date.isoformat(),
        qualifier=qualifier,
        kind=kind_word,
        instrument=instrument_word,
        pledge=pledge,
        source=check_source(source) if source else None,
        note=check_note(note) or None if note else None,
    )
