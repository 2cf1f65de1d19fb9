"""Long views printed as they are read: the change log, and views made of many blocks.

A Rich table lays out every row before it prints the first (and ``fits`` lays it out once
more to see whether it fits): for a long change log that is most of the time and all of
the memory. Here the history table is drawn a row at a time, in the very layout Rich
gives it: one pass measures the columns, a second prints. Blocks need no measuring and
are printed in one pass. Text is wrapped by Rich only where a line is too long for its
place; plain output (a pipe, NO_COLOR, TERM=dumb) is written without Rich at all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from agreements_cli.render.history import HistoryLine, _history_title, history_pieces
from agreements_cli.render.views import NARROW_HISTORY, Piece, console
from agreements_cli.safety import link_style, visible

# A line to print: pieces of text, each with its Rich style (None: none).
Line = list[tuple[str, str | None]]

HEADERS = ("Recorded", "Effective", "Country", "Action", "Changes")


class Printer:
    """Lines for people on standard output: plain text where the terminal takes no style
    (and no padding at the ends of lines, as ``views.print_view``), else through Rich."""

    def __init__(self) -> None:

        self.console: Console = console()
        self.width = self.console.width
        self.styled = self.console.color_system is not None
        self._pending: list[str] = []  # plain lines not yet written, a few hundred at most

    def line(self, pieces: Line) -> None:
        if not self.styled:
            self._pending.append("".join(text for text, _ in pieces).rstrip())
            if len(self._pending) >= 500:
                self.flush()
            return

        text = Text.assemble(*((piece, style or "") for piece, style in pieces))
        self.console.print(text, crop=False, no_wrap=True, overflow="ignore")

    def flush(self) -> None:
        if self._pending:
            sys.stdout.write("\n".join(self._pending) + "\n")
            self._pending.clear()

    def wrapped(self, text: str, width: int) -> list[str]:
        """``text`` (already made visible) in lines of at most ``width`` cells, wrapped
        between words as Rich wraps a cell."""

        if "\n" not in text and cell_len(text) <= width:
            return [text]

        return [line.plain.rstrip() for line in Text(text).wrap(self.console, width)]


def print_pieces(pieces: Iterable[Piece]) -> None:
    """A block view, a line at a time (see ``views.Piece``)."""
    printer = Printer()
    for piece in pieces:
        _print_piece(printer, piece)
    printer.flush()


def _print_piece(printer: Printer, piece: Piece) -> None:
    text = visible(piece.text)
    if piece.form == "url":
        printer.line([("  ", None), (text, link_style(piece.text))])
    elif piece.form == "indented":
        for part in printer.wrapped(text, printer.width - 2):
            printer.line([("  ", None), (part, piece.style)])
    else:
        for part in printer.wrapped(text, printer.width):
            printer.line([(part, piece.style)])


# ------------------------------------------------------------------ history


class _Widths(NamedTuple):
    """What a pass over the change log measured: the widest cell of each column, and the
    longest word of the changes (the least the column can be)."""

    cells: list[int]
    longest_word: int


def _measure(lines: Iterable[HistoryLine]) -> _Widths:

    cells = [cell_len(header) for header in HEADERS]
    longest = len(HEADERS[4])
    for line in lines:
        for i, value in enumerate(line.cells()):
            text = visible(str(value))
            if i == 4:
                for part in text.split("\n"):
                    cells[4] = max(cells[4], cell_len(part))
                for word in text.split():
                    longest = max(longest, cell_len(word))
            else:
                cells[i] = max(cells[i], cell_len(text))
    return _Widths(cells, longest)


def _table_widths(measured: _Widths, width: int) -> list[int] | None:
    """The column widths Rich gives the history table at ``width`` columns, or None when
    it cannot fit without cutting a word (then it is shown as blocks)."""
    fixed = sum(w + 2 for w in measured.cells[:4]) + 6 + 2  # padding, borders, and Changes'
    changes = measured.cells[4]
    if fixed + changes > width:
        if fixed + measured.longest_word > width:
            return None
        changes = width - fixed
    return [*measured.cells[:4], changes]


def print_history(count: int, lines: Callable[[], Iterable[HistoryLine]]) -> None:
    """The change log as ``views.history_view`` shows it, a row at a time; ``lines()`` reads
    the log afresh (newest first) for each pass."""

    printer = Printer()
    title = _history_title(count)
    wide = printer.width >= NARROW_HISTORY
    widths = _table_widths(_measure(lines()), printer.width) if wide else None
    if widths is None:
        _history_blocks(printer, title, lines())
    else:
        _history_table(printer, title, lines(), widths)
    printer.flush()


def _history_blocks(printer: Printer, title: str, lines: Iterable[HistoryLine]) -> None:

    for piece in history_pieces(title, lines):
        _print_piece(printer, piece)


def _history_table(
    printer: Printer, title: str, lines: Iterable[HistoryLine], widths: list[int]
) -> None:

    def padded(text: str, width: int) -> str:
        return text + " " * (width - cell_len(text))

    table_width = sum(w + 3 for w in widths) + 1
    printer.line([(padded(title, table_width) if printer.styled else title, "italic")])
    printer.line([("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓", None)])
    header: Line = [("┃", None)]
    for name, w in zip(HEADERS, widths, strict=True):
        header += [(f" {padded(name, w)} ", "bold"), ("┃", None)]
    printer.line(header)
    printer.line([("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩", None)])
    for line in lines:
        values = [visible(str(v)) for v in line.cells()]
        changes = printer.wrapped(values[4], widths[4])
        for row in range(len(changes)):
            cells = [values[i] if row == 0 else "" for i in range(4)] + [changes[row]]
            text = "│ " + " │ ".join(padded(c, w) for c, w in zip(cells, widths, strict=True))
            printer.line([(text + " │", None)])
    printer.line([("└" + "┴".join("─" * (w + 2) for w in widths) + "┘", None)])
