"""Values in the database that agreements itself never writes.

The database is an interface: sqlite3, sqlite-utils and Datasette can write any value into
any column. Each read checks what it reads against what the program writes: a value that
fails is named (party or item, field, value, why) instead of being shown as if it were
data, or crashing a command; ``agreements check`` lists every one of them.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import NamedTuple

from agreements_cli.deliveries import (
    CHANNELS,
    DELIVERY_QUALIFIERS,
    MEASURES,
    REPORTERS,
)
from agreements_cli.errors import Fix, StoreError
from agreements_cli.records import (
    AMOUNT_DIGITS,
    DEFAULT_KIND,
    EARLIEST_YEAR,
    ENTITIES,
    EXACT,
    INSTRUMENTS,
    KINDS,
    LATEST_YEAR,
    MAX_GOAL,
    MAX_ID,
    QUALIFIERS,
    STATUSES,
    TIES,
)
from agreements_cli.vocabulary import TERM_STATUSES, VOCABULARY

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CODE = re.compile(r"[A-Z]{2}")
_CURRENCY = re.compile(r"[A-Z]{3}")
_DECIMAL = re.compile(r"([0-9]{1,40})(?:\.[0-9]{1,40})?")
MAX_VALUE_USD = 10**18  # far above any pledge (money.MAX_AMOUNT at any rate)

RATE_DIGITS = 6  # USD per unit below 1e6: no ECB currency is near


class BadData(StoreError):
    """The database holds a value that agreements does not write (another program did)."""


class Fault(NamedTuple):
    field: str
    value: object
    why: str

    def line(self, who: str) -> str:
        return f"{who}: {self.field} holds {shown(self.value)}, {self.why}"


def shown(value: object) -> str:
    """A stored value as it is, in one short line."""
    if isinstance(value, bytes):
        text = "a blob of " + (f"{len(value)} bytes" if len(value) != 1 else "1 byte")
    elif isinstance(value, str):
        text = repr(value if len(value) <= 60 else value[:57] + "...")
    else:
        text = repr(value)
    return text


def _date_fault(field: str, value: object, optional: bool = False) -> Fault | None:

    if value is None and optional:
        return None
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return Fault(field, value, "which is not a real date")
        if EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            return None
        return Fault(field, value, f"a date outside {EARLIEST_YEAR}-{LATEST_YEAR}")
    return Fault(field, value, "which is not a date YYYY-MM-DD")


def _text_fault(field: str, value: object, optional: bool = True) -> Fault | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        return Fault(field, value, "which is not text")
    if not optional and not value.strip():
        return Fault(field, value, "which is empty")
    return None


def _one_of(field: str, value: object, allowed: tuple) -> Fault | None:
    if value in allowed and type(value) is type(allowed[0]):
        return None
    return Fault(field, value, f"which is not one of {', '.join(str(a) for a in allowed)}")


def _positive_decimal(field: str, value: object, digits: int) -> Fault | None:
    """A decimal number as agreements writes it (``7100000000``, ``1.0768``): above 0 and
    below 10 to the power ``digits``. Checked as text: ``decimal`` costs a millisecond to load."""
    text = value if isinstance(value, str) else None
    match = _DECIMAL.fullmatch(text) if text is not None else None
    if match and text and len(match.group(1).lstrip("0")) <= digits and text.strip("0.") != "":
        return None
    return Fault(field, value, f"which is not a decimal number above 0 and below 1e{digits}")


def party_faults(row: dict) -> list[Fault]:
    found = [
        None if isinstance(row["code"], str) and _CODE.fullmatch(row["code"])
        else Fault("code", row["code"], "which is not a two-letter code"),
        _text_fault("country", row["country"], optional=False),
        _one_of("kind", row["kind"], ("state", "organisation")),
        _one_of("status", row["status"], STATUSES),
        _one_of("counted", row["counted"], (0, 1)) if not isinstance(row["counted"], bool)
        else None,
        _date_fault("signed_on", row["signed_on"], optional=True),  # check: signed, no date
        *(_text_fault(f, row[f]) for f in ("place", "source", "note", "count_reason",
                                           "count_source")),
    ]  # fmt: skip
    return [fault for fault in found if fault]


def key_faults(code: object, day: object, amount: object, currency: object) -> list[Fault]:
    """What is wrong with what a pledge is matched by: its party, day, amount, currency."""
    found = [
        None if isinstance(code, str) else Fault("code", code, "which is not text"),
        _date_fault("announced_on", day),
        _positive_decimal("amount", amount, AMOUNT_DIGITS),
        None if isinstance(currency, str) and _CURRENCY.fullmatch(currency)
        else Fault("currency", currency, "which is not an ISO 4217 code"),
    ]  # fmt: skip
    return [fault for fault in found if fault]


def pledge_faults(item: dict) -> list[Fault]:
    years = []
    for field in ("first_year", "last_year"):
        value = item[field]
        if isinstance(value, int) and EARLIEST_YEAR <= value <= LATEST_YEAR:
            continue
        years.append(Fault(field, value, f"which is not a year {EARLIEST_YEAR}-{LATEST_YEAR}"))
    if not years and item["first_year"] > item["last_year"]:
        years.append(
            Fault("last_year", item["last_year"], f"before first_year {item['first_year']}")
        )
    value = item["value_usd"]
    found = [
        _positive_decimal("amount", item["amount"], AMOUNT_DIGITS),
        None if isinstance(item["currency"], str) and _CURRENCY.fullmatch(item["currency"])
        else Fault("currency", item["currency"], "which is not an ISO 4217 code"),
        *years,
        None if isinstance(item["per_year"], bool) or item["per_year"] in (0, 1)
        else Fault("per_year", item["per_year"], "which is not 0 or 1"),
        _one_of("kind", item["kind"], KINDS),
        _one_of("qualifier", item["qualifier"], QUALIFIERS),
        _date_fault("announced_on", item["announced_on"]),
        None if isinstance(value, int) and not isinstance(value, bool)
        and 0 <= value <= MAX_VALUE_USD
        else Fault("value_usd", value, "which is not a whole number of dollars"),
        _positive_decimal("usd_rate", item["usd_rate"], RATE_DIGITS),
        _date_fault("usd_rate_date", item["usd_rate_date"]),
        _text_fault("source", item["source"]),
        _text_fault("note", item["note"]),
        None if item["instrument"] is None else _one_of("instrument", item["instrument"],
                                                        INSTRUMENTS),
        None if item["tie"] is None else _one_of("tie", item["tie"], TIES),
        None if item["replaces"] is None or _whole(item["replaces"], 1, MAX_ID)
        else Fault("replaces", item["replaces"], "which is not the id of a pledge"),
        *(None if _whole(item[f], 1, 12) else Fault(f, item[f], "which is not a month 1-12")
          for f in ("first_month", "last_month")),
        None if item["value_eur"] is None or _whole(item["value_eur"], 0, MAX_VALUE_USD)
        else Fault("value_eur", item["value_eur"], "which is not a whole number of euros"),
        None if item["eur_rate"] is None
        else _positive_decimal("eur_rate", item["eur_rate"], RATE_DIGITS),
        _date_fault("eur_rate_date", item["eur_rate_date"], optional=True),
    ]  # fmt: skip
    return [fault for fault in found if fault]


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def milestone_faults(item: dict) -> list[Fault]:
    found = [
        _date_fault("happened_on", item["happened_on"]),
        _text_fault("step", item["step"], optional=False),
        *(_text_fault(f, item[f]) for f in ("document", "source", "note")),
    ]
    return [fault for fault in found if fault]


def term_faults(item: dict) -> list[Fault]:
    found = [
        _one_of("term", item["term"], tuple(VOCABULARY)),
        _one_of("status", item["status"], TERM_STATUSES),
        _date_fault("holds_from", item["holds_from"]),
        *(_text_fault(f, item[f]) for f in ("value", "unit", "firmness", "clause", "quote",
                                            "quote_lang", "text_url", "source", "source_kind",
                                            "note")),
    ]  # fmt: skip
    return [fault for fault in found if fault]


def delivery_faults(item: dict) -> list[Fault]:
    dates = [_date_fault(f, item[f]) for f in ("period_from", "period_to", "stated_on")]
    if not any(dates) and item["period_from"] > item["period_to"]:
        dates.append(
            Fault("period_to", item["period_to"], f"before period_from {item['period_from']}")
        )
    found = [
        _one_of("measure", item["measure"], MEASURES),
        _positive_decimal("amount", item["amount"], AMOUNT_DIGITS),
        None if isinstance(item["currency"], str) and _CURRENCY.fullmatch(item["currency"])
        else Fault("currency", item["currency"], "which is not an ISO 4217 code"),
        *dates,
        None if isinstance(item["cumulative"], bool) or item["cumulative"] in (0, 1)
        else Fault("cumulative", item["cumulative"], "which is not 0 or 1"),
        _one_of("reporter", item["reporter"], REPORTERS),
        _one_of("channel", item["channel"], CHANNELS),
        _one_of("qualifier", item["qualifier"], DELIVERY_QUALIFIERS),
        *(None if _whole(item[f], 0, MAX_VALUE_USD)
          else Fault(f, item[f], "which is not a whole number")
          for f in ("value_usd", "value_eur")),
        *(_positive_decimal(f, item[f], RATE_DIGITS) for f in ("usd_rate", "eur_rate")),
        *(_date_fault(f, item[f]) for f in ("usd_rate_date", "eur_rate_date")),
        None if item["kind"] is None else _one_of("kind", item["kind"], KINDS),
        None if item["instrument"] is None else _one_of("instrument", item["instrument"],
                                                        INSTRUMENTS),
        None if item["pledge"] is None or _whole(item["pledge"], 1, MAX_ID)
        else Fault("pledge", item["pledge"], "which is not the id of a pledge"),
        _text_fault("source", item["source"]),
        _text_fault("note", item["note"]),
    ]  # fmt: skip
    return [fault for fault in found if fault]


def _faults_of(entity: str, item: dict) -> list[Fault]:
    if entity == "pledge":
        return pledge_faults(item)
    if entity == "term":
        return term_faults(item)
    if entity == "delivery":
        return delivery_faults(item)
    return milestone_faults(item)


def item_faults(entity: str, item: dict) -> list[Fault]:
    code = item["code"]
    found = [] if isinstance(code, str) else [Fault("code", code, "which is not text")]
    return found + _faults_of(entity, item)


def setting_faults(settings: dict[str, object]) -> list[Fault]:
    found: list[Fault] = []
    goal = settings.get("goal")
    goal = str(goal) if isinstance(goal, int) else goal
    if goal is not None and not (
        isinstance(goal, str)
        and goal.isascii()
        and goal.isdigit()
        and len(goal) <= 4  # (int() of a long string costs; no goal has more digits)
        and 1 <= int(goal) <= MAX_GOAL
    ):
        found.append(Fault("goal", goal, f"which is not a whole number from 1 to {MAX_GOAL}"))
    reported = settings.get("reported_value_usd")
    if reported is not None and not (
        isinstance(reported, str)
        and reported.isascii()
        and reported.isdigit()
        and len(reported) <= 18
    ):
        found.append(Fault("reported_value_usd", reported, "which is not a whole number"))
    dates = ("snapshot", "reported_value_as_of")
    for key in dates:
        value = settings.get(key)
        if value not in (None, "") and (fault := _date_fault(key, value)):
            found.append(fault)
    for key, value in settings.items():  # the rest: text (one fault a value)
        if key not in ("goal", "reported_value_usd", *dates) and not isinstance(value, (str, int)):
            found.append(Fault(key, value, "which is not text"))
    return found


def who_party(row: dict) -> str:
    country, code = row.get("country"), row.get("code")
    if isinstance(country, str) and country.strip() and isinstance(code, str):
        return f"{country} ({code})"
    return f"the party {code if isinstance(code, str) else shown(code)}"


def who_item(entity: str, item: dict) -> str:
    return f"{entity} {item.get('id')} ({item.get('code')})"


_RECORDED = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:[0-9]{2}|Z)?"
)
ACTIONS = ("seed", "add", "update", "remove", "import", "undo")


def event_faults(event: dict) -> list[Fault]:
    """What in a change-log event's own columns a read shows as it is, and check names."""
    recorded = event["recorded_at"]
    found = [
        _date_fault("effective_on", event["effective_on"]),
        _one_of("entity", event["entity"], ("party", *ENTITIES)),
        _one_of("action", event["action"], ACTIONS),
        None if isinstance(recorded, str) and _RECORDED.fullmatch(recorded)
        else Fault("recorded_at", recorded, "which is not a time YYYY-MM-DDTHH:MM:SS"),
        None if isinstance(event["code"], str) and _CODE.fullmatch(event["code"])
        else Fault("code", event["code"], "which is not a two-letter code"),
    ]  # fmt: skip
    return [fault for fault in found if fault]


