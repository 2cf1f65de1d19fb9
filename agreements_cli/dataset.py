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
from agreements_cli.model import Draft, build_record, effective_date, parse_date
from agreements_cli.store import SeedData

RECORD_FIELDS = {
    "code", "country", "status", "signed_on", "place", "amount", "currency", "period",
    "source", "note",
    "since",  # when a status other than signed took effect (a signature: signed_on)
    "usd_rate_date",  # the day whose ECB rate the amount is converted at
}  # fmt: skip
FORMAT = "agreements/1"
MAX_FILE_BYTES = 10 * 1024 * 1024
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


def parse_record(
    record: object, index: int, today: date, previous: dict | None = None
) -> tuple[dict, str]:
    """One party of a data file, checked by the same rules as ``agreements add``.

    Returns the row and the date it takes effect. ``previous`` is the party's row in
    the database, if any, so that an unchanged pledge keeps its USD value.
    """
    where = f"record {index}"
    if not isinstance(record, dict):
        raise BadInput(f"{where}: must be an object with code, status and source")
    code = record.get("code")
    if not isinstance(code, str) or not code.strip():
        raise BadInput(
            f"{where}: field 'code' is missing or not a string; give the ISO 3166-1 alpha-2 code"
        )
    where = f"record {index} ({code})"
    unknown = sorted(set(record) - RECORD_FIELDS)
    if unknown:
        raise BadInput(
            f"{where}: unknown field {unknown[0]!r}. Known fields: {', '.join(sorted(RECORD_FIELDS))}"
        )
    if not isinstance(record.get("status"), str):
        raise BadInput(
            f"{where}: field 'status' is missing or not a string; use signed, negotiating or planned"
        )
    try:
        party = countries.by_code(code.strip())
        fields = {f: _text(record, f, where) for f in RECORD_FIELDS - {"code", "country", "status"}}
        since = fields.pop("since")
        rate_date = fields.pop("usd_rate_date")
        draft = Draft(country=party.name, status=record["status"], **fields)
        convert_on = parse_date(rate_date, "usd_rate_date") if rate_date else None
        row = build_record(draft, today, party=party, previous=previous, convert_on=convert_on)
        if since and row["status"] == "signed":
            raise BadInput(
                "'since' is for parties not yet signed; a signature takes effect on signed_on"
            )
        effective = parse_date(since, "since").isoformat() if since else effective_date(row, today)
    except BadInput as error:
        if str(error).startswith(where):
            raise
        raise BadInput(f"{where}: {error}") from None
    return row, effective


def parse(data: object, today: date, current: dict[str, dict] | None = None) -> SeedData:
    """A whole data file; any invalid record rejects it, naming the record and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("parties"), list):
        raise BadInput("the data file must be a JSON object with a list of 'parties'")
    unknown = sorted(set(data) - TOP_FIELDS)
    if unknown:
        raise BadInput(f"the data file has an unknown field {unknown[0]!r}")
    if data.get("format", FORMAT) != FORMAT:
        raise BadInput(
            f"the data file is in format {data['format']!r}; this version reads {FORMAT}"
        )
    current = current or {}
    rows = []
    for i, record in enumerate(data["parties"], start=1):
        code = record.get("code") if isinstance(record, dict) else None
        previous = current.get(code.strip().upper()) if isinstance(code, str) else None
        rows.append(parse_record(record, i, today, previous))
    codes = [row["code"] for row, _ in rows]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise BadInput(f"the data file lists {duplicates[0]} more than once; keep one record")
    settings: dict[str, str] = {}
    if data.get("snapshot"):
        settings["snapshot"] = parse_date(str(data["snapshot"]), "snapshot").isoformat()
    goal = _section(data, "goal", "count")
    if goal:
        settings.update(
            goal=str(goal["count"]),
            goal_basis=str(goal.get("basis", "")),
            goal_source=str(goal.get("source", "")),
        )
    reported = _section(data, "reported_value", "value_usd")
    if reported:
        settings.update(
            reported_value_usd=str(reported["value_usd"]),
            reported_value_as_of=str(reported.get("as_of", "")),
            reported_value_statement=str(reported.get("statement", "")),
            reported_value_source=str(reported.get("source", "")),
        )
    return SeedData(settings=settings, rows=rows)


def _section(data: dict, name: str, number: str) -> dict:
    """An optional object of the file whose ``number`` field is a positive whole number."""
    section = data.get(name)
    if section is None:
        return {}
    value = section.get(number) if isinstance(section, dict) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise BadInput(
            f"the data file's {name!r} must be an object whose {number!r} is a whole number"
        )
    return section


def read_file(name: str) -> object:
    """The JSON of a data file, or of standard input for '-'; a bad file is bad input."""
    import sys

    try:
        if name == "-":
            text = sys.stdin.read(MAX_FILE_BYTES + 1)
        else:
            path = Path(name)
            if path.is_dir():
                raise BadInput(f"{name} is a folder. Give a JSON file made by agreements export")
            with path.open(encoding="utf-8") as handle:
                text = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise BadInput(f"no file {name}. Check the path") from None
    except UnicodeDecodeError:
        raise BadInput(
            f"{name} is not UTF-8 text. Give a JSON file made by agreements export"
        ) from None
    except OSError as error:
        raise BadInput(f"cannot read {name}: {error.strerror}") from None
    if len(text) > MAX_FILE_BYTES:
        raise BadInput(
            f"{name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; no data file of agreements is"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise BadInput(f"{name} is nested too deeply to be a data file") from None


def export_data(rows: list[dict], settings: dict[str, str], since: dict[str, str]) -> dict:
    """The database in the format of data/seed.json, so that import reads it back."""
    data: dict = {"format": FORMAT}
    if settings.get("snapshot"):
        data["snapshot"] = settings["snapshot"]
    if settings.get("goal"):
        data["goal"] = {
            "count": int(settings["goal"]),
            "basis": settings.get("goal_basis", ""),
            "source": settings.get("goal_source", ""),
        }
    if settings.get("reported_value_usd"):
        data["reported_value"] = {
            "value_usd": int(settings["reported_value_usd"]),
            "as_of": settings.get("reported_value_as_of", ""),
            "statement": settings.get("reported_value_statement", ""),
            "source": settings.get("reported_value_source", ""),
        }
    order = ("code", "country", "status", "since", "signed_on", "place", "amount", "currency",
             "period", "usd_rate_date", "source", "note")  # fmt: skip
    parties = []
    for row in rows:
        record = {**row, "since": since.get(row["code"]) if row["status"] != "signed" else None}
        parties.append({f: record[f] for f in order if record.get(f) is not None})
    data["parties"] = parties
    return data
