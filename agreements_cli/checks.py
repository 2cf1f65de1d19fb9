"""`agreements check`: what in the data needs a person's attention, like `hledger check`."""

from __future__ import annotations

import json
from datetime import date


def problems(
    rows: list[dict],
    latest: dict[str, dict | None],
    today: date,
    milestones: list[dict] | None = None,
    pledges: list[dict] | None = None,
) -> list[str]:
    """One line per problem, in a stable order; an empty list when all is well.

    ``rows`` is the table; ``latest`` the row each party's newest change-log event left;
    ``milestones`` and ``pledges`` their tables.
    """
    found: list[str] = []
    by_code = {row["code"]: row for row in rows}
    for row in rows:
        who = f"{row['country']} ({row['code']})"
        if row["status"] == "signed" and not row["signed_on"]:
            found.append(
                f"{who}: signed, but has no signing date. Fix: agreements update {row['code']} --signed-on YYYY-MM-DD"
            )
        if row["status"] == "signed" and not row["source"]:
            found.append(
                f"{who}: signed, but has no source. Fix: agreements update {row['code']} --source URL"
            )
        if row["signed_on"] and row["signed_on"] > today.isoformat():
            found.append(f"{who}: signing date {row['signed_on']} is in the future")
        if not row["counted"] and not row["count_reason"]:
            found.append(
                f"{who}: outside the official count, but no reason is given. Fix: agreements "
                f"update {row['code']} --not-counted --count-reason TEXT"
            )
        if row["code"] not in latest:
            found.append(f"{who}: tracked, but the change log has no event for it")
        elif latest[row["code"]] is None:
            found.append(f"{who}: tracked, but the change log says it was removed")
        elif _canonical(latest[row["code"]]) != _canonical(row):
            found.append(f"{who}: the table differs from the last change recorded for it")
    for code, after in sorted(latest.items()):
        if after is not None and code not in by_code:
            found.append(
                f"{after.get('country') or code} ({code}): in the change log, but not in the table"
            )
    for milestone in milestones or []:
        what = f"milestone {milestone['id']} ({milestone['code']}, {milestone['step']})"
        if milestone["code"] not in by_code:
            found.append(f"{what}: its party is not tracked")
        if milestone["happened_on"] > today.isoformat():
            found.append(f"{what}: date {milestone['happened_on']} is in the future")
        if not milestone["source"]:
            found.append(f"{what}: has no source")
    for pledge in pledges or []:
        what = f"pledge {pledge['id']} ({pledge['code']}, {pledge['amount']} {pledge['currency']})"
        if pledge["code"] not in by_code:
            found.append(f"{what}: its party is not tracked")
        if pledge["announced_on"] > today.isoformat():
            found.append(f"{what}: announced on {pledge['announced_on']}, in the future")
        if not pledge["source"]:
            found.append(f"{what}: has no source. Fix: agreements pledge remove {pledge['id']}, "
                         "then add it again with --source URL")  # fmt: skip
    return found


def _canonical(row: dict) -> str:
    return json.dumps(row, sort_keys=True)
