"""The database file itself: where it lives, the paths SQLite would misuse, opening a
connection that can at least read, and the quiet read-only look shell completion takes."""

from __future__ import annotations

import errno
import os
import sqlite3
import time
import unicodedata
from pathlib import Path
from typing import NamedTuple

from agreements_cli.errors import BadInput, Fix, StoreError

APP_NAME = "agreements"
COMPLETION_WAIT = 0.2  # seconds Tab completion waits for a locked database
BUSY_TIMEOUT_SECONDS = 10
SQLITE_HEADER = b"SQLite format 3\x00"


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "agreements.db"


class Chosen(NamedTuple):
    """The database a run uses: its path, and whether the user named it rather than
    taking the default one in the user data folder."""

    path: Path
    named: bool


def chosen(given: str | None) -> Chosen:
    """The database the path ``given`` by the user names (None: not given), else the
    default one. A name SQLite would take for a database in memory, which
    keeps nothing, or a path of blanks, is refused."""
    if given is None:
        return Chosen(default_path(), False)
    if not given.strip():
        raise BadInput("the database path is empty: it names no file", Fix.FILE_PATH)
    if given.strip() == ":memory:":
        raise BadInput(":memory: is a database in memory, which keeps nothing", Fix.FILE_PATH)
    return Chosen(Path(given).expanduser(), True)


def missing(path: Path) -> StoreError:
    """The error for a named database that does not exist (a read never creates one)."""
    return StoreError(f"there is no database at {path}", Fix.CREATE_DATABASE, path=str(path))


def uri(path: Path) -> str:
    """The path as an SQLite URI, so that every path is a plain file name: "file:x.db" or
    ":memory:" given as a path are files of those names, never SQLite's special ones."""

    escaped = os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return "file://" + escaped


def check_path(path: Path, folders: bool = True) -> None:
    """Refuse paths SQLite would misuse, before SQLite touches them; make the folders the
    file is to be in (unless ``folders`` is False: a named path's folder must be there)."""
    if path.is_symlink():
        try:
            target = Path(os.path.realpath(path, strict=True))
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise StoreError(
                    f"the database path {path} is a loop of symbolic links", Fix.FILE_PATH
                ) from None
            raise StoreError(
                f"the database path {path} is a symbolic link to {os.readlink(path)}, which "
                "does not exist",
                Fix.CREATE_OR_OTHER_PATH,
            ) from None
        path = target
    if path.is_dir():
        raise StoreError(f"the database path {path} is a folder", Fix.FILE_PATH)
    if not folders and not path.parent.is_dir():
        raise StoreError(
            f"there is no folder {path.parent} for the database {path.name}", Fix.OTHER_PATH
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"cannot create the folder {path.parent} for the database: {error.strerror}",
            Fix.OTHER_PATH,
        ) from None
    if path.exists() and path.stat().st_size > 0:
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise StoreError(f"cannot read the database {path}: {error.strerror}") from None
        if header != SQLITE_HEADER:
            raise StoreError(
                f"{path} is not an SQLite database; it was left untouched", Fix.OTHER_FILE
            )


def connect(path: Path, folders: bool = True) -> sqlite3.Connection:
    """A connection to the database at ``path`` (checked; see ``check_path``) that can at
    least read."""
    check_path(path, folders)
    try:
        conn = sqlite3.connect(
            uri(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, uri=True
        )
    except sqlite3.Error as error:
        if not path.exists():
            raise StoreError(
                f"cannot create the database {path}: the folder {path.parent} is not writable",
                Fix.OTHER_PATH,
            ) from None
        raise StoreError(f"cannot open the database {path}: {error}") from None
    conn = _readable(path, conn)
    conn.row_factory = sqlite3.Row
    return conn


def _readable(path: Path, conn: sqlite3.Connection) -> sqlite3.Connection:
    """A connection that can at least read, or a clear error.

    A WAL database needs its -wal and -shm files beside it. In a folder where they cannot
    be created (read-only), nobody can write the database either, so it is safe to read
    it as immutable; any write then fails as read-only.
    """

    started = time.monotonic()
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.DatabaseError as error:
        if is_locked(str(error)):
            conn.close()
            raise locked(path, time.monotonic() - started) from None
        if "unable to open" not in str(error):
            return conn  # reported with the file's name by the first real query
        conn.close()
    # (A file that could not be created never gets here: connect() itself fails.)
    try:
        readonly = sqlite3.connect(
            f"{uri(path)}?mode=ro&immutable=1", uri=True, isolation_level=None
        )
        readonly.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the database {path}: {error}") from None
    return readonly


def is_locked(text: str) -> bool:
    return "locked" in text  # SQLITE_BUSY and SQLITE_LOCKED: "database (table) is locked"


def locked(path: Path, waited: float) -> StoreError:
    """The error for a database another process kept locked, with the time really waited
    (an exclusive lock can refuse at once)."""
    return StoreError(
        f"the database {path} is locked by another process (waited {waited:.1f} s, at most "
        f"{BUSY_TIMEOUT_SECONDS} s). Try again when it has finished"
    )


def tracked_names(path: Path) -> list[tuple[str, str]]:
    """(code, country) of the tracked parties, for shell completion: read-only, never
    creating, migrating or seeding anything, and quiet (an empty list) on any problem."""
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{uri(path)}?mode=ro", uri=True, timeout=COMPLETION_WAIT)
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

    return isinstance(value, str) and all(unicodedata.category(ch)[0] != "C" for ch in value)
