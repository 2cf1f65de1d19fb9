"""`export --datapackage DIR`: the database as a Frictionless data package that the
`frictionless` library validates; `--bom` for Excel; names of files export cannot write."""

import csv
import io
import json
import sqlite3

import pytest

from conftest import assert_refused, dump


@pytest.fixture
def bundled(run, seeded):
    result = run("import", "--bundled")
    assert result.exit_code == 0, result.output
    return seeded


def validate(folder):
    import frictionless

    report = frictionless.validate(str(folder / "datapackage.json"))
    return report.valid, [(task.name, error.type) for task in report.tasks for error in task.errors]


def test_the_data_package_validates_with_its_keys_sources_dates_and_licence(run, bundled, tmp_path):
    folder = tmp_path / "package"
    result = run("export", "--datapackage", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Wrote the data package {folder}: parties.csv, pledges.csv, milestones.csv, terms.csv, "
        "deliveries.csv, changes.csv, progress.csv, years.csv, party_years.csv, "
        "promised_done.csv, signings_by_month.csv, datapackage.json.\n"
    )
    assert validate(folder) == (True, [])
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{
        "name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }]  # fmt: skip
    # The data's own dates (the bundled data's latest change, the day its sources were
    # checked), never today's.
    assert (package["data_as_of"], package["sources_checked"]) == ("2026-06-25", "2026-12-07")
    assert "Data as of 2026-06-25; sources checked to 2026-12-07." in package["description"]
    paths = [source["path"] for source in package["sources"]]
    assert "https://gov.uk/government/news/pm-in-kyiv-uk-support-will-not-falter" in paths
    assert len(paths) == len(set(paths))
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == ["parties", "pledges", "milestones", "terms", "deliveries",
                               "changes", "progress", "years", "party_years", "promised_done",
                               "signings_by_month"]  # fmt: skip
    assert resources["deliveries"]["schema"]["foreignKeys"] == [
        {"fields": ["code"], "reference": {"resource": "parties", "fields": ["code"]}},
        {"fields": ["pledge"], "reference": {"resource": "pledges", "fields": ["id"]}},
    ]
    assert resources["terms"]["schema"]["primaryKey"] == ["id"]
    assert resources["terms"]["schema"]["foreignKeys"] == [
        {"fields": ["code"], "reference": {"resource": "parties", "fields": ["code"]}}
    ]
    assert resources["parties"]["schema"]["primaryKey"] == ["code"]
    assert resources["pledges"]["schema"]["foreignKeys"] == [
        {"fields": ["code"], "reference": {"resource": "parties", "fields": ["code"]}}
    ]
    types = {f["name"]: f["type"] for f in resources["pledges"]["schema"]["fields"]}
    assert (types["amount"], types["announced_on"], types["per_year"], types["value_usd"]) == (
        "number", "date", "boolean", "integer"
    )  # fmt: skip
    # Every row of the database, and the change log.
    tables = {name: list(csv.DictReader(io.StringIO(
        (folder / f"{name}.csv").read_text(encoding="utf-8"))))
        for name in resources}  # fmt: skip
    listed = run.json("list")
    assert [row["code"] for row in tables["parties"]] == [row["code"] for row in listed]
    assert len(tables["pledges"]) == len(run.json("pledge", "list"))
    assert len(tables["milestones"]) == len(run.json("milestone", "list"))
    assert len(tables["changes"]) == len(run.json("history"))
    # The terms as the bundled data gives them (data/updates-2026-12c.json): the US notice
    # of six months, its source among the package's sources.
    notice = [row for row in tables["terms"] if row["term"] == "termination_notice"]
    assert [(r["code"], r["status"], r["value"], r["unit"], r["source_kind"]) for r in notice] == [
        ("US", "stated", "6", "months", "think_tank")
    ]
    assert "https://issueinsight.org/analyses/0xpimi7phaco9br5c6ncfs1mxzzrm7" in paths
    assert {row["entity"] for row in tables["changes"]} == {
        "party", "milestone", "pledge", "term", "delivery"
    }  # fmt: skip
    # What was done, as the bundled data gives it, and promised against done as delivered
    # gives it: the EU's first EUR 3.2 bn against the half of its loan that falls in 2026.
    paid = [r for r in tables["deliveries"] if r["code"] == "EU"]
    assert [(r["measure"], r["amount"], r["stated_on"], r["reporter"]) for r in paid] == [
        ("disbursed", "3200000000", "2026-06-25", "donor")
    ]
    eu = [r for r in tables["promised_done"] if r["code"] == "EU" and r["year"] == "2026"]
    assert [
        (r["measure"], r["value_eur"], r["pledged_eur"], r["share"], r["state"]) for r in eu
    ] == [("disbursed", "3200000000", "45000000000", "0.071", "not yet due")]
    assert (
        "https://themonexus.com/articles/2026-06-25-eu-ukraine-3-2bn-tranche-gdansk-conference-2026"
        in paths
    )
    croatia = next(row for row in tables["parties"] if row["code"] == "HR")
    assert (croatia["counted"], croatia["signed_on"]) == ("false", "2024-10-09")
    assert "Plenković" in croatia["note"]


def test_a_package_whose_data_breaks_its_schema_does_not_validate(run, bundled, tmp_path):
    """The validation can fail: a value that is not a number, and a pledge of a party the
    package does not have, are each found."""
    folder = tmp_path / "package"
    assert run("export", "--datapackage", str(folder)).exit_code == 0
    pledges = folder / "pledges.csv"
    lines = pledges.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",3182664340,", ",lots,").replace("1,GB,", "1,QQ,", 1)
    pledges.write_text("".join(lines), encoding="utf-8")
    valid, errors = validate(folder)
    assert not valid
    assert ("pledges", "type-error") in errors and ("pledges", "foreign-key") in errors


