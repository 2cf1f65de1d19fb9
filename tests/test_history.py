"""`agreements history`: the change log, newest first."""

import csv
import io


def test_history_lists_every_change_newest_first(run):
    run("add", "Czechia", "--status", "negotiating")
    run("update", "Czechia", "--status", "signed", "--signed-on", "2024-07-18")
    events = run.json("history", "Czech Republic")
    assert [e["action"] for e in events] == ["update", "add"]
    assert events[0]["changes"]["status"] == ["negotiating", "signed"]
    assert events[0]["effective_on"] == "2024-07-18"
    assert events[1]["changes"]["status"] == [None, "negotiating"]
    assert events[0]["id"] > events[1]["id"]


def test_history_of_all_parties_includes_the_seed(run):
    run("add", "Czechia", "--status", "negotiating")
    events = run.json("history")
    # The 23 parties of the seed and the 19 pledges of the 17 that state a figure.
    assert len(events) == 1 + 23 + 19
    assert events[0]["code"] == "CZ"
    assert {e["action"] for e in events[1:]} == {"seed"}
    assert sum(e["entity"] == "pledge" for e in events) == 19


def test_history_table_and_csv(run):
    run("add", "Czechia", "--status", "negotiating")
    run("update", "Czechia", "--note", "[bold]x[/]")
    table = run("history", "CZ")
    assert table.exit_code == 0, table.output
    assert "status negotiating" in table.stdout
    assert "note (none)" in table.stdout and "[bold]x[/]" in table.stdout
    run("update", "CZ", "--status", "signed", "--signed-on", "2024-07-18")
    run("remove", "CZ")
    rows = list(csv.DictReader(io.StringIO(run("history", "CZ", "-f", "csv").stdout)))
    assert [r["action"] for r in rows] == ["remove", "update", "update", "add"]
    assert [r["changes"] for r in rows] == [
        "removed (was signed)",
        "status negotiating -> signed; signed_on (none) -> 2024-07-18",
        "note (none) -> [bold]x[/]",
        "status negotiating",
    ]


def test_history_of_an_unknown_country_is_bad_input(run):
    result = run("history", "Narnia")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown country 'Narnia'.")
