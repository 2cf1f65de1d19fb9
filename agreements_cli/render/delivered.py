"""Rich views of what was done: the ledger of figures as blocks, and promised against done
as a table of party-years and their lines (blocks when it does not fit), with the figures
no year holds listed apart."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table

from agreements_cli.delivered import Line, PromisedDone
from agreements_cli.money import format_eur
from agreements_cli.render.views import FirstThatFits, Piece, add_wrapping_column, cell, piece_view
from agreements_cli.wording import (
    delivery_words,
    done_text,
    figure_text,
    pledged_text,
    share_text,
)

if TYPE_CHECKING:
    from agreements_cli.tracker.deliveries import DeliveryLedger

STATE_STYLES = {"exceeded": "green", "met": "green", "partly": "yellow", "not yet due": "dim",
                "no figure": "dim", "no pledge": "dim", "not comparable": "magenta"}  # fmt: skip


def delivery_pieces(ledger: DeliveryLedger, heading: str) -> Iterator[Piece]:
    yield Piece("line", heading, "italic")
    for entry in ledger.entries:
        figure = entry.figure
        yield Piece(
            "line",
            f"{figure.stated_on}  {entry.country} · {delivery_words(figure)}  (id {figure.id})",
            "bold",
        )
        how = [f"channel {figure.channel.replace('_', ' ')}"]
        if figure.instrument:
            how.append(figure.instrument)
        if figure.pledge is not None:
            how.append(f"answers pledge {figure.pledge}")
        yield Piece("indented", ", ".join(how))
        yield Piece(
            "indented",
            f"= {format_eur(figure.value_eur)} (ECB rate of {figure.eur_rate_date})",
        )
        if figure.note:
            yield Piece("indented", figure.note)
        if figure.source:
            yield Piece("url", figure.source)
    if not ledger.entries:
        yield Piece("line", "No figures: what was done is unknown, not 0.")


def deliveries_view(ledger: DeliveryLedger, heading: str) -> RenderableType:
    return Group(*map(piece_view, delivery_pieces(ledger, heading)))


def _line_text(line: Line) -> str:
    disputed = ", disputed" if line.disputed else ""
    return (
        f"{done_text(line)} ({line.reporter}{disputed}): {figure_text(line)}, "
        f"{share_text(line)} of the pledge, {line.state}"
    )


def apart_pieces(report: PromisedDone) -> Iterator[Piece]:
    if not report.apart:
        return
    yield Piece("line", "Figures no year holds (running totals, several years):", "italic")
    for apart in report.apart:
        rivals = f"; disputed by the {', '.join(apart.disputed_by)}" if apart.disputed_by else ""
        yield Piece("indented", f"{apart.country}: {delivery_words(apart.figure)}{rivals}")


def _blocks(report: PromisedDone, heading: str) -> Iterator[Piece]:
    yield Piece("line", heading, "italic")
    for done in report.years:
        yield Piece("line", f"{done.country} ({done.code}) {done.year}: {done.state}", "bold")
        yield Piece("indented", f"pledged: {pledged_text(done)}")
        for line in done.lines:
            yield Piece("indented", _line_text(line))
    if not report.years:
        yield Piece("line", "No pledge and no figure for that.")
    yield from apart_pieces(report)


def delivered_view(report: PromisedDone, heading: str, width: int) -> RenderableType:
    rows: list[tuple[str, ...]] = []
    for done in report.years:
        lead = (f"{done.country}", str(done.year), pledged_text(done))
        if not done.lines:
            rows.append((*lead, "-", "-", "-", "-", done.state))
        for index, line in enumerate(done.lines):
            by = line.reporter + (", disputed" if line.disputed else "")
            rows.append(
                (
                    *(lead if index == 0 else ("", "", "")),
                    line.measure,
                    by,
                    figure_text(line),
                    share_text(line),
                    line.state,
                )  # fmt: skip
            )
    grid = Table(title=heading, title_justify="left", title_style="italic")
    headers = ("Party", "Year", "Pledged", "Done", "Reported by", "Figure", "Share", "State")
    for index, header in enumerate(headers):
        add_wrapping_column(grid, header, [row[index] for row in rows] or [header])
    for row in rows:
        grid.add_row(
            cell(row[0], "bold"), *map(cell, row[1:7]), cell(row[7], STATE_STYLES.get(row[7]))
        )
    apart = [piece_view(piece) for piece in apart_pieces(report)]
    empty = [] if rows else [cell("No pledge and no figure for that.")]
    return FirstThatFits(
        width,
        Group(grid, *empty, *apart),
        Group(*map(piece_view, _blocks(report, heading))),
    )
