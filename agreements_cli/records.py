"""The typed records the library hands around: a party, a pledge, a milestone, a change
of the log, and the summaries built from them. The field lists of the machine formats
come from here."""

from __future__ import annotations

from dataclasses import dataclass, field

# A party's row, in the order it is stored, logged and exported. Its money is in the
# pledge ledger (PLEDGE_FIELDS), not here.
FIELDS = (
    "code",
    "country",
    "kind",
    "status",
    "counted",
    "signed_on",
    "place",
    "source",
    "note",
    "count_reason",
    "count_source",
)


# What a field holds in a row written before the field existed (an old change-log event).
DEFAULTS: dict[str, object] = {**{f: None for f in FIELDS}, "counted": True}


# The party's first pledge, shown beside its row by `list` (the columns parties had
# before the ledger, so that the list's JSON and CSV keep every key), and the ledger's size.
FIRST_PLEDGE = (
    "amount",
    "currency",
    "period",
    "per_year",
    "value_usd",
    "usd_rate",
    "usd_rate_date",
)


# Column order of a party in `list` and the CSV export.
LIST_FIELDS = (
    *FIELDS[:7], *FIRST_PLEDGE, *FIELDS[7:], "pledge_count", "stage", "stage_on",
)  # fmt: skip


PLEDGE_FIELDS = (
    "id", "code", "amount", "currency", "first_year", "last_year", "per_year", "kind",
    "qualifier", "announced_on", "source", "note", "value_usd", "usd_rate", "usd_rate_date",
)  # fmt: skip


def years_of(period: str) -> tuple[int, int]:
    """(first, last) year of '2024' or '2024-2026' (already checked)."""
    first, _, last = period.partition("-")
    return int(first), int(last or first)


def period_text(pledge: dict) -> str:
    first, last = pledge["first_year"], pledge["last_year"]
    return str(first) if first == last else f"{first}-{last}"


def pledge_key(pledge: dict) -> tuple:
    """What makes two ledger entries the same pledge: announced the same day, for the
    same amount in the same currency and the same years."""
    return (pledge["announced_on"], pledge["amount"], pledge["currency"],
            pledge["first_year"], pledge["last_year"])  # fmt: skip


MILESTONE_FIELDS = ("id", "code", "happened_on", "step", "document", "source", "note")


def milestone_key(milestone: dict) -> tuple[str, str, str | None]:
    """What makes two milestones the same step: date, step and document, in any case."""
    document = milestone["document"]
    return (
        milestone["happened_on"],
        milestone["step"].casefold(),
        None if document is None else document.casefold(),
    )


HISTORY_FIELDS = (
    "id", "recorded_at", "effective_on", "code", "country", "entity", "action", "changes",
)  # fmt: skip


def changed_fields(
    before: dict | None, after: dict | None, fields: tuple[str, ...] = FIELDS
) -> list[str]:
    """The fields that differ between two versions of a row, in display order."""
    before, after = before or {}, after or {}
    return [f for f in fields if before.get(f) != after.get(f)]


STATUSES = ("signed", "negotiating", "planned")


EARLIEST_YEAR = 1991  # Ukraine's independence; no agreement of Ukraine is older.


LATEST_YEAR = 2100


KINDS = ("military", "financial", "humanitarian", "loan", "mixed", "unspecified")


QUALIFIERS = ("exact", "up to", "at least")


@dataclass
class SeedData:
    """What a new database starts with: settings and the rows with their effective dates."""

    settings: dict[str, str]
    rows: list[tuple[dict, str]]
    # Each party's milestones and pledges, for the records of a data file that list them,
    # and the pledges that records give as their own amount (one more, not the whole list).
    milestones: dict[str, list[dict]] = field(default_factory=dict)
    pledges: dict[str, list[dict]] = field(default_factory=dict)
    added_pledges: dict[str, list[dict]] = field(default_factory=dict)


@dataclass
class Edit:
    """What an update writes: the party's new row, the date it takes effect, and its one
    pledge as (old, new) when that changes."""

    row: dict
    effective_on: str
    pledge: tuple[dict | None, dict | None] | None = None


@dataclass
class Change:
    """One change an import makes: a party row, a milestone or a pledge, from ``before`` to
    ``after`` (None: not there). A party row's change takes effect on ``effective_on``; a
    milestone or pledge takes effect on its own date."""

    entity: str
    code: str
    before: dict | None
    after: dict | None
    effective_on: str | None = None
