"""What a tracked party is, and the one validation layer every write goes through.

``add``, the seed and (later) ``update`` and ``import`` all turn raw text into a
record here, so the same input is accepted or refused the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from agreements_cli.errors import BadInput

if TYPE_CHECKING:
    from agreements_cli.countries import Party

STATUSES = ("signed", "negotiating", "planned")

# A party's row, in the order it is stored, logged and exported. Its money is in the
# pledge ledger (PLEDGE_FIELDS), not here.
FIELDS = (
    "code",
    "country",
    "kind",
    "status",
    "counted",
    "signed_on",
    "place",
    "source",
    "note",
    "count_reason",
    "count_source",
)
# What a field holds in a row written before the field existed (an old change-log event).
DEFAULTS: dict[str, object] = {**{f: None for f in FIELDS}, "counted": True}
# The party's first pledge, shown beside its row by `list` (the columns parties had
# before the ledger, so that the list's JSON and CSV keep every key), and the ledger's size.
FIRST_PLEDGE = (
    "amount",
    "currency",
    "period",
    "per_year",
    "value_usd",
    "usd_rate",
    "usd_rate_date",
)
# Column order of a party in `list` and the CSV export.
LIST_FIELDS = (
    *FIELDS[:7], *FIRST_PLEDGE, *FIELDS[7:], "pledge_count", "stage", "stage_on",
)  # fmt: skip

EARLIEST_YEAR = 1991  # Ukraine's independence; no agreement of Ukraine is older.
LATEST_YEAR = 2100
MAX_PLACE = 200
MAX_NOTE = 2000
MAX_SOURCE = 2000


# Control, format, private-use and surrogate characters, and line and paragraph separators.
HIDDEN_CATEGORIES = ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")


def visible(text: str) -> str:
    """Control and format characters (ESC, DEL, C1, right-to-left overrides, ...) as
    visible escapes such as '\\x1b' or '\\u202e', so that text a database was given
    behind the tool's back cannot move the cursor, recolour or reorder a terminal.
    Line breaks and tabs stay."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in ("\n", "\t") or unicodedata.category(ch) not in HIDDEN_CATEGORIES:
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


def parse_date(text: str, field: str, not_after: date | None = None) -> date:
    """A YYYY-MM-DD date; with ``not_after`` (today), one that has already come."""
    raw = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise BadInput(f"{field} {text!r} is not a date. Write it as YYYY-MM-DD, e.g. 2024-07-18")
    try:
        parsed = date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"{field} {text!r} is not a real date. Check the day and month") from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise BadInput(f"{field} {text!r} is outside {EARLIEST_YEAR}-{LATEST_YEAR}. Check the year")
    if not_after is not None and parsed > not_after:
        raise BadInput(
            f"{field} {raw} is after today ({not_after.isoformat()}): only what has happened can "
            "be recorded. Record a signing that is planned as a milestone, e.g. "
            f'agreements milestone add COUNTRY "signing scheduled for {raw}" --on {not_after.isoformat()}'
        )
    return parsed


def _plain_text(text: str, field: str, limit: int) -> str:
    value = text.strip()
    if len(value) > limit:
        raise BadInput(f"{field} is {len(value)} characters long; the limit is {limit}. Shorten it")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value if ch not in ("\n", "\t")):
        raise BadInput(f"{field} contains control characters. Use plain text")
    return value


def check_place(text: str) -> str:
    return _plain_text(text, "place", MAX_PLACE)


def check_note(text: str) -> str:
    return _plain_text(text, "note", MAX_NOTE)


def check_source(text: str) -> str:
    value = _plain_text(text, "source", MAX_SOURCE)
    if not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", value.lower()):  # HTTPS:// too
        raise BadInput(f"source {text!r} is not a web address. Give an http:// or https:// URL")
    return value


