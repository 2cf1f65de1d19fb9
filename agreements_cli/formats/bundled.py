"""The data files that ship inside the package (the seed and the later events), and the
names the change log gives the imports of data (which tell the data's dates).

Kept apart from ``dataset`` so that `progress`, which only asks whether the later
events are in the database yet, reads one small JSON file and imports nothing more.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from agreements_cli.records import Party

SEED = "seed.json"
# The later events; imports of them are recorded under ``origin(UPDATES)`` (events.origin).
UPDATES = "updates-2026-12c.json"
# The earlier versions of the later events, oldest first, kept so that an import of the
# new one can tell what its user changed since (a three-way merge against them).
EARLIER = (
    "updates-2025-11.json",
    "updates-2026-07.json",
    "updates-2026-12.json",
    "updates-2026-12b.json",
)


def origin(name: str) -> str:
    """The origin the change log records an import of the bundled file ``name`` under."""
    return f"bundled:{name}"


ORIGIN = origin(UPDATES)
# How the change log names an import of a data file whose sources were checked to a day.
CHECKED = "checked:"


def checked_on(origins: list[str]) -> str | None:
    """The latest day the sources of the imported files that stand were checked."""
    days = [name.removeprefix(CHECKED) for name in origins if name.startswith(CHECKED)]
    return max(days, default=None)


def path(name: str) -> Path:
    """A bundled data file: inside the installed package (the build copies ``data/``
    there), or in ``data/`` beside the package in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "data" / name
    return inside if inside.is_file() else package.parent / "data" / name


def updates(name: str = UPDATES) -> dict:
    """The later events bundled with the package (or an earlier version), as JSON."""
    return json.loads(path(name).read_text(encoding="utf-8"))


def seed() -> dict:
    return json.loads(path(SEED).read_text(encoding="utf-8"))


def base(applied: Callable[[str], bool]) -> list[dict]:
    """What a database took in of the bundled data before: the seed, and each version of
    the later events that it imported (``applied``: whether an origin's import stands)."""
    return [seed(), *(updates(n) for n in (*EARLIER, UPDATES) if applied(origin(n)))]


def release() -> str:
    """The bundled data's release, for `--version`: its file, the date of its latest change
    and the day its sources were last checked."""
    data = updates()
    return (
        f"data {UPDATES}: changes to {data.get('snapshot')}, sources checked to "
        f"{data.get('sources_checked')}"
    )


def sources_checked(applied: Callable[[str], bool]) -> str | None:
    """The day the sources of the newest version of the bundled later data that the
    database took in (``applied``: whether an origin's import stands) were last checked;
    None when it took in none that says so."""
    for name in (UPDATES, *reversed(EARLIER)):
        if applied(origin(name)):
            checked = updates(name).get("sources_checked")
            return str(checked) if checked else None
    return None


def newer_data(rows: list[Party], applied: bool, earlier: bool = False) -> str | None:
    """The date of the bundled later data when the database does not have it yet: no
    import of it is on record, and it took in an earlier version (``earlier``) or some
    party it names has another status, signing date or place in the count. Reads the
    file's JSON only; converts nothing."""
    if applied:
        return None
    data = updates()
    if earlier:  # the database has an earlier version: this one corrects it
        return str(data["snapshot"])
    by_code = {row.code: row for row in rows}
    for record in data["parties"]:
        row = by_code.get(record["code"])
        wanted = (record["status"], record.get("signed_on"), record.get("counted", True))
        if row is None or (row.status, row.signed_on, row.counted) != wanted:
            return str(data["snapshot"])
    return None
