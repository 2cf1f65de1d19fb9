"""The vocabulary of the agreements' terms: each term, what its value is, the statuses a
term can have, how firm a promise is, and the kinds of source. Constants only: every read
of the terms table checks against them (see ``store.integrity``)."""

from typing import NamedTuple


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
        choices=("ends_on_accession", "bridge_to_membership", "supports_membership",
                 "not_a_substitute"),
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
