"""`agreements check`: what in the data needs a person's attention, like `hledger check`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from agreements_cli import money
from agreements_cli.deliveries import Delivery
from agreements_cli.errors import BadInput, Fix, Problem
from agreements_cli.records import ENTITY_NOUNS, MAX_ID, Milestone, Party, Pledge, Term
from agreements_cli.rules import is_web_address, latest_day
from agreements_cli.safety import has_hidden, visible

if TYPE_CHECKING:
    from agreements_cli.store.log import Left


def problems(
    rows: list[Party],
    latest: dict[str, Party | None],
    today: date,
    milestones: Sequence[Milestone] = (),
    pledges: Sequence[Pledge] = (),
    settings: Mapping[str, object] | None = None,
    logged: Mapping[str, Mapping[int, Left | None]] | None = None,
    terms: Sequence[Term] = (),
    strict: bool = False,
    deliveries: Sequence[Delivery] = (),
) -> list[Problem]:
    """One problem a line, in a stable order; an empty list when all is well.

    ``rows`` is the table; ``latest`` the row each party's newest change-log event left;
    ``milestones``, ``pledges``, ``terms`` and ``deliveries`` their tables; ``settings`` the settings;
    ``logged``, by entity, the row each item's newest event left (None: removed); with
    ``strict``, a term read from anything but the agreement's official text is named too.
    """
    by_code = {row.code: row for row in rows}

    day = latest_day(today).isoformat()  # a date is in the future after it everywhere
    found = [problem for row in rows for problem in _party_problems(row, latest, day)]
    for code, after in sorted(latest.items()):
        if after is not None and code not in by_code:
            found.append(
                Problem(
                    f"{after.country or code} ({code}): in the change log, but not in the table"
                )
            )
    logged = logged or {}
    for milestone in milestones:
        found += _milestone_problems(milestone, by_code, day, logged.get("milestone"))
    for pledge in pledges:
        found += _pledge_problems(pledge, by_code, day, logged.get("pledge"))
    for term in terms:
        found += _term_problems(term, by_code, day, logged.get("term"), strict)
    owners = {pledge.id: pledge.code for pledge in pledges}
    for figure in deliveries:
        found += _delivery_problems(figure, by_code, day, logged.get("delivery"), owners)
    items_of: tuple[tuple[str, Sequence[Milestone | Pledge | Term | Delivery]], ...] = (
        ("milestone", milestones), ("pledge", pledges), ("term", terms),
        ("delivery", deliveries),
    )  # fmt: skip
    for entity, items in items_of:
        held = {item.id for item in items}
        for item_id, left in sorted(logged.get(entity, {}).items()):
            if left is not None and item_id not in held:
                found.append(
                    Problem(
                        f"{ENTITY_NOUNS[entity]} {item_id} ({left.code}): in the change "
                        "log, but not in the table"
                    )
                )
    found += _text_problems("settings", dict(settings or {}))
    return found


def _against_the_log(
    what: str, item: Milestone | Pledge | Term | Delivery, logged: Mapping[int, Left | None]
) -> list[Problem]:
    """An item compared with the row its newest change-log event left, field by field
    (a row logged before a field existed is compared on the fields it has)."""
    if item.id is None or item.id not in logged:
        return [Problem(f"{what}: in the table, but the change log has no event for it")]
    left = logged[item.id]
    if left is None:
        return [Problem(f"{what}: in the table, but the change log says it was removed")]
    recorded = left.record
    if any(getattr(recorded, f) != getattr(item, f) for f in sorted(left.fields)):
        return [Problem(f"{what}: the table differs from the last change recorded for it")]
    return []


def _value_problems(what: str, pledge: Pledge, latest: str) -> list[Problem]:
    """A pledge's USD and EUR values against its amount and rates, and the rates against
    the ECB's for their day: a value another program changed (multiplied by 1,000, say)
    is named, as is a rate of a day after the announcement or after ``latest``, the
    latest day on Earth."""

    found = []
    for target, value, rate, day in (
        ("USD", pledge.value_usd, pledge.usd_rate, pledge.usd_rate_date),
        ("EUR", pledge.value_eur, pledge.eur_rate, pledge.eur_rate_date),
    ):
        if value is None or rate is None or day is None:
            continue  # (an EUR value a pledge written before it was kept does not have)
        unit = target.lower()
        try:
            exact = Decimal(pledge.amount) * Decimal(rate)
            off = abs(Decimal(value) - exact) > max(Decimal(1), exact * Decimal("1e-9"))
        except (InvalidOperation, TypeError, ValueError):
            continue  # a value that is not a number: named by the read of the table
        if off:
            found.append(
                Problem(
                    f"{what}: value_{unit} {value} is not amount x {unit}_rate "
                    f"({pledge.amount} x {rate} = {round(exact)})"
                )
            )
        if day > pledge.announced_on or day > latest:
            found.append(
                Problem(
                    f"{what}: {unit}_rate_date {day} is after its announcement "
                    f"({pledge.announced_on})"
                )
            )
            continue
        try:
            convert = money.to_usd if target == "USD" else money.to_eur
            ecb = convert(Decimal(pledge.amount), pledge.currency, date.fromisoformat(day))
        except (BadInput, ValueError):
            found.append(Problem(f"{what}: no ECB rate for {pledge.currency} on {day}"))
            continue
        if ecb.rate != Decimal(rate) or ecb.rate_date.isoformat() != day:
            found.append(
                Problem(
                    f"{what}: {unit}_rate {rate} of {day} is not the ECB's "
                    f"({ecb.rate} of {ecb.rate_date.isoformat()})"
                )
            )
    return found


# Fields of free text a read shows, and fields that hold a source's address.
_TEXTS = ("country", "place", "note", "count_reason", "step", "document", "goal_basis",
          "reported_value_statement")  # fmt: skip
_SOURCES = ("source", "count_source", "goal_source", "reported_value_source")


def _party_problems(row: Party, latest: Mapping[str, Party | None], day: str) -> list[Problem]:
    """What needs attention in a party's row, and in it against its change log."""
    who = f"{row.country} ({row.code})"
    found = _text_problems(who, row.as_dict())
    if row.status == "signed" and not row.signed_on:
        found.append(
            Problem(
                f"{who}: signed, but has no signing date",
                Fix.CHECK_SIGNING_DATE,
                {"code": row.code},
            )
        )
    if row.status == "signed" and not row.source:
        found.append(
            Problem(f"{who}: signed, but has no source", Fix.CHECK_SOURCE, {"code": row.code})
        )
    if row.signed_on and row.signed_on > day:
        found.append(Problem(f"{who}: signing date {row.signed_on} is in the future"))
    if not row.counted and not row.count_reason:
        found.append(
            Problem(
                f"{who}: outside the official count, but no reason is given",
                Fix.CHECK_COUNT_REASON,
                {"code": row.code},
            )
        )
    if row.code not in latest:
        found.append(Problem(f"{who}: tracked, but the change log has no event for it"))
    elif latest[row.code] is None:
        found.append(Problem(f"{who}: tracked, but the change log says it was removed"))
    elif _canonical(latest[row.code]) != _canonical(row):
        found.append(Problem(f"{who}: the table differs from the last change recorded for it"))
    return found