def test_a_bom_for_excel_keeps_every_letter(run, bundled, tmp_path):
    """Excel reads a CSV without a byte-order mark in the machine's code page: Croatia's
    "Plenković" would come out as "PlenkoviÄ‡". With --bom it is UTF-8, and import reads
    the file back as it was."""
    path = tmp_path / "for-excel.csv"
    assert run("export", "-o", str(path), "--bom").exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfcode,country,status")
    assert "Plenković".encode() in raw
    assert "Plenković" not in raw.decode("cp1252", errors="replace")
    before = dump(bundled)
    again = run("import", str(path))
    assert again.exit_code == 0, again.output
    assert "0 added, 0 updated, 0 removed, 32 unchanged" in again.stdout
    assert dump(bundled) == before
    without = tmp_path / "plain.csv"
    assert run("export", "-o", str(without)).exit_code == 0
    assert without.read_bytes() == raw[3:]
    folder = tmp_path / "package"
    assert run("export", "--datapackage", str(folder), "--bom").exit_code == 0
    assert (folder / "parties.csv").read_bytes().startswith(b"\xef\xbb\xbfcode,")
    assert validate(folder) == (True, [])


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}/x.xlsx"], "export writes JSON or CSV, not an Excel workbook ({tmp}/x.xlsx). "
         "Give a name ending in .csv (Excel opens it; add --bom) or .json"),
        (["-o", "{tmp}/x.ods", "--format", "csv"], "not an OpenDocument sheet"),
        (["-o", "{tmp}/x.tsv"], "not tab-separated values"),
        (["-o", "{tmp}/x.json", "--bom"], "--bom is for CSV, which Excel opens; JSON has no "
         "byte-order mark"),
        (["--datapackage", "{tmp}/p", "-o", "{tmp}/x.csv"], "--datapackage writes its own "
         "files; leave out --format and -o"),
        (["--datapackage", "{tmp}/afile"], "{tmp}/afile is a file, not a folder. Give a folder "
         "for the data package"),
    ],
)  # fmt: skip
def test_a_file_export_cannot_write_is_refused_and_nothing_is_written(
    run, seeded, tmp_path, args, message
):
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_refused(run("export", *[a.format(tmp=tmp_path) for a in args]), 2,
                   message.format(tmp=tmp_path))  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "mine"


def test_the_package_never_overwrites_the_database(run, seeded, tmp_path):
    (tmp_path / "db").mkdir()
    database = tmp_path / "db" / "parties.csv"
    created = run("--db", str(database), "db", "init")
    assert created.exit_code == 0, created.output
    before = database.read_bytes()
    assert_refused(run("--db", str(database), "export", "--datapackage", str(tmp_path / "db")),
                   2, "writing there would destroy it")  # fmt: skip
    assert database.read_bytes() == before


def test_a_package_whose_change_log_is_refused_midway_leaves_the_old_package_whole(
    run, seeded, tmp_path
):
    """Each file is written as its rows are read, the change log last of the tables: a row
    refused there comes after the parties and pledges are written, and still every file of
    the package in the folder stays as it was, with nothing left beside them."""
    folder = tmp_path / "package"
    assert run("export", "--datapackage", str(folder)).exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert run("update", "Germany", "--note", "after the package").exit_code == 0
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE events SET effective_on = 'abc' WHERE id = 2")
    database = dump(seeded)
    assert_refused(run("export", "--datapackage", str(folder)), 1,
                   "change-log event 2 (DE): effective_on holds 'abc'")  # fmt: skip
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert b"after the package" not in before["parties.csv"]
    assert dump(seeded) == database
