"""What users and files may give: each value parsed and checked here, the same way on
every route (``add``, ``update``, the pledge and milestone commands, a data file)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from agreements_cli import countries, money
from agreements_cli.errors import BadInput, Fix
from agreements_cli.records import (
    DEFAULT_KIND,
    EARLIEST_YEAR,
    EXACT,
    INSTRUMENTS,
    KINDS,
    LATEST_YEAR,
    QUALIFIERS,
    SORTS,
    STATUSES,
    TIES,
    Milestone,
    Party,
    Pledge,
)
from agreements_cli.safety import has_hidden

if TYPE_CHECKING:
    from agreements_cli import countries


MAX_PLACE = 200
MAX_NOTE = 2000
MAX_SOURCE = 2000


def parse_status(text: str) -> str:
    status = text.strip().lower()
    if status not in STATUSES:
        raise BadInput(f"unknown status {text!r}. Use one of: {', '.join(STATUSES)}")
    return status


def parse_sort(text: str) -> str:
    """An order of `list` (see ``records.SORTS``), in any case."""
    sort = text.strip().lower()
    if sort not in SORTS:
        raise BadInput(f"unknown sort {text!r}. Use one of: {', '.join(SORTS)}")
    return sort


def latest_day(today: date) -> date:
    """The latest date anywhere on Earth while it is ``today`` here: a date is in the future
    only after it (a signing entered today in UTC+14 is not in the future for an update
    made in UTC-12). It is the date in UTC+14, as far ahead of the local date now as it is
    of ``today`` (a clock a test gives keeps the same distance)."""

    return today + _ahead(int(time.time() // 60))


@lru_cache(maxsize=1)
def _ahead(minute: int) -> timedelta:
    """How far the date in UTC+14 is ahead of the local date, worked out once a minute (an
    import asks for it twice a row; it changes only at a midnight)."""
    return (datetime.now(UTC) + timedelta(hours=14)).date() - date.today()


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def _written_otherwise(raw: str) -> str:
    """What a date written another way is missing, and how to write it: 12/01/2024 may be
    12 January or 1 December (a spreadsheet of one country or of another)."""
    example = "Write it as YYYY-MM-DD, e.g. 2024-07-18"
    numbers = re.fullmatch(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})", raw)
    if numbers is None:
        year_first = re.fullmatch(r"([0-9]{4})[./-]([0-9]{1,2})[./-]([0-9]{1,2})", raw)
        if year_first is None:
            return f"is not a date. {example}"
        year, month, day = (int(n) for n in year_first.groups())
        return f"is not written as YYYY-MM-DD. Write it as {year:04d}-{month:02d}-{day:02d}"
    first, second, year = (int(n) for n in numbers.groups())
    readings = []  # (day, month) it can be
    if 1 <= second <= 12 and 1 <= first <= 31:
        readings.append((first, second))
    if 1 <= first <= 12 and 1 <= second <= 31 and first != second:
        readings.append((second, first))
    if not readings:
        return f"is not a date. {example}"
    if len(readings) == 1:
        day, month = readings[0]
        order = "day/month/year" if (day, month) == (first, second) else "month/day/year"
        if first == second:
            order = f"{day} {_MONTHS[month - 1]} {year}"
        return f"is {order}. Write it as YYYY-MM-DD: {year:04d}-{month:02d}-{day:02d}"
    (day_a, month_a), (day_b, month_b) = readings
    return (
        f"does not say which number is the day and which the month ({day_a} "
        f"{_MONTHS[month_a - 1]} or {day_b} {_MONTHS[month_b - 1]} {year}). Write it as "
        f"YYYY-MM-DD: {year:04d}-{month_a:02d}-{day_a:02d} or {year:04d}-{month_b:02d}-{day_b:02d}"
    )


def check_year(year: int | None) -> None:
    """A year asked for (``--year``) is one an agreement of Ukraine can cover; None: any."""
    if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise BadInput(f"year {year} is outside {EARLIEST_YEAR}-{LATEST_YEAR}. Check the year")


def parse_date(text: str, field: str, not_after: date | None = None) -> date:
    """A YYYY-MM-DD date; with ``not_after`` (today), one that has already come somewhere
    on Earth (see ``latest_day``)."""
    raw = text.strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        raise BadInput(f"{field} {text!r} {_written_otherwise(raw)}")
    try:
        parsed = date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"{field} {text!r} is not a real date. Check the day and month") from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise BadInput(f"{field} {text!r} is outside {EARLIEST_YEAR}-{LATEST_YEAR}. Check the year")
    if not_after is not None and parsed > latest_day(not_after):
        if field == "usd_rate_date":  # a rate of the future: no plan to record instead
            raise BadInput(
                f"{field} {raw} is after today ({not_after.isoformat()}): no rate of "
                "the future is known. Give the announcement date or an earlier day"
            )
        raise BadInput(
            f"{field} {raw} is after today ({not_after.isoformat()}): only what has happened can "
            "be recorded",
            Fix.PLANNED_AS_MILESTONE,
            day=raw,
            today=not_after.isoformat(),
        )
    return parsed


def _plain_text(text: str, field: str, limit: int) -> str:
    value = text.strip()
    if len(value) > limit:
        raise BadInput(f"{field} is {len(value)} characters long; the limit is {limit}. Shorten it")
    if has_hidden(value, keep="\n\t"):
        raise BadInput(f"{field} contains control characters. Use plain text")
    return value


def check_place(text: str) -> str:
    return _plain_text(text, "place", MAX_PLACE)


def check_note(text: str) -> str:
    return _plain_text(text, "note", MAX_NOTE)


def check_source(text: str) -> str:
    value = _plain_text(text, "source", MAX_SOURCE)
    if not is_web_address(value):
        raise BadInput(f"source {text!r} is not a web address. Give an http:// or https:// URL")
    return value


def is_web_address(text: str) -> bool:
    """Whether ``text`` is a source as agreements writes one: an http:// or https:// URL
    (in any case) with a host name, no space and no control character."""
    return bool(re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", text.lower())) and not (
        has_hidden(text)
    )


_HOW_PERIOD = "Write 2024, 2024-2026, or the months of a financial year: 2024-04..2025-03"


def check_period(text: str) -> str:
    """The years a pledge covers: '2024' or '2024-2026', or the months of a period that is
    not whole calendar years (a financial year): '2024-04..2025-03'."""
    value = text.strip().replace("–", "-")
    months = re.fullmatch(r"([0-9]{4})-([0-9]{2})\.\.([0-9]{4})-([0-9]{2})", value)
    match = months or re.fullmatch(r"([0-9]{4})(?:-([0-9]{4}))?", value)  # ASCII digits
    if not match:
        raise BadInput(f"period {text!r} is not a year or a range. {_HOW_PERIOD}")
    first = int(match[1])
    last = int(match[3] if months else match[2] or first)
    first_month, last_month = (int(match[2]), int(match[4])) if months else (1, 12)
    if not (1 <= first_month <= 12 and 1 <= last_month <= 12):
        raise BadInput(f"period {text!r} has a month that is not 01-12. {_HOW_PERIOD}")
    if (first, first_month) > (last, last_month):
        raise BadInput(f"period {text!r} is not a range in order. {_HOW_PERIOD}")
    if not (first >= EARLIEST_YEAR and last <= LATEST_YEAR):
        raise BadInput(
            f"period {text!r} is outside the years {EARLIEST_YEAR}-{LATEST_YEAR} an agreement of "
            f"Ukraine can cover. {_HOW_PERIOD}"
        )
    if (first_month, last_month) == (1, 12):  # whole calendar years, however written
        return str(first) if first == last else f"{first}-{last}"
    return f"{first}-{first_month:02d}..{last}-{last_month:02d}"


class Draft:
    """A party as given by a user or a file: raw text, not yet checked. (A plain class: an
    update changes its fields one by one, and a dataclass costs the start-up a
    millisecond.)"""

    FIELDS = ("country", "status", "signed_on", "place", "amount", "currency", "period",
              "source", "note", "counted", "count_reason", "count_source")  # fmt: skip
    __slots__ = FIELDS

    def __init__(
        self,
        country: str,
        status: str,
        signed_on: str | None = None,
        place: str | None = None,
        amount: str | None = None,
        currency: str | None = None,
        period: str | None = None,
        source: str | None = None,
        note: str | None = None,
        counted: bool = True,
        count_reason: str | None = None,
        count_source: str | None = None,
    ):
        self.country, self.status, self.signed_on, self.place = country, status, signed_on, place
        self.amount, self.currency, self.period = amount, currency, period
        self.source, self.note, self.counted = source, note, counted
        self.count_reason, self.count_source = count_reason, count_source

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Draft) and all(
            getattr(self, f) == getattr(other, f) for f in self.FIELDS
        )

    def __repr__(self) -> str:
        return "Draft(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.FIELDS) + ")"


# Fields `update --clear` can empty; clearing the amount clears the whole pledge.
CLEARABLE = ("signed_on", "place", "amount", "period", "source", "note", "count_source")


def parse_cleared(names: Iterable[str]) -> frozenset[str]:
    """The fields an update is to empty, each one that can be emptied (``CLEARABLE``), in
    any case, with - for _."""
    cleared = set()
    for name in names:
        found = name.strip().lower().replace("-", "_")
        if found not in CLEARABLE:
            raise BadInput(f"{name!r} is not a field that can be emptied", Fix.CLEARABLE)
        cleared.add(found)
    return frozenset(cleared)


MAX_REASON = 1000


def build_record(
    draft: Draft, today: date, party: countries.Country | None = None, stored: Party | None = None
) -> Party:
    """Check every field of ``draft`` and return the party's row to store. Its pledge, if
    the draft has one, is built apart by ``draft_pledge``. A signing date the ``stored``
    row already has is not judged again (a change never re-judges what it leaves as it is)."""

    who = party or countries.resolve(draft.country)
    status = parse_status(draft.status)
    kept = stored is not None and draft.signed_on == stored.signed_on
    signed_on = (
        parse_date(draft.signed_on, "signing date", None if kept else today)
        if draft.signed_on
        else None
    )
    if signed_on and status != "signed":
        raise BadInput(
            f"a signing date was given but the status is {status}", Fix.SIGNED_OR_NO_DATE
        )
    if draft.amount is None and (draft.currency or draft.period):
        raise BadInput("a currency or period was given without an amount", Fix.GIVE_AMOUNT)
    return Party(
        code=who.code,
        country=who.name,
        kind=who.kind,
        status=status,
        **_count_fields(draft),
        signed_on=signed_on.isoformat() if signed_on else None,
        place=check_place(draft.place) or None if draft.place else None,
        source=check_source(draft.source) if draft.source else None,
        note=check_note(draft.note) or None if draft.note else None,
    )


def draft_pledge(
    draft: Draft,
    record: Party,
    today: date,
    announced_on: str,
    previous: Pledge | None = None,
    convert_on: date | None = None,
    per_year: bool | None = None,
) -> Pledge | None:
    """The pledge that ``add``/``update --amount`` or a data file's record-level amount
    stands for: the amount for the whole of its period (this year's when none is given),
    announced on ``announced_on``. It replaces ``previous`` (keeping its id, whether it is
    per year, its kind, qualifier, announcement date, source and note, and its USD value
    when amount and currency are unchanged)."""
    if draft.amount is None:
        return None
    years = draft.period or (record.signed_on or announced_on)[:4]
    kept = previous
    # A pledge of one year is the year's amount by its nature, not because it was said to be
    # per year: given more years, the amount is for the whole of them, as `add` takes it,
    # unless ``per_year`` says otherwise (`update --per-year`).
    if per_year is None:
        per_year = kept is not None and kept.per_year and kept.first_year != kept.last_year
    pledge = build_pledge(
        record.code,
        draft.amount,
        "USD" if draft.currency is None else draft.currency,
        years,
        today,
        per_year=bool(per_year),
        kind=kept.kind if kept else DEFAULT_KIND,
        qualifier=kept.qualifier if kept else EXACT,
        announced_on=kept.announced_on if kept else announced_on,
        source=(kept.source if kept else None) or record.source,
        note=kept.note if kept else None,
        convert_on=convert_on,
        previous=previous,
        instrument=kept.instrument if kept else None,
        tie=kept.tie if kept else None,
        replaces=kept.replaces if kept else None,
    )
    return pledge.but(id=kept.id if kept else None)


def _count_fields(draft: Draft) -> dict:
    """Whether the party is in Ukraine's official count; when it is not, the reason is
    required, and the page that gives it may follow."""
    reason = (
        _plain_text(draft.count_reason, "count reason", MAX_REASON) if draft.count_reason else None
    )
    if draft.counted:
        if reason or draft.count_source:
            raise BadInput(
                "a reason for leaving the party out of the official count was given, but it is "
                "counted",
                Fix.NOT_COUNTED_OR_NO_REASON,
            )
        return {"counted": True, "count_reason": None, "count_source": None}
    if not reason:
        raise BadInput("a party outside the official count needs the reason", Fix.GIVE_COUNT_REASON)
    source = check_source(draft.count_source) if draft.count_source else None
    return {"counted": False, "count_reason": reason, "count_source": source}


def draft_from_row(row: Party, pledge: Pledge | None = None) -> Draft:
    """The stored row, and its one pledge if any, as a draft for an update to change."""
    return Draft(
        country=row.country,
        status=row.status,
        amount=pledge.amount if pledge else None,
        currency=pledge.currency if pledge else None,
        period=pledge.period if pledge else None,
        signed_on=row.signed_on,
        place=row.place,
        source=row.source,
        note=row.note,
        counted=row.counted,
        count_reason=row.count_reason,
        count_source=row.count_source,
    )


def effective_date(record: Party, today: date) -> str:
    """The date a write takes effect: the signing date for a signature, else the day it is entered."""
    return record.signed_on or today.isoformat()


# ------------------------------------------------------------------- pledges


def build_pledge(
    code: str,
    amount: str,
    currency: str,
    years: str,
    today: date,
    *,
    per_year: bool,
    kind: str,
    qualifier: str,
    announced_on: str,
    source: str | None = None,
    note: str | None = None,
    convert_on: date | None = None,
    previous: Pledge | None = None,
    instrument: str | None = None,
    tie: str | None = None,
    replaces: int | None = None,
) -> Pledge:
    """A pledge as stated: the amount and currency, the years (or months) it covers,
    whether the amount is per year or for all of them, its kind, how it is given
    (instrument) and tied, its qualifier, the day it was announced, and the pledge it
    replaces.

    Its USD and EUR values are computed here, once, at the ECB rates of ``convert_on`` (a
    data file names the day it was converted at) or of the announcement date. A
    ``previous`` version with the same amount, currency and date keeps the values it was
    given.
    """

    currency = money.check_currency(currency)
    stated = money.amount_text(money.parse_amount(amount, currency))
    first, last, first_month, last_month = span_of(check_period(years))
    months = (last * 12 + last_month) - (first * 12 + first_month) + 1
    if per_year and months % 12:
        raise BadInput(
            f"a pledge per year covers whole years of twelve months; {years!r} is {months} "
            "months. Give the amount for all of them"
        )
    kind_word = kind.strip().lower()
    if kind_word == "loan":
        raise BadInput("a loan is how a pledge is given, not what it is for", Fix.LOAN_INSTRUMENT)
    if kind_word not in KINDS:
        raise BadInput(f"unknown kind {kind!r}. Use one of: {', '.join(KINDS)}")
    instrument = one_word(instrument, "instrument", INSTRUMENTS)
    tie = one_word(tie, "tie", TIES)
    if qualifier not in QUALIFIERS:
        raise BadInput(f"unknown qualifier {qualifier!r}. Use one of: {', '.join(QUALIFIERS)}")
    announced = parse_date(announced_on, "announcement date", today)
    stated_on = announced.isoformat()
    source = check_source(source) if source else None
    note = check_note(note) or None if note else None
    same = previous is not None and (previous.amount, previous.currency, previous.announced_on) == (
        stated,
        currency,
        stated_on,
    )
    if same and not convert_on and previous is not None and previous.value_eur is not None:
        value_usd, usd_rate, usd_rate_date = (
            previous.value_usd, previous.usd_rate, previous.usd_rate_date
        )  # fmt: skip
        value_eur, eur_rate, eur_rate_date = (
            previous.value_eur, previous.eur_rate, previous.eur_rate_date
        )  # fmt: skip
    else:
        if convert_on and convert_on > announced:
            raise BadInput(
                f"usd_rate_date {convert_on.isoformat()} is after the announcement "
                f"({stated_on}). A pledge is valued at the ECB rate of the day it was announced "
                "or of an earlier day"
            )
        on = convert_on or announced
        conversion = money.to_usd(Decimal(stated), currency, on)
        value_usd = conversion.value_usd
        usd_rate, usd_rate_date = str(conversion.rate), conversion.rate_date.isoformat()
        in_eur = money.to_eur(Decimal(stated), currency, on)
        value_eur = in_eur.value_usd
        eur_rate, eur_rate_date = str(in_eur.rate), in_eur.rate_date.isoformat()
    return Pledge(
        id=None,
        code=code,
        amount=stated,
        currency=currency,
        first_year=first,
        last_year=last,
        per_year=per_year or first == last,
        kind=kind_word,
        qualifier=qualifier,
        announced_on=stated_on,
        source=source,
        note=note,
        value_usd=value_usd,
        usd_rate=usd_rate,
        usd_rate_date=usd_rate_date,
        instrument=instrument,
        tie=tie,
        replaces=replaces,
        first_month=first_month,
        last_month=last_month,
        value_eur=value_eur,
        eur_rate=eur_rate,
        eur_rate_date=eur_rate_date,
    )


def one_word(value: str | None, field: str, allowed: tuple[str, ...]) -> str | None:
    """One of ``allowed`` (any case), or None for not stated."""
    if value is None or not value.strip():
        return None
    word = value.strip().lower()
    if word not in allowed:
        raise BadInput(f"unknown {field} {value!r}. Use one of: {', '.join(allowed)}")
    return word


# ---------------------------------------------------------------- milestones

# The steps an agreement goes through, offered by completion; any other text is accepted.
STEPS = (
    "talks opened", "text approved", "signing scheduled", "signing postponed",
    "signing called off", "signed", "ratified by Ukraine", "ratified by the partner", "in force",
)  # fmt: skip
MAX_STEP = 200


def build_milestone(
    code: str,
    step: str,
    happened_on: str,
    today: date,
    source: str | None,
    note: str | None = None,
    document: str | None = None,
) -> Milestone:
    """A dated, sourced step of a party's agreement (or of a related ``document``)."""
    text = _plain_text(step, "milestone", MAX_STEP)
    if not text or "\n" in text:
        raise BadInput('a milestone is one line that says what happened, e.g. "signing called off"')
    if not source:
        raise BadInput("a milestone needs the page that reports it", Fix.GIVE_SOURCE)
    return Milestone(
        id=None,
        code=code,
        happened_on=parse_date(happened_on, "milestone date", today).isoformat(),
        step=text,
        document=_plain_text(document, "document", MAX_PLACE) or None if document else None,
        source=check_source(source),
        note=check_note(note) or None if note else None,
    )


def years_of(period: str) -> tuple[int, int]:
    """(first, last) year of '2024', '2024-2026' or '2024-04..2025-03' (already checked)."""
    first, last, _, _ = span_of(period)
    return first, last


def span_of(period: str) -> tuple[int, int, int, int]:
    """(first year, last year, first month, last month) of a checked period."""
    if ".." in period:
        start, end = period.split("..")
        return int(start[:4]), int(end[:4]), int(start[5:]), int(end[5:])
    first, _, last = period.partition("-")
    return int(first), int(last or first), 1, 12
