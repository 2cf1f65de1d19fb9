"""Say what is true: the data's own date, the official count, and dates that cannot be."""

import json
import sqlite3
from datetime import date

import pytest

from conftest import ROOT, dump

TODAY = date.today().isoformat()
HR_REASON = "Croatia has not joined the G7 Vilnius declaration"
HR_SOURCE = "https://my.ua/news/cluster/2024-10-09-v-opu"


# ----------------------------------------------------------- the data's date


def test_a_fresh_install_says_its_data_is_of_the_seed_day(run, tmp_path):
    summary = run.json("progress")
    assert (summary["data_as_of"], summary["as_of"]) == ("2024-07-15", None)
    table = run("progress").stdout
    assert table.startswith("Security agreements: 23 of 32 signed (71.9%), data as of 2024-07-15\n")
    assert TODAY not in table
    assert run("list").stdout.startswith("23 tracked parties, data as of 2024-07-15")
    assert TODAY not in run("list").stdout and TODAY not in run("timeline").stdout
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run("progress", "--format", "csv").stdout)))
    assert [(row["year"], row["as_of"], row["data_as_of"]) for row in rows] == [
        (str(year), "", "2024-07-15") for year in range(2024, 2029)
    ]
    markdown = run("progress", "--format", "markdown").stdout
    assert "| data_as_of | 2024-07-15 |" in markdown and "| signed_outside_count | 0 |" in markdown
    exported = json.loads(run("export").stdout)
    assert exported["snapshot"] == "2024-07-15"


def test_pictures_give_the_datas_date_and_today_only_as_the_day_made(run, tmp_path):
    import html
    import re

    svg, page = tmp_path / "p.svg", tmp_path / "p.html"
    assert run("progress", "--svg", str(svg), "--html", str(page)).exit_code == 0
    for path, dated in ((svg, "23 of 32 signed (71.9%), data as of 2024-07-15"),
                        (page, "23 of 32 signed\nData as of 2024-07-15")):  # fmt: skip
        text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
        text = text.replace("\xa0", " ")
        assert dated in text
        assert text.count(TODAY) == 1 and f"Made on {TODAY} with agreements." in text


def test_after_the_bundled_data_the_date_is_its_latest_fact(run):
    run("import", "--bundled")
    # The first EUR 3.2 bn of the EU's loan paid, 2026-06-25 (facts-2026-12, section A); the
    # sources were checked to 2026-12-07, and nothing after early July 2026 is known.
    progress = run.json("progress")
    assert progress["data_as_of"] == progress["last_change"] == "2026-06-25"
    assert progress["sources_checked"] == "2026-12-07"
    assert "last change 2026-06-25, sources checked to 2026-12-07" in run("progress").stdout


@pytest.mark.parametrize(
    ("asked", "heading"),
    [
        ("2024-03-01", "7 of 32 signed (21.9%), as of 2024-03-01"),
        ("2025-01-01", "23 of 32 signed (71.9%), as of 2025-01-01 (data as of 2024-07-15)"),
    ],
)
def test_a_past_date_is_covered_only_as_far_as_the_data_goes(run, asked, heading):
    summary = run.json("progress", "--as-of", asked)
    assert summary["as_of"] == asked
    assert summary["data_as_of"] == min(asked, "2024-07-15")
    assert heading in run("progress", "--as-of", asked).stdout


def test_a_change_today_makes_the_data_current_today_and_undo_takes_it_back(run):
    run("update", "Germany", "--note", "checked again")
    assert run.json("progress")["data_as_of"] == TODAY
    run("undo")
    assert run.json("progress")["data_as_of"] == "2024-07-15"


def test_a_change_dated_in_the_past_dates_the_data_then(run):
    run("add", "Czechia", "--status", "negotiating", "--on", "2024-06-28")
    assert run.json("progress")["data_as_of"] == "2024-07-15"
    assert run.json("progress", "--as-of", "2024-06-30")["negotiating"] == 1
    assert run.json("progress", "--as-of", "2024-06-27")["negotiating"] == 0


# ------------------------------------------------------- the bundled data hint

