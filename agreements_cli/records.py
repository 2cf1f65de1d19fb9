"""The typed records the library hands around: a party, a pledge, a milestone, an event
of the change log, and the summaries built from them. Immutable values: identity is the
store's (a code, an id). The field lists of the machine formats come from here.

They are named tuples: a command defines some forty record types as it starts, and a
dataclass costs half a millisecond to define, a named tuple a tenth of that (measured:
the records and results cost 27 ms of `list --format json` as dataclasses). A record is
never written as a tuple: ``as_dict`` gives its fields by name, in order.

Dates are ISO text, as stored and compared; money is a decimal string (the amount as
stated) or whole US dollars (an int), never a float.
"""

from collections.abc import Callable
from typing import Any, NamedTuple

from agreements_cli.deliveries import Delivery
from agreements_cli.vocabulary import Term

STATUSES = ("signed", "negotiating", "planned")
# The orders `list` gives its rows in: by a field of the party, or by its money for the
# list's year (largest first).
SORTS = ("signed_on", "country", "code", "status", "value_usd")
# What a pledge is for. (A loan was once a kind; it is an instrument now: see INSTRUMENTS.)
KINDS = ("military", "financial", "humanitarian", "mixed", "unspecified")
# How it is given; None is unknown (not stated), never taken for a grant.
INSTRUMENTS = ("grant", "loan", "guarantee")
# How it is tied: stated in or with the agreement, or a later figure of the signatory that
# its source does not tie to the agreement; None is unknown.
TIES = ("agreement", "later")
QUALIFIERS = ("exact", "up to", "at least")
EXACT = QUALIFIERS[0]  # no qualifier: the amount as stated
DEFAULT_KIND = "unspecified"  # what a pledge is for when no source says
# The limits of what the data holds, each set here once: the goal, and an amount of any
# currency (below 10**15; a total in USD well within SQLite's integers).
MAX_GOAL = 1000
AMOUNT_DIGITS = 15
MAX_AMOUNT = 10**AMOUNT_DIGITS
EARLIEST_YEAR = 1991  # Ukraine's independence; no agreement of Ukraine is older.
LATEST_YEAR = 2100
# SQLite's largest integer: no pledge or milestone id is larger, nor any count of rows.
MAX_ID = 2**63 - 1
# How a long piece of work says how far it has got: (what it is doing, done, of total).
Tick = Callable[[str, int, int], None]
CHECKING = "Checking"
WRITING = "Writing"


def _names(record: Any) -> tuple[str, ...]:
    return tuple(record._fields)


def _row(record: Any) -> dict[str, Any]:
    """A record's fields as a dict, in their order (what is stored, logged and written)."""
    return record._asdict()


class Party(NamedTuple):
    """One tracked party, as its row is stored and logged. Its money is in the pledge
    ledger, not here."""

    code: str
    country: str
    kind: str  # state, or organisation (the EU)
    status: str
    counted: bool  # in Ukraine's official count toward the goal
    signed_on: str | None = None
    place: str | None = None
    source: str | None = None
    note: str | None = None
    count_reason: str | None = None
    count_source: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> "Party":
        """A party from a row as the table or the change log holds it; a field the row
        predates takes its default (every party then was counted)."""
        return cls(**{name: row.get(name, DEFAULTS[name]) for name in FIELDS})

    @property
    def in_totals(self) -> bool:
        """Whether its figures are in the year's totals: it has signed and is in Ukraine's
        official count toward the goal."""
        return self.counted and self.status == "signed"

    def as_dict(self) -> dict[str, Any]:
        return _row(self)

    def but(self, **changes: Any) -> "Party":
        return self._replace(**changes)


# A party's row, in the order it is stored, logged and exported.
FIELDS = _names(Party)
# What a field holds in a row written before the field existed (an old change-log event).
DEFAULTS: dict[str, object] = {**{f: None for f in FIELDS}, "counted": True}


