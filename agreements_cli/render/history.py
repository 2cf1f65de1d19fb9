"""Rich views of the change log, the signings by month and the database file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from agreements_cli.records import (
    ENTITY_NOUNS,
    Described,
    Month,
)
from agreements_cli.render.views import (
    BAR_WIDTH,
    NARROW_HISTORY,
    NARROW_LIST,
    FirstThatFits,
    Piece,
    add_wrapping_column,
    cell,
    indented,
    piece_view,
)
from agreements_cli.wording import (
    changes_text,
    recorded_minute,
)


class HistoryLine(NamedTuple):
    """A change as the history shows it: when recorded and effective, whose, what, and the
    fields it changed in words."""

    recorded_at: str
    effective_on: str
    country: str
    action: str
    changes: str

    @classmethod
    def of(cls, entry: Described) -> HistoryLine:
        changes = changes_text(entry.changes, entry.entity)
        return cls(entry.recorded_at, entry.effective_on, entry.country, entry.action, changes)

    def cells(self) -> tuple[str, str, str, str, str]:
        return (
            recorded_minute(self.recorded_at),
            self.effective_on,
            self.country,
            self.action,
            self.changes,
        )


def history_view(lines: list[HistoryLine], width: int) -> RenderableType:
    if width >= NARROW_HISTORY:
        return FirstThatFits(width, history_table(lines), history_blocks(lines))
    return history_blocks(lines)


def _history_title(count: int) -> str:
    noun = "change" if count == 1 else "changes"
    return f"{count} {noun}, newest first"


def history_pieces(title: str, lines: Iterable[HistoryLine]) -> Iterator[Piece]:
    """One change a block: when, which party and what; then the fields it changed."""
    yield Piece("line", title, "italic")
    for line in lines:
        recorded, effective, country, action, changes = line.cells()
        yield Piece("line", f"{country} · {action}", "bold")
        yield Piece("indented", f"effective {effective}, recorded {recorded}")
        if changes:
            yield Piece("indented", changes)


def history_blocks(lines: list[HistoryLine]) -> RenderableType:

    return Group(*map(piece_view, history_pieces(_history_title(len(lines)), lines)))


def history_table(lines: list[HistoryLine]) -> RenderableType:

    table = Table(title=_history_title(len(lines)), title_justify="left")
    for header in ("Recorded", "Effective", "Country", "Action"):
        table.add_column(header, no_wrap=True)  # a time, a date, a name, a word: whole
    add_wrapping_column(table, "Changes", (line.changes for line in lines))
    for line in lines:
        table.add_row(*(cell(value) for value in line.cells()))
    return table


def timeline_chart(series: list[Month], width: int, data: str) -> RenderableType:
    """A bar per month: the running total against the goal, that month's signings brighter.
    Narrower than ``NARROW_LIST``, who signed goes on a line of its own under each bar.
    ``data`` says how current the data is."""

    if not series:
        return cell("No signed party has a signing date yet.")
    goal = series[0].goal
    narrow = width < NARROW_LIST
    # Month, bar and count take the bar's width plus 15 cells (with their spacing).
    bar_width = max(10, min(BAR_WIDTH, max(goal, series[-1].total), width - 15))
    title = f"Signings by month, running total against the goal of {goal}, {data}"
    table = Table(title=title, title_justify="left", box=None, pad_edge=False)
    table.add_column("Month")  # one word: never wrapped
    table.add_column("Running total", no_wrap=True)
    table.add_column(justify="right")  # the count, one word
    table.add_column("Signed that month", overflow="fold")
    blocks: list[RenderableType] = [cell(title, style="italic")]
    for point in series:
        scale = max(goal, point.total)
        before = round(bar_width * (point.total - point.signed) / scale)
        now = round(bar_width * point.total / scale)
        bar = Text()
        bar.append("█" * before, style="green dim")
        bar.append("█" * (now - before), style="bold green")
        bar.append("·" * (bar_width - now), style="dim")
        names = f"+{point.signed} {', '.join(point.parties)}" if point.signed else ""
        if point.outside_count:
            outside = f"{', '.join(point.outside_count)} outside the official count"
            names = f"{names}; {outside}" if names else outside
        count = f"{point.total}/{goal}"
        if narrow:
            line = cell(point.month + " ")
            line.append_text(bar)
            line.append(" " + count)
            blocks.append(line)
            if names:
                blocks.append(indented(names))
        else:
            table.add_row(cell(point.month), bar, cell(count), cell(names))
    return Group(*blocks) if narrow else table


def info_view(info: dict[str, Any]) -> RenderableType:

    last = info["last_change"]
    lines = [
        ("Size", f"{info['size_bytes']:,} bytes"),
        ("Schema", f"{info['schema']} ({info['migrations_applied']} of {info['migrations_known']} migrations)"),
        ("Parties", f"{info['parties']}: " + ", ".join(f"{n} {s}" for s, n in info["by_status"].items())),
        ("Change log", f"{info['events']} events"),
        ("Milestones", str(info["milestones"])),
        ("Pledges", str(info["pledges"])),
        ("Terms", str(info["terms"])),
        ("Figures done", str(info["deliveries"])),
        ("Last change", f"{last['action']} of {'' if last['entity'] == 'party' else 'a ' + ENTITY_NOUNS.get(last['entity'], str(last['entity'])) + ' of '}"
                        f"{last['country']} ({last['code']}), recorded {last['recorded_at']}, "
                        f"effective {last['effective_on']}" if last else "none"),
        ("Data snapshot", info["snapshot"] or "unknown"),
        ("Data as of", info["data_as_of"] or "unknown"),
        ("Goal", str(info["goal"])),
    ]  # fmt: skip
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in lines:
        grid.add_row(cell(label), cell(text))
    # The file's path whole on its first line, never split (a reader copies it).
    head = cell(f"{'File':<15}", style="bold")
    head.append_text(cell(info["path"]))
    head.overflow = "ignore"
    return Group(head, grid)
