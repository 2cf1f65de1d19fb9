"""The use-case layer, without the command line: a Tracker opened on a real database file
and a clock fixed here, so that each rule that reads today's date is tested on a known day,
whatever day the suite runs. Expected values come from the seed's sources
(agreements-facts.md) and from the rules, never from the code under test."""

import sqlite3
from datetime import date

import pytest

from agreements_cli.errors import AgreementsError, BadInput, Fix, NotTracked, StoreError
from agreements_cli.results import PartyFields, PledgeFields
from agreements_cli.tracker.whole import Tracker

from conftest import dump

DAY = date(2024, 7, 18)  # Czechia and Slovenia signed that day


@pytest.fixture
def tracker(tmp_path):
    """A fresh install's database, seeded on first use, on 18 July 2024."""
    opened = Tracker.open(tmp_path / "tracker.db", today=lambda: DAY)
    yield opened
    opened.close()


def test_the_seed_lists_23_signed_parties_by_signing_date(tracker):
    listing = tracker.list_parties()
    assert len(listing.rows) == 23 and listing.statuses == []
    # By signing date, then name: France and Germany both signed on 2024-02-16.
    assert [row.code for row in listing.rows[:3]] == ["GB", "FR", "DE"]
    assert listing.rows[0].party.signed_on == "2024-01-12"  # the United Kingdom, Kyiv
    assert listing.dated.as_of is None and listing.dated.data_as_of == "2024-07-15"


def test_sorting_by_value_puts_the_largest_first_pledge_first(tracker):
    # Germany's EUR 7.1 bn at 1.0768 (2024-02-16) is USD 7,645,280,000, the seed's largest.
    rows = tracker.list_parties(sort="value_usd").rows
    assert (rows[0].code, rows[0].value_usd) == ("DE", 7_645_280_000)
    assert rows[-1].value_usd is None  # no figure stated: unknown, last


def test_a_status_given_in_any_case_filters_the_list(tracker):
    assert tracker.list_parties(["SIGNED"]).statuses == ["signed"]
    with pytest.raises(BadInput):
        tracker.list_parties(["ratified"])


def test_a_refused_read_creates_no_database(tmp_path):
    path = tmp_path / "never.db"
    refused = Tracker.open(path, today=lambda: DAY)
    with pytest.raises(BadInput):
        refused.list_parties(["ratified"])
    refused.close()
    assert not path.exists()


def test_a_signing_given_no_date_is_dated_the_trackers_today(tracker):
    added = tracker.add("Czechia", PartyFields(status="signed", place="Woodstock"))
    assert (added.party.signed_on, added.dated_today) == ("2024-07-18", True)
    assert tracker.list_parties().dated.data_as_of == "2024-07-18"


def test_a_date_after_the_trackers_today_is_refused_with_its_fix(tracker, tmp_path):
    # Three days on: after today everywhere on Earth, whatever the hour (rules.latest_day).
    before = dump(tmp_path / "tracker.db") if (tmp_path / "tracker.db").exists() else None
    with pytest.raises(BadInput) as refused:
        tracker.add("Czechia", PartyFields(status="signed", signed_on="2024-07-21"))
    error = refused.value
    assert error.reason == (
        "signing date 2024-07-21 is after today (2024-07-18): only what has happened can be "
        "recorded"
    )
    assert (error.fix, error.values) == (
        Fix.PLANNED_AS_MILESTONE, {"day": "2024-07-21", "today": "2024-07-18"}
    )  # fmt: skip
    assert before is None  # the database was not even created


def test_add_update_remove_undo_as_values(tracker):
    added = tracker.add("cz", PartyFields(status="negotiating"), on=date(2024, 7, 1))
    assert (added.party.code, added.party.country, added.pledge) == ("CZ", "Czechia", None)
    updated = tracker.update(
        "Czechia", PartyFields(status="signed", signed_on="2024-07-18", place="Woodstock")
    )
    assert updated.changes == (
        "status negotiating -> signed; signed_on (none) -> 2024-07-18; place (none) -> Woodstock"
    )
    again = tracker.update("Czechia", PartyFields(place="Woodstock"))
    assert again.changes is None  # already so: nothing written
    removed = tracker.remove("Czechia")
    assert removed.party.status == "signed"
    undone = tracker.undo()
    assert [(d.action, d.code) for d in undone.what] == [("remove", "CZ")]
    assert tracker.show("CZ").listed.party.place == "Woodstock"


def test_an_update_that_leaves_signed_clears_the_signing_date_and_says_so(tracker):
    updated = tracker.update("Poland", PartyFields(status="negotiating"))
    assert (updated.status, updated.signing_cleared) == ("negotiating", "2024-07-08")


