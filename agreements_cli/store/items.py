"""Milestones and pledges: the items a party has any number of, and their SQL.

Each kind lives in a table of its own and is logged in the change log like a party's row,
with ``events.entity`` naming the kind, so that undo, history and import treat them alike.
``Store`` mixes this class in; it uses the store's connection, transactions and log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime

from agreements_cli.errors import AgreementsError, NotTracked
from agreements_cli.records import MILESTONE_FIELDS, PLEDGE_FIELDS, milestone_key, pledge_key
from agreements_cli.wording import milestone_text, pledge_words


def recorded_now() -> str:
    """The time a change is recorded: UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class ItemKind:
    entity: str  # the name in events.entity and in messages
    table: str
    fields: tuple[str, ...]
    date_field: str  # when it happened: its events take effect then; --as-of reads it
    key: Callable[[dict], tuple]  # what makes two of them the same item
    words: Callable[[dict], str]  # the item in a line, for messages
    flags: tuple[str, ...] = ()  # 0/1 columns, true or false everywhere else


ITEMS = {
    "milestone": ItemKind(
        "milestone", "milestones", MILESTONE_FIELDS, "happened_on", milestone_key, milestone_text
    ),
    "pledge": ItemKind(
        "pledge", "pledges", PLEDGE_FIELDS, "announced_on", pledge_key, pledge_words, ("per_year",)
    ),
}


