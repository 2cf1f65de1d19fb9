"""Small facts about the data set, one row a key: the goal and its basis, the reported
total, the seed's snapshot date, when the database was seeded."""

from __future__ import annotations

from agreements_cli.store import integrity
from agreements_cli.store.connection import Connection


class Settings:
    def __init__(self, db: Connection):
        self.db = db

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))

    def all(self) -> dict[str, str]:
        with self.db.errors():
            # (the value column has TEXT affinity: a number another program writes is text)
            settings = dict(self.db.execute("SELECT key, value FROM settings").fetchall())
        faults = integrity.setting_faults(settings)
        if faults:
            self.db.bad("the settings", faults)  # refused, or noted for check
        return integrity.lenient(settings, faults)
