"""Publishing the database with Datasette: its metadata (title, description, source and
licence, a description of every table and column, labels, canned queries).

`agreements serve` runs Datasette with it; `agreements serve --metadata` prints it for
people who run Datasette themselves. The column descriptions are the README's (a test
keeps the two the same).
"""

from __future__ import annotations

import json
import re
from html import escape

from agreements_cli.publish.tables import (
    CREDIT,
    DATA_LICENCE,
    DATA_LICENCE_SHORT,
    DERIVED,
    TABLES,
    columns,
)
from agreements_cli.records import Progress
from agreements_cli.wording import money_headline

# (the web extra is Datasette alone: this works from a clone and from an installed package)
INSTALL = "pip install 'datasette>=0.64' into the environment agreements runs in"

# What people ask first, each a table the library wrote (``tables.DERIVED``): nothing is
# added up here. Only parties in Ukraine's official count count toward the goal and the
# money, as in `agreements progress`.
QUERIES = {
    "progress_toward_the_goal": {
        "title": "Progress toward the goal",
        "hide_sql": True,
        "description": "Signed, negotiating and planned parties in Ukraine's official count "
        "against the goal, signed agreements outside the count apart, and the headline year's "
        "money, as agreements progress gives them.",
        "sql": "SELECT * FROM progress",
    },
    "signings_by_month": {
        "title": "Signings by month",
        "hide_sql": True,
        "description": "Agreements signed each month by parties in the official count, with the "
        "running total against the goal, as agreements timeline gives them.",
        "sql": "SELECT * FROM signings_by_month ORDER BY month",
    },
    "pledges_by_year": {
        "title": "Pledges by year",
        "hide_sql": True,
        "description": "US dollars pledged for each year by the signed parties in the official "
        "count, as agreements progress counts them: a longer amount by its months in each year, "
        "no months a later statement replaces; grants with the agreements, other grants, loans "
        "and guarantees, and figures whose instrument no source states each apart (never added "
        "together); empty where no party states a figure of that sort. A year for which fewer "
        "than half the parties signed by its end state a figure is partial: it does not "
        "compare with another year.",
        "sql": "SELECT * FROM years ORDER BY year",
    },
}


# What each table is faceted by: its stage, what a pledge is for and how it is given, and
# every year it covers (a pledge of 2024-2026 under each of the three); a term by which term
# it is, then its status and value (pick a term, and the value facet counts the agreements
# by what they say on it) and the kind of source read.
FACETS: dict[str, list] = {
    "parties": ["status", "counted", "kind"],
    "pledges": ["kind", "instrument", {"array": "years"}],
    "milestones": ["step"],
    "terms": ["term", "status", "value", "source_kind"],
    "deliveries": ["measure", "reporter", "channel", "cumulative"],
    "party_years": ["year", "in_totals", "status"],
    "promised_done": ["year", "state", "measure", "reporter"],
}
# Where a table's columns are more than a window holds, what is left out of the table.
TABLE_NOTES = {
    "pledges": " The table leaves out each pledge's ECB rates, rate dates, months, EUR value and "
    "the years it covers (by which it is faceted): they are on its own page (click its id) and "
    "in the JSON and CSV.",
    "terms": " The table leaves out each term's clause, its quote's language and the address of "
    "the official text: they are on its own page (click its id) and in the JSON and CSV.",
    "deliveries": " The table leaves out the day each figure was stated, its channel, its USD "
    "value, its ECB rates and their dates, its instrument and the pledge it answers: they are "
    "on its own page (click its id) and in the JSON and CSV.",
}
# Columns the published copy adds to a table of the database (see ``Tracker.publish``).
ADDED_COLUMNS = {
    "pledges": {"years": "every year the pledge covers, as a JSON list (in this publication only, "
                "for its facet)"},
}  # fmt: skip
# How each table's rows are ordered: parties by signing date, the newest first (SQLite puts
# the unsigned, of no date, after them), the change log newest first.
SORTS = {"parties": {"sort_desc": "signed_on"}, "events": {"sort_desc": "id"},
         "party_years": {"sort": "year"}}  # fmt: skip
