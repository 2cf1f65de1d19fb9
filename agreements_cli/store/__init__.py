"""The SQLite database: the only module that holds SQL.

Reads and writes go through the standard ``sqlite3`` module; sqlite-utils applies
the migrations (see ``migrations.py``) and is imported only when one is pending.
Every write is one ``BEGIN IMMEDIATE`` transaction that changes the table and
appends to the change log together, or does nothing at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agreements_cli.errors import AlreadyTracked, NotTracked, StoreError
from agreements_cli.records import DEFAULTS, FIELDS, STATUSES
from agreements_cli.store import migrations
from agreements_cli.store.items import ITEMS, Ledger
from agreements_cli.store.items import recorded_now as _now

APP_NAME = "agreements"
BUSY_TIMEOUT_SECONDS = 10
COMPLETION_WAIT = 0.2  # seconds Tab completion waits for a locked database
SQLITE_HEADER = b"SQLite format 3\x00"

# Orderings offered by `list --sort`: a fixed map from option value to SQL, so that
# no text from the command line ever reaches the SQL.
SORTS = {
    "signed_on": "signed_on IS NULL, signed_on, country",
    "country": "country",
    "code": "code",
    "status": "CASE status WHEN 'signed' THEN 0 WHEN 'negotiating' THEN 1 ELSE 2 END, "
    "signed_on IS NULL, signed_on, country",
}


# Events that still count: neither an undo nor part of a change an undo reverted. The
# state on a date, and the date a status took effect, are read from these alone.
LIVE_EVENTS = (
    "action != 'undo' AND batch NOT IN (SELECT undoes FROM events WHERE undoes IS NOT NULL)"
)
LIVE_PARTY_EVENTS = f"entity = 'party' AND {LIVE_EVENTS}"


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "agreements.db"


@dataclass
class SeedData:
    """What a new database starts with: settings and the rows with their effective dates."""

    settings: dict[str, str]
    rows: list[tuple[dict, str]]
    # Each party's milestones and pledges, for the records of a data file that list them,
    # and the pledges that records give as their own amount (one more, not the whole list).
    milestones: dict[str, list[dict]] = field(default_factory=dict)
    pledges: dict[str, list[dict]] = field(default_factory=dict)
    added_pledges: dict[str, list[dict]] = field(default_factory=dict)


class Store(Ledger):
    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        # Whether a change a command asked for has been committed (creating, migrating
        # and seeding the file are not such changes).
        self.saved = False
        # Whether a value agreements does not write (see integrity.py) stops a read with
        # an error naming it (True), or is read as text (check, and update's repairs).
        self.strict = True
        self._met: dict[str, None] = {}  # lines naming the bad values lenient reads met

    @contextmanager
    def lenient(self) -> Iterator[dict[str, None]]:
        """Reads that take bad values as text instead of refusing them; yields the lines
        (as the keys of a dict, in the order met) that name each bad value they met."""
        strict, self.strict, self._met = self.strict, False, {}
        try:
            yield self._met
        finally:
            self.strict = strict

    def _bad(self, who: str, faults: list) -> None:
        """Refuse the first bad value (strict), or note them all (lenient)."""
        from agreements_cli.store import integrity

        if self.strict:
            raise integrity.refusal(who, faults[0])
        for fault in faults:
            self._met.setdefault(fault.line(who))

    def _party(self, row: sqlite3.Row) -> dict:
        """A party row as the rest of the program sees it: ``counted`` as true or false,
        every value as agreements writes it (see ``lenient``)."""
        from agreements_cli.store import integrity

        party = dict(row)
        faults = integrity.party_faults(party)
        if faults:
            self._bad(integrity.who_party(party), faults)
            party = integrity.lenient(party, faults)
        party["counted"] = bool(party["counted"])
        return party

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path, seed: Callable[[], SeedData] | None = None) -> Store:
        """Open (creating, migrating and seeding as needed) the database at ``path``."""
        _check_path(path)
        try:
            conn = sqlite3.connect(
                _uri(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, uri=True
            )
        except sqlite3.Error as error:
            if not path.exists():
                raise StoreError(_CANNOT_CREATE.format(path=path, folder=path.parent)) from None
            raise StoreError(f"cannot open the database {path}: {error}") from None
        conn = _readable(path, conn)
        conn.row_factory = sqlite3.Row
        store = cls(path, conn)
        try:
            with store._errors():
                store._migrate(seed)
        except BaseException:
            conn.close()  # leaves no -wal or -shm file beside a file that was refused
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def _applied_migrations(self) -> tuple[list[str], bool]:
        """Names of our applied migrations, and whether the file has any table at all."""
        tables = {
            row[0]
            for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "_sqlite_migrations" not in tables:
            return [], bool(tables)
        names = [
            row[0]
            for row in self.conn.execute(
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
                "database; it was left untouched. Give a new file with --db or AGREEMENTS_DB"
            )
        new = not applied
        seed_data = seed() if (new and seed) else None
        if new:
            # WAL lets readers go on while one process writes; the mode is stored in the file.
            self.conn.execute("PRAGMA journal_mode = WAL")
        from sqlite_utils import Database

        with self._write(change=False):
            migrations.apply(Database(self.conn))
            if seed_data and self.setting("seeded_at") is None:
                self._write_seed(seed_data)

    def _write_seed(self, seed: SeedData) -> None:
        batch = self._next_batch()
        recorded = _now()
        for key, value in {**seed.settings, "seeded_at": recorded}.items():
            self.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value)
            )
        for row, effective_on in seed.rows:
            self._insert(row)
            self._log(batch, row["code"], "seed", effective_on, recorded, None, row)
        for entity, listed in (("milestone", seed.milestones), ("pledge", seed.pledges),
                               ("pledge", seed.added_pledges)):  # fmt: skip
            for code, items in listed.items():
                country = next(row["country"] for row, _ in seed.rows if row["code"] == code)
                for item in items:
                    self._change_item(ITEMS[entity], batch, "seed", recorded, None, item, country)

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite's exceptions into one-line errors that name the file and the fix."""
        import time

        started = time.monotonic()
        try:
            yield
        except sqlite3.OperationalError as error:
            text = str(error)
            if _is_locked(text):
                raise _locked(self.path, time.monotonic() - started) from None
            if "JSON" in text:
                raise self._log_fault() from None
            if "readonly" in text or "read-only" in text:
                raise StoreError(
                    f"the database {self.path} is read-only. Make it writable or use --db "
                    "with a copy"
                ) from None
            raise StoreError(f"cannot use the database {self.path}: {text}") from None
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.path} is not a readable agreements database ({error}); it was left "
                "untouched. Give another file with --db or AGREEMENTS_DB"
            ) from None

    @contextmanager
    def _write(self, change: bool = True) -> Iterator[None]:
        written = self.conn.total_changes
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        self.saved = self.saved or (change and self.conn.total_changes > written)

    def _next_batch(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM events").fetchone()[0]

    def _insert(self, row: dict) -> None:
        columns = ", ".join(FIELDS)
        marks = ", ".join("?" for _ in FIELDS)
        self.conn.execute(
            f"INSERT INTO parties ({columns}) VALUES ({marks})", [row[f] for f in FIELDS]
        )

    def _log(
        self,
        batch: int,
        code: str,
        action: str,
        effective_on: str,
        recorded_at: str,
        before: dict | None,
        after: dict | None,
        undoes: int | None = None,
        entity: str = "party",
        origin: str | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO events (batch, code, action, effective_on, recorded_at, before, after, "
            "undoes, entity, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                batch,
                code,
                action,
                effective_on,
                recorded_at,
                json.dumps(before, ensure_ascii=False) if before is not None else None,
                json.dumps(after, ensure_ascii=False) if after is not None else None,
                undoes,
                entity,
                origin,
            ),
        )

    def _put(self, code: str, row: dict | None) -> None:
        """Make the table hold ``row`` for ``code``: insert, replace, or delete when None."""
        self.conn.execute("DELETE FROM parties WHERE code = ?", (code,))
        if row is not None:
            self._insert(row)

    # ------------------------------------------------------------------ writes

    def add(self, row: dict, effective_on: str, pledge: dict | None = None) -> None:
        """Start tracking a party, with its first pledge if it has one, as one change; the
        caller has checked that it is not tracked yet."""
        with self._errors(), self._write():
            existing = self.get(row["code"])
            if existing is not None:
                raise AlreadyTracked(existing)
            batch, recorded = self._next_batch(), _now()
            self._insert(row)
            self._log(batch, row["code"], "add", effective_on, recorded, None, row)
            if pledge is not None:
                self._change_item(ITEMS["pledge"], batch, "add", recorded, None, pledge,
                                  row["country"])  # fmt: skip

    def update(self, code: str, plan: Callable[[dict, list[dict]], Edit | None]) -> Edit | None:
        """Change a tracked party as ``plan(row, pledges)`` decides from what the database
        holds inside this write transaction, so that no other writer's change made
        meanwhile is lost: the row and, with ``Edit.pledge`` (old, new), one pledge, as
        one change. None from ``plan``: nothing to change."""
        with self._errors(), self._write():
            with self.lenient():  # a bad value another program wrote can be corrected here
                before = self.get(code)
            if before is None:
                raise NotTracked(code)
            edit = plan(before, self._items(ITEMS["pledge"], "code = ?", (code,)))
            if edit is None:
                return None
            batch, recorded = self._next_batch(), _now()
            if edit.row != before:
                self._put(code, edit.row)
                self._log(batch, code, "update", edit.effective_on, recorded, before, edit.row)
            if edit.pledge is not None:
                old, new = edit.pledge
                self._change_item(ITEMS["pledge"], batch, "update", recorded, old, new,
                                  edit.row["country"])  # fmt: skip
        return edit

    def remove(self, code: str, effective_on: str) -> dict:
        """Stop tracking a party, with its milestones and pledges; returns its last row.
        Recorded, so undo brings all of it back."""
        with self._errors(), self._write():
            with self.lenient():  # a party with a bad value can still be removed
                before = self.get(code)
            if before is None:
                raise NotTracked(code)
            batch, recorded = self._next_batch(), _now()
            self._drop_items_of(code, batch, "remove", effective_on, recorded, before["country"])
            self._put(code, None)
            self._log(batch, code, "remove", effective_on, recorded, before, None)
        return before

    def import_planned(self, plan: Callable[[dict[str, dict], dict[str, list[dict]]], Any],
                       origin: str | None = None) -> Any:  # fmt: skip
        """Plan an import from what the database holds inside the write transaction, and
        apply it there: ``plan(parties by code, {"milestone": [...], "pledge": [...]})``
        returns an object whose ``changes`` are applied. Returns that object."""
        with self._errors(), self._write():
            current = {row["code"]: row for row in self.parties()}
            made = plan(current, {"milestone": self.milestones(), "pledge": self.pledges()})
            self._apply(made.changes, origin)
        return made

    def _apply(self, changes: list[Change], origin: str | None) -> None:
        """Write the changes of an import as one batch, parties before their items, inside
        the caller's transaction. All or nothing: if any party or item no longer holds what
        the plan was made from, nothing is written."""
        if changes:
            batch, recorded = self._next_batch(), _now()
            names: dict[str, str] = {}
            keys: dict[tuple[str, str], set] = {}
            for change in changes:  # parties first, as plan_import lists them
                if change.entity == "party":
                    current = self.get(change.code)
                    if current != change.before:
                        raise _moved_on(change.code)
                    self._put(change.code, change.after)
                    self._log(batch, change.code, "import", change.effective_on, recorded,
                              current, change.after, origin=origin)  # fmt: skip
                    names[change.code] = (change.after or current)["country"]  # one is a row
                    continue
                kind = ITEMS[change.entity]
                held = self._item_keys(kind, change.code, keys)
                if change.before is not None:
                    found = self._items(kind, "id = ?", (change.before["id"],))
                    if found != [change.before]:
                        raise _moved_on(change.code)
                    held.discard(kind.key(change.before))
                if change.after is not None:
                    if kind.key(change.after) in held:
                        raise _moved_on(change.code)
                    held.add(kind.key(change.after))
                if change.code not in names:
                    names[change.code] = self.country_of(change.code)
                self._change_item(kind, batch, "import", recorded, change.before, change.after,
                                  names[change.code], origin=origin)  # fmt: skip

    def _item_keys(self, kind: Any, code: str, keys: dict[tuple[str, str], set]) -> set:
        """What makes each of a party's items of one kind itself, read once per import
        (a look-up per item, not a read of all the party's items: an import of 100,000
        pledges takes seconds)."""
        if (kind.entity, code) not in keys:
            items = self._items(kind, "code = ?", (code,))
            keys[kind.entity, code] = {kind.key(item) for item in items}
        return keys[kind.entity, code]

    def since(self) -> dict[str, str]:
        """For each party, the date its present status took effect: the effective date of
        its latest (not undone) change that set the status."""
        with self._errors():
            rows = self.conn.execute(
                f"""SELECT code, effective_on FROM (
                       SELECT code, effective_on,
                              ROW_NUMBER() OVER (PARTITION BY code ORDER BY id DESC) AS newest
                       FROM events WHERE {LIVE_PARTY_EVENTS}
                       AND json_extract(before, '$.status') IS NOT json_extract(after, '$.status'))
                   WHERE newest = 1"""
            ).fetchall()
        return {code: effective_on for code, effective_on in rows}

    def last_undoable(self) -> list[dict]:
        """The events of the most recent change that undo would revert (none: nothing to undo).

        The seed is where the history starts, not a change, and so is the ledger made from
        an older database's pledges (migration m004): undo goes no further back than the
        last of them. An undo is not undone again.
        """
        with self._errors():
            return self._last_undoable()

    def _last_undoable(self) -> list[dict]:
        batch = self.conn.execute(
            f"SELECT MAX(batch) FROM events WHERE action != 'seed' AND {LIVE_EVENTS} AND batch > "
            "(SELECT COALESCE(MAX(batch), 0) FROM events WHERE action = 'seed')"
        ).fetchone()[0]
        if batch is None:
            return []
        return self._events("batch = ?", (batch,))

    def undo(self, expected_batch: int) -> list[dict]:
        """Revert every event of ``expected_batch``, newest first, as one recorded change."""
        with self._errors(), self._write():
            events = self._last_undoable()
            if not events or events[0]["batch"] != expected_batch:
                raise StoreError(
                    "the change log moved on while undo was asking; run agreements undo again"
                )
            batch, recorded = self._next_batch(), _now()
            for event in events:  # newest first
                if event["entity"] in ITEMS:
                    kind, now, was = ITEMS[event["entity"]], event["after"], event["before"]
                    restored = self._put_item(kind, now, was)
                    self._log_item(kind, batch, "undo", event["effective_on"], recorded, now,
                                   restored, (now or was)["country"], undoes=expected_batch)  # fmt: skip
                    continue
                current = self.get(event["code"])
                self._put(event["code"], event["before"])
                self._log(
                    batch, event["code"], "undo", event["effective_on"], recorded,
                    current, event["before"], undoes=expected_batch,
                )  # fmt: skip
        return events

    # ------------------------------------------------------------------- reads

    def get(self, code: str) -> dict | None:
        with self._errors():
            row = self.conn.execute(
                f"SELECT {', '.join(FIELDS)} FROM parties WHERE code = ?", (code,)
            ).fetchone()
        return self._party(row) if row else None

    def _rows_source(self, as_of: str | None) -> tuple[str, list]:
        """The parties table, or its state on ``as_of`` rebuilt from the change log.

        The state on a date is the "after" of each party's most recently recorded event
        among those that had taken effect by then (none, or a removal, means not
        tracked). Recorded order, not effective order, decides between them: a change
        entered today that took effect in the past overrides what was entered before
        it, so that the state as of today is always the table itself. An undone change,
        and the undo itself, are left out: the past reads as if it never happened.

        A row that says "signed" on a later date than ``as_of`` (a change dated before
        the signing, or a signing date corrected later) is not the state on that date:
        the party's latest unsigned row by then stands instead, or none. So no party
        ever appears signed before its signing date. It is one SQL query over the
        index of migration m003, not a loop in Python.
        """
        if as_of is None:
            return "parties", []
        # A row logged before a field existed lacks it: every party then was counted.
        columns = ", ".join(
            f"COALESCE(json_extract(e.after, '$.{f}'), 1) AS {f}"
            if f == "counted"
            else f"json_extract(e.after, '$.{f}') AS {f}"
            for f in FIELDS
        )
        return (
            f"""(SELECT {columns} FROM events AS e JOIN (
                    SELECT CASE
                        WHEN json_extract(n.after, '$.status') = 'signed'
                             AND json_extract(n.after, '$.signed_on') > ?
                        THEN (SELECT MAX(id) FROM events
                              WHERE code = n.code AND effective_on <= ? AND {LIVE_PARTY_EVENTS}
                              AND (after IS NULL OR json_extract(after, '$.status') != 'signed'))
                        ELSE n.id END AS id
                    FROM events AS n JOIN (
                        SELECT MAX(id) AS id FROM events
                        WHERE effective_on <= ? AND {LIVE_PARTY_EVENTS}
                        GROUP BY code) AS newest ON n.id = newest.id
                ) AS chosen ON e.id = chosen.id
                WHERE e.after IS NOT NULL)""",
            [as_of, as_of, as_of],
        )

    def parties(
        self, statuses: list[str] | None = None, sort: str = "signed_on", as_of: str | None = None
    ) -> list[dict]:
        source, params = self._rows_source(as_of)
        wanted = [s for s in statuses or [] if s in STATUSES]
        where = f"WHERE status IN ({', '.join('?' for _ in wanted)})" if statuses else ""
        order = SORTS[sort]
        with self._errors():
            rows = self.conn.execute(
                f"SELECT {', '.join(FIELDS)} FROM {source} AS p {where} ORDER BY {order}",
                params + wanted,
            ).fetchall()
        if as_of is not None and any(not isinstance(row["code"], str) for row in rows):
            raise self._log_fault()  # a logged row that is JSON, but not a row
        return [self._party(row) for row in rows]

    def latest_events(self) -> dict[str, dict | None]:
        """For each party in the change log, the row its most recent event left (None
        for a removal): what the table should hold."""
        with self._errors():
            rows = self.conn.execute(
                "SELECT e.id, e.code, e.after FROM events AS e JOIN (SELECT MAX(id) AS id FROM "
                "events WHERE entity = 'party' GROUP BY code) AS newest ON e.id = newest.id"
            ).fetchall()
        latest = {}
        for row in map(dict, rows):  # (a Row reads its keys in any case; a dict does not)
            after = self._logged(row, "after")
            latest[row["code"]] = None if after is None else _complete(after)
        return latest

    def info(self) -> dict:
        """Facts about the file for `db info`: schema, counts, the last change."""
        with self._errors():
            # What is in the write-ahead log goes into the file first, so that its size is
            # the data's (a new database is otherwise 4 KB with everything in the log).
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            applied = [
                row[0]
                for row in self.conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
                    (migrations.MIGRATION_SET,),
                )
            ]
            events = self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            milestones = self.conn.execute("SELECT COUNT(*) FROM milestones").fetchone()[0]
            pledges = self.conn.execute("SELECT COUNT(*) FROM pledges").fetchone()[0]
            newest = self.conn.execute(
                "SELECT id, code, action, effective_on, recorded_at, before, after, entity FROM "
                "events ORDER BY id DESC LIMIT 1"
            ).fetchone()
        last_change = None
        if newest is not None:
            last = dict(newest)  # (a Row reads its keys in any case; a dict does not)
            shown = self._logged(last, "after") or self._logged(last, "before") or {}
            last_change = {
                "code": last["code"],
                "country": shown.get("country", last["code"]),
                "action": last["action"],
                "entity": last["entity"],
                "effective_on": last["effective_on"],
                "recorded_at": last["recorded_at"],
            }
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,  # the file it opened
            "schema": applied[-1],  # an open database is migrated
            "migrations_applied": len(applied),
            "migrations_known": len(migrations.NAMES),
            "events": events,
            "milestones": milestones,
            "pledges": pledges,
            "last_change": last_change,
        }

    def signings(self) -> list[tuple[str, str, bool]]:
        """(signing date, country, in the official count) of every signed party with a
        date, in date order."""
        with self._errors():
            rows = self.conn.execute(
                f"SELECT {', '.join(FIELDS)} FROM parties WHERE status = 'signed' "
                "AND signed_on IS NOT NULL ORDER BY signed_on, country"
            ).fetchall()
        parties = [self._party(row) for row in rows]  # a date no calendar has is refused
        return [(p["signed_on"], p["country"], p["counted"]) for p in parties]

    def latest_change(self) -> str | None:
        """The latest date on which a recorded change that still stands took effect: for
        each party, its newest change not undone (an add dated today that an import then
        overrode with a signing in 2024 no longer stands); and every milestone and pledge on
        record."""
        # Only real dates count: a value another program wrote that is none (named by
        # the reads of its table and by check) says nothing about how current the data is.
        with self._errors():
            return self.conn.execute(
                f"""SELECT MAX(day) FROM (
                        SELECT MAX(e.effective_on) AS day FROM events AS e JOIN (
                            SELECT MAX(id) AS id FROM events WHERE {LIVE_PARTY_EVENTS}
                            GROUP BY code) AS newest ON e.id = newest.id
                        WHERE date(e.effective_on) IS e.effective_on
                        UNION ALL SELECT MAX(happened_on) FROM milestones
                        WHERE date(happened_on) IS happened_on
                        UNION ALL SELECT MAX(announced_on) FROM pledges
                        WHERE date(announced_on) IS announced_on)"""
            ).fetchone()[0]

    def applied(self, origin: str) -> bool:
        """Whether an import from ``origin`` is in the data (recorded and not undone)."""
        with self._errors():
            found = self.conn.execute(
                f"SELECT 1 FROM events WHERE origin = ? AND {LIVE_EVENTS} LIMIT 1", (origin,)
            ).fetchone()
        return found is not None

    def milestones(self, code: str | None = None) -> list[dict]:
        """Milestones by date, of one party or all."""
        return self.items("milestone", code)

    def pledges(self, code: str | None = None, as_of: str | None = None) -> list[dict]:
        """The pledge ledger by announcement date; with ``as_of``, those announced by then."""
        return self.items("pledge", code, as_of)

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def settings(self) -> dict[str, str]:
        from agreements_cli.store import integrity

        with self._errors():
            # (the value column has TEXT affinity: a number another program writes is text)
            settings = dict(self.conn.execute("SELECT key, value FROM settings").fetchall())
        faults = integrity.setting_faults(settings)
        if faults:
            self._bad("the settings", faults)  # refused, or noted for check
        return integrity.lenient(settings, faults)

    def events(self, code: str | None = None) -> list[dict]:
        """The change log, newest first, with the rows before and after as dicts."""
        with self._errors():
            return self._events("code = ?", (code,)) if code else self._events("TRUE", ())

    def _log_fault(self) -> StoreError:
        """The error naming the first change-log event whose row is not a JSON object."""
        from agreements_cli.store import integrity

        def not_a_row(side: str) -> str:
            return (f"({side} IS NOT NULL AND "
                    f"CASE WHEN json_valid({side}) THEN json_type({side}) END IS NOT 'object')")  # fmt: skip

        found = self.conn.execute(
            f"SELECT id, code, before, after, {not_a_row('before')} AS bad_before FROM events "
            f"WHERE {not_a_row('before')} OR {not_a_row('after')} ORDER BY id LIMIT 1"
        ).fetchone()
        if found is None:
            return StoreError(
                f"cannot read the change log of {self.path}. See what is wrong with: agreements check"
            )
        event = dict(found)
        side = "before" if event["bad_before"] else "after"
        fault = integrity.Fault(side, event[side], "which is not a row of agreements in JSON")
        return integrity.refusal(f"change-log event {event['id']} ({event['code']})", fault)

    def _logged(self, event: dict, side: str) -> dict | None:
        """An event's row before or after it, from its JSON (None: there was none). JSON
        that is not an object of agreements is refused naming the event (see lenient)."""
        from agreements_cli.store import integrity

        text = event[side]
        if text is None:
            return None
        if isinstance(text, str):  # (a BLOB is not what agreements writes, whatever it holds)
            with suppress(ValueError, RecursionError):  # not JSON, or nested too deep
                value = json.loads(text)
                if isinstance(value, dict):
                    return value
        fault = integrity.Fault(side, text, "which is not a row of agreements in JSON")
        self._bad(f"change-log event {event.get('id')} ({event.get('code')})", [fault])
        return {}

    def _events(self, condition: str, params: tuple) -> list[dict]:
        """The events that meet ``condition`` (SQL), newest first, their rows as dicts."""
        rows = self.conn.execute(
            "SELECT id, batch, code, action, effective_on, recorded_at, before, after, undoes, "
            f"entity, origin FROM events WHERE {condition} ORDER BY id DESC",
            params,
        ).fetchall()
        from agreements_cli.store import integrity

        events = []
        for row in rows:
            event = dict(row)
            faults = integrity.event_faults(event)
            if faults and not self.strict:  # shown as they are; check names them
                self._bad(f"change-log event {event['id']} ({event['code']})", faults)
            for side in ("before", "after"):
                value = self._logged(event, side)
                if value is not None and event["entity"] == "party":
                    value = {**DEFAULTS, **value}  # a row from before a field existed
                event[side] = value
            events.append(event)
        return events


