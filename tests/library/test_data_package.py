"""The data package, built by the library from tables given here: its descriptor and its
files, exactly, and where it is written."""

import json

import pytest

from agreements_cli.errors import AgreementsError, BadInput
from agreements_cli.publish import datapackage
from agreements_cli.publish.datapackage import Tables

PARTY = {"code": "CZ", "country": "Czechia", "kind": "state", "status": "signed",
         "counted": True, "signed_on": "2024-07-18", "place": "Washington",
         "source": "https://www.vlada.cz/en/a", "note": "=1+1", "count_reason": None,
         "count_source": "https://example.org/count"}  # fmt: skip
OUTSIDE = {**PARTY, "code": "HR", "country": "Croatia", "counted": False, "note": None,
           "source": "not a web address", "count_source": "https://www.vlada.cz/en/a"}  # fmt: skip
MILESTONE = {"id": 1, "code": "CZ", "happened_on": "2024-07-01", "step": "text approved",
             "document": None, "source": "https://example.org/m", "note": None}  # fmt: skip
TERM = {"id": 3, "code": "CZ", "term": "legal_form", "status": "stated",
        "holds_from": "2024-07-18", "value": "political", "unit": None, "firmness": None,
        "clause": None, "quote": "hereinafter “the Participants”", "quote_lang": "en",
        "text_url": "https://example.org/text", "source": "https://example.org/t",
        "source_kind": "official_text", "note": None}  # fmt: skip
CHANGE = {"id": 7, "recorded_at": "2024-07-19T10:00:00+00:00", "effective_on": "2024-07-18",
          "code": "CZ", "country": "Czechia", "entity": "party", "action": "add",
          "changes": ""}  # fmt: skip


# The derived tables, a row each, written here by hand as the library hands them over.
PROGRESS = {"goal": 32, "signed": 1, "negotiating": 0, "planned": 0, "untracked": 31,
            "percent_signed": 3.1, "signed_outside_count": 1, "year": 2024,
            "tied_grant_value_usd": 5, "grant_value_usd": 5,
            "loan_and_guarantee_value_usd": None, "year_partial": False, "signed_with_value": 1,
            "signed_without_value": 0, "reported_value_usd": None, "reported_value_as_of": None,
            "data_as_of": "2024-07-18", "sources_checked": None}  # fmt: skip
YEAR = {"year": 2024, "tied_grant_value_usd": 5, "tied_grant_value_eur": 4,
        "other_grant_value_usd": None, "grant_value_usd": 5, "loan_value_usd": None,
        "guarantee_value_usd": None, "loan_and_guarantee_value_usd": None,
        "unstated_instrument_value_usd": None, "partial": False, "parties_with_value": 1,
        "parties_without_value": 0, "parties_signed_by_year_end": 1,
        "military_grant_value_usd": 5, "financial_grant_value_usd": None,
        "humanitarian_grant_value_usd": None, "mixed_grant_value_usd": None,
        "unspecified_grant_value_usd": None, "cap_value_usd": 0, "floor_value_usd": 0,
        "caps_and_floors": "", "spread_value_usd": 0}  # fmt: skip
PARTY_YEAR = {"code": "CZ", "country": "Czechia", "year": 2024, "status": "signed",
              "counted": True, "in_totals": True, "tied_grant_value_usd": 5,
              "tied_grant_value_eur": 4, "other_grant_value_usd": None, "grant_value_usd": 5,
              "loan_value_usd": None, "guarantee_value_usd": None,
              "loan_and_guarantee_value_usd": None, "unstated_value_usd": None,
              "spread": False, "qualified": False}  # fmt: skip
MONTH = {"month": "2024-07", "signed": 1, "total": 1, "goal": 32, "parties": "Czechia",
         "outside_count": "Croatia"}  # fmt: skip


def tables(data_as_of="2024-07-18", sources_checked=None):
    return Tables({"parties": [PARTY, OUTSIDE], "pledges": [], "milestones": [MILESTONE],
                   "terms": [TERM], "changes": iter([CHANGE]), "progress": [PROGRESS], "years": [YEAR],
                   "party_years": [PARTY_YEAR], "signings_by_month": [MONTH]},
                  data_as_of, sources_checked)  # fmt: skip


