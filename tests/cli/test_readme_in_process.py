"""The README's examples again, in process: each block whose commands are all plain
`agreements ...` lines (or `echo $?`) runs through Typer's runner, so a change to the library
that alters what an example prints fails here too (test_readme_examples.py runs every block
through the installed command, which mutation testing cannot see into)."""

import shlex

import pytest
from typer.testing import CliRunner

from agreements_cli.cli import app

from conftest import BLOCKS, matches, steps


def plain(command: str) -> list[str] | None:
    """The arguments of a plain `agreements` command line, or None for anything a shell does."""
    if any(sign in command for sign in "|<>;&$`*"):
        return None
    words = shlex.split(command)
    return words[1:] if words and words[0] == "agreements" else None


PLAIN = [
    number
    for number, block in enumerate(BLOCKS)
    if all(command == "echo $?" or plain(command) is not None for command, _ in steps(block))
]


def test_most_examples_run_in_process():
    assert len(PLAIN) >= 15, PLAIN


@pytest.mark.parametrize("number", PLAIN, ids=lambda n: f"block{n + 1}")
def test_a_readme_example_prints_the_same_in_process(number, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AGREEMENTS_DB", raising=False)
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "COLUMNS": "100", "TERM": "dumb", "NO_COLOR": None}  # fmt: skip
    runner = CliRunner()
    status = 0
    for command, expected in steps(BLOCKS[number]):
        if command == "echo $?":
            actual = [str(status)]
        else:
            result = runner.invoke(app, plain(command), env=env)
            status = result.exit_code
            actual = result.output.replace(str(home), "/home/you").splitlines()
        assert matches(expected, actual), (
            f"$ {command}\n--- README\n"
            + "\n".join(expected)
            + "\n--- printed\n"
            + "\n".join(actual)
        )
