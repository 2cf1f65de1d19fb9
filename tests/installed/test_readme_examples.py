"""Every `console` example in the README, run: each block on a fresh database (a fresh
install), its commands in order, through the installed command; the output must be what
the README shows. Only today's date (on the README's side, the day it says its examples were
printed), the time a change was recorded and the home folder (/home/you) are normalised; a
line `...` in the README stands for any lines (an example cut short)."""

import os
import subprocess
from pathlib import Path

import pytest

from conftest import BLOCKS, installed_command, matches, steps

# Every test here checks what the installed command does in another process.
pytestmark = pytest.mark.installed


def test_the_readme_has_console_examples():
    assert len(BLOCKS) >= 20 and all(steps(block) for block in BLOCKS)


@pytest.mark.parametrize("number", range(len(BLOCKS)), ids=lambda n: f"block{n + 1}")
def test_a_readme_example_shows_what_the_command_prints(number, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "AGREEMENTS_DB")}
    env.update(
        PATH=f"{Path(installed_command()[0]).parent}{os.pathsep}{env['PATH']}",
        HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"), COLUMNS="100",
        PYTHONUNBUFFERED="1", TERM="dumb",
    )  # fmt: skip
    status = 0
    for command, expected in steps(BLOCKS[number]):
        if command == "echo $?":
            actual = [str(status)]
        else:
            done = subprocess.run(["bash", "-c", command], capture_output=False, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                                  cwd=tmp_path, timeout=120)  # fmt: skip
            # The reader's home folder is shown as /home/you.
            printed = done.stdout.replace(str(home), "/home/you")
            status, actual = done.returncode, printed.splitlines()
        assert matches(expected, actual), (
            f"$ {command}\n--- README\n"
            + "\n".join(expected)
            + "\n--- printed\n"
            + "\n".join(actual)
        )
