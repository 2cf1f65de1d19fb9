"""The use cases of data files (which read as the reads do): exporting, importing (a data file, the bundled data, a
sheet of pledges), and what a publication shows (the data package, the copy `serve`
publishes).

The rooms these use cases need (the readers and writers of files, the planning of an
import, the tables a publication derives) are loaded by the use case that needs them:
at the top of this module they cost every read, which only needs the class, about
4 ms of a 70 ms `list --format json` (measured with ``python -X importtime``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agreements_cli import totals
from agreements_cli.errors import (
    BadInput,
    Fix,
)
from agreements_cli.formats import bundled
from agreements_cli.formats import bundled as bundled_data
from agreements_cli.records import (
    ENTITIES,
    ImportPlan,
    Party,
    Pledge,
    Tick,
)
from agreements_cli.results import (
    Exported,
    Imported,
    PledgesImported,
    Published,
)
from agreements_cli.tracker.reads import Reads
from agreements_cli.wording import flat_change


class DataFiles(Reads):
    def export(self) -> Exported:
        """Every tracked party, with its pledges, milestones, terms and figures of what was
        done, as a data file."""

        from agreements_cli.formats.datafile import export_data

        store = self.store
        rows = store.parties.all()
        data_as_of, checked = self.data_dates()
        data = export_data(
            rows,
            store.settings.all(),
            store.log.since(),
            store.milestones.all(),
            store.pledges.all(),
            data_as_of,
            checked,
            store.terms.all(),
            store.deliveries.all(),
        )
        return Exported(data, len(rows))

    def published(self) -> Published:
        """What a publication shows: `progress`'s summary now, and the rows of the tables
        the library derives (``publish.tables.derived``) from the parties and pledges."""

        from agreements_cli.publish import tables

        rows, pledges = self.store.parties.all(), self.store.pledges.all()
        summary = self._summary(rows, pledges)  # what `progress` says now, from the same read
        done = self.store.deliveries.all()
        derived = tables.derived(summary, rows, pledges, self.timeline().months, done)
        return Published(summary, derived, pledges)

    def package(self) -> Any:
        """The parties, pledges, milestones, terms and change log, and the tables derived from
        them, as the tables of a data package (``publish.datapackage.Tables``), with the
        data's dates."""

        from agreements_cli.publish.datapackage import Tables

        store = self.store
        published = self.published()
        rows = {
            "parties": [party.as_dict() for party in store.parties.all()],
            "pledges": map(Pledge.as_dict, published.pledges),
            "milestones": [milestone.as_dict() for milestone in store.milestones.all()],
            "terms": [term.as_dict() for term in store.terms.all()],
            "deliveries": [figure.as_dict() for figure in store.deliveries.all()],
            "changes": map(flat_change, self.history().entries()),
            **published.tables,
        }
        return Tables(rows, *self.data_dates())

    def publish(self, target: Path) -> Published:
        """Write the copy of the database that `serve` publishes into the new file
        ``target``: every table as it is, the derived tables beside them, and each pledge
        with the years it covers (for a facet that counts it in each)."""

        from agreements_cli.publish.tables import DERIVED

        published = self.published()
        typed = {
            name: ([(column, kind) for column, kind, _ in DERIVED[name][1]], rows)
            for name, rows in published.tables.items()
        }
        # (as text: a facet filters by the text of its value, and 2025 is never "2025")
        years = {
            p.id: json.dumps([str(y) for y in totals.years_covered([p])])
            for p in published.pledges
            if p.id is not None
        }
        self.store.write_copy(target, typed, {"pledges": ("years", years)})
        return published

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

        from agreements_cli.formats import kiel, pledgesheet, sheets
        from agreements_cli.planning import pledgesheet as sheet_plan

        raw = sheets.read_bytes(name, large=True)
        kind = sheets.file_type(name, raw)
        if kind == "json":
            raise BadInput(
                f"{name} is a JSON data file, not a table of pledges", Fix.IMPORT_DATA_FILE
            )
        by_kiel = any(given.strip().casefold() == "kiel" for given in maps)
        header: list[str] = []

        def keep(names: list[str]) -> list[int] | None:
            header.extend(names)
            return kiel.wanted_columns(names)

        table = sheets.table(
            name,
            raw,
            encoding,
            sheet,
            keep=keep if by_kiel else None,
            pick=kiel.takes if by_kiel else None,
            large=True,
            # A release or a CSV is read row by row, never held whole; a workbook of
            # pledges is read whole first, so that a sheet not well made is named as such.
            lazy=by_kiel or kind == "csv",
        )
        del raw  # (what still needs the bytes holds them: a CSV's are decoded)
        today = self.today()
        if by_kiel and kiel.is_current(table):
            read = kiel.read(table, today, tick)
            names = set(kiel.COLUMNS.values())
            unread = [c for c in header or table.columns if kiel.folded(c) not in names]

            def plan(current: dict[str, Party], items: dict[str, list]) -> Any:
                ledger = store.pledges.keys()
                return sheet_plan.plan_kiel(read, current, ledger, items["delivery"])

        else:
            chosen = pledgesheet.mapping(table, maps)
            rows = pledgesheet.read_rows(table, chosen, today, tick)
            unread = [
                c
                for c in table.columns
                if c not in chosen.columns.values() and (maps or c not in pledgesheet.COMPUTED)
            ]

            def plan(current: dict[str, Party], items: dict[str, list]) -> Any:
                return sheet_plan.plan_rows(rows, current, store.pledges.keys())

        store = self.store if dry_run else self.writable
        needed = ("delivery",)  # (and the pledges' keys, read by the plan: Pledges.keys)
        if dry_run:
            planned = plan(
                {p.code: p for p in store.parties.all()},
                {entity: store.items(entity).all() for entity in needed},
            )
        else:
            planned = store.import_planned(plan, tick=tick, entities=needed)
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

        from agreements_cli.formats.datafile import origin
        from agreements_cli.planning.datafile import plan_data

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
            items: dict[str, list] = {entity: store.items(entity).all() for entity in ENTITIES}
            return Imported(plan_for(current, items), dry_run=True)
        # Planned and applied in one write transaction: nothing another writer changed
        # meanwhile is overwritten.
        return Imported(store.import_planned(plan_for, tick=tick), dry_run=False)
