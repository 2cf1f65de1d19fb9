"""Rich views for people, what they all stand on: the console, the layout that fits the
width (a table where it fits whole, else blocks), cells and lines of database text, and the
picture of a view; the views themselves are in ``lists``, ``progress`` and ``history``.

Only the views import Rich (the machine formats never load these modules). Every value from the database goes into a ``Text`` (never into a markup
string), so a note with ``[bold]`` or ``[/]`` in it is shown as written.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from agreements_cli.safety import link_style, visible
from agreements_cli.wording import (
    newer_words,
)

STATUS_STYLES = {"signed": "green", "negotiating": "yellow", "planned": "cyan"}
BAR_WIDTH = 40
# Below these widths a table would squeeze columns out of sight; each row is shown as a
# short block of lines instead, which wraps and never cuts a name or an amount.
NARROW_LIST = 72
NARROW_HISTORY = 90


def cell(value: object, style: str | None = None) -> Text:
    """Database text for a Rich table: never markup, control characters made visible."""

    return Text(visible(str(value)), style=style or "")


def console() -> Console:
    """A console on stdout that honours NO_COLOR, TERM=dumb, COLUMNS and pipes.

    Rich already leaves colour out in a pipe and with NO_COLOR, but keeps bold and
    dim with NO_COLOR; here NO_COLOR writes no escape code at all, as Rich itself does
    on TERM=dumb (a dumb terminal gets no colour system)."""

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

    # Not a terminal (a file), so TERM=dumb, which Rich would take as 80x25, cannot shrink it.
    recorder = Console(record=True, file=io.StringIO(), width=PICTURE_WIDTH)
    recorder.print(view(PICTURE_WIDTH))  # (the picture ends at its edge: export_svg crops)

    # Rich's picture asks a CDN for its font: a picture to publish fetches nothing, and
    # shows in the reader's own monospace font where Fira Code is not installed.
    return re.sub(r"\s*@font-face\s*\{[^}]*\}", "", recorder.export_svg(title=title))


def with_newer(view: RenderableType, data_as_of: str | None, newer: str | None) -> RenderableType:
    """``view``, and under it, when the database lacks the later data that comes with
    agreements (``newer``: its date), a line that says which day it shows and how to bring
    it forward (the first screen of a new install is the seed of 15 July 2024)."""
    if newer is None:
        return view

    return Group(view, cell(""), cell(newer_words(data_as_of, newer), style="bold yellow"))


# ------------------------------------------------------------------ parties


def fits(renderable: RenderableType, width: int) -> bool:
    """Whether Rich lays ``renderable`` out within ``width`` columns. Each column is at
    least as wide as its longest word (``min_width``), so a layout within the width cuts
    no word. Rich's minimum alone is not enough: it narrows the widest columns first and
    widens those it took below their minimum afterwards, past the width."""

    console = Console(width=width, file=io.StringIO(), color_system=None)  # text alone
    return _laid_out_within(console, console.options, renderable, width) is not None


def _laid_out_within(
    console: Console, options: Any, renderable: RenderableType, width: int
) -> list[list[Any]] | None:
    """``renderable`` laid out in lines of segments when it fits ``width`` (see ``fits``),
    else None; laid out at most once."""

    least, most = bounds(renderable)
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

        for candidate in self.options[:-1]:
            lines = _laid_out_within(console, options, candidate, self.width)
            if lines is not None:
                for line in lines:
                    yield from line
                    yield Segment.line()
                return
        yield self.options[-1]


def bounds(renderable: RenderableType) -> tuple[int, int]:
    """The least and the most width Rich gives ``renderable``. For a table of text cells
    (every table here), read off its cells as Rich measures them (a column is at least its
    longest word or its min_width, at most its widest line), without measuring every cell
    through Rich; else measured by Rich, unbounded."""

    if not isinstance(renderable, Table) or renderable.box is None:
        sizer = Console(width=1000, file=io.StringIO())
        measured = Measurement.get(sizer, sizer.options, renderable)
        return measured.minimum, measured.maximum

    least = most = len(renderable.columns) + 1  # the borders
    for column in renderable.columns:
        texts = [str(column.header), *(getattr(c, "plain", str(c)) for c in column.cells)]
        widest = max(cell_len(line) for text in texts for line in text.split("\n"))
        # A text's least is its longest word; a text of no word (spaces), its whole width.
        least_of = [max((cell_len(w) for w in t.split()), default=None) for t in texts]
        whole = [max(cell_len(line) for line in t.split("\n")) for t in texts]
        narrowest = max(
            [
                column.min_width or 0,
                1,
                *(whole[i] if least is None else least for i, least in enumerate(least_of)),
            ]
        )
        least += narrowest + 2  # and the padding
        most += max(widest, narrowest) + 2
    return least, most


def add_wrapping_column(table: Table, header: str, texts: Iterable[str], **options) -> None:
    """A column whose text wraps between words, never inside a name or an amount: at least
    as wide as the longest word of its header and ``texts`` (see ``fits``)."""

    # (in cells: a letter of Chinese takes two)
    longest = max(cell_len(word) for text in (header, *texts) for word in text.split())
    table.add_column(header, min_width=longest, **options)


def url_line(url: str, indent: int = 0, fold: bool = False) -> Text:
    """A web address whole on its own line, never split (a reader copies it), and a link
    where the terminal shows links; in a picture (``fold``), which cannot scroll, folded
    onto the next lines at its edge instead of cut there."""

    text = Text(" " * indent)
    text.append_text(cell(url, style=link_style(url)))
    text.overflow = "fold" if fold else "ignore"  # whole, wider than the terminal if need be
    return text


def indented(text: str, style: str = "") -> RenderableType:
    """A line of a block, indented by two, wrapped lines indented too."""

    return Padding(cell(text, style=style), (0, 0, 0, 2))


# ----------------------------------------------------------------- progress


# ------------------------------------------------------------------ history


class Piece(NamedTuple):
    """A line of a block view: ``line`` wraps at the width, ``indented`` is indented by two
    and wraps within, ``url`` is a web address indented by two, whole and never split."""

    form: str
    text: str
    style: str | None = None


def piece_view(piece: Piece) -> RenderableType:
    if piece.form == "url":
        return url_line(piece.text, indent=2)
    if piece.form == "indented":
        return indented(piece.text, piece.style or "")
    return cell(piece.text, style=piece.style)


# ----------------------------------------------------------------- timeline


# --------------------------------------------------------------------- info
