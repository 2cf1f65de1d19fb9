"""`progress --html FILE`: a page a newsroom can link to.

Self-contained (its style inline; no script, font or image from the network), readable at a
phone's width and on a desktop: a title and heading, the data's date, the progress bar with
its legend, the counts, the money per year, the table of parties with their sources as
links, and a note on method and sources. Every value from the data is HTML-escaped.
"""

from __future__ import annotations

from datetime import date
from html import escape

from agreements_cli.delivered import PromisedDone
from agreements_cli.money import format_eur, format_usd
from agreements_cli.records import Listed, Progress
from agreements_cli.safety import visible
from agreements_cli.terms import Row
from agreements_cli.vocabulary import VOCABULARY
from agreements_cli.wording import (
    cell_text,
    delivery_words,
    done_text,
    figure_text,
    money_cells,
    money_header,
    money_headline,
    money_sorts,
    pledged_text,
    share_text,
    status_text,
)

STYLE = """
:root { color-scheme: light; --signed: #1a7f37; --negotiating: #bf8700; --planned: #0969da;
        --rest: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
       color: #1f2328; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
.dated { color: var(--muted); margin: 0 0 1rem; }
.bar { display: flex; height: 1.5rem; border-radius: 4px; overflow: hidden;
       background: var(--rest); }
.bar span { display: block; height: 100%; }
.signed { background: var(--signed); } .negotiating { background: var(--negotiating); }
.planned { background: var(--planned); } .rest { background: var(--rest); }
.legend { list-style: none; padding: 0; margin: 0.5rem 0 1rem; display: flex; flex-wrap: wrap;
          gap: 0.25rem 1rem; color: var(--muted); font-size: 0.9rem; }
.legend i { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem;
            border-radius: 2px; vertical-align: -0.05rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #d0d7de;
         vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
td.number { white-space: nowrap; }
td.date { white-space: nowrap; }
a { color: #0969da; overflow-wrap: anywhere; }
.note, footer { color: var(--muted); font-size: 0.9rem; }
@media (max-width: 40rem) {
  table.parties, table.parties tbody, table.parties tr, table.parties td { display: block; }
  table.parties thead { display: none; }
  table.parties tr { border-bottom: 1px solid #d0d7de; padding: 0.4rem 0; }
  table.parties td { border: 0; padding: 0.05rem 0; }
  table.parties td.country { font-weight: 600; }
  table.terms, table.terms tbody, table.terms tr, table.terms td { display: block; }
  table.terms thead { display: none; }
  table.terms tr { border-bottom: 1px solid #d0d7de; padding: 0.4rem 0; }
  table.terms td { border: 0; padding: 0.05rem 0; }
  table.terms td.country { font-weight: 600; }
  table.terms td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  table.money, table.money tbody, table.money tr, table.money td { display: block; }
  table.money thead { display: none; }
  table.money tr { border-bottom: 1px solid #d0d7de; padding: 0.4rem 0; }
  table.money td { border: 0; padding: 0.05rem 0; text-align: left; }
  table.money td.year { font-weight: 600; }
  table.money td::before { content: attr(data-label) ": "; color: var(--muted); }
  table.money td.year::before { content: none; }
  table.done, table.done tbody, table.done tr, table.done td { display: block; }
  table.done thead { display: none; }
  table.done tr { border-bottom: 1px solid #d0d7de; padding: 0.4rem 0; }
  table.done td { border: 0; padding: 0.05rem 0; text-align: left; white-space: normal; }
  table.done td.country { font-weight: 600; }
  table.done td:empty { display: none; }
  table.done td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  table.parties td.number { text-align: left; white-space: normal; }
  table.parties td.number:empty { display: none; }
  table.parties td.number::before { content: attr(data-label) ": "; color: var(--muted); }
}
"""


def _text(value: object) -> str:
    return escape(visible(str(value))) if value is not None else ""


def _link(url: str | None, label: str) -> str:
    if not url or not url.startswith("https://"):
        return _text(url)
    return f'<a href="{escape(url, quote=True)}">{escape(label)}</a>'


