"""The installed command in the environments it meets: output that cannot be written, a reader that goes away, encodings and locales, closed streams, arguments that are not UTF-8."""

import json
import sqlite3
import subprocess

import pytest

from conftest import (
    dump,
    environment,
    installed_command,
    real_clock_if_streams_closed,
)


def shell(command, db, **extra):
    """The installed command run by sh, for redirections Python cannot set up itself."""
    line = f"{installed_command()[0]} {command}"
    return subprocess.run(["sh", "-c", line], capture_output=True, text=True,
                          env=real_clock_if_streams_closed(line, environment(db, **extra)),
                          timeout=60)  # fmt: skip


def note_of(db, code):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT status, place FROM parties WHERE code = ?", (code,)).fetchone()


@pytest.mark.installed
def test_a_change_whose_report_meets_a_full_disk_says_it_was_saved(seeded):
    result = shell("add Czechia --status planned > /dev/full", seeded)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: the change was saved, but its report could not be printed (No space left on "
        "device). See it with: agreements history\n"
    )
    assert note_of(seeded, "CZ") == ("planned", None)


@pytest.mark.installed
def test_a_change_whose_report_has_no_output_at_all_says_it_was_saved(seeded):
    result = shell("update DE --place Bonn >&-", seeded)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: the change was saved, but its report could not be printed (standard output "
        "is closed). See it with: agreements history\n"
    )
    assert note_of(seeded, "DE") == ("signed", "Bonn")


@pytest.mark.installed
def test_a_reader_that_goes_away_ends_the_output_quietly(seeded):
    result = shell("history | head -n 1", seeded)
    assert result.stdout.endswith("changes, newest first\n") and result.stderr == ""


@pytest.mark.installed
def test_an_output_encoding_without_the_letters_gets_escapes_and_the_change_lands(seeded):
    result = shell("update DE --place München", seeded, PYTHONIOENCODING="ascii")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "Updated Germany (DE): place Berlin -> M\\xfcnchen.\n"
    assert note_of(seeded, "DE") == ("signed", "München")
    shown = shell("list --format json", seeded, PYTHONIOENCODING="ascii")
    assert shown.returncode == 0 and "M\\u00fcnchen" in shown.stdout
    assert next(r for r in json.loads(shown.stdout) if r["code"] == "DE")["place"] == "München"
    exported = shell("export", seeded, PYTHONIOENCODING="ascii")
    assert exported.stdout.isascii()
    parties = json.loads(exported.stdout)["parties"]
    assert next(p for p in parties if p["code"] == "DE")["place"] == "München"


@pytest.mark.installed
def test_the_c_locale_shows_the_letters(seeded):
    shell("update DE --place München", seeded)
    result = shell("show DE", seeded, LC_ALL="C", LANG="C")
    assert result.returncode == 0 and "München" in result.stdout


@pytest.mark.installed
def test_a_closed_standard_input_is_not_a_terminal_and_not_a_file(seeded):
    result = shell("remove Germany <&-", seeded)
    assert (result.returncode, result.stdout) == (
        0,
        "Removed Germany (DE). Undo with: agreements undo\n",
    )
    before = dump(seeded)
    result = shell("import - <&-", seeded)
    assert result.returncode == 2
    assert result.stderr == "Error: standard input is closed. Give a FILE to import\n"
    assert dump(seeded) == before


@pytest.mark.installed
def test_an_argument_that_is_not_utf8_is_refused(seeded):
    before = dump(seeded)
    for args in (["show", b"M\xffnchen"], ["update", "DE", "--place", b"M\xfcnchen"]):
        result = subprocess.run([*installed_command(), *args], capture_output=True,
                                env=environment(seeded), timeout=60)  # fmt: skip
        assert result.returncode == 2
        typed = args[-1].decode("latin-1").encode("ascii", "backslashreplace").decode()
        assert result.stderr.decode() == (
            f"Error: '{typed}' is not valid UTF-8 text. Give every argument in UTF-8\n"
        )
    assert dump(seeded) == before


@pytest.mark.installed
def test_utf8_arguments_are_taken_where_the_locale_reads_them_as_ascii(seeded, tmp_path):
    """LC_ALL=POSIX with Python's UTF-8 mode turned off: argv arrives as ASCII with the
    other bytes escaped. A UTF-8 note, and a UTF-8 file name, are still what was typed;
    bytes that are not UTF-8 are still refused."""
    env = environment(seeded, LC_ALL="POSIX", LANG="C", PYTHONUTF8="0")
    target = tmp_path / "Přehled €.json"
    for args in (["update", "DE", "--place", "München €"], ["export", "-o", str(target)]):
        result = subprocess.run([*installed_command(), *args], capture_output=True,
                                env=env, timeout=60)  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert note_of(seeded, "DE") == ("signed", "München €")
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "agreements/3"
    before = dump(seeded)
    result = subprocess.run([*installed_command(), "update", "DE", "--place", b"M\xfcnchen"],
                            capture_output=True, env=env, timeout=60)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "Error: 'M\\xfcnchen' is not valid UTF-8 text. Give every argument in UTF-8\n"
    )
    assert dump(seeded) == before