def check_period(text: str) -> str:
    """The years a pledge covers: '2024' or '2024-2026'."""
    value = text.strip().replace("–", "-")
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{4}))?", value)  # ASCII digits, not any
    if not match:
        raise BadInput(f"period {text!r} is not a year or a range. Write 2024 or 2024-2026")
    first = int(match[1])
    last = int(match[2] or first)
    if first > last:
        raise BadInput(f"period {text!r} is not a range of years in order. Write 2024 or 2024-2026")
    if not (first >= EARLIEST_YEAR and last <= LATEST_YEAR):
        raise BadInput(
            f"period {text!r} is outside the years {EARLIEST_YEAR}-{LATEST_YEAR} an agreement of "
            "Ukraine can cover. Write 2024 or 2024-2026"
        )
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
    counted: bool = True
    count_reason: str | None = None
    count_source: str | None = None


# Fields `update --clear` can empty; clearing the amount clears the whole pledge.
CLEARABLE = ("signed_on", "place", "amount", "period", "source", "note", "count_source")
MAX_REASON = 1000


def build_record(draft: Draft, today: date, party: Party | None = None) -> dict:
    """Check every field of ``draft`` and return the party's row to store. Its pledge, if
    the draft has one, is built apart by ``draft_pledge``."""
    from agreements_cli import countries

    party = party or countries.resolve(draft.country)
    status = parse_status(draft.status)
    signed_on = parse_date(draft.signed_on, "signing date", today) if draft.signed_on else None
    if signed_on and status != "signed":
        raise BadInput(
            f"a signing date was given but the status is {status}. "
            "Use --status signed, or leave the date out"
        )
    if draft.amount is None and (draft.currency or draft.period):
        raise BadInput("a currency or period was given without an amount. Add --amount")
    return {
        "code": party.code,
        "country": party.name,
        "kind": party.kind,
        "status": status,
        **_count_fields(draft),
        "signed_on": signed_on.isoformat() if signed_on else None,
        "place": check_place(draft.place) or None if draft.place else None,
        "source": check_source(draft.source) if draft.source else None,
        "note": check_note(draft.note) or None if draft.note else None,
    }


def draft_pledge(
    draft: Draft,
    record: dict,
    today: date,
    announced_on: str,
    previous: dict | None = None,
    convert_on: date | None = None,
) -> dict | None:
    """The pledge that ``add``/``update --amount`` or a data file's record-level amount
    stands for: the amount for the whole of its period (this year's when none is given),
    announced on ``announced_on``. It replaces ``previous`` (keeping its id, whether it is
    per year, its kind, qualifier, announcement date, source and note, and its USD value
    when amount and currency are unchanged)."""
    if draft.amount is None:
        return None
    years = draft.period or (record["signed_on"] or announced_on)[:4]
    kept = previous or {}
    # A pledge of one year is the year's amount by its nature, not because it was said to be
    # per year: given more years, the amount is for the whole of them, as `add` takes it.
    per_year = bool(kept) and kept["per_year"] and kept["first_year"] != kept["last_year"]
    pledge = build_pledge(
        record["code"],
        draft.amount,
        draft.currency or "USD",
        years,
        today,
        per_year=per_year,
        kind=kept.get("kind", "unspecified"),
        qualifier=kept.get("qualifier", "exact"),
        announced_on=kept.get("announced_on", announced_on),
        source=kept.get("source") or record["source"],
        note=kept.get("note"),
        convert_on=convert_on,
        previous=previous,
    )
    pledge["id"] = kept.get("id")
    return pledge


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
                "counted. Add --not-counted, or leave --count-reason and --count-source out"
            )
        return {"counted": True, "count_reason": None, "count_source": None}
    if not reason:
        raise BadInput(
            "a party outside the official count needs the reason. Add --count-reason TEXT "
            "(and --count-source URL)"
        )
    source = check_source(draft.count_source) if draft.count_source else None
    return {"counted": False, "count_reason": reason, "count_source": source}


def draft_from_row(row: dict, pledge: dict | None = None) -> Draft:
    """The stored row, and its one pledge if any, as a draft for an update to change."""
    return Draft(
        country=row["country"],
        status=row["status"],
        amount=pledge["amount"] if pledge else None,
        currency=pledge["currency"] if pledge else None,
        period=period_text(pledge) if pledge else None,
        **{
            f: row[f]
            for f in ("signed_on", "place", "source", "note", "counted", "count_reason",
                      "count_source")
        },
    )  # fmt: skip


