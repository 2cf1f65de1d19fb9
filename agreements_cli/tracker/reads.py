"""The use cases that read: the parties, one in full, the change log, progress, the
timeline, the ledgers, the data's problems and the file's facts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from agreements_cli import delivered, reports, terms, totals
from agreements_cli.errors import (
    BadInput,
    Fix,
    NotTracked,
    Problem,
)
from agreements_cli.records import (
    ENTITIES,
    KINDS,
    STATUSES,
    Entry,
    Party,
    Pledge,
    Term,
)
from agreements_cli.results import (
    History,
    InFull,
    Ledger,
    PartyList,
    ProgressReport,
    Timeline,
)
from agreements_cli.rules import check_year, parse_sort, parse_status
from agreements_cli.tracker.base import Opened
from agreements_cli.vocabulary import KEY_TERMS


class Reads(Opened):
    def list_parties(
        self,
        statuses: Sequence[str] = (),
        sort: str = "signed_on",
        as_of: date | None = None,
        year: int | None = None,
    ) -> PartyList:
        """Every tracked party (of ``statuses`` only), by ``sort``: signed_on, country, code,
        status, or value_usd (largest first, unknown last), each with its figures for
        ``year`` (by default the year `progress` leads with); with ``as_of``, as the
        tracker showed them on that date. ``value_usd`` is a party's grants for the year
        (``Listed.value_usd``)."""

        wanted = [parse_status(s) for s in statuses]
        sort = parse_sort(sort)
        by_value = sort == "value_usd"
        everyone = self.store.parties.all(as_of=as_of)
        pledges = self.store.pledges.all(as_of=as_of)
        dated = self._dated(as_of)
        _, year = reports.money_year(everyone, pledges, dated.data_as_of, year)
        rows = self.store.parties.all(wanted, "country" if by_value else sort, as_of)
        listed = self._listed(rows, pledges, as_of, year)
        if by_value:
            listed.sort(key=lambda row: (row.value_usd is None, -(row.value_usd or 0)))
        newer = self._newer_data(everyone) if as_of is None else None
        return PartyList(listed, wanted, dated, year, newer)

    def show(self, country: str, as_of: date | None = None) -> InFull:
        """One party in full: every field, its pledges, milestones and history; with
        ``as_of``, as the tracker showed it on that date (the changes that had taken
        effect by then)."""
        row = self._tracked(country)
        asked = as_of.isoformat() if as_of else None
        if asked is not None:
            then = next(
                (p for p in self.store.parties.all(as_of=as_of) if p.code == row.code), None
            )
            if then is None:
                raise NotTracked(f"{row.country} was not tracked on {asked}", Fix.SEE_LIST)
            row = then
        pledges = self.store.pledges.all(row.code, as_of)
        everyone = self.store.parties.all(as_of=as_of)
        counted = self._counted_pledges(everyone, as_of)
        _, year = reports.money_year(everyone, counted, self.data_as_of(as_of))
        listed = self._listed([row], pledges, as_of, year)[0]
        events = self.store.log.events(row.code)
        if asked is not None:  # only the changes that had taken effect, each described once
            events = [event for event in events if event.effective_on <= asked]
        history = [reports.describe_event(event) for event in events]
        held = self._held(as_of, row.code)
        said: list[Term] = []
        if held or row.status == "signed":
            said = list(terms.matrix([row], held, terms.named(n for _, n in held))[0].terms)
        return InFull(
            listed,
            pledges,
            self.store.milestones.all(row.code, as_of),
            history,
            totals.by_year(pledges),
            self._dated(as_of) if as_of else None,
            said,
            self.store.deliveries.all(row.code, as_of),
        )

    def _summary(
        self,
        rows: list[Party],
        pledges: list[Pledge],
        goal: int | None = None,
        year: int | None = None,
        as_of: date | None = None,
    ) -> Any:
        """`progress`'s summary of ``rows`` and their ``pledges`` (those of the counted
        parties at least) on ``as_of``."""
        _, checked = self.data_dates()
        return reports.progress_summary(
            rows,
            pledges,
            self.store.settings.all(),
            goal,
            as_of,
            self.data_as_of(as_of),
            year,
            last_change=self.store.log.latest_change(),
            sources_checked=checked,
        )

    def _counted_pledges(self, rows: list[Party], as_of: date | None) -> list[Pledge]:
        """The pledges of the parties among ``rows`` whose figures the totals add (see
        ``totals.signed_in_count``): all that a year's total, or the year a view leads
        with, is derived from."""
        return self.store.pledges.of_parties((p.code for p in totals.signed_in_count(rows)), as_of)

    def history(
        self, country: str | None = None, since: date | None = None, limit: int | None = None
    ) -> History:
        """The change log, newest first (of one party, recorded on or after ``since``, the
        newest ``limit`` changes), as `history` shows it: read an event at a time, so that
        a long log costs no more memory than a short one."""
        code = self._party(country).code if country else None
        log = self.store.log
        day = since.isoformat() if since else None
        return History(
            log.count_of(code, day, limit),
            lambda: map(reports.describe_event, log.stream(code, day, limit)),
        )

    def progress(
        self,
        goal: int | None = None,
        year: int | None = None,
        as_of: date | None = None,
        page: bool = False,
    ) -> ProgressReport:
        """Signed, negotiating, planned and not yet tracked against the goal, and the money
        pledged for each year, on ``as_of`` (None: now); with ``page``, the signed parties'
        key terms on that day too, and promised against done (for the page)."""
        rows = self.store.parties.all(as_of=as_of)
        # The summary adds the counted parties' pledges alone; the page lists every party.
        pledges = (
            self._counted_pledges(rows, as_of) if not page else self.store.pledges.all(as_of=as_of)
        )
        summary = self._summary(rows, pledges, goal, year, as_of)
        now = rows if as_of is None else self.store.parties.all()
        listed, matrix, done = [], [], None
        if page:
            listed = self._listed(rows, pledges, as_of, summary.year)
            held = self._held(as_of)
            signed = sorted(
                (p for p in rows if p.status == "signed"),
                key=lambda p: (p.signed_on or "", p.country),
            )
            matrix = terms.matrix(signed, held, KEY_TERMS)
            done = delivered.promised_done(
                rows, pledges, self.store.deliveries.all(as_of=as_of), summary.data_as_of
            )
        return ProgressReport(summary, listed, self._newer_data(now), self.today(), matrix, done)

    def timeline(self, goal: int | None = None, as_of: date | None = None) -> Timeline:
        """Signings by month, with the running total against the goal; with ``as_of``, as
        the tracker showed them on that date, to its month."""
        goal = goal or reports.stored_goal(self.store.settings.all())
        asked = as_of.isoformat() if as_of else None
        data = self.data_as_of(as_of)
        signings = self.store.parties.signings(as_of)
        return Timeline(reports.timeline(signings, goal, asked or data), data, asked)

    def pledges(
        self,
        country: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        as_of: date | None = None,
    ) -> Ledger:
        """Pledges by announcement date (of one party, of one kind); with ``year``, those
        covering it, each with its figure for that year."""

        code = self._party(country).code if country else None
        wanted = kind.strip().lower() if kind is not None else None
        if wanted is not None and wanted not in KINDS:  # (an empty kind is none of them)
            raise BadInput(f"unknown kind {kind!r}. Use one of: {', '.join(KINDS)}")
        check_year(year)
        entries = []
        listed = self._entries("pledge", code, as_of)
        pledges = [e.item for e in listed if isinstance(e.item, Pledge)]
        spans = totals.replaced_months(pledges) if year else {}
        for entry in listed:
            pledge = entry.item
            assert isinstance(pledge, Pledge)
            figure = totals.yearly(pledge, year, spans.get(pledge.id, ())) if year else None
            if (wanted is not None and pledge.kind != wanted) or (year and figure is None):
                continue
            entries.append(Entry(pledge, entry.country, year, figure))
        return Ledger(entries, self._dated(as_of), year)

    def milestones(self, country: str | None = None, as_of: date | None = None) -> Ledger:
        """Milestones by date, oldest first (of one party)."""
        code = self._party(country).code if country else None
        return Ledger(self._entries("milestone", code, as_of), self._dated(as_of))

    def _entries(self, entity: str, code: str | None, day: date | None) -> list[Entry]:
        """A party's (or every party's) milestones or pledges by ``day``, each with its
        party's name."""
        names = {row.code: row.country for row in self.store.parties.all()}
        items = self.store.items(entity).all(code, day)
        return [Entry(item, names.get(item.code, item.code)) for item in items]

    def check(self, strict: bool = False) -> list[Problem]:
        """What needs attention: values agreements never writes, then the data's problems
        (see ``checks``); with ``strict``, every term not read from the official text too.
        Empty when all is well."""

        store = self.store
        with store.lenient() as met:  # values another program wrote, named rather than refused
            rows, latest = store.parties.all(), store.log.latest_rows()
            milestones, pledges = store.milestones.all(), store.pledges.all()
            said, done = store.terms.all(), store.deliveries.all()
            settings = store.settings.all()
            for _ in store.log.stream():  # every event read, each named if bad, none kept
                pass
            logged = {
                entity: store.log.latest_items(entity, store.items(entity).schema.record)
                for entity in ENTITIES
            }
        found = [Problem(line) for line in met]
        from agreements_cli.checks import problems  # (check alone reads them)

        return found + problems(
            rows, latest, self.today(), milestones, pledges, settings, logged, said, strict, done
        )

    def info(self) -> dict[str, Any]:
        """The file, its size and schema, parties by status, milestones and pledges, the
        last change, the data's date."""

        info = self.store.info()
        parties = self.store.parties.all()  # a status that is not one is named, as everywhere
        counts = {status: sum(p.status == status for p in parties) for status in STATUSES}
        settings = self.store.settings.all()
        info.update(
            parties=sum(counts.values()),
            by_status=counts,
            snapshot=settings.get("snapshot"),
            data_as_of=self.data_as_of(),
            seeded_at=settings.get("seeded_at"),
            goal=reports.stored_goal(settings),
        )
        return info