def _item_problems(
    what: str,
    item: Milestone | Pledge | Term | Delivery,
    by_code: Mapping[str, Party],
    future: str | None,
    own: list[Problem],
    logged: Mapping[int, Left | None] | None,
) -> list[Problem]:
    """An item's problems, in the order `check` prints them: its text, its party, its date
    in the ``future`` (what to say, or None), its ``own``, then the change log's row."""
    found = _text_problems(what, item.as_dict())
    if item.code not in by_code:
        found.append(Problem(f"{what}: its party is not tracked"))
    if future:
        found.append(Problem(f"{what}: {future}"))
    found += own
    if logged is not None:
        found += _against_the_log(what, item, logged)
    return found


def _milestone_problems(
    milestone: Milestone,
    by_code: Mapping[str, Party],
    day: str,
    logged: Mapping[int, Left | None] | None,
) -> list[Problem]:
    what = f"milestone {milestone.id} ({milestone.code}, {milestone.step})"
    late = milestone.happened_on > day
    future = f"date {milestone.happened_on} is in the future" if late else None
    own = [] if milestone.source else [Problem(f"{what}: has no source")]
    return _item_problems(what, milestone, by_code, future, own, logged)


def _pledge_problems(
    pledge: Pledge,
    by_code: Mapping[str, Party],
    day: str,
    logged: Mapping[int, Left | None] | None,
) -> list[Problem]:
    what = f"pledge {pledge.id} ({pledge.code}, {pledge.amount} {pledge.currency})"
    late = pledge.announced_on > day
    future = f"announced on {pledge.announced_on}, in the future" if late else None
    own = []
    if not pledge.source:
        runs = isinstance(pledge.id, int) and 1 <= pledge.id <= MAX_ID  # the CLI takes it
        own.append(
            Problem(
                f"{what}: has no source",
                Fix.CHECK_PLEDGE_SOURCE if runs else None,
                {"id": pledge.id} if runs else None,
            )
        )
    own += _value_problems(what, pledge, day)
    return _item_problems(what, pledge, by_code, future, own, logged)