def changed_fields(
    before: dict | None, after: dict | None, fields: tuple[str, ...] = FIELDS
) -> list[str]:
    """The fields that differ between two versions of a row, in display order."""
    before, after = before or {}, after or {}
    return [f for f in fields if before.get(f) != after.get(f)]


def effective_date(record: dict, today: date) -> str:
    """The date a write takes effect: the signing date for a signature, else the day it is entered."""
    return record["signed_on"] or today.isoformat()


def data_date(latest_change: str | None, snapshot: str | None, as_of: date | None) -> str | None:
    """How current the data is: the latest date on which a recorded change took effect, or
    the data file's snapshot date if later; for a view of a past date, that date at most.
    Today's date is not a data date: a database nobody has changed since its seed is as
    current as the seed."""
    dates = [d for d in (latest_change, snapshot) if d]
    if not dates:
        return None
    latest = max(dates)
    return min(as_of.isoformat(), latest) if as_of else latest


def progress_summary(
    rows: list[dict],
    pledges: list[dict],
    settings: dict[str, str],
    goal: int | None,
    as_of: date | None,
    data_as_of: str | None,
    year: int | None = None,
) -> dict:
    """Where things stand against the goal, and the money pledged year by year. Only
    parties in Ukraine's official count count toward the goal and the money; the others
    are listed on their own. The headline ``value_usd`` is the total for ``year`` (by
    default the year of the data's date); unknown (None) when no party states a figure."""
    stored_goal = int(settings.get("goal", 32))
    # The stored basis explains the stored goal only: a goal given for this run has none.
    basis = settings.get("goal_basis") or None if goal in (None, stored_goal) else None
    goal = goal or stored_goal
    counted = [r for r in rows if r["counted"]]
    outside = [r for r in rows if not r["counted"]]
    signed = [r for r in counted if r["status"] == "signed"]
    by_year = pledged_by_year(pledges, signed)
    year = year or (int(data_as_of[:4]) if data_as_of else None)
    chosen = next((y for y in by_year if y["year"] == year), None)
    stating = chosen["parties_with_value"] if chosen else 0
    reported = settings.get("reported_value_usd")
    reported_on = settings.get("reported_value_as_of") or None
    source = settings.get("reported_value_source") or None
    if as_of and reported_on and reported_on > as_of.isoformat():
        reported = reported_on = source = None  # not yet reported on the date asked for
    return {
        "goal": goal,
        "signed": len(signed),
        "negotiating": sum(r["status"] == "negotiating" for r in counted),
        "planned": sum(r["status"] == "planned" for r in counted),
        "untracked": max(goal - len(counted), 0),
        "percent_signed": round(100 * len(signed) / goal, 1),
        "signed_outside_count": sum(r["status"] == "signed" for r in outside),
        "outside_count": [
            {"code": r["code"], "country": r["country"], "status": r["status"]} for r in outside
        ],
        "year": year,
        "value_usd": chosen["value_usd"] if chosen else None,  # a year listed has a figure
        "signed_with_value": stating,
        "signed_without_value": len(signed) - stating,
        "reported_value_usd": int(reported) if reported else None,
        "reported_value_as_of": reported_on,
        "reported_value_source": source,
        "goal_basis": basis,
        "as_of": as_of.isoformat() if as_of else None,
        "data_as_of": data_as_of,
        "pledged_by_year": by_year,
    }


def outside_lines(summary: dict) -> list[str]:
    """'+1 signed outside the official count: Croatia', one line per status."""
    lines = []
    for status in STATUSES:
        names = [p["country"] for p in summary["outside_count"] if p["status"] == status]
        if names:
            lines.append(f"+{len(names)} {status} outside the official count: {', '.join(names)}")
    return lines


# ------------------------------------------------------------------- pledges

