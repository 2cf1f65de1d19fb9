"""The pledge commands: the ledger of what each party pledged, for which years."""

from __future__ import annotations

import typer

from agreements_cli.cli import options
from agreements_cli.cli.application import FILES, READS, WRITES, asker, command_group, tracker_of
from agreements_cli.cli.options import (
    AS_OF,
    COUNTRY,
    CURRENCY,
    FORMAT,
    INSTRUMENT_HELP,
    KIND_HELP,
    NOTE,
    TIE_HELP,
    YES,
    complete_instrument,
    complete_kind,
    complete_tie,
    complete_tracked,
)
from agreements_cli.cli.output import OutputFormat, emit, say, ticking
from agreements_cli.cli.shown import (
    item_added_line,
    item_removed_line,
    pledges_imported_lines,
    pledges_shown,
)
from agreements_cli.errors import BadInput
from agreements_cli.records import DEFAULT_KIND, EXACT, MAX_ID
from agreements_cli.results import PledgeFields

group = command_group(
    "pledge",
    "The pledge ledger: what each party pledged, of what kind, for which years.",
    "agreements pledge list --year 2026",
)


@group.command(
    "add",
    epilog="Example: agreements pledge add Germany 11.5bn --currency EUR --year 2026 "
    "--kind military --instrument grant --tie later --announced-on 2025-11-14 "
    "--source https://babel.ua/en/news/123043",
)
def pledge_add(
    ctx: typer.Context,
    country: str = COUNTRY,
    amount: str = typer.Argument(
        ..., metavar="AMOUNT", help="As stated: 2500000000, 2.5e9, 2.5bn or 7.1 billion."
    ),
    currency: str | None = CURRENCY,
    year: int | None = typer.Option(None, "--year", metavar="YEAR", help="The one year it covers."),
    years: str | None = typer.Option(
        None,
        "--years",
        metavar="Y1-Y2",
        help="The years it covers, e.g. 2024-2026, or the months of a financial year, e.g. "
        "2024-04..2025-03.",
    ),
    per_year: bool = typer.Option(
        False, "--per-year", help="The amount is for each of --years [default: for all of them]."
    ),
    kind: str = typer.Option(DEFAULT_KIND, "--kind", help=KIND_HELP, autocompletion=complete_kind),
    instrument: str | None = typer.Option(
        None, "--instrument", help=INSTRUMENT_HELP, autocompletion=complete_instrument
    ),
    tie: str | None = typer.Option(None, "--tie", help=TIE_HELP, autocompletion=complete_tie),
    replaces: int | None = typer.Option(
        None,
        "--replaces",
        metavar="ID",
        min=1,
        max=MAX_ID,
        help="The id of an earlier pledge of the party this statement replaces for the "
        "months both cover: it stays in the ledger, and no total counts both.",
    ),
    up_to: bool = typer.Option(False, "--up-to", help="Stated as 'up to' the amount."),
    at_least: bool = typer.Option(False, "--at-least", help="Stated as 'at least' the amount."),
    announced_on: str | None = typer.Option(
        None, "--announced-on", metavar="YYYY-MM-DD", help="When it was announced [default: today]."
    ),
    source: str | None = typer.Option(None, "--source", help="URL of the page that states it."),
    note: str | None = NOTE,
) -> None:
    """Record a pledge of a tracked party: what it is for (kind), how it is given
    (instrument) and tied. Its USD and EUR values are computed now, at the ECB rates of the
    announcement date, and stored with the rates and their date."""
    if (year is None) == (years is None):
        raise BadInput("give the years the pledge covers: --year 2026, or --years 2025-2026")
    if per_year and years is None:
        raise BadInput("--per-year goes with --years: the amount is for each of those years")
    if up_to and at_least:
        raise BadInput("--up-to and --at-least contradict each other. Give one")
    qualifier = "up to" if up_to else "at least" if at_least else EXACT
    given = PledgeFields(
        amount,
        "USD" if currency is None else currency,
        str(year) if year is not None else years or "",
        per_year,
        kind,
        qualifier,
        announced_on,
        source,
        note,
        instrument,
        tie,
        replaces,
    )
    say(item_added_line(tracker_of(ctx, WRITES).add_pledge(country, given)))


@group.command("list", epilog="Example: agreements pledge list --year 2026 --format json")
def pledge_list(
    ctx: typer.Context,
    country: str | None = typer.Argument(
        None,
        metavar="[COUNTRY]",
        help="Only this party's pledges.",
        autocompletion=complete_tracked,
    ),
    year: int | None = typer.Option(
        None, "--year", metavar="YEAR", help="Only pledges covering YEAR, with their figure for it."
    ),
    kind: str | None = typer.Option(
        None, "--kind", help="Only pledges of this kind.", autocompletion=complete_kind
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """Pledges by announcement date, each with the id 'agreements pledge remove' takes and
    its USD value; with --year, its figure for that year (marked when spread evenly from a
    multi-year amount)."""
    day = options.day(as_of, "--as-of")
    emit(pledges_shown(tracker_of(ctx, READS).pledges(country, year, kind, day)), output, fields)


@group.command("remove", epilog="Example: agreements pledge remove 3 --yes")
def pledge_remove(
    ctx: typer.Context,
    pledge_id: int = typer.Argument(
        ..., metavar="ID", help="The pledge's id, from 'agreements pledge list'.", min=1, max=MAX_ID
    ),
    yes: bool = YES,
) -> None:
    """Remove a pledge recorded in error. Recorded: 'agreements undo' brings it back."""
    say(item_removed_line(tracker_of(ctx, WRITES).remove_item("pledge", pledge_id, asker(yes))))


@group.command(
    "import",
    epilog="Example: agreements pledge import ukraine-support-tracker.xlsx --map kiel --dry-run",
)
def pledge_import(
    ctx: typer.Context,
    file: str = typer.Argument(
        ...,
        metavar="FILE",
        help="A table of pledges, one a row (CSV or .xlsx), a web address of one, or - for "
        "standard input.",
    ),
    maps: list[str] | None = typer.Option(
        None,
        "--map",
        metavar="kiel|COLUMN=FIELD,...",
        help="Which column holds each field: kiel (the Kiel Institute's Ukraine Support "
        "Tracker, either layout: its commitments as pledges, its allocations and deliveries as "
        "figures of what was done, its main data sheet found by its columns), or pairs such as 'Donor=country,Date=announced_on' [default: columns named "
        "as the fields: country, announced_on, amount, currency, years, per_year, kind, "
        "instrument, tie, qualifier, source, note, usd_rate_date].",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    encoding: str | None = options.ENCODING,
    sheet: str | None = options.SHEET,
) -> None:
    """Add the pledges of a table in the shape other trackers publish (a row a pledge) that
    the ledger lacks, in one transaction. A row matches a pledge of the same party, day,
    amount and currency, which is left as it is: importing the same table twice changes
    nothing. A row without years is for the year of its announcement; an amount, currency
    or date left empty or written '.' is unknown, and the row is skipped, never taken as 0."""

    with ticking() as tick:
        imported = tracker_of(ctx, FILES).import_pledges(
            file, maps or [], dry_run, encoding, sheet, tick
        )
    for line in pledges_imported_lines(imported, file):
        say(line)
