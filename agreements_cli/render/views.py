"""Output: Rich tables for people, and JSON, CSV and Markdown written without Rich.

Rich is imported only by the functions that build tables, so the machine formats
cost nothing of it. Every value from the database goes into a ``Text`` (never into a
markup string), so a note with ``[bold]`` or ``[/]`` in it is shown as written.
"""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import IO, TYPE_CHECKING, TextIO

from agreements_cli.records import LIST_FIELDS
from agreements_cli.safety import json_text, visible
from agreements_cli.wording import dated, flat_event

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text


STATUS_STYLES = {"signed": "green", "negotiating": "yellow", "planned": "cyan"}
BAR_WIDTH = 40
# Below these widths a table would squeeze columns out of sight; each row is shown as a
# short block of lines instead, which wraps and never cuts a name or an amount.
NARROW_LIST = 72
NARROW_HISTORY = 90


def cell(value: object, style: str | None = None) -> Text:
    """Database text for a Rich table: never markup, control characters made visible."""
    from rich.text import Text

    return Text(visible(str(value)), style=style)


def write_json(data: object, out: TextIO | None = None) -> None:
    """JSON with non-ASCII letters as they are, but every control or format character
    escaped as \\uXXXX (json leaves DEL, C1 and bidi controls raw): the same data for a
    parser, nothing live for a terminal."""
    out = out or sys.stdout
    # An output that cannot show every letter gets them as \\uXXXX: the same data. (A
    # string in memory has no encoding and takes any letter.)
    encoding = out.encoding
    ascii_only = encoding is not None and not codecs.lookup(encoding).name.startswith("utf")
    out.write(json_text(data, ascii_only=ascii_only, indent=2) + "\n")


def write_csv(
    rows: list[dict], fields: tuple[str, ...] | list[str], out: IO[str] | None = None
) -> None:
    import csv

    writer = csv.DictWriter(out or sys.stdout, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:  # csv writes None as an empty field
        writer.writerow({f: _csv_value(row.get(f)) for f in fields})


def _csv_value(value: object) -> object:
    if isinstance(value, bool):  # as in JSON, not Python's True and False
        return "true" if value else "false"
    return visible(value) if isinstance(value, str) else value


def _md_cell(value: object) -> str:
    text = "" if value is None else visible(str(_csv_value(value)))
    # visible() keeps a line break (a carriage return it shows as \x0d); a row is one line.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def write_markdown(
    headers: list[str], rows: list[list[object]], out: IO[str] | None = None
) -> None:
    out = out or sys.stdout
    out.write("| " + " | ".join(_md_cell(h) for h in headers) + " |\n")
    out.write("|" + "|".join("---" for _ in headers) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_md_cell(v) for v in row) + " |\n")


def console() -> Console:
    """A console on stdout that honours NO_COLOR, TERM=dumb, COLUMNS and pipes.

    Rich already leaves colour out in a pipe and with NO_COLOR, but keeps bold and
    dim with NO_COLOR; here NO_COLOR writes no escape code at all, as Rich itself does
    on TERM=dumb (a dumb terminal gets no colour system)."""
    import os

    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    return Console(highlight=False, emoji=False, color_system=None if plain else "auto")


def print_view(view: Callable[[int], RenderableType]) -> None:
    """Print ``view(width)``: each view lays itself out for the width it is given. Output
    that is not a terminal gets no padding at the ends of its lines."""
    out = console()
    if out.is_terminal:
        out.print(view(out.width), crop=False)  # a long web address runs on, whole
        return
    with out.capture() as captured:
        out.print(view(out.width), crop=False)
    text = captured.get()
    sys.stdout.write("\n".join(line.rstrip() for line in text.split("\n")))


PICTURE_WIDTH = 100


def svg_picture(view: Callable[[int], RenderableType], title: str) -> str:
    """What the terminal shows, as an SVG picture, colours included, 100 columns wide. (The
    page to publish, `progress --html`, is page.py's.)"""
    import io

    from rich.console import Console

    # Not a terminal (a file), so TERM=dumb, which Rich would take as 80x25, cannot shrink it.
    recorder = Console(record=True, file=io.StringIO(), width=PICTURE_WIDTH)
    recorder.print(view(PICTURE_WIDTH))  # (the picture ends at its edge: export_svg crops)
    return recorder.export_svg(title=title)