PLEDGE_FIELDS = (
    "id", "code", "amount", "currency", "first_year", "last_year", "per_year", "kind",
    "qualifier", "announced_on", "source", "note", "value_usd", "usd_rate", "usd_rate_date",
)  # fmt: skip
KINDS = ("military", "financial", "humanitarian", "loan", "mixed", "unspecified")
QUALIFIERS = ("exact", "up to", "at least")


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
    previous: dict | None = None,
) -> dict:
    """A pledge as stated: the amount and currency, the years it covers, whether the amount
    is per year or for all of them, its kind, its qualifier, the day it was announced.

    Its USD value is computed here, once, at the ECB rate of ``convert_on`` (a data file
    names the day it was converted at) or of the announcement date. A ``previous``
    version with the same amount, currency and date keeps the value it was given.
    """
    from decimal import Decimal

    from agreements_cli import money

    currency = money.check_currency(currency)
    stated = money.amount_text(money.parse_amount(amount, currency))
    first, last = years_of(check_period(years))
    kind_word = kind.strip().lower()
    if kind_word not in KINDS:
        raise BadInput(f"unknown kind {kind!r}. Use one of: {', '.join(KINDS)}")
    if qualifier not in QUALIFIERS:
        raise BadInput(f"unknown qualifier {qualifier!r}. Use one of: {', '.join(QUALIFIERS)}")
    announced = parse_date(announced_on, "announcement date", today)
    pledge = {
        "id": None,
        "code": code,
        "amount": stated,
        "currency": currency,
        "first_year": first,
        "last_year": last,
        "per_year": per_year or first == last,
        "kind": kind_word,
        "qualifier": qualifier,
        "announced_on": announced.isoformat(),
        "source": check_source(source) if source else None,
        "note": check_note(note) or None if note else None,
    }
    same = previous and all(
        previous[f] == pledge[f] for f in ("amount", "currency", "announced_on")
    )
    if same and not convert_on and previous:
        pledge.update({f: previous[f] for f in ("value_usd", "usd_rate", "usd_rate_date")})
    else:
        conversion = money.to_usd(Decimal(stated), currency, convert_on or announced)
        pledge.update(
            value_usd=conversion.value_usd,
            usd_rate=str(conversion.rate),
            usd_rate_date=conversion.rate_date.isoformat(),
        )
    return pledge


def pledge_words(pledge: dict) -> str:
    """'up to EUR 3 bn (2024, military)', 'SEK 25 bn a year (2024-2026, military)'."""
    from decimal import Decimal

    from agreements_cli.money import format_stated

    qualifier = pledge.get("qualifier") or "exact"
    text = format_stated(Decimal(pledge["amount"]), pledge["currency"])
    if qualifier != "exact":
        text = f"{qualifier} {text}"
    many = pledge["first_year"] != pledge["last_year"]
    if many and pledge.get("per_year"):
        text += " a year"
    return f"{text} ({period_text(pledge)}, {pledge.get('kind') or 'unspecified'})"


def years_of(period: str) -> tuple[int, int]:
    """(first, last) year of '2024' or '2024-2026' (already checked)."""
    first, _, last = period.partition("-")
    return int(first), int(last or first)


def period_text(pledge: dict) -> str:
    first, last = pledge["first_year"], pledge["last_year"]
    return str(first) if first == last else f"{first}-{last}"


def pledge_key(pledge: dict) -> tuple:
    """What makes two ledger entries the same pledge: announced the same day, for the
    same amount in the same currency and the same years."""
    return (pledge["announced_on"], pledge["amount"], pledge["currency"],
            pledge["first_year"], pledge["last_year"])  # fmt: skip


def first_pledge(pledges: list[dict]) -> dict | None:
    """The pledge announced first (the agreement's own figure, for the seed's parties)."""
    return min(pledges, key=lambda p: (p["announced_on"], p["id"]), default=None)


def yearly(pledge: dict, year: int) -> dict | None:
    """The pledge's figure for ``year``: the amount itself when stated per year, else the
    amount spread evenly over its years, marked ``spread`` (a derived figure, never to be
    shown as stated). None for a year it does not cover."""
    from decimal import Decimal

    from agreements_cli import money

    if not pledge["first_year"] <= year <= pledge["last_year"]:
        return None
    years = pledge["last_year"] - pledge["first_year"] + 1
    if pledge["per_year"] or years == 1:
        return {"amount": pledge["amount"], "value_usd": pledge["value_usd"], "spread": False}
    share = Decimal(pledge["amount"]) / years
    value = round(Decimal(pledge["value_usd"]) / years)  # a half to the even dollar
    return {"amount": money.amount_text(share), "value_usd": value, "spread": True}


