"""What the change log, the database file and the exports say about themselves, in process."""

import csv
import io
import json
import sqlite3

import pytest


def test_each_change_names_its_party_in_the_log(run, seeded, tmp_path):
    run("update", "Germany", "--amount", "8bn", "--currency", "GBP")
    run("add", "Slovenia", "--status", "signed", "--signed-on", "2024-07-18", "--amount", "5m",
        "--currency", "EUR", "--source", "https://sloveniatimes.com/40687/")  # fmt: skip
    path = tmp_path / "cz.json"
    path.write_text(json.dumps({"parties": [{
        "code": "CZ", "status": "negotiating", "source": "https://example.org/cz",
        "pledges": [{"amount": "1000000", "currency": "EUR", "years": "2025",
                     "announced_on": "2024-07-01", "source": "https://example.org/p"}],
    }]}), encoding="utf-8")  # fmt: skip
    assert run("import", str(path)).exit_code == 0
    newest = [(e["code"], e["entity"], e["country"]) for e in run.json("history")[:5]]
    assert newest == [("CZ", "pledge", "Czechia"), ("CZ", "party", "Czechia"),
                      ("SI", "pledge", "Slovenia"), ("SI", "party", "Slovenia"),
                      ("DE", "pledge", "Germany")]  # fmt: skip


def test_db_info_names_the_party_of_the_last_change_even_a_removal(run, seeded):
    run("add", "Czechia", "--status", "negotiating")
    assert run("remove", "Czechia", "--yes").exit_code == 0
    last = run.json("db", "info")["last_change"]
    assert (last["code"], last["country"], last["action"], last["entity"]) == (
        "CZ", "Czechia", "remove", "party",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("after", "shown"),
    [("not json", "'not json'"),
     ("[" * 100_000 + "]" * 100_000, "'" + "[" * 57 + "...'")],  # too deep for Python's JSON
)  # fmt: skip
def test_a_change_log_row_that_is_not_json_is_named_whole(run, seeded, after, shown):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE events SET after = ? WHERE id = 2", (after,))
    refused = run("history", "DE")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (
        f"Error: change-log event 2 (DE): after holds {shown}, which is not a row of "
        "agreements in JSON; agreements did not write it. See every such value with: "
        "agreements check\n"
    )
    checked = run("check")
    assert checked.stdout.splitlines()[0] == (
        f"change-log event 2 (DE): after holds {shown}, which is not a row of agreements in JSON"
    )


def test_a_path_with_a_percent_sign_is_that_file(run, tmp_path):
    path = tmp_path / "a%41b.db"
    assert run("--db", str(path), "add", "Czechia", "--status", "planned").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == ["a%41b.db"]


def test_the_csv_export_has_plain_line_ends_and_the_count_as_true_or_false(run, seeded):
    run("import", "--bundled")
    text = run("export", "--format", "csv").stdout
    assert "\r" not in text
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(text))}
    assert (rows["DE"]["counted"], rows["HR"]["counted"]) == ("true", "false")
