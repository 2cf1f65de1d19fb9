"""A long import says how far it has got on a terminal (standard error a terminal), and
nowhere else: piped, its output is the same as before."""

import json
import os
import pty
import subprocess

import pytest

from conftest import drained, installed_command

pytestmark = pytest.mark.installed

CODES = ["AT", "BE", "BG", "CY", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE", "IT",
         "LV", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "CH",
         "GB", "US", "CA", "JP", "AU", "NZ", "KR", "AL", "ME", "MK", "HR", "CZ"]  # fmt: skip


def long_file(folder):
    """40 parties with 60 pledges each: 2,440 records and items to check."""
    parties = [
        {"code": code, "status": "negotiating", "since": "2024-01-01",
         "source": "https://example.org/x",
         "pledges": [{"amount": str(1_000_000 + n), "years": "2024",
                      "announced_on": "2024-05-01"} for n in range(60)]}
        for code in CODES
    ]  # fmt: skip
    path = folder / "long.json"
    path.write_text(json.dumps({"parties": parties}), encoding="utf-8")
    return path


def with_terminal_stderr(command, env, folder):
    """``command`` run with its standard error a terminal: its exit code, its stdout (in a
    file, so that neither stream waits for the other), and what the terminal received."""
    leader, follower = pty.openpty()
    written = folder / "stdout.txt"
    with written.open("wb") as stdout:
        proc = subprocess.Popen(command, stdout=stdout, stderr=follower, env=env)
    os.close(follower)
    received = drained(leader)
    proc.wait(timeout=60)
    os.close(leader)
    return proc.returncode, written.read_text(encoding="utf-8"), received.decode(errors="replace")


def test_a_long_import_shows_how_far_it_has_got_on_a_terminal_only(tmp_path):
    path = long_file(tmp_path)
    env = {**os.environ, "AGREEMENTS_DB": str(tmp_path / "a.db"), "TERM": "xterm",
           "COLUMNS": "80"}  # fmt: skip
    env.pop("NO_COLOR", None)
    code, out, terminal = with_terminal_stderr([*installed_command(), "import", str(path)], env,
                                               tmp_path)  # fmt: skip
    assert code == 0, terminal
    assert out.splitlines()[-1].startswith(f"Imported {path}: ")
    assert "pledges: 2400 added" in out.splitlines()[-1]
    assert "Checking" in terminal and "Writing" in terminal
    assert "2440" in terminal.replace(",", "")  # the work in all: records and their pledges
    # Piped, standard error holds no progress, and the output is the same.
    env["AGREEMENTS_DB"] = str(tmp_path / "b.db")
    piped = subprocess.run([*installed_command(), "import", str(path)], capture_output=True,
                           text=True, env=env, timeout=120)  # fmt: skip
    assert piped.returncode == 0 and piped.stderr == ""
    assert piped.stdout.splitlines()[-1] == out.splitlines()[-1]


def test_a_short_import_shows_nothing_more_on_a_terminal(tmp_path):
    path = tmp_path / "short.json"
    path.write_text('{"parties": [{"code": "CZ", "status": "negotiating"}]}', encoding="utf-8")
    env = {**os.environ, "AGREEMENTS_DB": str(tmp_path / "a.db"), "TERM": "xterm"}
    code, out, terminal = with_terminal_stderr([*installed_command(), "import", str(path)], env,
                                               tmp_path)  # fmt: skip
    assert code == 0, terminal
    assert terminal == "" and "add Czechia (CZ)" in out
