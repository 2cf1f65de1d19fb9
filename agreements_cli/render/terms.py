"""Rich views of what the agreements say: the matrix of parties and terms (blocks when it
does not fit), one party's terms with their clauses and quotes, a comparison, the
calendar of obligations and what changed between two dates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table

from agreements_cli.records import Term
from agreements_cli.render.views import FirstThatFits, Piece, add_wrapping_column, cell, piece_view
from agreements_cli.vocabulary import VOCABULARY
from agreements_cli.wording import cell_text

if TYPE_CHECKING:
    from agreements_cli.tracker.terms import Calendar, Comparison, Diff, TermsTable

STATUS_STYLES = {"stated": "", "not_stated": "dim", "excluded": "magenta", "unknown": "dim"}


def _label(name: str) -> str:
    return VOCABULARY[name].label


def _pieces(pieces: Iterable[Piece]) -> RenderableType:
    return Group(*map(piece_view, pieces))


def party_pieces(table: TermsTable, heading: str) -> Iterator[Piece]:
    """One party's terms in full: each term, its firmness and clause, its words quoted in
    their language, the source read and the official text."""
    yield Piece("line", heading, "italic")
    for row in table.rows:
        yield Piece("line", f"{row.party.country} ({row.party.code})", "bold")
        for term in row.terms:
            said = cell_text(term)
            since = f" (from {term.holds_from})" if term.holds_from else ""
            yield Piece("line", f"{_label(term.term)}: {said}{since}", "bold")
            where = [f"clause {term.clause}" if term.clause else "", term.source_kind or ""]
            if any(where):
                yield Piece("indented", ", ".join(w.replace("_", " ") for w in where if w))
            if term.quote:
                yield Piece("indented", f"“{term.quote}” ({term.quote_lang})", "italic")
            if term.note:
                yield Piece("indented", term.note)
            if term.source:
                yield Piece("url", term.source)
            if term.text_url and term.text_url != term.source:
                yield Piece("url", term.text_url)
    if not table.rows:
        yield Piece("line", "No party meets that.")


def terms_view(table: TermsTable, heading: str, width: int) -> RenderableType:
    if table.single:
        return _pieces(party_pieces(table, heading))
    grid = Table(title=heading, title_justify="left", title_style="italic")
    add_wrapping_column(grid, "Party", [row.party.country for row in table.rows])
    for index, name in enumerate(table.names):
        add_wrapping_column(grid, _label(name), [cell_text(row.terms[index]) for row in table.rows])
    for row in table.rows:
        grid.add_row(
            cell(row.party.country, "bold"),
            *(cell(cell_text(t), STATUS_STYLES[t.status]) for t in row.terms),
        )
    return FirstThatFits(width, grid, _pieces(_matrix_blocks(table, heading)))


def _matrix_blocks(table: TermsTable, heading: str) -> Iterator[Piece]:
    yield Piece("line", heading, "italic")
    for row in table.rows:
        yield Piece("line", f"{row.party.country} ({row.party.code})", "bold")
        for term in row.terms:
            yield Piece("indented", f"{_label(term.term)}: {cell_text(term)}")
    if not table.rows:
        yield Piece("line", "No party meets that.")


def compare_view(compared: Comparison, heading: str, width: int) -> RenderableType:
    grid = Table(title=heading, title_justify="left", title_style="italic")
    add_wrapping_column(grid, "Term", [_label(r.term) for r in compared.rows])
    for index, party in enumerate(compared.parties):
        add_wrapping_column(
            grid, party.country, [_compared_cell(r.terms[index]) for r in compared.rows]
        )
    grid.add_column("Differ?")
    for r in compared.rows:
        grid.add_row(
            cell(_label(r.term), "bold"),
            *(cell(_compared_cell(t), STATUS_STYLES[t.status]) for t in r.terms),
            cell("differ" if r.differs else "same", "bold yellow" if r.differs else "dim"),
        )
    return FirstThatFits(width, grid, _pieces(_compare_blocks(compared, heading)))


def _compared_cell(term: Term) -> str:
    text = cell_text(term)
    return f"{text}\n“{term.quote}”" if term.quote else text


def _compare_blocks(compared: Comparison, heading: str) -> Iterator[Piece]:
    yield Piece("line", heading, "italic")
    for r in compared.rows:
        yield Piece("line", f"{_label(r.term)}: {'they differ' if r.differs else 'the same'}",
                    "bold")  # fmt: skip
        for party, term in zip(compared.parties, r.terms, strict=True):
            yield Piece("indented", f"{party.country}: {cell_text(term)}")
            if term.quote:
                yield Piece("indented", f"  “{term.quote}” ({term.quote_lang})", "italic")


def calendar_view(found: Calendar, heading: str, width: int) -> RenderableType:
    grid = Table(title=heading, title_justify="left", title_style="italic")
    grid.add_column("Date", no_wrap=True)
    add_wrapping_column(grid, "Party", [o.country for o in found.obligations])
    add_wrapping_column(grid, "What", [o.title for o in found.obligations])
    for o in found.obligations:
        grid.add_row(cell(o.on or "undated"), cell(o.country, "bold"), cell(o.title))
    blocks = [Piece("line", heading, "italic")]
    for o in found.obligations:
        blocks += [Piece("line", f"{o.on or 'undated'}  {o.country}", "bold"),
                   Piece("indented", o.title)]  # fmt: skip
    if not found.obligations:
        return cell(f"{heading}\nNo obligation falls in that time.")
    return FirstThatFits(width, grid, _pieces(blocks))


def diff_view(diff: Diff, heading: str, width: int) -> RenderableType:
    parts: list[RenderableType] = [cell(heading, "italic")]
    if diff.signed:
        parts.append(cell("Signed in between:", "bold"))
        for s in diff.signed:
            outside = "" if s.counted else " (outside the official count)"
            parts.append(piece_view(Piece("indented", f"{s.signed_on}  {s.country}{outside}")))
    if not diff.differences:
        parts.append(cell("Nothing changed."))
        return Group(*parts)
    grid = Table(title="Changes", title_justify="left", title_style="bold")
    texts = {
        "party": [d.country for d in diff.differences],
        "old": [str(d.old) if d.old is not None else "" for d in diff.differences],
        "new": [str(d.new) if d.new is not None else "" for d in diff.differences],
    }
    add_wrapping_column(grid, "Party", texts["party"])
    grid.add_column("Of")
    grid.add_column("Change")
    add_wrapping_column(grid, "Old", texts["old"] or [""])
    add_wrapping_column(grid, "New", texts["new"] or [""])
    for d, old, new in zip(diff.differences, texts["old"], texts["new"], strict=True):
        of = d.entity if d.field is None or d.entity == "stage" else d.field
        grid.add_row(cell(d.country, "bold"), cell(of), cell(d.change), cell(old), cell(new))
    blocks = []
    for d, old, new in zip(diff.differences, texts["old"], texts["new"], strict=True):
        of = d.entity if d.field is None or d.entity == "stage" else d.field
        blocks.append(Piece("line", f"{d.country}: {of} {d.change}", "bold"))
        if old:
            blocks.append(Piece("indented", f"was: {old}"))
        if new:
            blocks.append(Piece("indented", f"now: {new}"))
    parts.append(FirstThatFits(width, grid, _pieces(blocks)))
    return Group(*parts)