# The fields every logged row of an entity has had since the entity was first logged; a
# field added later takes its default in an older row (records.DEFAULTS, PLEDGE_DEFAULTS).
LOGGED_FIELDS = {
    "party": ("code", "country", "kind", "status"),
    "pledge": ("code", "amount", "currency", "first_year", "last_year", "announced_on",
               "value_usd", "usd_rate", "usd_rate_date"),
    "milestone": ("code", "happened_on", "step"),
    "term": ("code", "term", "status", "holds_from"),
    "delivery": ("code", "measure", "amount", "currency", "period_from", "period_to",
                 "cumulative", "stated_on", "reporter", "channel", "value_usd", "usd_rate",
                 "usd_rate_date", "value_eur", "eur_rate", "eur_rate_date"),
}  # fmt: skip
_LOGGED_FILL: dict[str, dict[str, object]] = {
    "party": {"counted": 1},
    "pledge": {"per_year": 0, "kind": DEFAULT_KIND, "qualifier": EXACT, "instrument": None,
               "tie": None, "replaces": None, "first_month": 1, "last_month": 12,
               "value_eur": None, "eur_rate": None, "eur_rate_date": None},
    "term": dict.fromkeys(("value", "unit", "firmness", "clause", "quote", "quote_lang",
                           "text_url", "source_kind"), None),
    "delivery": {"qualifier": "exact", "kind": None, "instrument": None, "pledge": None},
}  # fmt: skip


