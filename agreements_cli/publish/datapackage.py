"""The database as a Frictionless data package: the parties, pledges, milestones and change
log as CSV files, and a ``datapackage.json`` that describes them (a Table Schema for each:
types, keys, foreign keys), with the sources, the data's dates and the data's licence.

The data has its own licence, not the software's: CC BY 4.0, crediting the sources each
record cites (``tables.DATA_LICENCE``, also what `serve` publishes).

Beside the database's own tables it holds those the library derives (``tables.DERIVED``:
progress, the money of each year and of each party in each year, the signings by month),
so that a plain SQL sum over its CSV files gives the figures `progress` prints."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TextIO
from urllib.parse import urlsplit

from agreements_cli import __version__
from agreements_cli.deliveries import CHANNELS, DELIVERY_QUALIFIERS, MEASURES, REPORTERS
from agreements_cli.errors import BadInput
from agreements_cli.formats import outfile
from agreements_cli.publish.tables import CREDIT, DATA_LICENCE, DERIVED, columns
from agreements_cli.records import ENTITIES, INSTRUMENTS, KINDS, QUALIFIERS, STATUSES, TIES
from agreements_cli.render.machine import json_text, write_csv
from agreements_cli.rules import is_web_address
from agreements_cli.vocabulary import FIRMNESS, SOURCE_KINDS, TERM_STATUSES, VOCABULARY

NAME = "ukraine-security-agreements"
TITLE = "Ukraine's bilateral security agreements"
FILE = "datapackage.json"


def _field(name: str, kind: str = "string", **more: Any) -> dict:
    return {"name": name, "type": kind, **more}


_CODE = _field("code", constraints={"required": True, "pattern": "[A-Z]{2}"})
_ID = _field("id", "integer", constraints={"required": True, "minimum": 1})
_MONTH = {"minimum": 1, "maximum": 12}
# Each table's fields, in the order of its CSV file, typed; what each means is the
# column dictionary `serve` publishes (``tables.columns``).
SCHEMAS: dict[str, list[dict]] = {
    "parties": [
        _CODE, _field("country", constraints={"required": True}),
        _field("kind", constraints={"enum": ["state", "organisation"]}),
        _field("status", constraints={"required": True, "enum": list(STATUSES)}),
        _field("counted", "boolean"), _field("signed_on", "date"), _field("place"),
        _field("source"), _field("note"), _field("count_reason"), _field("count_source"),
    ],
    "pledges": [
        _ID, _CODE, _field("amount", "number", constraints={"required": True}),
        _field("currency", constraints={"required": True, "pattern": "[A-Z]{3}"}),
        _field("first_year", "integer"), _field("last_year", "integer"),
        _field("per_year", "boolean"), _field("kind", constraints={"enum": list(KINDS)}),
        _field("qualifier", constraints={"enum": list(QUALIFIERS)}),
        _field("announced_on", "date", constraints={"required": True}), _field("source"),
        _field("note"), _field("value_usd", "integer"), _field("usd_rate", "number"),
        _field("usd_rate_date", "date"),
        _field("instrument", constraints={"enum": list(INSTRUMENTS)}),
        _field("tie", constraints={"enum": list(TIES)}), _field("replaces", "integer"),
        _field("first_month", "integer", constraints=_MONTH),
        _field("last_month", "integer", constraints=_MONTH),
        _field("value_eur", "integer"), _field("eur_rate", "number"),
        _field("eur_rate_date", "date"),
    ],
    "milestones": [
        _ID, _CODE, _field("happened_on", "date", constraints={"required": True}),
        _field("step", constraints={"required": True}), _field("document"), _field("source"),
        _field("note"),
    ],
    "terms": [
        _ID, _CODE, _field("term", constraints={"required": True, "enum": list(VOCABULARY)}),
        _field("status", constraints={"required": True, "enum": list(TERM_STATUSES)}),
        _field("holds_from", "date", constraints={"required": True}), _field("value"),
        _field("unit", constraints={"enum": sorted({u for k in VOCABULARY.values() for u in k.units})}),
        _field("firmness", constraints={"enum": list(FIRMNESS)}), _field("clause"),
        _field("quote"), _field("quote_lang", constraints={"pattern": "[a-z]{2,3}"}),
        _field("text_url"), _field("source"),
        _field("source_kind", constraints={"enum": list(SOURCE_KINDS)}), _field("note"),
    ],
    "deliveries": [
        _ID, _CODE, _field("measure", constraints={"required": True, "enum": list(MEASURES)}),
        _field("amount", "number", constraints={"required": True}),
        _field("currency", constraints={"required": True, "pattern": "[A-Z]{3}"}),
        _field("period_from", "date", constraints={"required": True}),
        _field("period_to", "date", constraints={"required": True}),
        _field("cumulative", "boolean"),
        _field("stated_on", "date", constraints={"required": True}),
        _field("reporter", constraints={"required": True, "enum": list(REPORTERS)}),
        _field("channel", constraints={"enum": list(CHANNELS)}),
        _field("value_usd", "integer"), _field("usd_rate", "number"),
        _field("usd_rate_date", "date"), _field("value_eur", "integer"),
        _field("eur_rate", "number"), _field("eur_rate_date", "date"),
        _field("qualifier", constraints={"enum": list(DELIVERY_QUALIFIERS)}),
        _field("kind", constraints={"enum": list(KINDS)}),
        _field("instrument", constraints={"enum": list(INSTRUMENTS)}),
        _field("pledge", "integer"), _field("source"), _field("note"),
    ],
    "changes": [
        _ID, _field("recorded_at", "datetime"), _field("effective_on", "date"),
        _field("code"), _field("country"),
        _field("entity", constraints={"enum": ["party", *ENTITIES]}),
        _field("action"), _field("changes"),
    ],
    **{name: [_field(column, kind) for column, kind, _ in spec]
       for name, (_, spec) in DERIVED.items()},
}  # fmt: skip
PRIMARY_KEYS = {"parties": ["code"], "pledges": ["id"], "milestones": ["id"], "terms": ["id"],
                "deliveries": ["id"],
                "years": ["year"], "party_years": ["code", "year"],
                "signings_by_month": ["month"]}  # fmt: skip
CHANGE_DESCRIPTIONS = {
    "id": "order in which changes were recorded",
    "recorded_at": "when it was recorded, UTC, ISO 8601",
    "effective_on": "the date the change took effect (a signature: its signing date; a milestone or pledge: its date)",
    "code": "the party changed, or whose milestone, pledge or term changed",
    "country": "the party's name when the change was recorded",
    "entity": "what changed: party, milestone, pledge, term or delivery (a figure of what was done)",
    "action": "seed, add, update, remove, import or undo",
    "changes": "what changed, as a line: field old -> new",
}
RESOURCE_TITLES = {
    "parties": "Tracked parties",
    "pledges": "The pledge ledger",
    "milestones": "Milestones of the agreements",
    "terms": "What each agreement says, term by term",
    "deliveries": "What was done against the pledges, each figure as its reporter states it",
    "changes": "The change log, newest first",
    "progress": "Progress toward the goal, and the headline year's money",
    "years": "The money pledged for each year",
    "party_years": "Each party's money for each year",
    "signings_by_month": "Signings by month",
    "promised_done": "Promised against done, by party and year",
}


class Tables(NamedTuple):
    """The rows of each table of the package (dicts by field name), and the data's dates."""

    rows: dict[str, Iterable[dict]]
    data_as_of: str | None
    sources_checked: str | None