# ------------------------------------------------------------------ parties


def pledge_text(row: dict) -> str:
    """A listed party's first pledge as stated, 'SEK 25 bn a year (2024-2026)', and how
    many more it has; 'not stated' when it has none."""
    from decimal import Decimal

    from agreements_cli.money import format_stated

    if row["amount"] is None:
        return "not stated"
    text = format_stated(Decimal(row["amount"]), row["currency"])
    if row["per_year"] and "-" in row["period"]:
        text += " a year"
    text = f"{text} ({row['period']})"
    more = row["pledge_count"] - 1
    return f"{text} +{more} more" if more > 0 else text


def usd_text(row: dict) -> str:
    """A party's USD value without its unit, for the list's 'USD value' column."""
    from agreements_cli.money import usd_figure

    return "unknown" if row["value_usd"] is None else usd_figure(row["value_usd"])


LIST_HEADERS = ["Country", "Status", "Signed", "Place", "Pledge as stated", "USD value"]


def status_text(row: dict, separator: str = " · ") -> str:
    """'negotiating · signing called off 2024-12-19': the status, whether the party is
    outside the official count, and its stage when that says more than the status (a
    signing on the signing date does not)."""
    parts = [row["status"]]
    if not row["counted"]:
        parts.append("outside the official count")
    stage, stage_on = row.get("stage"), row.get("stage_on")
    if stage and not (stage == "signed" and stage_on == row["signed_on"]):
        parts.append(f"{stage} {stage_on}")
    return separator.join(parts)


def list_cells(row: dict, separator: str = " · ") -> list[str]:
    return [
        row["country"],
        status_text(row, separator),
        row["signed_on"] or "",
        row["place"] or "",
        pledge_text(row),
        usd_text(row),
    ]


