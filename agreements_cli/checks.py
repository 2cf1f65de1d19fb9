"""`agreements check`: what in the data needs a person's attention, like `hledger check`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

from agreements_cli.errors import Fix
from agreements_cli.records import Milestone, Party, Pledge, Problem


def problems(
    rows: list[Party],
    latest: dict[str, Party | None],
    today: date,
    milestones: Sequence[Milestone] = (),
    pledges: Sequence[Pledge] = (),
    settings: Mapping[str, object] | None = None,
) -> list[Problem]:
    """One problem a line, in a stable order; an empty list when all is well.

    ``rows`` is the table; ``latest`` the row each party's newest change-log event left;
    ``milestones`` and ``pledges`` their tables.
    """
    found: list[Problem] = []
    by_code = {row.code: row for row in rows}
    day = today.isoformat()
    for row in rows:
        who = f"{row.country} ({row.code})"
        found += _text_problems(who, row.as_dict())
        if row.status == "signed" and not row.signed_on:
            found.append(Problem(f"{who}: signed, but has no signing date",
                                 Fix.CHECK_SIGNING_DATE, {"code": row.code}))  # fmt: skip
        if row.status == "signed" and not row.source:
            found.append(Problem(f"{who}: signed, but has no source", Fix.CHECK_SOURCE,
                                 {"code": row.code}))  # fmt: skip
        if row.signed_on and row.signed_on > day:
            found.append(Problem(f"{who}: signing date {row.signed_on} is in the future"))
        if not row.counted and not row.count_reason:
            found.append(Problem(f"{who}: outside the official count, but no reason is given",
                                 Fix.CHECK_COUNT_REASON, {"code": row.code}))  # fmt: skip
        if row.code not in latest:
            found.append(Problem(f"{who}: tracked, but the change log has no event for it"))
        elif latest[row.code] is None:
            found.append(Problem(f"{who}: tracked, but the change log says it was removed"))
        elif _canonical(latest[row.code]) != _canonical(row):
            found.append(Problem(f"{who}: the table differs from the last change recorded for it"))
    for code, after in sorted(latest.items()):
        if after is not None and code not in by_code:
            found.append(
                Problem(
                    f"{after.country or code} ({code}): in the change log, but not in the table"
                )
            )
    for milestone in milestones:
        what = f"milestone {milestone.id} ({milestone.code}, {milestone.step})"
        found += _text_problems(what, milestone.as_dict())
        if milestone.code not in by_code:
            found.append(Problem(f"{what}: its party is not tracked"))
        if milestone.happened_on > day:
            found.append(Problem(f"{what}: date {milestone.happened_on} is in the future"))
        if not milestone.source:
            found.append(Problem(f"{what}: has no source"))
    for pledge in pledges:
        what = f"pledge {pledge.id} ({pledge.code}, {pledge.amount} {pledge.currency})"
        found += _text_problems(what, pledge.as_dict())
        if pledge.code not in by_code:
            found.append(Problem(f"{what}: its party is not tracked"))
        if pledge.announced_on > day:
            found.append(Problem(f"{what}: announced on {pledge.announced_on}, in the future"))
        if not pledge.source:
            found.append(Problem(f"{what}: has no source", Fix.CHECK_PLEDGE_SOURCE,
                                 {"id": pledge.id}))  # fmt: skip
    found += _text_problems("settings", dict(settings or {}))
    return found


# Fields of free text a read shows, and fields that hold a source's address.
_TEXTS = ("country", "place", "note", "count_reason", "step", "document", "goal_basis",
          "reported_value_statement")  # fmt: skip
_SOURCES = ("source", "count_source", "goal_source", "reported_value_source")


def _text_problems(who: str, fields: dict[str, object]) -> list[Problem]:
    """A source that is not a web address as agreements writes one (a terminal would
    otherwise be given it as a link), and text with control characters, which every read
    shows escaped and agreements never writes."""
    from agreements_cli.rules import is_web_address
    from agreements_cli.safety import has_hidden, visible

    found = []
    for field, value in fields.items():
        if not isinstance(value, str):
            continue
        short = value if len(value) <= 60 else value[:57] + "..."
        shown = visible(short).replace("\n", "\\n").replace("\t", "\\t")  # one line
        if field in _SOURCES and value and not is_web_address(value):
            found.append(Problem(f"{who}: {field} '{shown}' is not a web address (http:// or "
                                 "https://, with no space or control character)"))  # fmt: skip
        elif field in _TEXTS and has_hidden(value, keep="\n\t"):
            found.append(Problem(f"{who}: {field} '{shown}' holds control characters"))
    return found


def _canonical(row: Party | None) -> str:
    """A row as JSON text: what is logged, compared exactly (1 is not true there)."""
    return json.dumps(row.as_dict() if row else None, sort_keys=True)
