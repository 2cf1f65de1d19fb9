"""Milestones, pledges, terms and figures of what was done: the items a party has any number of, and their SQL.

Each kind lives in a table of its own and is logged in the change log like a party's row,
with ``events.entity`` naming the kind, so that undo, history and import treat them alike.
One class serves both kinds; ``ItemSchema`` says what differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Generic, NamedTuple, TypeVar

from agreements_cli.deliveries import DELIVERY_FIELDS, Delivery
from agreements_cli.errors import AgreementsError, Fix
from agreements_cli.records import (
    ENTITIES,
    MILESTONE_FIELDS,
    PLEDGE_FIELDS,
    Item,
    Milestone,
    Pledge,
    Stage,
    Term,
)
from agreements_cli.store import integrity
from agreements_cli.store.connection import Connection
from agreements_cli.store.log import ChangeLog
from agreements_cli.texts import interned
from agreements_cli.vocabulary import TERM_FIELDS
from agreements_cli.wording import item_words


class ItemSchema(NamedTuple):
    entity: str  # the name in events.entity and in messages
    table: str
    fields: tuple[str, ...]
    date_field: str  # when it happened: its events take effect then; as of a date reads it
    record: Callable[[dict], Any]  # an item from its row
    flags: tuple[str, ...] = ()  # 0/1 columns, true or false everywhere else

    @staticmethod
    def key(item: Item) -> tuple:
        """What makes two of them the same item."""
        return item.key()

    @staticmethod
    def words(item: Item) -> str:
        """The item in a line, for messages."""
        return item_words(item)


ItemT = TypeVar("ItemT", Pledge, Milestone, Term, Delivery)

MILESTONE = ItemSchema(
    "milestone", "milestones", MILESTONE_FIELDS, "happened_on", Milestone.from_row
)
PLEDGE = ItemSchema(
    "pledge", "pledges", PLEDGE_FIELDS, "announced_on", Pledge.from_row, ("per_year",)
)
TERM = ItemSchema("term", "terms", TERM_FIELDS, "holds_from", Term.from_row)
DELIVERY = ItemSchema(
    "delivery", "deliveries", DELIVERY_FIELDS, "stated_on", Delivery.from_row, ("cumulative",)
)
ITEMS = dict(zip(ENTITIES, (MILESTONE, PLEDGE, TERM, DELIVERY), strict=True))


class Items(Generic[ItemT]):
    """The items of one kind, of every party."""

    def __init__(self, db: Connection, log: ChangeLog, schema: ItemSchema):
        self.db = db
        self.log = log
        self.schema = schema

    def put(self, old: ItemT | None, new: ItemT | None) -> ItemT | None:
        """Replace item ``old`` by ``new`` (either may be None); returns ``new`` with its id,
        as logged: the one it carries (a change or an undo keeps it), else a new one."""
        schema = self.schema
        if old is not None:
            self.db.execute(f"DELETE FROM {schema.table} WHERE id = ?", (old.id,))
        if new is None:
            return None
        values = new.as_dict()
        cursor = self.db.execute(
            f"INSERT INTO {schema.table} ({', '.join(schema.fields)}) "
            f"VALUES ({', '.join('?' for _ in schema.fields)})",
            [values[f] for f in schema.fields],
        )
        return new.but(id=cursor.lastrowid)

    def log_change(
        self,
        batch: int,
        action: str,
        effective_on: str,
        recorded_at: str,
        before: ItemT | None,
        after: ItemT | None,
        country: str,
        undoes: int | None = None,
        origin: str | None = None,
    ) -> None:
        """An item's change in the change log, with the party's name for `history`."""
        code = (after or before).code  # type: ignore[union-attr]
        self.log.append(
            batch,
            code,
            action,
            effective_on,
            recorded_at,
            {**before.as_dict(), "country": country} if before else None,
            {**after.as_dict(), "country": country} if after else None,
            undoes=undoes,
            entity=self.schema.entity,
            origin=origin,
        )

    def change(
        self,
        batch: int,
        action: str,
        recorded_at: str,
        old: ItemT | None,
        new: ItemT | None,
        country: str,
        origin: str | None = None,
    ) -> ItemT | None:
        """Put and log one item change; it takes effect on the item's own date."""
        stored = self.put(old, new)
        effective_on = getattr(new or old, self.schema.date_field)
        self.log_change(
            batch, action, effective_on, recorded_at, old, stored, country, origin=origin
        )
        return stored

    def select(self, condition: str, params: tuple) -> list[ItemT]:
        """The items that meet ``condition`` (SQL), in date order."""
        schema = self.schema
        rows = self.db.execute(
            f"SELECT {', '.join(schema.fields)} FROM {schema.table} WHERE {condition} "
            f"ORDER BY {schema.date_field}, id",
            params,
        )
        items = []
        for row in rows:  # read a row at a time, not all rows and then all records
            item = dict(zip(schema.fields, map(interned, row), strict=True))
            faults = integrity.item_faults(schema.entity, item)
            if faults:
                self.db.bad(integrity.who_item(schema.entity, item), faults)
                item = integrity.lenient(item, faults)
            for flag in schema.flags:
                item[flag] = bool(item[flag])
            items.append(schema.record(item))
        return items

    def of(self, code: str) -> list[ItemT]:
        """A party's items, in date order (inside a transaction: no error mapping)."""
        return self.select("code = ?", (code,))

    def has(self, item: ItemT) -> bool:
        return self.same_as(item) is not None

    def same_as(self, item: ItemT) -> ItemT | None:
        """The stored item that is the same as ``item`` (see ``key``), or None."""
        key = item.key()
        return next((other for other in self.of(item.code) if other.key() == key), None)

    def all(self, code: str | None = None, as_of: date | None = None) -> list[ItemT]:
        """Items by date, of one party or all; with ``as_of``, those whose date had come
        by then. An item removed or undone is gone from every date."""
        with self.db.errors():
            # Every item is read (and so checked), then those of later dates left out.
            # Two statements, so that one party's read searches the (code, date) index.
            items = self.of(code) if code else self.select("TRUE", ())
        return self._by(items, as_of)

    def of_parties(self, codes: Iterable[str], as_of: date | None = None) -> list[ItemT]:
        """The items of the parties ``codes``, by date, as ``all`` gives them: a view that
        needs only some parties' items reads (and checks) only theirs."""
        wanted = json.dumps(sorted(set(codes)))
        with self.db.errors():
            items = self.select("code IN (SELECT value FROM json_each(?))", (wanted,))
        return self._by(items, as_of)

    def _by(self, items: list[ItemT], as_of: date | None) -> list[ItemT]:
        """Those of ``items`` whose date had come by ``as_of`` (None: all)."""
        if as_of is None:
            return items
        date_field, day = self.schema.date_field, as_of.isoformat()  # the dates are ISO text
        return [item for item in items if getattr(item, date_field) <= day]

    def get(self, item_id: int) -> ItemT:
        """The item with that id, or an error that says there is none."""
        with self.db.errors():
            found = self.select("id = ?", (item_id,))
        if not found:
            entity = self.schema.entity
            raise AgreementsError(f"there is no {entity} {item_id}", Fix.LIST_ITEMS, entity=entity)
        return found[0]

    def keys_of(self, code: str, known: dict[str, set]) -> set:
        """What makes each of a party's items itself, read once per import (a look-up per
        item, not a read of all the party's items: an import of 100,000 pledges takes
        seconds); ``known`` keeps what was read."""
        if code not in known:
            known[code] = {item.key() for item in self.of(code)}
        return known[code]

    def count(self) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {self.schema.table}").fetchone()[0]


