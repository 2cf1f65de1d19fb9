"""What changed between two states (agreements_cli.difference), on states written out by
hand: each kind of difference, in the order it is given."""

from datetime import date

from agreements_cli.difference import Difference, State, differences, signed_between
from agreements_cli.records import Milestone, Party, Stage
from agreements_cli.terms import build_term

CZ = Party("CZ", "Czechia", "state", "negotiating", True, None, None, "https://example.org/c")
CZ_SIGNED = CZ._replace(status="signed", signed_on="2024-07-18", place="Woodstock")
SI = Party("SI", "Slovenia", "state", "signed", True, "2024-07-18", None, "https://example.org/s")
AL = Party("AL", "Albania", "state", "negotiating", True)
HR = Party("HR", "Croatia", "state", "signed", False, "2024-10-09")
TALKS = Milestone(4, "CZ", "2024-04-18", "talks opened", None, "https://example.org/t", None)
SIGNED = Milestone(5, "CZ", "2024-07-18", "signed", None, "https://example.org/u", None)
TEN = build_term("CZ", "duration", "stated", date(2024, 7, 18), value="10", unit="years",
                 source="https://example.org/d")._replace(id=2)  # fmt: skip


def test_each_kind_of_difference_in_order():
    before = State(
        parties=[CZ, SI, AL],
        stages={
            "CZ": Stage("talks opened", "2024-04-18"),
            "AL": Stage("talks opened", "2024-06-01"),
        },
        items={"milestone": [TALKS], "term": []},
    )
    after = State(
        parties=[CZ_SIGNED, AL, HR],
        stages={"CZ": Stage("signed", "2024-07-18"), "HR": Stage("signed", "2024-10-09")},
        items={"milestone": [SIGNED], "term": [TEN]},
    )
    assert differences(before, after) == [
        # By country: Albania, Croatia, Czechia, Slovenia; a party's own fields first.
        Difference("stage", "AL", "Albania", "removed", "stage", "talks opened 2024-06-01", None),
        Difference("party", "HR", "Croatia", "added", None, None, "signed 2024-10-09"),
        Difference("stage", "HR", "Croatia", "added", "stage", None, "signed 2024-10-09"),
        Difference("party", "CZ", "Czechia", "changed", "status", "negotiating", "signed"),
        Difference("party", "CZ", "Czechia", "changed", "signed_on", None, "2024-07-18"),
        Difference("party", "CZ", "Czechia", "changed", "place", None, "Woodstock"),
        Difference("stage", "CZ", "Czechia", "changed", "stage", "talks opened 2024-04-18",
                   "signed 2024-07-18"),
        Difference("milestone", "CZ", "Czechia", "removed", None, "talks opened 2024-04-18",
                   None, 4),
        Difference("milestone", "CZ", "Czechia", "added", None, None, "signed 2024-07-18", 5),
        Difference("term", "CZ", "Czechia", "added", None, None,
                   "duration: 10 years (from 2024-07-18)", 2),
        Difference("party", "SI", "Slovenia", "removed", None, "signed 2024-07-18", None),
    ]  # fmt: skip


def test_an_item_changed_in_place_and_one_that_did_not():
    later = TEN._replace(value="15")
    before = State([CZ_SIGNED], {}, {"term": [TEN], "milestone": [SIGNED]})
    after = State([CZ_SIGNED], {}, {"term": [later], "milestone": [SIGNED]})
    assert differences(before, after) == [
        Difference("term", "CZ", "Czechia", "changed", None,
                   "duration: 10 years (from 2024-07-18)", "duration: 15 years (from 2024-07-18)", 2),
    ]  # fmt: skip
    assert differences(after, after) == []
    # A party in talks has no summary date; one that is gone is named by its last name.
    gone = State([AL], {}, {})
    assert differences(gone, State([], {}, {})) == [
        Difference("party", "AL", "Albania", "removed", None, "negotiating", None)
    ]


def test_items_are_compared_by_id_in_order():
    one, two = SIGNED._replace(id=12), TALKS._replace(id=3)
    after = State([CZ_SIGNED], {}, {"milestone": [one, two]})
    found = differences(State([CZ_SIGNED], {}, {"milestone": []}), after)
    assert [d.item_id for d in found] == [3, 12]


def test_the_parties_signed_between_two_days_by_date():
    after = State([CZ_SIGNED, SI, HR, AL], {}, {})
    assert [(s.code, s.signed_on, s.counted) for s in signed_between(after, "2024-07-15",
            "2025-11-30")] == [("CZ", "2024-07-18", True), ("SI", "2024-07-18", True),
                               ("HR", "2024-10-09", False)]  # fmt: skip
    # After the first day and up to the last, inclusive.
    assert [s.code for s in signed_between(after, "2024-07-18", "2024-10-09")] == ["HR"]
    assert signed_between(after, "2024-10-09", "2025-11-30") == []


def test_an_item_of_an_untracked_party_is_named_by_its_code():
    stray = SIGNED._replace(code="XK")
    found = differences(State([], {}, {"milestone": []}), State([], {}, {"milestone": [stray]}))
    assert found == [Difference("milestone", "XK", "XK", "added", None, None,
                                "signed 2024-07-18", 5)]  # fmt: skip
    # A party in talks is summed up by its status, whatever date another program left it.
    odd = AL._replace(signed_on="2024-01-01")
    assert differences(State([odd], {}, {}), State([], {}, {}))[0].old == "negotiating"
