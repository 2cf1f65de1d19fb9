"""Rich views for people: tables, blocks, the progress bar and the timeline.

Rich is imported only by the functions that build them, so the machine formats cost
nothing of it. Every value from the database goes into a ``Text`` (never into a markup
string), so a note with ``[bold]`` or ``[/]`` in it is shown as written.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from agreements_cli.records import (
    Described,
    Entry,
    Listed,
    Milestone,
    Month,
    Party,
    PartyYear,
    Pledge,
    Progress,
)
from agreements_cli.safety import link_style, visible
from agreements_cli.wording import (
    NONE_STATED,
    changes_text,
    data_dates,
    money_cells,
    money_header,
    money_sorts,
    newer_words,
    pledge_words,
    recorded_minute,
    status_text,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text


STATUS_STYLES = {"signed": "green", "negotiating": "yellow", "planned": "cyan"}
BAR_WIDTH = 40
# Below these widths a table would squeeze columns out of sight; each row is shown as a
# short block of lines instead, which wraps and never cuts a name or an amount.
NARROW_LIST = 72
NARROW_HISTORY = 90


def cell(value: object, style: str | None = None) -> Text:
    """Database text for a Rich table: never markup, control characters made visible."""
    from rich.text import Text

    return Text(visible(str(value)), style=style or "")


def console() -> Console:
    """A console on stdout that honours NO_COLOR, TERM=dumb, COLUMNS and pipes.

    Rich already leaves colour out in a pipe and with NO_COLOR, but keeps bold and
    dim with NO_COLOR; here NO_COLOR writes no escape code at all, as Rich itself does
    on TERM=dumb (a dumb terminal gets no colour system)."""
    import os

    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    return Console(highlight=False, emoji=False, color_system=None if plain else "auto")


def print_view(view: Callable[[int], RenderableType]) -> None:
    """Print ``view(width)``: each view lays itself out for the width it is given. Output
    that is not a terminal gets no padding at the ends of its lines."""
    out = console()
    if out.is_terminal:
        out.print(view(out.width), crop=False)  # a long web address runs on, whole
        return
    with out.capture() as captured:
        out.print(view(out.width), crop=False)
    text = captured.get()
    sys.stdout.write("\n".join(line.rstrip() for line in text.split("\n")))


PICTURE_WIDTH = 100


def svg_picture(view: Callable[[int], RenderableType], title: str) -> str:
    """What the terminal shows, as an SVG picture, colours included, 100 columns wide. (The
    page to publish, `progress --html`, is page.py's.)"""
    import io

    from rich.console import Console

    # Not a terminal (a file), so TERM=dumb, which Rich would take as 80x25, cannot shrink it.
    recorder = Console(record=True, file=io.StringIO(), width=PICTURE_WIDTH)
    recorder.print(view(PICTURE_WIDTH))  # (the picture ends at its edge: export_svg crops)
    import re

    # Rich's picture asks a CDN for its font: a picture to publish fetches nothing, and
    # shows in the reader's own monospace font where Fira Code is not installed.
    return re.sub(r"\s*@font-face\s*\{[^}]*\}", "", recorder.export_svg(title=title))


def with_newer(view: RenderableType, data_as_of: str | None, newer: str | None) -> RenderableType:
    """``view``, and under it, when the database lacks the later data that comes with
    agreements (``newer``: its date), a line that says which day it shows and how to bring
    it forward (the first screen of a new install is the seed of 15 July 2024)."""
    if newer is None:
        return view
    from rich.console import Group

    return Group(view, cell(""), cell(newer_words(data_as_of, newer), style="bold yellow"))


# ------------------------------------------------------------------ parties


LIST_HEADERS = ["Country", "Status", "Signed", "Place"]


class ListColumns(NamedTuple):
    """The columns of a list of parties: the party's, then a column for each sort of its
    money for ``year`` that some row states (see ``wording.money_sorts``)."""

    year: int | None
    sorts: list[tuple[str, str]]

    @classmethod
    def of(cls, rows: Sequence[Listed], year: int | None) -> ListColumns:
        return cls(year, money_sorts(row.figures for row in rows))

    def headers(self) -> list[str]:
        """The headers for a flat table (Markdown): each money column with its unit."""
        return [*LIST_HEADERS, *(f"{money_header(words, self.year)} (USD)"
                                 for words, _ in self.sorts)]  # fmt: skip

    def cells(self, row: Listed, separator: str = " · ") -> list[str]:
        from agreements_cli.money import usd_figure

        money = money_cells(row.figures, self.sorts, usd_figure)
        return [row.country, status_text(row, separator), row.signed_on or "", row.place or "",
                *money]  # fmt: skip


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _unknown(row: Listed) -> bool:
    """Whether the row's money is unknown (dimmed): it states no figure for the year."""
    return row.figures is None or not row.figures.stated


def fits(renderable: RenderableType, width: int) -> bool:
    """Whether Rich lays ``renderable`` out within ``width`` columns. Each column is at
    least as wide as its longest word (``min_width``), so a layout within the width cuts
    no word. Rich's minimum alone is not enough: it narrows the widest columns first and
    widens those it took below their minimum afterwards, past the width."""
    from rich.console import Console

    console = Console(width=width, file=io.StringIO(), color_system=None)  # text alone
    return _laid_out_within(console, console.options, renderable, width) is not None


def _laid_out_within(
    console: Console, options: Any, renderable: RenderableType, width: int
) -> list[list[Any]] | None:
    """``renderable`` laid out in lines of segments when it fits ``width`` (see ``fits``),
    else None; laid out at most once."""
    from rich.cells import cell_len
    from rich.segment import Segment

    least, most = _bounds(renderable)
    if least > width:
        return None  # no room for its narrowest layout
    # (not render_lines, which crops each line to the width: a line too long must show)
    lines = list(Segment.split_lines(console.render(renderable, options.update_width(width))))
    if most <= width or all(
        cell_len("".join(segment.text for segment in line)) <= width for line in lines
    ):
        return lines
    return None


class FirstThatFits:
    """The first of ``options`` that Rich lays out within ``width`` columns (see ``fits``),
    else the last, as a renderable. The layout that showed an option fits is the one
    printed: a table is laid out once, not once to try and once more to print."""

    def __init__(self, width: int, *options: RenderableType):
        self.width = width
        self.options = options

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Any]:
        from rich.segment import Segment

        for candidate in self.options[:-1]:
            lines = _laid_out_within(console, options, candidate, self.width)
            if lines is not None:
                for line in lines:
                    yield from line
                    yield Segment.line()
                return
        yield self.options[-1]


