"""The terms of a data file's record (format ``agreements/3`` and later): a ``terms`` list
of objects, each checked by the same rules as ``agreements term set``; and the terms of
the database as a record lists them, for export."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from agreements_cli.errors import BadInput
from agreements_cli.formats.jsonobjects import listed_objects
from agreements_cli.records import Term
from agreements_cli.rules import parse_date
from agreements_cli.terms import build_term
from agreements_cli.wording import term_text

TERM_KEYS = {"term", "status", "holds_from", "value", "unit", "firmness", "clause", "quote",
             "quote_lang", "text_url", "source", "source_kind", "note"}  # fmt: skip
EXPORTED = ("term", "status", "holds_from", "value", "unit", "firmness", "clause", "quote",
            "quote_lang", "text_url", "source", "source_kind", "note")  # fmt: skip


def parse_terms(record: dict, code: str, signed_on: str | None, today: date) -> list[Term] | None:
    """A record's terms (None: it lists none). A term without ``holds_from`` holds from
    the party's signing date."""
    listed = listed_objects(record, "terms", TERM_KEYS, ("term", "status"))
    if listed is None:
        return None
    found: list[Term] = []
    seen: set[tuple] = set()
    for number, item in enumerate(listed, start=1):
        where = f"term {number}"
        for key, value in item.items():
            if value is not None and not isinstance(value, str):
                raise BadInput(f"{where}: field {key!r} must be a string")
        if not item["term"] or not item["status"]:
            raise BadInput(f"{where} needs 'term' and 'status'")
        day = item.get("holds_from") or signed_on
        if day is None:
            raise BadInput(f"{where} needs 'holds_from': the party has no signing date")
        try:
            term = build_term(
                code,
                item["term"],
                item["status"],
                parse_date(day, "holds_from", today),
                **{k: item.get(k) for k in EXPORTED[3:] if k != "quote_lang"},
                quote_lang=item.get("quote_lang"),
            )
        except BadInput as error:
            raise error.within(where) from None
        if term.key() in seen:
            raise BadInput(f"{where} repeats {term_text(term)}; keep one")
        seen.add(term.key())
        found.append(term)
    return found


def exported(terms: Sequence[Term]) -> dict[str, list[dict]]:
    """Each party's terms as its record lists them, by code."""
    by_code: dict[str, list[dict]] = {}
    for term in terms:
        fields = term.as_dict()
        by_code.setdefault(term.code, []).append(
            {f: fields[f] for f in EXPORTED if fields[f] is not None}
        )
    return by_code
