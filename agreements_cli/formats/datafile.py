"""The data file format of ``data/seed.json``: settings plus one record per party.

The bundled data files (the seed, and the later events in ``updates-2025-11.json``) are
found by ``bundled``.

Format ``agreements/2`` added to each record whether the party is in Ukraine's official
count (``counted``, ``count_reason``, ``count_source``) and its ``milestones``; format
``agreements/3`` adds its ``pledges``, the ledger. A record's own ``amount``, ``currency``
and ``period`` (all that the first two formats have) stand for one pledge. Files in every
format are read.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from agreements_cli import countries, money
from agreements_cli.deliveries import Delivery
from agreements_cli.errors import BadInput, Fix
from agreements_cli.formats import bundled, sheets
from agreements_cli.formats.bundled import CHECKED
from agreements_cli.formats.datacsv import records_from_table
from agreements_cli.formats.deliveriesfile import exported as exported_deliveries
from agreements_cli.formats.deliveriesfile import parse_deliveries
from agreements_cli.formats.jsonobjects import (
    JsonObject,
    first_problem,
    json_object,
    listed_objects,
)
from agreements_cli.formats.termsfile import exported, parse_terms
from agreements_cli.records import (
    CHECKING,
    DEFAULT_KIND,
    EXACT,
    MAX_AMOUNT,
    MAX_GOAL,
    Item,
    Milestone,
    Party,
    Pledge,
    SeedData,
    Term,
    Tick,
)
from agreements_cli.rules import (
    Draft,
    build_milestone,
    build_pledge,
    build_record,
    check_period,
    draft_pledge,
    effective_date,
    parse_date,
    years_of,
)
from agreements_cli.texts import interned
from agreements_cli.wording import item_words

TEXT_FIELDS = {
    "code", "country", "status", "signed_on", "place", "amount", "currency", "period",
    "source", "note", "count_reason", "count_source",
    "since",  # when a status other than signed took effect (a signature: signed_on)
    "usd_rate_date",  # the day whose ECB rate the amount is converted at
}  # fmt: skip
RECORD_FIELDS = TEXT_FIELDS | {"counted", "milestones", "pledges", "terms", "deliveries"}
MILESTONE_KEYS = {"happened_on", "step", "document", "source", "note"}
PLEDGE_KEYS = {
    "amount", "currency", "years", "per_year", "kind", "qualifier", "announced_on", "source",
    "note",
    "usd_rate_date",  # the day whose ECB rate it is converted at (default: announced_on)
    "instrument", "tie",  # how it is given (grant, loan, guarantee) and tied (agreement, later)
    "replaces",  # the earlier pledge of the party it replaces: its announced_on, amount,
                 # currency and years
}  # fmt: skip
REPLACED_KEYS = ("announced_on", "amount", "currency", "years")
FORMAT = "agreements/3"
READABLE_FORMATS = ("agreements/1", "agreements/2", FORMAT)
TOP_FIELDS = {"format", "description", "snapshot", "sources_checked", "goal", "reported_value",
              "parties"}  # fmt: skip


def bundled_seed_path() -> Path:

    return bundled.path(bundled.SEED)


def load_bundled_seed() -> SeedData:
    path = bundled_seed_path()
    return parse(json.loads(path.read_text(encoding="utf-8")), today=date.today())


def _text(record: dict, field: str, where: str) -> str | None:
    """A text field of a record (an amount may also be a whole number)."""
    value = record.get(field)
    if value is None or isinstance(value, str):
        return value
    if field == "amount" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    kind = 'a decimal string such as "2500000000"' if field == "amount" else "a string"
    raise BadInput(f"{where}: field {field!r} must be {kind}, not {json_kind(value)}")


def json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words (an object, an array, a number, ...)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, int | float):
        return f"the number {value}"
    return "a string" if isinstance(value, str) else "null"


class Record(NamedTuple):
    """One party of a data file: its row, the date the row takes effect, and its
    milestones and pledges (None where the record does not list them). A record's own
    amount with no list of pledges is one pledge more (``own``), not the whole list."""

    row: Party
    effective_on: str
    milestones: list[Milestone] | None
    pledges: list[Pledge] | None
    own: Pledge | None = None
    terms: list[Term] | None = None
    deliveries: list[Delivery] | None = None


def parse_record(
    record: object,
    index: int,
    today: date,
    ledger: list[Pledge] | None = None,
    replaced: dict[tuple, tuple] | None = None,
    answered: dict[tuple, tuple] | None = None,
) -> Record:
    """One party of a data file, checked by the same rules as ``agreements add``.

    ``ledger`` is the party's pledges in the database: a record's own amount that matches
    one of them (amount, currency, years) is that pledge, as it was announced and valued."""
    where = f"record {index}"
    if not isinstance(record, dict):
        raise BadInput(f"{where}: must be an object with code, status and source")
    code = record.get("code")
    if not isinstance(code, str) or not code.strip():
        raise BadInput(
            f"{where}: field 'code' is missing or not a string; give the ISO 3166-1 alpha-2 code"
        )
    where = f"record {index} ({code})"
    unknown = sorted(set(record) - RECORD_FIELDS)
    if unknown:
        raise BadInput(
            f"{where}: unknown field {unknown[0]!r}. Known fields: {', '.join(sorted(RECORD_FIELDS))}"
        )
    if not isinstance(record.get("status"), str):
        raise BadInput(
            f"{where}: field 'status' is missing or not a string; use signed, negotiating or planned"
        )
    counted = record.get("counted", True)
    if not isinstance(counted, bool):
        raise BadInput(f"{where}: field 'counted' must be true or false")
    problem = first_problem(record)
    if problem:
        raise BadInput(f"{where}: {problem}")
    try:
        party = countries.by_code(code.strip())
        named = _text(record, "country", where)
        if named is not None and countries.resolve(named).code != party.code:
            raise BadInput(
                f"{where}: country {named!r} is {countries.resolve(named).code}, not "
                f"{party.code}. Correct the code or the country"
            )
        fields = {f: _text(record, f, where) for f in TEXT_FIELDS - {"code", "country", "status"}}
        since = fields.pop("since")
        rate_date = fields.pop("usd_rate_date")
        draft = Draft(country=party.name, status=record["status"], counted=counted, **fields)
        convert_on = parse_date(rate_date, "usd_rate_date", today) if rate_date else None
        row = build_record(draft, today, party=party)
        if since and row.status == "signed":
            raise BadInput(
                "'since' is for parties not yet signed; a signature takes effect on signed_on"
            )
        effective = (
            parse_date(since, "since", today).isoformat() if since else effective_date(row, today)
        )
        milestones = _milestones(record, party.code, today)
        pledges = _pledges(record, party.code, today, {} if replaced is None else replaced)
        own = draft_pledge(draft, row, today, effective, convert_on=convert_on)
        same = next((p for p in ledger or [] if own and p.same_money(own)), None)
        if same is not None:
            own = draft_pledge(draft, row, today, effective, same, convert_on=convert_on)
        if own is not None and pledges is not None:
            pledges, own = [own, *pledges], None
            _no_repeats(pledges, "pledge")
        terms = parse_terms(record, party.code, row.signed_on, today)
        listed = {pledge.key() for pledge in pledges or []}
        deliveries = parse_deliveries(
            record, party.code, today, {} if answered is None else answered, listed
        )
    except BadInput as error:
        if error.reason.startswith(where):
            raise
        raise error.within(where) from None
    return Record(row, effective, milestones, pledges, own, terms, deliveries)


def _no_repeats(items: Sequence[Item], entity: str) -> None:
    seen: set[tuple] = set()
    for number, item in enumerate(items, start=1):
        if item.key() in seen:
            raise BadInput(f"{entity} {number} repeats {item_words(item)}; keep one")
        seen.add(item.key())


def _pledges(
    record: dict, code: str, today: date, replaced: dict[tuple, tuple]
) -> list[Pledge] | None:
    listed = listed_objects(record, "pledges", PLEDGE_KEYS, ("amount", "years", "announced_on"))
    if listed is None:
        return None
    pledges = []
    for number, item in enumerate(listed, start=1):
        where = f"pledge {number}"
        per_year = item.get("per_year", False)
        if not isinstance(per_year, bool):
            raise BadInput(f"{where}: field 'per_year' must be true or false")
        fields = {f: _text(item, f, where) for f in PLEDGE_KEYS - {"per_year", "replaces"}}
        try:
            rate_date = fields.pop("usd_rate_date")
            kind = fields.pop("kind") or DEFAULT_KIND
            if kind.strip().lower() == "loan":  # a file of an older version: a loan's kind
                kind, fields["instrument"] = DEFAULT_KIND, fields["instrument"] or "loan"
            pledge = build_pledge(
                code,
                fields.pop("amount") or "",
                fields.pop("currency") or "USD",
                fields.pop("years") or "",
                today,
                per_year=per_year,
                kind=kind,
                qualifier=fields.pop("qualifier") or EXACT,
                convert_on=parse_date(rate_date, "usd_rate_date", today) if rate_date else None,
                **fields,  # type: ignore[arg-type]
            )
            if item.get("replaces") is not None:
                replaced[(code, pledge.key())] = replaced_key(item["replaces"])
            pledges.append(pledge)
        except BadInput as error:
            raise error.within(where) from None
    _no_repeats(pledges, "pledge")
    return pledges


def replaced_key(value: object, field: str = "replaces") -> tuple:
    """The key (``Pledge.key``) of the pledge a data file's ``replaces`` (or a figure's
    ``answers``) names."""

    if not isinstance(value, dict) or any(not isinstance(value.get(f), str) for f in REPLACED_KEYS):
        raise BadInput(
            f"field {field!r} must be an object with the announced_on, amount, currency and "
            f"years of the pledge it {field.removesuffix('s')}s"
        )
    currency = money.check_currency(value["currency"])
    amount = money.amount_text(money.parse_amount(value["amount"], currency))
    first, last = years_of(check_period(value["years"]))
    announced = parse_date(value["announced_on"], f"{field}: announced_on").isoformat()
    return (announced, amount, currency, first, last)


def _milestones(record: dict, code: str, today: date) -> list[Milestone] | None:
    listed = listed_objects(record, "milestones", MILESTONE_KEYS, ("happened_on", "step"))
    if listed is None:
        return None
    milestones = []
    for number, item in enumerate(listed, start=1):
        where = f"milestone {number}"
        fields = {f: _text(item, f, where) for f in MILESTONE_KEYS}
        try:
            milestones.append(build_milestone(code, today=today, **fields))  # type: ignore[arg-type]
        except BadInput as error:
            raise error.within(where) from None
    _no_repeats(milestones, "milestone")
    return milestones


def parse(
    data: object,
    today: date,
    ledger: dict[str, list[Pledge]] | None = None,
    statuses: dict[str, str] | None = None,
    tick: Tick | None = None,
) -> SeedData:
    """A whole data file; any invalid record rejects it, naming the record and the field.
    ``ledger`` is the database's pledges by party code (see ``parse_record``);
    ``statuses`` the tracked parties' statuses, which a record that leaves its status out
    keeps."""
    data = _file_object(data)

    parties = [_keyed(record, i) for i, record in enumerate(data["parties"], start=1)]
    # A code listed twice is refused before any record is checked (a look at each code,
    # not at every record: a file of 100,000 records that repeat five codes is refused
    # in well under a second).
    written = Counter(
        r["code"].strip().upper()
        for r in parties
        if isinstance(r, dict) and isinstance(r.get("code"), str)
    )
    duplicates = sorted(code for code, n in written.items() if n > 1)
    if duplicates:
        raise BadInput(f"the data file lists {duplicates[0]} more than once; keep one record")
    ledger = ledger or {}
    rows, milestones, pledges, added, terms, deliveries = [], {}, {}, {}, {}, {}
    answered: dict[tuple, tuple] = {}
    given: dict[str, frozenset[str]] = {}
    replaced: dict[tuple, tuple] = {}
    # How far the check has got, counted in the records and the items they list.
    sizes = [_size(record) for record in parties] if tick else []
    total, done = sum(sizes), 0
    for i, record in enumerate(parties, start=1):
        if tick:
            tick(CHECKING, done, total)
            done += sizes[i - 1]
        code = record.get("code") if isinstance(record, dict) else None
        key = code.strip().upper() if isinstance(code, str) else None
        known = ledger.get(key) if key else None
        fields = frozenset(record) if isinstance(record, dict) else frozenset()
        if isinstance(record, dict) and "status" not in fields and key in (statuses or {}):
            record = {**record, "status": (statuses or {})[key]}  # left as it is
        parsed = parse_record(record, i, today, known, replaced, answered)
        rows.append((parsed.row, parsed.effective_on))
        given[parsed.row.code] = fields  # the fields as the file gives them
        if parsed.milestones is not None:
            milestones[parsed.row.code] = parsed.milestones
        if parsed.pledges is not None:
            pledges[parsed.row.code] = parsed.pledges
        if parsed.own is not None:
            added[parsed.row.code] = [parsed.own]
        if parsed.terms is not None:
            terms[parsed.row.code] = parsed.terms
        if parsed.deliveries is not None:
            deliveries[parsed.row.code] = parsed.deliveries
    if tick:
        tick(CHECKING, total, total)
    for (code, key), target in replaced.items():
        listed = pledges.get(code, [])
        if not any(p.key() == target for p in listed):
            raise BadInput(
                f"a pledge of {code} replaces one the record does not list (announced "
                f"{target[0]}, {target[2]} {target[1]}); list it among the party's pledges"
            )
        if target == key:
            raise BadInput(f"a pledge of {code} replaces itself; name an earlier pledge")
    settings = _settings(data)
    return SeedData(
        settings=settings,
        rows=rows,
        milestones=milestones,
        pledges=pledges,
        added_pledges=added,
        replacing=replaced,
        given=given,
        terms=terms,
        deliveries=deliveries,
        answering=answered,
    )


def _file_object(data: object) -> dict:
    """The file's top object, checked: its fields, what JSON cannot say, its format."""
    if not isinstance(data, dict) or not isinstance(data.get("parties"), list):
        raise BadInput("the data file must be a JSON object with a list of 'parties'")
    unknown = sorted(set(data) - TOP_FIELDS)
    if unknown:
        raise BadInput(f"the data file has an unknown field {unknown[0]!r}")
    problem = first_problem({k: v for k, v in data.items() if k != "parties"}, data)
    if problem:
        raise BadInput(f"the data file: {problem}")
    if data.get("format", FORMAT) not in READABLE_FORMATS:
        raise BadInput(
            f"the data file is in format {data['format']!r}; this version reads "
            f"{' and '.join(READABLE_FORMATS)}"
        )
    return data


