"""Help and version: `--help`, `help COMMAND`, and `--version`."""

import pytest

from conftest import assert_refused


def test_version_and_help(run):
    assert run("--version").stdout.startswith("agreements ")
    help_text = run("--help").stdout
    for command in ("list", "add", "progress"):
        assert command in help_text
    assert run("-h").exit_code == 0


def test_help_is_a_command_too(run):
    assert run("help").stdout == run("--help").stdout
    assert run("help", "pledge", "add").stdout == run("pledge", "add", "--help").stdout
    assert run("help", "db").stdout == run("db", "--help").stdout
    assert run("help", "list").stdout.startswith("Usage: agreements list [OPTIONS]")


@pytest.mark.parametrize("words", [["nope"], ["pledge", "nope"], ["list", "more"]])
def test_help_of_no_command_is_bad_input(run, words):
    assert_refused(run("help", *words), 2, f"no command '{' '.join(words)}'. See the commands")
