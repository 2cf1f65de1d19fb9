"""The vocabulary of the agreements' terms: each term, what its value is, the statuses a
term can have, how firm a promise is, and the kinds of source. Constants only: every read
of the terms table checks against them (see ``store.integrity``); and the record of one
term, as it is stored, logged and exported."""

from typing import Any, NamedTuple


class TermKind(NamedTuple):
    """One term of the vocabulary: its label, and what its value is: a number in one of
    ``units``, one of ``choices``, or (neither) words; ``key`` terms are the matrix's."""

    label: str
    units: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    key: bool = False


# The vocabulary, in the order the matrix and a party's terms are shown. A number-with-a-
# unit term may instead be given in words (the EU's duration: "as Ukraine pursues its
# European path"; consultations "without delay"), with no unit.
VOCABULARY: dict[str, TermKind] = {
    "duration": TermKind("Duration", units=("years",), key=True),
    "extension": TermKind("Extension (notice before expiry)", units=("months",)),
    "termination_notice": TermKind("Termination notice", units=("months", "days")),
    "review": TermKind("Review within", units=("years",)),
    "nato_accession": TermKind(
        "NATO",
        choices=(
            "ends_on_accession",
            "bridge_to_membership",
            "supports_membership",
            "not_a_substitute",
        ),
        key=True,
    ),  # fmt: skip
    "consultations": TermKind("Consultations", units=("hours",), key=True),
    "reciprocity": TermKind("Reciprocity"),
    "legal_form": TermKind(
        "Legal form",
        choices=("treaty", "executive_agreement", "political", "joint_commitments", "contested"),
        key=True,
    ),
    "ratification": TermKind("Ratification", choices=("required", "pending", "done", "none")),
    "binding": TermKind("Called binding"),
    "money_form": TermKind(
        "Money", choices=("fixed_sum", "multi_year_sum", "gdp_share", "none"), key=True
    ),
    "lethal": TermKind("Lethal support", choices=("lethal", "non_lethal"), key=True),
    "defence_industry": TermKind("Defence industry"),
    "training": TermKind("Training"),
    "air_defence": TermKind("Air defence and aircraft"),
    "intelligence_cyber": TermKind("Intelligence and cyber"),
    "sanctions": TermKind("Sanctions"),
    "frozen_assets": TermKind("Frozen assets and compensation"),
    "reconstruction": TermKind("Reconstruction and demining"),
    "reforms": TermKind("Reforms asked of Ukraine"),
}
KEY_TERMS = tuple(name for name, kind in VOCABULARY.items() if kind.key)
TERM_STATUSES = ("stated", "not_stated", "excluded", "unknown")
FIRMNESS = ("will", "will seek to", "will consider", "may")
SOURCE_KINDS = ("official_text", "official_summary", "partner_government", "think_tank", "media")


class Term(NamedTuple):
    """What an agreement says on one matter (see ``terms.VOCABULARY``), from the day it
    holds: whether it is stated, not stated (the text was read and is silent), explicitly
    excluded, or unknown (not yet read); its value and unit, how firm the promise is, the
    clause and its words, the official text and the source read."""

    id: int | None
    code: str
    term: str
    status: str
    holds_from: str
    value: str | None = None
    unit: str | None = None
    firmness: str | None = None
    clause: str | None = None
    quote: str | None = None
    quote_lang: str | None = None
    text_url: str | None = None
    source: str | None = None
    source_kind: str | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> "Term":
        values: list[Any] = [row.get(name) for name in TERM_FIELDS]
        return cls(*values)

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()

    def but(self, **changes: Any) -> "Term":
        return self._replace(**changes)

    def key(self) -> tuple[str, str]:
        """What makes two of a party's terms the same: the term, from the same day (an
        amendment or action plan is the same term from a later day)."""
        return (self.term, self.holds_from)


TERM_FIELDS = tuple(Term._fields)