# What the CSV writer does to a text cell a spreadsheet would run (``safety.for_spreadsheet``),
# said where a reader of the package looks: in each text field's description.
GUARDED = (
    "A text that starts with =, +, -, @, a tab, a carriage return or an apostrophe is written "
    "with one apostrophe more before it, so that no spreadsheet runs it as a formula: the "
    "value is the text after that apostrophe."
)


def _described(field: dict, words: str) -> dict:
    """A field with its description; a free text one (no pattern, no list of values) says
    how a text a spreadsheet would run is written."""
    limits = field.get("constraints", {})
    free = field["type"] == "string" and "pattern" not in limits and "enum" not in limits
    text = f"{words.rstrip('.')}. {GUARDED}" if free else words
    return {**field, "description": text}


def descriptor(
    sources: list[str], data_as_of: str | None, sources_checked: str | None, bom: bool
) -> dict:
    """The ``datapackage.json`` of a package of the tables, whose records cite ``sources``."""

    when = f" Data as of {data_as_of}" if data_as_of else ""
    if when and sources_checked:
        when += f"; sources checked to {sources_checked}"
    when += "." if when else ""
    resources = []
    for name, fields in SCHEMAS.items():
        described = CHANGE_DESCRIPTIONS if name == "changes" else columns(name)
        schema: dict[str, Any] = {
            "fields": [_described(f, described[f["name"]]) for f in fields],
            "missingValues": [""],
        }
        key = PRIMARY_KEYS.get(name)
        if key:  # (the log names parties no longer tracked: it has none)
            schema["primaryKey"] = key
        if name in ("pledges", "milestones", "terms", "deliveries", "party_years", "promised_done"):
            schema["foreignKeys"] = [
                {"fields": ["code"], "reference": {"resource": "parties", "fields": ["code"]}}
            ]
        if name == "deliveries":
            schema["foreignKeys"].append(
                {"fields": ["pledge"], "reference": {"resource": "pledges", "fields": ["id"]}}
            )
        resources.append(
            {
                "name": name,
                "title": RESOURCE_TITLES[name],
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig" if bom else "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": (
            "Ukraine's ten-year bilateral security agreements: who has signed, when, the "
            "pledges as stated (with their USD and EUR values at the ECB rate of the "
            "announcement), milestones, what each agreement says (its terms, each with the "
            "source read), what was done against the pledges (each figure as its reporter "
            "states it, and promised_done: promised against done by party and year, as "
            "agreements delivered gives it), every recorded change, and what the money adds "
            "up to as agreements progress adds it (progress, years, party_years: a plain sum "
            f"over party_years gives the years' figures).{when} {CREDIT}"
        ),
        "licenses": [DATA_LICENCE],
        "sources": [{"title": urlsplit(url).hostname or url, "path": url} for url in sources],
        "data_as_of": data_as_of,
        "sources_checked": sources_checked,
        "generator": f"agreements {__version__}",
        "resources": resources,
    }


