"""Values another program (sqlite3, sqlite-utils, Datasette) wrote into any column.

Every read command gives its output with the value shown as it is, or one clean exit-1
line that names the party or item and the field and points to `agreements check`; never a
hang, a crash or "this is a bug". `check` names each value agreements would not write.
"""

import re
import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from agreements_cli.cli import app

from conftest import dump

BLOB = b"\x00\xff"
DATES = ["abc", "2024-13-01", "2024-02-30", 20240216, BLOB, "0999-01-01"]
TEXTS = [BLOB]  # a number in a TEXT column is stored as its text, which is fine
ENUMS = ["abc", "", 5, BLOB]

# (table, the row's WHERE, column, values that agreements never writes there)
CASES = [
    ("parties", "code = 'DE'", "country", ["", " ", BLOB]),
    ("parties", "code = 'DE'", "kind", ENUMS),
    ("parties", "code = 'DE'", "status", ENUMS),
    ("parties", "code = 'DE'", "counted", [2, "abc", BLOB]),
    ("parties", "code = 'DE'", "signed_on", DATES),
    *(("parties", "code = 'DE'", column, TEXTS)
      for column in ("place", "source", "note", "count_reason", "count_source")),
    ("pledges", "code = 'DE'", "amount", ["abc", "-5", "0", "1e999", "1e15", "NaN", BLOB]),
    ("pledges", "code = 'DE'", "currency", ["abc", "eur", 5, BLOB]),
    ("pledges", "code = 'DE'", "first_year", ["abc", 99999, 2.5, BLOB]),
    ("pledges", "code = 'DE'", "last_year", ["abc", 1066, 2023, BLOB]),
    ("pledges", "code = 'DE'", "per_year", [2, "abc"]),
    ("pledges", "code = 'DE'", "kind", ENUMS),
    ("pledges", "code = 'DE'", "qualifier", ENUMS),
    ("pledges", "code = 'DE'", "announced_on", DATES),
    ("pledges", "code = 'DE'", "value_usd", ["abc", -1, 1e30, 2.5, BLOB]),
    ("pledges", "code = 'DE'", "usd_rate", ["abc", "0", "-1", BLOB]),
    ("pledges", "code = 'DE'", "usd_rate_date", DATES),
    *(("pledges", "code = 'DE'", column, TEXTS) for column in ("source", "note")),
    ("pledges", "id = 2", "code", [BLOB]),  # "5" would be text: a party not tracked
    ("milestones", "code = 'BG'", "happened_on", DATES),
    ("milestones", "code = 'BG'", "step", ["", BLOB]),
    *(("milestones", "code = 'BG'", column, TEXTS) for column in ("document", "source", "note")),
    ("settings", "key = 'goal'", "value",
     ["0", "-1", "abc", "9" * 30, 1001, "01000", "0001000000", "²", "٣٢", BLOB]),
    ("settings", "key = 'reported_value_usd'", "value", ["abc", "-5", "³", "1" + "0" * 18, BLOB]),
    ("settings", "key = 'snapshot'", "value", ["abc", "2024-13-01", BLOB]),
    ("settings", "key = 'reported_value_as_of'", "value", ["abc", BLOB]),
]  # fmt: skip
FLAT = [(table, where, column, value) for table, where, column, values in CASES
        for value in values]  # fmt: skip

