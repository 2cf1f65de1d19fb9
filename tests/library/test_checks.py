"""checks.problems: the ledger against its values' rules and the change log, sources and
text as a terminal would get them; every expected line written out by hand."""

from datetime import date

import pytest

from agreements_cli import checks
from agreements_cli.errors import Fix, Problem
from agreements_cli.records import Milestone, Party, Pledge
from agreements_cli.store.items import ITEMS
from agreements_cli.store.log import left

TODAY = date(2026, 12, 6)
GERMANY = Party.from_row({
    "code": "DE", "country": "Germany", "kind": "state", "status": "signed",
    "signed_on": "2024-02-16", "place": "Berlin", "source": "https://example.org/de",
})  # fmt: skip
# Germany's EUR 7.1 bn: the ECB's USD rate of 2024-02-16 is 1.0768 (as the seed has it).
PLEDGE_ROW = {
    "id": 2, "code": "DE", "amount": "7100000000", "currency": "EUR", "first_year": 2024,
    "last_year": 2024, "per_year": True, "kind": "mixed", "qualifier": "exact",
    "announced_on": "2024-02-16", "source": "https://example.org/p", "note": None,
    "value_usd": 7645280000, "usd_rate": "1.0768", "usd_rate_date": "2024-02-16",
    "instrument": "grant", "tie": "agreement", "replaces": None, "first_month": 1,
    "last_month": 12, "value_eur": 7100000000, "eur_rate": "1", "eur_rate_date": "2024-02-16",
}  # fmt: skip
PLEDGE = Pledge.from_row(PLEDGE_ROW)
WHO = "pledge 2 (DE, 7100000000 EUR)"
MILESTONE = Milestone.from_row({"id": 5, "code": "DE", "happened_on": "2024-03-01",
                                "step": "in force", "source": "https://example.org/m"})  # fmt: skip
LOGGED = {"pledge": {2: PLEDGE_ROW}, "milestone": {5: MILESTONE.as_dict()}}


def found(pledges=(PLEDGE,), milestones=(MILESTONE,), logged=None, settings=None, rows=None):
    rows = rows or [GERMANY]
    latest = {row.code: row for row in rows}
    return [p.reason for p in checks.problems(rows, latest, TODAY, milestones, pledges,
                                              settings, _left(LOGGED if logged is None else logged))]  # fmt: skip


def _left(logged):
    """Logged rows as the store reads them (``ChangeLog.latest_items``)."""
    return {entity: {item: None if row is None else left(entity, row, ITEMS[entity].record, {})
                     for item, row in rows.items()} for entity, rows in logged.items()}  # fmt: skip


def test_a_ledger_as_written_has_no_problem():
    assert found() == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"value_usd": 7645280000 * 1000},
         [f"{WHO}: value_usd 7645280000000 is not amount x usd_rate (7100000000 x 1.0768 = 7645280000)"]),
        ({"value_usd": 7645280100},  # 100 dollars off: more than a billionth of 7.6 bn
         [f"{WHO}: value_usd 7645280100 is not amount x usd_rate (7100000000 x 1.0768 = 7645280000)"]),
        ({"value_eur": 7100000008},
         [f"{WHO}: value_eur 7100000008 is not amount x eur_rate (7100000000 x 1 = 7100000000)"]),
        ({"value_usd": 15290560000, "usd_rate": "2.1536"},
         [f"{WHO}: usd_rate 2.1536 of 2024-02-16 is not the ECB's (1.0768 of 2024-02-16)"]),
        ({"usd_rate_date": "2024-02-19"},
         [f"{WHO}: usd_rate_date 2024-02-19 is after its announcement (2024-02-16)"]),
        ({"eur_rate_date": "2099-01-01"},
         [f"{WHO}: eur_rate_date 2099-01-01 is after its announcement (2024-02-16)"]),
        ({"usd_rate_date": "2024-02-15", "value_usd": 7645280000},
         # The ECB's USD per EUR of 2024-02-15 is 1.0743 (eurofxref-hist).
         [f"{WHO}: usd_rate 1.0768 of 2024-02-15 is not the ECB's (1.0743 of 2024-02-15)"]),
        ({"currency": "XYZ"},
         ["pledge 2 (DE, 7100000000 XYZ): no ECB rate for XYZ on 2024-02-16",
          "pledge 2 (DE, 7100000000 XYZ): no ECB rate for XYZ on 2024-02-16"]),
    ],
)  # fmt: skip
def test_values_are_checked_against_the_amount_the_rate_and_the_ecb(changes, expected):
    pledge = PLEDGE.but(**changes)
    logged = {"pledge": {2: pledge.as_dict()}, "milestone": LOGGED["milestone"]}
    assert found(pledges=(pledge,), logged=logged) == expected