CITING = ("parties", "pledges", "milestones", "terms", "deliveries")  # the tables with sources


def _citing(rows: Iterable[dict], seen: dict[str, None]) -> Iterator[dict]:
    """``rows`` as they are, each web address they cite noted in ``seen`` (in order)."""
    for row in rows:
        for field in ("source", "count_source", "text_url"):
            value = row.get(field)
            if isinstance(value, str) and is_web_address(value):
                seen.setdefault(value, None)
        yield row


Writer = Callable[[TextIO], None]


def writers(tables: Tables, bom: bool = False) -> dict[str, Writer]:
    """What writes each file of the package, by file name, to be called in this order:
    each CSV file written a row at a time as its rows are read (a table is never held
    whole), then ``datapackage.json``, which names the web addresses they cite."""

    seen: dict[str, None] = {}

    def table(name: str, fields: list[dict]) -> Writer:
        def write(out: TextIO) -> None:
            if bom:
                out.write("\ufeff")
            rows = tables.rows.get(name, [])
            found = _citing(rows, seen) if name in CITING else rows
            write_csv(found, [f["name"] for f in fields], out)

        return write

    def package(out: TextIO) -> None:
        described = descriptor(list(seen), tables.data_as_of, tables.sources_checked, bom)
        out.write(json_text(described, indent=2) + "\n")

    made = {f"{name}.csv": table(name, fields) for name, fields in SCHEMAS.items()}
    made[FILE] = package
    return made


def files(tables: Tables, bom: bool = False) -> dict[str, str]:
    """The text of each file of the package, by file name (what ``writers`` write)."""

    texts = {}
    for file, writer in writers(tables, bom).items():
        out = io.StringIO()
        writer(out)
        texts[file] = out.getvalue()
    return texts


def write(name: str, files: Mapping[str, str | Writer], database: Path) -> None:
    """Write the package's files (texts, or what ``writers`` gives) into the folder
    ``name`` (made if need be), all of them whole or none, and only inside it: a file
    there that is a link, or the database, is refused before anything is written."""

    if not name.strip():
        raise BadInput("--datapackage needs the name of a folder, not an empty one")
    folder = Path(name).expanduser()
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{folder} is a file, not a folder. Give a folder for the data package")
    targets = [
        outfile.guard(str(folder / file), database, "--datapackage", inside=folder)
        for file in files
    ]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from agreements_cli.errors import AgreementsError

        raise AgreementsError(f"cannot create the folder {folder}: {error.strerror}") from None
    outfile.write_all(list(zip(targets, files.values(), strict=True)), "--datapackage")
