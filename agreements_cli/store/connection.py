"""The open database: its SQLite connection, the one write transaction at a time, SQLite's
errors as one-line errors, and what a read does with a value agreements never writes."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from agreements_cli.errors import Fix, StoreError
from agreements_cli.store import files, integrity


def recorded_now() -> str:
    """The time a change is recorded: UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Connection:
    """One database file, open. Every write is one ``BEGIN IMMEDIATE`` transaction
    (``write``); reads and writes run inside ``errors``."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        # Whether a change a command asked for has been committed (creating, migrating
        # and seeding the file are not such changes).
        self.saved = False
        # Whether a value agreements does not write (see integrity.py) stops a read with
        # an error naming it (True), or is read as text (check, and update's repairs).
        self.strict = True
        self.met: dict[str, None] = {}  # lines naming the bad values lenient reads met
        # The error for SQLite's "malformed JSON": the change log names the event.
        self.json_fault: Callable[[], StoreError] = lambda: StoreError(
            f"cannot read the change log of {self.path}", Fix.SEE_LOG_PROBLEMS
        )

    @classmethod
    def open(cls, path: Path, folders: bool = True) -> Connection:
        return cls(path, files.connect(path, folders))

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, params: tuple | list = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    @contextmanager
    def lenient(self) -> Iterator[dict[str, None]]:
        """Reads that take bad values as text instead of refusing them; yields the lines
        (as the keys of a dict, in the order met) that name each bad value they met."""
        strict, self.strict, self.met = self.strict, False, {}
        try:
            yield self.met
        finally:
            self.strict = strict

    def bad(self, who: str, faults: list) -> None:
        """Refuse the first bad value (strict), or note them all (lenient)."""
        if self.strict:
            raise integrity.refusal(who, faults[0])
        for fault in faults:
            self.met.setdefault(fault.line(who))

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn SQLite's exceptions into one-line errors that name the file and the fix."""

        started = time.monotonic()
        try:
            yield
        except sqlite3.OperationalError as error:
            text = str(error)
            if files.is_locked(text):
                raise files.locked(self.path, time.monotonic() - started) from None
            if "JSON" in text:
                raise self.json_fault() from None
            if "readonly" in text or "read-only" in text:
                raise StoreError(
                    f"the database {self.path} is read-only", Fix.WRITABLE_OR_COPY
                ) from None
            raise StoreError(f"cannot use the database {self.path}: {text}") from None
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.path} is not a readable agreements database ({error}); it was left "
                "untouched",
                Fix.OTHER_FILE,
            ) from None

    @contextmanager
    def write(self, change: bool = True) -> Iterator[None]:
        """One write transaction: all of it is committed, or none. ``change``: whether it
        is a change a command was asked for (see ``saved``)."""
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