HINT = (
    "Newer data to 2026-06-25 comes with agreements. Apply it with: agreements import --bundled\n"
)


NOTICE = (
    "These are the data as of 2024-07-15: later data, to 2026-06-25, comes with agreements. "
    "Bring it in with: agreements import --bundled"
)


# After a change of today the data's date is today's: the words say what is missing.
CHANGED = ("The data that comes with agreements, to 2026-06-25, is not in this database yet. "
           "Bring it in with: agreements import --bundled")  # fmt: skip


def pointed(result):
    """Where a view points to the bundled data: under itself (a table, on standard output)
    or on standard error (a machine format, which a line of words would break)."""
    said = " ".join(result.stdout.split())
    shown = said.endswith(NOTICE) or said.endswith(CHANGED)
    return ("view" if shown else "") + ("stderr" if result.stderr == HINT else "")


def test_progress_points_to_the_bundled_data_until_it_is_applied(run):
    assert pointed(run("progress", "--format", "json")) == "stderr"
    run("add", "Czechia", "--status", "negotiating")
    assert pointed(run("progress")) == "view"
    assert " ".join(run("progress").stdout.split()).endswith(CHANGED)
    assert run("progress").stderr == ""
    run("import", "--bundled")
    assert pointed(run("progress")) == pointed(run("progress", "-f", "json")) == ""
    run("undo")
    assert pointed(run("progress")) == "view"


def test_the_list_of_the_seed_says_so_and_how_to_bring_it_forward(run):
    """A new install's first screen is not taken for the state of things."""
    assert pointed(run("list")) == "view"
    assert pointed(run("list", "-f", "json")) == ""  # (its data_as_of says the day)
    run("import", "--bundled")
    assert pointed(run("list")) == ""
    assert pointed(run("list", "--as-of", "2024-07-20")) == ""  # a past date is asked for


def test_no_hint_once_the_same_data_came_from_the_file(run):
    run("import", str(ROOT / "data" / "updates-2026-12c.json"))
    assert run("progress").stderr == ""


def test_no_hint_after_a_later_change_to_a_party_of_the_bundled_data(run):
    run("import", "--bundled")
    run("update", "Bulgaria", "--status", "signed", "--signed-on", TODAY, "--source",
        "https://example.org/bg")  # fmt: skip
    assert run("progress").stderr == ""


# ------------------------------------------------------------ the official count


def test_a_party_outside_the_count_needs_a_reason(run, seeded):
    before = dump(seeded)
    result = run(
        "add", "Croatia", "--status", "signed", "--signed-on", "2024-10-09", "--not-counted"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: a party outside the official count needs the reason. Add --count-reason TEXT "
        "(and --count-source URL)\n"
    )
    result = run("add", "Croatia", "--status", "signed", "--count-reason", HR_REASON)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: a reason for leaving the party out of the official count"
    )
    assert dump(seeded) == before


def test_a_party_outside_the_count_is_shown_apart(run):
    result = run("add", "Croatia", "--status", "signed", "--signed-on", "2024-10-09",
                 "--source", "https://kyivindependent.com/ukraine-croatia-bilateral-agreement",
                 "--not-counted", "--count-reason", HR_REASON, "--count-source", HR_SOURCE)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        result.stdout == "Added Croatia (HR): signed on 2024-10-09; outside the official count.\n"
    )
    summary = run.json("progress")
    assert (summary["signed"], summary["untracked"], summary["signed_outside_count"]) == (23, 9, 1)
    assert "+1 signed outside the official count: Croatia" in run("progress").stdout
    croatia = run.party("HR")
    assert (croatia["counted"], croatia["count_reason"], croatia["count_source"]) == (
        False, HR_REASON, HR_SOURCE,
    )  # fmt: skip
    assert "outside it: " + HR_REASON in " ".join(run("show", "HR").stdout.split())
    assert run("check").exit_code == 0
    back = run("update", "Croatia", "--counted")
    assert back.exit_code == 0, back.output
    assert "counted no -> yes; count_reason " in back.stdout
    croatia = run.party("HR")
    assert (croatia["counted"], croatia["count_reason"], croatia["count_source"]) == (
        True,
        None,
        None,
    )
    assert run.json("progress")["signed"] == 24


