"""The tables a publication holds, described once: the database's own (parties, pledges,
milestones, the change log, settings) and those the library derives from them (progress,
years, party_years, signings_by_month), each column with its meaning; the data's licence;
and the rows of the derived tables.

The data package (`export --datapackage`) and Datasette (`serve`) both publish these
derived tables, so that a plain SQL sum over either gives the figures `progress` prints;
neither adds the money up itself. The column meanings are the README's (a test keeps the
two the same).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from agreements_cli import delivered, totals
from agreements_cli.deliveries import Delivery
from agreements_cli.records import Month, Party, Pledge, Progress

DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
DATA_LICENCE_SHORT = "CC BY 4.0"  # as a page names it
CREDIT = (
    "Compiled with agreements from the sources each record cites (its source, count_source): "
    "credit them, and this data set, when you publish from it."
)

# The database's own tables: what each holds, and what each column means.
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "parties": (
        "One row per tracked party.",
        {
            "code": "ISO 3166-1 alpha-2 code, the key; EU for the European Union, XK for Kosovo",
            "country": "short common name, e.g. Czechia, United Kingdom",
            "kind": "state or organisation (the EU)",
            "status": "signed, negotiating or planned",
            "signed_on": "signing date, ISO YYYY-MM-DD; null when not signed",
            "place": "where it was signed",
            "source": "URL of the page the facts come from",
            "note": "free text",
            "counted": "1 when the party is in Ukraine's official count toward the goal (the default), else 0",
            "count_reason": "why it is outside the count; null when counted",
            "count_source": "URL of the page that gives that reason",
        },
    ),
    "pledges": (
        "The pledge ledger: any number per party, each as stated. A party's money is here, not on its row.",
        {
            "id": "the pledge's number, kept through a removal and its undo",
            "code": "the party that pledged (references parties.code)",
            "amount": "the amount as stated, a decimal number as text (never a float)",
            "currency": "ISO 4217 code of amount",
            "first_year": "the first year it covers",
            "last_year": "the last year it covers",
            "per_year": "1 when amount is for each of the years, 0 when it is for all of them",
            "kind": "what it is for: military, financial, humanitarian, mixed or unspecified",
            "qualifier": "exact, up to or at least, as stated",
            "announced_on": "the day it was announced, ISO YYYY-MM-DD; it counts from then",
            "source": "URL of the page that states it",
            "note": "free text: what it includes and leaves out, and whether the source ties it to the agreement",
            "value_usd": "amount in whole US dollars, computed once when written",
            "usd_rate": "US dollars per unit of currency used for value_usd, as text",
            "usd_rate_date": "the ECB business day usd_rate is from (the announcement date, or the day before it)",
            "instrument": "how it is given: grant, loan or guarantee; NULL when no source states it (never taken for a grant)",
            "tie": "agreement: stated in or with the agreement; later: a later figure its source does not tie to the agreement; NULL when not known",
            "replaces": "the id of an earlier pledge of the party that this statement replaces: for the months both cover, only this one counts",
            "first_month": "the month of first_year it starts in (1 for a calendar year; 4 for a financial year from April)",
            "last_month": "the month of last_year it ends in (12 for a calendar year)",
            "value_eur": "amount in whole euros, computed once when written (NULL for a pledge written before the EUR value was kept and no rate was found)",
            "eur_rate": "euros per unit of currency used for value_eur, as text",
            "eur_rate_date": "the ECB business day eur_rate is from",
        },
    ),
    "milestones": (
        "The dated, sourced steps of agreements, any number per party.",
        {
            "id": "the milestone's number, kept through a removal and its undo",
            "code": "the party whose agreement it is (references parties.code)",
            "happened_on": "the date it happened, ISO YYYY-MM-DD",
            "step": "what happened: talks opened, signing called off, ratified by Ukraine, ...",
            "document": "a related document the step is about (100-Year Partnership); null for the agreement itself",
            "source": "URL of the page that reports it",
            "note": "free text",
        },
    ),
    "terms": (
        "What each agreement says, term by term, any number per party (see agreements terms).",
        {
            "id": "the term's number, kept through a change, a removal and its undo",
            "code": "the party whose agreement it is (references parties.code)",
            "term": "one of the vocabulary: duration, nato_accession, consultations, legal_form, money_form, lethal, ...",
            "status": "stated, not_stated (the text was read and is silent), excluded or unknown (not yet read)",
            "holds_from": "the day it holds from, ISO YYYY-MM-DD (the signing date, or an amendment's)",
            "value": "a number (with unit), one of the term's choices, or words",
            "unit": "years, months, days or hours; null for a value in words or a choice",
            "firmness": "will, will seek to, will consider or may",
            "clause": "the article or paragraph, as printed",
            "quote": "a short quote, in its language",
            "quote_lang": "the quote's language code (en, uk, de, ...)",
            "text_url": "URL of the agreement's official text",
            "source": "URL of the source read",
            "source_kind": "official_text, official_summary, partner_government, think_tank or media",
            "note": "free text",
        },
    ),
    "deliveries": (
        "What was done against the pledges: each figure as a reporter states it (see agreements delivery list).",
        {
            "id": "the figure's number, kept through a removal and its undo",
            "code": "the party whose figure it is (references parties.code)",
            "measure": "allocated, contracted, disbursed, delivered, provided (the source's word, not saying which) or received (as the recipient reports it)",
            "amount": "the amount as stated (a decimal number)",
            "currency": "its ISO 4217 code",
            "period_from": "the first day of the period it covers, ISO YYYY-MM-DD",
            "period_to": "the last day of the period it covers, ISO YYYY-MM-DD",
            "cumulative": "1 for a running total over the period (since 2022, say): never put into one year",
            "stated_on": "the day it was stated, ISO YYYY-MM-DD",
            "reporter": "who reports it: donor, recipient (Ukraine) or tracker (the Kiel Institute)",
            "channel": "how it went: bilateral, eu, ifu, purl, nato, world_bank, czech_ammunition or other",
            "value_usd": "its value in whole US dollars at the ECB rate of usd_rate_date",
            "usd_rate": "US dollars per unit of the currency",
            "usd_rate_date": "the day of that rate (the day it was stated, or the latest before)",
            "value_eur": "its value in whole euros at the ECB rate of eur_rate_date",
            "eur_rate": "euros per unit of the currency",
            "eur_rate_date": "the day of that rate",
            "qualifier": "exact, about, at least or up to",
            "kind": "what it was for: military, financial, humanitarian, mixed or unspecified; null when not stated",
            "instrument": "grant, loan or guarantee; null when not stated",
            "pledge": "the id of the pledge it answers, where its source ties it (references pledges.id)",
            "source": "URL of the page that states it",
            "note": "free text: the source's words and its caveat",
        },
    ),
    "events": (
        "The change log: one row per change to one party, milestone, pledge or term, never edited. Party rows\nlogged before the ledger (schema m004) still carry the money they had then; the ledger's own\nhistory starts with a seed batch made from them, which undo does not go behind.",
        {
            "id": "order in which changes were recorded",
            "batch": "the command that made the change; an import is one batch, and undo reverts one batch",
            "code": "the party changed, or whose milestone, pledge or term changed",
            "action": "seed, add, update, remove, import or undo",
            "effective_on": "the date the change took effect (a signature: its signing date; a milestone or pledge: its date)",
            "recorded_at": "when it was recorded, UTC, ISO 8601",
            "before": "the row before, as JSON; null when there was none",
            "after": "the row after, as JSON; null when it was removed",
            "undoes": "for an undo, the batch it reverted",
            "entity": "what the row is: party, milestone, pledge, term or delivery (a figure of what was done)",
            "origin": "for an import of the bundled later data, bundled: and its file's name (bundled:updates-2026-07.json); for an import of a file that says when its sources were checked, checked: and that day (checked:2026-07-05); else null",
        },
    ),
    "settings": (
        "Small facts about the data set: the goal and its basis, the reported total, the seed's snapshot date.",
        {
            "key": "goal, goal_basis, goal_source, reported_value_usd, reported_value_as_of, reported_value_statement, reported_value_source, snapshot, seeded_at",
            "value": "its value, as text",
        },
    ),
}


def _in_order(names: Sequence[str], spec: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    """The columns ``names`` (in that order, as ``totals`` writes them), each with its type
    and meaning from ``spec``."""
    return [(name, *spec[name]) for name in names]


# The tables the library derives, with the type of each column (as a Table Schema names
# it) and its meaning. Their names and meanings are those of the JSON of `progress`
# (``progress``, ``years``), of `list` and `show` (``party_years``) and of `timeline`.
_MONEY_NOTE = (
    "whole US dollars; empty where no party states a figure of this sort (unknown, never 0)"
)
DERIVED: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "progress": (
        "Where things stand against the goal, in one row, as agreements progress gives it: the "
        "count, and the headline year's money of the signed parties in the official count.",
        [
            ("goal", "integer", "the number of agreements Ukraine aims at"),
            ("signed", "integer", "parties in the official count that have signed"),
            ("negotiating", "integer", "parties in the official count in talks"),
            ("planned", "integer", "parties in the official count whose talks are planned"),
            ("untracked", "integer", "the rest of the goal: parties not yet tracked"),
            ("percent_signed", "number", "signed as a share of the goal, in percent"),
            (
                "signed_outside_count",
                "integer",
                "parties that signed outside Ukraine's official count (they add nothing to the goal or the money)",
            ),
            (
                "year",
                "integer",
                "the headline year: the latest year up to the data's date for which most signed parties state a figure",
            ),
            (
                "tied_grant_value_usd",
                "integer",
                f"grants stated in or with the agreements for the year, {_MONEY_NOTE}",
            ),
            (
                "grant_value_usd",
                "integer",
                f"all grants for the year, those tied to the agreements and the rest, {_MONEY_NOTE}",
            ),
            (
                "loan_and_guarantee_value_usd",
                "integer",
                f"loans and guarantees for the year, never added to grants, {_MONEY_NOTE}",
            ),
            (
                "year_partial",
                "boolean",
                "true when fewer than half the parties signed by the end of the year state a figure for it",
            ),
            (
                "signed_with_value",
                "integer",
                "signed parties in the count that state a figure for the year",
            ),
            (
                "signed_without_value",
                "integer",
                "parties signed by the end of the year that state none",
            ),
            (
                "reported_value_usd",
                "integer",
                "the total reported for all agreements (about), whole US dollars",
            ),
            ("reported_value_as_of", "date", "the day that total was reported"),
            ("data_as_of", "date", "the data's date: the latest day a recorded change took effect"),
            (
                "sources_checked",
                "date",
                "the day the sources of the bundled data were last checked; empty when it is not in",
            ),
        ],
    ),
    "years": (
        "The money stated for each year by the signed parties in the official count, a row a "
        "year, as agreements progress adds it up: a longer amount by its months in each year, no "
        "months that a later statement replaces, grants with the agreements, other grants, loans, "
        "guarantees and figures of no stated instrument each apart. Summing party_years of the "
        "parties in_totals gives the same figures.",
        _in_order(
            totals.YEAR_COLUMNS,
            {
                "year": ("integer", "the calendar year"),
                "tied_grant_value_usd": (
                    "integer",
                    f"grants stated in or with the agreements (the headline), {_MONEY_NOTE}",
                ),
                "tied_grant_value_eur": (
                    "integer",
                    "the same in whole euros, at the ECB rate of each pledge's day; empty when unknown",
                ),
                "other_grant_value_usd": (
                    "integer",
                    f"grants whose sources do not tie them to the agreements, {_MONEY_NOTE}",
                ),
                "grant_value_usd": (
                    "integer",
                    f"all grants (the two above together), {_MONEY_NOTE}",
                ),
                "loan_value_usd": ("integer", f"loans, {_MONEY_NOTE}"),
                "guarantee_value_usd": ("integer", f"guarantees, {_MONEY_NOTE}"),
                "loan_and_guarantee_value_usd": (
                    "integer",
                    f"loans and guarantees together, never added to grants, {_MONEY_NOTE}",
                ),
                "unstated_instrument_value_usd": (
                    "integer",
                    f"figures whose instrument (grant, loan or guarantee) no source states, {_MONEY_NOTE}",
                ),
                "partial": (
                    "boolean",
                    "true when fewer than half the parties signed by the end of the year state a figure: the year does not compare with another",
                ),
                "parties_with_value": (
                    "integer",
                    "signed parties in the count that state a figure for the year",
                ),
                "parties_without_value": (
                    "integer",
                    "parties signed by the end of the year that state none",
                ),
                "parties_signed_by_year_end": (
                    "integer",
                    "parties in the count signed by the end of the year",
                ),
                "military_grant_value_usd": (
                    "integer",
                    f"grants for military support, {_MONEY_NOTE}",
                ),
                "financial_grant_value_usd": (
                    "integer",
                    f"grants of financial support, {_MONEY_NOTE}",
                ),
                "humanitarian_grant_value_usd": (
                    "integer",
                    f"grants of humanitarian support, {_MONEY_NOTE}",
                ),
                "mixed_grant_value_usd": (
                    "integer",
                    f"grants for more than one of these, {_MONEY_NOTE}",
                ),
                "unspecified_grant_value_usd": (
                    "integer",
                    f"grants whose purpose no source states, {_MONEY_NOTE}",
                ),
                "cap_value_usd": (
                    "integer",
                    "of all the year's figures, those stated as a cap (up to), whole US dollars",
                ),
                "floor_value_usd": (
                    "integer",
                    "of all the year's figures, those stated as a floor (at least), whole US dollars",
                ),
                "caps_and_floors": (
                    "string",
                    "the codes of the parties whose figure is a cap or a floor, separated by '; '",
                ),
                "spread_value_usd": (
                    "integer",
                    "of all the year's figures, those that are a share of a longer amount by its months, whole US dollars",
                ),
            },
        ),
    ),
    "party_years": (
        "Each party's money for each year its pledges cover, a row a party and year, as agreements "
        "list and show give it: each sort apart, never added into another. The rows whose in_totals "
        "is true add up to the years table.",
        _in_order(
            totals.PARTY_YEAR_COLUMNS,
            {
                "code": ("string", "the party (references parties.code)"),
                "country": ("string", "the party's name"),
                "year": ("integer", "the calendar year"),
                "status": ("string", "the party's status: signed, negotiating or planned"),
                "counted": (
                    "boolean",
                    "true when the party is in Ukraine's official count toward the goal",
                ),
                "in_totals": (
                    "boolean",
                    "true when the party has signed and is in the official count: its figures are in the years table",
                ),
                "tied_grant_value_usd": (
                    "integer",
                    f"grants stated in or with its agreement (its part of the headline), {_MONEY_NOTE}",
                ),
                "tied_grant_value_eur": ("integer", "the same in whole euros; empty when unknown"),
                "other_grant_value_usd": (
                    "integer",
                    f"grants its sources do not tie to the agreement, {_MONEY_NOTE}",
                ),
                "grant_value_usd": ("integer", f"all its grants, {_MONEY_NOTE}"),
                "loan_value_usd": ("integer", f"loans, {_MONEY_NOTE}"),
                "guarantee_value_usd": ("integer", f"guarantees, {_MONEY_NOTE}"),
                "loan_and_guarantee_value_usd": (
                    "integer",
                    f"loans and guarantees together, {_MONEY_NOTE}",
                ),
                "unstated_value_usd": (
                    "integer",
                    f"figures whose instrument no source states, {_MONEY_NOTE}",
                ),
                "spread": (
                    "boolean",
                    "true when some figure is a share of a longer amount by its months",
                ),
                "qualified": (
                    "boolean",
                    "true when some figure is a cap (up to) or a floor (at least)",
                ),
            },
        ),
    ),
    "promised_done": (
        "Promised against done, as agreements delivered gives it: a row for each measure of a "
        "party's year as one reporter gives it (a year without one: one row, its measure "
        "empty), then a row for each figure no year holds (a running total, or several "
        "years: its state apart). Figures of two reporters, or of two measures, are never "
        "added; a share is given only against pledges of the same sort.",
        [
            ("code", "string", "the party (references parties.code)"),
            ("country", "string", "its name"),
            ("year", "integer", "the year; empty for a figure no year holds"),
            ("period_from", "date", "for a figure apart: the first day it covers"),
            ("period_to", "date", "for a figure apart: the last day it covers"),
            ("cumulative", "boolean", "for a figure apart: true for a running total"),
            (
                "pledged_grant_eur",
                "integer",
                "the year's grants pledged, in whole euros; empty when none",
            ),
            (
                "pledged_loan_eur",
                "integer",
                "the year's loans and guarantees pledged, in whole euros; empty when none",
            ),
            (
                "pledged_unstated_eur",
                "integer",
                "the year's pledges of no stated instrument, in whole euros; empty when none",
            ),
            (
                "pledged_qualified",
                "boolean",
                "true when some pledge of the year is a cap or a floor",
            ),
            (
                "pledged_spread",
                "boolean",
                "true when some pledge's figure is a share of a longer amount",
            ),
            (
                "measure",
                "string",
                "what was done: allocated, contracted, disbursed, delivered, provided or received",
            ),
            ("reporter", "string", "who reports it: donor, recipient or tracker"),
            (
                "value_eur",
                "integer",
                "the figures of that measure and reporter in the year, in whole euros",
            ),
            ("qualified", "boolean", "true when some figure is about, at least or up to"),
            (
                "pledged_eur",
                "integer",
                "the year's pledges it is compared with, in whole euros; empty: none comparable",
            ),
            ("share", "number", "value_eur / pledged_eur, to three decimals; empty: not compared"),
            (
                "state",
                "string",
                "exceeded, met, partly, not yet due, no figure, no pledge, not comparable, or apart",
            ),
            (
                "disputed",
                "boolean",
                "true when another reporter gives a figure of the same measure and year (or scope)",
            ),
            (
                "figures",
                "string",
                "the ids of the figures (references deliveries.id), separated by spaces",
            ),
        ],
    ),
    "signings_by_month": (
        "Agreements signed each month by parties in the official count, with the running total "
        "against the goal, as agreements timeline gives them.",
        [
            ("month", "string", "the month, YYYY-MM"),
            ("signed", "integer", "agreements signed that month by parties in the count"),
            ("total", "integer", "agreements signed by the end of the month"),
            ("goal", "integer", "the goal"),
            ("parties", "string", "the parties that signed that month, separated by '; '"),
            (
                "outside_count",
                "string",
                "parties that signed that month outside the official count, separated by '; '",
            ),
        ],
    ),
}
# The JSON of `progress` names the headline year ``year`` and its partial flag
# ``year_partial``: the row takes them as they are.
PROGRESS_COLUMNS = tuple(name for name, _, _ in DERIVED["progress"][1])
MONTH_COLUMNS = tuple(name for name, _, _ in DERIVED["signings_by_month"][1])


def columns(table: str) -> dict[str, str]:
    """Each column of ``table`` (its own or derived) and what it means, in order."""
    if table in DERIVED:
        return {name: meaning for name, _, meaning in DERIVED[table][1]}
    return TABLES[table][1]


def derived(
    summary: Progress,
    rows: Sequence[Party],
    pledges: Sequence[Pledge],
    months: Iterable[Month],
    done: Sequence[Delivery] = (),
) -> dict[str, list[dict[str, Any]]]:
    """The rows of each derived table, from what `progress` summed (``summary``), the
    parties and pledges it summed them from, the months of `timeline` and the figures
    of what was done (``done``: promised against done, as `delivered` gives it)."""
    values = summary.as_dict()
    report = delivered.promised_done(rows, pledges, done, summary.data_as_of)
    return {
        "progress": [{name: values[name] for name in PROGRESS_COLUMNS}],
        "years": [totals.year_row(year) for year in summary.pledged_by_year],
        "party_years": [
            totals.party_year_row(row, figures_of)
            for row, figures_of in totals.party_years(rows, pledges)
        ],
        "signings_by_month": [
            {
                **month.as_dict(),
                "parties": "; ".join(month.parties),
                "outside_count": "; ".join(month.outside_count),
            }
            for month in months
        ],
        "promised_done": list(delivered.flat_rows(report)),
    }
