"""The open database.

A ``Store`` is composed of parts, each over the one open ``Connection``: the parties
table, the milestones and the pledges (one ``Items`` class used twice), the change log,
and the settings. Reads go to a part; every write is one transaction, here, that changes
the tables and appends to the change log together, or does nothing at all. sqlite-utils
applies the migrations (see ``migrations.py``) and is imported only when one is pending.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from agreements_cli.errors import AgreementsError, AlreadyTracked, Fix, NotTracked, StoreError
from agreements_cli.records import (
    ENTITIES,
    WRITING,
    Change,
    Edit,
    Event,
    Item,
    Party,
    Pledge,
    SeedData,
    Tick,
)
from agreements_cli.store import migrations
from agreements_cli.store.connection import Connection, recorded_now
from agreements_cli.store.items import Deliveries, Items, Milestones, Pledges, Terms
from agreements_cli.store.log import ChangeLog
from agreements_cli.store.parties import Parties
from agreements_cli.store.settings import Settings


class Opened:
    """The database, open: its parts, how it is opened (created, migrated, seeded), and
    what is read of the file itself; ``Store`` adds the writes."""

    def __init__(self, db: Connection):
        self.db = db
        self.path = db.path
        self.log = ChangeLog(db)
        self.parties = Parties(db, self.log)
        self.milestones = Milestones(db, self.log)
        self.pledges = Pledges(db, self.log)
        self.terms = Terms(db, self.log)
        self.deliveries = Deliveries(db, self.log)
        self.settings = Settings(db)

    def items(self, entity: str) -> Items[Any]:
        """The milestones, pledges, terms or figures of what was done, by their kind's name."""
        parts: dict[str, Items[Any]] = {
            "milestone": self.milestones, "pledge": self.pledges, "term": self.terms,
            "delivery": self.deliveries,
        }  # fmt: skip
        return parts[entity]

    @property
    def saved(self) -> bool:
        """Whether a change a command asked for has been committed."""
        return self.db.saved

    @contextmanager
    def lenient(self) -> Iterator[dict[str, None]]:
        """Reads that take a value agreements never writes as text instead of refusing it;
        yields the lines that name each such value met."""
        with self.db.lenient() as met:
            yield met

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls, path: Path, seed: Callable[[], SeedData] | None = None, folders: bool = True
    ) -> Self:
        """Open (creating, migrating and seeding as needed) the database at ``path``; its
        folders are made unless ``folders`` is False."""
        store = cls(Connection.open(path, folders))
        try:
            with store.db.errors():
                store._migrate(seed)
        except BaseException:
            store.close()  # leaves no -wal or -shm file beside a file that was refused
            raise
        return store

    def close(self) -> None:
        self.db.close()

    def _applied_migrations(self) -> tuple[list[str], bool]:
        """Names of our applied migrations, and whether the file has any table at all."""
        tables = {
            row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "_sqlite_migrations" not in tables:
            return [], bool(tables)
        names = [
            row[0]
            for row in self.db.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                (migrations.MIGRATION_SET,),
            )
        ]
        return names, True

    def _migrate(self, seed: Callable[[], SeedData] | None) -> None:
        applied, has_tables = self._applied_migrations()
        newer = set(applied) - set(migrations.NAMES)
        if newer:
            raise StoreError(
                f"the database {self.path} was written by a newer version of agreements "
                f"(it has migration {sorted(newer)[0]}). Upgrade agreements to use it"
            )
        if len(applied) == len(migrations.NAMES):
            return
        if not applied and has_tables:
            raise StoreError(
                f"{self.path} is an SQLite database of another program, not an agreements "
                "database; it was left untouched",
                Fix.NEW_FILE,
            )
        new = not applied
        seed_data = seed() if (new and seed) else None
        if new:
            # WAL lets readers go on while one process writes; the mode is stored in the file.
            self.db.execute("PRAGMA journal_mode = WAL")
        from sqlite_utils import Database

        with self.db.write(change=False):
            migrations.apply(Database(self.db.conn))
            if seed_data and self.settings.get("seeded_at") is None:
                self._write_seed(seed_data)

    def _write_seed(self, seed: SeedData) -> None:
        batch = self.log.next_batch()
        recorded = recorded_now()
        for key, value in {**seed.settings, "seeded_at": recorded}.items():
            self.settings.put(key, value)
        for row, effective_on in seed.rows:
            self.parties.insert(row)
            self.log.append(batch, row.code, "seed", effective_on, recorded, None, row)
        listings: list[tuple[Items[Any], dict[str, list]]] = [
            (self.milestones, seed.milestones), (self.pledges, seed.pledges),
            (self.pledges, seed.added_pledges), (self.terms, seed.terms or {}),
            (self.deliveries, seed.deliveries or {}),
        ]  # fmt: skip
        for items, listed in listings:
            for code, found in listed.items():
                country = next(row.country for row, _ in seed.rows if row.code == code)
                for item in found:
                    items.change(batch, "seed", recorded, None, item, country)

    def write_copy(
        self,
        target: Path,
        tables: Mapping[str, tuple[Sequence[tuple[str, str]], Iterable[dict]]],
        added: Mapping[str, tuple[str, Mapping[int, str]]],
    ) -> None:
        """Write a copy of the database to publish into the new file ``target``, with the
        derived ``tables`` and the ``added`` columns (see ``copy.write``)."""
        with self.db.errors():
            from agreements_cli.store import copy  # (serve alone writes one)

            copy.write(self.db.conn, target, tables, added)

    # ------------------------------------------------------------------- reads

    def info(self) -> dict:
        """Facts about the file for `db info`: schema, counts, the last change."""
        with self.db.errors():
            # What is in the write-ahead log goes into the file first, so that its size is
            # the data's (a new database is otherwise 4 KB with everything in the log).
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            applied = [
                row[0]
                for row in self.db.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
                    (migrations.MIGRATION_SET,),
                )
            ]
            events, milestones, pledges, terms, deliveries = (
                self.log.count(), self.milestones.count(), self.pledges.count(),
                self.terms.count(), self.deliveries.count(),
            )  # fmt: skip
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,  # the file it opened
            "schema": applied[-1],  # an open database is migrated
            "migrations_applied": len(applied),
            "migrations_known": len(migrations.NAMES),
            "events": events,
            "milestones": milestones,
            "pledges": pledges,
            "terms": terms,
            "deliveries": deliveries,
            "last_change": self.log.newest(),
        }


