"""The installed command on a terminal and in a pipe: colour, escape codes, machine formats the same bytes whatever the terminal."""

import os
import pty
import re
import subprocess

import pytest

from conftest import drained, installed_command

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def in_a_terminal(args, env_extra, db):
    """Run the installed command with a pseudo-terminal as stdout; return what it wrote."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "FORCE_COLOR")}
    env.update({"AGREEMENTS_DB": str(db), "COLUMNS": "100", "TERM": "xterm-256color", **env_extra})
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*installed_command(), *args], stdout=follower, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, env=env)  # fmt: skip
    os.close(follower)
    output = drained(leader, 30)
    proc.wait(timeout=30)
    os.close(leader)
    assert proc.returncode == 0
    return output.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.installed
@pytest.mark.parametrize("args", [["list"], ["progress"], ["timeline"]])
def test_colour_on_a_terminal_and_none_with_no_color_or_dumb(full, args):
    assert ESCAPE.search(in_a_terminal(args, {}, full)), "a terminal should get colour"
    assert "\x1b" not in in_a_terminal(args, {"NO_COLOR": "1"}, full)
    assert "\x1b" not in in_a_terminal(args, {"TERM": "dumb"}, full)


@pytest.mark.installed
def test_no_escape_codes_in_a_pipe(full):
    env = {**os.environ, "AGREEMENTS_DB": str(full)}
    env.pop("NO_COLOR", None)
    for args in (["list"], ["progress"], ["history"], ["timeline"], ["show", "Czechia"]):
        out = subprocess.run(
            [*installed_command(), *args], capture_output=True, text=True, env=env
        ).stdout
        assert "\x1b" not in out, args


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--format", "json"],
        ["list", "--format", "csv"],
        ["progress", "--format", "json"],
        ["history", "--format", "csv"],
        ["timeline", "--format", "json"],
        ["export"],
    ],
)
@pytest.mark.installed
def test_machine_formats_are_the_same_bytes_whatever_the_terminal(full, args):
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    outputs = set()
    for extra in ({"COLUMNS": "20"}, {"COLUMNS": "300"}, {"NO_COLOR": "1"}, {"TERM": "dumb"}):
        env = {**base, "AGREEMENTS_DB": str(full), **extra}
        outputs.add(
            subprocess.run([*installed_command(), *args], capture_output=True, env=env).stdout
        )
    outputs.add(in_a_terminal(args, {"COLUMNS": "20"}, full).encode("utf-8"))
    assert len(outputs) == 1
