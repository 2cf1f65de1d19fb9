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

BIN = Path(sys.executable).parent
AGREEMENTS = str(BIN / "agreements")
SQLITE_UTILS = str(BIN / "sqlite-utils")
HERE = Path(__file__).resolve().parent
FLOOR_TABLE = [sys.executable, str(HERE / "floor_table.py")]
FLOOR_JSON = [sys.executable, str(HERE / "floor_json.py")]


def build_large(path: Path, events_wanted: int = 25_000) -> int:
    """Every ISO country plus the EU, then rounds of imports changing every note."""
    import pycountry

    from agreements_cli.planning.datafile import plan_data
    from agreements_cli.store.database import Store

    run([AGREEMENTS, "db", "init"], path)  # created and seeded like a fresh install
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
    files = {}
    for name, data in (("pledges", {"parties": parties}), ("repeated", {"parties": repeated}),
                       ("flat", flat), ("dated", {"parties": dated})):  # fmt: skip
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


def imports(seeded: Path, scratch: Path, runs: int) -> None:
    """The import of 100,000 records, against sqlite-utils inserting the same rows."""
    files = big_files(scratch)
    target = scratch / "import.db"
    cases = [
        ("sqlite-utils insert 100k rows", [SQLITE_UTILS, "insert", str(target), "pledges",
                                            str(files["flat"])], 0),
        ("import 100k pledges --dry-run", [AGREEMENTS, "import", str(files["pledges"]),
                                           "--dry-run"], 0),
        ("import 100k pledges", [AGREEMENTS, "import", str(files["pledges"])], 0),
        ("import 100k, five codes (refused)", [AGREEMENTS, "import", str(files["repeated"])], 2),
        ("import 100k EUR, days 1999-2023, dry", [AGREEMENTS, "import", str(files["dated"]),
                                                  "--dry-run"], 0),
        # The same rows as a sheet, into a database that has them (each row matched: read,
        # checked, converted, matched), and into one whose parties are not tracked.
        ("pledge import 100k rows CSV, dry", [AGREEMENTS, "pledge", "import",
                                              str(files["sheet_csv"]), "--dry-run"], 0),
        ("pledge import 100k rows xlsx, dry", [AGREEMENTS, "pledge", "import",
                                               str(files["sheet_xlsx"]), "--dry-run"], 0),
    ]  # fmt: skip
    holding = scratch / "holding.db"  # the seed and the 100k pledges, for the sheets to match
    shutil.copyfile(seeded, holding)
    run([AGREEMENTS, "import", str(files["pledges"])], holding)
    times: dict[str, list[float]] = {name: [] for name, *_ in cases}
    for _ in range(runs):
        for name, command, code in cases:
            target.unlink(missing_ok=True)
            if name.startswith("pledge import"):
                shutil.copyfile(holding, target)
            elif not name.startswith("sqlite-utils"):
                shutil.copyfile(seeded, target)
            elapsed, _ = run(command, target, expect=code)
            times[name].append(elapsed)
    size = files["pledges"].stat().st_size / 1024 / 1024
    print(
        f"\nimports of 100,000 records (pledges file {size:.1f} MB; the limit is 10 MB), "
        f"median of {runs} runs; ratio = time / sqlite-utils insert of the same rows\n"
    )
    reference = statistics.median(times[cases[0][0]])
    for name, *_ in cases:
        median = statistics.median(times[name])
        print(f"{name:36} {median:8.2f} s {median / reference:7.2f}")
    writer_during_import(seeded, target, files["dated"])


