"""How `serve` shows the tables to a reader: a Datasette plugin, registered in the serving
process only (it imports Datasette).

Money is shown with its unit and scale (USD 3.18 bn, the whole number in its tooltip), a
source as a short link (its host and the end of its path; the whole address in its
tooltip and its target), and a style sheet keeps each table within the window: notes get
room to wrap, no column is wider than it needs, the ECB rates and rate dates of each
pledge and the clause and official text of each term stay on its own page, and the column dictionary follows the table instead of
coming before it."""

from __future__ import annotations

import base64
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import unquote, urlsplit

from datasette import hookimpl
from markupsafe import Markup

from agreements_cli.money import format_eur, format_stated, format_usd
from agreements_cli.safety import link_target

# Columns of whole US dollars or euros (the tables' and the derived tables', by their
# names), and of true or false (SQLite keeps them as 1 and 0; they read as the CLI's words).
MONEY_SUFFIXES = {"_value_usd": "usd", "_value_eur": "eur"}
BOOLEAN_COLUMNS = {"counted", "per_year", "in_totals", "partial", "year_partial", "spread",
                   "qualified", "cumulative", "pledged_qualified", "pledged_spread",
                   "disputed"}  # fmt: skip
LINK_COLUMNS = {"source", "count_source", "text_url"}
# Details on each row's own page, in its JSON and CSV, not in the table: a pledge's
# conversion, a term's clause, its quote's language and the official text's address.
DETAILS = {
    "pledges": ("usd_rate", "usd_rate_date", "eur_rate", "eur_rate_date", "first_month",
                "last_month", "value_eur", "replaces", "years"),
    "terms": ("clause", "quote_lang", "text_url"),
    "deliveries": ("stated_on", "channel", "value_usd", "usd_rate", "usd_rate_date", "eur_rate",
                   "eur_rate_date", "instrument", "pledge"),
}  # fmt: skip

# The share of the window's width each column of a table gets (percent): a table is as wide
# as the window, never wider, and its notes get the room to be read.
WIDTHS: dict[str, dict[str, float]] = {
    "parties": {"code": 4, "country": 9, "kind": 6, "status": 7, "signed_on": 8, "place": 8,
                "source": 10, "note": 28, "counted": 5, "count_reason": 9, "count_source": 6},
    "pledges": {"id": 3, "code": 9, "amount": 7, "currency": 4, "first_year": 4.5,
                "last_year": 4.5, "per_year": 4, "kind": 7, "qualifier": 5, "announced_on": 7.5,
                "source": 9, "note": 19, "value_usd": 7, "instrument": 5, "tie": 4.5},
    "milestones": {"id": 4, "code": 10, "happened_on": 9, "step": 16, "document": 12,
                   "source": 14, "note": 35},
    "terms": {"id": 3, "code": 7, "term": 9, "status": 6, "holds_from": 7, "value": 10,
              "unit": 5, "firmness": 6, "quote": 19, "source": 9, "source_kind": 7, "note": 12},
    "deliveries": {"id": 3, "code": 7, "measure": 7, "amount": 8, "currency": 4.5,
                   "period_from": 7, "period_to": 7, "cumulative": 5.5, "reporter": 6,
                   "value_eur": 7, "qualifier": 5, "kind": 6, "source": 6, "note": 21},
    "events": {"id": 4, "batch": 4, "code": 5, "action": 6, "effective_on": 8,
               "recorded_at": 10, "before": 24, "after": 24, "undoes": 4, "entity": 5,
               "origin": 6},
}  # fmt: skip
_FIXED = "".join(
    f"    body.table-{table} .rows-and-columns th.col-{column} {{ width: {share}%; }}\n"
    for table, columns in WIDTHS.items()
    for column, share in columns.items()
)
_DETAILS = ", ".join(
    f"body.table-{table} .rows-and-columns .col-{column}"
    for table, columns in DETAILS.items()
    for column in columns
)
STYLE = f"""
table.rows-and-columns {{ font-size: 0.85rem; }}
.rows-and-columns td, .rows-and-columns th {{ overflow-wrap: anywhere; }}
.rows-and-columns th {{ white-space: normal; }}
.rows-and-columns td.col-before, .rows-and-columns td.col-after {{ font-size: 0.75rem; }}
body.table section.content {{ display: flex; flex-direction: column; }}
body.table section.content > * {{ max-width: 100%; }}
body.table dl.column-descriptions {{ order: 1; font-size: 0.85rem; }}
{_DETAILS} {{ display: none; }}
@media only screen and (min-width: 577px) {{
    table.rows-and-columns {{ table-layout: fixed; width: 100%; }}
{_FIXED}}}
"""
STYLE_URL = "data:text/css;base64," + base64.b64encode(STYLE.encode()).decode()


def short_link(url: str, room: int = 36) -> str:
    """A web address as a reader scans it: its host and the end of its path, at most about
    ``room`` characters ('gov.uk/…/pm-in-kyiv-uk-support-will-n…')."""

    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    tail = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) if parts.path.strip("/") else ""
    shown = (
        host if not tail else f"{host}/…/{tail}" if parts.path.count("/") > 1 else f"{host}/{tail}"
    )
    return shown if len(shown) <= room else shown[: room - 1] + "…"


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str) -> Any:
    """Money with its unit; a pledge's or figure's amount as stated, compact (GBP 2.5 bn, the exact
    figure in its tooltip); a source as a short link. Anything else, and any value this
    cannot render (one another program wrote): Datasette's own, so that no value makes a
    page fail."""
    try:
        return _rendered(row, value, column, table)
    except Exception:  # a value of any kind reaches here; Datasette shows it as it is
        return None


def _rendered(row: Any, value: Any, column: str, table: str | None) -> Any:
    if table in ("pledges", "deliveries") and column == "amount" and isinstance(value, str):
        stated = _stated(value, row)
        if stated is not None:
            return _exact_in_title(value, stated)

    if column in BOOLEAN_COLUMNS and value in (0, 1):
        return "true" if value else "false"
    if isinstance(value, int) and not isinstance(value, bool):
        unit = _unit(column)
        if unit == "usd":
            return _exact_in_title(f"{value:,}", format_usd(value))
        if unit == "eur":
            return _exact_in_title(f"{value:,}", format_eur(value))
    if column in LINK_COLUMNS and isinstance(value, str):
        target = link_target(value)
        if target is not None:
            return Markup('<a href="{}" title="{}">{}</a>').format(target, value, short_link(value))
    return None


def _unit(column: str) -> str | None:
    """'usd' or 'eur' for a column of whole dollars or euros (value_usd, tied_grant_value_eur,
    ...), else None."""
    for suffix, unit in MONEY_SUFFIXES.items():
        if column == suffix[1:] or column.endswith(suffix):
            return unit
    return None


def _exact_in_title(exact: str, shown: str) -> Markup:
    """``shown`` (a compact figure), with the ``exact`` one in its tooltip; both escaped."""
    return Markup('<span title="{}">{}</span>').format(exact, shown)


def _stated(amount: str, row: Any) -> str | None:
    """A pledge's amount as `pledge list` shows it, or None if the row cannot say."""

    try:
        currency = row["currency"]
        return format_stated(Decimal(amount), currency) if isinstance(currency, str) else None
    except (InvalidOperation, KeyError, IndexError, ValueError):
        return None


@hookimpl
def extra_css_urls() -> list[str]:
    return [STYLE_URL]