@dataclass
class Edit:
    """What an update writes: the party's new row, the date it takes effect, and its one
    pledge as (old, new) when that changes."""

    row: dict
    effective_on: str
    pledge: tuple[dict | None, dict | None] | None = None


@dataclass
class Change:
    """One change an import makes: a party row, a milestone or a pledge, from ``before`` to
    ``after`` (None: not there). A party row's change takes effect on ``effective_on``; a
    milestone or pledge takes effect on its own date."""

    entity: str
    code: str
    before: dict | None
    after: dict | None
    effective_on: str | None = None


def _moved_on(code: str) -> StoreError:
    return StoreError(
        f"{code} changed while the import was being checked; nothing was imported. "
        "Run the import again"
    )


def _complete(row: dict) -> dict:
    """A party row from the change log as the table holds it now: every field (at its
    default where the row predates it) and no other (a row logged before the pledge
    ledger still carries the money it had then)."""
    return {f: row.get(f, DEFAULTS[f]) for f in FIELDS}


_CANNOT_CREATE = (
    "cannot create the database {path}: the folder {folder} is not writable. "
    "Give another path with --db or AGREEMENTS_DB"
)


def _readable(path: Path, conn: sqlite3.Connection) -> sqlite3.Connection:
    """A connection that can at least read, or a clear error.

    A WAL database needs its -wal and -shm files beside it. In a folder where they cannot
    be created (read-only), nobody can write the database either, so it is safe to read
    it as immutable; any write then fails as read-only.
    """
    import time

    started = time.monotonic()
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.DatabaseError as error:
        if _is_locked(str(error)):
            conn.close()
            raise _locked(path, time.monotonic() - started) from None
        if "unable to open" not in str(error):
            return conn  # reported with the file's name by the first real query
        conn.close()
    # (A file that could not be created never gets here: connect() itself fails, in open.)
    try:
        readonly = sqlite3.connect(
            f"{_uri(path)}?mode=ro&immutable=1", uri=True, isolation_level=None
        )
        readonly.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the database {path}: {error}") from None
    return readonly