def fits(renderable: RenderableType, width: int) -> bool:
    """Whether Rich lays ``renderable`` out within ``width`` columns. Each column is at
    least as wide as its longest word (``min_width``), so a layout within the width cuts
    no word. Rich's minimum alone is not enough: it narrows the widest columns first and
    widens those it took below their minimum afterwards, past the width."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.measure import Measurement

    sizer = Console(width=1000, file=io.StringIO())  # measured unbounded, then compared
    measured = Measurement.get(sizer, sizer.options, renderable)
    if measured.minimum > width or measured.maximum <= width:
        return measured.maximum <= width  # no room, or room for every column at its widest
    laid_out = Console(width=width, file=io.StringIO(), color_system=None)  # text alone
    laid_out.print(renderable, crop=False)
    return all(cell_len(line) <= width for line in laid_out.file.getvalue().splitlines())


def add_wrapping_column(table: Table, header: str, texts: Iterable[str], **options) -> None:
    """A column whose text wraps between words, never inside a name or an amount: at least
    as wide as the longest word of its header and ``texts`` (see ``fits``)."""
    longest = max(len(word) for text in (header, *texts) for word in text.split())
    table.add_column(header, min_width=longest, **options)


def parties_view(rows: list[dict], title: str, width: int) -> RenderableType:
    if width >= NARROW_LIST:
        table = parties_table(rows, title)
        if fits(table, width):
            return table
    return parties_blocks(rows, title)


def url_line(url: str, indent: int = 0) -> RenderableType:
    """A web address whole on its own line, never split (a reader copies it), and a link
    where the terminal shows links."""
    from rich.text import Text

    text = Text(" " * indent)
    text.append_text(cell(url, style=f"dim link {url}" if url.startswith("https://") else "dim"))
    text.overflow = "ignore"  # whole, wider than the terminal if need be
    return text


def indented(text: str, style: str = "") -> RenderableType:
    """A line of a block, indented by two, wrapped lines indented too."""
    from rich.padding import Padding

    return Padding(cell(text, style=style), (0, 0, 0, 2))


def parties_blocks(rows: list[dict], title: str) -> RenderableType:
    """One party a block: name, code, status and date; place; pledge and USD value."""
    from rich.console import Group

    parts: list[RenderableType] = [cell(title, style="italic")]
    for row in rows:
        country, status, signed, place, pledge, usd = list_cells(row)
        head = cell(f"{country} ({row['code']})", style="bold")
        head.append("  ")
        head.append_text(cell(status, style=STATUS_STYLES[row["status"]]))
        if signed:
            head.append(f" {signed}")
        parts.append(head)
        if place:
            parts.append(indented(place))
        money = pledge if row["amount"] is None else f"{pledge} = USD {usd}"
        parts.append(indented(money, style="dim" if row["amount"] is None else None))
    if not rows:
        parts.append(cell("No parties match."))
    return Group(*parts)


def parties_table(rows: list[dict], title: str) -> RenderableType:
    from rich.table import Table

    cells = [list_cells(row, " ·\n") for row in rows]  # the stage on a line of its own
    table = Table(title=title, title_justify="left")
    for i, header in enumerate(LIST_HEADERS[:-1]):
        add_wrapping_column(table, header, (c[i] for c in cells))
    table.add_column("USD value", justify="right", no_wrap=True)  # '3.18 bn' on one line
    for i, row in enumerate(rows):
        country, status, signed, place, pledge, usd = cells[i]
        table.add_row(
            cell(country),
            cell(status, style=STATUS_STYLES[row["status"]]),
            cell(signed),
            cell(place),
            cell(pledge, style="dim" if row["amount"] is None else None),
            cell(usd, style="dim italic" if row["value_usd"] is None else None),
        )
    if not rows:
        table.caption = "No parties match."
    else:
        table.caption = (
            "USD values at the ECB reference rate of the signing date; "
            "exact figures with --format json."
        )
    return table


def parties_markdown(rows: list[dict], dated: str) -> None:
    """The list as a Markdown table, then the date of its data, for a page to publish."""
    write_markdown(LIST_HEADERS + ["Source"], [list_cells(r) + [r["source"]] for r in rows])
    sys.stdout.write(f"\n{dated[0].upper()}{dated[1:]}.\n")


def parties_csv(rows: list[dict]) -> None:
    write_csv(rows, LIST_FIELDS)


# ----------------------------------------------------------------- progress


PROGRESS_ROWS = [
    ("signed", "Signed"),
    ("negotiating", "Negotiating"),
    ("planned", "Planned"),
    ("untracked", "Not yet tracked"),
]


def progress_bar(summary: dict, width: int = BAR_WIDTH + 10) -> RenderableType:
    """A bar of up to ``BAR_WIDTH`` cells, fitting ``width`` with its count: signed,
    negotiating, planned, then the rest of the goal."""
    from rich.text import Text

    goal = summary["goal"]
    size = max(10, min(BAR_WIDTH, width - 8))
    bar = Text()
    used = 0
    for key, char in (("signed", "█"), ("negotiating", "▓"), ("planned", "▒")):
        cells = min(round(size * summary[key] / goal), size - used)
        bar.append(char * cells, style=STATUS_STYLES[key])
        used += cells
    bar.append("░" * (size - used), style="dim")
    bar.append(f" {summary['signed']}/{goal}")
    bar.append("\n█ signed  ▓ negotiating  ▒ planned  ░ rest of the goal", style="dim")
    return bar


def _value_line(summary: dict) -> str:
    from agreements_cli.money import format_usd

    year, without = summary["year"], summary["signed_without_value"]
    if summary["value_usd"] is None:
        return f"unknown: no signed party states a figure for {year}"
    line = (
        f"{format_usd(summary['value_usd'])} for {year}, stated by "
        f"{summary['signed_with_value']} signed parties"
    )
    if without:
        line += f"; {without} state{'s' if without == 1 else ''} no figure for it"
    return line


def money_view(summary: dict, width: int) -> RenderableType:
    """USD pledged for each year by the signed parties in the official count: yearly
    figures, how much of each is spread from multi-year amounts, military and the other
    kinds, how many parties state a figure, and the reported total beside its year. A
    table, or where it does not fit whole, a line per year."""
    from rich.console import Group
    from rich.table import Table

    from agreements_cli.money import usd_figure

    title = "USD pledged per year by the signed parties in the official count"
    rows = []
    on = str(summary["reported_value_as_of"])  # (a total without a date, "None", is beside no year)
    for entry in summary["pledged_by_year"]:
        military = entry["by_kind"].get("military", 0)
        reported = ""
        if summary["reported_value_usd"] and on.startswith(str(entry["year"])):
            reported = f"about {usd_figure(summary['reported_value_usd'])}"
        rows.append([
            str(entry["year"]),
            usd_figure(entry["value_usd"]),
            usd_figure(entry["spread_value_usd"]) if entry["spread_value_usd"] else "",
            usd_figure(military),
            usd_figure(entry["value_usd"] - military),
            f"{entry['parties_with_value']} / {entry['parties_without_value']}",
            reported,
        ])  # fmt: skip
    if not rows:
        return cell("No signed party in the official count states a pledge.")
    table = Table(title=title, title_justify="left")
    headers = ("Year", "Pledged", "of which spread", "Military", "Other kinds",
               "Stating / not", "Reported")  # fmt: skip
    for i, header in enumerate(headers):
        add_wrapping_column(table, header, (row[i] for row in rows), justify="right")
    for row in rows:
        table.add_row(*(cell(value) for value in row))
    table.caption = (
        "A multi-year amount counts in each of its years by an even share (spread); "
        "exact figures with --format json."
    )
    if fits(table, width):  # else a line a year
        return table
    parts: list[RenderableType] = [cell(title + ":", style="italic")]
    for year, total, spread, military, other, stating, reported in rows:
        text = f"{year}: {total} ({military} military, {other} other"
        text += f"; {spread} spread)" if spread else ")"
        text += f"; stating / not: {stating}" + (f"; reported {reported}" if reported else "")
        parts.append(indented(text))
    return Group(*parts)


def _reported_line(summary: dict) -> str | None:
    from agreements_cli.money import format_usd

    if summary["reported_value_usd"] is None:
        return None
    line = f"about {format_usd(summary['reported_value_usd'])}"
    if summary["reported_value_as_of"]:
        line += f" (reported {summary['reported_value_as_of']})"
    return line


def progress_view(summary: dict, width: int, made_on: date | None = None) -> RenderableType:
    """The progress table; ``made_on``, for a picture, is the day it was made."""
    from rich.console import Group
    from rich.table import Table

    from agreements_cli.reports import outside_lines

    heading = cell(
        f"Security agreements: {summary['signed']} of {summary['goal']} signed "
        f"({summary['percent_signed']:g}%), {dated(summary['as_of'], summary['data_as_of'])}",
        style="bold",
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, label in PROGRESS_ROWS:
        grid.add_row(cell(label), cell(str(summary[key]), style=STATUS_STYLES.get(key)), cell(""))
    for line in outside_lines(summary):
        grid.add_row(cell(""), cell(""), cell(line))
    grid.add_row(
        cell("Goal"), cell(str(summary["goal"])), cell(summary["goal_basis"] or "", style="dim")
    )
    grid.add_row(cell("Pledged"), cell(""), cell(_value_line(summary)))
    reported = _reported_line(summary)
    if reported:
        grid.add_row(cell("Reported total"), cell(""), cell(reported))
    parts: list[RenderableType] = [heading, progress_bar(summary, width), grid, cell("")]
    parts.append(money_view(summary, width))
    if summary["reported_value_source"]:
        parts.append(cell("Source of the reported total:", style="dim"))
        parts.append(url_line(summary["reported_value_source"]))
    if made_on:
        parts.append(cell(f"Made on {made_on.isoformat()} with agreements.", style="dim"))
    return Group(*parts)


def progress_flat(summary: dict) -> dict:
    """The summary with its lists as text, for CSV and Markdown: the parties outside the
    count, and the USD pledged per year ('2024: 34962345678; 2025: ...')."""
    outside = "; ".join(f"{p['country']} ({p['status']})" for p in summary["outside_count"])
    years = "; ".join(f"{y['year']}: {y['value_usd']}" for y in summary["pledged_by_year"])
    return {**summary, "outside_count": outside, "pledged_by_year": years}


def progress_rows(summary: dict) -> list[list[object]]:
    return [[key, value] for key, value in progress_flat(summary).items()]


# ------------------------------------------------------------------ history


FIELD_LABELS = {
    "code": "Code", "country": "Country", "kind": "Kind", "status": "Status",
    "counted": "Official count", "signed_on": "Signed on", "place": "Place",
    "source": "Source", "note": "Note",
}  # fmt: skip


def party_fields(row: dict) -> list[tuple[str, str]]:
    """Every field of a party as (label, text), the official count spelled out."""
    values = dict(row)
    values["counted"] = (
        "counted toward the goal"
        if row["counted"]
        else "outside it: "
        + row["count_reason"]
        + (f" ({row['count_source']})" if row["count_source"] else "")
    )
    return [
        (label, "" if values[f] is None else str(values[f])) for f, label in FIELD_LABELS.items()
    ]


def party_view(
    row: dict, pledges: list[dict], milestones: list[dict], events: list[dict], width: int
) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in party_fields(row):
        grid.add_row(cell(label), cell(text))
    parts: list[RenderableType] = [grid, cell("")]
    noun = "pledge" if len(pledges) == 1 else "pledges"
    parts += [pledges_view(pledges, f"{len(pledges)} {noun}, by announcement date"), cell("")]
    if milestones:
        noun = "milestone" if len(milestones) == 1 else "milestones"
        parts += [milestones_view(milestones, f"{len(milestones)} {noun}, oldest first"), cell("")]
    parts.append(history_view([flat_event(e) for e in events], width))
    return Group(*parts)


def pledges_view(pledges: list[dict], title: str, year: int | None = None) -> RenderableType:
    """Pledges, a short block each: when announced, who, the pledge as stated and its id;
    its figure for ``year`` (marked when spread from a multi-year amount); its USD value
    with the rate and the rate's day; the note and the source."""
    from rich.console import Group

    from agreements_cli.money import format_stated, format_usd
    from agreements_cli.reports import yearly
    from agreements_cli.wording import pledge_words

    parts: list[RenderableType] = [cell(title, style="italic")]
    for p in pledges:
        who = f"{p['country']} · " if p.get("country") else ""
        head = f"{p['announced_on']}  {who}{pledge_words(p)}  (id {p['id']})"
        parts.append(cell(head, style="bold"))
        figure = yearly(p, year) if year else None
        if figure:
            from decimal import Decimal

            stated = format_stated(Decimal(figure["amount"]), p["currency"])
            how = ", spread evenly over its years" if figure["spread"] else ""
            parts.append(indented(f"for {year}: {stated} = {format_usd(figure['value_usd'])}{how}"))
        parts.append(
            indented(
                f"= {format_usd(p['value_usd'])} at {p['usd_rate']} USD per {p['currency']} "
                f"(ECB rate of {p['usd_rate_date']})"
            )
        )
        if p["note"]:
            parts.append(indented(p["note"]))
        if p["source"]:
            parts.append(url_line(p["source"], indent=2))
    if not pledges:
        parts.append(cell("No pledges: the amount is unknown, not 0."))
    return Group(*parts)


