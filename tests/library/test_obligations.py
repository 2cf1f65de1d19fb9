"""The calendar of the agreements' obligations (agreements_cli.obligations), on parties,
terms and pledges written out by hand, and the iCalendar file it writes, line by line."""

import hashlib
from datetime import date

from agreements_cli.obligations import (
    Obligation,
    between,
    ics,
    months_before,
    obligations,
    years_after,
)
from agreements_cli.records import Party, Pledge
from agreements_cli.terms import build_term, holding

GB = Party("GB", "United Kingdom", "state", "signed", True, "2024-01-12")
US = Party("US", "United States", "state", "signed", True, "2024-06-13")
GR = Party("GR", "Greece", "state", "signed", True, "2024-10-17")
BG = Party("BG", "Bulgaria", "state", "negotiating", True)
SOURCE = "https://example.org/"


def stated(code, name, value=None, unit=None, status="stated", on=date(2024, 1, 12)):
    return build_term(code, name, status, on, value=value, unit=unit, source=SOURCE + name)


def pledge(code, last_year, last_month=12):
    return Pledge(1, code, "2500000000", "GBP", 2024, last_year, False, "military", "exact",
                  "2024-01-12", SOURCE + "pledge", None, 3182664340, "1.27", "2024-01-12",
                  first_month=4 if last_month == 3 else 1, last_month=last_month)  # fmt: skip