class Ledger:
    """The items of the parties; every method runs inside the store's transactions."""

    conn: sqlite3.Connection
    _bad: Callable[[str, list], None]

    # Provided by Store.
    _errors: Callable[[], AbstractContextManager[None]]
    _write: Callable[[], AbstractContextManager[None]]
    _log: Callable[..., None]
    _next_batch: Callable[[], int]
    get: Callable[[str], dict | None]

    def _put_item(self, kind: ItemKind, old: dict | None, new: dict | None) -> dict | None:
        """Replace item ``old`` by ``new`` (either may be None); returns ``new`` with its id,
        as logged: the one it carries (a change or an undo keeps it), else a new one."""
        if old is not None:
            self.conn.execute(f"DELETE FROM {kind.table} WHERE id = ?", (old["id"],))
        if new is None:
            return None
        new = {f: new.get(f) for f in kind.fields}
        cursor = self.conn.execute(
            f"INSERT INTO {kind.table} ({', '.join(kind.fields)}) "
            f"VALUES ({', '.join('?' for _ in kind.fields)})",
            [new[f] for f in kind.fields],
        )
        return {**new, "id": cursor.lastrowid}

    def _log_item(
        self, kind: ItemKind, batch: int, action: str, effective_on: str, recorded_at: str,
        before: dict | None, after: dict | None, country: str,
        undoes: int | None = None, origin: str | None = None,
    ) -> None:  # fmt: skip
        """An item's change in the change log, with the party's name for `history`."""
        code = (after or before or {})["code"]
        self._log(
            batch, code, action, effective_on, recorded_at,
            {**before, "country": country} if before else None,
            {**after, "country": country} if after else None,
            undoes=undoes, entity=kind.entity, origin=origin,
        )  # fmt: skip

    def _change_item(
        self, kind: ItemKind, batch: int, action: str, recorded_at: str,
        old: dict | None, new: dict | None, country: str, origin: str | None = None,
    ) -> dict | None:  # fmt: skip
        """Put and log one item change; it takes effect on the item's own date."""
        stored = self._put_item(kind, old, new)
        effective_on = (new or old or {})[kind.date_field]
        self._log_item(kind, batch, action, effective_on, recorded_at, old, stored, country,
                       origin=origin)  # fmt: skip
        return stored

    def _items(self, kind: ItemKind, condition: str, params: tuple) -> list[dict]:
        """The items of ``kind`` that meet ``condition`` (SQL), in date order."""
        rows = self.conn.execute(
            f"SELECT {', '.join(kind.fields)} FROM {kind.table} WHERE {condition} "
            f"ORDER BY {kind.date_field}, id",
            params,
        ).fetchall()
        from agreements_cli.store import integrity

        items = []
        for row in rows:
            item = dict(row)
            faults = integrity.item_faults(kind.entity, item)
            if faults:
                self._bad(integrity.who_item(kind.entity, item), faults)
                item = integrity.lenient(item, faults)
            for flag in kind.flags:
                item[flag] = bool(item[flag])
            items.append(item)
        return items

    def _items_of(self, code: str) -> Iterator[tuple[ItemKind, dict]]:
        for kind in ITEMS.values():
            for item in self._items(kind, "code = ?", (code,)):
                yield kind, item

    def _has_item(self, kind: ItemKind, item: dict) -> bool:
        key = kind.key(item)
        return any(
            kind.key(other) == key for other in self._items(kind, "code = ?", (item["code"],))
        )

    def items(self, entity: str, code: str | None = None, as_of: str | None = None) -> list[dict]:
        """Items of one kind by date, of one party or all; with ``as_of``, those whose date
        had come by then. An item removed or undone is gone from every date."""
        kind = ITEMS[entity]
        with self._errors():
            # Every item is read (and so checked), then those of later dates left out.
            # Two statements, so that one party's read searches the (code, date) index.
            items = (
                self._items(kind, "code = ?", (code,)) if code else self._items(kind, "TRUE", ())
            )
        return [item for item in items if as_of is None or item[kind.date_field] <= as_of]

    def add_item(self, entity: str, item: dict) -> dict:
        """Record an item of a tracked party, as one change; returns it with its id."""
        kind = ITEMS[entity]
        with self._errors(), self._write():
            party = self.get(item["code"])
            if party is None:
                raise NotTracked(item["code"])
            if self._has_item(kind, item):
                raise AgreementsError(
                    f"{party['country']} already has the {entity} {kind.words(item)}. "
                    f"See: agreements {entity} list {party['code']}"
                )
            added = self._change_item(
                kind, self._next_batch(), "add", recorded_now(), None, item, party["country"]
            )
        return added or {}

    def item(self, entity: str, item_id: int) -> dict:
        """The milestone or pledge with that id, or an error that says there is none."""
        with self._errors():
            found = self._items(ITEMS[entity], "id = ?", (item_id,))
        if not found:
            raise AgreementsError(f"there is no {entity} {item_id}. See: agreements {entity} list")
        return found[0]

    def country_of(self, code: str) -> str:
        """The party's name, or its code for an item whose party is not tracked."""
        row = self.get(code)
        return row["country"] if row else code

    def remove_item(self, entity: str, item_id: int) -> dict:
        """Remove an item, recorded (undo brings it back); returns it. A removal is a
        correction: it takes effect on the item's own date."""
        with self._errors(), self._write():
            found = self.item(entity, item_id)
            self._change_item(ITEMS[entity], self._next_batch(), "remove", recorded_now(), found,
                              None, self.country_of(found["code"]))  # fmt: skip
        return found

    def _drop_items_of(
        self, code: str, batch: int, action: str, effective_on: str, recorded: str, country: str
    ) -> None:
        """A party no longer tracked takes its milestones and pledges with it."""
        for kind, item in self._items_of(code):
            self._put_item(kind, item, None)
            self._log_item(kind, batch, action, effective_on, recorded, item, None, country)

    def stages(self, as_of: str | None = None) -> dict[str, dict]:
        """Each party's stage: its latest milestone of the agreement itself (not of a
        related document) by ``as_of``, or today."""
        with self._errors():
            rows = self.conn.execute(
                """SELECT code, step, happened_on FROM milestones AS m
                   WHERE id = (SELECT id FROM milestones
                               WHERE code = m.code AND document IS NULL
                                     AND (? IS NULL OR happened_on <= ?)
                               ORDER BY happened_on DESC, id DESC LIMIT 1)""",
                (as_of, as_of),
            ).fetchall()
        stages = {}
        for code, step, on in rows:
            if not (isinstance(step, str) and isinstance(on, str)):
                self._items(ITEMS["milestone"], "code = ?", (code,))  # names it
                step, on = str(step), str(on)  # read leniently: shown as text
            stages[code] = {"stage": step, "stage_on": on}
        return stages
