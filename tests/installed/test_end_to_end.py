"""The installed ``agreements`` command in a subprocess, as a user runs it."""

import json
import os
import sqlite3

import pytest

from conftest import run_installed

# Every test here checks what the installed command does in another process.
pytestmark = pytest.mark.installed


def env_for(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("AGREEMENTS_DB", "NO_COLOR")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "data"), COLUMNS="100")
    env.update(extra)
    return env


def test_first_run_creates_and_seeds_the_default_database(tmp_path):
    env = env_for(tmp_path)
    result = run_installed("progress", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "23 of 32 signed" in result.stdout
    database = tmp_path / "data" / "agreements" / "agreements.db"
    assert database.is_file()
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM parties").fetchone()[0] == 23


def test_the_users_first_steps(tmp_path):
    env = env_for(tmp_path, AGREEMENTS_DB=str(tmp_path / "work.db"))
    added = run_installed("add", "Czechia", "--status", "negotiating", env=env, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    summary = json.loads(
        run_installed("progress", "--format", "json", env=env, cwd=tmp_path).stdout
    )
    assert (summary["signed"], summary["negotiating"]) == (23, 1)

    before = (tmp_path / "work.db").read_bytes()
    again = run_installed("add", "Czechia", "--status", "negotiating", env=env, cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr.startswith("Error: Czechia is already tracked")
    for args in (["add", "Narnia", "--status", "signed"], ["add", "Poland", "--status", "maybe"]):
        refused = run_installed(*args, env=env, cwd=tmp_path)
        assert refused.returncode == 2, refused.stderr
        assert refused.stderr.startswith("Error: ") and refused.stderr.count("\n") == 1
        assert "Traceback" not in refused.stderr
    assert (tmp_path / "work.db").read_bytes() == before


def test_output_to_a_pipe_has_no_escape_codes(tmp_path):
    env = env_for(tmp_path, AGREEMENTS_DB=str(tmp_path / "pipe.db"))
    assert run_installed("db", "init", env=env, cwd=tmp_path).returncode == 0
    for args in (["list"], ["progress"], ["list", "--format", "json"]):
        result = run_installed(*args, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout


def test_json_is_not_wrapped_in_a_narrow_pipe(tmp_path):
    env = env_for(tmp_path, AGREEMENTS_DB=str(tmp_path / "narrow.db"), COLUMNS="20")
    assert run_installed("db", "init", env=env, cwd=tmp_path).returncode == 0
    result = run_installed("list", "--format", "json", env=env, cwd=tmp_path)
    rows = json.loads(result.stdout)
    assert len(rows) == 23


def test_the_bundled_later_data_from_any_folder(tmp_path):
    """The Done-when of the data-date issue, as a user runs it outside the repository."""
    env = env_for(tmp_path, AGREEMENTS_DB=str(tmp_path / "fresh.db"))
    assert run_installed("db", "init", env=env, cwd=tmp_path).returncode == 0
    fresh = run_installed("progress", "--format", "json", env=env, cwd=tmp_path)
    assert fresh.returncode == 0, fresh.stderr
    assert json.loads(fresh.stdout)["data_as_of"] == "2024-07-15"
    assert "agreements import --bundled" in fresh.stderr
    dry = run_installed("import", "--bundled", "--dry-run", env=env, cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.endswith("Nothing was written.\n")
    applied = run_installed("import", "--bundled", env=env, cwd=tmp_path)
    assert applied.returncode == 0, applied.stderr
    summary = json.loads(run_installed("progress", "-f", "json", env=env, cwd=tmp_path).stdout)
    assert (summary["signed"], summary["signed_outside_count"], summary["negotiating"],
            summary["untracked"], summary["data_as_of"]) == (28, 1, 3, 1, "2026-06-25")  # fmt: skip
    rows = json.loads(run_installed("list", "-f", "json", env=env, cwd=tmp_path).stdout)
    by_code = {row["code"]: row for row in rows}
    assert (by_code["HR"]["status"], by_code["HR"]["counted"]) == ("signed", False)
    assert (by_code["BG"]["stage"], by_code["ME"]["stage"]) == (
        "signing called off", "signing postponed",
    )  # fmt: skip
    table = run_installed("progress", env=env, cwd=tmp_path)
    assert "+1 signed outside the official count: Croatia" in table.stdout
    assert table.stderr == ""