def test_days_counted_in_years_and_months():
    assert years_after(date(2024, 1, 12), 10) == date(2034, 1, 12)
    assert years_after(date(2024, 2, 29), 10) == date(2034, 2, 28)  # no 29th in 2034
    assert years_after(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert months_before(date(2034, 2, 16), 6) == date(2033, 8, 16)
    assert months_before(date(2034, 8, 31), 6) == date(2034, 2, 28)  # the month is shorter
    assert months_before(date(2034, 1, 12), 1) == date(2033, 12, 12)  # across a year


def test_each_obligation_from_the_terms_and_pledges():
    terms = [
        stated("GB", "duration", "10", "years"),
        stated("GB", "nato_accession", "ends_on_accession"),
        stated("GB", "extension", "6", "months"),
        stated("GB", "review", "5", "years"),
        stated("US", "duration", "10", "years", on=date(2024, 6, 13)),
        stated("US", "extension", "soon", on=date(2024, 6, 13)),  # words: no date
        stated("GR", "ratification", "pending", on=date(2024, 10, 17)),
        stated("GR", "duration", "10.5", "years", on=date(2024, 10, 17)),  # no whole years
        stated("BG", "duration", "10", "years", on=date(2024, 10, 17)),  # not signed
    ]
    found = obligations(
        [GB, US, GR, BG], holding(terms), [pledge("GB", 2025, 3), pledge("BG", 2024)]
    )
    assert found == [
        Obligation("2025-03-31", "GB", "United Kingdom", "pledge_ends",
                   "United Kingdom: the period of its pledge of GBP 2.5 bn (2024-04 to 2025-03, "
                   "military) ends", SOURCE + "pledge"),
        Obligation("2029-01-12", "GB", "United Kingdom", "review",
                   "United Kingdom's agreement to be reviewed by now (5 years from its signing)",
                   SOURCE + "review"),
        Obligation("2033-07-12", "GB", "United Kingdom", "notice",
                   "United Kingdom: last day to give notice on extending the agreement (6 months "
                   "before it ends on 2034-01-12)", SOURCE + "extension"),
        Obligation("2034-01-12", "GB", "United Kingdom", "expiry",
                   "United Kingdom's agreement ends: 10 years from its signing on 2024-01-12, or "
                   "on Ukraine's accession to NATO", SOURCE + "duration"),
        Obligation("2034-06-13", "US", "United States", "expiry",
                   "United States' agreement ends: 10 years from its signing on 2024-06-13",
                   SOURCE + "duration"),
        Obligation(None, "GR", "Greece", "ratification_pending",
                   "Greece's agreement awaits ratification", SOURCE + "ratification"),
    ]  # fmt: skip


def test_what_no_term_states_gives_no_date():
    unsigned_day = GB._replace(signed_on=None)
    terms = [stated("GB", "duration", "10", "years"), stated("GB", "review", "5", "years")]
    assert obligations([unsigned_day], holding(terms), []) == []
    silent = [stated("GB", "duration", status="not_stated"),
              stated("GB", "ratification", status="not_stated")]  # fmt: skip
    assert obligations([GB], holding(silent), []) == []
    # Extension months without a duration: nothing to count back from.
    assert obligations([GB], holding([stated("GB", "extension", "6", "months")]), []) == []
    # A number without its unit is words: no date is made of it.
    assert obligations([GB], holding([stated("GB", "duration", "10")]), []) == []
    # A term read as excluded gives no date, whatever its words.
    excluded = [stated("GB", "duration", "10", "years"),
                stated("GB", "extension", "6", "months", status="excluded")]  # fmt: skip
    assert [o.kind for o in obligations([GB], holding(excluded), [])] == ["expiry"]
    # A duration in words ("as Ukraine pursues its European path") has no end date.
    assert obligations([GB], holding([stated("GB", "duration", "as long as it takes")]), []) == []
    # Ends on NATO accession only where that is stated.
    other = [stated("GB", "duration", "10", "years"),
             stated("GB", "nato_accession", "supports_membership")]  # fmt: skip
    [ends] = obligations([GB], holding(other), [])
    assert ends.title == "United Kingdom's agreement ends: 10 years from its signing on 2024-01-12"


def test_a_period_keeps_what_falls_in_it_and_every_undated_one():
    found = [Obligation("2034-01-12", "GB", "United Kingdom", "expiry", "a", None),
             Obligation("2034-06-13", "US", "United States", "expiry", "b", None),
             Obligation(None, "GR", "Greece", "ratification_pending", "c", None)]  # fmt: skip
    assert [o.title for o in between(found, date(2034, 1, 12), date(2034, 1, 12))] == ["a", "c"]
    assert [o.title for o in between(found, date(2034, 1, 13), None)] == ["b", "c"]
    assert [o.title for o in between(found, None, date(2034, 6, 12))] == ["a", "c"]
    assert [o.title for o in between(found, None, None)] == ["a", "b", "c"]


def test_the_icalendar_file_line_by_line():
    """Each dated obligation an all-day event (DTEND the next day, as RFC 5545 counts), each
    undated one a to-do; every DTSTAMP the data's date, so that the same data gives the same
    file. The properties come in the order the icalendar library writes them."""
    ends = "United Kingdom's agreement ends"
    found = [Obligation("2034-01-12", "GB", "United Kingdom", "expiry", ends, SOURCE + "d"),
             Obligation(None, "GR", "Greece", "ratification_pending", "Greece waits", None)]  # fmt: skip
    digest = {t: hashlib.sha256(t.encode()).hexdigest()[:12] for t in (ends, "Greece waits")}
    assert ics(found, "2026-06-25").decode().split("\r\n") == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//agreements//Ukraine's bilateral security agreements//EN",
        "X-WR-CALNAME:Ukraine's security agreements: obligations",
        "BEGIN:VEVENT",
        "SUMMARY:United Kingdom's agreement ends",
        "DTSTART;VALUE=DATE:20340112",
        "DTEND;VALUE=DATE:20340113",
        "DTSTAMP:20260625T000000Z",
        f"UID:expiry-GB-2034-01-12-{digest[ends]}@agreements",
        "CATEGORIES:expiry",
        "DESCRIPTION:Source: https://example.org/d",
        "TRANSP:TRANSPARENT",
        "URL:https://example.org/d",
        "END:VEVENT",
        "BEGIN:VTODO",
        "CATEGORIES:ratification_pending",
        "DTSTAMP:20260625T000000Z",
        "SUMMARY:Greece waits",
        f"UID:ratification_pending-GR-undated-{digest['Greece waits']}@agreements",
        "END:VTODO",
        "END:VCALENDAR",
        "",
    ]
