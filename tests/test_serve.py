"""`agreements serve`: the database published read-only with Datasette and its metadata."""

import json
import re

import pytest

from agreements_cli.publish import datasette as publish

from conftest import ROOT, assert_refused, dump, fetch, serving

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def served(seeded):
    with serving(seeded) as base:
        yield base


@pytest.mark.installed
def test_serve_publishes_the_tables_with_their_metadata(served, seeded):
    before = dump(seeded)
    home = fetch(served + "/")
    assert "<title>Ukraine&#39;s bilateral security agreements" in home
    parties = json.loads(fetch(served + "/agreements/parties.json?_shape=array&_size=max"))
    assert (
        len(parties) == 23
        and {"code": "DE", "country": "Germany"}.items()
        <= {k: v for p in parties if p["code"] == "DE" for k, v in p.items()}.items()
    )
    table = fetch(served + "/agreements/parties")
    assert "ISO 3166-1 alpha-2 code, the key" in table  # the column's description
    described = json.loads(fetch(served + "/-/metadata.json"))
    # The data's licence, not the software's; the data's date on every page's footer.
    assert (described["license"], described["license_url"]) == (
        "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"
    )  # fmt: skip
    assert described["source"].endswith("; data as of 2024-07-15")
    assert "data as of 2024-07-15" in table and "data as of 2024-07-15" in home
    assert "parties" in described["databases"]["agreements"]["tables"]
    assert dump(seeded) == before  # read-only


@pytest.mark.installed
def test_the_canned_queries_answer_what_people_ask_first(served):
    def query(name):
        return json.loads(fetch(f"{served}/agreements/{name}.json?_shape=array"))

    # The seed (15 July 2024): 23 signed of 32.
    (progress,) = query("progress_toward_the_goal")
    assert {k: progress[k] for k in ("signed", "negotiating", "planned", "goal",
                                      "signed_outside_count", "year")} == {
        "signed": 23, "negotiating": 0, "planned": 0, "goal": 32, "signed_outside_count": 0,
        "year": 2024}  # fmt: skip
    years = {row["year"]: row for row in query("pledges_by_year")}
    # The seed's 2024, as progress counts it: USD 29.21 bn of grants stated with the
    # agreements, Canada's 1.78 bn loan and Japan's 4.5 bn whose instrument no source
    # states, each apart (never added up); no other grant (unknown: null, never 0); 17 of
    # the 23 parties signed by then state a figure. 2025: four do, so it is partial.
    year = years[2024]
    assert (round(year["tied_grant_value_usd"] / 1e7),
            round(year["loan_and_guarantee_value_usd"] / 1e7),
            year["unstated_instrument_value_usd"], year["other_grant_value_usd"]) == (
        2921, 178, 4_500_000_000, None)  # fmt: skip
    assert [(y, years[y]["parties_with_value"], years[y]["parties_signed_by_year_end"],
             years[y]["partial"]) for y in (2024, 2025)] == [
        (2024, 17, 23, 0), (2025, 4, 23, 1)]  # fmt: skip
    assert "value_usd" not in years[2024]  # no column adds a loan to a grant
    months = {row["month"]: row["signed"] for row in query("signings_by_month")}
    assert months["2024-05"] == 6 and sum(months.values()) == 23


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
        "serve needs Datasette, which is not installed. Install it with: pip install 'agreements[web]'",
    )  # fmt: skip
    assert dump(seeded) == before


def test_the_metadata_is_printed_for_datasette_run_by_hand(run, seeded, tmp_path):
    printed = json.loads(run("serve", "--metadata").stdout)
    summary = run.json("progress")
    assert printed["source"].endswith("; data as of 2024-07-15")
    assert printed["description_html"].startswith(
        "<p><strong>23 of 32 signed</strong> (data as of 2024-07-15). Pledged: USD 29.21 bn "
        "in grants stated with the agreements for 2024")
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