class Pledge(NamedTuple):
    """A pledge as stated: the amount and currency, the years it covers, whether the
    amount is per year or for all of them, what it is for, its qualifier, the day it was
    announced, and its USD value computed once when it was written, with the rate."""

    id: int | None
    code: str
    amount: str  # decimal text, as stated
    currency: str
    first_year: int
    last_year: int
    per_year: bool
    kind: str
    qualifier: str
    announced_on: str
    source: str | None
    note: str | None
    value_usd: int
    usd_rate: str
    usd_rate_date: str
    instrument: str | None = None  # grant, loan or guarantee; None: not stated
    tie: str | None = None  # agreement or later; None: not known
    replaces: int | None = None  # the id of the pledge this later statement replaces
    first_month: int = 1  # the months of first_year and last_year it covers (a
    last_month: int = 12  # financial year: 4 and 3); a calendar year is 1 and 12
    value_eur: int | None = None  # None: written before EUR values were kept
    eur_rate: str | None = None
    eur_rate_date: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> "Pledge":
        """A pledge from a row of the table or of the change log (where an older row may
        lack a field: it takes its default; a loan logged as a kind is a loan instrument)."""
        fields = {name: row.get(name, PLEDGE_DEFAULTS.get(name)) for name in PLEDGE_FIELDS}
        if fields["kind"] == "loan":
            fields["kind"] = DEFAULT_KIND
            fields["instrument"] = fields["instrument"] or "loan"
        return cls(**fields)

    def as_dict(self) -> dict[str, Any]:
        return _row(self)

    def but(self, **changes: Any) -> "Pledge":
        return self._replace(**changes)

    @property
    def period(self) -> str:
        """'2024' or '2024-2026'; for months other than whole calendar years (a financial
        year), '2024-04..2025-03'."""
        first, last = self.first_year, self.last_year
        if (self.first_month, self.last_month) != (1, 12):
            return f"{first}-{self.first_month:02d}..{last}-{self.last_month:02d}"
        return str(first) if first == last else f"{first}-{last}"

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month it covers, counted from year 0 (year * 12 + month - 1)."""
        return (
            self.first_year * 12 + self.first_month - 1,
            self.last_year * 12 + self.last_month - 1,
        )

    def key(self) -> tuple:
        """What makes two ledger entries the same pledge: announced the same day, for the
        same amount in the same currency and the same years."""
        return (self.announced_on, self.amount, self.currency, self.first_year, self.last_year)

    def same_money(self, other: "Pledge") -> bool:
        """The same amount in the same currency for the same years."""
        return (self.amount, self.currency, self.first_year, self.last_year) == (
            other.amount,
            other.currency,
            other.first_year,
            other.last_year,
        )


PLEDGE_FIELDS = _names(Pledge)
PLEDGE_DEFAULTS: dict[str, object] = {"per_year": False, "kind": DEFAULT_KIND,
                                      "qualifier": EXACT, "first_month": 1,
                                      "last_month": 12}  # fmt: skip


class Milestone(NamedTuple):
    """A dated, sourced step of a party's agreement (or of a related ``document``)."""

    id: int | None
    code: str
    happened_on: str
    step: str
    document: str | None
    source: str | None
    note: str | None

    @classmethod
    def from_row(cls, row: dict) -> "Milestone":
        values: list[Any] = [row.get(name) for name in MILESTONE_FIELDS]
        return cls(*values)

    def as_dict(self) -> dict[str, Any]:
        return _row(self)

    def but(self, **changes: Any) -> "Milestone":
        return self._replace(**changes)

    def key(self) -> tuple[str, str, str | None]:
        """What makes two milestones the same step: date, step and document, in any case."""
        document = self.document
        return (
            self.happened_on,
            self.step.casefold(),
            None if document is None else document.casefold(),
        )


MILESTONE_FIELDS = _names(Milestone)


Item = Pledge | Milestone | Term | Delivery
# The kinds of item, as events.entity names them.
ENTITIES = ("milestone", "pledge", "term", "delivery")
# Each kind as messages name it.
ENTITY_NOUNS = {"milestone": "milestone", "pledge": "pledge", "term": "term",
                "delivery": "delivery figure"}  # fmt: skip


class Stage(NamedTuple):
    """A party's stage: its latest milestone of the agreement itself."""

    stage: str | None = None
    stage_on: str | None = None


