"""What the agreements say: the vocabulary of their terms, a term checked as it is given,
which of a party's terms holds on a day, the filter `--where` reads, and a comparison of
parties term by term. No I/O: the store reads, the renderers show.

A term's status is what was found, never what was guessed: ``stated`` (the source says
it), ``not_stated`` (the text was read and is silent), ``excluded`` (the text rules it
out) or ``unknown`` (not yet read). A term a party has no row for is unknown too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from agreements_cli.errors import BadInput
from agreements_cli.records import Party, Term
from agreements_cli.rules import check_note, check_source
from agreements_cli.vocabulary import FIRMNESS, SOURCE_KINDS, TERM_STATUSES, VOCABULARY

MAX_QUOTE = 600
MAX_VALUE = 200
MAX_CLAUSE = 60
_NUMBER = re.compile(r"[0-9]{1,6}(\.[0-9]{1,4})?")
_LANG = re.compile(r"[a-z]{2,3}")


def parse_term_name(text: str) -> str:
    """A term of the vocabulary, by its name (``nato-accession`` and ``NATO_accession``
    name the same), or an error that lists them."""
    name = text.strip().lower().replace("-", "_").replace(" ", "_")
    if name not in VOCABULARY:
        raise BadInput(f"unknown term {text!r}. Use one of: {', '.join(VOCABULARY)}")
    return name


def _choice(text: str | None, allowed: Sequence[str], what: str) -> str | None:
    if text is None:
        return None
    value = " ".join(text.strip().lower().replace("_", " ").split())
    for choice in allowed:
        if value == choice.replace("_", " "):
            return choice
    raise BadInput(f"unknown {what} {text!r}. Use one of: {', '.join(allowed)}")


def _words(text: str | None, what: str, limit: int) -> str | None:
    """Text given on one line or more, tidied; None when empty."""
    if text is None:
        return None
    words = " ".join(text.split())
    if len(words) > limit:
        raise BadInput(f"the {what} has {len(words)} characters; give at most {limit}")
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in words):
        raise BadInput(f"the {what} holds a control character; give it as plain text")
    return words or None


def term_value(name: str, value: str | None, unit: str | None) -> tuple[str | None, str | None]:
    """A term's value and unit, checked against the vocabulary."""
    kind = VOCABULARY[name]
    value = _words(value, "value", MAX_VALUE)
    if unit is not None:
        if not kind.units:
            raise BadInput(f"the term {name} takes no unit; give its value alone")
        unit = _choice(unit, kind.units, f"unit of {name}")
        if value is None or not _NUMBER.fullmatch(value):
            raise BadInput(
                f"a value in {unit} is a number (e.g. 10 {unit}); got {value!r}. Give "
                "words without a unit"
            )
    elif kind.choices and value is not None:
        value = _choice(value, kind.choices, f"value of {name}")
    return value, unit


def build_term(
    code: str,
    name: str,
    status: str,
    holds_from: date,
    *,
    value: str | None = None,
    unit: str | None = None,
    firmness: str | None = None,
    clause: str | None = None,
    quote: str | None = None,
    quote_lang: str | None = None,
    text_url: str | None = None,
    source: str | None = None,
    source_kind: str | None = None,
    note: str | None = None,
) -> Term:
    """A term as given, checked: a term of the vocabulary, a status, a value that fits
    the term; a value or firmness only where something is stated; a source for anything
    that was read (only an unknown term may lack one)."""
    name = parse_term_name(name)
    found = _choice(status, TERM_STATUSES, "status")
    assert found is not None
    value, unit = term_value(name, value, unit)
    firm = _choice(firmness, FIRMNESS, "firmness")
    if found in ("not_stated", "unknown") and (value is not None or firm is not None):
        raise BadInput(
            f"a term that is {found.replace('_', ' ')} has no value or firmness; "
            "give the status stated with them"
        )
    if found != "unknown" and not source:
        raise BadInput(
            f"a term that is {found.replace('_', ' ')} needs the source read: give its URL"
        )
    lang = _words(quote_lang, "language", 3)
    if lang is not None and not _LANG.fullmatch(lang.lower()):
        raise BadInput(f"a quote's language is a code such as en or uk; got {quote_lang!r}")
    quoted = _words(quote, "quote", MAX_QUOTE)
    if quoted is not None and lang is None:
        raise BadInput("a quote needs its language (e.g. en, uk, de)")
    return Term(
        id=None,
        code=code,
        term=name,
        status=found,
        holds_from=holds_from.isoformat(),
        value=value,
        unit=unit,
        firmness=firm,
        clause=_words(clause, "clause", MAX_CLAUSE),
        quote=quoted,
        quote_lang=lang.lower() if lang else None,
        text_url=check_source(text_url) if text_url else None,
        source=check_source(source) if source else None,
        source_kind=_choice(source_kind, SOURCE_KINDS, "source kind"),
        note=check_note(note) or None if note else None,
    )


