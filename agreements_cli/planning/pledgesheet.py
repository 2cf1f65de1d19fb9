"""What importing a sheet of pledges would change: the rows the ledger lacks, as pledges
to add; a row already in the ledger (the same party, day, amount and currency), and a row
that cannot be a pledge, said and skipped."""

from __future__ import annotations

from typing import NamedTuple

from agreements_cli.countries import by_code
from agreements_cli.formats.pledgesheet import Row
from agreements_cli.records import Change, Party, Pledge
from agreements_cli.wording import pledge_words


def _same(pledge: Pledge) -> tuple[str, str, str, str]:
    """What makes a row the ledger's pledge, as a sheet and the ledger can tell: the same
    party, day, amount and currency (a sheet that leaves the years out says nothing
    against them)."""
    return (pledge.code, pledge.announced_on, pledge.amount, pledge.currency)


class SheetPlan(NamedTuple):
    """What importing a sheet would change: the pledges to add (``changes``), a line for
    people about each and about each row skipped, and how many rows there are, already in
    the ledger and skipped."""

    changes: list[Change]
    lines: list[str]
    rows: int
    matched: int
    skipped: int


def plan_rows(rows: list[Row], current: dict[str, Party], ledger: list[Pledge]) -> SheetPlan:
    """The pledges of ``rows`` the ledger lacks, for parties that are tracked."""
    changes: list[Change] = []
    lines: list[str] = []
    held: dict[tuple, list[Pledge]] = {}  # the ledger's pledges (and the sheet's) by _same
    for stored in ledger:
        held.setdefault(_same(stored), []).append(stored)
    matched = skipped = 0
    taken: set[int] = set()  # ids of the ledger's pledges a line matched
    untracked: dict[str, list[int]] = {}
    for row in rows:
        pledge = row.pledge
        if pledge is None:
            skipped += 1
            lines.append(f"skip line {row.line} ({row.who or 'no donor'}): {row.skipped}")
            continue
        party = current.get(pledge.code)
        if party is None:
            skipped += 1
            untracked.setdefault(pledge.code, []).append(row.line)
            continue
        twins = held.setdefault(_same(pledge), [])
        free = next((p for p in twins if p.id is not None and p.id not in taken), None)
        if free is not None:  # in the ledger: left as it is there
            matched += 1
            taken.add(free.id)  # type: ignore[arg-type]
            continue
        if twins:  # what an earlier line of the sheet was
            skipped += 1
            lines.append(
                f"skip line {row.line} ({row.who}): the same pledge as an "
                f"earlier line ({pledge_words(pledge)}, announced "
                f"{pledge.announced_on}); the ledger holds it once"
            )
            continue
        twins.append(pledge)
        changes.append(Change("pledge", pledge.code, None, pledge))
        lines.append(
            f"add pledge of {party.country} ({pledge.code}): {pledge_words(pledge)}, "
            f"announced {pledge.announced_on}"
        )

    for code, numbers in untracked.items():
        shown = ", ".join(str(n) for n in numbers[:5]) + (", ..." if len(numbers) > 5 else "")
        lines.append(
            f"skip {by_code(code).name} ({code}), not tracked: {len(numbers)} "
            f"line{'s' if len(numbers) > 1 else ''} ({shown})"
        )
    return SheetPlan(changes, lines, len(rows), matched, skipped)