def _bounds(renderable: RenderableType) -> tuple[int, int]:
    """The least and the most width Rich gives ``renderable``. For a table of text cells
    (every table here), read off its cells as Rich measures them (a column is at least its
    longest word or its min_width, at most its widest line), without measuring every cell
    through Rich; else measured by Rich, unbounded."""
    from rich.table import Table

    if not isinstance(renderable, Table) or renderable.box is None:
        from rich.console import Console
        from rich.measure import Measurement

        sizer = Console(width=1000, file=io.StringIO())
        measured = Measurement.get(sizer, sizer.options, renderable)
        return measured.minimum, measured.maximum
    from rich.cells import cell_len

    least = most = len(renderable.columns) + 1  # the borders
    for column in renderable.columns:
        texts = [str(column.header), *(getattr(c, "plain", str(c)) for c in column.cells)]
        widest = max(cell_len(line) for text in texts for line in text.split("\n"))
        # A text's least is its longest word; a text of no word (spaces), its whole width.
        least_of = [max((cell_len(w) for w in t.split()), default=None) for t in texts]
        whole = [max(cell_len(line) for line in t.split("\n")) for t in texts]
        narrowest = max([column.min_width or 0, 1, *(
            whole[i] if least is None else least for i, least in enumerate(least_of)
        )])  # fmt: skip
        least += narrowest + 2  # and the padding
        most += max(widest, narrowest) + 2
    return least, most


def add_wrapping_column(table: Table, header: str, texts: Iterable[str], **options) -> None:
    """A column whose text wraps between words, never inside a name or an amount: at least
    as wide as the longest word of its header and ``texts`` (see ``fits``)."""
    from rich.cells import cell_len

    # (in cells: a letter of Chinese takes two)
    longest = max(cell_len(word) for text in (header, *texts) for word in text.split())
    table.add_column(header, min_width=longest, **options)