def test_changing_the_money_of_a_party_with_two_pledges_is_refused(tracker, tmp_path):
    tracker.list_parties()  # the database made and seeded
    before = dump(tmp_path / "tracker.db")
    with pytest.raises(BadInput) as refused:  # Canada: a loan and a military pledge
        tracker.update("Canada", PartyFields(amount="1bn"))
    assert (refused.value.reason, refused.value.fix) == ("Canada has 2 pledges", Fix.MANY_PLEDGES)
    assert dump(tmp_path / "tracker.db") == before


def test_a_party_not_tracked_is_named_with_its_fix(tracker):
    with pytest.raises(NotTracked) as refused:
        tracker.show("Czechia")
    assert (refused.value.reason, refused.value.fix) == ("Czechia is not tracked", Fix.ADD_INSTEAD)
    with pytest.raises(AgreementsError) as twice:
        tracker.add("Germany", PartyFields(status="signed", signed_on="2024-02-16"))
    assert (twice.value.reason, twice.value.fix) == (
        "Germany is already tracked (signed)", Fix.UPDATE_INSTEAD
    )  # fmt: skip


def test_progress_on_the_seed(tracker):
    report = tracker.progress()
    summary = report.summary
    assert (summary.signed, summary.goal, summary.untracked) == (23, 32, 9)
    # The seed's 2024 figures as before the United Kingdom's financial year was counted by
    # its months (USD 34,695,262,390 with half of it in 2024), plus the quarter of GBP 2.5 bn
    # that nine months instead of six add: USD 3,182,664,340 / 4 = 795,666,085.
    assert (summary.year, summary.value_usd, summary.signed_with_value) == (
        2024,
        34_695_262_390 + 795_666_085,
        17,
    )
    assert report.newer_data == "2026-06-25"  # the bundled later data is not applied yet
    assert report.made_on == DAY and report.rows == []  # the parties are listed for the page
    assert len(tracker.progress(page=True).rows) == 23


def test_progress_as_of_a_past_date_counts_what_was_signed_by_then(tracker):
    # By 2024-02-29: the United Kingdom, Germany, France, Denmark, Canada, Italy (2024-02-24).
    summary = tracker.progress(as_of=date(2024, 2, 29)).summary
    assert summary.signed == 6 and summary.as_of == "2024-02-29"


def test_the_history_is_read_afresh_each_time_it_is_asked_for(tracker):
    tracker.add("Czechia", PartyFields(status="planned"))
    history = tracker.history("Czechia")
    assert history.changes == 1
    first = [entry.action for entry in history.entries()]
    assert first == ["add"] and [e.action for e in history.entries()] == first


def test_a_pledge_is_valued_at_the_ecb_rate_of_its_day(tracker):
    given = PledgeFields("11.5bn", "EUR", "2026", kind="military", announced_on="2024-07-18",
                         source="https://example.org/de")  # fmt: skip
    added = tracker.add_pledge("Germany", given)
    pledge = added.item
    # ECB reference rate of 2024-07-18: 1 EUR = 1.093 USD; 11.5 bn x 1.093 = 12,569,500,000.
    assert (pledge.usd_rate, pledge.usd_rate_date) == ("1.093", "2024-07-18")
    assert pledge.value_usd == 12_569_500_000
    listed = tracker.pledges("Germany", year=2026).entries
    assert [(e.item.id, e.figure.value_usd) for e in listed] == [(pledge.id, 12_569_500_000)]


def test_an_unknown_kind_of_pledge_is_bad_input(tracker):
    with pytest.raises(BadInput, match="unknown kind 'tanks'"):
        tracker.pledges(kind="tanks")


def test_a_dry_run_import_plans_and_writes_nothing(tmp_path):
    # The bundled later data's sources were checked to 2026-07-05: that day, it all happened.
    tracker = Tracker.open(tmp_path / "later.db", today=lambda: date(2026, 7, 5))
    try:
        tracker.list_parties()  # the database made and seeded
        before = dump(tmp_path / "later.db")
        imported = tracker.import_file(None, dry_run=True)
        assert imported.dry_run and imported.plan.parties["add"] == 9
        assert dump(tmp_path / "later.db") == before
        with pytest.raises(BadInput, match="after today"):  # a day before Ireland signed
            Tracker.open(tmp_path / "earlier.db", today=lambda: DAY).import_file(None)
    finally:
        tracker.close()


def test_the_seed_has_no_problem_to_check(tracker):
    assert tracker.check() == []