def _settings(data: dict) -> dict[str, str]:
    """The settings the file gives: its dates, the goal and its basis, the reported total."""
    settings: dict[str, str] = {}
    if data.get("snapshot"):
        settings["snapshot"] = parse_date(str(data["snapshot"]), "snapshot").isoformat()
    if data.get("sources_checked"):
        settings["sources_checked"] = parse_date(
            str(data["sources_checked"]), "sources_checked"
        ).isoformat()
    goal = _section(data, "goal", "count")
    if goal:
        settings.update(
            goal=str(goal["count"]),
            goal_basis=str(goal.get("basis", "")),
            goal_source=str(goal.get("source", "")),
        )
    reported = _section(data, "reported_value", "value_usd")
    if reported:
        settings.update(
            reported_value_usd=str(reported["value_usd"]),
            reported_value_as_of=str(reported.get("as_of", "")),
            reported_value_statement=str(reported.get("statement", "")),
            reported_value_source=str(reported.get("source", "")),
        )
    return settings


def _size(record: object) -> int:
    """A record's share of the work of checking a file: itself and each item it lists."""
    if not isinstance(record, dict):
        return 1
    listed = [record.get(field) for field in ("pledges", "milestones", "terms", "deliveries")]
    return 1 + sum(len(items) for items in listed if isinstance(items, list))


