"""One figure wherever a reader looks: on the bundled data, and on a ledger that exercises a
longer amount's months, a replacement, a half dollar's rounding, a cap and a figure of no
stated instrument, `progress`, the sum of `list`'s JSON, the page, a plain SQL sum over the
data package's CSV files and Datasette's JSON each give the same figures, each equal to the
numbers written here by hand."""

import csv
import html
import re
import sqlite3

from conftest import EXPECTED, SORTS, figures


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
