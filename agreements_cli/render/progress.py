"""Rich views of where things stand: the heading and the bar against the goal, the counts,
and the money pledged per year, each sort in a column of its own."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from agreements_cli.money import format_usd, usd_figure
from agreements_cli.records import (
    Progress,
)
from agreements_cli.render.views import (
    BAR_WIDTH,
    STATUS_STYLES,
    FirstThatFits,
    add_wrapping_column,
    cell,
    indented,
    url_line,
)
from agreements_cli.reports import outside_lines
from agreements_cli.wording import (
    data_dates,
    money_headline,
)

PROGRESS_ROWS = [
    ("signed", "Signed"),
    ("negotiating", "Negotiating"),
    ("planned", "Planned"),
    ("untracked", "Not yet tracked"),
]


def progress_bar(summary: Progress, width: int = BAR_WIDTH + 10) -> RenderableType:
    """A bar of up to ``BAR_WIDTH`` cells, fitting ``width`` with its count: signed,
    negotiating, planned, then the rest of the goal."""

    goal = summary.goal
    size = max(10, min(BAR_WIDTH, width - 8))
    bar = Text()
    used = 0
    for key, char in (("signed", "█"), ("negotiating", "▓"), ("planned", "▒")):
        cells = min(round(size * getattr(summary, key) / goal), size - used)
        bar.append(char * cells, style=STATUS_STYLES[key])
        used += cells
    bar.append("░" * (size - used), style="dim")
    bar.append(f" {summary.signed}/{goal}\n")
    # The legend: each sign in the colour the bar gives it.
    for key, char in (("signed", "█"), ("negotiating", "▓"), ("planned", "▒")):
        bar.append(char, style=STATUS_STYLES[key])
        bar.append(f" {key}  ", style="dim")
    bar.append("░", style="dim")
    bar.append(" rest of the goal", style="dim")
    return bar


def _value_line(summary: Progress) -> str:

    return money_headline(summary)


# The columns of the money table: header, and what a year's cell says.
# (EUR is in the headline and the JSON: a column more would not fit 80 columns.)
# No column adds unlike money: a loan, or a figure of no stated instrument, to a grant.
MONEY_HEADERS = ("Year", "Grants with the agreements", "Other grants", "Loans, guarantees",
                 "Instrument not stated", "Stating / signed", "Reported (about)")  # fmt: skip


# The table's headers, a word or two a line: the table then fits 80 columns.
_STACKED = {
    "Grants with the agreements": "Grants\nwith the\nagreements",
    "Other grants": "Other\ngrants",
    "Loans, guarantees": "Loans,\nguarantees",
    "Instrument not stated": "Instrument\nnot stated",
    "Stating / signed": "Stating\n/ signed",
    "Reported (about)": "Reported\n(about)",
}


def money_rows(summary: Progress) -> list[list[str]]:
    """A row of the money table per year (see ``MONEY_HEADERS``); a partial year is marked
    with an asterisk."""

    def money(value: int | None) -> str:
        return "" if value is None else usd_figure(value)

    rows = []
    on = str(summary.reported_value_as_of)  # (a total without a date, "None", is beside no year)
    for entry in summary.pledged_by_year:
        reported = ""
        if summary.reported_value_usd and on.startswith(str(entry.year)):
            reported = usd_figure(summary.reported_value_usd)
        rows.append(
            [
                f"{entry.year}{'*' if entry.partial else ''}",
                money(entry.tied_grant_value_usd),
                money(entry.other_grant_value_usd),
                money(entry.loan_and_guarantee_value_usd),
                money(entry.unstated_instrument_value_usd),
                f"{entry.parties_with_value} / {entry.parties_signed_by_year_end}",
                reported,
            ]
        )
    return rows


# What the money table's columns mean, said only of the columns it shows.
_COLUMN_NOTES = {
    "Grants with the agreements": "grants with the agreements: stated in or with them",
    "Other grants": "other grants: later budget lines their sources do not tie to them",
    "Instrument not stated": "instrument not stated: figures whose instrument (grant, loan or "
    "guarantee) no source states",
}


MONEY_NOTE = (
    "A blank: no party states a figure of that sort. Loans and guarantees are never added to "
    "grants. * partial: fewer than half the parties signed by the end of the year state a "
    "figure, so the year does not compare with another. A longer amount counts by its months "
    "in each year, and no months twice; exact figures are in the JSON output."
)


def money_note(headers: Iterable[str]) -> str:
    """The note under the money table: what each of its ``headers`` means, then the rules."""
    said = [_COLUMN_NOTES[header] for header in headers if header in _COLUMN_NOTES]
    meaning = "; ".join(said)
    return f"{meaning[0].upper()}{meaning[1:]}. {MONEY_NOTE}" if said else MONEY_NOTE


def money_view(summary: Progress, width: int) -> RenderableType:
    """USD pledged for each year by the signed parties in the official count: grants
    stated with the agreements, other grants, loans and guarantees, and figures of no
    stated instrument apart (never added up), how many of the parties signed by the year's
    end state a figure, and the reported total beside its year. A table, or where it does not fit whole, a line per
    year."""

    title = "USD pledged per year by the signed parties in the official count"
    rows = money_rows(summary)
    if not rows:
        return cell("No signed party in the official count states a pledge.")
    # A column no year has a figure in is left out (figures whose instrument is not stated).
    shown = [i for i in range(len(MONEY_HEADERS)) if i in (0, 1) or any(row[i] for row in rows)]
    table = Table(title=title, title_justify="left", min_width=len(title))  # a title on a line
    for i in shown:
        header = MONEY_HEADERS[i]
        add_wrapping_column(
            table, _STACKED.get(header, header), (row[i] for row in rows), justify="right"
        )
    for row in rows:
        table.add_row(*(cell(row[i]) for i in shown))
    note = money_note(MONEY_HEADERS[i] for i in shown)
    table.caption, table.caption_justify = note, "left"
    parts: list[RenderableType] = [cell(title + ":", style="italic")]  # else a line a year
    for row in rows:
        said = [
            f"{MONEY_HEADERS[i][0].lower()}{MONEY_HEADERS[i][1:]} {row[i]}"
            for i in shown[1:]
            if row[i]
        ]
        parts.append(indented(f"{row[0]}: " + "; ".join(said)))
    parts.append(cell(note, style="dim"))
    return FirstThatFits(width, table, Group(*parts))


def _reported_line(summary: Progress) -> str | None:

    if summary.reported_value_usd is None:
        return None
    line = f"about {format_usd(summary.reported_value_usd)}"
    if summary.reported_value_as_of:
        line += f" (reported {summary.reported_value_as_of})"
    return line


def progress_view(summary: Progress, width: int, made_on: date | None = None) -> RenderableType:
    """The progress table; ``made_on``, for a picture, is the day it was made."""

    heading = cell(
        f"Security agreements: {summary.signed} of {summary.goal} signed "
        f"({summary.percent_signed:g}%), {data_dates(summary)}",
        style="bold",
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, label in PROGRESS_ROWS:
        count = cell(str(getattr(summary, key)), style=STATUS_STYLES.get(key))
        grid.add_row(cell(label), count, cell(""))
    for line in outside_lines(summary):
        grid.add_row(cell(""), cell(""), cell(line))
    grid.add_row(cell("Goal"), cell(str(summary.goal)), cell(summary.goal_basis or "", style="dim"))
    grid.add_row(cell("Pledged"), cell(""), cell(_value_line(summary)))
    reported = _reported_line(summary)
    if reported:
        grid.add_row(cell("Reported total"), cell(""), cell(reported))
    parts: list[RenderableType] = [heading, progress_bar(summary, width), grid, cell("")]
    parts.append(money_view(summary, width))
    if summary.reported_value_source:
        parts.append(cell("Source of the reported total:", style="dim"))
        parts.append(url_line(summary.reported_value_source, fold=made_on is not None))
    if made_on:
        parts.append(cell(f"Made on {made_on.isoformat()} with agreements.", style="dim"))
    return Group(*parts)