def _keyed(record: object, index: int) -> object:
    """A record that names its party by ``country`` alone (any name or alias the CLI
    takes), with the code that name stands for."""
    if not isinstance(record, dict) or record.get("code") is not None:
        return record
    country = record.get("country")
    if not isinstance(country, str):
        return record  # refused by parse_record, which asks for a code
    try:
        party = countries.resolve(country)
    except BadInput as error:
        raise error.within(f"record {index}") from None
    keyed = {"code": party.code, **record}
    if getattr(record, "duplicate", None) is not None:  # keep what JSON said twice
        keyed = JsonObject(keyed)
        keyed.duplicate = record.duplicate  # type: ignore[attr-defined]
    return keyed


def origin(data: dict) -> str | None:
    """The origin the change log records an import of the data file ``data`` under: the day
    its sources were checked, when it says one (else None)."""
    checked = data.get("sources_checked")
    return (
        f"{CHECKED}{parse_date(str(checked), 'sources_checked').isoformat()}" if checked else None
    )


def _section(data: dict, name: str, number: str) -> dict:
    """An optional object of the file whose ``number`` field is a positive whole number."""
    section = data.get(name)
    if section is None:
        return {}
    value = section.get(number) if isinstance(section, dict) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise BadInput(
            f"the data file's {name!r} must be an object whose {number!r} is a whole number"
        )
    if value > SECTION_LIMITS[name]:
        raise BadInput(
            f"the data file's {name} {number} {value} is more than {SECTION_LIMITS[name]}, "
            "which no agreements data has"
        )
    return section


