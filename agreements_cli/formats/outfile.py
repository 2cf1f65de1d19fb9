"""Files the commands write (export -o, progress --svg/--html): never the database, never
half written.

An output path that names the database or one of SQLite's files beside it (``-wal``,
``-shm``, ``-journal``), by any route (a relative path, a symbolic link, a hard link), is
refused before anything is written. So is a path that is a symbolic link, unless it leads
to a device or a pipe (``/dev/stdout``): nothing is written through a link, where it may
point anywhere. A regular file is written to a temporary file in the same folder and
renamed over the target (a rename replaces a link planted meanwhile, never what it points
to), so a failed write leaves the old file as it was.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from agreements_cli.errors import AgreementsError, BadInput

SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _same_file(one: os.stat_result, other: os.stat_result) -> bool:
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except (OSError, ValueError):
        return None


def guard(name: str, database: Path, option: str, inside: Path | None = None) -> Path:
    """The path to write for ``name``, or bad input if it is the database's, a link, empty
    or a name the file system cannot hold. ``inside``: the file is one of those written
    into that folder (a link there is one to remove, not a path to give again)."""
    if not name.strip():
        raise BadInput(f"{option} needs the name of a file, not an empty one")
    if "\x00" in name:
        raise BadInput(f"{option} {name!r} has a NUL character in it. Give another path")
    target = Path(os.path.abspath(Path(name).expanduser()))
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
    _no_link(target, name, option, inside)
    return target


def _no_link(target: Path, name: str, option: str, inside: Path | None) -> None:
    """Refuse a path that is a symbolic link to anything but a device or a pipe, and a
    name the file system cannot hold."""
    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file (or a folder that is missing, which the write names)
    except OSError as error:  # a name too long, a folder that cannot be searched, ...
        raise BadInput(
            f"{option} {name}: {error.strerror or error}. Give another path with {option}"
        ) from None
    if not stat.S_ISLNK(mode):
        return
    found = _stat(target)
    if found is not None and not _regular(found) and not stat.S_ISDIR(found.st_mode):
        return  # /dev/stdout, a named pipe: written as a device
    leads = os.readlink(target)
    if inside is not None:
        raise BadInput(
            f"{option} {inside}: {target.name} there is a symbolic link to {leads}; agreements "
            f"writes nothing through a link. Remove it, or give another folder with {option}"
        )
    if found is None:
        raise BadInput(
            f"{option} {name} is a symbolic link to {leads}, which is not there; agreements "
            f"writes nothing through a link. Give the path of a file with {option}"
        )
    raise BadInput(
        f"{option} {name} is a symbolic link to {leads}; agreements writes nothing through a "
        f"link. Give the path of the file itself with {option}"
    )


def write(path: Path, text: str | Writer, option: str) -> None:
    """Write ``text`` (or what the writer ``text`` writes) to ``path`` whole or not at all
    (see the module's docstring)."""
    write_all([(path, text)], option)


def write_all(files: Sequence[tuple[Path, str | Writer]], option: str) -> None:
    """Write each file whole, and all of them or none: each is written to a temporary
    file beside it, and only when every one is written are they renamed into place. A
    writer that fails (a row it reads refused, a full disk) leaves every file as it was.
    (A rename, in the same folder, fails only with the file system: then the files renamed
    before it stay new.)"""
    staged: list[tuple[str, Path]] = []
    current: Path | None = None
    try:
        for path, text in files:
            current = path
            found = path.stat() if path.exists() else None
            if found is not None and not _regular(found):
                with path.open("w", encoding="utf-8") as handle:  # a device or a pipe: no rename
                    _put(handle, text)
                continue
            staged.append((_staged(path, text, found), path))
        for temporary, path in staged:
            current = path
            os.replace(temporary, path)
    except OSError as error:
        raise AgreementsError(
            f"cannot write {current}: {error.strerror or error}. Nothing was written there; "
            f"give another path with {option}"
        ) from None
    finally:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)  # (gone once renamed)


Writer = Callable[[TextIO], None]


def _put(handle: TextIO, text: str | Writer) -> None:
    if isinstance(text, str):
        handle.write(text)
    else:
        text(handle)


def _regular(found: os.stat_result) -> bool:

    return stat.S_ISREG(found.st_mode)


def _staged(path: Path, text: str | Writer, found: os.stat_result | None) -> str:
    """A temporary file beside ``path`` that holds ``text``, with the mode ``path`` has
    (or a new file's)."""

    import tempfile  # (with random and hashlib, about 2.5 ms: for a file written alone)

    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            _put(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        if found is not None:
            os.chmod(temporary, found.st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary
