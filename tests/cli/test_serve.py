"""`agreements serve`: the database published read-only with Datasette and its metadata."""

import json
import re

from agreements_cli.publish import datasette as publish

from conftest import ROOT, assert_refused, dump

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_serve_without_datasette_says_how_to_install_it(run, seeded, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "datasette" else real(name, *a),
    )
    before = dump(seeded)
    assert_refused(
        run("serve"), 1,
        "serve needs Datasette, which is not installed. Install it with: pip install "
        "'datasette>=0.64' into the environment agreements runs in",
    )  # fmt: skip
    assert dump(seeded) == before


def test_the_metadata_is_printed_for_datasette_run_by_hand(run, seeded, tmp_path):
    printed = json.loads(run("serve", "--metadata").stdout)
    summary = run.json("progress")
    assert printed["source"].endswith("; data as of 2024-07-15")
    assert printed["description_html"].startswith(
        "<p><strong>23 of 32 signed</strong> (data as of 2024-07-15). Pledged: USD 29.21 bn "
        "in grants stated with the agreements for 2024"
    )
    assert summary["tied_grant_value_usd"] == 29_208_409_794
    made = run("--db", str(tmp_path / "x.db"), "db", "init")
    assert made.exit_code == 0, made.output
    other = json.loads(run("--db", str(tmp_path / "x.db"), "serve", "--metadata").stdout)
    assert list(other["databases"]) == ["x"]  # keyed by the file's name, as Datasette keys it


def test_the_copy_to_publish_is_the_database_and_the_derived_tables(run, seeded, tmp_path):
    """`serve --copy` writes what serve publishes, for Datasette run by hand: every table of
    the database as it is, and beside them the tables the library derived."""
    import sqlite3

    before = dump(seeded)
    copy = tmp_path / "published.db"
    result = run("serve", "--copy", str(copy))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {copy}: serve it with: datasette {copy} -m METADATA.json\n"
    assert dump(seeded) == before
    with sqlite3.connect(copy) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                                 "'table'")}  # fmt: skip
        assert tables >= {"parties", "pledges", "milestones", "events", "settings", "progress",
                          "years", "party_years", "signings_by_month"}  # fmt: skip
        # Sweden's SEK 25 bn a year for 2024-2026 is faceted under each of its years.
        (years,) = conn.execute("SELECT years FROM pledges WHERE code = 'SE'").fetchone()
        assert json.loads(years) == ["2024", "2025", "2026"]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file
    # A file that is there already is never written over.
    again = run("serve", "--copy", str(copy))
    assert_refused(again, 2, f"{copy} already exists. Give the name of a new file for the copy")


def test_the_copy_is_never_the_database_nor_written_through_a_link(run, seeded, tmp_path):
    import os

    os.symlink(tmp_path / "elsewhere.db", tmp_path / "link.db")
    before = dump(seeded)
    assert_refused(run("serve", "--copy", str(seeded)), 2,
                   f"Error: --copy {seeded} is the database {seeded}")  # fmt: skip
    assert_refused(run("serve", "--copy", str(tmp_path / "link.db")), 2,
                   f"Error: --copy {tmp_path / 'link.db'} is a symbolic link to "
                   f"{tmp_path / 'elsewhere.db'}, which is not there")  # fmt: skip
    assert_refused(run("serve", "--copy", ""), 2,
                   "Error: --copy needs the name of a file, not an empty one")  # fmt: skip
    assert not (tmp_path / "elsewhere.db").exists()
    assert dump(seeded) == before


def test_the_column_descriptions_are_the_readmes():
    from agreements_cli.publish.tables import columns as described

    for name in (*publish.TABLES, *publish.DERIVED):
        columns = described(name)
        body = re.search(rf"#### `{name}`\n(.*?)(?=\n#### |\n## )", README, re.S).group(1)
        documented = {
            column: meaning.replace("`", "")
            for column, meaning in re.findall(r"^\| `(\w+)` \| (.*) \|$", body, re.M)
        }
        assert columns == documented, name