# The change log is linked from the front page rather than listed first on it (it is the
# longest table, and Datasette lists the longest first).
HIDDEN = ("events", "_sqlite_migrations")
# The front page's links: the questions people ask first, then the tables.
ASKED = (
    ("progress_toward_the_goal", "Progress toward the goal"),
    ("pledges_by_year", "Money pledged per year"),
    ("party_years", "Each party's money per year"),
    ("parties", "The parties, by signing date"),
    ("signings_by_month", "Signings by month"),
    ("pledges", "The pledge ledger, each as stated"),
    ("milestones", "Milestones of the agreements"),
    ("terms", "What each agreement says, term by term"),
    ("promised_done", "Promised against done, by party and year"),
    ("deliveries", "What was done, each figure as its reporter states it"),
    ("events", "The change log"),
)
TITLE = "Ukraine's bilateral security agreements"


def dated(data_as_of: str | None, sources_checked: str | None) -> str:
    """The data's date, as every page says it ('data as of 2026-02-13, sources checked to
    2026-07-05')."""
    if data_as_of is None:
        return "no data yet"
    text = f"data as of {data_as_of}"
    return text + (f", sources checked to {sources_checked}" if sources_checked else "")


def route(database: str) -> str:
    """The part of the site's addresses that names the database: safe in a URL."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", database).strip("-") or "agreements"


def metadata(database: str, summary: Progress | None = None) -> dict:
    """Datasette's metadata for the database file named ``database`` (its stem): every
    page, canned queries included, carries the data's date (from ``summary``, what
    `progress` says) and the licence; the front page leads with the headline."""
    data_as_of = summary.data_as_of if summary else None
    sources_checked = summary.sources_checked if summary else None
    when = dated(data_as_of, sources_checked)
    footer = {
        # The data's licence (the software's, MIT, is not the data's).
        "license": DATA_LICENCE_SHORT,
        "license_url": DATA_LICENCE["path"],
        "source": "the public page each row cites (its source column), compiled with "
        f"agreements; {when}",
    }
    tables = {
        name: {
            "description": intro + TABLE_NOTES.get(name, ""),
            "columns": {**columns(name), **ADDED_COLUMNS.get(name, {})},
            **({"label_column": "country"} if name == "parties" else {}),
            **SORTS.get(name, {}),
            **({"facets": FACETS[name]} if name in FACETS else {}),
            **({"hidden": True} if name in HIDDEN else {}),
            **footer,
        }
        for name, intro in (
            *((name, intro) for name, (intro, _) in TABLES.items()),
            *((name, intro) for name, (intro, _) in DERIVED.items()),
        )
    }
    tables["_sqlite_migrations"] = {"hidden": True}
    about = (
        "Who has signed a bilateral security agreement with Ukraine under the G7 Joint "
        "Declaration of Support (Vilnius, 12 July 2023), when, where, for how much, and how far "
        "Ukraine is from its goal of 32. Every row names the public page its facts come from; a "
        f"figure no source states is left out, not guessed. {CREDIT}"
    )
    return {
        "title": TITLE,
        "description_html": _front_page(database, summary, when, about),
        **footer,
        "databases": {
            database: {
                "description": "Kept with the agreements command-line tracker; read-only here. "
                f"{when[0].upper()}{when[1:]}.",
                "tables": tables,
                "queries": {name: {**query, **footer} for name, query in QUERIES.items()},
                **footer,
            }
        },
    }


def _front_page(database: str, summary: Progress | None, when: str, about: str) -> str:
    """The front page's text: the headline (the count and the money, as `progress` says
    them), the data's date, what the site is, and links to the questions people ask first."""
    path = f"/{route(database)}/"
    links = "".join(
        f'<li><a href="{escape(path + name, quote=True)}">{escape(words)}</a></li>'
        for name, words in ASKED
    )
    headline = ""
    if summary is not None:
        count = f"{summary.signed} of {summary.goal} signed"
        headline = (
            f"<p><strong>{escape(count)}</strong> ({escape(when)}). Pledged: "
            f"{escape(money_headline(summary))}.</p>"
        )
    return f"{headline}<p>{escape(about)}</p><ul>{links}</ul>"


def metadata_json(database: str, summary: Progress | None = None) -> str:
    return json.dumps(metadata(database, summary), indent=2, ensure_ascii=False)
