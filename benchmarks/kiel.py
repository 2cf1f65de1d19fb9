"""A release of the Kiel Institute's tracker imported whole, against sqlite-utils inserting
the same rows.

    python benchmarks/kiel.py [--rows 20000] [--runs 3]

It writes a workbook in the tracker's current layout: a read-me sheet first, then
"Bilateral Assistance, MAIN DATA" with the 30 columns of part 4 of the facts and filler
columns up to 89, as a release has; rows that are sub-activities of activities committed
and allocated, loans and ERA loans, the EU's rows, a few rows it cannot read. It imports it
with `pledge import --map kiel` (and `--dry-run`) into a fresh seeded database each round,
and, as the reference, `sqlite-utils insert --csv` of the same rows as CSV into an empty
one. It prints the median wall time, the ratio to the reference, and the peak memory of each
(target: under 100 MiB). Machines here are shared and noisy: read the ratios, measured in
one run, not the absolute times.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from latency import AGREEMENTS, SQLITE_UTILS, run  # noqa: E402

COLUMNS = [
    "activity_id", "sub_activity_id", "donor", "announcement_date", "aid_type_general",
    "aid_type_specific", "measure", "explanation", "reporting_currency",
    "source_reported_value", "tot_activity_value", "tot_activity_value_EUR",
    "tot_sub_activity_value", "tot_sub_activity_value_EUR",
    "tot_sub_activity_value_EUR_redistr", "tot_sub_activity_value_EUR_constant_currency",
    "tot_value_deliv_EUR", "tot_sub_activity_value_EUR_OLD", "earmarked_year", "month",
    "month_exists_dummy", "total_value_dummy", "item", "item_type", "item_numb_deliv",
    "item_price_USD", "item_value_estimate_USD", "loan_mat", "loan_int", "loan_gra",
]  # fmt: skip
FILLER = [f"extra_{n}" for n in range(89 - len(COLUMNS))]
DONORS = ["Germany", "United Kingdom", "France", "Denmark", "Netherlands", "Sweden", "Norway",
          "Canada", "Poland", "Finland", "EU (Commission and Council)", "Japan", "Italy",
          "Spain", "Belgium", "Lithuania", "Latvia", "Estonia", "Czech Republic", "Taiwan"]  # fmt: skip
KINDS = [("Military", "Weapons and equipment"), ("Financial", "Loan"), ("Financial", "Grant"),
         ("Financial", "ERA Loan"), ("Humanitarian", "Grant"), ("Financial", "Swap line")]  # fmt: skip


def rows(wanted: int) -> list[list[object]]:
    """``wanted`` rows: activities of two sub-activities, each committed and, one in two,
    allocated; one row in 500 with a date written in words."""
    found: list[list[object]] = []
    first = date(2022, 2, 24)
    activity = 0
    while len(found) < wanted:
        activity += 1
        donor = DONORS[activity % len(DONORS)]
        general, specific = KINDS[activity % len(KINDS)]
        day = first + timedelta(days=activity % 1300)
        measures = ["Commitment", "Allocation"] if activity % 2 else ["Commitment"]
        for measure in measures:
            for sub in (1, 2):
                value = 1_000_000 * (activity % 97 + 1) + sub
                stated = "until 12/20/2022" if len(found) % 500 == 499 else day.isoformat()
                row = [activity, sub, donor, stated, general, specific, measure,
                       f"Package {activity}", "EUR", value, 2 * value + 1, 2 * value + 1, value,
                       value, value, value, value if general == "Military" else ".", value,
                       day.year, day.month, 1, 1, ".", ".", ".", ".", ".", ".", ".", "."]  # fmt: skip
                found.append(row + ["."] * len(FILLER))
                if len(found) == wanted:
                    return found
    return found


def workbook(path: Path, body: list[list[object]]) -> None:
    """The workbook, as a spreadsheet program saves one: each sheet says its size (a
    sheet written row by row, without it, costs openpyxl a whole read more to open)."""
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    notes.title = "Read me"
    notes.append(["Ukraine Support Tracker: a release in the current layout"])
    data = book.create_sheet("Bilateral Assistance, MAIN DATA")
    data.append(COLUMNS + FILLER)
    for row in body:
        data.append(row)
    book.save(path)


def make(folder: Path, wanted: int) -> None:
    """The release as a workbook and as CSV in ``folder``."""
    body = rows(wanted)
    workbook(folder / "release.xlsx", body)
    with (folder / "release.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([COLUMNS + FILLER, *body])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--make", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make(Path(args.make), args.rows)
        return
    with tempfile.TemporaryDirectory(prefix="agreements-kiel-") as folder:
        scratch = Path(folder)
        # Made in a child process: this one stays small, since a child's peak memory as the
        # kernel reports it starts from its parent's size at fork.
        subprocess.run([sys.executable, __file__, "--make", folder, "--rows", str(args.rows)],
                       check=True)  # fmt: skip
        book, flat = scratch / "release.xlsx", scratch / "release.csv"
        body_rows = sum(1 for _ in flat.open(encoding="utf-8")) - 1
        seeded, target = scratch / "seeded.db", scratch / "target.db"
        run([AGREEMENTS, "db", "init"], seeded)
        cases = [
            ("sqlite-utils insert --csv", [SQLITE_UTILS, "insert", str(target), "rows",
                                           str(flat), "--csv"], False),
            ("pledge import xlsx --map kiel", [AGREEMENTS, "pledge", "import", str(book),
                                               "--map", "kiel"], True),
            ("pledge import xlsx, dry run", [AGREEMENTS, "pledge", "import", str(book),
                                             "--map", "kiel", "--dry-run"], True),
            ("pledge import CSV --map kiel", [AGREEMENTS, "pledge", "import", str(flat),
                                              "--map", "kiel"], True),
        ]  # fmt: skip
        times: dict[str, list[float]] = {name: [] for name, *_ in cases}
        peaks: dict[str, int] = {}
        for _ in range(args.runs):
            for name, command, seeded_first in cases:
                target.unlink(missing_ok=True)
                if seeded_first:
                    target.write_bytes(seeded.read_bytes())
                elapsed, peak = run(command, target)
                times[name].append(elapsed)
                peaks[name] = max(peaks.get(name, 0), peak)
        size = book.stat().st_size / 1024 / 1024
        print(
            f"a release of {body_rows:,} rows and {len(COLUMNS + FILLER)} columns "
            f"(workbook {size:.1f} MB, CSV {flat.stat().st_size / 1024 / 1024:.1f} MB), "
            f"median of {args.runs} runs; ratio = time / sqlite-utils insert --csv of the "
            "same rows\n"
        )
        reference = statistics.median(times[cases[0][0]])
        for name, *_ in cases:
            median = statistics.median(times[name])
            mib = peaks[name] / 1024
            verdict = "" if name.startswith("sqlite-utils") else (
                "met" if mib < 100 else "MISSED"
            )  # fmt: skip
            print(f"{name:32} {median:8.2f} s {median / reference:7.2f} {mib:8.1f} MiB  {verdict}")


if __name__ == "__main__":
    main()
