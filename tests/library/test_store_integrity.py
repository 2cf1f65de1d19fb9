"""The checks of values another program wrote (integrity.py), one function at a time."""

import pytest

from agreements_cli.store import integrity
from agreements_cli.store.integrity import Fault

PARTY = {
    "code": "DE", "country": "Germany", "kind": "state", "status": "signed", "counted": 1,
    "signed_on": "2024-02-16", "place": "Berlin", "source": "https://example.org/de",
    "note": None, "count_reason": None, "count_source": None,
}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (b"\x00", "a blob of 1 byte"),
        (b"\x00\xff", "a blob of 2 bytes"),
        ("x" * 60, "'" + "x" * 60 + "'"),
        ("y" * 61, "'" + "y" * 57 + "...'"),
        (5, "5"),
        (None, "None"),
    ],
)
def test_a_stored_value_is_shown_as_it_is_in_one_short_line(value, text):
    assert integrity.shown(value) == text


def test_a_party_as_agreements_writes_it_has_no_fault():
    assert integrity.party_faults(PARTY) == []
    assert integrity.party_faults({**PARTY, "counted": True, "signed_on": None}) == []
    # The first and the last day of the years a date may hold (model.EARLIEST_YEAR, LATEST_YEAR).
    assert integrity.party_faults({**PARTY, "signed_on": "1991-01-01"}) == []
    assert integrity.party_faults({**PARTY, "signed_on": "2100-12-31"}) == []


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("code", "de", "which is not a two-letter code"),
        ("country", "  ", "which is empty"),
        ("kind", "country", "which is not one of state, organisation"),
        ("status", "done", "which is not one of signed, negotiating, planned"),
        ("counted", 2, "which is not one of 0, 1"),
        ("counted", "1", "which is not one of 0, 1"),
        ("signed_on", "2024-02-30", "which is not a real date"),
        ("signed_on", "1990-12-31", "a date outside 1991-2100"),
        ("signed_on", "2101-01-01", "a date outside 1991-2100"),
        ("signed_on", "2024-2-16", "which is not a date YYYY-MM-DD"),
        ("note", b"x", "which is not text"),
    ],
)
def test_each_bad_party_value_is_named(field, value, why):
    assert integrity.party_faults({**PARTY, field: value}) == [Fault(field, value, why)]


PLEDGE = {
    "id": 2, "code": "DE", "amount": "7100000000", "currency": "EUR", "first_year": 2024,
    "last_year": 2024, "per_year": 0, "kind": "mixed", "qualifier": "exact",
    "announced_on": "2024-02-16", "source": None, "note": None, "value_usd": 7645280000,
    "usd_rate": "1.0768", "usd_rate_date": "2024-02-16", "instrument": "grant",
    "tie": "agreement", "replaces": None, "first_month": 1, "last_month": 12,
    "value_eur": 7100000000, "eur_rate": "1", "eur_rate_date": "2024-02-16",
}  # fmt: skip


