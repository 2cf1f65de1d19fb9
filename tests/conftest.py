import contextlib
import functools
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

from agreements_cli.cli import app
from agreements_cli.records import (
    Listed,
    Outside,
    Party,
    PartyYear,
    Pledge,
    Progress,
    Stage,
    YearMoney,
)

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


# ---------------------------------------------------------------- terminal styles

# Rich's styles as a terminal of 16 colours gets them: bold, dim, italic, green, yellow, cyan,
# the end of a style.
B, D, ITAL, G, Y, C, END = (
    "\x1b[1m",
    "\x1b[2m",
    "\x1b[3m",
    "\x1b[32m",
    "\x1b[33m",
    "\x1b[36m",
    "\x1b[0m",
)


LINK = re.compile(r"\x1b\]8;[^\x1b]*\x1b\\")  # the terminal hyperlink around a web address


# ---------------------------------------------------------------- workbooks


def workbook(path, sheets):
    """An .xlsx file written by openpyxl: ``sheets`` is {title: rows}."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


# ---------------------------------------------------------------- records by hand


YEAR = 2024  # the year the lists here show


def listed(row: dict) -> Listed:
    """A party as `list` shows it, from a flat row of its fields, its first pledge and its
    figures for 2024: ``value_usd`` its grants with the agreement, ``other_usd`` its other
    grants, ``loans_usd`` its loans and guarantees (none given: it states nothing)."""
    party = Party.from_row({"kind": "state", **row})
    first = None
    if row.get("amount") is not None:
        first_year, _, last_year = row["period"].partition("-")
        first = Pledge(
            id=1, code=row["code"], amount=row["amount"], currency=row["currency"],
            first_year=int(first_year), last_year=int(last_year or first_year),
            per_year=row.get("per_year", False), kind="unspecified", qualifier="exact",
            announced_on="2024-01-01", source=None, note=None, value_usd=row["value_usd"],
            usd_rate="1", usd_rate_date="2024-01-01",
        )  # fmt: skip
    stage = Stage(row.get("stage"), row.get("stage_on"))
    tied, other, loans = (row.get(name) for name in ("value_usd", "other_usd", "loans_usd"))
    grants = None if tied is None and other is None else (tied or 0) + (other or 0)
    figures = PartyYear(YEAR, tied, other, grants, loans, None, loans, None, code=row["code"])
    return Listed(party, first, row.get("pledge_count", 0), stage, figures, YEAR)


def progress(summary: dict) -> Progress:
    """A summary from a dict; the page's tests leave out what it does not show."""
    unused = {"percent_signed": 0.0, "signed_outside_count": 0, "year": None, "value_usd": None,
              "signed_with_value": 0, "signed_without_value": 0}  # fmt: skip
    return Progress(**{
        **unused,
        **summary,
        "outside_count": [Outside(**{"code": "", "status": "signed", **o})
                          for o in summary["outside_count"]],
        "pledged_by_year": [YearMoney(**y) for y in summary["pledged_by_year"]],
    })  # fmt: skip


# ---------------------------------------------------------------- the README's examples


README = (ROOT / "README.md").read_text(encoding="utf-8")


BLOCKS = re.findall(r"```console\n(.*?)```", README, re.S)


def steps(block):
    """(command, expected output lines) of each `$ ` line of a block, continuations joined."""
    found, command, expected = [], None, []
    lines = iter(block.splitlines())
    for line in lines:
        if line.startswith("$ "):
            if command is not None:
                found.append((command, expected))
            command, expected = line[2:], []
            while command.endswith("\\"):
                command = command[:-1] + next(lines).strip()
        else:
            expected.append(line)
    if command is not None:
        found.append((command, expected))
    return found


TODAY = date.today().isoformat()


# The day the README's examples were printed, as it says; that day there is today here.
PRINTED_ON = re.search(r"README\s+were printed on (\d{4}-\d\d-\d\d)", README)[1]


RECORDED = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\+00:00)?)?")


# The day the bundled data's sources were checked: a date of the data, which may be the day
# the examples were printed, and stays that date on any other day.
CHECKED = json.loads((ROOT / "data" / "updates-2026-12c.json").read_text(encoding="utf-8"))[
    "sources_checked"
]
CHECKED_AS = (f"sources checked to {CHECKED}", f'"sources_checked": "{CHECKED}"')


def normal(line, today):
    line = RECORDED.sub("<recorded>", line)
    for said in CHECKED_AS:
        line = line.replace(said, said.replace(CHECKED, "<checked>"))
    return line.replace(today, "<today>")


