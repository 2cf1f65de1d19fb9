"""`pledge import --map kiel` on the Kiel Institute's tracker as it is published: the
current layout (releases 21-30: snake_case columns, a row a sub-activity, its main data
on a later sheet), whose commitments become pledges and whose allocations and deliveries
become figures of what was done; and the old layout (2022-23). Every expected figure is
written out here from the rows below and the ECB's rates."""

import sqlite3
from datetime import datetime

from conftest import assert_refused, dump, workbook

# The current layout's columns (part 4, section C of the facts), in the order of a release.
HEADER = [
    "activity_id", "sub_activity_id", "donor", "announcement_date", "aid_type_general",
    "aid_type_specific", "measure", "explanation", "reporting_currency",
    "source_reported_value", "tot_activity_value", "tot_activity_value_EUR",
    "tot_sub_activity_value", "tot_sub_activity_value_EUR", "tot_value_deliv_EUR",
    "earmarked_year", "month", "item", "item_type", "loan_mat",
]  # fmt: skip
D = datetime  # a date cell, as Excel holds it

ROWS = [
    # Germany's activity 101: committed in two sub-activities (EUR 500 m + 300 m), of
    # which EUR 400 m allocated; Kiel counts EUR 300 m of sub-activity 1 delivered (on
    # both of its rows: counted once).
    [101, 1, "Germany", D(2024, 2, 16), "Military", "Weapons and equipment", "Commitment",
     "IRIS-T and ammunition", "EUR", 500000000, 800000000, 800000000, 500000000, 500000000,
     300000000, 2024, 2, "IRIS-T", "air defence", "."],
    [101, 2, "Germany", D(2024, 2, 16), "Military", "Weapons and equipment", "Commitment",
     "IRIS-T and ammunition", "EUR", 300000000, 800000000, 800000000, 300000000, 300000000,
     ".", 2024, 2, "155mm", "ammunition", "."],
    [101, 1, "Germany", D(2024, 2, 16), "Military", "Weapons and equipment", "Allocation",
     "IRIS-T and ammunition", "EUR", 400000000, 400000000, 400000000, 400000000, 400000000,
     300000000, 2024, 2, "IRIS-T", "air defence", "."],
    # The UK's military grant, in pounds.
    [202, 1, "United Kingdom", D(2024, 1, 12), "Military", "Grant", "Commitment",
     "Military support for 2024/25", "GBP", 2500000000, 2500000000, ".", 2500000000, ".",
     ".", 2024, 1, ".", ".", "."],
    # The EU's ERA loan: committed for 2025; allocated EUR 4.1 bn, whose activity total
    # says 4.2 bn (the sub-activity is taken, and the difference said).
    [303, 1, "EU (Commission and Council)", D(2024, 10, 22), "Financial", "ERA Loan",
     "Commitment", "G7 ERA loans", "EUR", 18100000000, 18100000000, 18100000000,
     18100000000, 18100000000, ".", 2025, 10, ".", ".", 45],
    [303, 1, "EU (Commission and Council)", D(2024, 12, 20), "Financial", "ERA Loan",
     "Allocation", "First ERA disbursement", "EUR", 4100000000, 4200000000, 4200000000,
     4100000000, 4100000000, ".", 2024, 12, ".", ".", 45],
    # Poland's swap line: no instrument of the tool's, and said.
    [404, 1, "Poland", D(2024, 7, 8), "Financial", "Swap line", "Commitment", "Swap line",
     "EUR", 100000000, 100000000, 100000000, 100000000, 100000000, ".", 2024, 7, ".", ".",
     "."],
    # Rows that cannot be read: a date in words, no amount, no donor.
    [505, 1, "France", "until 12/20/2022", "Military", "Weapons and equipment", "Commitment",
     "x", "EUR", 100000000, 100000000, ".", 100000000, ".", ".", 2022, ".", ".", ".", "."],
    [606, 1, "Italy", D(2024, 2, 24), "Military", "Weapons and equipment", "Commitment", "x",
     "EUR", ".", ".", ".", ".", ".", ".", 2024, 2, ".", ".", "."],
    [707, 1, ".", D(2024, 2, 24), "Humanitarian", ".", "Commitment", "x", "EUR", 5, 5, 5, 5,
     5, ".", 2024, 2, ".", ".", "."],
    # Donors it names that are not tracked, or that agreements cannot name; Namibia's NA.
    [808, 1, "Taiwan", D(2024, 3, 1), "Humanitarian", ".", "Commitment", "x", "EUR",
     10000000, 10000000, 10000000, 10000000, 10000000, ".", 2024, 3, ".", ".", "."],
    [909, 1, "NATO (CAP)", D(2024, 3, 1), "Military", ".", "Commitment", "x", "EUR", 1, 1, 1,
     1, 1, ".", 2024, 3, ".", ".", "."],
    [910, 1, "NA", D(2024, 3, 1), "Humanitarian", ".", "Commitment", "x", "EUR", 2, 2, 2, 2,
     2, ".", 2024, 3, ".", ".", "."],
]  # fmt: skip


