"""The parties table: one row per tracked party, keyed by its code."""

from __future__ import annotations

import sqlite3
from datetime import date

from agreements_cli.records import FIELDS, STATUSES, Party
from agreements_cli.store import integrity
from agreements_cli.store.connection import Connection
from agreements_cli.store.log import ChangeLog

# Orderings offered by `list --sort`: a fixed map from option value to SQL, so that
# no text from the command line ever reaches the SQL.
SORTS = {
    "signed_on": "signed_on IS NULL, signed_on, country",
    "country": "country",
    "code": "code",
    "status": "CASE status WHEN 'signed' THEN 0 WHEN 'negotiating' THEN 1 ELSE 2 END, "
    "signed_on IS NULL, signed_on, country",
}


class Parties:
    def __init__(self, db: Connection, log: ChangeLog):
        self.db = db
        self.log = log

    def row(self, found: sqlite3.Row) -> Party:
        """A party row as the rest of the program sees it: ``counted`` as true or false,
        every value as agreements writes it (see ``Connection.lenient``)."""
        party = dict(found)
        faults = integrity.party_faults(party)
        if faults:
            self.db.bad(integrity.who_party(party), faults)
            party = integrity.lenient(party, faults)
        party["counted"] = bool(party["counted"])
        return Party(**party)

    def get(self, code: str) -> Party | None:
        with self.db.errors():
            found = self.db.execute(
                f"SELECT {', '.join(FIELDS)} FROM parties WHERE code = ?", (code,)
            ).fetchone()
        return self.row(found) if found else None

    def country_of(self, code: str) -> str:
        """The party's name, or its code for an item whose party is not tracked."""
        row = self.get(code)
        return row.country if row else code

    def insert(self, row: Party) -> None:
        columns = ", ".join(FIELDS)
        marks = ", ".join("?" for _ in FIELDS)
        values = row.as_dict()
        self.db.execute(
            f"INSERT INTO parties ({columns}) VALUES ({marks})", [values[f] for f in FIELDS]
        )

    def put(self, code: str, row: Party | None) -> None:
        """Make the table hold ``row`` for ``code``: insert, replace, or delete when None."""
        self.db.execute("DELETE FROM parties WHERE code = ?", (code,))
        if row is not None:
            self.insert(row)

    def all(
        self, statuses: list[str] | None = None, sort: str = "signed_on", as_of: date | None = None
    ) -> list[Party]:
        """The parties (with ``statuses`` only), ordered by ``sort``; with ``as_of``, as
        they stood on that date (see ``ChangeLog.state_on``)."""
        source, params = self.log.state_on(as_of) if as_of is not None else ("parties", [])
        wanted = [s for s in statuses or [] if s in STATUSES]
        where = f"WHERE status IN ({', '.join('?' for _ in wanted)})" if statuses else ""
        with self.db.errors():
            rows = self.db.execute(
                f"SELECT {', '.join(FIELDS)} FROM {source} AS p {where} ORDER BY {SORTS[sort]}",
                params + wanted,
            ).fetchall()
        if as_of is not None and any(not isinstance(row["code"], str) for row in rows):
            raise self.log.fault()  # a logged row that is JSON, but not a row
        return [self.row(row) for row in rows]

    def signings(self, as_of: date | None = None) -> list[tuple[str, str, bool]]:
        """(signing date, country, in the official count) of every signed party with a
        date, in date order (then by country); with ``as_of``, as they stood on that date."""
        signed = self.all(["signed"], "signed_on", as_of)  # a date no calendar has is refused
        return [(p.signed_on, p.country, p.counted) for p in signed if p.signed_on]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM parties").fetchone()[0]
