"""What the use cases return, and the values they take: named tuples, defined without
string annotations (each such annotation is compiled when a named tuple is defined: half
its cost, at every start of the command)."""

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, NamedTuple

from agreements_cli.deliveries import Delivery
from agreements_cli.records import (
    DEFAULT_KIND,
    EXACT,
    Described,
    Entry,
    ImportPlan,
    Item,
    Listed,
    Milestone,
    Month,
    Party,
    PartyYear,
    Pledge,
    Progress,
    Term,
)


class Dated(NamedTuple):
    """How current what is shown is: the date asked for (None: now) and the data's date."""

    as_of: str | None
    data_as_of: str | None


class PartyList(NamedTuple):
    rows: list[Listed]
    statuses: list[str]
    dated: Dated
    year: int | None = None  # each row's figures are for it
    newer_data: str | None = None  # the date of bundled data the database does not have yet


class InFull(NamedTuple):
    """One party in full: its row as listed, its pledges, milestones and history."""

    listed: Listed
    pledges: list[Pledge]
    milestones: list[Milestone]
    history: list[Described]
    years: list[PartyYear] = []  # its figures for each year its pledges cover
    dated: Dated | None = None  # for a past date: that date, and the data's then
    # What its agreement says: the key terms (unknown where none is recorded) and any other
    # it has, as they hold on the day; none for a party that has not signed and has none.
    terms: list[Term] = []
    deliveries: list[Delivery] = []  # the figures of what it did, by the day stated

    def as_dict(self) -> dict[str, Any]:
        shown = {
            **self.listed.as_dict(),
            "pledges": [p.as_dict() for p in self.pledges],
            "milestones": [m.as_dict() for m in self.milestones],
            "history": [h.as_dict() for h in self.history],
            "by_year": [y._asdict() for y in self.years],
            "terms": [t.as_dict() for t in self.terms],
            "deliveries": [d.as_dict() for d in self.deliveries],
        }
        if self.dated is not None:
            shown.update(as_of=self.dated.as_of, data_as_of=self.dated.data_as_of)
        return shown


class History(NamedTuple):
    """The change log, newest first: how many changes, and ``entries()``, which reads
    them afresh, one at a time, each time it is called."""

    changes: int
    entries: Callable[[], Iterator[Described]]


class ProgressReport(NamedTuple):
    summary: Progress
    rows: list[Listed]  # the parties on the same date, for the page (empty unless asked for)
    newer_data: str | None  # the date of bundled data the database does not have yet
    made_on: date
    # The signed parties' key terms on the same date (``terms.Row``s), for the page; empty
    # unless asked for.
    terms: list[Any] = []
    done: Any = None  # promised against done (``delivered.PromisedDone``), for the page


class Published(NamedTuple):
    """What a publication shows: `progress`'s summary, the rows of each derived table (see
    ``publish.tables``) and the pledges they were derived from."""

    summary: Progress
    tables: dict[str, list[dict[str, Any]]]
    pledges: list[Pledge]


class Timeline(NamedTuple):
    months: list[Month]
    data_as_of: str | None
    as_of: str | None = None  # a past date asked for


class Ledger(NamedTuple):
    """Pledges or milestones as listed, with how current they are."""

    entries: list[Entry]
    dated: Dated
    year: int | None = None


class Added(NamedTuple):
    party: Party
    pledge: Pledge | None
    dated_today: bool  # a signing given no date: today's


class Updated(NamedTuple):
    """What an update changed (None: nothing), in a line, and what it decided on its own:
    a signing date it emptied (the status no longer signed), a signing dated today."""

    country: str
    code: str
    status: str | None = None
    changes: str | None = None
    signing_cleared: str | None = None
    dated_today: bool = False


class Removed(NamedTuple):
    party: Party


class ItemAdded(NamedTuple):
    entity: str
    item: Item
    country: str
    code: str


class ItemRemoved(NamedTuple):
    entity: str
    item: Item
    country: str


class Undone(NamedTuple):
    what: list[Described]


class Imported(NamedTuple):
    plan: ImportPlan
    dry_run: bool


class PledgesImported(NamedTuple):
    """A sheet of pledges imported (or, with ``dry_run``, planned): what was added, the rows
    already in the ledger and those skipped (``planned``), how the file was read, and its
    columns that no field is read from."""

    planned: Any  # formats.pledgesheet.SheetPlan
    read_as: str
    unread: list[str]
    dry_run: bool


class Exported(NamedTuple):
    data: dict[str, Any]
    parties: int


class PartyFields(NamedTuple):
    """A party's fields as the user gave them, raw text not yet checked (None: not given)."""

    status: str | None = None
    signed_on: str | None = None
    place: str | None = None
    amount: str | None = None
    currency: str | None = None
    period: str | None = None
    source: str | None = None
    note: str | None = None
    counted: bool | None = None
    count_reason: str | None = None
    count_source: str | None = None
    cleared: frozenset[str] = frozenset()  # fields to empty (see rules.CLEARABLE)
    per_year: bool | None = None  # the pledge's amount is for each year (None: as it was)

    def given(self) -> dict[str, str]:
        """The text fields given, by name."""
        names = ("signed_on", "place", "amount", "currency", "period", "source", "note",
                 "count_reason", "count_source")  # fmt: skip
        return {name: value for name in names if (value := getattr(self, name)) is not None}


class PledgeFields(NamedTuple):
    """A pledge as the user gave it (raw text, not yet checked)."""

    amount: str
    currency: str
    years: str
    per_year: bool = False
    kind: str = DEFAULT_KIND
    qualifier: str = EXACT
    announced_on: str | None = None  # None: today
    source: str | None = None
    note: str | None = None
    instrument: str | None = None
    tie: str | None = None
    replaces: int | None = None


class DeliveryFields(NamedTuple):
    """A figure of what was done as the user gave it (raw text, not yet checked)."""

    amount: str
    currency: str
    measure: str
    period: str
    reporter: str
    stated_on: str | None = None  # None: today
    cumulative: bool = False
    channel: str | None = None
    qualifier: str = EXACT
    kind: str | None = None
    instrument: str | None = None
    pledge: int | None = None
    source: str | None = None
    note: str | None = None