def list_rows(rows: list[dict], pledges: list[dict], stages: dict[str, dict]) -> list[dict]:
    """Parties as `list` shows them: each row with its first pledge's money (the columns
    parties had before the ledger), the number of its pledges, and its stage."""
    ledger: dict[str, list[dict]] = {}
    for pledge in pledges:
        ledger.setdefault(pledge["code"], []).append(pledge)
    shown = []
    for row in rows:
        own = ledger.get(row["code"], [])
        first = first_pledge(own)
        money = dict.fromkeys(FIRST_PLEDGE)
        if first is not None:
            money = {f: first[f] for f in FIRST_PLEDGE if f != "period"}
            money["period"] = period_text(first)
        stage = stages.get(row["code"], {"stage": None, "stage_on": None})
        full = {**row, **money, "pledge_count": len(own), **stage}
        shown.append({f: full[f] for f in LIST_FIELDS})
    return shown


def pledged_by_year(pledges: list[dict], signed: list[dict]) -> list[dict]:
    """For every year a pledge of a counted signed party covers: the USD pledged for it
    (yearly figures, never whole multi-year amounts), how much of that is spread from a
    multi-year amount, how many of those parties state a figure for it and how many do
    not, and the USD by kind."""
    codes = {row["code"] for row in signed}
    counted = [p for p in pledges if p["code"] in codes]
    years = sorted({y for p in counted for y in range(p["first_year"], p["last_year"] + 1)})
    table = []
    for year in years:
        figures = [(p, f) for p in counted if (f := yearly(p, year)) is not None]
        by_kind: dict[str, int] = {}
        for pledge, figure in figures:
            by_kind[pledge["kind"]] = by_kind.get(pledge["kind"], 0) + figure["value_usd"]
        stating = len({p["code"] for p, _ in figures})
        table.append({
            "year": year,
            "value_usd": sum(f["value_usd"] for _, f in figures),
            "spread_value_usd": sum(f["value_usd"] for _, f in figures if f["spread"]),
            "parties_with_value": stating,
            "parties_without_value": len(codes) - stating,
            "by_kind": dict(sorted(by_kind.items(), key=lambda item: KINDS.index(item[0]))),
        })  # fmt: skip
    return table


# ---------------------------------------------------------------- milestones

MILESTONE_FIELDS = ("id", "code", "happened_on", "step", "document", "source", "note")
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
) -> dict:
    """A dated, sourced step of a party's agreement (or of a related ``document``)."""
    text = _plain_text(step, "milestone", MAX_STEP)
    if not text or "\n" in text:
        raise BadInput('a milestone is one line that says what happened, e.g. "signing called off"')
    if not source:
        raise BadInput("a milestone needs the page that reports it. Add --source URL")
    return {
        "id": None,
        "code": code,
        "happened_on": parse_date(happened_on, "milestone date", today).isoformat(),
        "step": text,
        "document": _plain_text(document, "document", MAX_PLACE) or None if document else None,
        "source": check_source(source),
        "note": check_note(note) or None if note else None,
    }


def milestone_key(milestone: dict) -> tuple[str, str, str | None]:
    """What makes two milestones the same step: date, step and document, in any case."""
    document = milestone["document"]
    return (
        milestone["happened_on"],
        milestone["step"].casefold(),
        None if document is None else document.casefold(),
    )


def milestone_text(milestone: dict) -> str:
    """'signing called off 2024-12-19'; a related document's step names the document."""
    text = f"{milestone['step']} {milestone['happened_on']}"
    return f"{milestone['document']}: {text}" if milestone["document"] else text


# ------------------------------------------------------------------- history

HISTORY_FIELDS = (
    "id", "recorded_at", "effective_on", "code", "country", "entity", "action", "changes",
)  # fmt: skip


