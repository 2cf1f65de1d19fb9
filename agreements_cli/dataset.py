"""The data file format of ``data/seed.json``: settings plus one record per party.

The bundled seed is read from the installed package (the build copies ``data/``
into it); in a source checkout it is read from ``data/`` beside the package.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from agreements_cli import countries
from agreements_cli.errors import BadInput
from agreements_cli.model import Draft, build_record, effective_date
from agreements_cli.store import SeedData

RECORD_FIELDS = {
    "code", "country", "status", "signed_on", "place",
    "amount", "currency", "period", "source", "note",
}  # fmt: skip
TOP_FIELDS = {"format", "description", "snapshot", "goal", "reported_value", "parties"}


def bundled_seed_path() -> Path:
    from importlib.resources import files

    bundled = files("agreements_cli").joinpath("data", "seed.json")
    if bundled.is_file():
        return Path(str(bundled))
    return Path(__file__).resolve().parent.parent / "data" / "seed.json"


def load_bundled_seed() -> SeedData:
    path = bundled_seed_path()
    return parse(json.loads(path.read_text(encoding="utf-8")), today=date.today())


def _text(record: dict, field: str, where: str) -> str | None:
    value = record.get(field)
    if value is None or isinstance(value, str):
        return value
    if field == "amount" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    kind = 'a decimal string such as "2500000000"' if field == "amount" else "a string"
    raise BadInput(f"{where}: field {field!r} must be {kind}, not {type(value).__name__}")


def parse_record(record: object, index: int, today: date) -> tuple[dict, str]:
    """One party of a data file, checked by the same rules as ``agreements add``."""
    where = f"record {index}"
    if not isinstance(record, dict):
        raise BadInput(f"{where}: must be an object with code, status and source")
    code = record.get("code")
    if not isinstance(code, str) or not code.strip():
        raise BadInput(f"{where}: field 'code' is missing; give the ISO 3166-1 alpha-2 code")
    where = f"record {index} ({code})"
    unknown = sorted(set(record) - RECORD_FIELDS)
    if unknown:
        raise BadInput(
            f"{where}: unknown field {unknown[0]!r}. Known fields: {', '.join(sorted(RECORD_FIELDS))}"
        )
    if not isinstance(record.get("status"), str):
        raise BadInput(f"{where}: field 'status' is missing; use signed, negotiating or planned")
    try:
        party = countries.by_code(code.strip())
        draft = Draft(
            country=party.name,
            status=record["status"],
            **{f: _text(record, f, where) for f in RECORD_FIELDS - {"code", "country", "status"}},
        )
        row = build_record(draft, today, party=party)
    except BadInput as error:
        if str(error).startswith(where):
            raise
        raise BadInput(f"{where}: {error}") from None
    return row, effective_date(row, today)


def parse(data: object, today: date) -> SeedData:
    if not isinstance(data, dict) or not isinstance(data.get("parties"), list):
        raise BadInput("the data file must be a JSON object with a list of 'parties'")
    unknown = sorted(set(data) - TOP_FIELDS)
    if unknown:
        raise BadInput(f"the data file has an unknown field {unknown[0]!r}")
    rows = [parse_record(record, i, today) for i, record in enumerate(data["parties"], start=1)]
    codes = [row["code"] for row, _ in rows]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise BadInput(f"the data file lists {duplicates[0]} more than once; keep one record")
    settings: dict[str, str] = {}
    if data.get("snapshot"):
        settings["snapshot"] = str(data["snapshot"])
    goal = data.get("goal") or {}
    if goal:
        settings.update(
            goal=str(int(goal["count"])),
            goal_basis=str(goal.get("basis", "")),
            goal_source=str(goal.get("source", "")),
        )
    reported = data.get("reported_value") or {}
    if reported:
        settings.update(
            reported_value_usd=str(int(reported["value_usd"])),
            reported_value_as_of=str(reported.get("as_of", "")),
            reported_value_statement=str(reported.get("statement", "")),
            reported_value_source=str(reported.get("source", "")),
        )
    return SeedData(settings=settings, rows=rows)