def test_the_descriptor_says_what_each_table_is():
    texts = datapackage.files(tables(sources_checked="2026-07-05"))
    assert list(texts) == ["parties.csv", "pledges.csv", "milestones.csv", "terms.csv",
                           "deliveries.csv", "changes.csv", "progress.csv", "years.csv",
                           "party_years.csv", "promised_done.csv", "signings_by_month.csv",
                           "datapackage.json"]  # fmt: skip
    assert texts["datapackage.json"].startswith('{\n  "profile": "tabular-data-package",\n')
    package = json.loads(texts["datapackage.json"])
    assert [k for k in package if k != "resources"] == [
        "profile", "name", "title", "description", "licenses", "sources", "data_as_of",
        "sources_checked", "generator",
    ]  # fmt: skip
    assert (package["name"], package["title"]) == (
        "ukraine-security-agreements", "Ukraine's bilateral security agreements"
    )  # fmt: skip
    assert package["description"] == (
        "Ukraine's ten-year bilateral security agreements: who has signed, when, the pledges as "
        "stated (with their USD and EUR values at the ECB rate of the announcement), milestones, "
        "what each agreement says (its terms, each with the source read), what was done against "
        "the pledges (each figure as its reporter states it, and promised_done: promised against "
        "done by party and year, as agreements delivered gives it), every recorded change, and "
        "what the money adds up to as agreements progress adds it (progress, years, "
        "party_years: a plain sum over party_years gives the years' figures). "
        "Data as of 2024-07-18; sources checked to 2026-07-05. "
        "Compiled with agreements from the sources each record cites (its source, "
        "count_source): credit them, and this data set, when you publish from it."
    )
    assert package["licenses"] == [datapackage.DATA_LICENCE]
    # Each web address the records cite, once, in order (a source that is none, left out).
    assert package["sources"] == [
        {"title": "www.vlada.cz", "path": "https://www.vlada.cz/en/a"},
        {"title": "example.org", "path": "https://example.org/count"},
        {"title": "example.org", "path": "https://example.org/m"},
        {"title": "example.org", "path": "https://example.org/t"},
        {"title": "example.org", "path": "https://example.org/text"},
    ]
    from agreements_cli import __version__

    assert package["generator"] == f"agreements {__version__}"
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["parties"] == {
        "name": "parties", "title": "Tracked parties", "path": "parties.csv",
        "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "schema": resources["parties"]["schema"],
    }  # fmt: skip
    schema = resources["parties"]["schema"]
    assert schema["primaryKey"] == ["code"] and schema["missingValues"] == [""]
    assert "foreignKeys" not in schema
    assert schema["fields"][0] == {
        "name": "code", "type": "string", "constraints": {"required": True, "pattern": "[A-Z]{2}"},
        "description": "ISO 3166-1 alpha-2 code, the key; EU for the European Union, XK for Kosovo",
    }  # fmt: skip
    for name in ("pledges", "milestones", "terms"):
        assert resources[name]["schema"]["primaryKey"] == ["id"]
        assert resources[name]["schema"]["foreignKeys"] == [
            {"fields": ["code"], "reference": {"resource": "parties", "fields": ["code"]}}
        ]
    # The money's tables are keyed by year, and by party and year.
    assert resources["years"]["schema"]["primaryKey"] == ["year"]
    assert resources["party_years"]["schema"]["primaryKey"] == ["code", "year"]
    assert (
        resources["party_years"]["schema"]["foreignKeys"]
        == resources["pledges"]["schema"]["foreignKeys"]
    )
    fields = {f["name"]: f for f in resources["years"]["schema"]["fields"]}
    assert fields["tied_grant_value_usd"]["type"] == "integer"
    assert fields["partial"]["type"] == "boolean"
    assert fields["tied_grant_value_usd"]["description"].startswith(
        "grants stated in or with the agreements (the headline), whole US dollars; empty where "
        "no party states a figure of this sort (unknown, never 0)"
    )
    changes = resources["changes"]["schema"]
    assert "primaryKey" not in changes and "foreignKeys" not in changes
    described = {f["name"]: f["description"] for f in changes["fields"]}
    assert list(described) == list(datapackage.CHANGE_DESCRIPTIONS)
    for name, words in datapackage.CHANGE_DESCRIPTIONS.items():
        assert described[name].startswith(words.rstrip(".")), name
    # A free text says how a text a spreadsheet would run is written ('=1+1 for =1+1); a
    # field of a pattern or a list of values, which cannot start so, does not.
    guard = (
        "A text that starts with =, +, -, @, a tab, a carriage return or an apostrophe is "
        "written with one apostrophe more before it, so that no spreadsheet runs it as a "
        "formula: the value is the text after that apostrophe."
    )
    assert described["country"] == "the party's name when the change was recorded. " + guard
    parties = {f["name"]: f["description"] for f in resources["parties"]["schema"]["fields"]}
    assert parties["note"].endswith(". " + guard)
    assert guard not in parties["code"] and guard not in parties["status"]
    assert guard not in parties["signed_on"]
    assert all(f["description"] for r in resources.values() for f in r["schema"]["fields"])