def describe_event(event: dict) -> dict:
    """One change-log event as shown by `history`: which fields went from what to what."""
    before, after = event["before"], event["after"]
    shown = after or before or {}
    entity = event.get("entity") or "party"
    # A party row logged before the pledge ledger still carries its money then.
    party_fields = (*FIELDS, "amount", "currency", "period", "value_usd")
    fields = {"milestone": MILESTONE_FIELDS[2:], "pledge": PLEDGE_FIELDS[2:]}.get(
        entity, party_fields
    )
    return {
        "id": event["id"],
        "recorded_at": event["recorded_at"],
        "effective_on": event["effective_on"],
        "code": event["code"],
        "country": shown.get("country", event["code"]),
        "entity": entity,
        "action": event["action"],
        "changes": {
            field: [(before or {}).get(field), (after or {}).get(field)]
            for field in changed_fields(before, after, fields)
        },
    }


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def changes_text(changes: dict, entity: str) -> str:
    """A change in a line: 'status negotiating -> signed; signed_on (none) -> 2024-07-18'.

    A party's first row reads 'status signed; signed_on 2024-02-16', a removal 'removed
    (was signed)'; a milestone 'milestone + signing called off 2024-12-19'; a pledge
    'pledge + EUR 7.1 bn (2024, mixed)'. The rate fields are left to the JSON, where every
    field is.
    """
    if entity == "milestone":
        return _item_change_text(changes, "milestone", "step",
                                 lambda m: milestone_text({"document": None, **m}))  # fmt: skip
    if entity == "pledge":
        return _item_change_text(changes, "pledge", "amount", pledge_words)
    if "code" in changes and changes["code"][0] is None:  # the party's first row
        summary = ("status", "signed_on")
        parts = [f"{f} {changes[f][1]}" for f in summary if f in changes and changes[f][1]]
        if "counted" in changes and changes["counted"][1] is False:
            parts.append("outside the official count")
        return "; ".join(parts)
    if "code" in changes and changes["code"][1] is None:  # the party was removed
        return f"removed (was {_shown(changes['status'][0])})"
    hidden = ("country", "usd_rate", "usd_rate_date")  # (a kind follows its code)
    return "; ".join(
        f"{f} {_shown(old)} -> {_shown(new)}"
        for f, (old, new) in changes.items()
        if f not in hidden
    )


def flat_event(event: dict) -> dict:
    """A described event with its changes as one line, for tables, CSV and Markdown."""
    return {**event, "changes": changes_text(event["changes"], event["entity"])}


def _item_change_text(changes: dict, noun: str, key: str, words: Callable[[dict], str]) -> str:
    """'milestone + ...' for an item added, 'milestone - ...' removed, else its fields."""
    if key in changes and None in changes[key]:
        side = 1 if changes[key][0] is None else 0
        shown = {f: value[side] for f, value in changes.items()}
        sign = "+" if side else "-"
        return f"{noun} {sign} " + words(shown)
    hidden = ("usd_rate", "usd_rate_date")
    return f"{noun}: " + "; ".join(
        f"{f} {_shown(old)} -> {_shown(new)}"
        for f, (old, new) in changes.items()
        if f not in hidden
    )


def timeline(
    signings: list[tuple[str, str, bool]], goal: int, until: str | None = None
) -> list[dict]:
    """Signings per month, every month from the first to the month of ``until`` (the
    data's date; else the last signing), with the running total of the parties in the
    official count; the others are named apart and add nothing."""
    by_month: dict[int, tuple[list[str], list[str]]] = {}
    for signed_on, country, counted in signings:
        day = date.fromisoformat(signed_on)  # the store hands on real dates only
        month_number = day.year * 12 + day.month - 1
        by_month.setdefault(month_number, ([], []))[0 if counted else 1].append(country)
    if not by_month:
        return []
    last = max(by_month)
    if until is not None:
        end = date.fromisoformat(until)
        last = max(last, end.year * 12 + end.month - 1)
    series, total = [], 0
    for month_number in range(min(by_month), last + 1):
        key = f"{month_number // 12:04d}-{month_number % 12 + 1:02d}"
        parties, outside = by_month.get(month_number, ([], []))
        total += len(parties)
        series.append(
            {"month": key, "signed": len(parties), "total": total, "goal": goal,
             "parties": parties, "outside_count": outside}
        )  # fmt: skip
    return series
