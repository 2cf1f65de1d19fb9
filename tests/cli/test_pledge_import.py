"""`pledge import`: flat pledge rows in the shape other trackers publish (Kiel's Ukraine
Support Tracker, a newsroom's sheet), matched with the ledger so that a second import
changes nothing, with unknown values skipped and said, never taken as 0."""

import json
from datetime import datetime

import pytest

from conftest import assert_refused, dump, workbook

# A table with Kiel's column names (its "Bilateral Assistance, MAIN DATA" sheet), and the
# values it writes: "." for a value it does not know.
KIEL_HEADER = [
    "ID", "Countries", "Announcement Date", "Type of Aid General", "Type of Aid Specific",
    "Explanation", "Reported Currency", "Monetary Value as Given by Source",
    "Converted Value in EUR", "Source of Announcement",
]  # fmt: skip
KIEL_ROWS = [
    ["1", "Czech Rep.", "2024-07-18", "Military", "Weapons and equipment",
     "Ammunition initiative", "CZK", "1500000000", "59000000", "https://www.vlada.cz/en/x"],
    ["2", "Korea, Rep.", "2024-05-01", "Humanitarian", ".", "Aid", "USD", ".", ".",
     "https://example.org/kr"],
    ["3", "EU (Commission and Council)", "2024-06-27", "Financial", "Loan", "Ukraine Facility",
     "EUR", "50000000000", "50000000000", "https://www.consilium.europa.eu/en/x"],
    ["4", "China", "2024-03-01", "Humanitarian", ".", "Aid", "CNY", "100000", "12000",
     "https://example.org/cn"],
    ["5", "Czech Rep.", "2024-07-18", "Military", "Weapons and equipment",
     "Ammunition initiative", "CZK", "1500000000", "59000000", "https://www.vlada.cz/en/x"],
    ["6", "European Investment Bank", "2024-03-01", "Financial", "Loan", "x", "EUR", "1000",
     "1000", "https://example.org/eib"],
    ["7", "Holy See", "2024-03-01", "Humanitarian", ".", "x", "EUR", "", "",
     "https://example.org/va"],
]  # fmt: skip

KIEL_PLAN = [
    "add pledge of Czechia (CZ): CZK 1.5 bn (2024, military), announced 2024-07-18",
    "skip line 3 (Korea, Rep.): no amount stated (unknown, not 0)",
    "add pledge of European Union (EU): EUR 50 bn (2024, financial, loan), announced 2024-06-27",
    "skip line 6 (Czech Rep.): the same pledge as an earlier line (CZK 1.5 bn (2024, military), "
    "announced 2024-07-18); the ledger holds it once",
    "skip line 7 (European Investment Bank): unknown country 'European Investment Bank'. Use a "
    "country name or ISO code, for example: Czechia or CZ",
    "skip line 8 (Holy See): no amount stated (unknown, not 0)",
    "skip China (CN), not tracked: 1 line (5)",
    "Columns not read: ID, Converted Value in EUR",
]


