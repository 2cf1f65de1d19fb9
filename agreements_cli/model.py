"""What a tracked party is, and the one validation layer every write goes through.

``add``, the seed and (later) ``update`` and ``import`` all turn raw text into a
record here, so the same input is accepted or refused the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from agreements_cli.errors import BadInput

if TYPE_CHECKING:
    from agreements_cli.countries import Party

STATUSES = ("signed", "negotiating", "planned")

# Column order of a party everywhere it is shown or exported.
FIELDS = (
    "code",
    "country",
    "kind",
    "status",
    "signed_on",
    "place",
    "amount",
    "currency",
    "period",
    "value_usd",
    "usd_rate",
    "usd_rate_date",
    "source",
    "note",
)

EARLIEST_YEAR = 1991  # Ukraine's independence; no agreement of Ukraine is older.
LATEST_YEAR = 2100
MAX_PLACE = 200
MAX_NOTE = 2000
MAX_SOURCE = 2000


def visible(text: str) -> str:
    """Control and format characters (ESC, DEL, C1, right-to-left overrides, ...) as
    visible escapes such as '\\x1b' or '\\u202e', so that text a database was given
    behind the tool's back cannot move the cursor, recolour or reorder a terminal.
    Line breaks and tabs stay."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp"):
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def parse_status(text: str) -> str:
    status = text.strip().lower()
    if status not in STATUSES:
        raise BadInput(f"unknown status {text!r}. Use one of: {', '.join(STATUSES)}")
    return status


def parse_date(text: str, field: str = "date") -> date:
    raw = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise BadInput(f"{field} {text!r} is not a date. Write it as YYYY-MM-DD, e.g. 2024-07-18")
    try:
        parsed = date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"{field} {text!r} is not a real date. Check the day and month") from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise BadInput(f"{field} {text!r} is outside {EARLIEST_YEAR}-{LATEST_YEAR}. Check the year")
    return parsed


def _plain_text(text: str, field: str, limit: int) -> str:
    value = text.strip()
    if len(value) > limit:
        raise BadInput(f"{field} is {len(value)} characters long; the limit is {limit}. Shorten it")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value if ch not in "\n\t"):
        raise BadInput(f"{field} contains control characters. Use plain text")
    return value


def check_place(text: str) -> str:
    return _plain_text(text, "place", MAX_PLACE)


def check_note(text: str) -> str:
    return _plain_text(text, "note", MAX_NOTE)


def check_source(text: str) -> str:
    value = _plain_text(text, "source", MAX_SOURCE)
    if not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", value, flags=re.IGNORECASE):
        raise BadInput(f"source {text!r} is not a web address. Give an http:// or https:// URL")
    return value


def check_period(text: str) -> str:
    """The years a pledge covers: '2024' or '2024-2026'."""
    value = text.strip().replace("–", "-")
    match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", value)
    if not match:
        raise BadInput(f"period {text!r} is not a year or a range. Write 2024 or 2024-2026")
    first = int(match[1])
    last = int(match[2] or first)
    if not (EARLIEST_YEAR <= first <= last <= LATEST_YEAR):
        raise BadInput(f"period {text!r} is not a range of years in order. Write 2024 or 2024-2026")
    return value


@dataclass
class Draft:
    """A party as given by a user or a file: raw text, not yet checked."""

    country: str
    status: str
    signed_on: str | None = None
    place: str | None = None
    amount: str | None = None
    currency: str | None = None
    period: str | None = None
    source: str | None = None
    note: str | None = None


# Fields `update --clear` can empty; clearing the amount clears the whole pledge.
CLEARABLE = ("signed_on", "place", "amount", "period", "source", "note")


def build_record(
    draft: Draft,
    today: date,
    party: Party | None = None,
    previous: dict | None = None,
    convert_on: date | None = None,
) -> dict:
    """Check every field of ``draft`` and return the row to store, with its USD value.

    The pledge is converted at the rate of ``convert_on`` when given (an imported file
    names the rate date it was converted at), else of the signing date, else of today.
    With ``previous`` (an update), an unchanged pledge keeps the USD value computed when
    it was written: the rate of its day, not of the day of some later edit.
    """
    from decimal import Decimal

    from agreements_cli import countries, money

    party = party or countries.resolve(draft.country)
    status = parse_status(draft.status)
    signed_on = parse_date(draft.signed_on, "signing date") if draft.signed_on else None
    if signed_on and status != "signed":
        raise BadInput(
            f"a signing date was given but the status is {status}. "
            "Use --status signed, or leave the date out"
        )
    if draft.amount is None and (draft.currency or draft.period):
        raise BadInput("a currency or period was given without an amount. Add --amount")
    record: dict = {
        "code": party.code,
        "country": party.name,
        "kind": party.kind,
        "status": status,
        "signed_on": signed_on.isoformat() if signed_on else None,
        "place": check_place(draft.place) or None if draft.place else None,
        "amount": None,
        "currency": None,
        "period": check_period(draft.period) if draft.period else None,
        "value_usd": None,
        "usd_rate": None,
        "usd_rate_date": None,
        "source": check_source(draft.source) if draft.source else None,
        "note": check_note(draft.note) or None if draft.note else None,
    }
    if draft.amount is not None:
        currency = money.check_currency(draft.currency or "USD")
        amount = money.amount_text(money.parse_amount(draft.amount, currency))
        record.update(amount=amount, currency=currency)
        unchanged = previous is not None and all(
            previous[f] == record[f] for f in ("amount", "currency", "signed_on")
        )
        if unchanged and not convert_on and previous and previous["value_usd"] is not None:
            record.update({f: previous[f] for f in ("value_usd", "usd_rate", "usd_rate_date")})
        else:
            conversion = money.to_usd(Decimal(amount), currency, convert_on or signed_on or today)
            record.update(
                value_usd=conversion.value_usd,
                usd_rate=str(conversion.rate),
                usd_rate_date=conversion.rate_date.isoformat(),
            )
    return record


