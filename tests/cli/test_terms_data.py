"""The terms the bundled data ships (data/updates-2026-12c.json), read back through the
commands people use. Each expected value is written out from part 5 of the facts
(../shared/reference/agreements-terms.md) or from the source the data cites for it."""

import json

import icalendar

KEY = ("duration", "nato_accession", "consultations", "legal_form", "money_form", "lethal")
# The 28 agreements of the official count (the seed's 23 and Czechia, Slovenia, Ireland,
# Greece and Albania); Croatia signed outside it.
COUNTED = {
    "GB", "DE", "FR", "DK", "CA", "IT", "NL", "FI", "LV", "ES", "BE", "PT", "SE", "IS", "NO",
    "JP", "US", "EU", "EE", "LT", "PL", "LU", "RO", "CZ", "SI", "IE", "GR", "AL",
}  # fmt: skip


def _rows(run, *args):
    result = run("terms", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _term(rows, code, term):
    return next(r for r in rows if r["code"] == code and r["term"] == term)


def test_every_counted_party_has_its_six_key_terms_each_read_from_a_source(run, full):
    rows = _rows(run)
    assert {r["code"] for r in rows} == COUNTED | {"HR"}
    read = set()
    for code in COUNTED:
        for term in KEY:
            row = _term(rows, code, term)
            assert row["recorded"], (code, term)
            if row["status"] == "unknown":
                assert row["note"], (code, term)  # it says what was looked for
            else:
                assert row["source"].startswith("http"), (code, term)
                assert row["source_kind"], (code, term)
        if all(_term(rows, code, t)["status"] != "unknown" for t in KEY):
            read.add(code)
    # Croatia, outside the count, has no terms recorded: each of its key terms is unknown.
    assert all(not _term(rows, "HR", t)["recorded"] for t in KEY)
    assert read == {
        "GB", "DE", "FR", "DK", "IT", "NL", "FI", "LV", "ES", "BE", "PT", "SE", "NO", "US",
        "EU", "EE", "PL", "RO", "CZ", "SI",
    }  # fmt: skip


def test_the_facts_of_part_five_read_back(run, full):
    rows = _rows(run, "--term", "termination_notice", "--term", "lethal", "--term",
                 "nato_accession", "--term", "money_form", "--term", "consultations")  # fmt: skip
    us = _term(rows, "US", "termination_notice")
    assert (us["status"], us["value"], us["unit"]) == ("stated", "6", "months")
    assert _term(rows, "US", "nato_accession")["value"] == "bridge_to_membership"
    assert _term(rows, "GB", "nato_accession")["value"] == "ends_on_accession"
    assert _term(rows, "AL", "nato_accession")["value"] == "not_a_substitute"
    assert (_term(rows, "JP", "lethal")["status"], _term(rows, "JP", "lethal")["value"]) == (
        "stated", "non_lethal")  # fmt: skip
    assert _term(rows, "IE", "lethal")["value"] == "non_lethal"
    eu = _term(rows, "EU", "nato_accession")
    assert (eu["status"], eu["value"]) == ("not_stated", None)
    lithuania = _term(rows, "LT", "money_form")
    assert (lithuania["value"], lithuania["firmness"]) == ("gdp_share", "will seek to")
    assert _term(rows, "LV", "money_form")["value"] == "gdp_share"
    assert _term(rows, "IT", "money_form")["value"] == "none"
    assert _term(rows, "SE", "money_form")["value"] == "multi_year_sum"
    assert (_term(rows, "JP", "consultations")["value"], _term(rows, "JP", "consultations")[
        "unit"]) == ("24", "hours")  # fmt: skip


def test_filters_over_the_shipped_terms(run, full):
    """Who ends on NATO accession (the UK alone), who gives non-lethal support only (Japan and
    Ireland), whose consultations are due within 24 hours (those whose hours are stated)."""
    ends = _rows(run, "--where", "nato_accession=ends_on_accession", "--term", "duration")
    assert {r["code"] for r in ends} == {"GB"}
    non_lethal = _rows(run, "--where", "lethal=non_lethal", "--term", "lethal")
    assert {r["code"] for r in non_lethal} == {"JP", "IE"}
    within = _rows(run, "--where", "consultations<=24", "--term", "consultations")
    assert {r["code"] for r in within} == {"GB", "FR", "DK", "IT", "NL", "BE", "PT", "JP", "US",
                                           "EU"}  # fmt: skip


def test_the_calendar_of_the_shipped_terms(run, full):
    result = run("calendar", "--format", "csv", "--fields", "on,code,kind")
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    expiries = {code: on for on, code, kind in rows if kind == "expiry"}
    # Every counted agreement but the EU's, whose duration is in words ("as Ukraine pursues
    # its European path"), ends 10 years from its signing; Croatia has no terms.
    assert set(expiries) == COUNTED - {"EU"}
    assert (expiries["GB"], expiries["AL"], expiries["US"]) == (
        "2034-01-12", "2035-01-21", "2034-06-13")  # fmt: skip
    others = [(on, code, kind) for on, code, kind in rows if kind not in ("expiry", "pledge_ends")]
    assert others == [
        ("2033-08-16", "DE", "notice"),  # six months before 2034-02-16
        ("2034-06-27", "EU", "review"),  # within ten years
        ("", "GR", "ratification_pending"),  # the Ministry of Defence, November 2025
    ]
    ics = run("calendar", "--format", "ics")
    calendar = icalendar.Calendar.from_ical(ics.stdout)
    days = [e.decoded("DTSTART").isoformat() for e in calendar.walk("VEVENT")
            if str(e["SUMMARY"]).startswith("United Kingdom's agreement ends")]  # fmt: skip
    assert days == ["2034-01-12"]
    assert [str(t["SUMMARY"]) for t in calendar.walk("VTODO")] == [
        "Greece's agreement awaits ratification"
    ]


def test_show_and_compare_give_the_quotes(run, full):
    compared = run("compare", "LT", "LV", "--term", "money_form", "--format", "json")
    assert compared.exit_code == 0, compared.output
    [row] = json.loads(compared.stdout)
    assert row["differs"] is True
    assert [(p["code"], p["firmness"]) for p in row["parties"]] == [
        ("LT", "will seek to"), ("LV", None)]  # fmt: skip
    shown = run("terms", "LT", "--term", "money_form")
    assert "(will seek to)" in shown.stdout
    assert "0.25% of GDP" in shown.stdout


def test_show_gives_a_partys_terms(run, full):
    shown = run("show", "US", "--format", "json")
    assert shown.exit_code == 0, shown.output
    said = {
        t["term"]: (t["status"], t["value"], t["unit"]) for t in json.loads(shown.stdout)["terms"]
    }
    assert said["termination_notice"] == ("stated", "6", "months")
    assert said["legal_form"] == ("stated", "executive_agreement", None)
    assert list(said)[:3] == ["duration", "termination_notice", "nato_accession"]
    text = run("show", "JP").stdout
    assert "What the agreement says (quotes and sources: agreements terms JP):" in text
    assert "  Lethal support: non lethal" in text and "  NATO: unknown" in text
    # A party in talks has no agreement to describe.
    assert json.loads(run("show", "BG", "--format", "json").stdout)["terms"] == []
    assert "What the agreement says" not in run("show", "BG").stdout


def test_check_names_a_term_without_its_source_and_strict_every_one_not_from_the_text(run, full):
    import sqlite3

    from conftest import dump

    assert run("check").exit_code == 0
    strict = run("check", "--strict")
    assert strict.exit_code == 1
    lines = strict.stdout.splitlines()
    # Of the 197 terms shipped, 11 are unknown (nothing read) and 11 were read in an official
    # text: Canada's NATO clause and legal form, Estonia's two, Luxembourg's legal form and
    # money, and the legal form of Czechia, Belgium, Denmark, Portugal and Iceland.
    assert len(lines) == 197 - 11 - 11
    assert "term" in lines[0] and "not the official text (media)" in lines[0]
    assert not any("(CA, nato_accession)" in line for line in lines)
    assert any("(US, termination_notice): read from a source that is not the official text "
               "(think tank)" in line for line in lines)  # fmt: skip
    # A term another program wrote without its source is named, with the command that fixes it.
    with sqlite3.connect(full) as conn:
        conn.execute("UPDATE terms SET source = NULL WHERE code = 'US' AND term = 'lethal'")
    before = dump(full)
    found = run("check")
    assert found.exit_code == 1
    [line] = [x for x in found.stdout.splitlines() if "has no source" in x]
    assert line.endswith(
        "(US, lethal): stated, but has no source. Fix: agreements term set US lethal --status "
        "stated --from 2024-06-13 --source URL, with its value and words again"
    )
    assert dump(full) == before


def test_a_name_ending_in_s_takes_an_apostrophe_alone(run, full):
    # Japan and the United States signed on 2024-06-13: both end ten years on; Greece's
    # ratification, undated, is listed in any period.
    result = run("calendar", "--from", "2034-06-13", "--to", "2034-06-13", "--format", "csv",
                 "--fields", "code,title")  # fmt: skip
    assert result.stdout.splitlines()[1:] == [
        "JP,Japan's agreement ends: 10 years from its signing on 2024-06-13",
        "US,United States' agreement ends: 10 years from its signing on 2024-06-13",
        "GR,Greece's agreement awaits ratification",
    ]
