"""One figure wherever a reader looks: on the bundled data, and on a ledger that exercises a
longer amount's months, a replacement, a half dollar's rounding, a cap and a figure of no
stated instrument, `progress`, the sum of `list`'s JSON, the page, a plain SQL sum over the
data package's CSV files and Datasette's JSON each give the same figures, each equal to the
numbers written here by hand."""

import csv
import html
import json
import re
import sqlite3
from urllib.parse import quote

import pytest

from conftest import dump, fetch, serving

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
    2025: (5_364_500 + 29_113_347 + 86_600_000 + 1_046_600_000,
           3_889_121_966 + 2_138_800_000 + 7_832_536_702 + 2_157_600_000 + 3_980_995_433
           + 1_095_000_000 + 1_474_757_777, 1_695_971_443, None),
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


@pytest.fixture
def ledger(run, seeded):
    add_the_ledger(run)
    return seeded


def figures(row, unstated="unstated_instrument_value_usd"):
    return (*(row[sort] for sort in SORTS), row[unstated])


def test_progress_gives_the_figures(run, ledger):
    years = {y["year"]: y for y in run.json("progress")["pledged_by_year"]}
    assert {year: figures(years[year]) for year in EXPECTED} == EXPECTED
    assert years[2031]["caps_and_floors"] == ["PL"] and years[2031]["cap_value_usd"] == 90
    headline = run.json("progress")
    assert (headline["year"], headline["tied_grant_value_usd"],
            headline["loan_and_guarantee_value_usd"]) == (2024, *EXPECTED[2024][::2])  # fmt: skip
    # The terminal's table says the same, a blank for a sort nobody states.
    table = run("progress", env={"COLUMNS": "120"}).stdout
    row_2029 = next(line for line in table.splitlines() if line.startswith("│ 2029"))
    assert [cell.strip() for cell in row_2029.split("│")[2:6]] == ["4", "", "", ""]


def test_the_sum_of_list_gives_the_figures(run, ledger):
    for year, expected in EXPECTED.items():
        rows = [row for row in run.json("list", "--year", str(year)) if row["in_totals"]]

        def total(field, rows=rows):
            values = [row[field] for row in rows if row[field] is not None]
            return sum(values) if values else None

        summed = tuple(total(f"year_{sort}") for sort in SORTS) + (
            total("year_unstated_value_usd"),)  # fmt: skip
        assert summed == expected, year
        # value_usd is the year's grants: with the agreements and the rest.
        grants = [x for x in expected[:2] if x is not None]
        assert total("value_usd") == (sum(grants) if grants else None), year
    # By default the list shows the headline year's, as progress leads with it.
    default = [row for row in run.json("list") if row["in_totals"]]
    assert {row["year"] for row in default} == {2024}
    assert sum(row["value_usd"] or 0 for row in default) == 30_455_218_503


def test_the_page_gives_the_figures(run, ledger, tmp_path):
    page = tmp_path / "page.html"
    assert run("progress", "--html", str(page)).exit_code == 0
    markup = page.read_text(encoding="utf-8")
    rows = {
        int(row[0][:4]): row[1:]
        for row in (
            [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)]
            for r in re.findall(r"<tr><td class=\"year\">.*?</tr>", markup)
        )
    }  # fmt: skip
    # Grants with the agreements, in EUR, other grants, loans and guarantees, no instrument.
    assert [rows[2024][i] for i in (0, 2, 3, 4)] == ["USD 30.46 bn", "", "USD 5.28 bn", ""]
    assert [rows[2029][i] for i in (0, 2, 3, 4)] == ["USD 4", "", "", ""]
    assert [rows[2031][i] for i in (0, 2, 3, 4)] == ["USD 90", "", "USD 70", "USD 50"]
    assert [rows[2032][i] for i in (0, 2, 3, 4)] == ["USD 60", "", "", ""]
    assert "USD 0" not in markup


def read_csv_into(conn, path, table):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    columns = ", ".join(f'"{c}"' for c in rows[0])
    conn.execute(f"CREATE TABLE {table} ({columns})")
    conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in rows[0])})",
                     [[cell if cell != "" else None for cell in row] for row in rows[1:]])  # fmt: skip


def test_a_plain_sql_sum_over_the_data_package_gives_the_figures(run, ledger, tmp_path):
    folder = tmp_path / "package"
    assert run("export", "--datapackage", str(folder)).exit_code == 0
    conn = sqlite3.connect(":memory:")
    read_csv_into(conn, folder / "party_years.csv", "party_years")
    read_csv_into(conn, folder / "years.csv", "years")
    for year, expected in EXPECTED.items():
        summed = conn.execute(
            "SELECT SUM(tied_grant_value_usd), SUM(other_grant_value_usd), "
            "SUM(loan_and_guarantee_value_usd), SUM(unstated_value_usd) FROM party_years "
            "WHERE year = ? AND in_totals = 'true'", (str(year),)).fetchone()  # fmt: skip
        assert summed == expected, year
        listed = conn.execute(
            "SELECT tied_grant_value_usd, other_grant_value_usd, loan_and_guarantee_value_usd, "
            "unstated_instrument_value_usd FROM years WHERE year = ?", (str(year),)).fetchone()  # fmt: skip
        assert tuple(None if v is None else int(v) for v in listed) == expected, year


@pytest.mark.installed
def test_datasettes_json_gives_the_figures(run, ledger):
    before = dump(ledger)
    with serving(ledger) as base:
        years = {row["year"]: row for row in json.loads(
            fetch(f"{base}/agreements/pledges_by_year.json?_shape=array"))}  # fmt: skip
        assert {year: figures(years[year]) for year in EXPECTED} == EXPECTED
        for year, expected in EXPECTED.items():
            rows = json.loads(fetch(f"{base}/agreements/party_years.json?_shape=array&_size=max"
                                    f"&year={year}&in_totals=1"))  # fmt: skip
            summed = tuple(
                sum(row[f] for row in rows if row[f] is not None)
                if any(row[f] is not None for row in rows) else None
                for f in (*SORTS, "unstated_value_usd")
            )  # fmt: skip
            assert summed == expected, year
        # The headline, as progress leads with it, on the front page.
        front = html.unescape(fetch(base + "/"))
        assert "28 of 32 signed" in front and "USD 30.46 bn in grants stated with" in front
        # Unknown is blank, booleans are the CLI's words.
        page = fetch(f"{base}/agreements/party_years?year=2029&in_totals=1")
        assert re.search(r'<td class="col-in_totals[^"]*">true</td>', page)
        assert re.search(r'<td class="col-loan_value_usd[^"]*">&nbsp;</td>', page)
        # A pledge is faceted by every year it covers: Sweden's SEK 25 bn a year of 2024-2026
        # is under 2025 too, beside its SEK 40 bn for 2025.
        facet = json.loads(fetch(f"{base}/agreements/pledges.json?_facet_array=years&_size=0"))
        counts = {item["value"]: item["count"] for item in facet["facet_results"]["years"]["results"]}
        sweden = json.loads(fetch(f"{base}/agreements/pledges.json?_shape=array&code=SE"
                                  f"&years__arraycontains={quote('2025')}"))  # fmt: skip
        assert sorted(p["first_year"] for p in sweden) == [2024, 2025]
        assert counts["2029"] == 2 and counts["2032"] == 2
    assert dump(ledger) == before