def draft_from_row(row: dict) -> Draft:
    """The stored row as a draft, for an update to change some fields of."""
    return Draft(
        country=row["country"],
        status=row["status"],
        **{
            f: row[f]
            for f in ("signed_on", "place", "amount", "currency", "period", "source", "note")
        },
    )


def changed_fields(before: dict | None, after: dict | None) -> list[str]:
    """The fields that differ between two versions of a row, in display order."""
    before, after = before or {}, after or {}
    return [f for f in FIELDS if before.get(f) != after.get(f)]


def effective_date(record: dict, today: date) -> str:
    """The date a write takes effect: the signing date for a signature, else the day it is entered."""
    return record["signed_on"] or today.isoformat()


def progress_summary(counts: dict, settings: dict[str, str], goal: int | None, as_of: date) -> dict:
    """Where things stand against the goal; ``counts`` is ``Store.counts()``."""
    goal = goal or int(settings.get("goal", 32))
    signed = counts["signed"]
    tracked = sum(c.count for c in counts.values())
    reported = settings.get("reported_value_usd")
    return {
        "goal": goal,
        "signed": signed.count,
        "negotiating": counts["negotiating"].count,
        "planned": counts["planned"].count,
        "untracked": max(goal - tracked, 0),
        "percent_signed": round(100 * signed.count / goal, 1),
        "value_usd": signed.value_usd,
        "signed_with_value": signed.count - signed.without_value,
        "signed_without_value": signed.without_value,
        "reported_value_usd": int(reported) if reported else None,
        "reported_value_as_of": settings.get("reported_value_as_of") or None,
        "reported_value_source": settings.get("reported_value_source") or None,
        "goal_basis": settings.get("goal_basis") or None,
        "as_of": as_of.isoformat(),
    }


HISTORY_FIELDS = ("id", "recorded_at", "effective_on", "code", "country", "action", "changes")


def describe_event(event: dict) -> dict:
    """One change-log event as shown by `history`: which fields went from what to what."""
    before, after = event["before"], event["after"]
    shown = after or before or {}
    return {
        "id": event["id"],
        "recorded_at": event["recorded_at"],
        "effective_on": event["effective_on"],
        "code": event["code"],
        "country": shown.get("country", event["code"]),
        "action": event["action"],
        "changes": {
            field: [(before or {}).get(field), (after or {}).get(field)]
            for field in changed_fields(before, after)
        },
    }


def changes_text(changes: dict) -> str:
    """A change in a line: 'status negotiating -> signed; signed_on (none) -> 2024-07-18'.

    A party's first row reads 'status signed; signed_on 2024-02-16; amount ...', a removal
    'removed (was signed)'. The rate fields are left to the JSON, where every field is.
    """

    def shown(value: object) -> str:
        return "(none)" if value is None else str(value)

    code_before, code_after = changes.get("code", ("same", "same"))
    if code_before is None:  # the party's first row
        summary = ("status", "signed_on", "amount", "currency")
        return "; ".join(f"{f} {changes[f][1]}" for f in summary if changes.get(f, [0, None])[1])
    if code_after is None:  # the party was removed
        return f"removed (was {shown(changes['status'][0])})"
    hidden = ("code", "country", "kind", "usd_rate", "usd_rate_date")
    return "; ".join(
        f"{f} {shown(old)} -> {shown(new)}" for f, (old, new) in changes.items() if f not in hidden
    )


def timeline(signings: list[tuple[str, str]], goal: int) -> list[dict]:
    """Signings per month, every month from the first to the last, with the running total."""
    by_month: dict[str, list[str]] = {}
    for signed_on, country in signings:
        by_month.setdefault(signed_on[:7], []).append(country)
    if not by_month:
        return []
    first, last = min(by_month), max(by_month)
    year, month = int(first[:4]), int(first[5:])
    series, total = [], 0
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        parties = by_month.get(key, [])
        total += len(parties)
        series.append(
            {"month": key, "signed": len(parties), "total": total, "goal": goal, "parties": parties}
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series
