import contextlib
import functools
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

from agreements_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent

# The suite is also run on other days under Debian's faketime, whose library every child
# process loads. It opens a shared-memory file at start: in a child whose standard stream is
# closed (`>&-`) that file becomes the stream, the child's output is written into the clock
# every later process reads, and the clock is garbage from then on. Children get the shifted
# clock without the shared file, and a child with a closed stream runs on the real clock.
os.environ.pop("FAKETIME_SHARED", None)


def real_clock_if_streams_closed(command: str, env: dict) -> dict:
    """``env`` for running ``command`` by sh; a command that closes a standard stream runs
    without faketime's library (see above)."""
    if "&-" not in command:
        return env
    return {k: v for k, v in env.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}


# Typer's runner builds the Click command from the app again for every invocation (a sixth
# of a test's time); the installed `agreements` builds it once a process, and so do the
# tests: the same app, the same command.
typer.testing._get_command = functools.cache(typer.testing._get_command)


@pytest.fixture(autouse=True)
def db_path(tmp_path, monkeypatch):
    """Every test gets its own user data folder, and so its own default database, made on
    first use as on a fresh install; none can touch a real user database."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("AGREEMENTS_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return default_database(tmp_path / "data")


def default_database(data_home: Path) -> Path:
    """Where the default database is when the user data folder is ``data_home``
    (XDG_DATA_HOME)."""
    return data_home / "agreements" / "agreements.db"


class Run:
    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None, env: dict | None = None):
        return self.runner.invoke(app, list(args), input=input, env=env)

    def json(self, *args: str):
        """A read command's --format json output, parsed; the command must succeed."""
        result = self(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def party(self, code: str) -> dict:
        return next(row for row in self.json("list") if row["code"] == code)


@pytest.fixture(autouse=True)
def fresh_rates():
    """Each test reads the ECB history itself: the rows one test read stay out of the next
    (so a fault in reading the file shows in every test that converts)."""
    from agreements_cli import money

    money._rows_read.clear()
    money._rest_of_file.clear()
    money._day_keys.clear()
    money.ecb_currencies.cache_clear()
    money._quotes.cache_clear()


@pytest.fixture
def run():
    return Run()


@pytest.fixture
def seeded(run, db_path):
    """A database created and seeded by a first command, as on a fresh install."""
    result = run("list", "--format", "json")
    assert result.exit_code == 0, result.output
    return db_path


def dump(path: Path) -> str:
    """Everything in the database as SQL text, to prove that a failed command changed nothing."""
    with sqlite3.connect(path) as conn:
        return "\n".join(conn.iterdump())


def assert_refused(result, code, message):
    """One line on stderr that starts with 'Error: ' and says ``message``; exit ``code``;
    no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.stderr.startswith("Error: "), result.stderr
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@contextlib.contextmanager
def held_exclusively(path: Path):
    """Another program holding the database with an exclusive lock (a write under way)."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE parties SET note = 'held' WHERE code = 'DE'")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def drained(leader: int, wait: float = 60) -> bytes:
    """All that the leader side of a pseudo-terminal receives until every process holding
    its other side has closed it (or nothing comes for ``wait`` seconds)."""
    import select

    received = b""
    while True:
        ready, _, _ = select.select([leader], [], [], wait)
        if not ready:
            return received
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side is closed
            return received
        if not chunk:
            return received
        received += chunk


def installed_command() -> list[str]:
    """The installed console script, beside the Python running the tests."""
    script = Path(sys.executable).parent / "agreements"
    assert script.exists(), f"the agreements command is not installed beside {sys.executable}"
    return [str(script)]


def library_process(
    command: str, db: Path | None, stdin=None, memory: int | None = None, **env: str
):
    """The library the tests import (a mutant's too), run by sh as `python -m agreements_cli
    COMMAND` (redirections and all) in a process of its own, allowed ``memory`` bytes, on
    the database ``db`` (None: the default database of the environment's user data folder)."""
    import resource

    import agreements_cli

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    if db is not None:
        environ["AGREEMENTS_DB"] = str(db)
    environ.update(**env, PYTHONPATH=str(Path(agreements_cli.__file__).parent.parent))
    line = f"{sys.executable} -m agreements_cli {command}"
    return subprocess.run(["sh", "-c", line], stdin=stdin, capture_output=True, text=True,
                          env=real_clock_if_streams_closed(line, environ), timeout=60, preexec_fn=limited if memory else None)  # fmt: skip


def installed(env: dict, *args: str, ok: bool = True, input: str | None = None):
    """The installed command run with ``env`` (no other variable) and ``args``: its
    completed process, which must have exited 0 unless ``ok`` is False."""
    done = subprocess.run([*installed_command(), *args], capture_output=True, text=True,
                          env=env, input=input, timeout=120)  # fmt: skip
    if ok:
        assert done.returncode == 0, (args, done.stderr)
    return done


def run_installed(*args: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*installed_command(), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
    )


# ---------------------------------------------------------------- serve


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@contextlib.contextmanager
def serving(db: Path, *options: str, cwd: Path | None = None):
    """`agreements serve` of ``db`` (as AGREEMENTS_DB says it, relative to ``cwd``), with
    ``options``, on a free port of 127.0.0.1: its address, once it answers."""
    port = free_port()
    env = {**os.environ, "AGREEMENTS_DB": str(db)}
    log = (cwd or db.parent).joinpath("serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen([*installed_command(), "serve", "--port", str(port), *options],
                            env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            fetch(base + "/-/versions.json")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.close()
                pytest.fail("serve did not start: " + Path(log.name).read_text())
            time.sleep(0.2)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