def test_a_value_within_rounding_and_an_unknown_eur_value_pass():
    # The rate is kept to 10 digits: the value may differ from amount x rate by a dollar,
    # or by a billionth of it (7 dollars of 7.6 bn).
    close = PLEDGE.but(value_usd=7645280007, value_eur=None, eur_rate=None, eur_rate_date=None)
    logged = {"pledge": {2: close.as_dict()}, "milestone": LOGGED["milestone"]}
    assert found(pledges=(close,), logged=logged) == []
    big = PLEDGE.but(
        amount="900000000000000", value_usd=969120000000000 + 900_000, value_eur=900000000000000
    )
    logged = {"pledge": {2: big.as_dict()}, "milestone": LOGGED["milestone"]}
    assert found(pledges=(big,), logged=logged) == []  # 900,000 of 969 tn is under 1e-9


def test_an_amount_that_is_not_a_number_is_left_to_the_read_that_names_it():
    odd = PLEDGE.but(amount="NaN")
    assert found(pledges=(odd,), logged={"pledge": {2: odd.as_dict()}, "milestone": {}},
                 milestones=()) == []  # fmt: skip


def test_the_ledger_is_compared_with_the_log():
    changed = PLEDGE.but(note="edited behind the log")
    assert found(pledges=(changed,)) == [
        f"{WHO}: the table differs from the last change recorded for it"
    ]
    assert found(logged={"pledge": {}, "milestone": LOGGED["milestone"]}) == [
        f"{WHO}: in the table, but the change log has no event for it"
    ]
    assert found(logged={"pledge": {2: None}, "milestone": LOGGED["milestone"]}) == [
        f"{WHO}: in the table, but the change log says it was removed"
    ]
    assert found(pledges=()) == ["pledge 2 (DE): in the change log, but not in the table"]
    assert found(milestones=()) == ["milestone 5 (DE): in the change log, but not in the table"]
    moved = MILESTONE.but(happened_on="2024-03-02")
    assert found(milestones=(moved,)) == [
        "milestone 5 (DE, in force): the table differs from the last change recorded for it"
    ]
    assert found(logged={}) == []  # no log to compare with: nothing said of it


def test_a_row_logged_before_a_field_existed_is_compared_on_its_own_fields():
    older = {k: v for k, v in PLEDGE_ROW.items() if k not in (
        "instrument", "tie", "replaces", "first_month", "last_month", "value_eur", "eur_rate",
        "eur_rate_date")}  # fmt: skip
    assert found(logged={"pledge": {2: older}, "milestone": LOGGED["milestone"]}) == []
    loan = PLEDGE.but(kind="unspecified", instrument="loan")
    logged_loan = {**older, "kind": "loan"}  # an old loan kind is the loan instrument
    assert found(pledges=(loan,), logged={"pledge": {2: logged_loan},
                                          "milestone": LOGGED["milestone"]}) == []  # fmt: skip
    grant = PLEDGE.but(kind="unspecified", instrument="grant")
    assert found(pledges=(grant,), logged={"pledge": {2: logged_loan},
                                           "milestone": LOGGED["milestone"]}) == [
        f"{WHO}: the table differs from the last change recorded for it"
    ]  # fmt: skip


NOT_AN_ADDRESS = "is not a web address (http:// or https://, with no space or control character)"


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        ({"source": "https://a.example/x\x1b]0;t\x07"},
         [f"Germany (DE): source 'https://a.example/x\\x1b]0;t\\x07' {NOT_AN_ADDRESS}"]),
        ({"source": "https://a.example/ b"},
         [f"Germany (DE): source 'https://a.example/ b' {NOT_AN_ADDRESS}"]),
        ({"source": "javascript:alert(1)"},
         [f"Germany (DE): source 'javascript:alert(1)' {NOT_AN_ADDRESS}"]),
        ({"source": "HTTP://EXAMPLE.ORG/A"}, []),
        ({"source": "http://example.org/a?b=c#d"}, []),
        ({"counted": False, "count_reason": "r", "count_source": "https://c.example/\nx"},
         [f"Germany (DE): count_source 'https://c.example/\\nx' {NOT_AN_ADDRESS}"]),
        ({"note": "line one\nline two\ttab"}, []),
        ({"note": "a\u202eb"}, ["Germany (DE): note 'a\\u202eb' holds control characters"]),
        ({"place": "x" * 70 + "\x1b"},
         ["Germany (DE): place '" + "x" * 57 + "...' holds control characters"]),
        ({"note": "Ghazal\u200cha 👩\u200d👩 co\u00adoperation"}, []),
    ],
)  # fmt: skip
def test_sources_and_text_a_terminal_would_act_on_are_named(party, expected):
    row = GERMANY.but(**party)
    assert found(rows=[row]) == expected


