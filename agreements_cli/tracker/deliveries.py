"""The use cases of what was done against the pledges: a figure recorded, the ledger of
figures listed, and the report of promised against done."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from agreements_cli import delivered
from agreements_cli.deliveries import MEASURES, Delivery
from agreements_cli.done import build_delivery
from agreements_cli.errors import BadInput, Fix
from agreements_cli.records import Party
from agreements_cli.results import Dated, DeliveryFields, ItemAdded
from agreements_cli.rules import check_year
from agreements_cli.tracker.terms import Terms


class DeliveryEntry(NamedTuple):
    figure: Delivery
    country: str


class DeliveryLedger(NamedTuple):
    entries: list[DeliveryEntry]
    dated: Dated


class DeliveredReport(NamedTuple):
    report: delivered.PromisedDone
    dated: Dated
    year: int | None


class Deliveries(Terms):
    def add_delivery(self, country: str, given: DeliveryFields) -> ItemAdded:
        """Record a figure of what a tracked party did; its USD and EUR values are
        computed now, at the ECB rates of the day it was stated. The pledge it answers,
        when given, is one of the same party's."""

        today = self.today()
        who = self._party(country)
        figure = build_delivery(
            who.code,
            given.amount,
            given.currency,
            measure=given.measure,
            period=given.period,
            stated_on=given.stated_on or today.isoformat(),
            reporter=given.reporter,
            today=today,
            cumulative=given.cumulative,
            channel=given.channel,
            qualifier=given.qualifier,
            kind=given.kind,
            instrument=given.instrument,
            pledge=given.pledge,
            source=given.source,
            note=given.note,
        )
        if given.pledge is not None:
            answered = self.writable.pledges.get(given.pledge)
            if answered.code != who.code:
                raise BadInput(
                    f"pledge {given.pledge} is of {answered.code}, not {who.code}",
                    Fix.LIST_ITEMS,
                    entity="pledge",
                )
        return self._add_item("delivery", who, figure)

    def deliveries(
        self,
        country: str | None = None,
        year: int | None = None,
        measure: str | None = None,
        as_of: date | None = None,
    ) -> DeliveryLedger:
        """The figures of what was done, by the day they were stated (of one party, of
        one measure, of those in one year)."""

        code = self._party(country).code if country else None
        wanted = measure.strip().lower() if measure is not None else None
        if wanted is not None and wanted not in MEASURES:
            raise BadInput(f"unknown measure {measure!r}. Use one of: {', '.join(MEASURES)}")
        check_year(year)
        names = {row.code: row.country for row in self.store.parties.all()}
        entries = [
            DeliveryEntry(figure, names.get(figure.code, figure.code))
            for figure in self.store.deliveries.all(code, as_of)
            if (wanted is None or figure.measure == wanted)
            and (year is None or figure.year == year)
        ]
        return DeliveryLedger(entries, self._dated(as_of))

    def delivered(
        self,
        countries: Sequence[str] = (),
        year: int | None = None,
        as_of: date | None = None,
    ) -> DeliveredReport:
        """Promised against done (see ``delivered``): every tracked party (or those
        ``countries`` name) with a pledge or a figure, by year (or for ``year``), as the
        tracker showed them on ``as_of``."""

        check_year(year)
        rows: list[Party] = (
            self._parties_named(countries, as_of)
            if countries
            else self.store.parties.all(as_of=as_of)
        )
        dated = self._dated(as_of)
        report = delivered.promised_done(
            rows,
            self.store.pledges.all(as_of=as_of),
            self.store.deliveries.all(as_of=as_of),
            dated.as_of or dated.data_as_of,
            year,
        )
        return DeliveredReport(report, dated, year)
