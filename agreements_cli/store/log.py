"""The change log: every change to a party, milestone or pledge as an event with the rows
before and after it, never edited. History, undo, the data's date and the state of the
tracker on a past date ("as of") are all read from it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import date
from typing import Any, NamedTuple

from agreements_cli.errors import Fix, StoreError
from agreements_cli.records import DEFAULTS, FIELDS, Event, Party
from agreements_cli.store import integrity
from agreements_cli.store.connection import Connection
from agreements_cli.texts import interned

# Events that still count: neither an undo nor part of a change an undo reverted. The
# state on a date, and the date a status took effect, are read from these alone.
LIVE_EVENTS = (
    "action != 'undo' AND batch NOT IN (SELECT undoes FROM events WHERE undoes IS NOT NULL)"
)
LIVE_PARTY_EVENTS = f"entity = 'party' AND {LIVE_EVENTS}"
EVENT_COLUMNS = (
    "id, batch, code, action, effective_on, recorded_at, before, after, undoes, entity, origin"
)


class Left(NamedTuple):
    """The row an item's newest change-log event left: as its record, the fields the row
    has (a row logged before a field existed is compared on those alone), its party."""

    record: Any
    fields: frozenset[str]
    code: object


def left(entity: str, row: dict, record: Callable[[dict], Any], kept: dict) -> Left:
    """``row`` as a ``Left``, its texts ``interned``; ``kept`` holds each set of fields the
    rows have once."""
    made = record({k: interned(v) for k, v in row.items()})
    fields = set(row) & set(made._fields)
    if entity == "pledge" and row.get("kind") == "loan":
        fields.add("instrument")  # an old loan kind is the loan instrument (m006)
    named = frozenset(fields)
    return Left(made, kept.setdefault(named, named), row.get("code"))


class LogRows:
    """The change log's rows: appended, and read back as events, each row checked (what
    agreements never writes is refused by a strict read, noted by check)."""

    def __init__(self, db: Connection):
        self.db = db
        db.json_fault = self.fault

    def next_batch(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM events").fetchone()[0]

    def append(
        self,
        batch: int,
        code: str,
        action: str,
        effective_on: str,
        recorded_at: str,
        before: Any,
        after: Any,
        undoes: int | None = None,
        entity: str = "party",
        origin: str | None = None,
    ) -> None:
        """Append one event; ``before`` and ``after`` are records or rows (None: none)."""
        before, after = _logged_row(before), _logged_row(after)
        self.db.execute(
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

    def select(self, condition: str, params: tuple) -> list[Event]:
        """The events that meet ``condition`` (SQL), newest first."""
        return list(self._selected(condition, params))

    def _selected(self, condition: str, params: tuple, limit: int | None = None) -> Iterator[Event]:
        last = "" if limit is None else f" LIMIT {int(limit)}"
        cursor = self.db.execute(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE {condition} ORDER BY id DESC{last}", params
        )
        for row in cursor:
            yield self._event(row)

    def _event(self, row: Any) -> Event:
        """An event as read, its rows as dicts; what agreements never writes in it is named
        (refused by a strict read, noted by check)."""
        event = dict(row)
        faults = integrity.event_faults(event)
        rows, row_faults = self._rows(event)
        faults += row_faults
        for side, value in rows.items():
            if value is not None and event["entity"] == "party":
                value = {**DEFAULTS, **value}  # a row from before a field existed
            event[side] = value
        if faults:
            self.db.bad(_who(event), faults)  # refused by a read, named by check
            event["recorded_at"] = integrity.shown(event["recorded_at"])
        return Event(**event)

    def _rows(self, event: dict) -> tuple[dict[str, dict | None], list[integrity.Fault]]:
        """An event's rows before and after it, as logged, and what in them agreements
        never writes (a field its entity's rows always have missing, a value its table
        would refuse)."""
        rows: dict[str, dict | None] = {}
        faults: list[integrity.Fault] = []
        for side in ("before", "after"):
            rows[side] = value = self.logged(event, side)
            if value is not None and event["entity"] in integrity.LOGGED_FIELDS:
                faults += integrity.logged_faults(event["entity"], side, value)
        return rows, faults

    def logged(self, event: dict, side: str) -> dict | None:
        """An event's row before or after it, from its JSON (None: there was none). JSON
        that is not an object of agreements is refused naming the event (see lenient)."""
        text = event[side]
        if text is None:
            return None
        if isinstance(text, str):  # (a BLOB is not what agreements writes, whatever it holds)
            with suppress(ValueError, RecursionError):  # not JSON, or nested too deep
                value = json.loads(text)
                if isinstance(value, dict):
                    return value
        fault = integrity.Fault(side, text, "which is not a row of agreements in JSON")
        self.db.bad(_who(event), [fault])
        return {}

    def fault(self) -> StoreError:
        """The error naming the first change-log event whose row is not a JSON object."""

        def not_a_row(side: str) -> str:
            return (
                f"({side} IS NOT NULL AND "
                f"CASE WHEN json_valid({side}) THEN json_type({side}) END IS NOT 'object')"
            )

        found = self.db.execute(
            f"SELECT id, code, before, after, {not_a_row('before')} AS bad_before FROM events "
            f"WHERE {not_a_row('before')} OR {not_a_row('after')} ORDER BY id LIMIT 1"
        ).fetchone()
        if found is None:  # JSON objects all: the first that is not a row of its entity
            for row in self.db.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY id"):
                event = dict(row)
                faults = self._rows(event)[1]
                if faults:
                    return integrity.refusal(_who(event), faults[0])
            return StoreError(f"cannot read the change log of {self.db.path}", Fix.SEE_LOG_PROBLEMS)
        event = dict(found)
        side = "before" if event["bad_before"] else "after"
        fault = integrity.Fault(side, event[side], "which is not a row of agreements in JSON")
        return integrity.refusal(_who(event), fault)

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]


class ChangeLog(LogRows):
    """The change log read as the tracker asks of it: by party and day, what stands, what
    undo would revert, the parties as they stood on a past day."""

    def events(self, code: str | None = None) -> list[Event]:
        """The change log, newest first (of one party), with the rows before and after."""
        return list(self.stream(code))

    def stream(
        self, code: str | None = None, since: str | None = None, limit: int | None = None
    ) -> Iterator[Event]:
        """The change log as ``events`` gives it, read an event at a time: of one party,
        recorded on or after the day ``since``, the newest ``limit`` of them."""
        condition, params = self._filter(code, since)
        with self.db.errors():
            yield from self._selected(condition, params, limit)

    def count_of(
        self, code: str | None = None, since: str | None = None, limit: int | None = None
    ) -> int:
        """How many events ``stream`` gives for the same filters."""
        with self.db.errors():
            if code is None and since is None:
                total = self.count()
            else:
                condition, params = self._filter(code, since)
                total = self.db.execute(
                    f"SELECT COUNT(*) FROM events WHERE {condition}", params
                ).fetchone()[0]
        return total if limit is None else min(total, limit)

    @staticmethod
    def _filter(code: str | None, since: str | None) -> tuple[str, tuple]:
        conditions, params = ["TRUE"], []
        if code:
            conditions.append("code = ?")
            params.append(code)
        if since:  # recorded_at is ISO 8601 in UTC: a day compares as its start
            conditions.append("recorded_at >= ?")
            params.append(since)
        return " AND ".join(conditions), tuple(params)

    def latest_change(self) -> str | None:
        """The latest date on which a recorded change that still stands took effect: for
        each party, its newest change not undone (an add dated today that an import then
        overrode with a signing in 2024 no longer stands); and every milestone and pledge on
        record."""
        # Only real dates count: a value another program wrote that is none (named by
        # the reads of its table and by check) says nothing about how current the data is.
        with self.db.errors():
            return self.db.execute(
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

    def since(self) -> dict[str, str]:
        """For each party, the date its present status took effect: the effective date of
        its latest (not undone) change that set the status."""
        with self.db.errors():
            rows = self.db.execute(
                f"""SELECT code, effective_on FROM (
                       SELECT code, effective_on,
                              ROW_NUMBER() OVER (PARTITION BY code ORDER BY id DESC) AS newest
                       FROM events WHERE {LIVE_PARTY_EVENTS}
                       AND json_extract(before, '$.status') IS NOT json_extract(after, '$.status'))
                   WHERE newest = 1"""
            ).fetchall()
        return {code: effective_on for code, effective_on in rows}

    def applied(self, origin: str) -> bool:
        """Whether an import from ``origin`` is in the data (recorded and not undone)."""
        with self.db.errors():
            found = self.db.execute(
                f"SELECT 1 FROM events WHERE origin = ? AND {LIVE_EVENTS} LIMIT 1", (origin,)
            ).fetchone()
        return found is not None

    def origins(self) -> list[str]:
        """The origins of the imports that are in the data (recorded and not undone)."""
        with self.db.errors():
            rows = self.db.execute(
                f"SELECT DISTINCT origin FROM events WHERE origin IS NOT NULL AND {LIVE_EVENTS}"
            ).fetchall()
        return [row[0] for row in rows if isinstance(row[0], str)]

    def latest_rows(self) -> dict[str, Party | None]:
        """For each party in the change log, the row its most recent event left (None
        for a removal): what the table should hold."""
        with self.db.errors():
            rows = self.db.execute(
                "SELECT e.id, e.code, e.after FROM events AS e JOIN (SELECT MAX(id) AS id FROM "
                "events WHERE entity = 'party' GROUP BY code) AS newest ON e.id = newest.id"
            ).fetchall()
        latest = {}
        for row in map(dict, rows):  # (a Row reads its keys in any case; a dict does not)
            after = self.logged(row, "after")
            latest[row["code"]] = None if after is None else Party.from_row(after)
        return latest

    def latest_items(self, entity: str, record: Callable[[dict], Any]) -> dict[int, Left | None]:
        """For each pledge or milestone id the change log names, the row its most recent
        event left (None for a removal): what the table should hold, as a ``record`` and
        the fields the row has (a row a record, not a dict: 100,000 of them in a third of
        the memory)."""
        item_id = (
            "COALESCE(CASE WHEN json_valid(after) THEN json_extract(after, '$.id') END, "
            "CASE WHEN json_valid(before) THEN json_extract(before, '$.id') END)"
        )
        with self.db.errors():
            rows = self.db.execute(
                f"SELECT e.id, e.code, e.after, {item_id} AS item FROM events AS e JOIN "
                f"(SELECT MAX(id) AS id FROM events WHERE entity = ? GROUP BY {item_id}) AS newest "
                "ON e.id = newest.id",
                (entity,),
            )
            latest: dict[int, Left | None] = {}
            kept: dict = {}  # each set of fields the rows have, once
            for row in map(dict, rows):
                if isinstance(row["item"], int):
                    after = self.logged(row, "after")
                    latest[row["item"]] = (
                        None if after is None else left(entity, after, record, kept)
                    )
        return latest

    def newest(self) -> dict | None:
        """The most recent event, for `db info`: who, what, when."""
        with self.db.errors():
            found = self.db.execute(
                "SELECT id, code, action, effective_on, recorded_at, before, after, entity FROM "
                "events ORDER BY id DESC LIMIT 1"
            ).fetchone()
        if found is None:
            return None
        last = dict(found)  # (a Row reads its keys in any case; a dict does not)
        shown = self.logged(last, "after") or self.logged(last, "before") or {}
        return {
            "code": last["code"],
            "country": shown.get("country", last["code"]),
            "action": last["action"],
            "entity": last["entity"],
            "effective_on": last["effective_on"],
            "recorded_at": last["recorded_at"],
        }

    def last_undoable(self) -> list[Event]:
        """The events of the most recent change that undo would revert (none: nothing to undo).

        The seed is where the history starts, not a change, and so is the ledger made from
        an older database's pledges (migration m004): undo goes no further back than the
        last of them. An undo is not undone again.
        """
        batch = self.db.execute(
            f"SELECT MAX(batch) FROM events WHERE action != 'seed' AND {LIVE_EVENTS} AND batch > "
            "(SELECT COALESCE(MAX(batch), 0) FROM events WHERE action = 'seed')"
        ).fetchone()[0]
        if batch is None:
            return []
        return self.select("batch = ?", (batch,))

    def state_on(self, as_of: date) -> tuple[str, list]:
        """The parties as they stood on ``as_of``, rebuilt from the change log: an SQL
        table expression and its parameters.

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
            [as_of.isoformat()] * 3,  # (the log's dates are ISO text)
        )


def _who(event: dict) -> str:
    """How an error names a change-log event: its id and its party's code."""
    code = event.get("code")
    return f"change-log event {event.get('id')} ({code if isinstance(code, str) else integrity.shown(code)})"


def _logged_row(value: Any) -> dict | None:
    """A record as the row the change log keeps of it (a row as it is)."""
    if value is None or isinstance(value, dict):
        return value
    return value.as_dict()