class Store(Opened):
    """The open database, and every write, each one transaction that changes the tables and
    appends to the change log together, or does nothing at all."""

    def add(self, row: Party, effective_on: str, pledge: Pledge | None = None) -> None:
        """Start tracking a party, with its first pledge if it has one, as one change."""
        with self.db.errors(), self.db.write():
            existing = self.parties.get(row.code)
            if existing is not None:
                raise AlreadyTracked(existing)
            batch, recorded = self.log.next_batch(), recorded_now()
            self.parties.insert(row)
            self.log.append(batch, row.code, "add", effective_on, recorded, None, row)
            if pledge is not None:
                self.pledges.change(batch, "add", recorded, None, pledge, row.country)

    def update(self, code: str, plan: Callable[[Party, list[Pledge]], Edit | None]) -> Edit | None:
        """Change a tracked party as ``plan(row, pledges)`` decides from what the database
        holds inside this write transaction, so that no other writer's change made
        meanwhile is lost: the row and, with ``Edit.pledge`` (old, new), one pledge, as
        one change. None from ``plan``: nothing to change."""
        with self.db.errors(), self.db.write():
            with self.db.lenient():  # a bad value another program wrote can be corrected here
                before = self.parties.get(code)
            if before is None:
                raise NotTracked(code)
            edit = plan(before, self.pledges.of(code))
            if edit is None:
                return None
            batch, recorded = self.log.next_batch(), recorded_now()
            if edit.row != before:
                self.parties.put(code, edit.row)
                self.log.append(
                    batch, code, "update", edit.effective_on, recorded, before, edit.row
                )
            if edit.pledge is not None:
                old, new = edit.pledge
                self.pledges.change(batch, "update", recorded, old, new, edit.row.country)
        return edit

    def remove(self, code: str, effective_on: str) -> Party:
        """Stop tracking a party, with its milestones, pledges, terms and figures of what
        was done; returns its last row. Recorded, so undo brings all of it back."""
        with self.db.errors(), self.db.write():
            with self.db.lenient():  # a party with a bad value can still be removed
                before = self.parties.get(code)
            if before is None:
                raise NotTracked(code)
            batch, recorded = self.log.next_batch(), recorded_now()
            parts: tuple[Items[Any], ...] = (
                self.milestones, self.pledges, self.terms, self.deliveries
            )  # fmt: skip
            for items in parts:  # they go with their party
                for item in items.of(code):
                    items.put(item, None)
                    items.log_change(
                        batch, "remove", effective_on, recorded, item, None, before.country
                    )
            self.parties.put(code, None)
            self.log.append(batch, code, "remove", effective_on, recorded, before, None)
        return before

    def add_item(self, entity: str, item: Item) -> Item:
        """Record an item of a tracked party, as one change; returns it with its id."""
        items = self.items(entity)
        with self.db.errors(), self.db.write():
            party = self.parties.get(item.code)
            if party is None:
                raise NotTracked(item.code)
            stored = items.same_as(item)
            if stored is not None:  # named as it is stored (its kind, note, ...), with its id
                raise AgreementsError(
                    f"{party.country} already has the {entity} {items.schema.words(stored)} "
                    f"(id {stored.id})",
                    Fix.SEE_ITEMS,
                    entity=entity,
                    code=party.code,
                )
            added = items.change(
                self.log.next_batch(), "add", recorded_now(), None, item, party.country
            )
        assert added is not None
        return added

    def set_item(self, entity: str, item: Item) -> tuple[Item | None, Item | None]:
        """Record an item of a tracked party as one change, in place of the stored item that
        is the same (see ``key``: it keeps its id); returns (old, new), new None when the
        stored one already says all of it."""
        items = self.items(entity)
        with self.db.errors(), self.db.write():
            party = self.parties.get(item.code)
            if party is None:
                raise NotTracked(item.code)
            old = items.same_as(item)
            new = item.but(id=old.id) if old is not None else item
            if old == new:
                return old, None
            stored = items.change(
                self.log.next_batch(),
                "update" if old is not None else "add",
                recorded_now(),
                old,
                new,
                party.country,
            )
        return old, stored

    def remove_item(self, entity: str, item_id: int) -> Item:
        """Remove an item, recorded (undo brings it back); returns it. A removal is a
        correction: it takes effect on the item's own date."""
        items = self.items(entity)
        with self.db.errors(), self.db.write():
            found = items.get(item_id)
            items.change(
                self.log.next_batch(),
                "remove",
                recorded_now(),
                found,
                None,
                self.parties.country_of(found.code),
            )
        return found

    def import_planned(
        self,
        plan: Callable[[dict[str, Party], dict[str, list]], Any],
        tick: Tick | None = None,
        entities: Sequence[str] = ENTITIES,
    ) -> Any:
        """Plan an import from what the database holds, then apply it in one write
        transaction: ``plan(parties by code, {"milestone": [...], "pledge": [...]})``
        returns an object whose ``changes`` are applied. Returns that object. Only the items
        of ``entities`` are read for it (a sheet of pledges needs no terms).

        The plan (parsing, checking, converting every amount) is made before the write
        lock is taken, so other writers are not kept waiting meanwhile; inside the lock, a
        database another connection changed since is planned again from what it holds."""
        with self.db.errors():
            version = self._data_version()
            made = plan(*self._import_state(entities))
        with self.db.errors(), self.db.write():
            if self._data_version() != version:  # another writer committed meanwhile
                made = plan(*self._import_state(entities))
            # (a plan may name the origin its events are recorded under: ImportPlan.origin)
            self._apply(made.changes, getattr(made, "origin", None), tick)
        return made

    def _import_state(
        self, entities: Sequence[str] = ENTITIES
    ) -> tuple[dict[str, Party], dict[str, list]]:
        current = {row.code: row for row in self.parties.all()}
        return current, {entity: self.items(entity).all() for entity in entities}

    def _data_version(self) -> int:
        """SQLite's count of the commits other connections made to the file (it changes
        whenever one did since this connection last asked)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def _apply(self, changes: list[Change], origin: str | None, tick: Tick | None = None) -> None:
        """Write the changes of an import as one batch, parties before their items, inside
        the caller's transaction. All or nothing: if any party or item no longer holds what
        the plan was made from, nothing is written."""
        if not changes:
            return
        batch, recorded = self.log.next_batch(), recorded_now()
        names: dict[str, str] = {}
        keys: dict[str, dict[str, set]] = {entity: {} for entity in ENTITIES}
        for done, change in enumerate(changes):  # parties first, as plan_import lists them
            if tick:
                tick(WRITING, done, len(changes))
            if change.entity == "party":
                current = self.parties.get(change.code)
                if current != change.before:
                    raise _moved_on(change.code)
                self.parties.put(change.code, change.after)
                self.log.append(
                    batch,
                    change.code,
                    "import",
                    change.effective_on or "",
                    recorded,
                    current,
                    change.after,
                    origin=origin,
                )
                row = change.after or current
                assert row is not None  # a change of a party has a row on one side
                names[change.code] = row.country
                continue
            items = self.items(change.entity)
            held = items.keys_of(change.code, keys[change.entity])
            if change.before is not None:
                found = items.select("id = ?", (change.before.id,))
                if found != [change.before]:
                    raise _moved_on(change.code)
                held.discard(items.schema.key(change.before))
            if change.after is not None:
                if items.schema.key(change.after) in held:
                    raise _moved_on(change.code)
                held.add(items.schema.key(change.after))
            if change.code not in names:
                names[change.code] = self.parties.country_of(change.code)
            items.change(
                batch,
                "import",
                recorded,
                change.before,
                change.after,
                names[change.code],
                origin=origin,
            )
        if tick:
            tick(WRITING, len(changes), len(changes))

    def last_undoable(self) -> list[Event]:
        """The events of the most recent change that undo would revert (none: nothing to
        undo); see ``ChangeLog.last_undoable``."""
        with self.db.errors():
            return self.log.last_undoable()

    def undo(self, expected_batch: int) -> list[Event]:
        """Revert every event of ``expected_batch``, newest first, as one recorded change."""
        with self.db.errors(), self.db.write():
            events = self.log.last_undoable()
            if not events or events[0].batch != expected_batch:
                raise StoreError("the change log moved on while undo was asking", Fix.UNDO_AGAIN)
            batch, recorded = self.log.next_batch(), recorded_now()
            for event in events:  # newest first
                if event.entity in ENTITIES:
                    items = self.items(event.entity)
                    now, was = (
                        items.schema.record(row) if row is not None else None
                        for row in (event.after, event.before)
                    )
                    restored = items.put(now, was)
                    country = (event.after or event.before or {})["country"]
                    items.log_change(
                        batch,
                        "undo",
                        event.effective_on,
                        recorded,
                        now,
                        restored,
                        country,
                        undoes=expected_batch,
                    )
                    continue
                current = self.parties.get(event.code)
                before = Party.from_row(event.before) if event.before is not None else None
                self.parties.put(event.code, before)
                self.log.append(
                    batch,
                    event.code,
                    "undo",
                    event.effective_on,
                    recorded,
                    current,
                    event.before,
                    undoes=expected_batch,
                )
        return events


def _moved_on(code: str) -> StoreError:
    return StoreError(
        f"{code} changed while the import was being checked; nothing was imported. "
        "Run the import again"
    )
