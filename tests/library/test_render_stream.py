"""The change log printed a row at a time is what Rich lays out for the whole table (or the
blocks below it), line for line, at every width, for text of every shape."""

import io
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreements_cli.render import history, stream, views
from agreements_cli.render.history import HistoryLine

# Letters one cell wide: with a letter two cells wide at the end of a line, Rich itself
# cuts a word that fits (test below); the streamed table does not.
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéЖ->()0123456789;:", min_size=1, max_size=30)
TEXT = st.lists(WORD, min_size=0, max_size=14).map(" ".join)
LINE = st.builds(
    HistoryLine,
    recorded_at=st.sampled_from(["2024-07-15T10:20:30+00:00", "2026-11-29T05:28:18+00:00"]),
    effective_on=st.sampled_from(["2024-07-01", "2025-12-05"]),
    country=st.sampled_from(["Czechia", "Bosnia and Herzegovina", "EU", "Côte d'Ivoire"]),
    action=st.sampled_from(["add", "update", "import", "undo"]),
    changes=TEXT,
)


def printed(print_it, width, monkeypatch):
    """What ``print_it()`` writes to a pipe of ``width`` columns."""
    out = io.StringIO()
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr(sys, "stdout", out)
    print_it()
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(LINE, min_size=1, max_size=6), width=st.integers(min_value=40, max_value=160))
def test_the_streamed_history_is_richs_layout(lines, width):
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("NO_COLOR", raising=False)
        whole = printed(lambda: views.print_view(lambda w: history.history_view(lines, w)),
                        width, monkeypatch)  # fmt: skip
        streamed = printed(lambda: stream.print_history(len(lines), lambda: iter(lines)),
                           width, monkeypatch)  # fmt: skip
    assert streamed.rstrip("\n") == whole.rstrip("\n")


def test_a_cell_too_wide_is_wrapped_between_words_and_the_table_keeps_its_columns(monkeypatch):
    line = HistoryLine("2024-07-15T10:20:30+00:00", "2024-07-01", "Czechia", "update",
                       "note " + "word " * 30 + "end")  # fmt: skip
    out = printed(lambda: stream.print_history(1, lambda: iter([line])), 100, monkeypatch)
    rows = out.splitlines()
    assert rows[0] == "1 change, newest first" and rows[1].startswith("┏")
    assert all(len(row) == 100 for row in rows[1:])
    assert rows[4].startswith("│ 2024-07-15 10:20 │ 2024-07-01 │ Czechia │ update │ note word")
    assert rows[5].startswith("│                  │            │         │        │ word")


def test_a_word_with_letters_two_cells_wide_is_never_cut(monkeypatch):
    changes = (
        "00 000 0000 00000 000000000 0000000000000 0 0 0 0 000000 00000000000中 0000000000000 0"
    )
    line = HistoryLine("2024-07-15T10:20:30+00:00", "2024-07-01", "Czechia", "add", changes)
    out = printed(lambda: stream.print_history(1, lambda: iter([line])), 97, monkeypatch)
    assert "…" not in out and "00000000000中" in out


PIECE = st.builds(
    views.Piece,
    form=st.sampled_from(["line", "indented", "url"]),
    text=TEXT,
    style=st.sampled_from([None, "bold", "italic"]),
)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(PIECE, max_size=8), width=st.integers(min_value=20, max_value=140))
def test_a_block_view_printed_a_line_at_a_time_is_richs(pieces, width):
    """Every line kind of the block views (pledges, milestones, the history's blocks)."""
    from rich.console import Group

    pieces = [p for p in pieces if p.form != "url" or " " not in p.text]  # an address: a word
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("NO_COLOR", raising=False)
        whole = printed(lambda: views.print_view(lambda w: Group(*map(views.piece_view, pieces))),
                        width, monkeypatch)  # fmt: skip
        streamed = printed(lambda: stream.print_pieces(pieces), width, monkeypatch)
    assert streamed.rstrip("\n") == whole.rstrip("\n")


def test_a_long_ledger_is_printed_as_its_view(run, seeded, monkeypatch):
    """`pledge list` streamed, and the Rich view of the same entries, on the seed."""
    from agreements_cli.cli.shown import pledges_shown
    from agreements_cli.tracker.whole import Tracker

    tracker = Tracker.open(seeded)
    try:
        shown = pledges_shown(tracker.pledges(year=2024))
        whole = printed(lambda: views.print_view(shown.view), 100, monkeypatch)
        streamed = printed(shown.printed, 100, monkeypatch)
    finally:
        tracker.close()
    assert streamed.rstrip("\n") == whole.rstrip("\n") and "(id 1)" in streamed