def test_a_pledge_as_agreements_writes_it_has_no_fault():
    assert integrity.item_faults("pledge", PLEDGE) == []
    # Not stated, not known, replacing nothing, written before EUR values were kept.
    unknown = {"instrument": None, "tie": None, "value_eur": None, "eur_rate": None,
               "eur_rate_date": None}  # fmt: skip
    assert integrity.item_faults("pledge", {**PLEDGE, **unknown}) == []
    assert (
        integrity.item_faults(
            "pledge",
            {**PLEDGE, "replaces": 1, "first_month": 4, "last_month": 3, "last_year": 2025},
        )
        == []
    )
    assert integrity.item_faults("pledge", {**PLEDGE, "per_year": True, "amount": "0.5"}) == []
    assert integrity.item_faults("pledge", {**PLEDGE, "amount": "999999999999999.99"}) == []
    assert integrity.item_faults("pledge", {**PLEDGE, "value_usd": 10**18}) == []
    # An amount of a few yen is worth 0 whole dollars, as agreements rounds it.
    assert integrity.item_faults("pledge", {**PLEDGE, "value_usd": 0}) == []
    # The first and the last of the years a period may hold.
    assert integrity.item_faults("pledge", {**PLEDGE, "first_year": 1991}) == []
    assert integrity.item_faults("pledge", {**PLEDGE, "first_year": 2100, "last_year": 2100}) == []


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("amount", "1000000000000000", "which is not a decimal number above 0 and below 1e15"),
        ("amount", "0.00", "which is not a decimal number above 0 and below 1e15"),
        ("amount", "1e9", "which is not a decimal number above 0 and below 1e15"),
        ("usd_rate", "1000000", "which is not a decimal number above 0 and below 1e6"),
        ("currency", "EURO", "which is not an ISO 4217 code"),
        ("first_year", 1990, "which is not a year 1991-2100"),
        ("last_year", "2024", "which is not a year 1991-2100"),
        ("last_year", 2023, "before first_year 2024"),
        ("per_year", 2, "which is not 0 or 1"),
        ("kind", "gift", "which is not one of military, financial, humanitarian, mixed, "
                         "unspecified"),
        ("qualifier", "about", "which is not one of exact, up to, at least"),
        ("value_usd", -1, "which is not a whole number of dollars"),
        ("value_usd", 10**18 + 1, "which is not a whole number of dollars"),
        ("value_usd", True, "which is not a whole number of dollars"),
        ("usd_rate_date", "2024-02-30", "which is not a real date"),
        ("code", 5, "which is not text"),
        ("instrument", "gift", "which is not one of grant, loan, guarantee"),
        ("tie", "yes", "which is not one of agreement, later"),
        ("replaces", "3", "which is not the id of a pledge"),
        ("replaces", 0, "which is not the id of a pledge"),
        ("first_month", 0, "which is not a month 1-12"),
        ("last_month", 13, "which is not a month 1-12"),
        ("value_eur", -1, "which is not a whole number of euros"),
        ("eur_rate", "0", "which is not a decimal number above 0 and below 1e6"),
        ("eur_rate_date", "2024-13-01", "which is not a real date"),
    ],
)  # fmt: skip
def test_each_bad_pledge_value_is_named(field, value, why):
    assert integrity.item_faults("pledge", {**PLEDGE, field: value}) == [Fault(field, value, why)]


def test_a_milestone_needs_a_date_and_a_step():
    milestone = {"id": 1, "code": "BG", "happened_on": "2024-12-19", "step": "called off",
                 "document": None, "source": None, "note": None}  # fmt: skip
    assert integrity.item_faults("milestone", milestone) == []
    assert integrity.item_faults("milestone", {**milestone, "step": None}) == [
        Fault("step", None, "which is not text")
    ]
    assert integrity.item_faults("milestone", {**milestone, "happened_on": None}) == [
        Fault("happened_on", None, "which is not a date YYYY-MM-DD")
    ]


def test_settings_faults():
    good = {"goal": "32", "reported_value_usd": "38000000000", "snapshot": "2024-07-15",
            "reported_value_as_of": "", "goal_basis": "text"}  # fmt: skip
    assert integrity.setting_faults(good) == []
    assert integrity.setting_faults({**good, "goal": 32}) == []
    assert integrity.setting_faults({"goal": "1001"}) == [
        Fault("goal", "1001", "which is not a whole number from 1 to 1000")
    ]
    assert integrity.setting_faults({"reported_value_usd": "9" * 19}) == [
        Fault("reported_value_usd", "9" * 19, "which is not a whole number")
    ]
    assert integrity.setting_faults({"goal_basis": b"x"}) == [
        Fault("goal_basis", b"x", "which is not text")
    ]