SECTION_LIMITS = {"goal": MAX_GOAL, "reported_value": MAX_AMOUNT}


def export_data(
    rows: list[Party],
    settings: dict[str, str],
    since: dict[str, str],
    milestones: Sequence[Milestone],
    pledges: Sequence[Pledge],
    data_as_of: str | None,
    sources_checked: str | None = None,
    terms: Sequence[Term] = (),
    deliveries: Sequence[Delivery] = (),
) -> dict:
    """The database in the format of data/seed.json, so that import reads it back. Its
    snapshot is the data's own date, and it says the day its sources were last checked;
    each pledge names the day its USD value is of."""
    data: dict = {"format": FORMAT}
    if data_as_of:
        data["snapshot"] = data_as_of
    if sources_checked:
        data["sources_checked"] = sources_checked
    if settings.get("goal"):
        data["goal"] = {
            "count": int(settings["goal"]),
            "basis": settings.get("goal_basis", ""),
            "source": settings.get("goal_source", ""),
        }
    if settings.get("reported_value_usd"):
        data["reported_value"] = {
            "value_usd": int(settings["reported_value_usd"]),
            "as_of": settings.get("reported_value_as_of", ""),
            "statement": settings.get("reported_value_statement", ""),
            "source": settings.get("reported_value_source", ""),
        }
    order = ("code", "country", "status", "since", "signed_on", "place", "source", "note",
             "count_reason", "count_source")  # fmt: skip
    # The pledges that another pledge replaces or a figure answers, by id (only those: a
    # look-up of every pledge would cost as much memory as 10,000 of them).
    named = {p.replaces for p in pledges} | {d.pledge for d in deliveries}
    by_id = {pledge.id: pledge for pledge in pledges if pledge.id in named}
    items: dict[str, dict[str, list[dict]]] = {
        "milestones": {}, "pledges": {}, "terms": exported(terms),
        "deliveries": exported_deliveries(deliveries, by_id),
    }  # fmt: skip
    shown: dict[str, object]
    for milestone in milestones:
        shown = {"happened_on": milestone.happened_on, "step": milestone.step,
                 "document": milestone.document, "source": milestone.source,
                 "note": milestone.note}  # fmt: skip
        items["milestones"].setdefault(milestone.code, []).append(_present(shown))
    for pledge in pledges:
        replaced = by_id.get(pledge.replaces) if pledge.replaces is not None else None
        shown = {
            "amount": pledge.amount, "currency": pledge.currency,
            "years": interned(pledge.period), "per_year": pledge.per_year or None,
            "kind": pledge.kind, "instrument": pledge.instrument, "tie": pledge.tie,
            "qualifier": pledge.qualifier,
            "announced_on": pledge.announced_on, "usd_rate_date": pledge.usd_rate_date,
            "replaces": None if replaced is None else {
                "announced_on": replaced.announced_on, "amount": replaced.amount,
                "currency": replaced.currency, "years": replaced.period,
            },
            "source": pledge.source, "note": pledge.note,
        }  # fmt: skip
        items["pledges"].setdefault(pledge.code, []).append(_present(shown))
    parties = []
    for row in rows:
        record = {**row.as_dict(), "since": since.get(row.code) if row.status != "signed" else None}
        party = {f: record[f] for f in order if record.get(f) is not None}
        if not row.counted:
            party["counted"] = False
        for field, by_code in items.items():
            if row.code in by_code:
                party[field] = by_code[row.code]
        parties.append(party)
    data["parties"] = parties
    return data


def _present(fields: dict) -> dict:
    return {f: v for f, v in fields.items() if v is not None}


def read_file(name: str, encoding: str | None = None, sheet: str | None = None) -> object:
    """The data of a data file (JSON, a CSV or a workbook's sheet of parties), of standard
    input for '-', or of a web address; a bad file is bad input."""

    raw = sheets.read_bytes(name)  # the limit is in bytes: 10 MB of text in any script
    if sheets.file_type(name, raw) != "json":
        return records_from_table(sheets.table(name, raw, encoding, sheet), name)
    if sheet is not None:
        raise BadInput(f"{name} is not an Excel workbook", Fix.NO_SHEET)
    text = sheets.decode(raw, name, encoding)
    try:
        return json.loads(text, object_pairs_hook=json_object)
    except json.JSONDecodeError as error:
        raise BadInput(
            f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise BadInput(f"{name} is nested too deeply to be a data file") from None
    except ValueError:  # a whole number of thousands of digits
        raise BadInput(
            f"{name} holds a number of more than {sys.get_int_max_str_digits()} digits, "
            "which no data file of agreements has"
        ) from None