def test_settings_sources_are_named_too():
    settings = {"goal_source": "https://g.example/\x1b[2J", "goal_basis": "fine",
                "reported_value_statement": "a\x07", "goal": "32"}  # fmt: skip
    assert found(settings=settings) == [
        f"settings: goal_source 'https://g.example/\\x1b[2J' {NOT_AN_ADDRESS}",
        "settings: reported_value_statement 'a\\x07' holds control characters",
    ]  # fmt: skip


@pytest.mark.parametrize(("pledge_id", "fix"), [(2, Fix.CHECK_PLEDGE_SOURCE), (-5, None),
                                                 (0, None), (2**63, None)])  # fmt: skip
def test_a_fix_is_suggested_only_when_the_command_line_can_run_it(pledge_id, fix):
    pledge = PLEDGE.but(id=pledge_id, source=None)
    problems = checks.problems([GERMANY], {"DE": GERMANY}, TODAY, (), (pledge,), None, None)
    assert problems == [
        Problem(f"pledge {pledge_id} (DE, 7100000000 EUR): has no source", fix,
                {"id": pledge_id} if fix else None)
    ]  # fmt: skip


def test_a_date_is_in_the_future_only_after_today_everywhere(monkeypatch):
    # The latest date anywhere on Earth is made 2026-12-07, whatever day it is here.
    monkeypatch.setattr(checks, "latest_day", lambda today: date(2026, 12, 7))
    tomorrow = GERMANY.but(signed_on="2026-12-07")
    assert found(rows=[tomorrow], pledges=(), milestones=(), logged={}) == []
    later = GERMANY.but(signed_on="2026-12-08")
    assert found(rows=[later], pledges=(), milestones=(), logged={}) == [
        "Germany (DE): signing date 2026-12-08 is in the future"
    ]


def test_each_value_is_judged_on_its_own():
    """A problem with the USD value does not stop the EUR value being judged."""
    usd_unknown = PLEDGE.but(value_usd=None, value_eur=7100000100)
    not_a_number = PLEDGE.but(value_usd="abc", value_eur=7100000100)
    future = PLEDGE.but(usd_rate_date="2099-01-01", value_eur=7100000100)
    eur_line = f"{WHO}: value_eur 7100000100 is not amount x eur_rate (7100000000 x 1 = 7100000000)"
    for pledge, first in ((usd_unknown, []), (not_a_number, []),
                          ([future][0], [f"{WHO}: usd_rate_date 2099-01-01 is after its announcement (2024-02-16)"])):  # fmt: skip
        assert found(pledges=(pledge,), logged={}) == [*first, eur_line]


@pytest.mark.parametrize(("value", "off"), [(1000, False), (1001, False), (999, False),
                                            (1002, True), (998, True)])  # fmt: skip
def test_a_value_may_be_a_dollar_off_and_no_more_below_a_billion(value, off):
    pledge = PLEDGE.but(amount="1000", currency="USD", value_usd=value, usd_rate="1",
                        value_eur=None, eur_rate=None, eur_rate_date=None)  # fmt: skip
    who = "pledge 2 (DE, 1000 USD)"
    expected = [f"{who}: value_usd {value} is not amount x usd_rate (1000 x 1 = 1000)"]
    assert found(pledges=(pledge,), logged={}) == (expected if off else [])


def test_a_pledge_or_milestone_source_is_named_with_the_item():
    pledge = PLEDGE.but(source="https://p.example/\tx")
    milestone = MILESTONE.but(source="ftp://m.example/x")
    assert found(pledges=(pledge,), milestones=(milestone,), logged={}) == [
        f"milestone 5 (DE, in force): source 'ftp://m.example/x' {NOT_AN_ADDRESS}",
        f"{WHO}: source 'https://p.example/\\tx' {NOT_AN_ADDRESS}",
    ]


@pytest.mark.parametrize(("length", "shown"), [(60, "x" * 59 + "\\x1b"),
                                                (61, "x" * 57 + "...")])  # fmt: skip
def test_a_long_value_is_cut_past_sixty_characters(length, shown):
    row = GERMANY.but(note="x" * (length - 1) + "\x1b")
    assert found(rows=[row], pledges=(), milestones=(), logged={}) == [
        f"Germany (DE): note '{shown}' holds control characters"
    ]


@pytest.mark.parametrize("pledge_id", [1, 127, 2**63 - 1])
def test_the_fix_is_suggested_for_every_id_the_command_line_takes(pledge_id):
    pledge = PLEDGE.but(id=pledge_id, source=None)
    problems = checks.problems([GERMANY], {"DE": GERMANY}, TODAY, (), (pledge,), None, None)
    assert [(p.fix, p.values) for p in problems] == [(Fix.CHECK_PLEDGE_SOURCE, {"id": pledge_id})]