def release(tmp_path, rows=ROWS, name="kiel-release.xlsx"):
    """A workbook as Kiel publishes it: a read-me first, the main data second."""
    return workbook(
        tmp_path / name,
        {
            "Read me": [["Ukraine Support Tracker"], ["Release 30"], ["See the next sheet."]],
            "Bilateral Assistance, MAIN DATA": [HEADER, *rows],
            "Country Summary (€)": [["country", "total"], ["Germany", 1]],
        },
    )


def table(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_a_current_release_imports_its_commitments_as_pledges_and_allocations_as_figures(
    run, seeded, tmp_path
):
    path = release(tmp_path)
    result = run("pledge", "import", str(path), "--map", "kiel")
    assert result.exit_code == 0, result.output
    lines = result.stdout.replace(str(path), path.name).splitlines()
    # The UK's commitment is the seed's pledge (same day, amount and currency): left as
    # it is in the ledger.
    assert lines[:11] == [
        "add pledge of Germany (DE): EUR 800 m (2024, military), announced 2024-02-16",
        "add pledge of European Union (EU): EUR 18.1 bn (2025, financial, loan), announced "
        "2024-10-22",
        "add pledge of Poland (PL): EUR 100 m (2024, financial), announced 2024-07-08",
        "skip line 9 (France): announcement date 'until 12/20/2022' is not a date. Write it as "
        "YYYY-MM-DD, e.g. 2024-07-18",
        "skip line 10 (Italy): no amount stated (unknown, not 0)",
        "skip line 11 (.): no donor stated",
        "skip Taiwan (TW), not tracked: 1 line (12)",
        "skip Namibia (NA), not tracked: 1 line (14)",
        "add delivery figure of Germany (DE): EUR 300 m delivered (2024-02-16, military, tracker)",
        "add delivery figure of Germany (DE): EUR 400 m allocated (2024-02-16, military, tracker)",
        "add delivery figure of European Union (EU): EUR 4.1 bn allocated (2024-12-20, "
        "financial, tracker)",
    ]
    assert lines[11:] == [
        "skip 1 row of donors agreements cannot name: NATO (CAP) (1 row)",
        "Kiel's words that name no instrument of agreements (read as not stated): Weapons and "
        "equipment (5 rows), Swap line (1 row)",
        "activity 303 (EU (Commission and Council)): its sub-activities add up to 4100000000 "
        "EUR, its total says 4200000000; the sub-activities are taken",
        # By hand: committed EUR 800 m + GBP 2.5 bn at 0.8595 GBP per EUR (ECB, 2024-01-12)
        # = EUR 2,908,667,830 + EUR 18.1 bn + EUR 100 m; allocated EUR 400 m + EUR 4.1 bn.
        "Read in euros: committed EUR 21,908,667,830; allocated EUR 4,500,000,000; delivered "
        "EUR 300,000,000",
        "Columns not read: tot_activity_value_EUR, tot_sub_activity_value_EUR, month, item, "
        "item_type, loan_mat",
        "Imported kiel-release.xlsx (the sheet 'Bilateral Assistance, MAIN DATA' of an Excel "
        "workbook, chosen by its columns): 13 rows: 3 pledges added, 1 already in the ledger, "
        "3 figures of what was done added (0 already in the ledger), 6 skipped. Undo with: "
        "agreements undo",
    ]
    pledges = table(
        seeded,
        "SELECT code, amount, currency, first_year, kind, instrument, tie, source FROM pledges "
        "WHERE note LIKE 'Kiel Institute%' ORDER BY id",
    )
    kiel = "https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/"
    assert pledges == [
        ("DE", "800000000", "EUR", 2024, "military", None, None, kiel),
        ("EU", "18100000000", "EUR", 2025, "financial", "loan", None, kiel),
        ("PL", "100000000", "EUR", 2024, "financial", None, None, kiel),
    ]
    figures = table(
        seeded,
        "SELECT code, measure, amount, currency, period_from, reporter, kind, instrument "
        "FROM deliveries ORDER BY id",
    )
    assert figures == [
        ("DE", "delivered", "300000000", "EUR", "2024-02-16", "tracker", "military", None),
        ("DE", "allocated", "400000000", "EUR", "2024-02-16", "tracker", "military", None),
        ("EU", "allocated", "4100000000", "EUR", "2024-12-20", "tracker", "financial", "loan"),
    ]
    # A second import changes nothing.
    again = run("pledge", "import", str(path), "--map", "kiel")
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[-1].endswith(
        "13 rows: 0 pledges added, 4 already in the ledger, 0 figures of what was done added "
        "(3 already in the ledger), 6 skipped."
    )


def test_a_release_as_csv_is_read_the_same(run, seeded, tmp_path):
    import csv

    path = tmp_path / "release.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in ROWS[:3]:  # Germany's activity
            writer.writerow([v.date().isoformat() if isinstance(v, datetime) else v for v in row])
    result = run("pledge", "import", str(path), "--map", "kiel")
    assert result.exit_code == 0, result.output
    assert "Read in euros: committed EUR 800,000,000; allocated EUR 400,000,000; delivered EUR " \
        "300,000,000" in result.stdout  # fmt: skip
    assert table(seeded, "SELECT code, measure, amount FROM deliveries ORDER BY id") == [
        ("DE", "delivered", "300000000"),
        ("DE", "allocated", "400000000"),
    ]


def test_a_dry_run_of_a_release_writes_nothing(run, seeded, tmp_path):
    before = dump(seeded)
    result = run("pledge", "import", str(release(tmp_path)), "--map", "kiel", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].endswith(
        "13 rows: 3 pledges to add, 1 already in the ledger, 3 figures of what was done to add "
        "(0 already in the ledger), 6 skipped. Nothing was written."
    )
    assert dump(seeded) == before


def test_a_workbook_whose_sheets_hold_no_kiel_table_is_refused_naming_its_sheets(
    run, seeded, tmp_path
):
    path = workbook(
        tmp_path / "book.xlsx",
        {"Notes": [["a", "b"], ["1", "2"]], "Totals": [["country", "total"], ["Germany", 1]]},
    )
    before = dump(seeded)
    assert_refused(
        run("pledge", "import", str(path), "--map", "kiel"),
        2,
        "the sheet 'Notes' of an Excel workbook has no column for the pledge's country, "
        "announced_on, amount, currency (its columns: a, b). The workbook's sheets: Notes, "
        "Totals. Name the sheet that holds the table with --sheet",
    )
    assert dump(seeded) == before


OLD_HEADER = [
    "ID", "Countries", "Announcement Date", "Type of Aid General", "Type of Aid Specific",
    "Original Currency", "Monetary Value as Given by Source", "Converted Value in EUR",
    "Source of Aid 1",
]  # fmt: skip


def test_the_old_layout_is_read_and_a_row_it_cannot_read_is_skipped(run, seeded, tmp_path):
    path = workbook(
        tmp_path / "release-13.xlsx",
        {
            "Country Summary": [["Countries", "Total"], ["Estonia", 1]],
            "Clean Data": [
                OLD_HEADER,
                [
                    1,
                    "Estonia",
                    D(2022, 3, 1),
                    "Military",
                    "Weapons and equipment",
                    "EUR",
                    1000000,
                    1000000,
                    "Government",
                ],
                [
                    2,
                    "Latvia",
                    "until 12/20/2022",
                    "Military",
                    ".",
                    "EUR",
                    2000000,
                    2000000,
                    "Government",
                ],
                [
                    3,
                    "Lithuania",
                    D(2022, 4, 5),
                    "Financial",
                    "Loan",
                    "EUR",
                    3000000,
                    3000000,
                    "Government",
                ],
            ],
        },
    )
    result = run("pledge", "import", str(path), "--map", "kiel")
    assert result.exit_code == 0, result.output
    lines = result.stdout.replace(str(path), path.name).splitlines()
    assert lines == [
        "add pledge of Estonia (EE): EUR 1 m (2022, military), announced 2022-03-01",
        "skip line 3 (Latvia): announcement date 'until 12/20/2022' is not a date. Write it as "
        "YYYY-MM-DD, e.g. 2024-07-18",
        "add pledge of Lithuania (LT): EUR 3 m (2022, financial, loan), announced 2022-04-05",
        "Columns not read: ID, Converted Value in EUR, Source of Aid 1",
        "Imported release-13.xlsx (the sheet 'Clean Data' of an Excel workbook, chosen by its "
        "columns): 3 rows: 2 pledges added, 0 already in the ledger, 1 skipped. Undo with: "
        "agreements undo",
    ]
    assert table(seeded, "SELECT COUNT(*) FROM deliveries") == [(0,)]


def test_a_ledger_key_another_program_wrote_badly_is_named_and_nothing_is_written(
    run, seeded, tmp_path
):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE pledges SET announced_on = 'soon' WHERE id = 1")
    before = dump(seeded)
    for maps in (["--map", "kiel"], []):
        path = release(tmp_path) if maps else tmp_path / "rows.csv"
        if not maps:
            path.write_text("country,announced_on,amount,currency\nDE,2024-02-16,5,EUR\n")
        assert_refused(run("pledge", "import", str(path), *maps), 1,
                       "pledge 1 (GB): announced_on holds 'soon'")  # fmt: skip
    assert dump(seeded) == before