def parties_view(
    rows: list[Listed], title: str, width: int, year: int | None = None
) -> RenderableType:
    """The list as a table where it fits whole; else the same table without the places
    (each is in `show` and the machine formats); else a block a party."""
    blocks = parties_blocks(rows, title, year)
    if width >= NARROW_LIST:
        return FirstThatFits(width, parties_table(rows, title, year),
                             parties_table(rows, title, year, place=False), blocks)  # fmt: skip
    return blocks


def url_line(url: str, indent: int = 0, fold: bool = False) -> Text:
    """A web address whole on its own line, never split (a reader copies it), and a link
    where the terminal shows links; in a picture (``fold``), which cannot scroll, folded
    onto the next lines at its edge instead of cut there."""
    from rich.text import Text

    text = Text(" " * indent)
    text.append_text(cell(url, style=link_style(url)))
    text.overflow = "fold" if fold else "ignore"  # whole, wider than the terminal if need be
    return text


def indented(text: str, style: str = "") -> RenderableType:
    """A line of a block, indented by two, wrapped lines indented too."""
    from rich.padding import Padding

    return Padding(cell(text, style=style), (0, 0, 0, 2))


def parties_blocks(rows: list[Listed], title: str, year: int | None = None) -> RenderableType:
    """One party a block: name, code, status and date; place; its money for the year, each
    sort named ('grants with the agreement, 2024: USD 2.39 bn')."""
    from rich.console import Group

    columns = ListColumns.of(rows, year)
    parts: list[RenderableType] = [cell(title, style="italic")]
    for row in rows:
        country, status, signed, place, *money = columns.cells(row)
        head = cell(f"{country} ({row.code})", style="bold")
        head.append("  ")
        head.append_text(cell(status, style=STATUS_STYLES[row.status]))
        if signed:
            head.append(f" {signed}")
        parts.append(head)
        if place:
            parts.append(indented(place))
        if _unknown(row):
            said = f"{money[0]} for {year}" if year is not None else money[0]
        else:
            said = "; ".join(
                f"{_first_lower(money_header(words, year))}: USD {text}"
                for (words, _), text in zip(columns.sorts, money, strict=True)
                if text
            )
        parts.append(indented(said, style="dim" if _unknown(row) else ""))
    if not rows:
        parts.append(cell("No parties match."))
    return Group(*parts)


def parties_table(
    rows: list[Listed], title: str, year: int | None = None, place: bool = True
) -> RenderableType:
    """The list as a table, with the places or (``place`` False) without them."""
    from rich.table import Table

    columns = ListColumns.of(rows, year)
    shown = [i for i in range(len(LIST_HEADERS) + len(columns.sorts)) if place or i != 3]
    cells = [columns.cells(row, " ·\n") for row in rows]  # the stage on a line of its own
    table = Table(title=title, title_justify="left")
    # A word or two a line: Rich narrows a column of one line poorly.
    headers = [*LIST_HEADERS, *(_stacked_money_header(words, year) for words, _ in columns.sorts)]
    for i in shown:
        add_wrapping_column(table, headers[i], (c[i] for c in cells),
                            justify="right" if i >= len(LIST_HEADERS) else "left")  # fmt: skip
    for i, row in enumerate(rows):
        unknown = "dim" if _unknown(row) else None
        styles = [None, STATUS_STYLES[row.status], None, None, *(unknown for _ in columns.sorts)]
        table.add_row(*(cell(cells[i][j], style=styles[j]) for j in shown))
    if not rows:
        table.caption = "No parties match."
    else:
        when = f" for {year}" if year is not None else ""
        table.caption = (
            f"Each party's figures{when} in USD, a longer amount by its months; loans and "
            "guarantees never in the grants; exact figures with --format json."
        )
    table.caption_justify = "left"
    return table


def _stacked_money_header(words: str, year: int | None) -> str:
    """'Grants with\nthe agreement\n2024, USD': a money column's header, a few words a line."""
    stacked = {
        "Grants with the agreement": "Grants with\nthe agreement",
        "Other grants": "Other\ngrants",
        "Loans, guarantees": "Loans,\nguarantees",
        "Instrument not stated": "Instrument\nnot stated",
    }[words]
    return f"{stacked}\n{year}, USD" if year is not None else f"{stacked}\nUSD"


