"""`--fields` on every read command, and the formats pipes expect: TSV and NDJSON (a JSON
record a line); `progress` in CSV and TSV gives the years as rows, each saying how many
parties state a figure for it."""

import csv
import io
import json

import pytest

from conftest import assert_refused, dump

# The first signatories of the seed, by signing date (reference/agreements-facts.md): the
# United Kingdom on 12 January 2024, then France and Germany on 16 February 2024.
FIRST_THREE = [("GB", "2024-01-12"), ("FR", "2024-02-16"), ("DE", "2024-02-16")]


def test_fields_choose_the_columns_of_every_machine_format(run, seeded):
    base = ["list", "--sort", "signed_on", "--fields", "code,signed_on"]
    as_json = run.json(*base)
    assert [(r["code"], r["signed_on"]) for r in as_json[:3]] == FIRST_THREE
    assert all(list(r) == ["code", "signed_on"] for r in as_json) and len(as_json) == 23
    lines = run(*base, "--format", "ndjson").stdout.splitlines()
    assert lines[:3] == [json.dumps({"code": c, "signed_on": d}, separators=(",", ":"))
                         for c, d in FIRST_THREE]  # fmt: skip
    assert [json.loads(line) for line in lines] == as_json
    assert run(*base, "--format", "csv").stdout.splitlines()[:4] == [
        "code,signed_on", "GB,2024-01-12", "FR,2024-02-16", "DE,2024-02-16"
    ]  # fmt: skip
    assert run(*base, "--format", "tsv").stdout.splitlines()[:4] == [
        "code\tsigned_on", "GB\t2024-01-12", "FR\t2024-02-16", "DE\t2024-02-16"
    ]  # fmt: skip
    assert run(*base, "--format", "markdown").stdout.splitlines()[:4] == [
        "| code | signed_on |", "|---|---|", "| GB | 2024-01-12 |", "| FR | 2024-02-16 |"
    ]  # fmt: skip
    # In the order given, not the table's.
    assert run(*base[:3], "--fields", "signed_on,code", "-f", "csv").stdout.startswith(
        "signed_on,code\n2024-01-12,GB\n"
    )


@pytest.mark.parametrize(
    "command, fields",
    [
        (["list"], "country,status"),
        (["pledge", "list"], "id,code,amount,currency"),
        (["milestone", "list"], "code,happened_on,step"),
        (["history"], "id,code,action"),
        (["timeline"], "month,signed"),
        (["progress"], "signed,goal,data_as_of"),
        (["show", "Germany"], "country,status,signed_on"),
        (["db", "info"], "schema,parties"),
    ],
)
def test_every_read_command_takes_fields_in_json_and_ndjson(run, seeded, command, fields):
    assert run("import", "--bundled").exit_code == 0  # milestones too
    names = fields.split(",")
    as_json = run.json(*command, "--fields", fields)
    records = as_json if isinstance(as_json, list) else [as_json]
    assert records and all(list(record) == names for record in records)
    result = run(*command, "--fields", fields, "--format", "ndjson")
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == records


def test_ndjson_is_a_record_a_line(run, seeded):
    updated = run("update", "Germany", "--note", 'Plenković said "yes"; {"a": [1]}')
    assert updated.exit_code == 0, updated.output
    as_json = run.json("pledge", "list")
    lines = run("pledge", "list", "--format", "ndjson").stdout.splitlines()
    assert len(lines) == len(as_json) == 19
    assert [json.loads(line) for line in lines] == as_json
    history = run("history", "Germany", "--format", "ndjson").stdout.splitlines()
    assert {json.loads(line)["code"] for line in history} == {"DE"} and len(history) == 3
    assert json.loads(history[0])["changes"]["note"][1] == 'Plenković said "yes"; {"a": [1]}'


def test_tsv_quotes_a_cell_with_a_tab_and_reads_back(run, seeded):
    note = 'tab\there; a comma, and a "quote"'
    assert run("update", "Germany", "--note", note).exit_code == 0
    text = run("list", "--format", "tsv", "--fields", "code,note").stdout
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows[0] == ["code", "note"]
    assert ["DE", note] in rows


@pytest.mark.parametrize(
    "args, message",
    [
        (["list", "-f", "csv", "--fields", "code,colour"],
         "Error: --fields: unknown field 'colour'. Fields: code, country, kind, status"),
        (["list", "-f", "json", "--fields", "code,code"],
         "Error: --fields names 'code' twice; name it once"),
        (["list", "--fields", "code"],
         "Error: --fields chooses the columns of json, ndjson, csv, tsv and markdown. Add "
         "--format csv (or json, ndjson, tsv, markdown)"),
        (["show", "Germany", "-f", "json", "--fields", "amount_usd"],
         "Error: --fields: unknown field 'amount_usd'. Fields: "),
        (["progress", "-f", "csv", "--fields", "signed"],
         "Error: --fields: unknown field 'signed'. Fields: year, tied_grant_value_usd"),
    ],
)  # fmt: skip
def test_a_field_the_output_lacks_is_refused(run, seeded, args, message):
    before = dump(seeded)
    assert_refused(run(*args), 2, message)
    assert dump(seeded) == before


def test_progress_csv_gives_a_row_a_year_with_who_states_a_figure(run, seeded):
    """Of the 23 signatories of the seed, 17 state a figure for 2024; four state one for
    2025, three for 2026 and one (Iceland, through 2028) for 2027 and 2028: those years are
    partial. No column adds a loan to a grant."""
    text = run("progress", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["year"], r["partial"], r["parties_with_value"], r["parties_without_value"],
             r["parties_signed_by_year_end"]) for r in rows] == [
        ("2024", "false", "17", "6", "23"), ("2025", "true", "4", "19", "23"),
        ("2026", "true", "3", "20", "23"), ("2027", "true", "1", "22", "23"),
        ("2028", "true", "1", "22", "23"),
    ]  # fmt: skip
    assert all(r["data_as_of"] == "2024-07-15" and r["as_of"] == "" for r in rows)
    assert "value_usd" not in rows[0] and "tied_value_usd" not in rows[0]
    # Canada's loan (CAD 2.4 bn, 2024) is in the loans, not in the grants.
    assert int(rows[0]["loan_value_usd"]) > 0
    assert int(rows[0]["financial_grant_value_usd"]) == 0
    assert rows[4]["caps_and_floors"] == "IS"
    as_tsv = run("progress", "--format", "tsv", "--fields", "year,partial").stdout
    assert as_tsv.splitlines() == ["year\tpartial", "2024\tfalse", "2025\ttrue", "2026\ttrue",
                                   "2027\ttrue", "2028\ttrue"]  # fmt: skip