def test_a_removal_is_asked_before_it_is_written(tracker, tmp_path):
    asked = []

    def no(question):
        asked.append(question)
        raise KeyboardInterrupt  # the interface's way to stop; nothing is written

    tracker.list_parties()
    before = dump(tmp_path / "tracker.db")
    with pytest.raises(KeyboardInterrupt):
        tracker.remove("Poland", confirm=no)
    assert asked == ["Stop tracking Poland (signed)?"]
    assert dump(tmp_path / "tracker.db") == before


# ------------------------------------------- what mutation testing showed untested


def test_a_tracker_is_opened_on_a_store_given_and_closes_it(tmp_path):
    from agreements_cli.store.database import Store

    store = Store.open(tmp_path / "given.db")
    given = Tracker(store, today=lambda: DAY)
    assert given.store is store and given.list_parties().rows == []  # no seed given
    given.add("Czechia", PartyFields(status="planned"))
    assert given.saved
    given.close()
    with pytest.raises(StoreError, match="Cannot operate on a closed database"):
        store.parties.all()  # the store it was given is closed with it


def test_a_closed_tracker_opens_its_database_again(tracker):
    assert len(tracker.list_parties().rows) == 23
    tracker.close()
    assert len(tracker.list_parties().rows) == 23


def test_the_stored_goal_is_the_timelines_and_db_infos_default(tracker, tmp_path):
    tracker.list_parties()
    with sqlite3.connect(tmp_path / "tracker.db") as conn:
        conn.execute("UPDATE settings SET value = '30' WHERE key = 'goal'")
    assert tracker.timeline().months[0].goal == 30 and tracker.timeline(40).months[0].goal == 40
    info = tracker.info()
    assert info["goal"] == 30
    # Seeded when the database was made: recorded in UTC, to the second.
    assert info["seeded_at"].endswith("+00:00") and len(info["seeded_at"]) == 25


def test_the_pages_parties_are_as_of_the_date_asked_for(tracker):
    tracker.add_pledge("Germany", PledgeFields("1bn", "EUR", "2024", announced_on="2024-07-01",
                                               source="https://example.org/de"))  # fmt: skip
    now = {row.code: row.pledge_count for row in tracker.progress(page=True).rows}
    then = tracker.progress(as_of=date(2024, 6, 30), page=True)
    before = {row.code: row.pledge_count for row in then.rows}
    assert (now["DE"], before["DE"]) == (2, 1)


def test_a_ledger_is_dated_as_asked_and_an_item_of_a_party_not_tracked_shows_its_code(
    tracker, tmp_path
):
    ledger = tracker.pledges(as_of=date(2024, 3, 1))
    assert ledger.dated.as_of == "2024-03-01"
    with sqlite3.connect(tmp_path / "tracker.db") as conn:
        conn.execute("UPDATE pledges SET code = 'ZZ' WHERE code = 'DE'")
    assert [e.country for e in tracker.pledges().entries if e.item.code == "ZZ"] == ["ZZ"]


def test_an_unknown_kind_names_the_kinds(tracker):
    with pytest.raises(BadInput) as refused:
        tracker.pledges(kind="tanks")
    assert refused.value.reason == (
        "unknown kind 'tanks'. Use one of: military, financial, humanitarian, mixed, unspecified"
    )


def test_an_export_counts_its_parties(tracker):
    assert tracker.export().parties == 23


def test_a_status_not_given_is_named_as_empty(tracker):
    with pytest.raises(BadInput, match="^unknown status ''"):
        tracker.add("Czechia", PartyFields())


def test_an_update_says_which_party_it_left_as_it_was(tracker):
    same = tracker.update("DE", PartyFields(place="Berlin"))
    assert (same.country, same.code, same.changes) == ("Germany", "DE", None)


def test_an_effective_date_after_today_is_named_so(tracker):
    with pytest.raises(BadInput) as refused:
        tracker.remove("Poland", on=date(2024, 7, 21))
    assert refused.value.reason.startswith("effective date 2024-07-21 is after today (2024-07-18)")


def test_a_pledges_note_is_kept(tracker):
    given = PledgeFields("5m", "EUR", "2024", announced_on="2024-07-01", note="for demining")
    assert tracker.add_pledge("Latvia", given).item.note == "for demining"


def test_removing_an_item_asks_about_it_by_its_partys_name(tracker):
    asked = []
    (pledge,) = [e.item for e in tracker.pledges("Germany").entries]
    removed = tracker.remove_item("pledge", pledge.id, confirm=asked.append)
    assert asked == [f"Remove pledge {pledge.id} of Germany (DE): EUR 7.1 bn (2024, mixed)?"]
    assert (removed.country, removed.item) == ("Germany", pledge)
    with pytest.raises(KeyError):
        tracker.store.items("pledges")  # a kind is named, not guessed