# ----------------------------------------------------------------- progress


PROGRESS_ROWS = [
    ("signed", "Signed"),
    ("negotiating", "Negotiating"),
    ("planned", "Planned"),
    ("untracked", "Not yet tracked"),
]


def progress_bar(summary: Progress, width: int = BAR_WIDTH + 10) -> RenderableType:
    """A bar of up to ``BAR_WIDTH`` cells, fitting ``width`` with its count: signed,
    negotiating, planned, then the rest of the goal."""
    from rich.text import Text

    goal = summary.goal
    size = max(10, min(BAR_WIDTH, width - 8))
    bar = Text()
    used = 0
    for key, char in (("signed", "█"), ("negotiating", "▓"), ("planned", "▒")):
        cells = min(round(size * getattr(summary, key) / goal), size - used)
        bar.append(char * cells, style=STATUS_STYLES[key])
        used += cells
    bar.append("░" * (size - used), style="dim")
    bar.append(f" {summary.signed}/{goal}\n")
    # The legend: each sign in the colour the bar gives it.
    for key, char in (("signed", "█"), ("negotiating", "▓"), ("planned", "▒")):
        bar.append(char, style=STATUS_STYLES[key])
        bar.append(f" {key}  ", style="dim")
    bar.append("░", style="dim")
    bar.append(" rest of the goal", style="dim")
    return bar


def _value_line(summary: Progress) -> str:
    from agreements_cli.wording import money_headline

    return money_headline(summary)


# The columns of the money table: header, and what a year's cell says.
# (EUR is in the headline and the JSON: a column more would not fit 80 columns.)
# No column adds unlike money: a loan, or a figure of no stated instrument, to a grant.
MONEY_HEADERS = ("Year", "Grants with the agreements", "Other grants", "Loans, guarantees",
                 "Instrument not stated", "Stating / signed", "Reported (about)")  # fmt: skip
# The table's headers, a word or two a line: the table then fits 80 columns.
_STACKED = {
    "Grants with the agreements": "Grants\nwith the\nagreements",
    "Other grants": "Other\ngrants",
    "Loans, guarantees": "Loans,\nguarantees",
    "Instrument not stated": "Instrument\nnot stated",
    "Stating / signed": "Stating\n/ signed",
    "Reported (about)": "Reported\n(about)",
}


def money_rows(summary: Progress) -> list[list[str]]:
    """A row of the money table per year (see ``MONEY_HEADERS``); a partial year is marked
    with an asterisk."""
    from agreements_cli.money import usd_figure

    def money(value: int | None) -> str:
        return "" if value is None else usd_figure(value)

    rows = []
    on = str(summary.reported_value_as_of)  # (a total without a date, "None", is beside no year)
    for entry in summary.pledged_by_year:
        reported = ""
        if summary.reported_value_usd and on.startswith(str(entry.year)):
            reported = usd_figure(summary.reported_value_usd)
        rows.append([
            f"{entry.year}{'*' if entry.partial else ''}",
            money(entry.tied_grant_value_usd),
            money(entry.other_grant_value_usd),
            money(entry.loan_and_guarantee_value_usd),
            money(entry.unstated_instrument_value_usd),
            f"{entry.parties_with_value} / {entry.parties_signed_by_year_end}",
            reported,
        ])  # fmt: skip
    return rows


# What the money table's columns mean, said only of the columns it shows.
_COLUMN_NOTES = {
    "Grants with the agreements": "grants with the agreements: stated in or with them",
    "Other grants": "other grants: later budget lines their sources do not tie to them",
    "Instrument not stated": "instrument not stated: figures whose instrument (grant, loan or "
    "guarantee) no source states",
}
MONEY_NOTE = (
    "A blank: no party states a figure of that sort. Loans and guarantees are never added to "
    "grants. * partial: fewer than half the parties signed by the end of the year state a "
    "figure, so the year does not compare with another. A longer amount counts by its months "
    "in each year, and no months twice; exact figures are in the JSON output."
)


