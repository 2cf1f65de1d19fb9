"""Publishing the database with Datasette: its metadata (title, description, source and
licence, a description of every table and column, labels, canned queries).

`agreements serve` runs Datasette with it; `agreements serve --metadata` prints it for
people who run Datasette themselves. The column descriptions are the README's (a test
keeps the two the same).
"""

from __future__ import annotations

import json

INSTALL = "pip install 'agreements[web]'"

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
    "events": (
        "The change log: one row per change to one party, milestone or pledge, never edited. Party rows\nlogged before the ledger (schema m004) still carry the money they had then; the ledger's own\nhistory starts with a seed batch made from them, which undo does not go behind.",
        {
            "id": "order in which changes were recorded",
            "batch": "the command that made the change; an import is one batch, and undo reverts one batch",
            "code": "the party changed, or whose milestone or pledge changed",
            "action": "seed, add, update, remove, import or undo",
            "effective_on": "the date the change took effect (a signature: its signing date; a milestone or pledge: its date)",
            "recorded_at": "when it was recorded, UTC, ISO 8601",
            "before": "the row before, as JSON; null when there was none",
            "after": "the row after, as JSON; null when it was removed",
            "undoes": "for an undo, the batch it reverted",
            "entity": "what the row is: party, milestone or pledge",
            "origin": "for an import of the bundled later data, bundled:updates-2026-07.json; else null",
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

# What people ask first. Only parties in Ukraine's official count count toward the goal
# and the money, as in `agreements progress`.
QUERIES = {
    "progress_toward_the_goal": {
        "title": "Progress toward the goal",
        "hide_sql": True,
        "description": "Signed, negotiating and planned parties in Ukraine's official count "
        "against the goal; signed agreements outside the count apart.",
        "sql": (
            "SELECT SUM(status = 'signed' AND counted = 1) AS signed, "
            "SUM(status = 'negotiating' AND counted = 1) AS negotiating, "
            "SUM(status = 'planned' AND counted = 1) AS planned, "
            "(SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'goal') AS goal, "
            "SUM(status = 'signed' AND counted = 0) AS signed_outside_the_count "
            "FROM parties"
        ),
    },
    "signings_by_month": {
        "title": "Signings by month",
        "hide_sql": True,
        "description": "Agreements signed each month by parties in the official count.",
        "sql": (
            "SELECT substr(signed_on, 1, 7) AS month, COUNT(*) AS signed, "
            "group_concat(country, ', ') AS parties FROM "
            "(SELECT * FROM parties WHERE status = 'signed' AND counted = 1 "
            "ORDER BY signed_on, country) GROUP BY month ORDER BY month"
        ),
    },
    "pledges_by_year": {
        "title": "Pledges by year",
        "hide_sql": True,
        "description": "US dollars pledged for each year by the signed parties in the official "
        "count, as progress counts them: a longer amount by its months in each year, no months "
        "a later statement replaces; grants with the agreements, other grants, loans and "
        "guarantees, and figures whose instrument no source states each apart (never added "
        "together). A year for which fewer than half the parties signed by its end state a "
        "figure is partial: it does not compare with another year.",
        "sql": (
            "WITH RECURSIVE months(id, month) AS ("
            "SELECT id, first_year * 12 + first_month - 1 FROM pledges UNION ALL "
            "SELECT months.id, months.month + 1 FROM months JOIN pledges ON pledges.id = months.id "
            "WHERE months.month < pledges.last_year * 12 + pledges.last_month - 1), "
            "shares AS (SELECT months.month / 12 AS year, p.code, p.instrument, p.tie, "
            "p.value_usd * 1.0 / CASE WHEN p.per_year THEN 12 ELSE (p.last_year * 12 + "
            "p.last_month) - (p.first_year * 12 + p.first_month) + 1 END AS usd "
            "FROM months JOIN pledges AS p ON p.id = months.id "
            "JOIN parties ON parties.code = p.code "
            "WHERE parties.status = 'signed' AND parties.counted = 1 AND NOT EXISTS ("
            "SELECT 1 FROM pledges AS r WHERE r.replaces = p.id AND months.month BETWEEN "
            "r.first_year * 12 + r.first_month - 1 AND r.last_year * 12 + r.last_month - 1)) "
            "SELECT year, "
            "CAST(ROUND(TOTAL(CASE WHEN instrument = 'grant' AND tie = 'agreement' THEN usd END))"
            " AS INTEGER) AS tied_grants_usd, "
            "CAST(ROUND(TOTAL(CASE WHEN instrument = 'grant' AND tie IS NOT 'agreement' THEN usd "
            "END)) AS INTEGER) AS other_grants_usd, "
            "CAST(ROUND(TOTAL(CASE WHEN instrument IN ('loan', 'guarantee') THEN usd END)) AS "
            "INTEGER) AS loans_and_guarantees_usd, "
            "CAST(ROUND(TOTAL(CASE WHEN instrument IS NULL THEN usd END)) AS INTEGER) "
            "AS unstated_instrument_usd, "
            "COUNT(DISTINCT code) AS parties_stating_a_figure, "
            "(SELECT COUNT(*) FROM parties WHERE status = 'signed' AND counted = 1 AND "
            "CAST(substr(signed_on, 1, 4) AS INTEGER) <= year) AS parties_signed_by_year_end, "
            "CASE WHEN 2 * COUNT(DISTINCT code) < (SELECT COUNT(*) FROM parties WHERE status = "
            "'signed' AND counted = 1 AND CAST(substr(signed_on, 1, 4) AS INTEGER) <= year) "
            "THEN 'partial' ELSE '' END AS partial "
            "FROM shares GROUP BY year ORDER BY year"
        ),
    },
}


# What each table is faceted by: its stage, what a pledge is for and how it is given,
# and the year.
FACETS = {
    "parties": ["status", "counted", "kind"],
    "pledges": ["kind", "instrument", "first_year"],
    "milestones": ["step"],
}
# Where a table's columns are more than a window holds, what is left out of the table.
TABLE_NOTES = {
    "pledges": " The table leaves out each pledge's ECB rates, rate dates, months and EUR value: "
    "they are on its own page (click its id) and in the JSON and CSV.",
}


def dated(data_as_of: str | None, sources_checked: str | None) -> str:
    """The data's date, as every page says it ('data as of 2026-02-13, sources checked to
    2026-07-05')."""
    if data_as_of is None:
        return "no data yet"
    text = f"data as of {data_as_of}"
    return text + (f", sources checked to {sources_checked}" if sources_checked else "")


def metadata(
    database: str, data_as_of: str | None = None, sources_checked: str | None = None
) -> dict:
    """Datasette's metadata for the database file named ``database`` (its stem), whose
    data is of ``data_as_of`` (and its sources checked to ``sources_checked``)."""
    from agreements_cli.formats.datapackage import CREDIT, DATA_LICENCE, DATA_LICENCE_SHORT

    when = dated(data_as_of, sources_checked)
    tables = {
        name: {
            "description": intro + TABLE_NOTES.get(name, ""),
            "columns": columns,
            **({"label_column": "country"} if name == "parties" else {}),
            **({"sort_desc": "id"} if name == "events" else {}),
            **({"facets": FACETS[name]} if name in FACETS else {}),
        }
        for name, (intro, columns) in TABLES.items()
    }
    tables["_sqlite_migrations"] = {"hidden": True}  # type: ignore[dict-item]
    return {
        "title": "Ukraine's bilateral security agreements",
        "description": (
            "Who has signed a bilateral security agreement with Ukraine under the G7 Joint "
            "Declaration of Support (Vilnius, 12 July 2023), when, where, for how much, and "
            "how far Ukraine is from its goal of 32. Every row names the public page its facts "
            f"come from; a figure no source states is left out, not guessed. {CREDIT}"
        ),
        # The data's licence (the software's, MIT, is not the data's).
        "license": DATA_LICENCE_SHORT,
        "license_url": DATA_LICENCE["path"],
        "source": "the public page each row cites (its source column), compiled with "
        f"agreements; {when}",
        "databases": {
            database: {
                "description": "Kept with the agreements command-line tracker; read-only here. "
                f"{when[0].upper()}{when[1:]}.",
                "tables": tables,
                "queries": QUERIES,
            }
        },
    }


def metadata_json(
    database: str, data_as_of: str | None = None, sources_checked: str | None = None
) -> str:
    return json.dumps(metadata(database, data_as_of, sources_checked), indent=2, ensure_ascii=False)
