"""Files the commands write (export -o, progress --svg/--html): never the database, never
half written.

An output path that names the database or one of SQLite's files beside it (``-wal``,
``-shm``, ``-journal``), by any route (a relative path, a symbolic link, a hard link), is
refused before anything is written. A regular file is written to a temporary file in the
same folder and renamed over the target, so a failed write leaves the old file as it was.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from agreements_cli.errors import AgreementsError, BadInput

SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _same_file(one: os.stat_result, other: os.stat_result) -> bool:
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except (OSError, ValueError):
        return None


def guard(name: str, database: Path, option: str) -> Path:
    """The path to write for ``name``, or bad input if it is the database's."""
    target = Path(name).expanduser()
    resolved = Path(os.path.realpath(target))
    db_names = {Path(os.path.abspath(database)), Path(os.path.realpath(database))}
    forbidden = {Path(f"{db}{suffix}") for db in db_names for suffix in SIDE_FILES}
    found = _stat(resolved)
    clash = resolved in forbidden or Path(os.path.abspath(target)) in forbidden
    if not clash and found is not None:
        clash = any(
            (other := _stat(path)) is not None and _same_file(found, other) for path in forbidden
        )
    if clash:
        raise BadInput(
            f"{option} {name} is the database {database} (or a file SQLite keeps beside it); "
            f"writing there would destroy it. Give another path with {option}"
        )
    return resolved


def write(path: Path, text: str, option: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (see the module's docstring)."""
    try:
        found = path.stat() if path.exists() else None
        if found is not None and not _regular(found):
            with path.open("w", encoding="utf-8") as handle:  # a device or a pipe: no rename
                handle.write(text)
            return
        _replace(path, text, found)
    except OSError as error:
        raise AgreementsError(
            f"cannot write {path}: {error.strerror or error}. Nothing was written there; "
            f"give another path with {option}"
        ) from None


def _regular(found: os.stat_result) -> bool:

    return stat.S_ISREG(found.st_mode)


def _replace(path: Path, text: str, found: os.stat_result | None) -> None:

    import tempfile  # (with random and hashlib, about 2.5 ms: for a file written alone)

    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if found is not None:
            os.chmod(temporary, found.st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