def money_note(headers: Iterable[str]) -> str:
    """The note under the money table: what each of its ``headers`` means, then the rules."""
    said = [_COLUMN_NOTES[header] for header in headers if header in _COLUMN_NOTES]
    meaning = "; ".join(said)
    return f"{meaning[0].upper()}{meaning[1:]}. {MONEY_NOTE}" if said else MONEY_NOTE


def money_view(summary: Progress, width: int) -> RenderableType:
    """USD pledged for each year by the signed parties in the official count: grants
    stated with the agreements, other grants, loans and guarantees, and figures of no
    stated instrument apart (never added up), how many of the parties signed by the year's
    end state a figure, and the reported total beside its year. A table, or where it does not fit whole, a line per
    year."""
    from rich.console import Group
    from rich.table import Table

    title = "USD pledged per year by the signed parties in the official count"
    rows = money_rows(summary)
    if not rows:
        return cell("No signed party in the official count states a pledge.")
    # A column no year has a figure in is left out (figures whose instrument is not stated).
    shown = [i for i in range(len(MONEY_HEADERS)) if i in (0, 1) or any(row[i] for row in rows)]
    table = Table(title=title, title_justify="left", min_width=len(title))  # a title on a line
    for i in shown:
        header = MONEY_HEADERS[i]
        add_wrapping_column(table, _STACKED.get(header, header), (row[i] for row in rows),
                            justify="right")  # fmt: skip
    for row in rows:
        table.add_row(*(cell(row[i]) for i in shown))
    note = money_note(MONEY_HEADERS[i] for i in shown)
    table.caption, table.caption_justify = note, "left"
    parts: list[RenderableType] = [cell(title + ":", style="italic")]  # else a line a year
    for row in rows:
        said = [f"{MONEY_HEADERS[i][0].lower()}{MONEY_HEADERS[i][1:]} {row[i]}"
                for i in shown[1:] if row[i]]  # fmt: skip
        parts.append(indented(f"{row[0]}: " + "; ".join(said)))
    parts.append(cell(note, style="dim"))
    return FirstThatFits(width, table, Group(*parts))


def _reported_line(summary: Progress) -> str | None:
    from agreements_cli.money import format_usd

    if summary.reported_value_usd is None:
        return None
    line = f"about {format_usd(summary.reported_value_usd)}"
    if summary.reported_value_as_of:
        line += f" (reported {summary.reported_value_as_of})"
    return line