READS = [
    ["list"], ["list", "-f", "json"], ["list", "--as-of", "2024-12-31"],
    ["list", "--sort", "value_usd"], ["progress"], ["progress", "-f", "json"],
    ["progress", "--as-of", "2024-06-30"], ["timeline"], ["show", "DE"],
    ["show", "BG", "-f", "json"], ["history", "DE", "-f", "csv"], ["pledge", "list", "DE"],
    ["milestone", "list"], ["db", "info", "-f", "json"], ["export"],
]  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A database as agreements writes it, with the bundled data (a milestone of BG)."""
    path = tmp_path_factory.mktemp("template") / "agreements.db"
    runner = CliRunner()
    env = {"AGREEMENTS_DB": str(path), "COLUMNS": "100"}
    assert runner.invoke(app, ["import", "--bundled"], env=env).exit_code == 0
    return path


def tampered(template, tmp_path, sql, params=()):
    db = tmp_path / "agreements.db"
    shutil.copyfile(template, db)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        changed = conn.execute(sql, params).rowcount
    assert changed >= 1, sql
    return db


def stored(db, table, where, column):
    """The value as SQLite stored it (a column's type affinity may have changed it)."""
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT {column} FROM {table} WHERE {where}").fetchone()[0]


def shown(value):
    if isinstance(value, bytes):
        return "a blob of 2 bytes"
    return repr(value)


def assert_every_read_is_clean(db, names):
    runner = CliRunner()
    env = {"AGREEMENTS_DB": str(db), "COLUMNS": "100"}
    before = dump(db)
    refused = {}
    for args in READS:
        result = runner.invoke(app, args, env=env)
        assert result.exit_code in (0, 1), (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args, result.exception,
        )  # fmt: skip
        assert "\x1b" not in result.stdout, args
        if result.exit_code == 1:
            assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, (
                args, result.stderr,
            )  # fmt: skip
            assert "bug" not in result.stderr, (args, result.stderr)
            refused[" ".join(args)] = result.stderr
    assert dump(db) == before
    check = runner.invoke(app, ["check"], env=env)
    assert (
        check.exit_code == 1 and check.exception is None or isinstance(check.exception, SystemExit)
    ), check.output
    if names:
        assert names in check.stdout, check.stdout
        for stderr in refused.values():
            if "agreements check" in stderr:
                assert names in stderr and stderr.endswith(
                    "; agreements did not write it. See every such value with: agreements check\n"
                ), stderr
    return refused, check


@pytest.mark.parametrize(("table", "where", "column", "value"), FLAT)
def test_a_value_another_program_wrote_is_shown_or_named(template, tmp_path, table, where,
                                                         column, value):  # fmt: skip
    db = tampered(template, tmp_path, f"UPDATE {table} SET {column} = ? WHERE {where}", (value,))
    field = where.split("'")[1] if table == "settings" else column
    value = stored(db, table, where, column)
    refused, check = assert_every_read_is_clean(db, f"{field} holds {shown(value)}")
    if table == "parties":
        # The party's own row is in every listing: list refuses it, naming it.
        assert refused["list -f json"].startswith(f"Error: Germany (DE): {column} holds") or (
            column == "country" and "the party DE: country holds" in refused["list -f json"]
        ), refused
    if table == "settings":  # one line for the one bad value
        assert check.stdout.count(f"{field} holds") == 1, check.stdout
    if table == "pledges" and column != "code":  # a pledge of no party is not DE's
        assert "pledge 2 (" in refused["pledge list DE"], refused


@pytest.mark.parametrize(
    ("side", "value"),
    [("after", "abc"), ("after", "[1]"), ("after", '{"code": "DE"'), ("after", BLOB),
     ("before", "{{"), ("after", "5")],
)  # fmt: skip
def test_a_change_log_row_that_is_not_json_is_named(template, tmp_path, side, value):
    db = tampered(
        template, tmp_path,
        f"UPDATE events SET {side} = ? WHERE id = (SELECT MAX(id) FROM events WHERE code = 'DE' "
        "AND entity = 'party')",
        (value,),
    )  # fmt: skip
    refused, check = assert_every_read_is_clean(db, f"{side} holds {shown(value)}")
    assert "change-log event" in check.stdout


@pytest.mark.parametrize("value", ["abc", "2024-13-01", 5])
def test_a_change_log_date_that_is_not_one_is_named(template, tmp_path, value):
    db = tampered(template, tmp_path, "UPDATE events SET effective_on = ? WHERE code = 'DE'",
                  (value,))  # fmt: skip
    value = stored(db, "events", "code = 'DE'", "effective_on")
    refused, check = assert_every_read_is_clean(db, f"effective_on holds {shown(value)}")
    assert set(refused) >= {"history DE -f csv", "show DE"}, refused
    # The seed's second event is Germany's (the United Kingdom signed first).
    assert f"change-log event 2 (DE): effective_on holds {shown(value)}" in check.stdout


@pytest.mark.parametrize("value", ["\x1b[2J", "a\u202eb", "x" * 5000])
def test_text_agreements_would_refuse_but_can_show_is_shown_safely(template, tmp_path, value):
    db = tampered(template, tmp_path, "UPDATE parties SET place = ? WHERE code = 'DE'", (value,))
    refused, _ = assert_every_read_is_clean(db, None)
    assert refused == {}


@pytest.mark.parametrize("signed_on", ["abc", "2024-13-01", "9999-99-99"])
def test_timeline_never_runs_away_on_a_signing_date_that_is_not_one(template, tmp_path,
                                                                    signed_on):  # fmt: skip
    db = tampered(template, tmp_path, "UPDATE parties SET signed_on = ? WHERE code = 'FR'",
                  (signed_on,))  # fmt: skip
    result = CliRunner().invoke(app, ["timeline"], env={"AGREEMENTS_DB": str(db)})
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: France (FR): signed_on holds {signed_on!r}, which is not "
        f"{'a date YYYY-MM-DD' if signed_on == 'abc' else 'a real date'}; agreements did not "
        "write it. See every such value with: agreements check\n"
    )