def test_an_import_writes_and_merges_by_default_and_is_not_the_bundled_data(tracker):
    data = {"parties": [{"code": "CZ", "status": "negotiating", "since": "2024-07-01",
                         "source": "https://example.org/cz"}]}  # fmt: skip
    imported = tracker.import_data(data)
    assert imported.dry_run is False and imported.plan.parties["add"] == 1
    assert len(tracker.list_parties().rows) == 24  # the parties not in the file stay
    assert tracker.progress().newer_data == "2026-06-25"  # not the bundled data applied


def test_the_currency_alone_changes_the_pledge(tracker):
    updated = tracker.update("Germany", PartyFields(currency="USD"))
    assert updated.changes == (
        "pledge EUR 7.1 bn (2024, mixed) -> USD 7.1 bn (2024, mixed)"
    )  # fmt: skip


def test_a_field_and_a_first_pledge_changed_together_read_as_one_line(tracker):
    tracker.add("Czechia", PartyFields(status="negotiating"))
    updated = tracker.update("Czechia", PartyFields(place="Prague", amount="1bn", currency="CZK",
                                                    period="2024"))  # fmt: skip
    assert (
        updated.changes == "place (none) -> Prague; pledge (none) -> CZK 1 bn (2024, unspecified)"
    )


def test_back_in_the_count_a_reason_for_leaving_it_is_refused(tracker):
    tracker.add("Croatia", PartyFields(status="signed", signed_on="2024-07-09", counted=False,
                                       count_reason="not in the official count"))  # fmt: skip
    with pytest.raises(BadInput) as refused:
        tracker.update("Croatia", PartyFields(counted=True, count_reason="still out"))
    assert refused.value.fix is Fix.NOT_COUNTED_OR_NO_REASON
    back = tracker.update("Croatia", PartyFields(counted=True))
    assert "counted no -> yes" in back.changes and "count_reason" in back.changes


def test_a_database_with_no_stored_goal_counts_toward_32(tmp_path):
    from agreements_cli.store.database import Store

    bare = Tracker(Store.open(tmp_path / "bare.db"), today=lambda: DAY)  # no seed: no goal
    try:
        assert bare.info()["goal"] == 32
        bare.add("Czechia", PartyFields(status="signed", signed_on="2024-07-18"))
        assert bare.timeline().months[0].goal == 32
    finally:
        bare.close()


def test_a_file_is_imported_and_merged_unless_asked_otherwise(tracker, tmp_path):
    import json

    path = tmp_path / "one.json"
    path.write_text(json.dumps({"parties": [{"code": "CZ", "status": "planned",
                                             "since": "2024-07-01"}]}), encoding="utf-8")  # fmt: skip
    imported = tracker.import_file(str(path))
    assert imported.dry_run is False and imported.plan.parties["remove"] == 0
    assert len(tracker.list_parties().rows) == 24


def test_the_day_after_the_trackers_today_is_judged_by_the_latest_day_on_earth(
    tracker, monkeypatch
):
    """With the clock where UTC+14 has reached the next day, that day is not yet the future;
    with it where it has not, it is."""
    from agreements_cli import rules

    monkeypatch.setattr(rules, "latest_day", lambda today: today)
    with pytest.raises(BadInput, match="signing date 2024-07-19 is after today"):
        tracker.add("Czechia", PartyFields(status="signed", signed_on="2024-07-19"))
    monkeypatch.setattr(rules, "latest_day", lambda today: date(2024, 7, 19))
    added = tracker.add("Czechia", PartyFields(status="signed", signed_on="2024-07-19"))
    assert added.party.signed_on == "2024-07-19"


def test_an_update_refuses_a_field_that_cannot_be_emptied_and_changes_nothing(tracker):
    """Through the library as through the command line: a bad value is bad input, never an
    error of Python's, and nothing is written."""
    before = dump(tracker.store.path)
    with pytest.raises(BadInput) as refused:
        tracker.update("Poland", PartyFields(cleared=frozenset({"country"})))
    assert (refused.value.reason, refused.value.fix) == (
        "'country' is not a field that can be emptied", Fix.CLEARABLE)  # fmt: skip
    with pytest.raises(BadInput) as both:
        tracker.update("Poland", PartyFields(note="x", cleared=frozenset({"note"})))
    assert both.value.reason == "note is both given and to be emptied; give one"
    assert dump(tracker.store.path) == before


def test_a_list_in_an_unknown_order_is_bad_input(tracker):
    with pytest.raises(BadInput) as refused:
        tracker.list_parties(sort="colour")
    assert refused.value.reason == (
        "unknown sort 'colour'. Use one of: signed_on, country, code, status, value_usd"
    )