def progress_view(summary: Progress, width: int, made_on: date | None = None) -> RenderableType:
    """The progress table; ``made_on``, for a picture, is the day it was made."""
    from rich.console import Group
    from rich.table import Table

    from agreements_cli.reports import outside_lines

    heading = cell(
        f"Security agreements: {summary.signed} of {summary.goal} signed "
        f"({summary.percent_signed:g}%), {data_dates(summary)}",
        style="bold",
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, label in PROGRESS_ROWS:
        count = cell(str(getattr(summary, key)), style=STATUS_STYLES.get(key))
        grid.add_row(cell(label), count, cell(""))
    for line in outside_lines(summary):
        grid.add_row(cell(""), cell(""), cell(line))
    grid.add_row(cell("Goal"), cell(str(summary.goal)), cell(summary.goal_basis or "", style="dim"))
    grid.add_row(cell("Pledged"), cell(""), cell(_value_line(summary)))
    reported = _reported_line(summary)
    if reported:
        grid.add_row(cell("Reported total"), cell(""), cell(reported))
    parts: list[RenderableType] = [heading, progress_bar(summary, width), grid, cell("")]
    parts.append(money_view(summary, width))
    if summary.reported_value_source:
        parts.append(cell("Source of the reported total:", style="dim"))
        parts.append(url_line(summary.reported_value_source, fold=made_on is not None))
    if made_on:
        parts.append(cell(f"Made on {made_on.isoformat()} with agreements.", style="dim"))
    return Group(*parts)


# ------------------------------------------------------------------ history


FIELD_LABELS = {
    "code": "Code", "country": "Country", "kind": "Kind", "status": "Status",
    "counted": "Official count", "signed_on": "Signed on", "place": "Place",
    "source": "Source", "note": "Note",
}  # fmt: skip


def party_fields(row: Party) -> list[tuple[str, str]]:
    """Every field of a party as (label, text), the official count spelled out."""
    values = row.as_dict()
    values["counted"] = (
        "counted toward the goal"
        if row.counted
        else "outside it: "
        + str(row.count_reason)
        + (f" ({row.count_source})" if row.count_source else "")
    )
    return [
        (label, "" if values[f] is None else str(values[f])) for f, label in FIELD_LABELS.items()
    ]


def party_view(
    row: Party,
    pledges: list[Entry],
    milestones: list[Entry],
    history: list[Described],
    width: int,
    years: Sequence[PartyYear] = (),
    when: str | None = None,
) -> RenderableType:
    """A party in full; ``when``, for a past date, says which ('as of 2024-03-01')."""
    from rich.console import Group

    heading = [cell(f"{row.country} {when}", style="bold")] if when else []
    parts: list[RenderableType] = [*heading, *_fields_view(row, width), cell("")]
    if years:
        parts += [cell("USD by year (loans and guarantees apart):", style="italic"),
                  *(indented(year_line(y)) for y in years), cell("")]  # fmt: skip
    noun = "pledge" if len(pledges) == 1 else "pledges"
    parts += [pledges_view(pledges, f"{len(pledges)} {noun}, by announcement date"), cell("")]
    if milestones:
        noun = "milestone" if len(milestones) == 1 else "milestones"
        parts += [milestones_view(milestones, f"{len(milestones)} {noun}, oldest first"), cell("")]
    parts.append(history_view([HistoryLine.of(entry) for entry in history], width))
    return Group(*parts)


def _fields_view(row: Party, width: int) -> list[RenderableType]:
    """The fields of `show`, a label and its text a row, the text wrapped; a web address
    (the source, the count's source under its reason) whole, never split nor cut, however
    narrow the terminal (a reader copies it): beside its label where it fits ``width``,
    else on a line of its own under it."""
    from rich.table import Table
    from rich.text import Text

    label_width = max(len(label) for label in FIELD_LABELS.values())
    parts: list[RenderableType] = []
    grid: Table | None = None

    def whole(label: str, url: str) -> None:
        nonlocal grid
        grid = None
        indent = label_width + 2
        if label and indent + len(url) > width:  # the label alone, the address under it
            parts.append(Text(label, style="bold"))
            label = ""
        line = Text(label.ljust(indent), style="bold")
        line.append_text(url_line(url))
        line.overflow, line.no_wrap = "ignore", True
        parts.append(line)

    for label, text in party_fields(row):
        url = row.source if label == "Source" else None
        if url:
            whole(label, url)
            continue
        if grid is None:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True, min_width=label_width)
            grid.add_column(overflow="fold")
            parts.append(grid)
        if label == "Official count" and row.count_source:
            grid.add_row(cell(label), cell(text.removesuffix(f" ({row.count_source})")))
            whole("", row.count_source)
            continue
        grid.add_row(cell(label), cell(text))
    return parts


def year_line(figures: PartyYear) -> str:
    """'2024: grants 1 bn; guarantees 3.5 bn': a party's figures for a year, by instrument."""
    from agreements_cli.money import usd_figure

    said = [f"{name} {usd_figure(value)}" for name, value in (
        ("grants with the agreement", figures.tied_grant_value_usd),
        ("other grants", figures.other_grant_value_usd), ("loans", figures.loan_value_usd),
        ("guarantees", figures.guarantee_value_usd),
        ("instrument not stated", figures.unstated_value_usd)) if value is not None]  # fmt: skip
    return f"{figures.year}: " + "; ".join(said or [NONE_STATED])


class Piece(NamedTuple):
    """A line of a block view: ``line`` wraps at the width, ``indented`` is indented by two
    and wraps within, ``url`` is a web address indented by two, whole and never split."""

    kind: str
    text: str
    style: str | None = None


def piece_view(piece: Piece) -> RenderableType:
    if piece.kind == "url":
        return url_line(piece.text, indent=2)
    if piece.kind == "indented":
        return indented(piece.text, piece.style or "")
    return cell(piece.text, style=piece.style)


