"""A command pays only for what it uses: which modules each command imports.

Deterministic, unlike timings: a heavy import added to a read path fails here.
"""

import json
import os
import subprocess
import sys

import pytest

# Every test here checks what the installed command does in another process.
pytestmark = pytest.mark.installed

PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('MODULES ' + ' '.join(sorted(sys.modules)), file=sys.stderr))\n"
    "sys.argv = ['agreements'] + sys.argv[1:]\n"
    "from agreements_cli.cli import main\n"
    "main()\n"
)


def modules_of(db, *args, env_extra=None):
    return {name.split(".")[0] for name in every_module_of(db, *args, env_extra=env_extra)}


def every_module_of(db, *args, env_extra=None):
    env = {**os.environ, "AGREEMENTS_DB": str(db), **(env_extra or {})}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.fixture
def ready_db(run, seeded):
    """Created, migrated and seeded, so reads need no migration."""
    return seeded


HEAVY = {
    "rich",
    "sqlite_utils",
    "currency_converter",
    "pycountry",
    "platformdirs",
    "importlib_metadata",
}


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["list", "--format", "json"], set()),
        (["progress", "--format", "json"], set()),
        (["list", "--format", "csv"], set()),
        (["history", "Germany", "--format", "json"], set()),
        (["show", "Germany", "--format", "json"], set()),
        (["timeline", "--format", "json"], set()),
        (["list"], {"rich"}),
        (["progress"], {"rich"}),
        (["add", "Kosovo", "--status", "signed", "--signed-on", "2024-07-18",
          "--amount", "5m", "--currency", "EUR"], set()),
    ],
)  # fmt: skip
def test_each_command_imports_only_what_it_uses(ready_db, args, allowed):
    imported = modules_of(ready_db, *args)
    assert imported & HEAVY == allowed


def test_completion_reads_the_database_and_nothing_heavy(ready_db):
    imported = modules_of(
        ready_db,
        env_extra={
            "_AGREEMENTS_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "agreements show Ge",
        },
    )
    assert imported & HEAVY == set()


def test_migrations_import_sqlite_utils_only_when_pending(tmp_path):
    new = tmp_path / "new.db"
    assert "sqlite_utils" in modules_of(new, "db", "init")  # created: its migrations run
    assert "sqlite_utils" not in modules_of(new, "list", "--format", "json")
    listed = subprocess.run(
        [sys.executable, "-m", "agreements_cli", "list", "--format", "json"],
        capture_output=True, text=True, env={**os.environ, "AGREEMENTS_DB": str(new)},
    )  # fmt: skip
    assert len(json.loads(listed.stdout)) == 23


# The rooms of the tracker a read of the parties never uses, and what only they load.
OTHER_ROOMS = {"agreements_cli.tracker.terms", "agreements_cli.tracker.deliveries",
               "agreements_cli.tracker.whole", "agreements_cli.obligations",
               "agreements_cli.difference", "agreements_cli.done", "hashlib"}  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [["list", "--format", "json"], ["progress", "--format", "json"], ["timeline"],
     ["history", "--format", "json"], ["pledge", "list", "--format", "json"]],
)  # fmt: skip
def test_a_read_imports_the_room_of_the_tracker_it_uses_and_no_other(ready_db, args):
    imported = every_module_of(ready_db, *args)
    assert "agreements_cli.tracker.reads" in imported
    assert imported & OTHER_ROOMS == set()


def test_completion_and_help_load_no_room_of_the_tracker_and_no_store(ready_db):
    """The commands' modules name the rooms they use; a room is imported when a command
    opens the database, which completion (it reads the names with sqlite3) and --help
    never do."""
    completing = {
        "_AGREEMENTS_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "agreements show Ge",
    }
    for imported in (every_module_of(ready_db, env_extra=completing),
                     every_module_of(ready_db, "show", "--help")):  # fmt: skip
        rooms = {m for m in imported if m.startswith("agreements_cli.tracker.")}
        assert rooms == set() and "agreements_cli.store.database" not in imported