def matches(expected, actual):
    """Whether ``actual`` lines are ``expected``, where a line `...` stands for any lines."""
    if not expected:
        return not actual
    if expected[0].strip() == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return (
        bool(actual)
        and normal(expected[0], PRINTED_ON) == normal(actual[0], TODAY)
        and matches(expected[1:], actual[1:])
    )


# ---------------------------------------------------------------- shared by the layers


def environment(db, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    return {**env, "AGREEMENTS_DB": str(db), **extra}


# agreements-facts-2026.md and -2026-12.md: the 2024 grants stated with the agreements by
# the signed parties in the official count, at the ECB rate of each announcement, and the
# loans and guarantees apart (Canada's CAD 2.4 bn through the IMF, Japan's USD 3.5 bn).
# The rest of each year, by its own sources; None where no party states one of that sort.
EXPECTED = {
    # year: (grants with the agreements, other grants, loans and guarantees, no instrument)
    2024: (30_455_218_503, None, 5_282_518_681, None),
    # 2025: Latvia's EUR 5 m a year, Iceland's ISK 4 bn a year, Luxembourg's EUR 80 m for
    # 2025-2026 (a half), Spain's EUR 1 bn with the agreements; the later grants of the UK
    # (GBP 3 bn a year), the Netherlands, Norway (NOK 85 bn), France, Sweden (SEK 40 bn,
    # which replaces its SEK 25 bn a year), Belgium (a half of EUR 1 bn for 2025-2026) and
    # Canada apart; Canada's CAD 2.3 bn of loans apart from both.
    2025: (
        5_364_500 + 29_113_347 + 86_600_000 + 1_046_600_000,
        3_889_121_966
        + 2_138_800_000
        + 7_832_536_702
        + 2_157_600_000
        + 3_980_995_433
        + 1_095_000_000
        + 1_474_757_777,
        1_695_971_443,
        None,
    ),
    # The user's own pledges below: two of USD 3 for 2029-2030, a half dollar each a year
    # rounded to the even 2: 4 dollars a year, never 3.
    2029: (4, None, None, None),
    2030: (4, None, None, None),
    # Poland's cap of USD 120 for the financial year 2031/32: April-December, 90; Lithuania's
    # USD 50 of no stated instrument and USD 70 of loans apart.
    2031: (90, None, 70, 50),
    # Poland's USD 60 for 2032 replaces the financial year's January-March: 60, not 90.
    2032: (60, None, None, None),
}


SORTS = ("tied_grant_value_usd", "other_grant_value_usd", "loan_and_guarantee_value_usd")


def add_the_ledger(run):
    assert run("import", "--bundled").exit_code == 0
    for country in ("Finland", "Italy"):
        added = run("pledge", "add", country, "3", "--currency", "USD", "--years", "2029-2030",
                    "--instrument", "grant", "--tie", "agreement", "--announced-on", "2026-06-01",
                    "--source", "https://example.org/rounding")  # fmt: skip
        assert added.exit_code == 0, added.output
    for args in (
        ["Poland", "120", "--years", "2031-04..2032-03", "--up-to",
         "--instrument", "grant", "--tie", "agreement"],
        ["Lithuania", "50", "--years", "2031"],
        ["Lithuania", "70", "--years", "2031", "--instrument", "loan", "--tie", "agreement"],
    ):  # fmt: skip
        added = run("pledge", "add", *args, "--currency", "USD", "--announced-on", "2026-06-02",
                    "--source", "https://example.org/ledger")  # fmt: skip
        assert added.exit_code == 0, added.output
    cap = next(p for p in run.json("pledge", "list", "Poland") if p["amount"] == "120")
    replaced = run("pledge", "add", "Poland", "60", "--currency", "USD", "--years", "2032",
                   "--instrument", "grant", "--tie", "agreement", "--announced-on", "2026-06-03",
                   "--replaces", str(cap["id"]), "--source", "https://example.org/replaces")  # fmt: skip
    assert replaced.exit_code == 0, replaced.output


def figures(row, unstated="unstated_instrument_value_usd"):
    return (*(row[sort] for sort in SORTS), row[unstated])


@pytest.fixture
def ledger(run, seeded):
    add_the_ledger(run)
    return seeded


UPDATES = ROOT / "data" / "updates-2026-12c.json"


@pytest.fixture
def full(run, seeded):
    assert run("import", str(UPDATES)).exit_code == 0
    return seeded
