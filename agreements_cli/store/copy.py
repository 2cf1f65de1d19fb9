"""A copy of the database to publish: every table as it is, beside the tables the library
derived from them, written into a new file that nothing else writes (`serve` opens it
immutable, so no reader sees a file change under it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from agreements_cli.errors import AgreementsError, BadInput

# SQLite's column type for each Table Schema type the derived tables use.
SQL_TYPES = {"integer": "INTEGER", "boolean": "INTEGER", "number": "REAL",
             "string": "TEXT", "date": "TEXT"}  # fmt: skip


def write(
    source: sqlite3.Connection,
    target: Path,
    tables: Mapping[str, tuple[Sequence[tuple[str, str]], Iterable[dict]]],
    added: Mapping[str, tuple[str, Mapping[int, str]]],
) -> None:
    """Copy the database ``source`` holds into ``target`` (a new file), with ``tables``
    (name -> (columns with their types, rows)) and, for each table of ``added``, a text
    column filled by id (table -> (column, values by id)); in one transaction."""
    if target.exists() or target.is_symlink():
        raise BadInput(f"{target} already exists. Give the name of a new file for the copy")
    try:
        copy = sqlite3.connect(target, isolation_level=None)
    except sqlite3.Error as error:
        raise AgreementsError(f"cannot write the copy to publish to {target}: {error}") from None
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # one file, read immutable
        copy.execute("BEGIN")
        for name, (columns, rows) in tables.items():
            names = [column for column, _ in columns]
            declared = ", ".join(f'"{column}" {SQL_TYPES[kind]}' for column, kind in columns)
            copy.execute(f'CREATE TABLE "{name}" ({declared})')
            copy.executemany(
                f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in names)})',
                ([row[column] for column in names] for row in rows),
            )
        for table, (column, values) in added.items():
            copy.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" TEXT')
            copy.executemany(
                f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?',
                ((value, key) for key, value in values.items()),
            )
        copy.execute("COMMIT")
    except sqlite3.Error as error:
        raise AgreementsError(f"cannot write the copy to publish to {target}: {error}") from None
    finally:
        copy.close()
