"""A data file as CSV: one record a row, its lists of pledges, milestones and terms as JSON
in a cell each (as in the JSON file), so that a spreadsheet can edit any cell and `import` reads
it back; the file's own dates on every row."""

from __future__ import annotations

import csv
import json

from agreements_cli.errors import BadInput
from agreements_cli.formats.jsonobjects import json_object
from agreements_cli.formats.sheets import Table
from agreements_cli.safety import for_spreadsheet, from_spreadsheet, json_text, visible

# The columns of a CSV data file: a record's fields, with its lists of pledges, milestones
# and terms as JSON in a cell each (as in the JSON file), so that a spreadsheet can edit any
# cell and `import` reads it back.
CSV_COLUMNS = (
    "code", "country", "status", "since", "signed_on", "place", "source", "note", "counted",
    "count_reason", "count_source", "pledges", "milestones", "terms", "deliveries", "snapshot",
    "sources_checked",
)  # fmt: skip
# The columns whose cell is a list, as JSON.
LISTED = ("pledges", "milestones", "terms", "deliveries")


# The columns that carry the whole file's dates (the same on every row), not a record's.
CSV_FILE_COLUMNS = ("snapshot", "sources_checked")


def write_csv(data: dict, out: object) -> None:
    """The parties of an export (``export_data``) as CSV, one record a row."""

    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")  # type: ignore[arg-type]
    writer.writeheader()
    for party in data["parties"]:
        row = {}
        for column in CSV_COLUMNS:
            value = data.get(column) if column in CSV_FILE_COLUMNS else party.get(column)
            # Nothing live reaches a terminal or a spreadsheet: a control character that
            # another program wrote is shown as an escape (JSON's, in the JSON cells).
            if column in LISTED and value is not None:
                value = json_text(value)
            elif isinstance(value, str):  # and no spreadsheet takes it for a formula
                value = for_spreadsheet(visible(value))
            elif column == "counted":
                value = "false" if value is False else "true"
            row[column] = value  # (csv writes None as an empty field)
        writer.writerow(row)


# The fields an empty CSV cell empties (a column left out leaves them as they are); an
# empty cell of any other column gives nothing.
_EMPTIED_BY_A_CELL = ("signed_on", "place", "source", "note", "count_reason", "count_source")


def records_from_table(table: Table, name: str) -> dict:
    """A table of parties (a CSV file as `export` writes it, or edited in a spreadsheet:
    any delimiter, byte-order mark, CRLF line ends, quoted fields, columns in any order,
    any left out but a key; or a sheet of a workbook) as the JSON data file it stands
    for. An empty cell is a field not given."""
    columns = table.columns
    unknown = sorted(set(columns) - set(CSV_COLUMNS))
    if unknown:
        raise BadInput(
            f"{name}: unknown column {unknown[0]!r}. Known columns: {', '.join(CSV_COLUMNS)}"
        )
    if "code" not in columns and "country" not in columns:
        raise BadInput(f"{name}: a CSV data file needs a code or a country column")
    # (a column named twice is refused where the table is read: sheets._table)
    records = []
    dates: dict[str, set[str]] = {column: set() for column in CSV_FILE_COLUMNS}
    for number, (_, cells) in enumerate(table.rows, start=1):
        record: dict = {}
        for column, cell in zip(columns, cells, strict=True):
            text_cell = cell.strip()
            if column in CSV_FILE_COLUMNS:  # the file's, not the record's
                if text_cell:
                    dates[column].add(text_cell)
                continue
            if not text_cell:  # an empty cell empties a field a party may leave empty
                if column in _EMPTIED_BY_A_CELL:
                    record[column] = None
                continue
            record[column] = _cell_value(column, text_cell, number)
        records.append(record)
    data: dict = {"parties": records}
    for column, found in dates.items():
        if len(found) > 1:
            raise BadInput(
                f"{name}: the {column} column gives {len(found)} dates "
                f"({', '.join(sorted(found)[:2])}); the file's {column} is one date, "
                "the same on every row"
            )
        if found:
            data[column] = found.pop()
    return data


def _cell_value(column: str, text: str, number: int) -> object:
    """A cell of record ``number`` that is not empty, as the record's field: a list of
    pledges, milestones or terms as JSON, counted as true or false, any other text as export wrote
    it or as a spreadsheet saved it."""
    if column in LISTED:
        try:
            return json.loads(text, object_pairs_hook=json_object)
        except (ValueError, RecursionError):
            raise BadInput(
                f"record {number}: the {column} cell is not a JSON list, as export writes it"
            ) from None
    if column == "counted":
        if text.lower() not in ("true", "false"):
            raise BadInput(f"record {number}: counted is {text!r}; use true or false")
        return text.lower() == "true"
    return from_spreadsheet(text)