def test_update_repairs_the_value_it_is_given(template, tmp_path):
    db = tampered(template, tmp_path, "UPDATE parties SET signed_on = 'abc' WHERE code = 'DE'")
    runner, env = CliRunner(), {"AGREEMENTS_DB": str(db)}
    result = runner.invoke(app, ["update", "DE", "--signed-on", "2024-02-16"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Updated Germany (DE): signed_on abc -> 2024-02-16.\n"
    assert runner.invoke(app, ["timeline"], env=env).exit_code == 0


NEWEST_DE_PLEDGE = ("(SELECT MAX(id) FROM events WHERE code = 'DE' AND entity = 'pledge' "
                    "AND after IS NOT NULL)")  # fmt: skip
NEWEST_DE_PARTY = "(SELECT MAX(id) FROM events WHERE code = 'DE' AND entity = 'party')"


@pytest.mark.parametrize(
    ("sql", "params", "named"),
    [
        (f"UPDATE events SET after = json_set(after, '$.amount', 'abc') WHERE id = {NEWEST_DE_PLEDGE}",
         (), "after amount holds 'abc', which is not a decimal number"),
        (f"UPDATE events SET after = '{{}}' WHERE id = {NEWEST_DE_PLEDGE}", (),
         "after holds '{}', which lacks code, amount"),
        (f"UPDATE events SET after = '{{}}' WHERE id = {NEWEST_DE_PARTY}", (),
         "after holds '{}', which lacks code, country, kind, status"),
        (f"UPDATE events SET recorded_at = ? WHERE id = {NEWEST_DE_PARTY}", (BLOB,),
         "recorded_at holds a blob of 2 bytes, which is not a time"),
        (f"UPDATE events SET recorded_at = 'last week' WHERE id = {NEWEST_DE_PARTY}", (),
         "recorded_at holds 'last week', which is not a time"),
        (f"UPDATE events SET before = '{{\"code\": \"DE\"}}' WHERE id = {NEWEST_DE_PARTY}", (),
         "before holds '{\"code\": \"DE\"}', which lacks country, kind, status"),
        (f"UPDATE events SET after = json_set(after, '$.first_year', 'soon') WHERE id = {NEWEST_DE_PLEDGE}",
         (), "after first_year holds 'soon', which is not a year"),
        (f"UPDATE events SET action = 'edit' WHERE id = {NEWEST_DE_PARTY}", (),
         "action holds 'edit', which is not one of seed, add"),
        ("UPDATE milestones SET source = NULL, step = '' WHERE code = 'BG'", (),
         "step holds '', which is empty"),
    ],
)  # fmt: skip
def test_a_change_log_row_another_tool_edited_is_named_by_every_read(template, tmp_path, sql,
                                                                     params, named):  # fmt: skip
    db = tampered(template, tmp_path, sql, params)
    refused, check = assert_every_read_is_clean(db, named)
    assert refused, "some read must meet it"
    assert all("bug" not in line for line in refused.values())
    before = dump(db)
    undo = CliRunner().invoke(app, ["undo", "--yes"], env={"AGREEMENTS_DB": str(db)})
    assert undo.exit_code in (0, 1) and "bug" not in undo.output, undo.output
    if undo.exit_code == 1:
        assert undo.stderr.startswith("Error: ") and undo.stderr.count("\n") == 1
        assert dump(db) == before


def test_a_milestone_without_a_source_is_shown_and_named_by_check(template, tmp_path):
    db = tampered(template, tmp_path, "UPDATE milestones SET source = NULL WHERE code = 'BG'")
    refused, check = assert_every_read_is_clean(db, None)
    assert refused == {}
    assert re.search(r"^milestone \d+ \(BG, .*\): has no source$", check.stdout, re.M)