# The party's first recorded pledge as stated, kept beside its row in `list`'s JSON and
# CSV (the columns parties had before the ledger, so that no key is lost), and the
# ledger's size. It is not the party's money: ``value_usd`` and the ``year_`` fields are.
FIRST_PLEDGE = ("amount", "currency", "period", "per_year", "value_usd", "usd_rate",
                "usd_rate_date")  # fmt: skip
# What `list` gives each party's row for the list's year (the headline year unless --year
# names another): its figures for that year, each sort apart, and whether they are in the
# year's totals (signed, in the official count).
LIST_YEAR_FIELDS = ("year", "year_tied_grant_value_usd", "year_other_grant_value_usd",
                    "year_grant_value_usd", "year_loan_value_usd", "year_guarantee_value_usd",
                    "year_loan_and_guarantee_value_usd", "year_unstated_value_usd",
                    "year_tied_grant_value_eur", "in_totals")  # fmt: skip
# Column order of a party in `list` and its CSV.
LIST_FIELDS = (
    *FIELDS[:7], *FIRST_PLEDGE, *FIELDS[7:], "pledge_count", "stage", "stage_on",
    *LIST_YEAR_FIELDS,
)  # fmt: skip


class Listed(NamedTuple):
    """A party as `list` shows it: its row, its first pledge as stated, how many pledges it
    has, its stage, and its figures for the list's ``year`` (None: no year, as when no
    pledge or date says one)."""

    party: Party
    first: Pledge | None
    pledge_count: int
    stage: Stage
    figures: "PartyYear | None" = None
    year: int | None = None

    # The party's fields, as `list` shows them.
    @property
    def code(self) -> str:
        return self.party.code

    @property
    def country(self) -> str:
        return self.party.country

    @property
    def status(self) -> str:
        return self.party.status

    @property
    def counted(self) -> bool:
        return self.party.counted

    @property
    def signed_on(self) -> str | None:
        return self.party.signed_on

    @property
    def place(self) -> str | None:
        return self.party.place

    @property
    def source(self) -> str | None:
        return self.party.source

    @property
    def value_usd(self) -> int | None:
        """The party's grants for the list's year, those stated with its agreement and the
        rest (None: it states none); loans, guarantees and figures of no stated instrument
        are apart. Its part of `progress`'s headline is ``figures.tied_grant_value_usd``."""
        return self.figures.grant_value_usd if self.figures else None

    def as_dict(self) -> dict[str, Any]:
        first = self.first
        money = dict.fromkeys(FIRST_PLEDGE)
        if first is not None:
            money = {f: getattr(first, f) for f in FIRST_PLEDGE}
        figures = self.figures._asdict() if self.figures is not None else {}
        year = {f"year_{f}": figures.get(f) for f in (n[5:] for n in LIST_YEAR_FIELDS[1:-1])}
        full = {**self.party.as_dict(), **money, "value_usd": self.value_usd,
                "pledge_count": self.pledge_count, "stage": self.stage.stage,
                "stage_on": self.stage.stage_on, "year": self.year, **year,
                "in_totals": self.party.in_totals}  # fmt: skip
        return {f: full[f] for f in LIST_FIELDS}


class Event(NamedTuple):
    """One change of the change log: a party's row, a milestone or a pledge (``entity``)
    before and after it, as logged (dicts: a row logged long ago may lack later fields)."""

    id: int
    batch: int
    code: str
    action: str  # seed, add, update, remove, import or undo
    effective_on: str
    recorded_at: str
    before: dict | None
    after: dict | None
    undoes: int | None = None
    entity: str = "party"
    origin: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return _row(self)


class Described(NamedTuple):
    """A change as `history` shows it: which fields went from what to what."""

    id: int
    recorded_at: str
    effective_on: str
    code: str
    country: str
    entity: str
    action: str
    changes: dict[str, list]

    def as_dict(self) -> dict[str, Any]:
        return _row(self)


HISTORY_FIELDS = _names(Described)