def milestones_view(milestones: list[dict], title: str) -> RenderableType:
    """Milestones by date, a short block each: the date, who, what happened (to which
    document) and the id; then the note and the source, which wrap and are never cut."""
    from rich.console import Group

    parts: list[RenderableType] = [cell(title, style="italic")]
    for m in milestones:
        what = f"{m['document']}: {m['step']}" if m["document"] else m["step"]
        who = f"{m['country']} · " if m.get("country") else ""
        parts.append(cell(f"{m['happened_on']}  {who}{what}  (id {m['id']})", style="bold"))
        if m["note"]:
            parts.append(indented(m["note"]))
        parts.append(url_line(m["source"], indent=2))
    if not milestones:
        parts.append(cell("No milestones."))
    return Group(*parts)


def history_view(events: list[dict], width: int) -> RenderableType:
    if width >= NARROW_HISTORY:
        table = history_table(events)
        if fits(table, width):
            return table
    return history_blocks(events)


def _history_title(events: list[dict]) -> str:
    noun = "change" if len(events) == 1 else "changes"
    return f"{len(events)} {noun}, newest first"


def _recorded(event: dict) -> str:
    """When a change was recorded, to the minute: '2024-07-15 10:20'."""
    return event["recorded_at"].replace("T", " ")[:16]