def writer_during_import(seeded: Path, target: Path, data: Path) -> None:
    """Another writer while the import of 100,000 EUR pledges plans (parses and converts):
    the import holds no lock then, so the writer is not kept waiting (it once failed
    'locked' after 10 s), and the import plans again and keeps its change."""
    shutil.copyfile(seeded, target)
    env = {**os.environ, "AGREEMENTS_DB": str(target)}
    importing = subprocess.Popen([AGREEMENTS, "import", str(data)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    time.sleep(1.0)  # well into the planning
    elapsed, _ = run([AGREEMENTS, "update", "Germany", "--note", "written meanwhile"], target)
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


def histories(seeded: Path, scratch: Path, runs: int) -> None:
    """The change log of 10,000 and 100,000 events printed whole, and 10,000 pledges
    listed, against sqlite-utils printing the same table; time and peak memory."""
    rows = []
    for wanted in HISTORY_EVENTS:
        db = scratch / f"history-{wanted}.db"
        events = built(db, wanted)
        cases = [
            ("sqlite-utils rows events --table", [SQLITE_UTILS, "rows", str(db), "events",
                                                  "--table"], {}),
            ("history, 80 columns", [AGREEMENTS, "history"], {"COLUMNS": "80"}),
            ("history, 120 columns", [AGREEMENTS, "history"], {"COLUMNS": "120"}),
            ("history --format json", [AGREEMENTS, "history", "--format", "json"], {}),
        ]  # fmt: skip
        if wanted == HISTORY_EVENTS[0]:
            pledges = big_files(scratch, records=10_000)["pledges"]
            run([AGREEMENTS, "import", str(pledges)], db)
            cases.append(("pledge list (10,000 pledges)", [AGREEMENTS, "pledge", "list"], {}))
        times: dict[str, list[float]] = {name: [] for name, *_ in cases}
        peaks: dict[str, int] = {}
        for _ in range(runs):
            for name, command, env in cases:
                elapsed, peak = run(command, db, env)
                times[name].append(elapsed)
                peaks[name] = max(peaks.get(name, 0), peak)
        reference = statistics.median(times[cases[0][0]])
        for name, *_ in cases:
            rows.append((f"{events:,} events", name, statistics.median(times[name]),
                         reference, peaks[name] / 1024))  # fmt: skip
    print(f"\nlong outputs, median of {runs} runs; ratio = time / sqlite-utils rows events "
          f"--table on the same log; target: below 1 and {HISTORY_MEMORY_MIB} MiB\n")  # fmt: skip
    for log, name, median, reference, mib in rows:
        ratio = median / reference
        verdict = "" if name.startswith("sqlite-utils") else (
            "met" if ratio < 1 and mib < HISTORY_MEMORY_MIB else "MISSED"
        )  # fmt: skip
        print(f"{log:16} {name:34} {median:8.2f} s {ratio:6.2f} {mib:8.1f} MiB  {verdict}")


def run(
    command: list[str], db: Path, extra_env: dict | None = None, expect: int = 0
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
    if proc.returncode != expect:
        raise SystemExit(f"{' '.join(command)} failed: {error.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss


def cases(
    seeded: Path, large: Path, scratch: Path, bundled: Path | None = None
) -> list[tuple[str, str, list[str], Path, dict]]:
    complete = {
        "_AGREEMENTS_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "agreements show Ge",
    }
    table = []
    for label, db in (("seeded", seeded), ("large", large)):
        table += [
            ("python -c pass", label, [sys.executable, "-c", "pass"], db, {}),
            ("sqlite-utils rows --table", label, [SQLITE_UTILS, "rows", str(db), "parties", "--table"], db, {}),
            ("floor: Typer + sqlite3 + Rich", label, FLOOR_TABLE, db, {}),
            ("floor: Typer + sqlite3 + json", label, FLOOR_JSON, db, {}),
            ("list", label, [AGREEMENTS, "list"], db, {}),
            ("progress", label, [AGREEMENTS, "progress"], db, {}),
            ("list --format json", label, [AGREEMENTS, "list", "--format", "json"], db, {}),
            ("progress --format json", label, [AGREEMENTS, "progress", "--format", "json"], db, {}),
            ("progress --as-of 2024-07-15", label, [AGREEMENTS, "progress", "--as-of", "2024-07-15"], db, {}),
            ("show Germany", label, [AGREEMENTS, "show", "Germany"], db, {}),
            ("pledge list", label, [AGREEMENTS, "pledge", "list"], db, {}),
            ("pledge list --year 2024 -f json", label,
             [AGREEMENTS, "pledge", "list", "--year", "2024", "--format", "json"], db, {}),
            ("--help", label, [AGREEMENTS, "--help"], db, {}),
            ("complete 'show Ge'", label, [AGREEMENTS], db, complete),
            # Each add runs on a fresh copy (copied outside the timing), so every run adds.
            ("add Kosovo EUR 5m", label,
             [AGREEMENTS, "add", "Kosovo", "-s", "signed", "--signed-on", "2024-07-18",
              "--amount", "5m", "--currency", "EUR"], scratch / f"add-{label}.db", {"copy_from": str(db)}),
        ]  # fmt: skip
    if bundled is not None:  # the bundled data, its 197 terms included: the reads of the terms
        table += [
            ("sqlite-utils rows --table", "bundled", [SQLITE_UTILS, "rows", str(bundled), "parties", "--table"], bundled, {}),
            ("list", "bundled", [AGREEMENTS, "list"], bundled, {}),
            ("terms", "bundled", [AGREEMENTS, "terms"], bundled, {}),
            ("terms --format json", "bundled", [AGREEMENTS, "terms", "--format", "json"], bundled, {}),
            ("terms US", "bundled", [AGREEMENTS, "terms", "US"], bundled, {}),
            ("diff 2024-07-15..2025-11-30", "bundled",
             [AGREEMENTS, "diff", "--from", "2024-07-15", "--to", "2025-11-30"], bundled, {}),
        ]  # fmt: skip
    return table


TARGETS = {  # case -> largest ratio to the sqlite-utils reference on the same database
    "list": 0.8,
    "progress": 0.8,
    "list --format json": 0.6,
    "progress --format json": 0.6,
    "complete 'show Ge'": 0.6,
    "pledge list --year 2024 -f json": 0.6,
    "add Kosovo EUR 5m": 1.0,
    # The terms and what changed between two dates are reads: the reads' target.
    "terms": 0.8,
    "terms --format json": 0.6,
    "terms US": 0.8,
    "diff 2024-07-15..2025-11-30": 0.8,
}
FLOORS = {  # case -> (floor case, largest ratio to it on the same database)
    "list": ("floor: Typer + sqlite3 + Rich", 1.1),
    "list --format json": ("floor: Typer + sqlite3 + json", 1.1),
}
HISTORY_EVENTS = (10_000, 100_000)
HISTORY_MEMORY_MIB = 100
GROWTH = {"progress": 1.3, "progress --as-of 2024-07-15": 1.3}  # large / seeded, same case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="rounds (at least 10 for the report)")
    parser.add_argument("--build-large", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, default=25_000, help=argparse.SUPPRESS)
    parser.add_argument("--history-runs", type=int, default=3,
                        help="rounds of the long histories (0: leave them out)")  # fmt: skip
    parser.add_argument("--import-runs", type=int, default=3,
                        help="rounds of the 100,000-record imports (0: leave them out)")  # fmt: skip
    args = parser.parse_args()
    if args.build_large:
        print(build_large(Path(args.build_large), args.events))
        return

    with tempfile.TemporaryDirectory(prefix="agreements-bench-") as folder:
        scratch = Path(folder)
        seeded, large = scratch / "seeded.db", scratch / "large.db"
        run([AGREEMENTS, "db", "init"], seeded)
        events = built(large, 25_000)
        parties = json.loads(
            subprocess.run([AGREEMENTS, "list", "-f", "json"], capture_output=True, text=True,
                           env={**os.environ, "AGREEMENTS_DB": str(large)}, check=True).stdout
        )  # fmt: skip
        print(f"large database: {len(parties)} parties, {events} change-log events")

        bundled = scratch / "bundled.db"
        shutil.copyfile(seeded, bundled)
        run([AGREEMENTS, "import", "--bundled"], bundled)
        table = cases(seeded, large, scratch, bundled)
        times: dict[tuple[str, str], list[float]] = {(c[0], c[1]): [] for c in table}
        memory: dict[tuple[str, str], int] = {}
        for round_number in range(args.runs + 1):  # the first round warms the caches
            for name, label, command, db, env in table:
                env = dict(env)
                source = env.pop("copy_from", None)
                if source:
                    shutil.copyfile(source, db)
                elapsed, peak = run(command, db, env)
                if round_number == 0:
                    continue
                times[(name, label)].append(elapsed)
                memory[(name, label)] = max(memory.get((name, label), 0), peak)
        if args.history_runs:
            histories(seeded, scratch, args.history_runs)
        if args.import_runs:
            imports(seeded, scratch, args.import_runs)

    medians = {key: statistics.median(values) for key, values in times.items()}
    print(
        f"\nmedian of {args.runs} runs each, interleaved; ratio = time / sqlite-utils rows --table on the same database\n"
    )
    print(f"{'case':32} {'database':8} {'median ms':>10} {'ratio':>7} {'peak MiB':>9}  target")
    verdicts = []
    for name, label, *_ in table:
        median = medians[(name, label)]
        reference = medians[("sqlite-utils rows --table", label)]
        ratio = median / reference
        target = ""
        if name in TARGETS:
            met = ratio <= TARGETS[name]
            target = f"<= {TARGETS[name]:.1f} {'met' if met else 'MISSED'}"
            verdicts.append(met)
        print(
            f"{name:32} {label:8} {median * 1000:10.1f} {ratio:7.2f} {memory[(name, label)] / 1024:9.1f}  {target}"
        )
    print("\nreads against the floor that prints the same: ratio = time / floor, same database")
    for name, (floor, limit) in FLOORS.items():
        for label in ("seeded", "large"):
            ratio = medians[(name, label)] / medians[(floor, label)]
            met = ratio <= limit
            verdicts.append(met)
            print(f"{name:32} {label:8} {ratio:7.2f}  <= {limit} {'met' if met else 'MISSED'}")
    print("\ngrowth: large database / seeded database, same case")
    for name, limit in GROWTH.items():
        growth = medians[(name, "large")] / medians[(name, "seeded")]
        met = growth <= limit
        verdicts.append(met)
        print(f"{name:32} {growth:5.2f}  <= {limit} {'met' if met else 'MISSED'}")
    print(f"\n{sum(verdicts)} of {len(verdicts)} targets met")


if __name__ == "__main__":
    main()