def _usd(value: int | None) -> str:

    return "unknown" if value is None else escape(format_usd(value))


def _figure(value: int | None) -> str:
    """A cell of the money table: blank where no party states a figure of its sort, as in
    the terminal's table (unknown, never USD 0)."""
    return "" if value is None else _usd(value)


def _eur(value: int | None) -> str:

    return "unknown" if value is None else escape(format_eur(value))


def _bar(summary: Progress) -> str:
    goal = summary.goal
    parts = []
    for key in ("signed", "negotiating", "planned"):
        share = min(100.0, 100.0 * getattr(summary, key) / goal)
        parts.append(f'<span class="{key}" style="width: {share:.2f}%"></span>')
    legend = "".join(
        f'<li><i class="{key}"></i>{label} {count}</li>'
        for key, label, count in (
            ("signed", "signed", summary.signed),
            ("negotiating", "negotiating", summary.negotiating),
            ("planned", "planned", summary.planned),
            ("rest", "not yet tracked", summary.untracked),
        )
    )
    label = f"{summary.signed} of {goal} signed"
    return (
        f'<div class="bar" role="img" aria-label="{escape(label)}">{"".join(parts)}</div>'
        f'<ul class="legend">{legend}</ul>'
    )


# The money table's columns after the year; on a phone each cell says its column. Each
# adds like with like: no column adds a loan, or a figure of no stated instrument, to a
# grant.
MONEY_COLUMNS = ("Grants with the agreements", "The same in EUR", "Other grants",
                 "Loans, guarantees", "Instrument not stated", "Stating / signed")  # fmt: skip