def history_blocks(events: list[dict]) -> RenderableType:
    """One change a block: when, which party and what; then the fields it changed."""
    from rich.console import Group

    parts: list[RenderableType] = [cell(_history_title(events), style="italic")]
    for event in events:
        recorded = _recorded(event)
        parts.append(cell(f"{event['country']} · {event['action']}", style="bold"))
        parts.append(indented(f"effective {event['effective_on']}, recorded {recorded}"))
        if event["changes"]:
            parts.append(indented(event["changes"]))
    return Group(*parts)


def history_table(events: list[dict]) -> RenderableType:
    from rich.table import Table

    table = Table(title=_history_title(events), title_justify="left")
    for header in ("Recorded", "Effective", "Country", "Action"):
        table.add_column(header, no_wrap=True)  # a time, a date, a name, a word: whole
    add_wrapping_column(table, "Changes", (e["changes"] for e in events))
    for e in events:
        table.add_row(
            cell(_recorded(e)),
            cell(e["effective_on"]),
            cell(e["country"]),
            cell(e["action"]),
            cell(e["changes"]),
        )
    return table


# ----------------------------------------------------------------- timeline


def timeline_chart(series: list[dict], width: int, data: str) -> RenderableType:
    """A bar per month: the running total against the goal, that month's signings brighter.
    Narrower than ``NARROW_LIST``, who signed goes on a line of its own under each bar.
    ``data`` says how current the data is."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not series:
        return cell("No signed party has a signing date yet.")
    goal = series[0]["goal"]
    narrow = width < NARROW_LIST
    # Month, bar and count take the bar's width plus 15 cells (with their spacing).
    bar_width = max(10, min(BAR_WIDTH, max(goal, series[-1]["total"]), width - 15))
    title = f"Signings by month, running total against the goal of {goal}, {data}"
    table = Table(title=title, title_justify="left", box=None, pad_edge=False)
    table.add_column("Month")  # one word: never wrapped
    table.add_column("Running total", no_wrap=True)
    table.add_column(justify="right")  # the count, one word
    table.add_column("Signed that month", overflow="fold")
    blocks: list[RenderableType] = [cell(title, style="italic")]
    for point in series:
        scale = max(goal, point["total"])
        before = round(bar_width * (point["total"] - point["signed"]) / scale)
        now = round(bar_width * point["total"] / scale)
        bar = Text()
        bar.append("█" * before, style="green dim")
        bar.append("█" * (now - before), style="bold green")
        bar.append("·" * (bar_width - now), style="dim")
        names = f"+{point['signed']} {', '.join(point['parties'])}" if point["signed"] else ""
        if point["outside_count"]:
            outside = f"{', '.join(point['outside_count'])} outside the official count"
            names = f"{names}; {outside}" if names else outside
        count = f"{point['total']}/{goal}"
        if narrow:
            line = cell(point["month"] + " ")
            line.append_text(bar)
            line.append(" " + count)
            blocks.append(line)
            if names:
                blocks.append(indented(names))
        else:
            table.add_row(cell(point["month"]), bar, cell(count), cell(names))
    return Group(*blocks) if narrow else table


# --------------------------------------------------------------------- info


def info_view(info: dict) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    last = info["last_change"]
    lines = [
        ("Size", f"{info['size_bytes']:,} bytes"),
        ("Schema", f"{info['schema']} ({info['migrations_applied']} of {info['migrations_known']} migrations)"),
        ("Parties", f"{info['parties']}: " + ", ".join(f"{n} {s}" for s, n in info["by_status"].items())),
        ("Change log", f"{info['events']} events"),
        ("Milestones", str(info["milestones"])),
        ("Pledges", str(info["pledges"])),
        ("Last change", f"{last['action']} of {'' if last['entity'] == 'party' else 'a ' + last['entity'] + ' of '}"
                        f"{last['country']} ({last['code']}), recorded {last['recorded_at']}, "
                        f"effective {last['effective_on']}" if last else "none"),
        ("Data snapshot", info["snapshot"] or "unknown"),
        ("Data as of", info["data_as_of"] or "unknown"),
        ("Goal", str(info["goal"])),
    ]  # fmt: skip
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in lines:
        grid.add_row(cell(label), cell(text))
    # The file's path whole on its first line, never split (a reader copies it).
    head = cell(f"{'File':<15}", style="bold")
    head.append_text(cell(info["path"]))
    head.overflow = "ignore"
    return Group(head, grid)