def changed_fields(before: Any, after: Any, names: tuple[str, ...] = FIELDS) -> list[str]:
    """The fields that differ between two versions of a row or record (None: there was
    none), in display order."""
    one = _as_mapping(before)
    other = _as_mapping(after)
    return [f for f in names if one.get(f) != other.get(f)]


def _as_mapping(value: Any) -> dict:
    if value is None:
        return {}
    return value if isinstance(value, dict) else value.as_dict()


class YearFigure(NamedTuple):
    """A pledge's figure for one year: the amount itself when stated per year, else a
    share by months of a longer amount, or of a year partly replaced by a later statement
    (``spread``: derived, never to be shown as stated)."""

    amount: str
    value_usd: int
    spread: bool
    value_eur: int | None = None  # None: the pledge has no EUR value

    def as_dict(self) -> dict[str, Any]:
        return _row(self)


class Entry(NamedTuple):
    """A pledge or milestone as the ledger lists it: with its party's name, and with
    ``year``, the pledge's figure for that year."""

    item: Pledge | Milestone
    country: str | None = None
    year: int | None = None
    figure: YearFigure | None = None

    def as_dict(self) -> dict[str, Any]:
        data = {**self.item.as_dict(), "country": self.country}
        if self.year is not None:
            data["for_year"] = {"year": self.year, **(self.figure.as_dict() if self.figure else {})}
        return data

    def flat(self) -> dict[str, Any]:
        """One row of plain values, for CSV and Markdown: the year's figure in columns."""
        data = {**self.item.as_dict(), "country": self.country}
        figure = self.figure
        return {
            **data,
            "year": self.year,
            "year_amount": figure and figure.amount,
            "year_value_usd": figure and figure.value_usd,
            "spread": figure and figure.spread,
        }


class PartyYear(NamedTuple):
    """One party's figures for one year, each sort apart and never added into another:
    grants stated in or with its agreement (its part of the headline), other grants (whose
    sources do not tie them to it), all its grants, loans, guarantees, and figures whose
    instrument no source states; None (unknown, never 0) for a sort it states none of.
    ``spread``: some figure is a share of a longer amount; ``qualified``: some figure is a
    cap (up to) or a floor (at least). Made by ``totals``, and by nothing else."""

    year: int
    tied_grant_value_usd: int | None
    other_grant_value_usd: int | None
    grant_value_usd: int | None
    loan_value_usd: int | None
    guarantee_value_usd: int | None
    loan_and_guarantee_value_usd: int | None
    unstated_value_usd: int | None
    tied_grant_value_eur: int | None = None
    spread: bool = False
    qualified: bool = False
    code: str = ""

    @property
    def stated(self) -> bool:
        """Whether the party states any figure for the year."""
        return any(
            v is not None
            for v in (
                self.grant_value_usd,
                self.loan_and_guarantee_value_usd,
                self.unstated_value_usd,
            )
        )

    def as_dict(self) -> dict[str, Any]:
        return _row(self)


class YearMoney(NamedTuple):
    """The money stated for one year by the signed parties in the official count (made by
    ``totals``, and by nothing else).

    ``value_usd`` is every figure for the year, of every instrument and tie; the rest say
    what it is: grants, loans and guarantees (and figures whose instrument is not stated)
    apart; the part tied to the agreements and the part of later figures their sources do
    not tie to them; the grants tied to the agreements (the headline); caps ("up to") and
    floors ("at least") in it, and whose. A sort of figure no party states is None
    (unknown, never 0). A year is ``partial`` when fewer than half the parties signed by
    its end state a figure for it."""

    year: int
    value_usd: int
    spread_value_usd: int
    parties_with_value: int
    parties_without_value: int
    by_kind: dict[str, int]
    grant_value_usd: int | None = None
    loan_value_usd: int | None = None
    guarantee_value_usd: int | None = None
    unstated_instrument_value_usd: int | None = None
    tied_value_usd: int = 0
    later_value_usd: int = 0
    tied_grant_value_usd: int | None = None
    value_eur: int | None = None
    tied_grant_value_eur: int | None = None
    partial: bool = False
    parties_signed_by_year_end: int = 0
    caps_and_floors: tuple[str, ...] = ()  # the codes of the parties
    cap_value_usd: int = 0
    floor_value_usd: int = 0
    grants_by_kind: dict[str, int] | None = None  # (None: not counted, in a record made by hand)
    other_grant_value_usd: int | None = None
    loan_and_guarantee_value_usd: int | None = None