def kiel_csv(tmp_path, rows=KIEL_ROWS, name="kiel.csv"):
    import csv

    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(KIEL_HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def with_czechia(run, seeded):
    result = run("add", "Czechia", "--status", "negotiating")
    assert result.exit_code == 0, result.output
    return seeded


def pledges(run, code):
    return [p for p in run.json("pledge", "list") if p["code"] == code]


def test_a_kiel_table_imports_with_its_mapping_and_a_second_time_changes_nothing(
    run, with_czechia, tmp_path
):
    path = kiel_csv(tmp_path)
    before = dump(with_czechia)
    planned = run("pledge", "import", str(path), "--map", "kiel", "--dry-run")
    assert planned.exit_code == 0, planned.output
    assert planned.stdout.splitlines() == [
        *KIEL_PLAN,
        f"Dry run of {path} (CSV with commas): 7 rows: 2 pledges to add, 0 already in the "
        "ledger, 5 skipped. Nothing was written.",
    ]
    assert dump(with_czechia) == before
    eu_before = len(pledges(run, "EU"))
    done = run("pledge", "import", str(path), "--map", "kiel")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[-1] == (
        f"Imported {path} (CSV with commas): 7 rows: 2 pledges added, 0 already in the ledger, "
        "5 skipped. Undo with: agreements undo"
    )
    [czech] = pledges(run, "CZ")
    assert (czech["amount"], czech["currency"], czech["first_year"], czech["last_year"]) == (
        "1500000000", "CZK", 2024, 2024
    )  # fmt: skip
    assert (czech["kind"], czech["instrument"], czech["tie"], czech["qualifier"]) == (
        "military", None, None, "exact"
    )  # fmt: skip
    assert (czech["announced_on"], czech["usd_rate_date"], czech["source"], czech["note"]) == (
        "2024-07-18", "2024-07-18", "https://www.vlada.cz/en/x", "Ammunition initiative"
    )  # fmt: skip
    # The EU's own agreement pledge of that day stays beside it.
    eu = [p for p in pledges(run, "EU") if p["announced_on"] == "2024-06-27"]
    assert [(p["amount"], p["instrument"], p["kind"]) for p in eu] == [
        ("5000000000", "grant", "military"), ("50000000000", "loan", "financial")
    ]  # fmt: skip
    assert len(pledges(run, "EU")) == eu_before + 1
    after_first = dump(with_czechia)
    again = run("pledge", "import", str(path), "--map", "kiel")
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[-1] == (
        f"Imported {path} (CSV with commas): 7 rows: 0 pledges added, 2 already in the ledger, "
        "5 skipped."
    )
    assert "add pledge" not in again.stdout
    assert dump(with_czechia) == after_first
    undone = run("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert pledges(run, "CZ") == []


def test_a_kiel_workbook_imports_with_its_dates_and_numbers(run, with_czechia, tmp_path):
    rows = [[int(r[0]), r[1], datetime.fromisoformat(r[2]), *r[3:7],
             float(r[7]) if r[7] not in (".", "") else r[7],
             float(r[8]) if r[8] not in (".", "") else None, r[9]]
            for r in KIEL_ROWS]  # fmt: skip
    path = workbook(tmp_path / "tracker.xlsx", {
        "Read me": [["The Ukraine Support Tracker"]],
        "Bilateral Assistance, MAIN DATA": [KIEL_HEADER, *rows],
    })  # fmt: skip
    sheet = "Bilateral Assistance, MAIN DATA"
    planned = run("pledge", "import", str(path), "--map", "kiel", "--sheet", sheet, "--dry-run")
    assert planned.exit_code == 0, planned.output
    assert planned.stdout.splitlines() == [
        *KIEL_PLAN,
        f"Dry run of {path} (the sheet '{sheet}' of an Excel workbook): 7 rows: 2 pledges to "
        "add, 0 already in the ledger, 5 skipped. Nothing was written.",
    ]
    assert run("pledge", "import", str(path), "--map", "kiel", "--sheet", sheet).exit_code == 0
    after_first = dump(with_czechia)
    again = run("pledge", "import", str(path), "--map", "kiel", "--sheet", sheet)
    assert again.exit_code == 0, again.output
    assert "0 pledges added, 2 already in the ledger, 5 skipped." in again.stdout
    assert dump(with_czechia) == after_first


def test_a_newsroom_sheet_imports_with_its_own_column_names(run, with_czechia, tmp_path):
    path = tmp_path / "newsroom.csv"
    path.write_text(
        "Donor;Date;Sum;Cur.;For;Link;Period\n"
        "Czechia;2024-07-18;2,5bn;czk;humanitarian;https://www.vlada.cz/en/y;2024-2025\n",
        encoding="utf-8",
    )
    mapped = ["--map", "Donor=country,Date=announced_on,Sum=amount", "--map",
              "Cur.=currency, For=kind, Link=source, Period=years"]  # fmt: skip
    before = dump(with_czechia)
    assert_refused(run("pledge", "import", str(path), *mapped), 2,
                   "Error: line 2 (Czechia): amount '2,5bn' has commas that are not thousands "
                   "separators")  # fmt: skip
    assert dump(with_czechia) == before
    path.write_text(path.read_text(encoding="utf-8").replace("2,5bn", "2.5bn"), encoding="utf-8")
    result = run("pledge", "import", str(path), *mapped)
    assert result.exit_code == 0, result.output
    [czech] = pledges(run, "CZ")
    assert (czech["amount"], czech["currency"], czech["kind"], czech["first_year"],
            czech["last_year"], czech["per_year"]) == ("2500000000", "CZK", "humanitarian", 2024,
                                                       2025, False)  # fmt: skip


def test_the_ledger_as_pledge_list_writes_it_imports_back_unchanged(run, seeded, tmp_path):
    exported = run("pledge", "list", "--format", "csv")
    assert exported.exit_code == 0, exported.output
    path = tmp_path / "ledger.csv"
    path.write_text(exported.stdout, encoding="utf-8")
    before = dump(seeded)
    result = run("pledge", "import", str(path))
    assert result.exit_code == 0, result.output
    rows = exported.stdout.count("\n") - 1
    assert result.stdout.splitlines() == [
        f"Imported {path} (CSV with commas): {rows} rows: 0 pledges added, {rows} already in the "
        "ledger, 0 skipped."
    ]
    assert dump(seeded) == before
    # Into an empty ledger: every pledge again, as it was stated (the UK's financial year too).
    fresh = tmp_path / "fresh.db"
    emptied = tmp_path / "no-pledges.json"
    data = run.json("export")
    emptied.write_text(json.dumps({"parties": [{**p, "pledges": []} for p in data["parties"]]}))
    assert run("--db", str(fresh), "import", str(emptied)).exit_code == 0
    assert run("--db", str(fresh), "pledge", "list", "--format", "json").stdout == "[]\n"
    result = run("--db", str(fresh), "pledge", "import", str(path))
    assert result.exit_code == 0, result.output
    assert f"{rows} pledges added, 0 already in the ledger" in result.stdout
    stated = ("code", "amount", "currency", "first_year", "last_year", "first_month",
              "last_month", "per_year", "kind", "qualifier", "announced_on", "source", "note",
              "instrument", "tie", "value_usd", "usd_rate_date")  # fmt: skip
    old = json.loads(run("pledge", "list", "--format", "json").stdout)
    new = json.loads(run("--db", str(fresh), "pledge", "list", "--format", "json").stdout)
    assert [{k: p[k] for k in stated} for p in new] == [{k: p[k] for k in stated} for p in old]


@pytest.mark.parametrize(
    "content, args, message",
    [
        ("Donor,Date\nCzechia,2024-07-18\n", ["--map", "Donor=country,Date=announced_on"],
         "the file has no column for the pledge's amount, currency (its columns: Donor, Date); "
         "map it with COLUMN=FIELD, e.g. 'Donor=amount'"),
        ("a,b\n1,2\n", ["--map", "kiel"],
         "the file has no column for the pledge's country, announced_on, amount, currency (its "
         "columns: a, b); Kiel's mapping finds countries, country, donor"),
        ("a,b\n1,2\n", ["--map", "a=colour"],
         "the mapping 'a=colour' names no field of a pledge. Fields: country, announced_on"),
        ("a,b\n1,2\n", ["--map", "z=amount"],
         "the mapping 'z=amount' names a column the file does not have. Its columns: a, b"),
        ("a,b\n1,2\n", ["--map", "a"],
         "the mapping 'a' is not COLUMN=FIELD, e.g. 'Donor=country,Date=announced_on', or kiel"),
        ("country,announced_on,amount,currency\nCzechia,12/01/2024,5,EUR\n", [],
         "line 2 (Czechia): announcement date '12/01/2024' does not say which number is the day "
         "and which the month (12 January or 1 December 2024)"),
        ("country,announced_on,amount,currency\nCzechia,2024-07-18,5,EUR\n"
         "Czechia,2024-07-19,5,ZZZ\n", [], "line 3 (Czechia): currency 'ZZZ' has no ECB reference rate"),
        ("country,announced_on,amount,currency,kind\nCzechia,2024-07-18,5,EUR,weapons\n", [],
         "line 2 (Czechia): unknown kind 'weapons'. Use one of: military, financial"),
        ("country,announced_on,amount,currency,per_year\nCzechia,2024-07-18,5,EUR,often\n", [],
         "line 2 (Czechia): per_year is 'often'; use true or false"),
        ("country,announced_on,amount,currency,source\nCzechia,2024-07-18,5,EUR,a newspaper\n",
         [], "line 2 (Czechia): source 'a newspaper' is not a web address"),
        ('{"parties": []}', [], "is a JSON data file, not a table of pledges. Give a CSV or .xlsx "
         "table of pledges, or import the data file with: agreements import FILE"),
    ],
)  # fmt: skip
def test_a_sheet_with_a_bad_mapping_or_value_is_refused_whole(
    run, with_czechia, tmp_path, content, args, message
):
    path = tmp_path / ("sheet.json" if content.startswith("{") else "sheet.csv")
    path.write_text(content, encoding="utf-8")
    before = dump(with_czechia)
    assert_refused(run("pledge", "import", str(path), *args), 2, message)
    assert dump(with_czechia) == before


def test_a_pledge_already_in_the_ledger_is_left_as_the_user_has_it(run, with_czechia, tmp_path):
    added = run("pledge", "add", "Czechia", "1.5bn", "--currency", "CZK", "--year", "2024",
                "--kind", "mixed", "--announced-on", "2024-07-18", "--source",
                "https://example.org/mine")  # fmt: skip
    assert added.exit_code == 0, added.output
    result = run("pledge", "import", str(kiel_csv(tmp_path)), "--map", "kiel")
    assert result.exit_code == 0, result.output
    assert "1 pledge added, 1 already in the ledger" in result.stdout
    [czech] = pledges(run, "CZ")
    assert (czech["kind"], czech["source"]) == ("mixed", "https://example.org/mine")


def test_a_semicolon_cp1252_sheet_imports_with_its_encoding(run, with_czechia, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "country;announced_on;amount;currency;note\r\n"
        "Czechia;2024-07-18;5000000;EUR;Zusage für Munition – 5 Mio. €\r\n".encode("cp1252")
    )
    before = dump(with_czechia)
    assert_refused(run("pledge", "import", str(path)), 2,
                   f"Error: {path} is not UTF-8 text (byte 0xfc on line 2)")  # fmt: skip
    assert dump(with_czechia) == before
    result = run("pledge", "import", str(path), "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(
        f"Imported {path} (CSV with semicolons): 1 row: 1 pledge added"
    )
    [czech] = pledges(run, "CZ")
    assert czech["note"] == "Zusage für Munition – 5 Mio. €"


def test_two_pledges_alike_but_for_their_years_are_each_matched_once(run, with_czechia, tmp_path):
    for years in ("2024", "2025"):
        added = run("pledge", "add", "Czechia", "5m", "--currency", "EUR", "--years", years,
                    "--announced-on", "2024-07-18", "--source", "https://example.org/cz")  # fmt: skip
        assert added.exit_code == 0, added.output
    path = tmp_path / "twice.csv"
    path.write_text("country,announced_on,amount,currency,years\n"
                    "Czechia,2024-07-18,5000000,EUR,2024\nCzechia,2024-07-18,5000000,EUR,2025\n"
                    "Czechia,2024-07-18,5000000,EUR,2026\n", encoding="utf-8")  # fmt: skip
    before = dump(with_czechia)
    result = run("pledge", "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "skip line 4 (Czechia): the same pledge as an earlier line (EUR 5 m (2026, unspecified), "
        "announced 2024-07-18); the ledger holds it once",
        f"Imported {path} (CSV with commas): 3 rows: 0 pledges added, 2 already in the ledger, "
        "1 skipped.",
    ]
    assert dump(with_czechia) == before