def holding(terms: Iterable[Term], day: date | None = None) -> dict[tuple[str, str], Term]:
    """Each party's terms that hold on ``day`` (None: every one recorded), by (code, term):
    of a term given from several days, the latest by then (an amendment stands)."""
    asked = day.isoformat() if day else None
    found: dict[tuple[str, str], Term] = {}
    for term in sorted(terms, key=lambda t: (t.holds_from, t.id or 0)):
        if asked is None or term.holds_from <= asked:
            found[(term.code, term.term)] = term
    return found


def named(recorded: Iterable[str]) -> tuple[str, ...]:
    """The terms a party's terms are shown by: the key terms and any other it has
    ``recorded``, in the vocabulary's order."""
    have = set(recorded)
    return tuple(n for n in VOCABULARY if VOCABULARY[n].key or n in have)


def unknown(code: str, name: str) -> Term:
    """The term a party has no row for: unknown, from no day."""
    return Term(None, code, name, "unknown", "")


class Condition(NamedTuple):
    """One `--where TERM OP VALUE`: a status or value a party's term must have."""

    term: str
    op: str
    value: str

    def holds(self, term: Term) -> bool:
        wanted = self.value
        if self.op in ("=", "!="):
            status = wanted.replace("-", "_").replace(" ", "_")
            if status in TERM_STATUSES:
                same = term.status == status
            else:
                found = (term.value or "").replace("_", " ").casefold()
                same = term.status == "stated" and found == wanted.replace("_", " ").casefold()
            return same if self.op == "=" else not same
        if term.status != "stated" or term.unit is None or term.value is None:
            return False  # a number is compared only where one is stated
        have, limit = float(term.value), float(wanted)
        return {"<": have < limit, "<=": have <= limit, ">": have > limit, ">=": have >= limit}[
            self.op
        ]


_CONDITION = re.compile(r"\s*([A-Za-z_ -]+?)\s*(<=|>=|!=|=|<|>)\s*(.+?)\s*")


def parse_condition(text: str) -> Condition:
    """``consultations<=24``, ``nato_accession=ends_on_accession``, ``lethal=non_lethal``,
    ``legal_form=unknown``: a number is compared with <, <=, >, >=; a value or a status
    with = or !=."""
    match = _CONDITION.fullmatch(text)
    if not match:
        raise BadInput(
            f"the condition {text!r} is not TERM=VALUE or TERM<=NUMBER, e.g. consultations<=24"
        )
    name, op, value = parse_term_name(match.group(1)), match.group(2), match.group(3)
    if op not in ("=", "!=") and not _NUMBER.fullmatch(value):
        raise BadInput(f"the condition {text!r}: {op} compares numbers; give a number after it")
    if op not in ("=", "!=") and not VOCABULARY[name].units:
        raise BadInput(f"the condition {text!r}: the term {name} has no number; use = or !=")
    return Condition(name, op, value)


def meets(code: str, held: dict[tuple[str, str], Term], conditions: Sequence[Condition]) -> bool:
    return all(c.holds(held.get((code, c.term)) or unknown(code, c.term)) for c in conditions)


class Row(NamedTuple):
    """A party's terms for the matrix: its row, and its term (or unknown) for each term."""

    party: Party
    terms: tuple[Term, ...]


def matrix(
    parties: Sequence[Party], held: dict[tuple[str, str], Term], names: Sequence[str]
) -> list[Row]:
    return [
        Row(p, tuple(held.get((p.code, n)) or unknown(p.code, n) for n in names)) for p in parties
    ]


class Compared(NamedTuple):
    """One term of a comparison: each party's term, and whether they differ."""

    term: str
    terms: tuple[Term, ...]
    differs: bool


def _said(term: Term) -> tuple:
    return (term.status, term.value, term.unit, term.firmness)


def compare(
    codes: Sequence[str], held: dict[tuple[str, str], Term], names: Sequence[str] = ()
) -> list[Compared]:
    """The parties side by side, term by term: the terms named, else every term any of them
    has recorded, in the vocabulary's order. Two terms differ when their status, value,
    unit or firmness do (an unknown term differs from every read one)."""
    recorded = {name for (code, name) in held if code in codes}
    chosen = list(names) or [name for name in VOCABULARY if name in recorded]
    rows = []
    for name in chosen:
        terms = tuple(held.get((code, name)) or unknown(code, name) for code in codes)
        rows.append(Compared(name, terms, len({_said(t) for t in terms}) > 1))
    return rows