def pledge_pieces(pledges: Iterable[Entry], title: str) -> Iterator[Piece]:
    """Pledges, a short block each: when announced, who, the pledge as stated and its id;
    its figure for the year asked for (marked when spread from a multi-year amount); its
    USD value with the rate and the rate's day; the note and the source."""
    from agreements_cli.money import format_stated, format_usd

    yield Piece("line", title, "italic")
    empty = True
    for entry in pledges:
        empty = False
        p = entry.item
        assert isinstance(p, Pledge)
        who = f"{entry.country} · " if entry.country else ""
        yield Piece("line", f"{p.announced_on}  {who}{pledge_words(p)}  (id {p.id})", "bold")
        figure = entry.figure
        if figure:
            from decimal import Decimal

            stated = format_stated(Decimal(figure.amount), p.currency)
            how = ", its share by months" if figure.spread else ""
            yield Piece(
                "indented", f"for {entry.year}: {stated} = {format_usd(figure.value_usd)}{how}"
            )
        yield Piece(
            "indented",
            f"= {format_usd(p.value_usd)} at {p.usd_rate} USD per {p.currency} "
            f"(ECB rate of {p.usd_rate_date})",
        )
        if p.note:
            yield Piece("indented", p.note)
        if p.source:
            yield Piece("url", p.source)
    if empty:
        yield Piece("line", "No pledges: the amount is unknown, not 0.")


def milestone_pieces(milestones: Iterable[Entry], title: str) -> Iterator[Piece]:
    """Milestones by date, a short block each: the date, who, what happened (to which
    document) and the id; then the note and the source, which wrap and are never cut."""
    yield Piece("line", title, "italic")
    empty = True
    for entry in milestones:
        empty = False
        m = entry.item
        assert isinstance(m, Milestone)
        what = f"{m.document}: {m.step}" if m.document else m.step
        who = f"{entry.country} · " if entry.country else ""
        yield Piece("line", f"{m.happened_on}  {who}{what}  (id {m.id})", "bold")
        if m.note:
            yield Piece("indented", m.note)
        yield Piece("url", str(m.source))
    if empty:
        yield Piece("line", "No milestones.")


def pledges_view(pledges: list[Entry], title: str) -> RenderableType:
    from rich.console import Group

    return Group(*map(piece_view, pledge_pieces(pledges, title)))


def milestones_view(milestones: list[Entry], title: str) -> RenderableType:
    from rich.console import Group

    return Group(*map(piece_view, milestone_pieces(milestones, title)))


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
        return (recorded_minute(self.recorded_at), self.effective_on, self.country,
                self.action, self.changes)  # fmt: skip


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
    from rich.console import Group

    return Group(*map(piece_view, history_pieces(_history_title(len(lines)), lines)))


def history_table(lines: list[HistoryLine]) -> RenderableType:
    from rich.table import Table

    table = Table(title=_history_title(len(lines)), title_justify="left")
    for header in ("Recorded", "Effective", "Country", "Action"):
        table.add_column(header, no_wrap=True)  # a time, a date, a name, a word: whole
    add_wrapping_column(table, "Changes", (line.changes for line in lines))
    for line in lines:
        table.add_row(*(cell(value) for value in line.cells()))
    return table


# ----------------------------------------------------------------- timeline


def timeline_chart(series: list[Month], width: int, data: str) -> RenderableType:
    """A bar per month: the running total against the goal, that month's signings brighter.
    Narrower than ``NARROW_LIST``, who signed goes on a line of its own under each bar.
    ``data`` says how current the data is."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

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


# --------------------------------------------------------------------- info


def info_view(info: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    last = info["last_change"]
    lines = [
        ("Size", f"{info['size_bytes']:,} bytes"),
        ("Schema", f"{info['schema']} ({info['migrations_applied']} of {info['migrations_known']} migrations)"),
        ("Parties", f"{info['parties']}: " + ", ".join(f"{n} {s}" for s, n in info["by_status"].items())),
        ("Change log", f"{info['events']} events"),
        ("Milestones", str(info["milestones"])),
        ("Pledges", str(info["pledges"])),
        ("Last change", f"{last['action']} of {'' if last['entity'] == 'party' else 'a ' + last['entity'] + ' of '}"
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