def tracked_names(path: Path) -> list[tuple[str, str]]:
    """(code, country) of the tracked parties, for shell completion: read-only, never
    creating, migrating or seeding anything, and quiet (an empty list) on any problem."""
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{_uri(path)}?mode=ro", uri=True, timeout=COMPLETION_WAIT)
        try:
            rows = conn.execute("SELECT code, country FROM parties ORDER BY country").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    # Only what the shell can take as typed text: another program may have written a
    # blob, or text with control characters, that must not reach the terminal.
    return [(code, country) for code, country in rows if _plain(code) and _plain(country)]


def _plain(value: object) -> bool:
    import unicodedata

    return isinstance(value, str) and all(unicodedata.category(ch)[0] != "C" for ch in value)


def _is_locked(text: str) -> bool:
    return "locked" in text  # SQLITE_BUSY and SQLITE_LOCKED: "database (table) is locked"


def _locked(path: Path, waited: float) -> StoreError:
    """The error for a database another process kept locked, with the time really waited
    (an exclusive lock can refuse at once)."""
    return StoreError(
        f"the database {path} is locked by another process (waited {waited:.1f} s, at most "
        f"{BUSY_TIMEOUT_SECONDS} s). Try again when it has finished"
    )


def _uri(path: Path) -> str:
    """The path as an SQLite URI, so that every path is a plain file name: "file:x.db" or
    ":memory:" given as a path are files of those names, never SQLite's special ones."""
    import os

    escaped = os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return "file://" + escaped


def _check_path(path: Path) -> None:
    """Refuse paths SQLite would misuse, before SQLite touches them."""
    if path.is_symlink():
        import os

        try:
            target = Path(os.path.realpath(path, strict=True))
        except OSError as error:
            import errno

            if error.errno == errno.ELOOP:
                raise StoreError(
                    f"the database path {path} is a loop of symbolic links. Give a file path "
                    "with --db or AGREEMENTS_DB"
                ) from None
            raise StoreError(
                f"the database path {path} is a symbolic link to {os.readlink(path)}, which "
                "does not exist. Create the file there or give another path with --db"
            ) from None
        path = target
    if path.is_dir():
        raise StoreError(
            f"the database path {path} is a folder. Give a file path with --db or AGREEMENTS_DB"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"cannot create the folder {path.parent} for the database: {error.strerror}. "
            "Give another path with --db or AGREEMENTS_DB"
        ) from None
    if path.exists() and path.stat().st_size > 0:
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise StoreError(f"cannot read the database {path}: {error.strerror}") from None
        if header != SQLITE_HEADER:
            raise StoreError(
                f"{path} is not an SQLite database; it was left untouched. "
                "Give another file with --db or AGREEMENTS_DB"
            )