def test_the_files_hold_the_rows_as_csv():
    texts = datapackage.files(tables())
    assert texts["parties.csv"] == (
        "code,country,kind,status,counted,signed_on,place,source,note,count_reason,count_source\n"
        "CZ,Czechia,state,signed,true,2024-07-18,Washington,https://www.vlada.cz/en/a,'=1+1,,"
        "https://example.org/count\n"
        "HR,Croatia,state,signed,false,2024-07-18,Washington,not a web address,,,"
        "https://www.vlada.cz/en/a\n"
    )
    assert texts["pledges.csv"].count("\n") == 1  # the header alone
    assert texts["changes.csv"].splitlines()[1] == (
        "7,2024-07-19T10:00:00+00:00,2024-07-18,CZ,Czechia,party,add,"
    )
    # Unknown is an empty cell, never 0; booleans are true and false, as everywhere.
    assert texts["party_years.csv"] == (
        "code,country,year,status,counted,in_totals,tied_grant_value_usd,tied_grant_value_eur,"
        "other_grant_value_usd,grant_value_usd,loan_value_usd,guarantee_value_usd,"
        "loan_and_guarantee_value_usd,unstated_value_usd,spread,qualified\n"
        "CZ,Czechia,2024,signed,true,true,5,4,,5,,,,,false,false\n"
    )
    assert texts["signings_by_month.csv"].splitlines()[1] == "2024-07,1,1,32,Czechia,Croatia"
    package = json.loads(texts["datapackage.json"])
    assert "Data as of 2024-07-18. Compiled" in package["description"]
    assert package["sources_checked"] is None


def test_a_bom_starts_each_csv_and_the_descriptor_says_so():
    texts = datapackage.files(tables(), bom=True)
    for name in (n for n in texts if n.endswith(".csv")):
        assert texts[name].startswith("\ufeff") and texts[name][1:5] in (
            "code",
            "id,c",
            "id,r",
            "goal",
            "year",
            "mont",
        )
    assert not texts["datapackage.json"].startswith("\ufeff")
    package = json.loads(texts["datapackage.json"])
    assert {r["encoding"] for r in package["resources"]} == {"utf-8-sig"}


def test_no_data_date_says_nothing_of_one():
    package = json.loads(datapackage.files(tables(data_as_of=None))["datapackage.json"])
    assert "Data as of" not in package["description"]
    assert "gives the years' figures). Compiled with agreements" in package["description"]
    checked_only = datapackage.files(tables(data_as_of=None, sources_checked="2026-07-05"))
    assert "sources checked" not in json.loads(checked_only["datapackage.json"])["description"]


def test_the_files_are_written_into_a_folder_made_as_needed(tmp_path):
    folder = tmp_path / "a" / "b"
    texts = datapackage.files(tables())
    datapackage.write(str(folder), texts, tmp_path / "agreements.db")
    assert sorted(p.name for p in folder.iterdir()) == sorted(texts)
    assert (folder / "parties.csv").read_text(encoding="utf-8") == texts["parties.csv"]
    datapackage.write(str(folder), texts, tmp_path / "agreements.db")  # again: replaced
    assert (folder / "datapackage.json").read_text(encoding="utf-8") == texts["datapackage.json"]


def test_a_folder_that_cannot_be_made_or_is_the_database_is_refused(tmp_path):
    texts = datapackage.files(tables())
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    with pytest.raises(AgreementsError) as refused:
        datapackage.write(str(tmp_path / "file" / "sub"), texts, tmp_path / "agreements.db")
    assert refused.value.reason.startswith(
        f"cannot create the folder {tmp_path / 'file' / 'sub'}: "
    )
    with pytest.raises(BadInput) as clash:
        datapackage.write(str(tmp_path), texts, tmp_path / "parties.csv")
    assert clash.value.reason == (
        f"--datapackage {tmp_path / 'parties.csv'} is the database {tmp_path / 'parties.csv'} (or "
        "a file SQLite keeps beside it); writing there would destroy it. Give another path with "
        "--datapackage"
    )
    assert not (tmp_path / "datapackage.json").exists()