def _money(summary: Progress) -> str:
    rows = []
    for entry in summary.pledged_by_year:
        partial = " (partial)" if entry.partial else ""
        tied = entry.tied_grant_value_usd
        values = (
            _figure(tied),
            "" if tied is None else _eur(entry.tied_grant_value_eur),
            _figure(entry.other_grant_value_usd),
            _figure(entry.loan_and_guarantee_value_usd),
            _figure(entry.unstated_instrument_value_usd),
            f"{entry.parties_with_value} / {entry.parties_signed_by_year_end}",
        )
        cells = "".join(
            f'<td class="number" data-label="{label}">{value}</td>'
            for label, value in zip(MONEY_COLUMNS, values, strict=True)
        )
        rows.append(f'<tr><td class="year">{entry.year}{partial}</td>{cells}</tr>')
    if not rows:
        return "<p>No signed party in the official count states a figure.</p>"
    headers = "".join(f'<th class="number">{label}</th>' for label in MONEY_COLUMNS)
    return (
        f'<table class="money"><thead><tr><th>Year</th>{headers}</tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _parties(rows: list[Listed], year: int | None) -> str:
    """The parties, each with its money for ``year``, a sort a column; on a phone each
    figure says what it is and for which year ('Loans, guarantees, 2024: USD 1.78 bn')."""

    sorts = money_sorts(row.figures for row in rows)
    labels = [money_header(words, year) for words, _ in sorts]
    lines = []
    for row in rows:
        money = money_cells(row.figures, sorts, format_usd)
        cells = "".join(
            f'<td class="number" data-label="{escape(label, quote=True)}">{_text(text)}</td>'
            for label, text in zip(labels, money, strict=True)
        )
        lines.append(
            f'<tr><td class="country">{_text(row.country)}</td>'
            f"<td>{_text(status_text(row))}</td>"
            f'<td class="date">{_text(row.signed_on)}</td>'
            f"<td>{_text(row.place)}</td>{cells}"
            f"<td>{_link(row.source, 'source')}</td></tr>"
        )
    headers = "".join(f'<th class="number">{escape(label)}</th>' for label in labels)
    return (
        '<table class="parties"><thead><tr><th>Party</th><th>Status</th><th>Signed on</th>'
        f"<th>Place</th>{headers}<th>Source</th></tr></thead><tbody>"
        + "".join(lines)
        + "</tbody></table>"
    )


def _terms(rows: list[Row]) -> str:
    """What the signed agreements say on the key terms: a cell each, linked to the entry
    below that gives its quote (or note) and the source read; an unknown term is said so,
    with nothing to link."""
    if not rows:
        return ""
    names = [term.term for term in rows[0].terms]
    labels = [VOCABULARY[name].label for name in names]
    lines, entries = [], []
    for row in rows:
        cells = []
        for label, term in zip(labels, row.terms, strict=True):
            text = _text(cell_text(term))
            attribute = escape(label, quote=True)
            if term.id is None or (term.status == "unknown" and not term.note):
                cells.append(f'<td data-label="{attribute}">{text}</td>')
                continue
            anchor = f"term-{term.id}"
            cells.append(f'<td data-label="{attribute}"><a href="#{anchor}">{text}</a></td>')
            said = f" “{_text(term.quote)}” ({_text(term.quote_lang)})" if term.quote else ""
            clause = f" {_text(term.clause)}." if term.clause else ""
            note = f" {_text(term.note)}" if term.note else ""
            source = f" {_link(term.source, 'source')}" if term.source else ""
            kind = f" ({_text(term.source_kind.replace('_', ' '))})" if term.source_kind else ""
            entries.append(
                f'<li id="{anchor}"><b>{_text(row.party.country)}, {_text(label)}:</b> '
                f"{text}.{clause}{said}{note}{source}{kind}</li>"
            )
        lines.append(
            f'<tr><td class="country">{_text(row.party.country)}</td>{"".join(cells)}</tr>'
        )
    headers = "".join(f"<th>{escape(label)}</th>" for label in labels)
    return (
        "<h2>What the agreements say</h2>\n"
        '<p class="note">The key terms of each signed agreement, each as its source states it: '
        "stated, not stated (the text was read and is silent), excluded, or unknown (no source "
        "found). Each links to its quote or note and the source read.</p>\n"
        f'<table class="terms"><thead><tr><th>Party</th>{headers}</tr></thead><tbody>'
        + "".join(lines)
        + '</tbody></table>\n<ol class="quotes note">'
        + "".join(entries)
        + "</ol>"
    )


def _done(report: PromisedDone | None) -> str:
    """Promised against done, as `delivered` gives it: each party-year with a figure, its
    pledge, each measure by its reporter, the share and the state; then the figures no
    year holds. A party-year with no figure is counted, not listed."""
    if report is None or not (report.apart or any(d.lines for d in report.years)):
        return ""
    lines = []
    for done in report.years:
        for index, line in enumerate(done.lines):
            lead = (
                f'<td class="country">{_text(done.country)} {done.year}</td>'
                f'<td data-label="Pledged">{_text(pledged_text(done))}</td>'
                if index == 0
                else "<td></td><td></td>"
            )
            by = line.reporter + (", disputed" if line.disputed else "")
            lines.append(
                f'<tr>{lead}<td data-label="Done">{_text(done_text(line))}</td>'
                f'<td data-label="Reported by">{_text(by)}</td>'
                f'<td class="number" data-label="Figure">{_text(figure_text(line))}</td>'
                f'<td class="number" data-label="Share">{_text(share_text(line))}</td>'
                f'<td data-label="State">{_text(line.state)}</td></tr>'
            )
    empty = sum(1 for d in report.years if not d.lines and d.pledges)
    apart = "".join(
        f"<li>{_text(a.country)}: {_text(delivery_words(a.figure))}"
        + (f"; disputed by the {_text(', '.join(a.disputed_by))}" if a.disputed_by else "")
        + (f" {_link(a.figure.source, 'source')}" if a.figure.source else "")
        + "</li>"
        for a in report.apart
    )
    table = (
        '<table class="done"><thead><tr><th>Party and year</th><th>Pledged</th>'
        '<th>Done</th><th>Reported by</th><th class="number">Figure</th>'
        '<th class="number">Share</th><th>State</th></tr></thead><tbody>'
        + "".join(lines)
        + "</tbody></table>\n"
        if lines
        else ""
    )
    return (
        "<h2>Promised against done</h2>\n"
        '<p class="note">What a source says was allocated, disbursed, delivered, provided or '
        "received, against the pledges of its year, in euros at the ECB rate of each figure's "
        "day. Two reporters' figures are never added: they stand side by side. A share is given "
        "only against pledges of the same sort (grants, or loans and guarantees). "
        f"{empty} party-years with a pledge have no figure of what was done: unknown, not 0.</p>\n"
        + table
        + (
            '<p class="note">Figures no year holds (running totals, or several years):</p>'
            f'<ul class="note">{apart}</ul>'
            if apart
            else ""
        )
    )


def progress_page(
    summary: Progress,
    rows: list[Listed],
    made_on: date,
    terms: list[Row] | None = None,
    done: PromisedDone | None = None,
) -> str:
    """The page, from `progress`'s summary, `list`'s rows, the signed parties' key
    ``terms`` of the same date and promised against ``done``."""
    title = f"Ukraine's bilateral security agreements: {summary.signed} of {summary.goal} signed"
    dated = f"Data as of {summary.data_as_of}" if summary.data_as_of else "Data undated"
    if summary.sources_checked and summary.last_change and not summary.as_of:
        dated = f"Last change {summary.last_change}, sources checked to {summary.sources_checked}"
    if summary.as_of:
        dated = f"As of {summary.as_of}; data as of {summary.data_as_of}"
    outside = ", ".join(_text(p.country) for p in summary.outside_count)
    outside_line = (
        f"<p>Also signed, outside Ukraine's official count: {outside}.</p>" if outside else ""
    )
    basis = summary.goal_basis
    reported = ""
    if summary.reported_value_usd:
        reported = (
            f" A total of about {_usd(summary.reported_value_usd)} was reported on "
            f"{_text(summary.reported_value_as_of)} "
            f"({_link(summary.reported_value_source, 'source')}); no source breaks it down."
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title, quote=False)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>{escape(title, quote=False)}</h1>
<p class="dated">{escape(dated)}</p>
{_bar(summary)}
{outside_line}
<h2>Money pledged per year</h2>
<p>{_text(money_headline(summary))}.</p>
<p class="note">US dollars pledged for each year by the signed parties in the official count,
at the ECB rate of each pledge's day. Grants with the agreements are stated in or with them;
other grants are later budget lines their sources do not tie to them. Loans and guarantees
are never added to grants. A longer amount counts by its months in each year, and no months
twice. A partial year is one for which fewer than half the parties signed by its end state a
figure: it does not compare with another year.</p>
{_money(summary)}
<h2>The parties</h2>
{_parties(rows, summary.year)}
{_terms(terms or [])}
{_done(done)}
<h2>Method and sources</h2>
<p class="note">The goal of {summary.goal}{": " + _text(basis) if basis else ""}. Only
parties in Ukraine's official count (the Office of the President, the Ministry of Defence)
count toward it and toward the money. Every party's facts come from the public page linked
as its source; a figure no source states is left out, not guessed.{reported}</p>
<p class="note">What the totals count: the figures the parties state for a year, as stated
(an "up to" figure is a cap, an "at least" figure a floor; a sum of them is neither), never
what was delivered. What they leave out: the support of parties that state no figure, and
money outside the agreements. The EU's figure for 2024 is paid by member states that also
state figures of their own. For comparison, the Kiel Institute's Ukraine Support Tracker
counts about EUR 80 bn a year of aid allocated in 2022-2024, 49% of it military
(about EUR 41.6 bn a year), in euros and with loans and guarantees apart
({_link("https://idw-online.de/de/news847499", "Kiel Institute")}).</p>
<footer><p>Made on {made_on.isoformat()} with agreements.</p></footer>
</main>
</body>
</html>
"""
