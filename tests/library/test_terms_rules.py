"""The rules of the terms (agreements_cli.terms): a term checked as it is given, which term
holds on a day, the conditions of --where, and a comparison. Each expected value is written
out by hand."""

from datetime import date

import pytest

from agreements_cli.errors import BadInput
from agreements_cli.records import Party
from agreements_cli.terms import (
    build_term,
    compare,
    holding,
    matrix,
    meets,
    named,
    parse_condition,
    parse_term_name,
    unknown,
)

SOURCE = "https://example.org/a"
DAY = date(2024, 1, 12)


def term(name="duration", status="stated", **given):
    return build_term("GB", name, status, DAY, source=SOURCE, **given)


def refused(message, *args, **given):
    with pytest.raises(BadInput) as caught:
        build_term("GB", *args, **given)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("args", "given", "message"),
    [
        (("colour", "stated", DAY), {"source": SOURCE},
         "unknown term 'colour'. Use one of: duration, extension, termination_notice, review, "
         "nato_accession, consultations, reciprocity, legal_form, ratification, binding, "
         "money_form, lethal, defence_industry, training, air_defence, intelligence_cyber, "
         "sanctions, frozen_assets, reconstruction, reforms"),
        (("duration", "maybe", DAY), {"source": SOURCE},
         "unknown status 'maybe'. Use one of: stated, not_stated, excluded, unknown"),
        (("duration", "stated", DAY), {"source": SOURCE, "firmness": "must"},
         "unknown firmness 'must'. Use one of: will, will seek to, will consider, may"),
        (("duration", "stated", DAY), {"source": SOURCE, "value": "x" * 201},
         "the value has 201 characters; give at most 200"),
        (("duration", "stated", DAY), {"source": SOURCE, "value": "ten\x7fyears"},
         "the value holds a control character; give it as plain text"),
        (("duration", "stated", DAY), {"source": SOURCE, "value": "ten\x9fyears"},
         "the value holds a control character; give it as plain text"),
        (("reciprocity", "stated", DAY), {"source": SOURCE, "value": "1", "unit": "years"},
         "the term reciprocity takes no unit; give its value alone"),
        (("duration", "stated", DAY), {"source": SOURCE, "value": "ten", "unit": "years"},
         "a value in years is a number (e.g. 10 years); got 'ten'. Give words without a unit"),
        (("duration", "stated", DAY), {"source": SOURCE, "value": "10", "unit": "weeks"},
         "unknown unit of duration 'weeks'. Use one of: years"),
        (("lethal", "stated", DAY), {"source": SOURCE, "value": "deadly"},
         "unknown value of lethal 'deadly'. Use one of: lethal, non_lethal"),
        (("duration", "not_stated", DAY), {"source": SOURCE, "value": "10"},
         "a term that is not stated has no value or firmness; give the status stated with them"),
        (("duration", "unknown", DAY), {"firmness": "will"},
         "a term that is unknown has no value or firmness; give the status stated with them"),
        (("duration", "not_stated", DAY), {},
         "a term that is not stated needs the source read: give its URL"),
        (("duration", "excluded", DAY), {},
         "a term that is excluded needs the source read: give its URL"),
        (("duration", "stated", DAY), {"source": SOURCE, "quote": "ten", "quote_lang": "engl"},
         "the language has 4 characters; give at most 3"),
        (("duration", "stated", DAY), {"source": SOURCE, "quote": "ten", "quote_lang": "e1"},
         "a quote's language is a code such as en or uk; got 'e1'"),
        (("duration", "stated", DAY), {"source": SOURCE, "quote": "ten"},
         "a quote needs its language (e.g. en, uk, de)"),
        (("duration", "stated", DAY), {"source": SOURCE, "quote": "x" * 601, "quote_lang": "en"},
         "the quote has 601 characters; give at most 600"),
        (("duration", "stated", DAY), {"source": SOURCE, "clause": "x" * 61},
         "the clause has 61 characters; give at most 60"),
        (("duration", "stated", DAY), {"source": SOURCE, "source_kind": "blog"},
         "unknown source kind 'blog'. Use one of: official_text, official_summary, "
         "partner_government, think_tank, media"),
    ],
)  # fmt: skip
def test_a_term_that_does_not_fit_is_refused_in_words(args, given, message):
    refused(message, *args, **given)


def test_a_term_keeps_what_it_was_given_tidied():
    made = term("legal_form", value=" Political ", clause=" Art.  5(2) ", quote="the\nParticipants",
                quote_lang="EN", text_url="https://example.org/text", source_kind="official text",
                firmness="Will Seek To", note="read")  # fmt: skip
    assert made.as_dict() == {
        "id": None, "code": "GB", "term": "legal_form", "status": "stated",
        "holds_from": "2024-01-12", "value": "political", "unit": None,
        "firmness": "will seek to", "clause": "Art. 5(2)", "quote": "the Participants",
        "quote_lang": "en", "text_url": "https://example.org/text", "source": SOURCE,
        "source_kind": "official_text", "note": "read",
    }  # fmt: skip
    # At its limits: 200 characters of value, 3 letters of language; a no-break space is a
    # space, not a control character.
    assert term(value="x" * 200).value == "x" * 200
    assert term(value="ten\xa0years").value == "ten years"
    assert term(quote="ten", quote_lang="eng").quote_lang == "eng"
    # Nothing read needs no source.
    assert build_term("GB", "duration", "unknown", DAY).source is None


def _at(day, **given):
    return term(**given)._replace(holds_from=day)


