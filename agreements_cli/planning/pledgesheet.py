"""What importing a sheet of pledges would change: the rows the ledger lacks, as pledges
to add; a row already in the ledger (the same party, day, amount and currency), and a row
that cannot be a pledge, said and skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from agreements_cli.countries import by_code
from agreements_cli.deliveries import Delivery
from agreements_cli.formats.kiel import Read
from agreements_cli.formats.pledgesheet import Row
from agreements_cli.records import Change, Party, Pledge
from agreements_cli.wording import delivery_words, pledge_words


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
    figures: int = 0  # figures of what was done to add (a Kiel release's allocations, ...)
    figures_matched: int = 0  # and those already in the ledger
    totals: dict[str, int] | None = None  # EUR read, by measure (committed: the pledges)


def plan_rows(
    rows: list[Row], current: dict[str, Party], ledger: Mapping[tuple, Sequence[int]]
) -> SheetPlan:
    """The pledges of ``rows`` the ledger lacks, for parties that are tracked; ``ledger``
    is the ids of its pledges by what a row is matched with (``Pledges.keys``: the ledger is
    not read whole)."""
    changes: list[Change] = []
    lines: list[str] = []
    added: set[tuple] = set()  # what the sheet's earlier lines added
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
        key = _same(pledge)
        held = ledger.get(key, ())
        free = next((i for i in held if i not in taken), None)
        if free is not None:  # in the ledger: left as it is there
            matched += 1
            taken.add(free)
            continue
        if held or key in added:  # what an earlier line of the sheet was
            skipped += 1
            lines.append(
                f"skip line {row.line} ({row.who}): the same pledge as an "
                f"earlier line ({pledge_words(pledge)}, announced "
                f"{pledge.announced_on}); the ledger holds it once"
            )
            continue
        added.add(key)
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


def _counted(counts: Counter[str], noun: str) -> str:
    shown = [f"{name} ({n} {noun}{'' if n == 1 else 's'})" for name, n in counts.most_common()]
    return ", ".join(shown[:10]) + (f", and {len(shown) - 10} more" if len(shown) > 10 else "")


def plan_kiel(
    read: Read,
    current: dict[str, Party],
    ledger: Mapping[tuple, Sequence[int]],
    done: list[Delivery],
) -> SheetPlan:
    """What importing a current Kiel release would change: its commitments as pledges
    the ledger lacks (as ``plan_rows``), its allocations and deliveries as figures of what
    was done the ledger lacks; each row skipped, with why; the donors agreements cannot
    name and Kiel's words for an instrument that name none of the tool's; and the euros
    read, by measure."""
    rows = [Row(f.line, f.who, f.pledge) for f in read.figures if f.pledge is not None]
    rows += [Row(s.line, s.who, None, s.why) for s in read.skipped]
    rows.sort(key=lambda row: row.line)
    pledges = plan_rows(rows, current, ledger)
    held = {(figure.code, figure.key()) for figure in done}
    changes, lines = list(pledges.changes), list(pledges.lines)
    added = matched = 0
    untracked: Counter[str] = Counter()
    totals: dict[str, int] = {}
    for found in read.figures:  # (the euros of what the tracked parties gave)
        if found.pledge is not None:
            if found.pledge.code in current:
                value = found.pledge.value_eur or 0
                totals["committed"] = totals.get("committed", 0) + value
            continue
        figure = found.delivery
        assert figure is not None
        party = current.get(figure.code)
        if party is None:
            untracked[figure.code] += 1
            continue
        totals[figure.measure] = totals.get(figure.measure, 0) + figure.value_eur
        if (figure.code, figure.key()) in held:
            matched += 1
            continue
        held.add((figure.code, figure.key()))
        added += 1
        changes.append(Change("delivery", figure.code, None, figure))
        lines.append(
            f"add delivery figure of {party.country} ({figure.code}): {delivery_words(figure)}"
        )
    for code, count in untracked.items():
        lines.append(
            f"skip {count} figure{'' if count == 1 else 's'} done of {by_code(code).name} "
            f"({code}), not tracked"
        )
    if read.unknown_donors:
        count = sum(read.unknown_donors.values())
        lines.append(
            f"skip {count} row{'' if count == 1 else 's'} of donors agreements cannot name: "
            f"{_counted(read.unknown_donors, 'row')}"
        )
    if read.unmapped:
        lines.append(
            "Kiel's words that name no instrument of agreements (read as not stated): "
            + _counted(read.unmapped, "row")
        )
    lines.extend(read.notes)
    order = ("committed", "allocated", "delivered")
    lines.append(
        "Read in euros: " + "; ".join(f"{m} EUR {totals[m]:,}" for m in order if m in totals)
        if totals
        else "Read in euros: nothing"
    )
    return pledges._replace(
        changes=changes,
        lines=lines,
        rows=read.rows,
        skipped=pledges.skipped + sum(read.unknown_donors.values()),
        figures=added,
        figures_matched=matched,
        totals=totals,
    )
