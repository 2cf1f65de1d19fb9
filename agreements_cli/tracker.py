"""The use cases: one method for each thing a user does with the tracker.

A ``Tracker`` is opened on a store and a clock (today's date, asked for when a rule needs
it). Each method takes values already parsed from the user's words, applies the rules,
reads or writes the store, and returns a typed result; it names no command line option.
Anything it refuses is an ``AgreementsError`` with a reason and a fix for the interface
to word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from agreements_cli import reports, totals
from agreements_cli.errors import (
    AgreementsError,
    AlreadyTracked,
    BadInput,
    Fix,
    NotTracked,
    StoreError,
)
from agreements_cli.records import (
    Edit,
    Entry,
    ImportPlan,
    Listed,
    Milestone,
    Party,
    Pledge,
    Problem,
    Tick,
)
from agreements_cli.results import (
    Added,
    Dated,
    Exported,
    History,
    Imported,
    InFull,
    ItemAdded,
    ItemRemoved,
    Ledger,
    PartyFields,
    PartyList,
    PledgeFields,
    PledgesImported,
    ProgressReport,
    Published,
    Removed,
    Timeline,
    Undone,
    Updated,
)
from agreements_cli.store import Store
from agreements_cli.store.files import missing

# Asked before a change only undo can take back: returns to go on, raises to stop (the
# interface asks on a terminal; a script goes on).
Confirm = Callable[[str], None]


def _go_ahead(question: str) -> None:
    """Go on without asking."""


class Tracker:
    """The tracker of one database. Its store is opened when a use case first needs it,
    after the values it was given are checked: a refused command leaves a database it
    would have created uncreated."""

    def __init__(
        self, store: Store | Callable[[bool], Store], today: Callable[[], date] = date.today
    ):
        self._store = store if isinstance(store, Store) else None
        self._open = None if isinstance(store, Store) else store
        self.today = today

    @classmethod
    def open(
        cls, path: Path, today: Callable[[], date] = date.today, named: bool = False
    ) -> Tracker:
        """The tracker of the database at ``path``, created and seeded from the bundled
        seed when new (on first use). A ``named`` path (one the user gave) is created only
        by a change, in a folder that is there: a read of a file that is not there says so
        and creates nothing."""

        def opener(create: bool) -> Store:
            if named and not create and not (path.exists() or path.is_symlink()):
                raise missing(path)
            return Store.open(path, seed=_bundled_seed, folders=not named)

        return cls(opener, today)

    @property
    def store(self) -> Store:
        """The database, opened to read (see ``open``)."""
        if self._store is None:
            assert self._open is not None
            self._store = self._open(False)
        return self._store

    @property
    def writable(self) -> Store:
        """The database, opened to change: created and seeded if it is not there yet."""
        if self._store is None:
            assert self._open is not None
            self._store = self._open(True)
        return self._store

    @property
    def saved(self) -> bool:
        """Whether a change it was asked for has been committed."""
        return self._store is not None and self._store.saved

    def create(self) -> bool:
        """Create, migrate and seed the database as the first change would; whether it was
        not there before."""
        new = self._store is None and self._open is not None and not self._exists()
        self.writable  # noqa: B018
        return new

    def _exists(self) -> bool:
        try:
            self.store  # noqa: B018
        except StoreError as error:
            if error.fix is Fix.CREATE_DATABASE:
                return False
            raise
        return True

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # ------------------------------------------------------------- helpers

    def _party(self, country: str) -> Any:
        """The country ``country`` names (any name, alias or code)."""
        from agreements_cli import countries

        return countries.resolve(country)

    def _tracked(self, country: str) -> Party:
        who = self._party(country)
        row = self.store.parties.get(who.code)
        if row is None:
            raise _not_tracked(who)
        return row

    def data_as_of(self, day: date | None = None) -> str | None:
        """How current the data shown for ``day`` (None: now) is."""
        snapshot = self.store.settings.all().get("snapshot")
        return reports.data_date(self.store.log.latest_change(), snapshot, day)

    def _dated(self, day: date | None) -> Dated:
        return Dated(day.isoformat() if day else None, self.data_as_of(day))

    def _listed(
        self, rows: list[Party], pledges: list[Pledge], as_of: str | None, year: int | None
    ) -> list[Listed]:
        """``rows`` as listed, with ``pledges`` (those by ``as_of``) and their stages then,
        each party with its figures for ``year``."""
        return reports.list_rows(rows, pledges, self.store.milestones.stages(as_of), year)

    # --------------------------------------------------------------- reads

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
        from agreements_cli.rules import parse_sort, parse_status

        wanted = [parse_status(s) for s in statuses]
        sort = parse_sort(sort)
        asked = as_of.isoformat() if as_of else None
        by_value = sort == "value_usd"
        everyone = self.store.parties.all(as_of=asked)
        pledges = self.store.pledges.all(as_of=asked)
        dated = self._dated(as_of)
        _, year = reports.money_year(everyone, pledges, dated.data_as_of, year)
        rows = self.store.parties.all(wanted, "country" if by_value else sort, asked)
        listed = self._listed(rows, pledges, asked, year)
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
            then = next((p for p in self.store.parties.all(as_of=asked) if p.code == row.code),
                        None)  # fmt: skip
            if then is None:
                raise NotTracked(f"{row.country} was not tracked on {asked}", Fix.SEE_LIST)
            row = then
        pledges = self.store.pledges.all(row.code, asked)
        everyone = self.store.parties.all(as_of=asked)
        every_pledge = self.store.pledges.all(as_of=asked)
        _, year = reports.money_year(everyone, every_pledge, self.data_as_of(as_of))
        listed = self._listed([row], pledges, asked, year)[0]
        events = self.store.log.events(row.code)
        if asked is not None:  # only the changes that had taken effect, each described once
            events = [event for event in events if event.effective_on <= asked]
        history = [reports.describe_event(event) for event in events]
        return InFull(
            listed,
            pledges,
            self.store.milestones.all(row.code, asked),
            history,
            totals.by_year(pledges),
            self._dated(as_of) if as_of else None,
        )

    def history(
        self, country: str | None = None, since: date | None = None, limit: int | None = None
    ) -> History:
        """The change log, newest first (of one party, recorded on or after ``since``, the
        newest ``limit`` changes), as `history` shows it: read an event at a time, so that
        a long log costs no more memory than a short one."""
        code = self._party(country).code if country else None
        log = self.store.log
        day = since.isoformat() if since else None
        return History(log.count_of(code, day, limit),
                       lambda: map(reports.describe_event, log.stream(code, day, limit)))  # fmt: skip

    def progress(
        self, goal: int | None = None, year: int | None = None, as_of: date | None = None
    ) -> ProgressReport:
        """Signed, negotiating, planned and not yet tracked against the goal, and the money
        pledged for each year, on ``as_of`` (None: now)."""
        asked = as_of.isoformat() if as_of else None
        rows = self.store.parties.all(as_of=asked)
        settings = self.store.settings.all()
        pledges = self.store.pledges.all(as_of=asked)
        log = self.store.log
        _, checked = self.data_dates()
        summary = reports.progress_summary(
            rows,
            pledges,
            settings,
            goal,
            as_of,
            self.data_as_of(as_of),
            year,
            last_change=log.latest_change(),
            sources_checked=checked,
        )
        now = rows if as_of is None else self.store.parties.all()
        listed = self._listed(rows, pledges, asked, summary.year)
        return ProgressReport(summary, listed, self._newer_data(now), self.today())

    def _newer_data(self, rows: list[Party]) -> str | None:
        """The date of the bundled later data when the database (whose parties now are
        ``rows``) does not have it yet; else None."""
        from agreements_cli.formats import bundled

        log = self.store.log
        earlier = any(log.applied(bundled.origin(name)) for name in bundled.EARLIER)
        return bundled.newer_data(rows, log.applied(bundled.ORIGIN), earlier)

    def timeline(self, goal: int | None = None, as_of: date | None = None) -> Timeline:
        """Signings by month, with the running total against the goal; with ``as_of``, as
        the tracker showed them on that date, to its month."""
        goal = goal or reports.stored_goal(self.store.settings.all())
        asked = as_of.isoformat() if as_of else None
        data = self.data_as_of(as_of)
        signings = self.store.parties.signings(asked)
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
        from agreements_cli.records import EARLIEST_YEAR, KINDS, LATEST_YEAR

        code = self._party(country).code if country else None
        wanted = kind.strip().lower() if kind is not None else None
        if wanted is not None and wanted not in KINDS:  # (an empty kind is none of them)
            raise BadInput(f"unknown kind {kind!r}. Use one of: {', '.join(KINDS)}")
        if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise BadInput(f"year {year} is outside {EARLIEST_YEAR}-{LATEST_YEAR}. Check the year")
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
        items = self.store.items(entity).all(code, day.isoformat() if day else None)
        return [Entry(item, names.get(item.code, item.code)) for item in items]

    def check(self) -> list[Problem]:
        """What needs attention: values agreements never writes, then the data's problems
        (see ``checks``). Empty when all is well."""
        from agreements_cli.checks import problems

        store = self.store
        with store.lenient() as met:  # values another program wrote, named rather than refused
            rows, latest = store.parties.all(), store.log.latest_rows()
            milestones, pledges = store.milestones.all(), store.pledges.all()
            settings = store.settings.all()
            store.log.events()
            logged = {entity: store.log.latest_items(entity) for entity in ("milestone", "pledge")}
        found = [Problem(line) for line in met]
        return found + problems(rows, latest, self.today(), milestones, pledges, settings,
                                logged)  # fmt: skip

    def info(self) -> dict[str, Any]:
        """The file, its size and schema, parties by status, milestones and pledges, the
        last change, the data's date."""
        from agreements_cli.records import STATUSES

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

    def export(self) -> Exported:
        """Every tracked party, with its pledges and milestones, as a data file."""
        from agreements_cli.formats.datafile import export_data

        store = self.store
        rows = store.parties.all()
        data_as_of, checked = self.data_dates()
        data = export_data(
            rows, store.settings.all(), store.log.since(), store.milestones.all(),
            store.pledges.all(), data_as_of, checked,
        )  # fmt: skip
        return Exported(data, len(rows))

    def data_dates(self) -> tuple[str | None, str | None]:
        """The data's date, and the latest day the sources of the data files it took in
        were checked: the bundled data's, or a file's that says it (None: neither)."""
        from agreements_cli.formats import bundled
        from agreements_cli.formats.datafile import checked_on

        log = self.store.log
        days = [bundled.sources_checked(log.applied), checked_on(log.origins())]
        return self.data_as_of(), max((day for day in days if day), default=None)

    def published(self) -> Published:
        """What a publication shows: `progress`'s summary now, and the rows of the tables
        the library derives (``publish.tables.derived``) from the parties and pledges."""
        from agreements_cli.publish import tables

        summary = self.progress().summary
        rows, pledges = self.store.parties.all(), self.store.pledges.all()
        derived = tables.derived(summary, rows, pledges, self.timeline().months)
        return Published(summary, derived, pledges)

    def package(self) -> Any:
        """The parties, pledges, milestones and change log, and the tables derived from
        them, as the tables of a data package (``publish.datapackage.Tables``), with the
        data's dates."""
        from agreements_cli.publish.datapackage import Tables
        from agreements_cli.wording import flat_change

        store = self.store
        published = self.published()
        rows = {
            "parties": [party.as_dict() for party in store.parties.all()],
            "pledges": [pledge.as_dict() for pledge in published.pledges],
            "milestones": [milestone.as_dict() for milestone in store.milestones.all()],
            "changes": map(flat_change, self.history().entries()),
            **published.tables,
        }
        return Tables(rows, *self.data_dates())

    def publish(self, target: Path) -> Published:
        """Write the copy of the database that `serve` publishes into the new file
        ``target``: every table as it is, the derived tables beside them, and each pledge
        with the years it covers (for a facet that counts it in each)."""
        import json

        from agreements_cli.publish.tables import DERIVED

        published = self.published()
        typed = {name: ([(column, kind) for column, kind, _ in DERIVED[name][1]], rows)
                 for name, rows in published.tables.items()}  # fmt: skip
        # (as text: a facet filters by the text of its value, and 2025 is never "2025")
        years = {p.id: json.dumps([str(y) for y in totals.years_covered([p])])
                 for p in published.pledges if p.id is not None}  # fmt: skip
        self.store.write_copy(target, typed, {"pledges": ("years", years)})
        return published

    # -------------------------------------------------------------- writes

    def add(self, country: str, fields: PartyFields, on: date | None = None) -> Added:
        """Start tracking a party, with its first pledge when an amount is given. A signing
        given no date is dated today; the change takes effect ``on`` (default: the signing
        date for a signature, else today)."""
        from agreements_cli.rules import (
            Draft,
            build_record,
            draft_pledge,
            effective_date,
            parse_status,
        )

        today = self.today()
        dated_today = parse_status(fields.status or "") == "signed" and not fields.signed_on
        draft = Draft(
            country=country,
            status=fields.status or "",
            signed_on=today.isoformat() if dated_today else fields.signed_on,
            place=fields.place,
            amount=fields.amount,
            currency=fields.currency,
            period=fields.period,
            source=fields.source,
            note=fields.note,
            counted=fields.counted is not False,
            count_reason=fields.count_reason,
            count_source=fields.count_source,
        )
        record = build_record(draft, today)
        on = self._not_after_today(on)
        effective = on.isoformat() if on else effective_date(record, today)
        pledge = draft_pledge(draft, record, today, effective)
        try:
            self.writable.add(record, effective, pledge)
        except AlreadyTracked as error:
            raise AgreementsError(str(error), Fix.UPDATE_INSTEAD, name=error.row.country) from None
        return Added(record, pledge, dated_today)

    def update(self, country: str, fields: PartyFields, on: date | None = None) -> Updated:
        """Change a tracked party: the fields given, and with an amount, currency or period
        its one pledge. Decided inside the write from what the database holds then, so no
        other writer's change made meanwhile is lost. ``changes`` is None when the party
        already has these values."""
        from agreements_cli.rules import parse_status

        who = self._party(country)
        status = parse_status(fields.status) if fields.status else None
        today = self.today()
        plan = _UpdatePlan(who, fields, status, today, self._not_after_today(on))
        try:
            edit = self.writable.update(who.code, plan)
        except NotTracked:
            raise _not_tracked(who) from None
        if edit is None:
            return Updated(who.name, who.code)
        return Updated(who.name, who.code, edit.row.status, plan.said, plan.signing_cleared,
                       plan.dated_today)  # fmt: skip

    def _not_after_today(self, on: date | None) -> date | None:
        """A date a change took effect: one that has come."""
        if on is not None:
            from agreements_cli.rules import parse_date

            parse_date(on.isoformat(), "effective date", self.today())
        return on

    def remove(self, country: str, on: date | None = None, confirm: Confirm = _go_ahead) -> Removed:
        """Stop tracking a party, with its pledges and milestones; recorded, undoable."""
        who = self._party(country)
        on = self._not_after_today(on)
        current = self.writable.parties.get(who.code)
        if current is None:
            raise NotTracked(
                f"{who.name} is not tracked, so there is nothing to remove", Fix.SEE_LIST
            )
        confirm(f"Stop tracking {who.name} ({current.status})?")
        self.store.remove(who.code, (on or self.today()).isoformat())
        return Removed(current)

    def undo(self, confirm: Confirm = _go_ahead) -> Undone:
        """Revert the most recent change (an add, update, remove or import)."""
        from agreements_cli.wording import batch_text

        events = self.writable.last_undoable()
        if not events:
            raise AgreementsError("nothing to undo: no change has been made since the seed")
        described = [reports.describe_event(e) for e in events]
        confirm(f"Undo the {batch_text(described)}?")
        self.store.undo(events[0].batch)
        return Undone(described)

    def add_pledge(self, country: str, given: PledgeFields) -> ItemAdded:
        """Record a pledge of a tracked party; its USD value is computed now, at the ECB
        rate of its announcement date."""
        from agreements_cli.rules import build_pledge

        today = self.today()
        who = self._party(country)
        pledge = build_pledge(
            who.code, given.amount, given.currency, given.years, today,
            per_year=given.per_year, kind=given.kind, qualifier=given.qualifier,
            announced_on=given.announced_on or today.isoformat(), source=given.source,
            note=given.note, instrument=given.instrument, tie=given.tie,
            replaces=given.replaces,
        )  # fmt: skip
        if given.replaces is not None:
            self._check_replaced(pledge, given.replaces)
        return self._add_item("pledge", who, pledge)

    def _check_replaced(self, pledge: Pledge, replaced_id: int) -> None:
        """A pledge replaces an earlier one of the same party for some of its months."""
        replaced = self.writable.pledges.get(replaced_id)
        start, end = pledge.months
        first, last = replaced.months
        if replaced.code != pledge.code:
            raise BadInput(f"pledge {replaced_id} is of {replaced.code}, not {pledge.code}",
                           Fix.REPLACES_ANOTHER, code=pledge.code)  # fmt: skip
        if start > last or end < first:
            raise BadInput(
                f"pledge {replaced_id} covers {replaced.period} and this one {pledge.period}: "
                "it would replace nothing",
                Fix.REPLACES_ANOTHER,
                code=pledge.code,
            )

    def add_milestone(
        self,
        country: str,
        step: str,
        on: str,
        source: str | None,
        note: str | None = None,
        document: str | None = None,
    ) -> ItemAdded:
        """Record a dated, sourced step of a tracked party's agreement."""
        from agreements_cli.rules import build_milestone

        who = self._party(country)
        milestone = build_milestone(who.code, step, on, self.today(), source, note, document)
        return self._add_item("milestone", who, milestone)

    def _add_item(self, entity: str, who: Any, item: Pledge | Milestone) -> ItemAdded:
        if self.writable.parties.get(who.code) is None:
            raise _not_tracked(who)
        return ItemAdded(entity, self.store.add_item(entity, item), who.name, who.code)

    def remove_item(self, entity: str, item_id: int, confirm: Confirm = _go_ahead) -> ItemRemoved:
        """Remove a milestone or pledge recorded in error; recorded, undoable."""
        from agreements_cli.wording import item_words

        found = self.writable.items(entity).get(item_id)
        who = f"{self.store.parties.country_of(found.code)} ({found.code})"
        confirm(f"Remove {entity} {item_id} of {who}: {item_words(found)}?")
        removed = self.store.remove_item(entity, item_id)
        return ItemRemoved(entity, removed, self.store.parties.country_of(found.code))

    def import_file(
        self,
        name: str | None,
        dry_run: bool = False,
        replace: bool = False,
        encoding: str | None = None,
        sheet: str | None = None,
        tick: Tick | None = None,
    ) -> Imported:
        """Add and update parties (and their milestones and pledges) from the data file
        ``name`` (JSON, CSV in ``encoding``, or a workbook's ``sheet``; '-': standard input;
        a web address; None: the later data that ships with agreements), keyed by country
        code, in one transaction planned inside it; with ``dry_run``, only the plan.
        ``tick`` hears how far the check and the write have got."""
        from agreements_cli.formats import bundled
        from agreements_cli.formats.datafile import read_file

        data = bundled.updates() if name is None else read_file(name, encoding, sheet)
        return self.import_data(data, dry_run, replace, bundled=name is None, tick=tick)

    def import_pledges(
        self,
        name: str,
        maps: Sequence[str] = (),
        dry_run: bool = False,
        encoding: str | None = None,
        sheet: str | None = None,
        tick: Tick | None = None,
    ) -> PledgesImported:
        """Add the pledges of a sheet of flat rows (CSV or a workbook's sheet; '-':
        standard input; a web address) that the ledger lacks, its columns read as the
        ``maps`` say (``pledgesheet.mapping``), in one transaction; with ``dry_run``, only
        the plan. Each pledge is checked and converted before the write lock is taken."""
        from agreements_cli.formats import pledgesheet, sheets

        raw = sheets.read_bytes(name)
        if sheets.kind(name, raw) == "json":
            raise BadInput(f"{name} is a JSON data file, not a table of pledges",
                           Fix.IMPORT_DATA_FILE)  # fmt: skip
        table = sheets.table(name, raw, encoding, sheet)
        chosen = pledgesheet.mapping(table, maps)
        rows = pledgesheet.read_rows(table, chosen, self.today(), tick)
        unread = [c for c in table.columns if c not in chosen.columns.values()
                  and (maps or c not in pledgesheet.COMPUTED)]  # fmt: skip

        def plan(current: dict[str, Party], items: dict[str, list]) -> Any:
            return pledgesheet.plan_rows(rows, current, items["pledge"])

        store = self.store if dry_run else self.writable
        if dry_run:
            planned = plan({p.code: p for p in store.parties.all()},
                           {"pledge": store.pledges.all()})  # fmt: skip
        else:
            planned = store.import_planned(plan, tick=tick)
        return PledgesImported(planned, table.read_as, unread, dry_run)

    def import_data(
        self,
        data: object,
        dry_run: bool = False,
        replace: bool = False,
        bundled: bool = False,
        tick: Tick | None = None,
    ) -> Imported:
        """Import the data file's JSON ``data`` (see ``import_file``); ``bundled``: it is
        the later data that ships with agreements."""
        from agreements_cli.formats import bundled as bundled_data
        from agreements_cli.formats.datafile import origin, plan_data

        today = self.today()
        store = self.store if dry_run else self.writable
        # The bundled data merges against the versions of it the database took in before.
        base = bundled_data.base(store.log.applied) if bundled else None

        def plan_for(current: dict[str, Party], items: dict[str, list]) -> ImportPlan:
            plan = plan_data(data, current, items, replace, today, base, tick)
            # (a file that plan_data read is a JSON object)
            named = bundled_data.ORIGIN if bundled else origin(data)  # type: ignore[arg-type]
            return plan._replace(origin=named)

        if dry_run:
            current = {row.code: row for row in store.parties.all()}
            items: dict[str, list] = {"milestone": store.milestones.all(),
                                      "pledge": store.pledges.all()}  # fmt: skip
            return Imported(plan_for(current, items), dry_run=True)
        # Planned and applied in one write transaction: nothing another writer changed
        # meanwhile is overwritten.
        return Imported(store.import_planned(plan_for, tick=tick), dry_run=False)


