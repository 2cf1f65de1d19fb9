"""The terms of the agreements: recorded, filtered, compared, put in a calendar, and what
changed between two dates. Expected values are written out from the sources (part 5 of
the facts and the bundled data)."""

import json

import icalendar

from conftest import dump

UK = "https://www.pravda.com.ua/eng/news/2024/01/12/7436957/"
US = "https://issueinsight.org/analyses/0xpimi7phaco9br5c6ncfs1mxzzrm7"


def _set(run, *args):
    result = run("term", "set", *args)
    assert result.exit_code == 0, result.output
    return result


def test_a_term_is_recorded_read_back_and_undone(run, seeded):
    _set(run, "US", "termination_notice", "--status", "stated", "--value", "6", "--unit",
         "months", "--source", US, "--source-kind", "think_tank")  # fmt: skip
    rows = json.loads(run("terms", "US", "--format", "json").stdout)
    notice = next(r for r in rows if r["term"] == "termination_notice")
    assert (notice["status"], notice["value"], notice["unit"], notice["holds_from"]) == (
        "stated", "6", "months", "2024-06-13")  # fmt: skip
    assert next(r for r in rows if r["term"] == "duration")["status"] == "unknown"
    assert run("undo", "--yes").exit_code == 0
    rows = json.loads(run("terms", "US", "--format", "json").stdout)
    assert all(r["status"] == "unknown" and not r["recorded"] for r in rows)


def test_a_term_set_again_from_the_same_day_is_changed_in_place(run, seeded):
    _set(run, "LT", "money_form", "--status", "stated", "--value", "gdp_share", "--source", UK)
    changed = _set(run, "LT", "money_form", "--status", "stated", "--value", "gdp share",
                   "--firmness", "will seek to", "--source", UK)  # fmt: skip
    assert "Changed term 1 of Lithuania (LT)" in changed.stdout
    row = next(r for r in json.loads(run("terms", "LT", "--format", "json").stdout)
               if r["term"] == "money_form")  # fmt: skip
    assert (row["id"], row["value"], row["firmness"]) == (1, "gdp_share", "will seek to")


def test_where_keeps_the_parties_whose_term_meets_it(run, seeded):
    _set(run, "UK", "consultations", "--status", "stated", "--value", "24", "--unit", "hours",
         "--source", UK)  # fmt: skip
    _set(run, "DE", "consultations", "--status", "stated", "--value", "emergency consultations",
         "--source", UK)  # fmt: skip
    rows = json.loads(run("terms", "--where", "consultations<=24", "--format", "json").stdout)
    assert {r["code"] for r in rows} == {"GB"}
    rows = json.loads(run("terms", "--where", "consultations=unknown", "--term",
                          "consultations", "--format", "json").stdout)  # fmt: skip
    assert "GB" not in {r["code"] for r in rows} and "DE" not in {r["code"] for r in rows}
    assert "FR" in {r["code"] for r in rows}


def test_one_party_that_does_not_meet_where_gives_no_rows(run, seeded):
    result = run("terms", "UK", "--where", "lethal=non_lethal", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    result = run("terms", "UK", "--where", "lethal=non_lethal")
    assert result.exit_code == 0 and "No party meets that." in result.stdout


def test_bad_terms_are_refused_and_nothing_changes(run, seeded):
    before = dump(seeded)
    cases = [
        (("UK", "treaty_length", "--status", "stated", "--source", UK), "unknown term"),
        (("UK", "duration", "--status", "stated", "--value", "ten", "--unit", "years",
          "--source", UK), "is a number"),
        (("UK", "duration", "--status", "stated", "--value", "10", "--unit", "years"),
         "needs the source read"),
        (("UK", "lethal", "--status", "unknown", "--value", "lethal"), "has no value"),
        (("UK", "lethal", "--status", "stated", "--value", "deadly", "--source", UK),
         "unknown value of lethal"),
        (("UK", "duration", "--status", "stated", "--quote", "ten years", "--source", UK),
         "needs its language"),
    ]  # fmt: skip
    for args, words in cases:
        result = run("term", "set", *args)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert run("terms", "--where", "consultations<<24").exit_code == 2
    assert dump(seeded) == before


def test_compare_says_where_they_differ(run, seeded):
    for country in ("UK", "US"):
        _set(run, country, "duration", "--status", "stated", "--value", "10", "--unit",
             "years", "--source", UK)  # fmt: skip
    _set(run, "US", "termination_notice", "--status", "stated", "--value", "6", "--unit",
         "months", "--source", US)  # fmt: skip
    rows = json.loads(run("compare", "UK", "US", "--format", "json").stdout)
    assert [(r["term"], r["differs"]) for r in rows] == [
        ("duration", False), ("termination_notice", True)]  # fmt: skip
    assert run("compare", "UK").exit_code == 2


def test_the_calendar_holds_the_uk_expiry_as_an_icalendar_event(run, seeded):
    _set(run, "UK", "duration", "--status", "stated", "--value", "10", "--unit", "years",
         "--source", UK)  # fmt: skip
    _set(run, "UK", "nato_accession", "--status", "stated", "--value", "ends_on_accession",
         "--source", UK)  # fmt: skip
    result = run("calendar", "--format", "ics")
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(result.stdout_bytes)
    ends = [e for e in calendar.walk("VEVENT") if "ends: 10 years" in str(e["summary"])]
    assert [str(e["dtstart"].dt) for e in ends] == ["2034-01-12"]
    assert "NATO" in str(ends[0]["summary"]) and str(ends[0]["url"]) == UK
    rows = json.loads(run("calendar", "--from", "2034-01-01", "--to", "2034-12-31",
                          "--format", "json").stdout)  # fmt: skip
    assert [(r["on"], r["code"], r["kind"]) for r in rows] == [("2034-01-12", "GB", "expiry")]
    assert run("calendar", "--from", "2030-01-01", "--to", "2029-01-01").exit_code == 2


def test_diff_lists_the_parties_signed_in_between(run, seeded):
    assert run("import", "--bundled").exit_code == 0
    result = run("diff", "--from", "2024-07-15", "--to", "2025-11-30")
    assert result.exit_code == 0, result.output
    signed = result.stdout.split("Signed in between:")[1].split("Changes")[0].split()
    assert signed == ["2024-07-18", "Czechia", "2024-07-18", "Slovenia", "2024-09-04",
                      "Ireland", "2024-10-09", "Croatia", "(outside", "the", "official",
                      "count)", "2024-10-17", "Greece", "2025-01-21", "Albania"]  # fmt: skip
    rows = json.loads(run("diff", "--from", "2024-07-15", "--to", "2025-11-30", "--format",
                          "json").stdout)  # fmt: skip
    added = {r["code"]: r["new"] for r in rows if r["entity"] == "party" and r["change"] == "added"}
    assert added["AL"] == "signed 2025-01-21" and added["CZ"] == "signed 2024-07-18"
