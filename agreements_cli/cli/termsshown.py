"""The results of the terms commands, ready for each format (see ``output.Shown``): the
records of the machine formats come from the library's results, once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from agreements_cli.cli.output import Shown
from agreements_cli.obligations import OBLIGATION_FIELDS
from agreements_cli.records import Term
from agreements_cli.terms import Compared
from agreements_cli.tracker.terms import Calendar, Comparison, Diff, TermSet, TermsTable
from agreements_cli.vocabulary import TERM_FIELDS
from agreements_cli.wording import dated, term_text

if TYPE_CHECKING:
    from rich.console import RenderableType

# A term as the machine formats give it: its party's name beside its code; ``recorded``
# is false for a term the party has no row for (unknown, from no day).
TERM_ROW_FIELDS = ("id", "code", "country", *TERM_FIELDS[2:], "recorded")
COMPARE_FIELDS = ("term", "differs", "code", "country", "status", "value", "unit", "firmness",
                  "clause", "quote", "quote_lang", "source")  # fmt: skip
DIFF_FIELDS = ("entity", "code", "country", "change", "field", "old", "new", "item_id")


def term_row(term: Term, country: str) -> dict[str, Any]:
    row = term.as_dict()
    recorded = term.id is not None
    row["holds_from"] = term.holds_from or None
    return {"id": term.id, "code": term.code, "country": country,
            **{f: row[f] for f in TERM_FIELDS[2:]}, "recorded": recorded}  # fmt: skip


def _when(table_dated: Any) -> str:
    return dated(table_dated.as_of, table_dated.data_as_of)


def terms_shown(table: TermsTable) -> Shown:
    def rows() -> list[dict]:
        return [term_row(t, row.party.country) for row in table.rows for t in row.terms]

    where = "; ".join(f"{c.term}{c.op}{c.value}" for c in table.conditions)
    count = len(table.rows)
    heading = (
        f"Terms of {count} agreement{'' if count == 1 else 's'}"
        + (f" where {where}" if where else "")
        + f", {_when(table.dated)}"
    )

    def view(width: int) -> RenderableType:
        from agreements_cli.render.terms import terms_view

        return terms_view(table, heading, width)

    return Shown(json=rows, view=view, fields=TERM_ROW_FIELDS, rows=rows)


def _compared(row: Compared, comparison: Comparison) -> dict[str, Any]:
    return {
        "term": row.term,
        "differs": row.differs,
        "parties": [term_row(t, p.country) for p, t in zip(comparison.parties, row.terms,
                                                           strict=True)],
    }  # fmt: skip


def compare_shown(comparison: Comparison) -> Shown:
    names = " and ".join(p.country for p in comparison.parties)
    heading = f"{names}, term by term, {_when(comparison.dated)}"

    def flat() -> list[dict]:
        return [
            {"term": r.term, "differs": r.differs, "code": p.code, "country": p.country,
             **{f: getattr(t, f) for f in COMPARE_FIELDS[4:]}}
            for r in comparison.rows
            for p, t in zip(comparison.parties, r.terms, strict=True)
        ]  # fmt: skip

    def view(width: int) -> RenderableType:
        from agreements_cli.render.terms import compare_view

        return compare_view(comparison, heading, width)

    return Shown(
        json=lambda: [_compared(r, comparison) for r in comparison.rows],
        view=view,
        fields=COMPARE_FIELDS,
        rows=flat,
    )


def calendar_shown(found: Calendar) -> Shown:
    span = (
        f" from {found.start or 'the first'} to {found.end or 'the last'}"
        if found.start or found.end
        else ""
    )
    heading = f"Obligations of the agreements{span}, {_when(found.dated)}"

    def view(width: int) -> RenderableType:
        from agreements_cli.render.terms import calendar_view

        return calendar_view(found, heading, width)

    return _records(found.obligations, OBLIGATION_FIELDS, view)


def diff_shown(diff: Diff) -> Shown:
    heading = f"What changed from {diff.first} to {diff.last}"

    def view(width: int) -> RenderableType:
        from agreements_cli.render.terms import diff_view

        return diff_view(diff, heading, width)

    return _records(diff.differences, DIFF_FIELDS, view)


def _records(records: Sequence[Any], fields: Sequence[str], view: Callable[[int], Any]) -> Shown:
    """Records in every format: JSON a list of them, CSV a row each under ``fields``, and
    ``view`` for people."""
    return Shown(
        json=lambda: [r.as_dict() for r in records],
        view=view,
        fields=fields,
        rows=lambda: (r.as_dict() for r in records),
    )


def term_set_line(done: TermSet) -> str:
    if done.new is None:
        assert done.old is not None
        return (
            f"{done.country} already has {term_text(done.old)} (id {done.old.id}); nothing changed."
        )
    verb = "Changed" if done.old is not None else "Added"
    was = f", was {term_text(done.old)}" if done.old is not None else ""
    return (
        f"{verb} term {done.new.id} of {done.country} ({done.new.code}): "
        f"{term_text(done.new)}{was}. Undo with: agreements undo"
    )