def _not_tracked(who: Any) -> NotTracked:
    return NotTracked(f"{who.name} is not tracked", Fix.ADD_INSTEAD, name=who.name)


class _UpdatePlan:
    """An update's decision, made from what the database holds inside the write."""

    def __init__(
        self, who: Any, fields: PartyFields, status: str | None, today: date, on: date | None
    ):
        self.who = who
        self.fields = fields
        self.status = status
        self.today = today
        self.on = on
        self.said: str | None = None
        self.signing_cleared: str | None = None
        self.dated_today = False

    def __call__(self, current: Party, pledges: list[Pledge]) -> Edit | None:
        from agreements_cli.records import changed_fields
        from agreements_cli.rules import build_record, draft_from_row, draft_pledge
        from agreements_cli.wording import changes_text, pledge_words

        fields, who = self.fields, self.who
        given = fields.given()
        money = {"amount", "currency", "period"}
        changes_money = bool(money & (fields.cleared | set(given))) or fields.per_year is not None
        if changes_money and len(pledges) > 1:
            raise BadInput(
                f"{who.name} has {len(pledges)} pledges",
                Fix.MANY_PLEDGES,
                code=who.code,
            )
        old_pledge = pledges[0] if pledges else None
        if fields.per_year is not None and old_pledge is None and "amount" not in given:
            raise BadInput(f"{who.name} has no pledge to be for each year or for all of them",
                           Fix.GIVE_AMOUNT)  # fmt: skip
        draft = draft_from_row(current, old_pledge)
        if self.status:
            draft.status = self.status
        for name, value in given.items():
            setattr(draft, name, value)
        emptied = fields.cleared | ({"currency", "period"} if "amount" in fields.cleared else set())
        for name in emptied:
            setattr(draft, name, None)
        if fields.counted is not None:
            draft.counted = fields.counted
            if fields.counted:  # back in the count: the reason for leaving it out goes
                draft.count_reason = fields.count_reason
                draft.count_source = fields.count_source
        if "signed_on" in fields.cleared and draft.status == "signed":
            raise BadInput(
                f"{who.name} is signed, so its signing date cannot be emptied",
                Fix.SIGNED_NEEDS_DATE,
            )
        if (
            draft.status != "signed"
            and current.signed_on
            and fields.signed_on is None
            and draft.signed_on
        ):
            draft.signed_on = None
            self.signing_cleared = current.signed_on
        self.dated_today = draft.status == "signed" and not draft.signed_on
        if self.dated_today:
            draft.signed_on = self.today.isoformat()
        record = build_record(draft, self.today, party=who, stored=current)
        effective_on = (
            self.on.isoformat() if self.on else _update_effective(current, record, self.today)
        )
        new_pledge = old_pledge
        if changes_money:
            new_pledge = draft_pledge(draft, record, self.today, effective_on, old_pledge,
                                      per_year=fields.per_year)  # fmt: skip
        changed = changed_fields(current, record)
        pledge_changed = new_pledge != old_pledge
        if not changed and not pledge_changed:
            return None
        was, now = current.as_dict(), record.as_dict()
        parts = [changes_text({f: [was[f], now[f]] for f in changed}, "party")] if changed else []
        if pledge_changed:
            before = pledge_words(old_pledge) if old_pledge else "(none)"
            after = pledge_words(new_pledge) if new_pledge else "(none)"
            parts.append(f"pledge {before} -> {after}")
        self.said = "; ".join(parts)
        return Edit(record, effective_on, (old_pledge, new_pledge) if pledge_changed else None)


def _update_effective(before: Party, after: Party, today: date) -> str:
    """A signature takes effect on its signing date; any other change on the day it is made."""
    from agreements_cli.rules import effective_date

    if after.signed_on and after.signed_on != before.signed_on:
        return effective_date(after, today)
    return today.isoformat()


def _bundled_seed() -> Any:
    """The seed, read (and its pledges converted) only when a new database needs it."""
    from agreements_cli.formats.datafile import load_bundled_seed

    return load_bundled_seed()
