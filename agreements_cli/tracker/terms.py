"""The use cases of what the agreements say: their terms as a matrix or one party's in
full, a term set or removed, parties compared term by term, the calendar of their
obligations, and what changed between two dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from agreements_cli import difference, obligations, terms
from agreements_cli.errors import BadInput, Fix, NotTracked
from agreements_cli.records import ENTITIES, Party, Term
from agreements_cli.results import Dated
from agreements_cli.rules import parse_date
from agreements_cli.tracker.writes import Writes


class TermsTable(NamedTuple):
    """Parties and their terms: ``rows`` (party, a term for each of ``names``); ``single``
    when one party was asked for (shown in full, with clauses and quotes)."""

    rows: list[terms.Row]
    names: tuple[str, ...]
    single: bool
    dated: Dated
    conditions: tuple[terms.Condition, ...] = ()


class Comparison(NamedTuple):
    parties: list[Party]
    rows: list[terms.Compared]
    dated: Dated


class Calendar(NamedTuple):
    obligations: list[obligations.Obligation]
    start: str | None
    end: str | None
    dated: Dated
    stamp: str  # the day the data stands on (its date, or the day asked for): the file's DTSTAMP


class Diff(NamedTuple):
    first: str
    last: str
    signed: list[difference.Signed]
    differences: list[difference.Difference]


class TermSet(NamedTuple):
    old: Term | None
    new: Term | None  # None: the stored term already said all of it
    country: str


class Terms(Writes):
    def _parties_named(self, countries: Sequence[str], as_of: date | None) -> list[Party]:
        """The tracked parties ``countries`` name, in that order, once each, as of the day."""
        then = {p.code: p for p in self.store.parties.all(as_of=as_of)}
        found: list[Party] = []
        for country in countries:
            row = self._tracked(country)
            party = then.get(row.code)
            if party is None:
                raise NotTracked(f"{row.country} was not tracked on {as_of}", Fix.SEE_LIST)
            if party not in found:
                found.append(party)
        return found

    def terms(
        self,
        countries: Sequence[str] = (),
        names: Sequence[str] = (),
        where: Sequence[str] = (),
        as_of: date | None = None,
    ) -> TermsTable:
        """The parties' terms on ``as_of`` (None: now): of ``countries`` (default: every
        party that has signed, and any other with a term), the terms ``names`` (default:
        the key terms; for one party, every term it has and the key terms), only the
        parties that meet every ``where`` condition."""
        chosen = tuple(terms.parse_term_name(name) for name in names)
        conditions = tuple(terms.parse_condition(text) for text in where)
        held = self._held(as_of)
        if countries:
            parties = self._parties_named(countries, as_of)
        else:
            with_terms = {code for code, _ in held}
            parties = [
                p
                for p in self.store.parties.all(sort="signed_on", as_of=as_of)
                if p.status == "signed" or p.code in with_terms
            ]
        single = len(countries) == 1
        asked = parties[0].code if single else None
        parties = [p for p in parties if terms.meets(p.code, held, conditions)]
        if not chosen:
            chosen = terms.named(name for code, name in held if code == asked)
        return TermsTable(
            terms.matrix(parties, held, chosen), chosen, single, self._dated(as_of), conditions
        )

    def compare(
        self, countries: Sequence[str], names: Sequence[str] = (), as_of: date | None = None
    ) -> Comparison:
        """Two parties or more side by side, term by term (``names``, or every term any of
        them has), saying where they differ."""
        parties = self._parties_named(countries, as_of)
        if len(parties) < 2:
            raise BadInput("compare takes two parties or more, e.g. agreements compare UK US")
        chosen = [terms.parse_term_name(name) for name in names]
        rows = terms.compare([p.code for p in parties], self._held(as_of), chosen)
        return Comparison(parties, rows, self._dated(as_of))

    def calendar(
        self, start: date | None = None, end: date | None = None, as_of: date | None = None
    ) -> Calendar:
        """The dated obligations of the signed parties from ``start`` to ``end``, with those
        still undated (a ratification pending), as the data stood on ``as_of``."""
        if start and end and start > end:
            raise BadInput(
                f"the first day {start.isoformat()} is after the last {end.isoformat()}; swap them"
            )
        parties = self.store.parties.all(as_of=as_of)
        found = obligations.obligations(
            parties, self._held(as_of), self.store.pledges.all(as_of=as_of)
        )
        dated = self._dated(as_of)
        return Calendar(
            obligations.between(found, start, end),
            start.isoformat() if start else None,
            end.isoformat() if end else None,
            dated,
            dated.as_of or dated.data_as_of or self.today().isoformat(),
        )

    def _state(self, day: date) -> difference.State:
        store = self.store
        items = {entity: store.items(entity).all(as_of=day) for entity in ENTITIES}
        return difference.State(store.parties.all(as_of=day), store.milestones.stages(day), items)

    def diff(self, first: date, last: date | None = None) -> Diff:
        """What changed from ``first`` to ``last`` (None: today): each state as the change
        log gives it, compared field by field."""
        today = self.today()
        last = last or today
        self.data_as_of(last)  # a day to come is refused
        if first > last:
            raise BadInput(
                f"the first day {first.isoformat()} is after the last {last.isoformat()}; swap them"
            )
        before, after = self._state(first), self._state(last)
        start, end = first.isoformat(), last.isoformat()
        return Diff(
            start,
            end,
            difference.signed_between(after, start, end),
            difference.differences(before, after),
        )

    def set_term(self, country: str, name: str, status: str, holds_from: str | None,
                 **given: Any) -> TermSet:  # fmt: skip
        """Record what a party's agreement says on one term, from ``holds_from`` (default:
        its signing date): a term of that day already recorded is changed, else added."""
        who = self._party(country)
        row = self.writable.parties.get(who.code)
        if row is None:
            raise NotTracked(f"{who.name} is not tracked", Fix.ADD_INSTEAD, name=who.name)
        if holds_from is not None:
            day = parse_date(holds_from, "--from", self.today())
        elif row.signed_on:
            day = date.fromisoformat(row.signed_on)
        else:
            raise BadInput(
                f"{row.country} has no signing date; give the day the term holds from: YYYY-MM-DD"
            )
        term = terms.build_term(row.code, name, status, day, **given)
        old, new = self.writable.set_item("term", term)
        return TermSet(old, new, row.country)  # type: ignore[arg-type]