class Outside(NamedTuple):
    code: str
    country: str
    status: str


class Progress(NamedTuple):
    """Where things stand against the goal, and the money pledged year by year."""

    goal: int
    signed: int
    negotiating: int
    planned: int
    untracked: int
    percent_signed: float
    signed_outside_count: int
    outside_count: list[Outside]
    year: int | None
    value_usd: int | None
    signed_with_value: int
    signed_without_value: int
    reported_value_usd: int | None
    reported_value_as_of: str | None
    reported_value_source: str | None
    goal_basis: str | None
    as_of: str | None
    data_as_of: str | None
    pledged_by_year: list[YearMoney]
    # The headline year's money: grants tied to the agreements, all grants, loans and
    # guarantees; whether the year is partial. Then how current the data is.
    tied_grant_value_usd: int | None = None
    grant_value_usd: int | None = None
    loan_and_guarantee_value_usd: int | None = None
    year_partial: bool | None = None
    last_change: str | None = None
    sources_checked: str | None = None

    @property
    def headline(self) -> YearMoney | None:
        return next((y for y in self.pledged_by_year if y.year == self.year), None)

    def as_dict(self) -> dict[str, Any]:
        data = _row(self)
        data["outside_count"] = [_row(p) for p in self.outside_count]
        data["pledged_by_year"] = [_row(y) for y in self.pledged_by_year]
        return data


class Month(NamedTuple):
    """A month of the timeline: its signings and the running total against the goal."""

    month: str
    signed: int
    total: int
    goal: int
    parties: list[str]
    outside_count: list[str]

    def as_dict(self) -> dict[str, Any]:
        return _row(self)


TIMELINE_FIELDS = _names(Month)


class SeedData(NamedTuple):
    """What a data file holds: settings, and the parties with the dates their rows take
    effect; each party's milestones and pledges, for the records that list them, and the
    pledges that records give as their own amount (one more, not the whole list)."""

    settings: dict[str, str]
    rows: list[tuple[Party, str]]
    milestones: dict[str, list[Milestone]]
    pledges: dict[str, list[Pledge]]
    added_pledges: dict[str, list[Pledge]]
    # (code, a pledge's key) -> the key of the pledge of that party it replaces
    replacing: dict[tuple, tuple] | None = None
    # code -> the fields its record gives (a field it leaves out is left as it is)
    given: dict[str, frozenset[str]] | None = None
    terms: dict[str, list["Term"]] | None = None  # each party's terms, where listed
    deliveries: dict[str, list["Delivery"]] | None = None  # each party's figures of what was done
    # (code, a figure's key) -> the key of the pledge of that party it answers
    answering: dict[tuple, tuple] | None = None


class Edit(NamedTuple):
    """What an update writes: the party's new row, the date it takes effect, and its one
    pledge as (old, new) when that changes."""

    row: Party
    effective_on: str
    pledge: tuple[Pledge | None, Pledge | None] | None = None


class Change(NamedTuple):
    """One change an import makes: a party row, a milestone or a pledge, from ``before`` to
    ``after`` (None: not there). A party row's change takes effect on ``effective_on``; a
    milestone or pledge takes effect on its own date."""

    entity: str
    code: str
    before: Any
    after: Any
    effective_on: str | None = None


class ImportPlan(NamedTuple):
    """What an import would change: the changes to write, a line for people about each,
    and how many of each there are: ``parties`` (add, update, remove, unchanged), and for
    milestones and pledges with any change, ``items`` (add, change, remove) by entity."""

    changes: list[Change]
    lines: list[str]
    parties: dict[str, int]
    items: dict[str, dict[str, int]]
    # What the change log records the import's events under: the bundled file's name, or
    # the day the file says its sources were checked (see ``formats.datafile.origin``).
    origin: str | None = None
