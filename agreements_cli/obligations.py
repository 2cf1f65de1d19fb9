"""The calendar of what the agreements oblige: the day each one ends (its signing date and
its stated duration), the last day to give notice before it, the review it promises, the
end of each pledge's period, and the ratifications still pending (undated). Derived from
the terms and pledges as recorded; a date no term states is never made up."""

from __future__ import annotations

import calendar as months
import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from agreements_cli.records import Party, Pledge, Term
from agreements_cli.wording import pledge_words

KINDS = ("expiry", "notice", "review", "pledge_ends", "ratification_pending")


class Obligation(NamedTuple):
    on: str | None  # None: undated (a ratification still pending)
    code: str
    country: str
    kind: str  # one of KINDS
    title: str
    source: str | None

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()


OBLIGATION_FIELDS = Obligation._fields


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (29 February: the 28th in a common year)."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, months.monthrange(year, day.month)[1]))


def months_before(day: date, count: int) -> date:
    """The same day ``count`` months earlier (or the month's last day, when it is shorter)."""
    index = day.year * 12 + day.month - 1 - count
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def _whole(term: Term | None, unit: str) -> int | None:
    """A stated whole number of ``unit`` (10 years, 6 months), else None."""
    if term is None or term.status != "stated" or term.unit != unit or term.value is None:
        return None
    return int(term.value) if term.value.isdigit() else None


def obligations(
    parties: Sequence[Party], held: dict[tuple[str, str], Term], pledges: Iterable[Pledge]
) -> list[Obligation]:
    """Every obligation of the signed ``parties``, by date, the undated last."""
    found: list[Obligation] = []
    signed = {p.code: p for p in parties if p.status == "signed"}
    for code, party in signed.items():
        name = party.country
        whose = f"{name}'" if name.endswith("s") else f"{name}'s"  # the United States'
        signed_on = date.fromisoformat(party.signed_on) if party.signed_on else None
        duration = held.get((code, "duration"))
        years = _whole(duration, "years")
        if signed_on is not None and years is not None and duration is not None:
            ends = years_after(signed_on, years)
            nato = held.get((code, "nato_accession"))
            early = (
                ", or on Ukraine's accession to NATO"
                if nato is not None
                and nato.status == "stated"
                and nato.value == "ends_on_accession"
                else ""
            )
            found.append(Obligation(
                ends.isoformat(), code, name, "expiry",
                f"{whose} agreement ends: {years} years from its signing on "
                f"{party.signed_on}{early}",
                duration.source,
            ))  # fmt: skip
            extension = held.get((code, "extension"))
            notice = _whole(extension, "months")
            if notice is not None and extension is not None:
                found.append(Obligation(
                    months_before(ends, notice).isoformat(), code, name, "notice",
                    f"{name}: last day to give notice on extending the agreement "
                    f"({notice} months before it ends on {ends.isoformat()})",
                    extension.source,
                ))  # fmt: skip
        review = held.get((code, "review"))
        within = _whole(review, "years")
        if signed_on is not None and within is not None and review is not None:
            found.append(Obligation(
                years_after(signed_on, within).isoformat(), code, name, "review",
                f"{whose} agreement to be reviewed by now ({within} years from its signing)",
                review.source,
            ))  # fmt: skip
        ratification = held.get((code, "ratification"))
        if (
            ratification is not None
            and ratification.status == "stated"
            and (ratification.value == "pending")
        ):
            found.append(Obligation(
                None, code, name, "ratification_pending",
                f"{whose} agreement awaits ratification", ratification.source,
            ))  # fmt: skip
    for pledge in pledges:
        owner = signed.get(pledge.code)
        if owner is None:
            continue
        last = months.monthrange(pledge.last_year, pledge.last_month)[1]
        ends = date(pledge.last_year, pledge.last_month, last)
        found.append(Obligation(
            ends.isoformat(), pledge.code, owner.country, "pledge_ends",
            f"{owner.country}: the period of its pledge of {pledge_words(pledge)} ends",
            pledge.source,
        ))  # fmt: skip
    found.sort(key=lambda o: (o.on is None, o.on or "", o.country, KINDS.index(o.kind)))
    return found


def between(found: Iterable[Obligation], start: date | None, end: date | None) -> list[Obligation]:
    """Those dated from ``start`` to ``end`` (either open), and every undated one."""
    first = start.isoformat() if start else None
    last = end.isoformat() if end else None
    return [
        o
        for o in found
        if o.on is None or ((first is None or o.on >= first) and (last is None or o.on <= last))
    ]


def ics(found: Sequence[Obligation], stamp: str) -> bytes:
    """An iCalendar file (RFC 5545): each dated obligation an all-day event, each undated
    one a to-do; ``stamp`` (the data's date) is every entry's DTSTAMP, so that the same data
    gives the same file."""
    from icalendar import Calendar, Event, Todo  # (calendar --format ics alone loads it)

    stamped = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", "-//agreements//Ukraine's bilateral security agreements//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Ukraine's security agreements: obligations")
    for o in found:
        entry = Event() if o.on else Todo()
        entry.add("uid", f"{o.kind}-{o.code}-{o.on or 'undated'}-{_digest(o.title)}@agreements")
        entry.add("dtstamp", stamped)
        entry.add("summary", o.title)
        if o.on:
            day = date.fromisoformat(o.on)
            entry.add("dtstart", day)
            entry.add("dtend", day + timedelta(days=1))
            entry.add("transp", "TRANSPARENT")
        if o.source:
            entry.add("url", o.source)
            entry.add("description", f"Source: {o.source}")
        entry.add("categories", [o.kind])
        cal.add_component(entry)
    return cal.to_ical()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]
