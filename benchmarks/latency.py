"""How long whole `agreements` processes take, against references measured in the same loop.

    python benchmarks/latency.py [--runs 10] [--import-runs 3] [--history-runs 3]

It builds its own databases in a temporary folder: the seeded one a fresh install makes,
and a large one (every ISO country plus the EU, about 250 parties, 25,000+ change-log
events). Each round runs every case once, in the same order, interleaved with the
references: `python -c pass` (the floor of any Python tool), `sqlite-utils rows DB parties
--table` (the generic tool that comes with the dependency), and two minimal Typer scripts
that print the same list, `floor_table.py` (sqlite3 and Rich) and `floor_json.py` (sqlite3
and json): a read is within 10% of the floor that prints what it prints. It prints the
median wall time of each, its ratios, the peak memory, and whether the targets are met.

Then the long outputs: `history` on logs of 10,000 and 100,000 events, at 80 and 120
columns and as JSON, against `sqlite-utils rows DB events --table` on the same log (faster,
and under 100 MiB); and `pledge list` of 10,000 pledges. Last, imports of 100,000 records
(pledges over every country; records repeating five codes, which are refused) against
`sqlite-utils insert` of the same rows. Machines here are shared and noisy: read the
ratios, measured in one run, not the absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

BIN = Path(sys.executable).parent
AGREEMENTS = str(BIN / "agreements")
SQLITE_UTILS = str(BIN / "sqlite-utils")
HERE = Path(__file__).resolve().parent
FLOOR_TABLE = [sys.executable, str(HERE / "floor_table.py")]
FLOOR_JSON = [sys.executable, str(HERE / "floor_json.py")]
FLOORS_SCRIPT = [sys.executable, str(HERE / "floors.py")]


def build_large(path: Path, events_wanted: int = 25_000) -> int:
    """Every ISO country plus the EU, then rounds of imports changing every note."""
    import pycountry

    from agreements_cli.planning.datafile import plan_data
    from agreements_cli.store.database import Store

    run([[AGREEMENTS, "db", "init"]], path)  # created and seeded like a fresh install
    store = Store.open(path)
    codes = ["EU"] + [c.alpha_2 for c in pycountry.countries if c.alpha_2 != "UA"]
    round_number = 0
    while store.db.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] < events_wanted:
        round_number += 1
        parties = [
            {
                "code": code,
                "status": "signed" if i % 3 == 0 else "negotiating",
                "signed_on": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 3 == 0 else None,
                "amount": str(1_000_000 + i) if i % 2 == 0 else None,
                "currency": "EUR" if i % 2 == 0 else None,
                # (a signed party's pledge is announced on its signing day: the rate of
                # that day, as no rate may be of a day after the announcement)
                "usd_rate_date": "2024-06-03" if i % 2 == 0 and i % 3 else None,
                "source": f"https://example.org/{code.lower()}",
                "note": f"round {round_number}",
            }
            for i, code in enumerate(codes)
        ]
        parties = [{k: v for k, v in p.items() if v is not None} for p in parties]
        today = __import__("datetime").date(2024, 12, 31)
        store.import_planned(
            lambda current, items, data={"parties": parties}, day=today: plan_data(
                data, current, items, False, day
            )
        )
    events = store.db.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    store.close()
    return events


def made_files(folder: Path, records: int = 100_000) -> dict[str, Path]:
    """``big_files``, made in a child process (see ``built``); their paths."""
    done = subprocess.run([sys.executable, __file__, "--build-files", str(folder), "--records",
                           str(records)], capture_output=True, text=True, check=True)  # fmt: skip
    return {name: Path(path) for name, path in json.loads(done.stdout).items()}


def big_files(folder: Path, records: int = 100_000) -> dict[str, Path]:
    """Data files of ``records`` records: pledges spread over every ISO country (the most
    a data file can hold, since a party appears once), and records that repeat five codes
    (refused); and the same pledges as flat rows, for the sqlite-utils reference."""
    import pycountry

    codes = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in ("UA", "RU", "BY")]
    per_party = records // len(codes) + 1
    parties, flat = [], []
    for code in codes:
        pledges = [
            {"amount": str(1_000_000 + i), "years": "2024", "announced_on": "2024-05-01"}
            for i in range(min(per_party, records - len(flat)))
        ]
        flat += [{"code": code, **pledge} for pledge in pledges]
        parties.append({"code": code, "status": "negotiating", "since": "2024-01-01",
                        "source": "https://example.org/x", "pledges": pledges})  # fmt: skip
    # The same pledges in euros, each on another day from 1999 on: a conversion each to
    # USD and EUR, looked up in the ECB history by date.
    from datetime import date, timedelta

    first = date(1999, 1, 4)
    dated = [
        {**party, "pledges": [
            {**pledge, "currency": "EUR", "years": str(day.year), "announced_on": day.isoformat()}
            for n, pledge in enumerate(party["pledges"])
            for day in [first + timedelta(days=(n * 7919 + len(code)) % 9000)]]}
        for party, code in zip(parties, codes, strict=False)
    ]  # fmt: skip
    repeated = [
        {"code": ["CZ", "SI", "IE", "GR", "AL"][i % 5], "status": "negotiating",
         "source": "https://example.org/x"}
        for i in range(records)
    ]  # fmt: skip
    # The same pledges of signed parties, each signed on 1 March 2024: all in the totals.
    signed = [{**{k: v for k, v in party.items() if k != "since"}, "status": "signed",
               "signed_on": "2024-03-01"} for party in parties]  # fmt: skip
    folder.mkdir(exist_ok=True)
    files = {}
    for name, data in (("pledges", {"parties": parties}), ("repeated", {"parties": repeated}),
                       ("flat", flat), ("dated", {"parties": dated}),
                       ("signed", {"parties": signed})):  # fmt: skip
        files[name] = folder / f"{name}.json"
        files[name].write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    # The same pledges as a sheet of rows (pledge import), as CSV and as a workbook.
    columns = ["code", "announced_on", "amount", "currency", "years"]
    sheet = [[row["code"], row["announced_on"], row["amount"], "USD", row["years"]] for row in flat]
    files["sheet_csv"] = folder / "sheet.csv"
    with files["sheet_csv"].open("w", encoding="utf-8", newline="") as handle:
        import csv

        csv.writer(handle).writerows([columns, *sheet])
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    page = book.create_sheet("pledges")
    for line in [columns, *sheet]:
        page.append(line)
    files["sheet_xlsx"] = folder / "sheet.xlsx"
    book.save(files["sheet_xlsx"])
    return files


def imports(seeded: Path, scratch: Path, runs: int, files: dict[str, Path]) -> Measured:
    """The import of 10,000 and 100,000 records, against sqlite-utils inserting the same
    rows; a sheet of 100,000 rows against ``sqlite-utils insert --csv`` of that sheet."""
    small = made_files(scratch / "small", 10_000)
    target = scratch / "import.db"
    holding = scratch / "holding.db"  # the seed and the 100k pledges, for the sheets to match
    copy, keep = {"copy_from": str(seeded)}, {"copy_from": str(holding)}
    insert = [SQLITE_UTILS, "insert", str(target), "pledges"]
    cases = [
        Case("sqlite-utils insert 10k rows", "imports", [insert + [str(small["flat"])]], target, {"fresh": "1"}),
        Case("import 10k pledges", "imports", [[AGREEMENTS, "import", str(small["pledges"])]], target, copy),
        Case("sqlite-utils insert 100k rows", "imports", [insert + [str(files["flat"])]], target, {"fresh": "1"}),
        Case("import 100k pledges --dry-run", "imports", [[AGREEMENTS, "import", str(files["pledges"]), "--dry-run"]], target, copy),
        Case("import 100k pledges", "imports", [[AGREEMENTS, "import", str(files["pledges"])]], target, copy),
        Case("import 100k, five codes (refused)", "imports", [[AGREEMENTS, "import", str(files["repeated"])]], target, copy, 2),
        Case("import 100k EUR, days 1999-2023, dry", "imports", [[AGREEMENTS, "import", str(files["dated"]), "--dry-run"]], target, copy),
        # The same rows as a sheet, into a database that has them (each row matched: read,
        # checked, converted, matched).
        Case("sqlite-utils insert --csv 100k rows", "imports", [insert + ["--csv", str(files["sheet_csv"])]], target, {"fresh": "1"}),
        Case("pledge import 100k rows CSV", "imports", [[AGREEMENTS, "pledge", "import", str(files["sheet_csv"])]], target, keep),
        Case("pledge import 100k rows CSV, dry", "imports", [[AGREEMENTS, "pledge", "import", str(files["sheet_csv"]), "--dry-run"]], target, keep),
        Case("pledge import 100k rows xlsx, dry", "imports", [[AGREEMENTS, "pledge", "import", str(files["sheet_xlsx"]), "--dry-run"]], target, keep),
    ]  # fmt: skip
    measured = measure(cases, runs, warm=False)
    size = files["pledges"].stat().st_size / 1024 / 1024
    print(f"\nimports (the 100,000 pledges' file: {size:.1f} MB; the limit is 10 MB), median of "
          f"{runs} runs; ratio = time / sqlite-utils insert of the same rows\n")  # fmt: skip
    show(cases, measured, {"imports": "sqlite-utils insert 100k rows"},
         {"import 10k pledges": "sqlite-utils insert 10k rows",
          "pledge import 100k rows CSV": "sqlite-utils insert --csv 100k rows",
          "pledge import 100k rows CSV, dry": "sqlite-utils insert --csv 100k rows",
          "pledge import 100k rows xlsx, dry": "sqlite-utils insert --csv 100k rows"})  # fmt: skip
    writer_during_import(seeded, target, files["dated"])
    return measured


def at_scale(seeded: Path, scratch: Path, runs: int, files: dict[str, Path]) -> Measured:
    """Every read of a database of 100,000 pledges: of parties in talks (outside the totals)
    and of signed parties in the official count (inside them), against the floors and
    sqlite-utils reading the same tables; time and peak memory."""
    talks, signed = scratch / "holding.db", scratch / "signed.db"
    for db, data in ((talks, files["pledges"]), (signed, files["signed"])):
        shutil.copyfile(seeded, db)
        run([[AGREEMENTS, "import", str(data)]], db)
    package = scratch / "package"
    cases = []
    for label, db in (("100k pledges, in talks", talks), ("100k pledges, signed", signed)):
        tables = [[SQLITE_UTILS, "rows", str(db), table, "--csv"]
                  for table in ("parties", "pledges", "milestones", "terms", "deliveries", "events")]  # fmt: skip
        cases += [
            Case("sqlite-utils rows --csv, 6 tables", label, tables, db, {}),
            Case("floor: progress", label, [FLOORS_SCRIPT + ["progress"]], db, {}),
            Case("progress", label, [[AGREEMENTS, "progress"]], db, {}),
            Case("progress --format json", label, [[AGREEMENTS, "progress", "--format", "json"]], db, {}),
            Case("list", label, [[AGREEMENTS, "list"]], db, {}),
            Case("list --format json", label, [[AGREEMENTS, "list", "--format", "json"]], db, {}),
            Case("show Germany", label, [[AGREEMENTS, "show", "Germany"]], db, {}),
            Case("timeline", label, [[AGREEMENTS, "timeline"]], db, {}),
            Case("check", label, [[AGREEMENTS, "check"]], db, {}, None),
            Case("pledge list --year 2024 -f json", label, [[AGREEMENTS, "pledge", "list", "--year", "2024", "-f", "json"]], db, {}),
            Case("delivered", label, [[AGREEMENTS, "delivered"]], db, {}),
            Case("export --format json", label, [[AGREEMENTS, "export", "--format", "json"]], db, {}),
            Case("export --datapackage", label, [[AGREEMENTS, "export", "--datapackage", str(package)]], db, {}),
        ]  # fmt: skip
    measured = measure(cases, runs)
    print(f"\nat 100,000 pledges, median of {runs} runs; ratio = time / sqlite-utils rows --csv "
          "of the package's six tables, each a process\n")  # fmt: skip
    show(cases, measured, {label: "sqlite-utils rows --csv, 6 tables" for label in
                           ("100k pledges, in talks", "100k pledges, signed")},
         {"progress": "floor: progress", "progress --format json": "floor: progress"})  # fmt: skip
    return measured


def writer_during_import(seeded: Path, target: Path, data: Path) -> None:
    """Another writer while the import of 100,000 EUR pledges plans (parses and converts):
    the import holds no lock then, so the writer is not kept waiting (it once failed
    'locked' after 10 s), and the import plans again and keeps its change."""
    shutil.copyfile(seeded, target)
    env = {**os.environ, "AGREEMENTS_DB": str(target)}
    importing = subprocess.Popen([AGREEMENTS, "import", str(data)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    time.sleep(1.0)  # well into the planning
    elapsed, _ = run([[AGREEMENTS, "update", "Germany", "--note", "written meanwhile"]], target)
    _, error = importing.communicate()
    kept = subprocess.run([AGREEMENTS, "show", "DE", "-f", "json"], env=env, capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    print(f"{'update during that import':36} {elapsed:8.2f} s  (import exit {importing.returncode}"
          f"{', ' + error.decode().strip() if error else ''}; update kept: "
          f"{'written meanwhile' in kept})")  # fmt: skip


def built(path: Path, events: int) -> int:
    """A database of about ``events`` change-log events, built in a child process: this
    one stays small, since a child's peak memory as the kernel reports it starts from its
    parent's size at fork."""
    done = subprocess.run([sys.executable, __file__, "--build-large", str(path), "--events",
                           str(events)], capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def histories(scratch: Path, runs: int, files10k: dict[str, Path]) -> Measured:
    """The change log of 10,000 and 100,000 events printed whole, and 10,000 pledges
    listed, against sqlite-utils printing the same table; time and peak memory."""
    cases = []
    for wanted in HISTORY_EVENTS:
        db = scratch / f"history-{wanted}.db"
        events = built(db, wanted)
        label = f"{events:,} events"
        cases += [
            Case("sqlite-utils rows events --table", label, [[SQLITE_UTILS, "rows", str(db), "events", "--table"]], db, {}),
            Case("sqlite-utils rows events", label, [[SQLITE_UTILS, "rows", str(db), "events"]], db, {}),
            Case("history, 80 columns", label, [[AGREEMENTS, "history"]], db, {"COLUMNS": "80"}),
            Case("history, 100 columns", label, [[AGREEMENTS, "history"]], db, {"COLUMNS": "100"}),
            Case("history, 120 columns", label, [[AGREEMENTS, "history"]], db, {"COLUMNS": "120"}),
            Case("history --format json", label, [[AGREEMENTS, "history", "--format", "json"]], db, {}),
        ]  # fmt: skip
        if wanted == HISTORY_EVENTS[0]:
            run([[AGREEMENTS, "import", str(files10k["pledges"])]], db)
            cases.append(Case("pledge list (10,000 pledges)", label, [[AGREEMENTS, "pledge", "list"]], db, {}))  # fmt: skip
    measured = measure(cases, runs, warm=False)
    print(f"\nlong outputs, median of {runs} runs; ratio = time / sqlite-utils rows events "
          "--table on the same log (JSON: / sqlite-utils rows events)\n")  # fmt: skip
    show(cases, measured, {c.group: "sqlite-utils rows events --table" for c in cases},
         {"history --format json": "sqlite-utils rows events"})  # fmt: skip
    return measured


class Case(NamedTuple):
    """A case: its commands, run one after the other in separate processes (their times
    added, the largest peak kept), on ``db``; ``env`` as well as the environment
    (``copy_from``: the database is a fresh copy of that file for each run, copied outside
    the timing; ``fresh``: removed before each run)."""

    name: str
    group: str
    commands: list[list[str]]
    db: Path
    env: dict
    expect: int | None = 0  # the exit code; None: any (check exits 1 naming problems)


Measured = dict[tuple[str, str], tuple[float, float]]  # (name, group) -> (median s, peak MiB)


def measure(cases: list[Case], runs: int, warm: bool = True) -> Measured:
    """Each case ``runs`` times, interleaved (every case once a round, in order); a first
    round that warms the caches, unless not ``warm``."""
    times: dict[tuple[str, str], list[float]] = {(c.name, c.group): [] for c in cases}
    peaks: dict[tuple[str, str], int] = {}
    for round_number in range(runs + (1 if warm else 0)):
        for case in cases:
            env = dict(case.env)
            source = env.pop("copy_from", None)
            if env.pop("fresh", None):
                case.db.unlink(missing_ok=True)
            if source:
                shutil.copyfile(source, case.db)
            elapsed, peak = run(case.commands, case.db, env, case.expect)
            if warm and round_number == 0:
                continue
            key = (case.name, case.group)
            times[key].append(elapsed)
            peaks[key] = max(peaks.get(key, 0), peak)
    return {key: (statistics.median(times[key]), peaks[key] / 1024) for key in times}


def show(cases: list[Case], measured: Measured, references: dict[str, str],
         own: dict[str, str] | None = None) -> None:  # fmt: skip
    """Each case's median, its ratio to its group's reference (or to its ``own``), and its
    peak memory."""
    print(f"{'case':36} {'database':24} {'median':>9} {'ratio':>6} {'against':30} {'peak':>9}")
    for case in cases:
        median, peak = measured[(case.name, case.group)]
        against = (own or {}).get(case.name, references[case.group])
        ratio = median / measured[(against, case.group)][0]
        print(f"{case.name:36} {case.group:24} {median:7.2f} s {ratio:6.2f} {against[:30]:30} "
              f"{peak:5.1f} MiB")  # fmt: skip


def run(
    commands: list[list[str]], db: Path, extra_env: dict | None = None, expect: int | None = 0
) -> tuple[float, int]:
    """Wall time of the processes, one after the other, and the largest peak resident
    memory in KiB."""
    total, largest = 0.0, 0
    for command in commands:
        elapsed, peak = _process(command, db, extra_env, expect)
        total, largest = total + elapsed, max(largest, peak)
    return total, largest


def _process(
    command: list[str], db: Path, extra_env: dict | None = None, expect: int | None = 0
) -> tuple[float, int]:
    """Wall time of one process and its peak resident memory in KiB."""
    env = {**os.environ, "AGREEMENTS_DB": str(db), "COLUMNS": "100", **(extra_env or {})}
    # As installed for users: modules load from cached bytecode, not from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read() if proc.stderr else b""
    if proc.stderr:
        proc.stderr.close()
    if expect is not None and proc.returncode != expect:
        raise SystemExit(f"{' '.join(command)} failed: {error.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss


def cases(seeded: Path, large: Path, scratch: Path, bundled: Path) -> list[Case]:
    complete = {
        "_AGREEMENTS_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "agreements show Ge",
    }
    complete_floor = {"_FLOORS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "floors show Ge"}
    table = []
    for label, db in (("seeded", seeded), ("large", large), ("bundled", bundled)):
        table += [
            Case("python -c pass", label, [[sys.executable, "-c", "pass"]], db, {}),
            Case("sqlite-utils rows --table", label, [[SQLITE_UTILS, "rows", str(db), "parties", "--table"]], db, {}),
            Case("floor: list", label, [FLOOR_TABLE], db, {}),
            Case("floor: list --format json", label, [FLOOR_JSON], db, {}),
            Case("floor: show", label, [FLOORS_SCRIPT + ["show", "DE"]], db, {}),
            Case("floor: completion", label, [FLOORS_SCRIPT], db, complete_floor),
            Case("floor: timeline", label, [FLOORS_SCRIPT + ["timeline"]], db, {}),
            Case("floor: check", label, [FLOORS_SCRIPT + ["check"]], db, {}),
            Case("list", label, [[AGREEMENTS, "list"]], db, {}),
            Case("list --format json", label, [[AGREEMENTS, "list", "--format", "json"]], db, {}),
            Case("show Germany", label, [[AGREEMENTS, "show", "Germany"]], db, {}),
            Case("complete 'show Ge'", label, [[AGREEMENTS]], db, complete),
            Case("timeline", label, [[AGREEMENTS, "timeline"]], db, {}),
            Case("check", label, [[AGREEMENTS, "check"]], db, {}, None),  # (1: problems named)
            Case("progress", label, [[AGREEMENTS, "progress"]], db, {}),
            Case("progress --format json", label, [[AGREEMENTS, "progress", "--format", "json"]], db, {}),
            Case("progress --as-of 2024-07-15", label, [[AGREEMENTS, "progress", "--as-of", "2024-07-15"]], db, {}),
            Case("pledge list", label, [[AGREEMENTS, "pledge", "list"]], db, {}),
            Case("pledge list --year 2024 -f json", label, [[AGREEMENTS, "pledge", "list", "--year", "2024", "--format", "json"]], db, {}),
            Case("--help", label, [[AGREEMENTS, "--help"]], db, {}),
            # Each add runs on a fresh copy (copied outside the timing), so every run adds.
            Case("add Kosovo EUR 5m", label,
                 [[AGREEMENTS, "add", "Kosovo", "-s", "signed", "--signed-on", "2024-07-18",
                   "--amount", "5m", "--currency", "EUR"]], scratch / f"add-{label}.db", {"copy_from": str(db)}),
        ]  # fmt: skip
    # The bundled data, its 197 terms included: the reads of the terms.
    table += [
        Case("terms", "bundled", [[AGREEMENTS, "terms"]], bundled, {}),
        Case("terms --format json", "bundled", [[AGREEMENTS, "terms", "--format", "json"]], bundled, {}),
        Case("terms US", "bundled", [[AGREEMENTS, "terms", "US"]], bundled, {}),
        Case("diff 2024-07-15..2025-11-30", "bundled", [[AGREEMENTS, "diff", "--from", "2024-07-15", "--to", "2025-11-30"]], bundled, {}),
    ]  # fmt: skip
    return table


# The targets: (case, database, reference, largest ratio, largest peak MiB or None). The
# reference is measured in the same runs on the same database.
FLOOR_READS = ("seeded", "large", "bundled")
TARGETS = [
    *((case, db, floor, 1.10, None) for db in FLOOR_READS for case, floor in (
        ("list", "floor: list"), ("list --format json", "floor: list --format json"),
        ("show Germany", "floor: show"), ("complete 'show Ge'", "floor: completion"),
        ("timeline", "floor: timeline"), ("check", "floor: check"))),
    *((case, db, "sqlite-utils rows events --table", 1.0, 100)
      for db in ("10,0", "100,0") for case in ("history, 100 columns",)),
    *(("history --format json", db, "sqlite-utils rows events", 1.0, 100) for db in ("10,0", "100,0")),
    *((case, db, "floor: progress", 2.0, 100)
      for db in ("100k pledges, in talks", "100k pledges, signed")
      for case in ("progress", "progress --format json")),
    *(("export --datapackage", db, "sqlite-utils rows --csv, 6 tables", 3.0, 100)
      for db in ("100k pledges, in talks", "100k pledges, signed")),
    ("import 10k pledges", "imports", "sqlite-utils insert 10k rows", 3.0, 100),
    ("import 100k pledges", "imports", "sqlite-utils insert 100k rows", 3.0, 100),
    ("pledge import 100k rows CSV", "imports", "sqlite-utils insert --csv 100k rows", 2.0, 100),
]  # fmt: skip
MEMORY_MIB = 100  # every command at 100,000 rows
HISTORY_EVENTS = (10_000, 100_000)


def verdicts(measured: Measured) -> None:
    """Each target of the table met or missed, then the peak memory of every command at
    100,000 rows."""
    print("\ntargets (ratio = time / reference, same runs, same database)\n")
    print(f"{'case':32} {'database':24} {'ratio':>6} {'target':>7} {'peak':>9} {'target':>8}")
    met = total = 0
    for name, group, reference, limit, memory in TARGETS:
        for (case, label), (median, peak) in measured.items():
            if case != name or not label.startswith(group):
                continue
            ratio = median / measured[(reference, label)][0]
            ok = ratio <= limit and (memory is None or peak < memory)
            met, total = met + ok, total + 1
            mem = f"< {memory} MiB" if memory else ""
            print(f"{name:32} {label:24} {ratio:6.2f} {'<= ' + str(limit):>7} {peak:5.1f} MiB "
                  f"{mem:>8}  {'met' if ok else 'MISSED'}")  # fmt: skip
    print(f"\n{met} of {total} targets met")
    large = [(key, peak) for key, (_, peak) in measured.items()
             if key[1].startswith(("100k", "100,0", "imports")) and not key[0].startswith(
                 ("sqlite-utils", "floor", "python"))]  # fmt: skip
    over = [
        f"{name} ({label}): {peak:.0f} MiB" for (name, label), peak in large if peak >= MEMORY_MIB
    ]
    print(f"peak memory at 100,000 rows: {len(large) - len(over)} of {len(large)} commands under "
          f"{MEMORY_MIB} MiB" + (f"; over: {'; '.join(over)}" if over else ""))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=10,
        help="rounds of the reads (at least 10 for the report; 0: leave them out)",
    )
    parser.add_argument("--build-large", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, default=25_000, help=argparse.SUPPRESS)
    parser.add_argument("--build-files", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--records", type=int, default=100_000, help=argparse.SUPPRESS)
    parser.add_argument("--history-runs", type=int, default=3,
                        help="rounds of the long histories (0: leave them out)")  # fmt: skip
    parser.add_argument("--scale-runs", type=int, default=3,
                        help="rounds of the reads of 100,000 pledges (0: leave them out)")  # fmt: skip
    parser.add_argument("--import-runs", type=int, default=3,
                        help="rounds of the imports (0: leave them out)")  # fmt: skip
    args = parser.parse_args()
    if args.build_large:
        print(build_large(Path(args.build_large), args.events))
        return
    if args.build_files:
        made = big_files(Path(args.build_files), args.records)
        print(json.dumps({name: str(path) for name, path in made.items()}))
        return

    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    measured: Measured = {}
    with tempfile.TemporaryDirectory(prefix="agreements-bench-") as folder:
        scratch = Path(folder)
        seeded, large, bundled = scratch / "seeded.db", scratch / "large.db", scratch / "bundled.db"
        run([[AGREEMENTS, "db", "init"]], seeded)
        events = built(large, 25_000)
        shutil.copyfile(seeded, bundled)
        run([[AGREEMENTS, "import", "--bundled"]], bundled)
        print(f"large database: every ISO country and the EU, {events} change-log events")
        if args.runs:
            table = cases(seeded, large, scratch, bundled)
            reads = measure(table, args.runs)
            print(f"\nreads, median of {args.runs} runs each, interleaved; ratio = time / "
                  "sqlite-utils rows --table on the same database\n")  # fmt: skip
            show(table, reads, {label: "sqlite-utils rows --table" for label in FLOOR_READS})
            measured.update(reads)
        files = (
            made_files(scratch) if args.history_runs or args.scale_runs or args.import_runs else {}
        )
        if args.history_runs:
            measured.update(
                histories(scratch, args.history_runs, made_files(scratch / "small", 10_000))
            )
        if args.scale_runs or args.import_runs:
            shutil.copyfile(seeded, scratch / "holding.db")
            run([[AGREEMENTS, "import", str(files["pledges"])]], scratch / "holding.db")
        if args.scale_runs:
            measured.update(at_scale(seeded, scratch, args.scale_runs, files))
        if args.import_runs:
            measured.update(imports(seeded, scratch, args.import_runs, files))
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    verdicts(measured)


if __name__ == "__main__":
    main()
