"""The environment a command runs in: output that cannot be written or shown, closed
streams, text that is not Unicode, terminal sizes, database paths, a locked database."""

import json
import os
import re
import sqlite3
import time

import pytest
from typer.testing import CliRunner

from agreements_cli.cli import app

from conftest import (
    assert_refused,
    default_database,
    dump,
    held_exclusively,
    library_process,
)

# ------------------------------------------------------- a change saved, its report not


@pytest.mark.parametrize("redirect", ["> /dev/full", ">&-"])
def test_a_read_that_cannot_print_says_so_and_changes_nothing(seeded, redirect):
    before = dump(seeded)
    result = library_process(f"list {redirect}", seeded)
    reason = "No space left on device" if "full" in redirect else "standard output is closed"
    assert result.returncode == 1
    assert result.stderr == f"Error: cannot print the output: {reason}. Nothing was changed\n"
    assert dump(seeded) == before


def test_no_change_to_report_is_not_called_saved(seeded):
    result = library_process("update DE --place Berlin > /dev/full", seeded)
    assert result.returncode == 1
    assert "Nothing was changed" in result.stderr and "saved" not in result.stderr


def test_a_database_made_by_a_read_that_cannot_print_is_not_called_a_change(tmp_path):
    """Creating and seeding the default database on first use is not a change the command
    was asked for."""
    result = library_process("list > /dev/full", None, XDG_DATA_HOME=str(tmp_path))
    assert (result.returncode, result.stderr) == (
        1, "Error: cannot print the output: No space left on device. Nothing was changed\n"
    )  # fmt: skip
    assert default_database(tmp_path).exists()


def test_an_ascii_output_in_process_degrades_every_format(run, seeded):
    assert run("update", "DE", "--place", "Zürich").exit_code == 0
    ascii_runner = CliRunner(charset="ascii")
    for args in (["show", "DE"], ["list"], ["list", "-f", "csv"], ["list", "-f", "markdown"]):
        result = ascii_runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert "Z\\xfcrich" in result.stdout, args
    escaped = ascii_runner.invoke(app, ["list", "-f", "json"]).stdout
    assert '"place": "Z\\u00fcrich"' in escaped
    assert next(r for r in json.loads(escaped) if r["code"] == "DE")["place"] == "Zürich"
    for charset in ("utf-8", "utf_16", "UTF8"):  # any spelling of a UTF: the letters as they are
        shown = CliRunner(charset=charset).invoke(app, ["list", "-f", "json"]).stdout
        assert '"place": "Zürich"' in shown, charset


# ------------------------------------------------------------------ input streams, text


def test_an_argument_with_a_lone_surrogate_is_refused_in_process(run, seeded):
    before = dump(seeded)
    assert_refused(run("update", "DE", "--note", "a\udcffb"), 2, "'a\\xffb' is not valid UTF-8")
    assert dump(seeded) == before


COMMANDS = [
    ["list"], ["progress"], ["history", "DE"], ["timeline"], ["show", "DE"],
    ["pledge", "list"], ["milestone", "list"], ["db", "info"],
]  # fmt: skip


@pytest.mark.parametrize("size", ["0", "-3", "abc", "", "²", "٨٠"])
def test_a_terminal_size_that_is_not_one_is_taken_as_unset(run, seeded, size):
    for args in COMMANDS:
        unset = run(*args, env={"COLUMNS": None, "LINES": None})
        broken = run(*args, env={"COLUMNS": size, "LINES": size})
        assert broken.exit_code == 0 and broken.stdout.strip(), args
        assert broken.stdout == unset.stdout, args


# ---------------------------------------------------------------------- database paths


@pytest.mark.parametrize(
    ("db", "message"),
    [("", "the database path is empty: it names no file"),
     ("  ", "the database path is empty: it names no file"),
     (":memory:", ":memory: is a database in memory, which keeps nothing")],
)  # fmt: skip
def test_a_database_path_that_names_no_file_is_refused(run, tmp_path, monkeypatch, db, message):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = run("--db", db, "add", "Czechia", "--status", "planned")
    assert_refused(result, 2, message + ". Give a file path with --db or AGREEMENTS_DB, or "
                   "leave both out for the default database")  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_a_path_that_looks_like_an_sqlite_uri_is_a_plain_file_name(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("--db", "file:x.db?mode=memory", "add", "Czechia", "--status", "planned")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["file:x.db?mode=memory"]
    with sqlite3.connect(tmp_path / "file:x.db?mode=memory") as conn:
        assert conn.execute("SELECT status FROM parties WHERE code = 'CZ'").fetchone() == (
            "planned",
        )
    # "#" would start a fragment and "%41" read as "A": both stay as they are.
    assert run("--db", "x#y%41.db", "add", "Czechia", "--status", "planned").exit_code == 0
    files = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert files == ["file:x.db?mode=memory", "x#y%41.db"]


def test_a_dangling_link_and_a_link_loop_are_named_as_such(run, tmp_path):
    dangling = tmp_path / "dangling.db"
    os.symlink(tmp_path / "missing" / "x.db", dangling)
    assert_refused(
        run("--db", str(dangling), "list"), 1,
        f"the database path {dangling} is a symbolic link to {tmp_path / 'missing' / 'x.db'}, "
        "which does not exist. Create the file there or give another path with --db",
    )  # fmt: skip
    os.symlink(tmp_path / "b.db", tmp_path / "a.db")
    os.symlink(tmp_path / "a.db", tmp_path / "b.db")
    assert_refused(
        run("--db", str(tmp_path / "a.db"), "list"), 1,
        f"the database path {tmp_path / 'a.db'} is a loop of symbolic links. Give a file path "
        "with --db or AGREEMENTS_DB",
    )  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "b.db", "dangling.db"]


def test_a_database_named_through_a_link_is_the_file_it_points_to(run, seeded, tmp_path):
    link = tmp_path / "link.db"
    os.symlink(seeded, link)
    assert run("--db", str(link), "update", "DE", "--note", "through the link").exit_code == 0
    assert link.is_symlink()
    with sqlite3.connect(seeded) as conn:
        note = conn.execute("SELECT note FROM parties WHERE code = 'DE'").fetchone()[0]
    assert note == "through the link"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("link")) == ["link.db"]


def test_a_folder_that_cannot_be_made_is_a_clean_error(run, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "a-file" / "sub"))
    path = default_database(tmp_path / "a-file" / "sub")
    result = run("list")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: cannot create the folder {path.parent} for the database: Not a directory. "
        "Give another path with --db or AGREEMENTS_DB\n"
    )
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_a_database_held_exclusively_says_how_long_it_waited(run, seeded, monkeypatch):
    from agreements_cli.store import files as store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_SECONDS", 0.5)
    with held_exclusively(seeded):
        started = time.monotonic()
        result = run("list")
        elapsed = time.monotonic() - started
    assert_refused(result, 1, f"the database {seeded} is locked by another process (waited ")
    waited = float(re.search(r"waited ([0-9.]+) s, at most 0.5 s\)", result.stderr).group(1))
    assert 0.4 <= waited <= elapsed + 0.05


def test_a_database_in_a_folder_nobody_can_write_is_a_clean_error(run):
    # /proc takes no new files, even from root.
    result = run("--db", "/proc/agreements.db", "add", "Czechia", "--status", "planned")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: cannot create the database /proc/agreements.db: the folder /proc is not "
        "writable. Give another path with --db or AGREEMENTS_DB\n"
    )
