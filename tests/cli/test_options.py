"""Options a test had never used: every --sort, remove --on, an import's summary with
updates. Expected values are written out from the seed (data/seed.json)."""

import json

import pytest

from conftest import assert_refused, dump

# The seed's 23 parties by signing date (ties by name), as the Office of the President
# listed them on 15 July 2024.
BY_DATE = [
    "GB", "FR", "DE", "DK", "CA", "IT", "NL", "FI", "LV", "ES", "BE", "PT", "IS", "NO", "SE",
    "JP", "US", "EE", "EU", "LT", "PL", "LU", "RO",
]  # fmt: skip


def codes(run, *args):
    return [row["code"] for row in run.json("list", *args)]


def test_the_default_order_is_by_signing_date(run, seeded):
    assert codes(run) == BY_DATE


def test_sort_by_country_and_by_code(run, seeded):
    assert codes(run, "--sort", "country")[:5] == ["BE", "CA", "DK", "EE", "EU"]
    assert codes(run, "--sort", "country")[-3:] == ["SE", "GB", "US"]
    assert codes(run, "--sort", "code") == sorted(BY_DATE)


def test_sort_by_status_puts_signed_first_then_negotiating_then_planned(run, seeded):
    assert run("add", "Czechia", "--status", "planned").exit_code == 0
    assert run("add", "Slovenia", "--status", "negotiating").exit_code == 0
    assert run("add", "Albania", "--status", "negotiating").exit_code == 0
    assert codes(run, "--sort", "status") == [*BY_DATE, "AL", "SI", "CZ"]


def test_remove_on_a_date_takes_effect_then(run, seeded):
    assert run("remove", "Poland", "--on", "2024-08-01", "--yes").exit_code == 0
    assert "PL" in codes(run, "--as-of", "2024-07-31")
    assert "PL" not in codes(run, "--as-of", "2024-08-01")
    removal = run.json("history", "Poland")[0]
    assert (removal["action"], removal["effective_on"]) == ("remove", "2024-08-01")


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_import_summary_counts_updates(run, seeded, dry_run):
    data = {"parties": [
        {"code": "DE", "status": "signed", "signed_on": "2024-02-16", "place": "Bonn",
         "source": "https://pravda.com.ua/eng/news/2024/02/16/7442194/"},
        {"code": "CZ", "status": "negotiating", "source": "https://example.org/cz"},
    ]}  # fmt: skip
    result = run("import", "-", *(["--dry-run"] if dry_run else []), input=json.dumps(data))
    assert result.exit_code == 0, result.output
    if dry_run:
        assert result.stdout.splitlines()[-1] == (
            "Dry run: 1 to add, 1 to update, 0 to remove, 0 unchanged. Nothing was written."
        )
    else:
        assert result.stdout.splitlines()[-1] == (
            "Imported -: 1 added, 1 updated, 0 removed, 0 unchanged. Undo with: agreements undo"
        )
        assert run.party("DE")["place"] == "Bonn"


def test_formats_and_sort_fields_in_any_case(run, seeded):
    assert (
        run("list", "--format", "JSON", "--sort", "Country").stdout
        == run("list", "--format", "json", "--sort", "country").stdout
    )
    rows = json.loads(run("list", "-f", "Json", "--sort", "COUNTRY").stdout)
    assert [r["country"] for r in rows][:3] == ["Belgium", "Canada", "Denmark"]
    assert json.loads(run("export", "-f", "JSON").stdout)["format"] == "agreements/3"
    assert run("show", "DE", "-f", "JSON").exit_code == 0


@pytest.mark.parametrize("command", [["show", "DE"], ["db", "info"]])
def test_show_and_db_info_offer_only_their_formats(run, seeded, command):
    assert "Output format: table, json or ndjson (on one line)." in " ".join(
        run(*command, "--help").stdout.split()
    )
    before = dump(seeded)
    assert_refused(run(*command, "-f", "csv"), 2, "'csv' is not one of 'table', 'json', 'ndjson'")
    assert dump(seeded) == before