def logged_faults(entity: str, side: str, row: dict) -> list[Fault]:
    """What in a change-log event's row before or after it agreements never writes: a
    field every such row has is missing, or a value its table would refuse."""
    missing = [field for field in LOGGED_FIELDS[entity] if field not in row]
    if missing:
        return [Fault(side, _short_json(row), f"which lacks {', '.join(missing)}")]
    full: dict[str, object] = {
        name: None
        for name in (
            "place",
            "source",
            "note",
            "count_reason",
            "count_source",
            "signed_on",
            "document",
        )
    }
    full.update(_LOGGED_FILL.get(entity, {}))
    full.update(row)
    if entity == "pledge" and full["kind"] == "loan":  # an old loan (m006 reads it so)
        full["kind"] = DEFAULT_KIND
    faults = party_faults(full) if entity == "party" else _faults_of(entity, full)
    return [Fault(f"{side} {fault.field}", fault.value, fault.why) for fault in faults]


def _short_json(row: dict) -> str:

    return json.dumps(row, ensure_ascii=False)


def refusal(who: str, fault: Fault) -> BadData:
    """The one error a read command gives for the first bad value it meets."""
    return BadData(f"{fault.line(who)}; agreements did not write it", Fix.SEE_BAD_VALUES)


def lenient(row: dict, faults: list[Fault]) -> dict:
    """A row with each bad value as text, so that `check` and a repairing `update` can
    work with it (a blob as its bytes shown, a number as its digits)."""
    fixed = dict(row)
    for fault in faults:
        value = fixed.get(fault.field)
        if value is not None and not isinstance(value, str):
            fixed[fault.field] = shown(value)  # (SQLite's other values: int and float)
    return fixed
