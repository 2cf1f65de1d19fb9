"""Rich views of the parties and their ledgers: the list (a table, the same without the
places, or a block a party), one party in full, its pledges and milestones."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from agreements_cli.deliveries import Delivery
from agreements_cli.money import format_stated, format_usd, usd_figure
from agreements_cli.records import (
    Described,
    Entry,
    Listed,
    Milestone,
    Party,
    PartyYear,
    Pledge,
    Term,
)
from agreements_cli.render.history import HistoryLine, history_view
from agreements_cli.render.views import (
    NARROW_LIST,
    STATUS_STYLES,
    FirstThatFits,
    Piece,
    add_wrapping_column,
    bounds,
    cell,
    indented,
    piece_view,
    url_line,
)
from agreements_cli.vocabulary import VOCABULARY
from agreements_cli.wording import (
    NONE_STATED,
    cell_text,
    delivery_words,
    money_cells,
    money_header,
    money_sorts,
    pledge_words,
    rate_words,
    status_text,
)

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
        return [
            *LIST_HEADERS,
            *(f"{money_header(words, self.year)} (USD)" for words, _ in self.sorts),
        ]

    def cells(self, row: Listed, separator: str = " · ") -> list[str]:

        money = money_cells(row.figures, self.sorts, usd_figure)
        return [
            row.country,
            status_text(row, separator),
            row.signed_on or "",
            row.place or "",
            *money,
        ]


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _unknown(row: Listed) -> bool:
    """Whether the row's money is unknown (dimmed): it states no figure for the year."""
    return row.figures is None or not row.figures.stated


def parties_view(
    rows: list[Listed], title: str, width: int, year: int | None = None
) -> RenderableType:
    """The list as a table with the places where it fits on a line a row; else the same
    table without them (each is in `show` and the machine formats) where it fits, its
    words whole; else a block a party. (Read off the cells: a long list is laid out
    once.)"""
    blocks = parties_blocks(rows, title, year)
    if width < NARROW_LIST:
        return blocks
    whole = parties_table(rows, title, year)
    if bounds(whole)[1] <= width:
        return whole
    return FirstThatFits(width, parties_table(rows, title, year, place=False), blocks)


def parties_blocks(rows: list[Listed], title: str, year: int | None = None) -> RenderableType:
    """One party a block: name, code, status and date; place; its money for the year, each
    sort named ('grants with the agreement, 2024: USD 2.39 bn')."""

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

    columns = ListColumns.of(rows, year)
    shown = [i for i in range(len(LIST_HEADERS) + len(columns.sorts)) if place or i != 3]
    cells = [columns.cells(row, " ·\n") for row in rows]  # the stage on a line of its own
    table = Table(title=title, title_justify="left")
    # A word or two a line: Rich narrows a column of one line poorly.
    headers = [*LIST_HEADERS, *(_stacked_money_header(words, year) for words, _ in columns.sorts)]
    for i in shown:
        add_wrapping_column(
            table,
            headers[i],
            (c[i] for c in cells),
            justify="right" if i >= len(LIST_HEADERS) else "left",
        )
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
    terms: Sequence[Term] = (),
    deliveries: Sequence[Delivery] = (),
) -> RenderableType:
    """A party in full; ``when``, for a past date, says which ('as of 2024-03-01')."""

    heading = [cell(f"{row.country} {when}", style="bold")] if when else []
    parts: list[RenderableType] = [*heading, *_fields_view(row, width), cell("")]
    if years:
        parts += [
            cell("USD by year (loans and guarantees apart):", style="italic"),
            *(indented(year_line(y)) for y in years),
            cell(""),
        ]
    noun = "pledge" if len(pledges) == 1 else "pledges"
    parts += [pledges_view(pledges, f"{len(pledges)} {noun}, by announcement date"), cell("")]
    if milestones:
        noun = "milestone" if len(milestones) == 1 else "milestones"
        parts += [milestones_view(milestones, f"{len(milestones)} {noun}, oldest first"), cell("")]
    if any(t.id is not None for t in terms):  # (none recorded: nothing to say)
        parts += [
            cell(f"What the agreement says (quotes and sources: agreements terms {row.code}):",
                 style="italic"),
            *(indented(f"{VOCABULARY[t.term].label}: {cell_text(t)}") for t in terms),
            cell(""),
        ]  # fmt: skip
    if deliveries:
        noun = "figure" if len(deliveries) == 1 else "figures"
        parts += [
            cell(f"{len(deliveries)} {noun} of what was done (sources: agreements delivery list "
                 f"{row.code}; against the pledges: agreements delivered {row.code}):",
                 style="italic"),
            *(indented(f"{d.stated_on}  {delivery_words(d)}  (id {d.id})") for d in deliveries),
            cell(""),
        ]  # fmt: skip
    parts.append(history_view([HistoryLine.of(entry) for entry in history], width))
    return Group(*parts)


def _fields_view(row: Party, width: int) -> list[RenderableType]:
    """The fields of `show`, a label and its text a row, the text wrapped; a web address
    (the source, the count's source under its reason) whole, never split nor cut, however
    narrow the terminal (a reader copies it): beside its label where it fits ``width``,
    else on a line of its own under it."""

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

    said = [
        f"{name} {usd_figure(value)}"
        for name, value in (
            ("grants with the agreement", figures.tied_grant_value_usd),
            ("other grants", figures.other_grant_value_usd),
            ("loans", figures.loan_value_usd),
            ("guarantees", figures.guarantee_value_usd),
            ("instrument not stated", figures.unstated_value_usd),
        )
        if value is not None
    ]
    return f"{figures.year}: " + "; ".join(said or [NONE_STATED])


def pledge_pieces(pledges: Iterable[Entry], title: str) -> Iterator[Piece]:
    """Pledges, a short block each: when announced, who, the pledge as stated and its id;
    its figure for the year asked for (marked when spread from a multi-year amount); its
    USD value with the rate and the rate's day; the note and the source."""

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
            stated = format_stated(Decimal(figure.amount), p.currency)
            how = ", its share by months" if figure.spread else ""
            yield Piece(
                "indented", f"for {entry.year}: {stated} = {format_usd(figure.value_usd)}{how}"
            )
        yield Piece(
            "indented",
            f"= {format_usd(p.value_usd)} at {p.usd_rate} USD per {p.currency} {rate_words(p)}",
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

    return Group(*map(piece_view, pledge_pieces(pledges, title)))


def milestones_view(milestones: list[Entry], title: str) -> RenderableType:

    return Group(*map(piece_view, milestone_pieces(milestones, title)))