def test_list_json_says_whether_each_party_is_counted(run):
    rows = run.json("list")
    assert {row["counted"] for row in rows} == {True}
    assert all(isinstance(row["counted"], bool) for row in rows)


def test_check_names_a_party_left_out_without_a_reason(run, seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE parties SET counted = 0 WHERE code = 'PL'")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "Poland (PL): outside the official count, but no reason is given. Fix: agreements "
        "update PL --not-counted --count-reason TEXT"
    )


# ----------------------------------------------------- dates that cannot be true


def test_clearing_the_signing_date_of_a_signed_party_is_refused(run, seeded):
    before = dump(seeded)
    result = run("update", "Germany", "--clear", "signed_on")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Germany is signed, so its signing date cannot be emptied. Give the right date "
        "with --signed-on YYYY-MM-DD, or another status with --status\n"
    )
    assert dump(seeded) == before
    germany = run.party("DE")
    assert (germany["signed_on"], germany["value_usd"]) == ("2024-02-16", 7_645_280_000)


def test_a_change_dated_before_the_signing_never_shows_it_signed_earlier(run):
    run("add", "Czechia", "--status", "negotiating", "--on", "2024-06-28")
    run("update", "Czechia", "--status", "signed", "--signed-on", "2024-07-18")
    run("update", "Czechia", "--note", "talks since June", "--on", "2024-07-01")
    # 20 of the seed had signed by 5 July 2024 (Poland signed on 8 July).
    on_the_fifth = run.json("progress", "--as-of", "2024-07-05")
    assert (on_the_fifth["signed"], on_the_fifth["negotiating"]) == (20, 1)
    assert run.json("progress", "--as-of", "2024-07-18")["signed"] == 24


def test_a_signing_date_corrected_later_is_not_shown_before_it(run):
    run("update", "Netherlands", "--signed-on", "2024-03-05", "--on", "2024-03-01")
    assert run.json("progress", "--as-of", "2024-03-01")["signed"] == 6
    assert run.json("progress", "--as-of", "2024-03-05")["signed"] == 7


def test_a_change_overridden_by_a_later_record_no_longer_dates_the_data(run):
    run("add", "Czechia", "--status", "negotiating")  # today
    assert run.json("progress")["data_as_of"] == TODAY
    run("import", "--bundled")  # Czechia signed on 2024-07-18
    assert run.json("progress")["data_as_of"] == "2026-06-25"


def test_bundled_files_are_read_from_inside_the_package_when_installed(tmp_path, monkeypatch):
    from agreements_cli.formats import bundled

    package = tmp_path / "site" / "agreements_cli"
    (package / "data").mkdir(parents=True)
    (tmp_path / "site" / "data").mkdir()
    monkeypatch.setattr(bundled, "__file__", str(package / "formats" / "bundled.py"))
    assert bundled.path("seed.json") == tmp_path / "site" / "data" / "seed.json"
    (package / "data" / "seed.json").write_text("{}", encoding="utf-8")
    assert bundled.path("seed.json") == package / "data" / "seed.json"


@pytest.mark.parametrize(
    ("latest", "snapshot", "asked", "expected"),
    [
        (None, None, None, None),
        ("2024-07-11", None, None, "2024-07-11"),
        (None, "2024-07-15", None, "2024-07-15"),
        ("2024-07-11", "2024-07-15", None, "2024-07-15"),
        ("2025-12-05", "2024-07-15", None, "2025-12-05"),
        ("2025-12-05", "2024-07-15", date(2024, 3, 1), "2024-03-01"),
        ("2025-12-05", "2024-07-15", date(2025, 12, 5), "2025-12-05"),
        ("2025-12-05", "2024-07-15", date(2026, 1, 1), "2025-12-05"),
    ],
)
def test_the_data_date_rule(latest, snapshot, asked, expected):
    from agreements_cli.reports import data_date

    assert data_date(latest, snapshot, asked) == expected


