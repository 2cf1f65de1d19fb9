"""Completion in a real bash, in a pseudo-terminal: Tab completes a name to one word of
the command line, and a name with shell syntax in it is never run by Enter."""

import os
import pty
import re
import select
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from conftest import installed_command, run_installed

pytestmark = [
    pytest.mark.installed,
    pytest.mark.skipif(shutil.which("bash") is None, reason="bash is part of every CI machine"),
]


class Bash:
    """An interactive bash in a pty with agreements' completion loaded."""

    PROMPT = "READY> "

    def __init__(self, home: Path, db: Path):
        script = subprocess.run([*installed_command(), "--show-completion", "bash"],
                                capture_output=True, text=True, check=True).stdout  # fmt: skip
        (home / "completion.bash").write_text(script)
        bindir = str(Path(installed_command()[0]).parent)
        env = {"HOME": str(home), "PATH": f"{bindir}:/usr/bin:/bin", "TERM": "dumb",
               "AGREEMENTS_DB": str(db), "PS1": self.PROMPT, "INPUTRC": "/dev/null",
               "COLUMNS": "100", "LANG": "C.UTF-8"}  # fmt: skip
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(home)
            os.execve("/bin/bash", ["bash", "--norc", "--noprofile", "-i"], env)
        self.read_until(self.PROMPT)
        self.type(f"source {home / 'completion.bash'}\n")
        self.read_until(self.PROMPT)

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))

    def read_until(self, marker: str, timeout: float = 30) -> str:
        seen = b""
        deadline = time.monotonic() + timeout
        while marker.encode() not in seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"bash did not show {marker!r}; it showed {seen!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                seen += os.read(self.fd, 65536)
        return seen.decode("utf-8", "replace")

    def complete_and_run(self, typed: str) -> str:
        """Type ``typed``, Tab, then Enter: the line as completed and what the command
        printed, up to the next prompt, with its exit status."""
        self.type(typed + "\t")
        time.sleep(1.5)  # completion runs the installed command
        self.type("\n")
        printed = self.read_until(self.PROMPT)
        self.type('echo "exit=$?"\n')
        return printed + self.read_until(self.PROMPT)

    def close(self) -> None:
        os.close(self.fd)
        os.waitpid(self.pid, 0)


@pytest.fixture
def bash(tmp_path):
    db = tmp_path / "agreements.db"
    env = {"AGREEMENTS_DB": str(db), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for name in ("North Macedonia", "Côte d'Ivoire", "Bosnia and Herzegovina"):
        done = run_installed("add", name, "--status", "negotiating", env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    shell = Bash(tmp_path, db)
    yield shell, db
    shell.close()


def shown_country(output: str) -> str:
    found = re.search(r"^(?:Country|Party)\s+(.+?)\s*$", output, re.M)
    return found.group(1) if found else output


@pytest.mark.parametrize(
    "typed, country",
    [
        ("agreements show North", "North Macedonia"),
        ("agreements show Côte", "Côte d'Ivoire"),
        ("agreements show Bosnia", "Bosnia and Herzegovina"),
        ("agreements history North", "North Macedonia"),
    ],
)
def test_a_name_with_spaces_or_an_apostrophe_completes_to_one_word(bash, typed, country):
    shell, _ = bash
    output = shell.complete_and_run(typed)
    assert "exit=0" in output, output
    assert "unexpected extra argument" not in output
    assert country in output


def test_a_name_with_shell_syntax_is_never_run(bash, tmp_path):
    shell, db = bash
    names = {
        "DE": "Germany $(touch ran-1)",
        "FR": "France`touch ran-2`",
        "PL": "Poland; touch ran-3",
        "IT": "Italy && touch ran-4 #",
        "NL": "Netherlands | tee ran-5",
        "DK": "Denmark > ran-6",
    }
    with sqlite3.connect(db) as conn:
        for code, name in names.items():
            conn.execute("UPDATE parties SET country = ? WHERE code = ?", (name, code))
    for name in names.values():
        shell.complete_and_run(f"agreements show {name.split()[0][:4]}")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ran")) == []


def test_a_code_still_completes_when_the_name_cannot_be_offered(bash):
    shell, db = bash
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE parties SET country = 'Germany $(x)' WHERE code = 'DE'")
    output = shell.complete_and_run("agreements show DE")
    assert "exit=0" in output and "Germany $(x)" in output