def _term_problems(
    term: Term,
    by_code: Mapping[str, Party],
    day: str,
    logged: Mapping[int, Left | None] | None,
    strict: bool,
) -> list[Problem]:
    """A term's problems; with ``strict``, one read from anything but the official text."""
    what = f"term {term.id} ({term.code}, {term.term})"
    late = term.holds_from > day
    future = f"holds from {term.holds_from}, in the future" if late else None
    read = term.status != "unknown"
    own = []
    if read and not term.source:
        values: dict[str, object] = {"code": term.code, "term": term.term,
                                     "status": term.status, "holds_from": term.holds_from}  # fmt: skip
        said = term.status.replace("_", " ")
        own.append(Problem(f"{what}: {said}, but has no source", Fix.CHECK_TERM_SOURCE, values))
    elif strict and read and term.source_kind != "official_text":
        kind = (term.source_kind or "no kind given").replace("_", " ")
        own.append(Problem(f"{what}: read from a source that is not the official text ({kind})"))
    return _item_problems(what, term, by_code, future, own, logged)


def _delivery_problems(
    figure: Delivery,
    by_code: Mapping[str, Party],
    day: str,
    logged: Mapping[int, Left | None] | None,
    owners: Mapping[int | None, str],
) -> list[Problem]:
    """A figure of what was done: its source, and the pledge it answers (the ledger's, and
    of its own party)."""
    what = f"delivery figure {figure.id} ({figure.code}, {figure.measure} {figure.amount} {figure.currency})"
    late = figure.stated_on > day
    future = f"stated on {figure.stated_on}, in the future" if late else None
    own = [] if figure.source else [Problem(f"{what}: has no source")]
    answered = figure.pledge
    if answered is not None and answered not in owners:
        own.append(Problem(f"{what}: answers pledge {answered}, which the ledger does not hold"))
    elif answered is not None and owners[answered] != figure.code:
        own.append(Problem(f"{what}: answers pledge {answered}, which is of {owners[answered]}"))
    if figure.measure == "received" and figure.reporter != "recipient":
        own.append(Problem(f"{what}: received, but reported by the {figure.reporter}"))
    return _item_problems(what, figure, by_code, future, own, logged)


def _text_problems(who: str, fields: dict[str, object]) -> list[Problem]:
    """A source that is not a web address as agreements writes one (a terminal would
    otherwise be given it as a link), and text with control characters, which every read
    shows escaped and agreements never writes."""

    found = []
    for field, value in fields.items():
        if not isinstance(value, str):
            continue
        short = value if len(value) <= 60 else value[:57] + "..."
        shown = visible(short).replace("\n", "\\n").replace("\t", "\\t")  # one line
        if field in _SOURCES and value and not is_web_address(value):
            found.append(
                Problem(
                    f"{who}: {field} '{shown}' is not a web address (http:// or "
                    "https://, with no space or control character)"
                )
            )
        elif field in _TEXTS and has_hidden(value, keep="\n\t"):
            found.append(Problem(f"{who}: {field} '{shown}' holds control characters"))
    return found


def _canonical(row: Party | None) -> str:
    """A row as JSON text: what is logged, compared exactly (1 is not true there)."""
    return json.dumps(row.as_dict() if row else None, sort_keys=True)
