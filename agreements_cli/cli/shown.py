"""How each result of the library is shown by this command line: the lines it says, and
for the read commands each format (``Shown``), in its own words (titles, the options a
note names)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from agreements_cli.cli.output import Shown
from agreements_cli.records import (
    HISTORY_FIELDS,
    LIST_FIELDS,
    TIMELINE_FIELDS,
    Entry,
    Pledge,
)
from agreements_cli.results import (
    Added,
    Dated,
    History,
    Imported,
    InFull,
    ItemAdded,
    ItemRemoved,
    Ledger,
    PartyList,
    PledgesImported,
    ProgressReport,
    Timeline,
    Updated,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from agreements_cli.render.history import HistoryLine

from agreements_cli.records import ENTITY_NOUNS, MILESTONE_FIELDS, PLEDGE_FIELDS, Month
from agreements_cli.wording import (
    conversion_text,
    dated,
    flat_change,
    item_words,
    plan_summary,
)


def _dated(when: Dated) -> str:
    return dated(when.as_of, when.data_as_of)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def list_shown(listing: PartyList) -> Shown:
    rows = listing.rows
    when = _dated(listing.dated)
    noun = "party" if len(rows) == 1 else "parties"
    kind = "/".join(listing.statuses) if listing.statuses else "tracked"
    title = f"{len(rows)} {kind} {noun}{' ' if listing.dated.as_of else ', '}{when}"

    def view(width: int) -> RenderableType:
        from agreements_cli.render import lists, views

        shown = lists.parties_view(rows, title, width, listing.year)
        return views.with_newer(shown, listing.dated.data_as_of, listing.newer_data)

    def markdown() -> tuple[list[str], list[list[str | None]]]:
        from agreements_cli.render.lists import ListColumns

        columns = ListColumns.of(rows, listing.year)
        return [*columns.headers(), "Source"], [[*columns.cells(r), r.source] for r in rows]

    return Shown(
        json=lambda: rows,
        view=view,
        fields=LIST_FIELDS,
        rows=lambda: (row.as_dict() for row in rows),
        markdown=markdown,
        footer=when,
    )


def added_line(added: Added) -> str:
    party, line = added.party, ""
    if party.signed_on:
        line += f" on {party.signed_on}"
        if added.dated_today:
            line += " (no --signed-on given: today's date)"
    if not party.counted:
        line += "; outside the official count"
    if added.pledge is not None:
        line += f"; pledge {conversion_text(added.pledge)}"
    return f"Added {party.country} ({party.code}): {party.status}{line}."


def updated_line(updated: Updated) -> str:
    if updated.changes is None:
        return f"No change: {updated.country} already has these values."
    notes = []
    if updated.signing_cleared:
        notes.append(
            f"signing date {updated.signing_cleared} cleared, as the status is now {updated.status}"
        )
    if updated.dated_today:
        notes.append("no --signed-on given: today's date")
    said = f" ({'; '.join(notes)})" if notes else ""
    return f"Updated {updated.country} ({updated.code}): {updated.changes}{said}."


def party_shown(full: InFull) -> Shown:
    pledges = [Entry(pledge) for pledge in full.pledges]
    milestones = [Entry(milestone) for milestone in full.milestones]
    when = _dated(full.dated) if full.dated is not None else None

    def view(width: int) -> RenderableType:
        from agreements_cli.render.lists import party_view

        return party_view(
            full.listed.party,
            pledges,
            milestones,
            full.history,
            width,
            full.years,
            when,
            full.terms,
            full.deliveries,
        )

    return Shown(json=full.as_dict, view=view)


def history_shown(history: History) -> Shown:
    def lines() -> Iterator[HistoryLine]:
        from agreements_cli.render.history import HistoryLine

        return map(HistoryLine.of, history.entries())

    def view(width: int) -> RenderableType:
        from agreements_cli.render.history import history_view

        return history_view(list(lines()), width)

    def printed() -> None:
        from agreements_cli.render.stream import print_history

        print_history(history.changes, lines)

    return Shown(
        json=history.entries,
        stream_json=True,
        view=view,
        printed=printed,
        fields=HISTORY_FIELDS,
        rows=lambda: map(flat_change, history.entries()),
    )


def progress_shown(report: ProgressReport) -> Shown:
    """JSON: the whole summary. CSV and TSV: the money, a row a year, with how many parties
    state a figure for it and whether it is partial. Markdown: a measure a row."""
    from agreements_cli.render.machine import YEAR_FIELDS, progress_rows, year_rows

    summary = report.summary

    def view(width: int) -> RenderableType:
        from agreements_cli.render.progress import progress_view
        from agreements_cli.render.views import with_newer

        return with_newer(progress_view(summary, width), summary.data_as_of, report.newer_data)

    return Shown(
        json=lambda: summary,
        view=view,
        fields=YEAR_FIELDS,
        rows=lambda: year_rows(summary),
        markdown=lambda: (["measure", "value"], progress_rows(summary)),
    )


def timeline_shown(timeline: Timeline) -> Shown:
    months = timeline.months
    when = dated(timeline.as_of, timeline.data_as_of)

    def flat() -> list[dict]:
        return [
            {
                **month.as_dict(),
                "parties": "; ".join(month.parties),
                "outside_count": "; ".join(month.outside_count),
            }
            for month in months
        ]

    return Shown(
        json=lambda: months,
        view=lambda width: _timeline_chart(months, width, when),
        fields=TIMELINE_FIELDS,
        rows=flat,
        footer=when,
    )


def _timeline_chart(months: list[Month], width: int, when: str) -> RenderableType:
    from agreements_cli.render.history import timeline_chart

    return timeline_chart(months, width, when)


def _blocks(pieces: str, entries: list[Entry], heading: str) -> Shown:
    """The views of a ledger of pledges or milestones (``pieces``: which): a table of blocks,
    or the blocks printed as they are made; Rich is loaded only when one is shown."""

    def view(width: int) -> RenderableType:
        from agreements_cli.render import lists

        return getattr(lists, f"{pieces}s_view")(entries, heading)

    def printed() -> None:
        from agreements_cli.render import lists
        from agreements_cli.render.stream import print_pieces

        print_pieces(getattr(lists, f"{pieces}_pieces")(entries, heading))

    return Shown(json=lambda: entries, stream_json=True, view=view, printed=printed)


def pledges_shown(ledger: Ledger) -> Shown:
    entries, year = ledger.entries, ledger.year
    fields = [*PLEDGE_FIELDS[:2], "country", *PLEDGE_FIELDS[2:]]
    if year:
        fields += ["year", "year_amount", "year_value_usd", "spread"]
    title = _plural(len(entries), "pledge") + (f" covering {year}" if year else "")
    heading = f"{title}, {_dated(ledger.dated)}"
    return _blocks("pledge", entries, heading)._replace(
        fields=fields, rows=lambda: (entry.flat() for entry in entries)
    )


def milestones_shown(ledger: Ledger) -> Shown:
    entries = ledger.entries
    heading = f"{_plural(len(entries), 'milestone')}, {_dated(ledger.dated)}"
    return _blocks("milestone", entries, heading)._replace(
        fields=[*MILESTONE_FIELDS[:2], "country", *MILESTONE_FIELDS[2:]],
        rows=lambda: (entry.as_dict() for entry in entries),
    )


def item_added_line(added: ItemAdded) -> str:
    item = added.item
    words = conversion_text(item) if isinstance(item, Pledge) else item_words(item)
    noun = ENTITY_NOUNS[added.entity]
    return f"Added {noun} {item.id} of {added.country} ({added.code}): {words}."


def imported_lines(imported: Imported, name: str) -> list[str]:
    plan = imported.plan
    if imported.dry_run:
        return [*plan.lines, f"Dry run: {plan_summary(plan)}. Nothing was written."]
    undo = " Undo with: agreements undo" if plan.changes else ""
    return [*plan.lines, f"Imported {name}: {plan_summary(plan, done=True)}.{undo}"]


def pledges_imported_lines(imported: PledgesImported, name: str) -> list[str]:
    """The plan's lines, the columns not read, and one line of what was (or would be) done."""
    planned = imported.planned
    figures = planned.figures
    added = len(planned.changes) - figures
    verb = "to add" if imported.dry_run else "added"
    done = (
        f", {figures} figure{'' if figures == 1 else 's'} of what was done {verb} "
        f"({planned.figures_matched} already in the ledger)"
        if planned.totals is not None
        else ""
    )
    counts = (
        f"{_plural(planned.rows, 'row')}: {added} pledge{'' if added == 1 else 's'} "
        f"{verb}, {planned.matched} already in the ledger{done}, {planned.skipped} skipped"
    )
    lines = list(planned.lines)
    if imported.unread:
        lines.append(f"Columns not read: {', '.join(imported.unread)}")
    if imported.dry_run:
        return [*lines, f"Dry run of {name} ({imported.read_as}): {counts}. Nothing was written."]
    undo = " Undo with: agreements undo" if planned.changes else ""
    return [*lines, f"Imported {name} ({imported.read_as}): {counts}.{undo}"]


def item_removed_line(removed: ItemRemoved) -> str:
    item = removed.item
    who = f"{removed.country} ({item.code})"
    return (
        f"Removed {ENTITY_NOUNS[removed.entity]} {item.id} of {who}: {item_words(item)}. "
        "Undo with: agreements undo"
    )