def test_an_event_names_its_own_columns():
    event = {"effective_on": "2024-02-16", "entity": "party", "action": "update",
             "recorded_at": "2026-12-06T02:46:29+00:00", "code": "DE"}  # fmt: skip
    assert integrity.event_faults(event) == []
    assert integrity.event_faults({**event, "recorded_at": "2026-12-06T02:46"}) == []
    assert integrity.event_faults({**event, "entity": "treaty"}) == [
        Fault("entity", "treaty", "which is not one of party, milestone, pledge, term, delivery")
    ]
    assert integrity.event_faults({**event, "action": "edit"}) == [
        Fault("action", "edit", "which is not one of seed, add, update, remove, import, undo")
    ]
    for recorded in (b"\x00\xff", "yesterday", "2026-12-06", 1733450000, None):
        assert integrity.event_faults({**event, "recorded_at": recorded}) == [
            Fault("recorded_at", recorded, "which is not a time YYYY-MM-DDTHH:MM:SS")
        ]
    assert integrity.event_faults({**event, "code": "Germany"}) == [
        Fault("code", "Germany", "which is not a two-letter code")
    ]


def test_a_logged_row_is_checked_as_its_table_would_check_it():
    party = {"code": "DE", "country": "Germany", "kind": "state", "status": "signed",
             "signed_on": "2024-02-16"}  # fmt: skip
    assert integrity.logged_faults("party", "after", party) == []  # older: no counted field
    assert integrity.logged_faults("party", "before", {"code": "DE"}) == [
        Fault("before", '{"code": "DE"}', "which lacks country, kind, status")
    ]
    assert integrity.logged_faults("party", "after", {**party, "status": "done"}) == [
        Fault("after status", "done", "which is not one of signed, negotiating, planned")
    ]
    pledge = {"code": "DE", "amount": "7100000000", "currency": "EUR", "first_year": 2024,
              "last_year": 2024, "announced_on": "2024-02-16", "value_usd": 7645280000,
              "usd_rate": "1.0768", "usd_rate_date": "2024-02-16", "kind": "loan"}  # fmt: skip
    assert integrity.logged_faults("pledge", "after", pledge) == []  # an old loan kind too
    assert integrity.logged_faults("pledge", "after", {**pledge, "amount": "abc"}) == [
        Fault("after amount", "abc", "which is not a decimal number above 0 and below 1e15")
    ]
    assert integrity.logged_faults("pledge", "after", {}) == [
        Fault("after", "{}", "which lacks code, amount, currency, first_year, last_year, "
              "announced_on, value_usd, usd_rate, usd_rate_date")
    ]  # fmt: skip
    milestone = {"code": "DE", "happened_on": "2024-02-16", "step": "signed"}
    assert integrity.logged_faults("milestone", "after", milestone) == []
    assert integrity.logged_faults("milestone", "after", {**milestone, "happened_on": 5}) == [
        Fault("after happened_on", 5, "which is not a date YYYY-MM-DD")
    ]


def test_who_is_named():
    assert integrity.who_party(PARTY) == "Germany (DE)"
    assert integrity.who_party({**PARTY, "country": ""}) == "the party DE"
    assert integrity.who_party({**PARTY, "country": b"x", "code": b"DE"}) == (
        "the party a blob of 2 bytes"
    )
    assert integrity.who_item("pledge", PLEDGE) == "pledge 2 (DE)"


def test_a_lenient_row_holds_each_bad_value_as_text():
    row = {"a": 5, "b": b"\x00\xff", "c": None, "d": "text", "e": 7}
    faults = [Fault(f, row[f], "why") for f in ("a", "b", "c", "d")]
    assert integrity.lenient(row, faults) == {
        "a": "5",
        "b": "a blob of 2 bytes",
        "c": None,
        "d": "text",
        "e": 7,
    }
    assert row["a"] == 5  # the row read is left as it was


def test_the_refusal_points_to_check():
    from agreements_cli.cli.advice import message

    error = integrity.refusal("Germany (DE)", Fault("signed_on", "abc", "which is not a date"))
    assert message(error) == (
        "Germany (DE): signed_on holds 'abc', which is not a date; agreements did not write it. "
        "See every such value with: agreements check"
    )
    assert error.exit_code == 1
