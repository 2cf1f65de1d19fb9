"""What was done against the pledges: the ledger of figures people report as allocated,
contracted, disbursed, delivered, provided or received, each as stated, with who reports
it, the period it covers and the pledge it answers where its source ties it.

The record and its words are here, apart from the pledges' (``records``), so that a
command that never reads the ledger does not define it. What the figures add up to
against the pledges is derived in ``delivered``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

# What a figure measures. "provided" is a source's word that does not say which of the
# others it is (a government's "provided since February 2022"); "received" is the
# recipient's count (Ukraine's Ministry of Finance), never added to a donor's.
MEASURES = ("allocated", "contracted", "disbursed", "delivered", "provided", "received")
MEASURE_WORDS = {
    "allocated": "set aside for Ukraine (allocated)",
    "contracted": "ordered from industry (contracted)",
    "disbursed": "paid out (disbursed)",
    "delivered": "handed over (delivered)",
    "provided": "provided, as the source says, without saying which",
    "received": "received, as the recipient reports it",
}
# Who reports a figure: the donor's government, the recipient (Ukraine's government), or
# an independent tracker (the Kiel Institute). Two reporters' figures for the same scope
# stand side by side; neither overwrites the other.
REPORTERS = ("donor", "recipient", "tracker")
# The way the money or the goods went.
CHANNELS = (
    "bilateral",  # from the donor to Ukraine
    "eu",  # the EU's facilities: the Ukraine Facility, the European Peace Facility, its loan
    "ifu",  # the International Fund for Ukraine
    "purl",  # NATO's Prioritised Ukraine Requirements List
    "nato",  # NATO's other funds (the Comprehensive Assistance Package)
    "world_bank",  # World Bank projects and trust funds (PEACE, SURGE, ...)
    "czech_ammunition",  # the Czech-led ammunition initiative
    "other",
)
DELIVERY_QUALIFIERS = ("exact", "about", "at least", "up to")


class Delivery(NamedTuple):
    """One reported figure of what was done: its amount and currency as stated, what it
    measures, the days of the period it covers (``cumulative``: a running total from
    ``period_from`` to ``period_to``, never a year's), the day it was stated, who reports
    it, the channel, what it was for and how it was given where stated, its qualifier, its
    source and caveat, the pledge it answers (an id) where its source ties it, and its USD
    and EUR values computed once when written, at the ECB rates of the day it was
    stated."""

    id: int | None
    code: str
    measure: str
    amount: str
    currency: str
    period_from: str
    period_to: str
    cumulative: bool
    stated_on: str
    reporter: str
    channel: str
    value_usd: int
    usd_rate: str
    usd_rate_date: str
    value_eur: int
    eur_rate: str
    eur_rate_date: str
    qualifier: str = "exact"
    kind: str | None = None
    instrument: str | None = None
    pledge: int | None = None
    source: str | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> Delivery:
        """A figure from a row of the table or of the change log (a missing optional field
        takes its default)."""
        values = {name: row.get(name, DELIVERY_DEFAULTS.get(name)) for name in DELIVERY_FIELDS}
        values["cumulative"] = bool(values["cumulative"])
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()

    def but(self, **changes: Any) -> Delivery:
        return self._replace(**changes)

    def key(self) -> tuple:
        """What makes two figures the same: the same measure of the same period, stated
        on the same day by the same reporter, for the same amount in the same currency."""
        return (
            self.stated_on,
            self.measure,
            self.reporter,
            self.period_from,
            self.period_to,
            self.amount,
            self.currency,
        )

    def scope(self) -> tuple:
        """What two reporters' figures must share to be about the same thing: the party,
        the period and whether it is a running total."""
        return (self.code, self.period_from, self.period_to, self.cumulative)

    @property
    def year(self) -> int | None:
        """The one calendar year the figure belongs to, or None: a running total, or a
        period of more than one year, is never put into one year."""
        first, last = int(self.period_from[:4]), int(self.period_to[:4])
        return first if first == last and not self.cumulative else None

    @property
    def period(self) -> str:
        """'2024-11-01..2024-12-31', or one day '2026-06-25'."""
        if self.period_from == self.period_to:
            return self.period_from
        return f"{self.period_from}..{self.period_to}"


DELIVERY_FIELDS = tuple(Delivery._fields)
DELIVERY_DEFAULTS: dict[str, object] = {"qualifier": "exact", "cumulative": False}