def test_the_progress_json_contract_on_a_fresh_install(run):
    summary = run.json("progress")
    value, by_year = summary.pop("value_usd"), summary.pop("pledged_by_year")
    # The bound: one year of the 2024 pledges is near the reported USD 38 bn.
    assert 34_000_000_000 <= value <= 38_500_000_000
    assert by_year[0]["year"] == 2024 and by_year[0]["value_usd"] == value
    # Years the seed's pledges cover: Sweden to 2026, Latvia's reconstruction to 2026, the
    # UK's financial year into 2025, Iceland's to 2028.
    assert [(y["year"], y["parties_with_value"], y["parties_without_value"]) for y in by_year] == [
        (2024, 17, 6), (2025, 4, 19), (2026, 3, 20), (2027, 1, 22), (2028, 1, 22),
    ]  # fmt: skip
    assert summary == {
        "goal": 32, "signed": 23, "negotiating": 0, "planned": 0, "untracked": 9,
        "percent_signed": 71.9, "signed_outside_count": 0, "outside_count": [],
        "year": 2024, "signed_with_value": 17, "signed_without_value": 6,
        "reported_value_usd": 38_000_000_000, "reported_value_as_of": "2024-07-15",
        "reported_value_source": "https://kyivindependent.com/ukraine-is-expecting-to-sign-"
        "security-agreements-with-9-more-countries-zelensky-says/",
        "goal_basis": "Zelensky, 15 July 2024: 32 countries with which Ukraine has signed or is "
        "in the process of signing (23 signed, 9 in talks)",
        "as_of": None, "data_as_of": "2024-07-15",
        # Grants: 2024's figures less Canada's loan (USD 1,782,518,681) and Japan's USD 4.5
        # bn, whose instrument the seed does not state; all stated with the agreements.
        "grant_value_usd": value - 1_782_518_681 - 4_500_000_000,
        "tied_grant_value_usd": value - 1_782_518_681 - 4_500_000_000,
        "loan_and_guarantee_value_usd": 1_782_518_681, "year_partial": False,
        "last_change": "2024-07-11", "sources_checked": None,  # Romania's signing
    }  # fmt: skip
    assert run.json("progress", "--goal", "20")["untracked"] == 0


def test_a_database_without_settings_has_the_default_goal_and_no_reported_figure(run, tmp_path):
    from agreements_cli.store.database import Store

    blank = tmp_path / "blank.db"
    Store.open(blank).close()  # the schema, no seed
    summary = run.json("--db", str(blank), "progress")
    assert (summary["goal"], summary["untracked"], summary["data_as_of"]) == (32, 32, None)
    assert [summary[k] for k in ("reported_value_usd", "reported_value_as_of",
                                 "reported_value_source", "goal_basis")] == [None] * 4  # fmt: skip
    assert "data date unknown" in run("--db", str(blank), "progress").stdout


def test_two_parties_outside_the_count_are_named_together(run):
    for country in ("Croatia", "Kosovo"):
        run("add", country, "--status", "signed", "--signed-on", "2024-10-09", "--not-counted",
            "--count-reason", "not in the G7 declaration's count")  # fmt: skip
    assert run.json("progress")["signed_outside_count"] == 2
    assert "+2 signed outside the official count: Croatia, Kosovo" in run("progress").stdout


def test_the_stored_goal_is_the_default_of_progress(run, seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE settings SET value = '40' WHERE key = 'goal'")
    summary = run.json("progress")
    assert (summary["goal"], summary["untracked"]) == (40, 17)


def test_the_whole_message_for_a_date_after_today(run, seeded):
    from datetime import timedelta

    tomorrow = (date.today() + timedelta(days=2)).isoformat()  # after today everywhere
    result = run("add", "Czechia", "--status", "signed", "--signed-on", tomorrow)
    assert result.stderr == (
        f"Error: signing date {tomorrow} is after today ({TODAY}): only what has happened can be "
        "recorded. Record a signing that is planned as a milestone, e.g. agreements milestone add "
        f'COUNTRY "signing scheduled for {tomorrow}" --on {TODAY}\n'
    )
