"""A source another program wrote reaches a terminal as text, never as an escape sequence:
only a plain https address becomes a link, and `check` names every other."""

import re
import sqlite3
import subprocess

import pytest

from conftest import dump, installed_command, run_installed

pytestmark = pytest.mark.installed

ESC = "\x1b"
# Each would end the link's sequence and start its own: a window title, red text, a
# cleared screen, a second link, a bell, a line break.
HOSTILE = {
    "party": "https://a.example/x\x1b]0;OWNED\x07\x1b[31m\x1b[2J",
    "count": "https://c.example/\x9b2J\x9d0;t\x9c",
    "pledge": "https://b.example/\x1b]8;;https://evil.example/\x1b\\",
    "milestone": "https://m.example/ y\x07",
    "goal": "https://g.example/\u202eevil\x1b[2J",
    "reported": "https://r.example/\nHACKED\r",
}
ALLOWED_LINK = re.compile(r"\x1b\]8;id=\d+;(https://[!-~]+)\x1b\\\\")


@pytest.fixture
def hostile(tmp_path):
    db = tmp_path / "agreements.db"
    env = {"AGREEMENTS_DB": str(db), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    assert run_installed("import", "--bundled", env=env, cwd=tmp_path).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE parties SET source = ? WHERE code = 'DE'", (HOSTILE["party"],))
        conn.execute("UPDATE parties SET counted = 0, count_reason = 'r', count_source = ? "
                     "WHERE code = 'FR'", (HOSTILE["count"],))  # fmt: skip
        conn.execute("UPDATE pledges SET source = ? WHERE code = 'FR'", (HOSTILE["pledge"],))
        conn.execute("UPDATE milestones SET source = ? WHERE code = 'BG'", (HOSTILE["milestone"],))
        conn.execute("UPDATE settings SET value = ? WHERE key = 'goal_source'", (HOSTILE["goal"],))
        conn.execute("UPDATE settings SET value = ? WHERE key = 'reported_value_source'",
                     (HOSTILE["reported"],))  # fmt: skip
    return db, env, tmp_path


@pytest.mark.parametrize("command", [["show", "Germany"], ["show", "France"],
                                     ["pledge", "list", "France"], ["milestone", "list"],
                                     ["milestone", "list", "BG"], ["progress"], ["list"],
                                     ["show", "Bulgaria"]])  # fmt: skip
def test_a_hostile_source_is_shown_as_text_in_a_terminal_that_shows_links(hostile, command):
    db, env, cwd = hostile
    before = dump(db)
    done = subprocess.run([*installed_command(), *command], capture_output=True, text=True,
                          env={**env, "FORCE_COLOR": "1", "COLUMNS": "100"}, cwd=cwd, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    links = ALLOWED_LINK.findall(out)
    rest = ALLOWED_LINK.sub("", out).replace("\x1b]8;;\x1b\\", "")  # the links' ends
    assert "\x07" not in rest and "\x9b" not in rest and "\x9d" not in rest
    assert not re.search(r"\x1b\][^8]", rest), rest  # no other operating-system command
    assert "\x1b[2J" not in rest and "\u202e" not in rest
    assert all("evil" not in link and "example/x" not in link for link in links), links
    assert dump(db) == before


def test_check_names_every_source_that_is_not_a_web_address(hostile):
    db, env, cwd = hostile
    done = run_installed("check", env=env, cwd=cwd)
    assert done.returncode == 1
    lines = done.stdout.splitlines()

    def named(who, field, value):
        return (f"{who}: {field} '{value}' is not a web address (http:// or https://, with "
                "no space or control character)")  # fmt: skip

    assert named("Germany (DE)", "source",
                 "https://a.example/x\\x1b]0;OWNED\\x07\\x1b[31m\\x1b[2J") in lines  # fmt: skip
    assert named("France (FR)", "count_source", "https://c.example/\\x9b2J\\x9d0;t\\x9c") in lines
    assert any(line.startswith("pledge ") and named("", "source",
               "https://b.example/\\x1b]8;;https://evil.example/\\x1b\\")[2:] in line
               for line in lines)  # fmt: skip
    assert any(line.startswith("milestone ") and "source 'https://m.example/ y\\x07'" in line
               for line in lines)  # fmt: skip
    assert named("settings", "goal_source", "https://g.example/\\u202eevil\\x1b[2J") in lines
    assert named("settings", "reported_value_source", "https://r.example/\\nHACKED\\x0d") in lines
    assert "\x1b" not in done.stdout


@pytest.mark.parametrize("text", ["Ghazal\u200cha (ZWNJ)", "👩\u200d👩\u200d👧 family",
                                  "co\u00adoperation", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"])  # fmt: skip
def test_ordinary_writing_with_joiners_is_accepted_and_shown_as_it_is(run, seeded, text):
    done = run("update", "Germany", "--note", text)
    assert done.exit_code == 0, done.output
    assert text in run("show", "Germany").stdout
    assert run("check").stdout == ""


@pytest.mark.parametrize("text", ["a\u2028b", "a\u2029b", "a\u202eb", "a\x1bb", "a\u200eb"])
def test_separators_and_direction_controls_are_refused(run, seeded, text):
    from conftest import assert_refused

    before = dump(seeded)
    assert_refused(run("update", "Germany", "--note", text), 2,
                   "note contains control characters. Use plain text")  # fmt: skip
    assert dump(seeded) == before