class Milestones(Items[Milestone]):
    def __init__(self, db: Connection, log: ChangeLog):
        super().__init__(db, log, MILESTONE)

    def stages(self, as_of: date | None = None) -> dict[str, Stage]:
        """Each party's stage: its latest milestone of the agreement itself (not of a
        related document) by ``as_of``, or today."""
        with self.db.errors():
            rows = self.db.execute(
                """SELECT code, step, happened_on FROM milestones AS m
                   WHERE id = (SELECT id FROM milestones
                               WHERE code = m.code AND document IS NULL
                                     AND (? IS NULL OR happened_on <= ?)
                               ORDER BY happened_on DESC, id DESC LIMIT 1)""",
                (day := None if as_of is None else as_of.isoformat(), day),
            ).fetchall()
        stages = {}
        for code, step, on in rows:
            if not (isinstance(step, str) and isinstance(on, str)):
                self.of(code)  # names it
                step, on = str(step), str(on)  # read leniently: shown as text
            stages[code] = Stage(step, on)
        return stages


class Pledges(Items[Pledge]):
    def __init__(self, db: Connection, log: ChangeLog):
        super().__init__(db, log, PLEDGE)

    def keys(self) -> dict[tuple, list[int]]:
        """The ids of the pledges by party, day, amount and currency, what a sheet's row is
        matched with: four columns read, not the ledger whole (100,000 pledges as records
        took 120 MiB). Each value is checked as a read of the pledge checks it."""
        with self.db.errors():
            rows = self.db.execute(
                "SELECT id, code, announced_on, amount, currency FROM pledges ORDER BY id"
            )
            keys: dict[tuple, list[int]] = {}
            for item_id, code, day, amount, currency in rows:  # a row at a time
                faults = integrity.key_faults(code, day, amount, currency)
                if faults:
                    self.db.bad(integrity.who_item("pledge", {"id": item_id, "code": code}), faults)
                key = tuple(map(interned, (code, day, amount, currency)))
                keys.setdefault(key, []).append(item_id)
        return keys


class Terms(Items[Term]):
    def __init__(self, db: Connection, log: ChangeLog):
        super().__init__(db, log, TERM)


class Deliveries(Items[Delivery]):
    def __init__(self, db: Connection, log: ChangeLog):
        super().__init__(db, log, DELIVERY)