def test_the_term_that_holds_is_the_latest_by_the_day_asked():
    first = _at("2024-01-12", value="10", unit="years")._replace(id=7)
    amended = _at("2025-08-24", value="15", unit="years")._replace(id=3)
    both = [amended, first]
    assert holding(both, date(2025, 8, 23)) == {("GB", "duration"): first}
    assert holding(both, date(2025, 8, 24)) == {("GB", "duration"): amended}
    assert holding(both) == {("GB", "duration"): amended}
    assert holding(both, date(2024, 1, 11)) == {}
    # Two of one day: the one recorded later (the higher id) stands.
    again = first._replace(id=9, value="12")
    assert holding([again, first], DAY)[("GB", "duration")] == again


def test_an_unknown_term_is_the_partys_from_no_day():
    said = unknown("JP", "nato_accession")
    assert said[:5] == (None, "JP", "nato_accession", "unknown", "")
    assert set(said[5:]) == {None}


HOURS = _at("2024-01-12", name="consultations", value="24", unit="hours")


@pytest.mark.parametrize(
    ("condition", "holds"),
    [("consultations<24", False), ("consultations<25", True), ("consultations<=24", True),
     ("consultations<=23", False), ("consultations>24", False), ("consultations>23", True),
     ("consultations>=24", True), ("consultations>=25", False), ("consultations=24", True),
     ("consultations!=24", False), ("consultations=stated", True),
     ("consultations=not-stated", False), ("consultations != not stated", True),
     ("Consultations = 24", True)],
)  # fmt: skip
def test_a_condition_compares_a_stated_number(condition, holds):
    assert parse_condition(condition).holds(HOURS) is holds


def test_a_term_is_named_in_any_case_with_spaces_or_hyphens():
    assert parse_term_name(" NATO accession ") == "nato_accession"
    assert parse_term_name("termination-notice") == "termination_notice"


def test_a_condition_on_a_status_as_people_write_it():
    silent = build_term("EU", "nato_accession", "not_stated", DAY, source=SOURCE)
    for text in ("nato_accession=not-stated", "nato_accession=not stated",
                 "nato_accession=not_stated"):  # fmt: skip
        assert parse_condition(text).holds(silent), text
    assert not parse_condition("nato_accession!=not stated").holds(silent)
    # A stated term with no value in words matches no value.
    bare = build_term("GB", "reciprocity", "stated", DAY, source=SOURCE)
    assert not parse_condition("reciprocity=xxxx").holds(bare)
    assert parse_condition("reciprocity=stated").holds(bare)


def test_a_condition_on_a_choice_or_a_status():
    ends = _at("2024-01-12", name="nato_accession", value="ends_on_accession")
    held = {("GB", "nato_accession"): ends}
    assert meets("GB", held, [parse_condition("nato_accession=ends on accession")])
    assert meets("GB", held, [parse_condition("nato-accession=ENDS_ON_ACCESSION")])
    assert not meets("GB", held, [parse_condition("nato_accession!=ends_on_accession")])
    # A party with no row for the term: it is unknown, and a number is never compared.
    assert meets("US", held, [parse_condition("nato_accession=unknown")])
    assert not meets("US", held, [parse_condition("consultations<=24")])
    words = _at("2024-01-12", name="consultations", value="without delay")
    assert not parse_condition("consultations<=24").holds(words)
    assert parse_condition("consultations=Without delay").holds(words)


@pytest.mark.parametrize(
    ("text", "message"),
    [("consultations", "the condition 'consultations' is not TERM=VALUE or TERM<=NUMBER, e.g. "
      "consultations<=24"),
     ("consultations<=soon", "the condition 'consultations<=soon': <= compares numbers; give a "
      "number after it"),
     ("lethal>1", "the condition 'lethal>1': the term lethal has no number; use = or !="),
     ("colour=red", "unknown term 'colour'. Use one of: duration, extension, termination_notice, "
      "review, nato_accession, consultations, reciprocity, legal_form, ratification, binding, "
      "money_form, lethal, defence_industry, training, air_defence, intelligence_cyber, "
      "sanctions, frozen_assets, reconstruction, reforms")],
)  # fmt: skip
def test_a_condition_that_is_not_one_is_refused_in_words(text, message):
    with pytest.raises(BadInput) as caught:
        parse_condition(text)
    assert str(caught.value) == message


def test_a_comparison_gives_each_partys_own_term_and_whether_they_differ():
    uk = _at("2024-01-12", name="consultations", value="24", unit="hours")
    us = uk._replace(code="US")
    held = {("GB", "consultations"): uk, ("US", "consultations"): us}
    [same] = compare(["GB", "US"], held)
    assert (same.term, same.terms, same.differs) == ("consultations", (uk, us), False)
    [other] = compare(["GB", "JP"], held, ["consultations"])
    assert other.terms == (uk, unknown("JP", "consultations")) and other.differs
    party = Party("JP", "Japan", "state", "signed", True, "2024-06-13")
    [row] = matrix([party], held, ["consultations", "lethal"])
    assert row.terms == (unknown("JP", "consultations"), unknown("JP", "lethal"))


def test_a_partys_terms_are_shown_by_the_key_terms_and_what_it_has():
    assert named([]) == ("duration", "nato_accession", "consultations", "legal_form",
                         "money_form", "lethal")  # fmt: skip
    assert named(["reforms", "duration", "termination_notice"]) == (
        "duration", "termination_notice", "nato_accession", "consultations", "legal_form",
        "money_form", "lethal", "reforms")  # fmt: skip
