"""The data files that ship inside the package: the seed and the later events.

Kept apart from ``dataset`` so that `progress`, which only asks whether the later
events are in the database yet, reads one small JSON file and imports nothing more.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agreements_cli.records import Party

SEED = "seed.json"
# The later events, and the name imports of them are recorded under (events.origin).
UPDATES = "updates-2025-11.json"
ORIGIN = f"bundled:{UPDATES}"


def path(name: str) -> Path:
    """A bundled data file: inside the installed package (the build copies ``data/``
    there), or in ``data/`` beside the package in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "data" / name
    return inside if inside.is_file() else package.parent / "data" / name


def updates() -> dict:
    """The later events bundled with the package, as JSON."""
    return json.loads(path(UPDATES).read_text(encoding="utf-8"))


def newer_data(rows: list[Party], applied: bool) -> str | None:
    """The date of the bundled later data when the database does not have it yet: no
    import of it is on record, and some party it names has another status, signing
    date or place in the count. Reads the file's JSON only; converts nothing."""
    if applied:
        return None
    data = updates()
    by_code = {row.code: row for row in rows}
    for record in data["parties"]:
        row = by_code.get(record["code"])
        wanted = (record["status"], record.get("signed_on"), record.get("counted", True))
        if row is None or (row.status, row.signed_on, row.counted) != wanted:
            return str(data["snapshot"])
    return None
