"""Text that reached the database behind the tool's back never acts on the terminal."""

import csv
import io
import sqlite3
import unicodedata
from datetime import date

import pytest

from conftest import assert_refused, dump

HOSTILE = "Note\x1b[2J\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u202eevil\u202c \x9b31m\x7f [bold]x[/] [/]"


def live_characters(text: str) -> set[str]:
    return {ch for ch in text if ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf")}


@pytest.fixture
def tampered(run, seeded):
    """Text written straight into the file with sqlite3, as another tool might: in the
    table and in the change log, after a change that undo can revert."""
    assert run("update", "Poland", "--note", "clean").exit_code == 0
    with sqlite3.connect(seeded) as conn:
        conn.execute(
            "UPDATE parties SET note = ?, place = ?, country = ? WHERE code = 'PL'",
            (HOSTILE, HOSTILE, "Poland " + HOSTILE),
        )
        conn.execute(
            "UPDATE events SET before = json_set(before, '$.country', ?), "
            "after = json_set(after, '$.note', ?, '$.country', ?) WHERE code = 'PL'",
            ("Poland " + HOSTILE, HOSTILE, "Poland " + HOSTILE),
        )
    return seeded


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "markdown"],
        ["list", "--format", "csv"],
        ["list", "--format", "json"],
        ["show", "Poland"],
        ["show", "Poland", "--format", "json"],
        ["history", "Poland"],
        ["history", "Poland", "--format", "csv"],
        ["export"],
        ["export", "--format", "csv"],
    ],
)
def test_no_live_control_characters_reach_the_output(run, tampered, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert live_characters(result.stdout) == set()
    assert "\\x1b" in result.stdout or "\\u001b" in result.stdout


def test_json_still_carries_the_exact_text(run, tampered):
    rows = run.json("list")
    assert next(r for r in rows if r["code"] == "PL")["note"] == HOSTILE


def test_markup_is_shown_as_written(run, tampered):
    table = run("show", "Poland").stdout
    assert "[bold]x[/]" in table


def test_csv_shows_the_escapes_visibly(run, tampered):
    rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").stdout)))
    note = next(r for r in rows if r["code"] == "PL")["note"]
    assert note.startswith("Note\\x1b[2J\\x1b]8;;https://evil.example\\x07link")
    assert "\\u202eevil\\u202c" in note and "\\x9b31m\\x7f" in note


def test_undo_question_and_message_are_safe(run, tampered):
    result = run("undo")
    assert result.exit_code == 0, result.output
    assert live_characters(result.stdout) == set()


def test_each_kind_of_hidden_character_is_shown_as_an_escape():
    from agreements_cli.safety import visible

    # Cc (ESC, DEL), Cf (right-to-left override), Co (private use), Cs (a lone surrogate),
    # Zl and Zp (line and paragraph separators); a line break and a tab stay as they are.
    text = "a\x1bb\x7fc\u202ed\ue000e\ud800f\u2028g\u2029h\ni\tj\u00e9"
    assert visible(text) == ("a\\x1bb\\x7fc\\u202ed\\ue000e\\ud800f\\u2028g\\u2029h\ni\tj\u00e9")
    assert visible("Kyiv, Україна") == "Kyiv, Україна"


def test_the_first_pledge_is_the_earliest_then_the_first_stored():
    from agreements_cli.records import Pledge
    from agreements_cli.reports import first_pledge

    pledges = [Pledge.from_row({"announced_on": day, "id": number})
               for day, number in (("2024-02-16", 5), ("2024-02-16", 3), ("2024-03-01", 1))]  # fmt: skip
    assert first_pledge(pledges).id == 3
    assert first_pledge([]) is None


def test_a_view_of_a_past_date_is_as_of_that_date_at_most():

    from agreements_cli.reports import data_date

    assert data_date("2024-07-15", None, None) == "2024-07-15"
    assert data_date("2024-07-15", "2025-12-05", None) == "2025-12-05"
    assert data_date("2024-07-15", None, date(2024, 3, 1)) == "2024-03-01"
    assert data_date("2024-07-15", None, date(2024, 7, 15)) == "2024-07-15"
    assert data_date("2024-07-15", None, date(2025, 1, 1)) == "2024-07-15"
    assert data_date(None, None, date(2025, 1, 1)) is None


def test_markdown_escapes_the_table_bar(run, seeded):
    assert run("update", "Germany", "--place", "Berlin | Kanzleramt").exit_code == 0
    lines = run("list", "--format", "markdown").stdout.splitlines()
    germany = next(line for line in lines if line.startswith("| Germany "))
    assert "| Berlin \\| Kanzleramt |" in germany
    assert germany.count(" | ") == lines[0].count(" | ")  # as many cells as the header


def test_stored_text_in_an_error_line_is_shown_not_obeyed(run, seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE parties SET country = 'Ger\x1b[2Jmany' WHERE code = 'DE'")
    before = dump(seeded)
    result = run("add", "DE", "--status", "signed")
    assert_refused(result, 1, "Ger\\x1b[2Jmany is already tracked (signed)")
    assert "\x1b" not in result.stderr
    assert dump(seeded) == before
