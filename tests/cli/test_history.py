"""`agreements history`: the change log, newest first."""

import csv
import io

import pytest


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


def test_history_words_each_change_of_a_pledge(run, seeded):
    run("update", "Germany", "--amount", "8bn", "--currency", "GBP")
    added = run("pledge", "add", "Germany", "1bn", "--currency", "EUR", "--year", "2026",
                "--kind", "military", "--source", "https://example.org/de",
                "--announced-on", "2025-01-10")  # fmt: skip
    pledge_id = added.stdout.split()[2]
    assert run("pledge", "remove", pledge_id, "--yes").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(run("history", "DE", "--format", "csv").stdout)))
    assert [(r["entity"], r["action"], r["changes"]) for r in rows[:3]] == [
        ("pledge", "remove", "pledge - EUR 1 bn (2026, military)"),
        ("pledge", "add", "pledge + EUR 1 bn (2026, military)"),
        # 8 bn GBP at 1.0768 USD / 0.85605 GBP per EUR, the ECB rates of 2024-02-16: the
        # rate is in the JSON, not in the line.
        # In euros: 8 bn / 0.85605 = 9,345,248,525.
        ("pledge", "update", "pledge: amount 7100000000 -> 8000000000; currency EUR -> GBP; "
                             "value_usd 7645280000 -> 10062963612; "
                             "value_eur 7100000000 -> 9345248525"),
    ]  # fmt: skip
    assert run.json("history", "DE")[2]["changes"]["usd_rate"] == ["1.0768", "1.257870451"]


def test_the_rate_of_a_changed_pledge_is_left_to_the_json():
    from agreements_cli.wording import changes_text

    changes = {"amount": ["1000", "2000"], "value_usd": [1085, 2171],
               "usd_rate": ["1.0851", "1.0855"], "usd_rate_date": ["2024-02-16", "2024-02-19"]}  # fmt: skip
    assert changes_text(changes, "pledge") == (
        "pledge: amount 1000 -> 2000; value_usd 1085 -> 2171"
    )
    party = {"country": ["Czech Republic", "Czechia"], "usd_rate": ["1", "2"],
             "usd_rate_date": ["a", "b"], "note": [None, "n"]}  # fmt: skip
    assert changes_text(party, "party") == "note (none) -> n"


def events_of_2026(db, count):
    """``count`` more events, recorded on 2026-01-01, each a copy of Germany's seed event."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO events (batch, code, action, effective_on, recorded_at, before, after, "
            "entity) SELECT 1000 + i, code, 'update', effective_on, '2026-01-01T00:00:00+00:00', "
            "after, after, entity FROM n, (SELECT * FROM events WHERE code = 'DE' AND "
            "entity = 'party')",
            (count,),
        )


def test_since_and_limit_keep_the_newest_changes_of_those_days(run, seeded):
    seed = len(run.json("history"))
    events_of_2026(seeded, 3)
    everything = run.json("history")
    assert len(everything) == seed + 3
    assert [e["recorded_at"] for e in run.json("history", "--since", "2026-01-01")].count(
        "2026-01-01T00:00:00+00:00") == 3  # fmt: skip
    newest = run.json("history", "--limit", "2")
    assert newest == everything[:2]
    assert run("history", "--limit", "2").stdout.startswith("2 changes, newest first\n")
    assert run.json("history", "DE", "--since", "2099-01-01") == []
    assert run("history", "--since", "2099-01-01").stdout.startswith("0 changes, newest first\n")
    rows = run("history", "--limit", "1", "-f", "csv").stdout.splitlines()
    assert len(rows) == 2  # the header and one change


@pytest.mark.parametrize(("args", "message"), [
    (["--limit", "0"], "Invalid value for '--limit': 0 is not in the range"),
    (["--limit", "-3"], "Invalid value for '--limit'"),
    (["--since", "last week"], "--since date 'last week' is not a date. Write it as YYYY-MM-DD"),
    (["--since", "2026-02-30"], "--since date '2026-02-30' is not a real date"),
])  # fmt: skip
def test_a_bad_since_or_limit_is_refused(run, seeded, args, message):
    from conftest import assert_refused, dump

    before = dump(seeded)
    assert_refused(run("history", *args), 2, message)
    assert dump(seeded) == before


def test_a_long_history_streams_in_little_memory(seeded):
    """200,000 events once took 1.7 GB: now a process allowed 300 MB prints them all."""
    from conftest import library_process

    events_of_2026(seeded, 200_000)
    done = library_process("history --format csv | tail -n 1", seeded, memory=300 * 2**20)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(",") > 5  # the oldest change, printed last
    done = library_process("history --since 2026-01-01 --limit 5 --format json", seeded,
                           memory=300 * 2**20)  # fmt: skip
    assert done.returncode == 0 and done.stdout.count('"recorded_at"') == 5


def test_an_event_whose_code_is_not_text_is_named_as_it_is(run, seeded):
    import sqlite3

    from conftest import assert_refused, dump

    with sqlite3.connect(seeded) as conn:
        event = conn.execute("SELECT MAX(id) FROM events WHERE entity = 'party'").fetchone()[0]
        conn.execute("UPDATE events SET code = ? WHERE id = ?", (b"\x00\xff", event))
    before = dump(seeded)
    assert_refused(run("history"), 1,
                   f"change-log event {event} (a blob of 2 bytes): code holds a blob of 2 bytes, "
                   "which is not a two-letter code; agreements did not write it")  # fmt: skip
    assert dump(seeded) == before
