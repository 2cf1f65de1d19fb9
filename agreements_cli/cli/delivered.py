"""What was done against the pledges: the `delivery` group, the ledger of reported figures
(add, list, remove), and `delivered`, the report of promised against done."""

from __future__ import annotations

import typer

from agreements_cli.cli import options
from agreements_cli.cli.application import (
    DELIVERIES,
    WRITES,
    asker,
    command_group,
    registry,
    tracker_of,
)
from agreements_cli.cli.deliveredshown import delivered_shown, deliveries_shown
from agreements_cli.cli.options import (
    AS_OF,
    COUNTRY,
    CURRENCY,
    FORMAT,
    INSTRUMENT_HELP,
    NOTE,
    YES,
    complete_instrument,
    complete_kind,
    complete_tracked,
    completing,
)
from agreements_cli.cli.output import OutputFormat, emit, say
from agreements_cli.cli.shown import item_added_line, item_removed_line
from agreements_cli.deliveries import CHANNELS, MEASURES, REPORTERS
from agreements_cli.errors import BadInput
from agreements_cli.records import MAX_ID
from agreements_cli.results import DeliveryFields

commands = registry()


YEAR = typer.Option(None, "--year", metavar="YEAR", help="Only this year.")


@commands.command(
    "delivered",
    epilog="Example: agreements delivered --year 2024 Belgium 'United Kingdom' France",
)
def delivered(
    ctx: typer.Context,
    countries: list[str] | None = typer.Argument(
        None,
        metavar="[COUNTRY]...",
        help="Only these parties [default: every one with a pledge or a figure].",
        autocompletion=complete_tracked,
    ),
    year: int | None = YEAR,
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """Promised against done, party by party and year by year: what was pledged for the
    year, then each measure of what was done (allocated, disbursed, delivered, ...) as
    each reporter gives it, its share of the pledge, and a state (exceeded, met, partly,
    not yet due, no figure). A running total, or a figure of several years, is shown
    apart, never in a year; two reporters' figures are never added, and stand side by
    side, marked disputed."""
    day = options.day(as_of, "--as-of")
    emit(
        delivered_shown(tracker_of(ctx, DELIVERIES).delivered(countries or [], year, day)),
        output,
        fields,
    )


group = command_group(
    "delivery",
    "The ledger of what was done: figures reported as allocated, contracted, disbursed, "
    "delivered, provided or received, each with who reports it and its source.",
    "agreements delivery list Belgium",
)


@group.command(
    "add",
    epilog="Example: agreements delivery add EU 3.2bn --currency EUR --measure disbursed "
    "--period 2026-06-25 --stated-on 2026-06-25 --reporter donor --channel eu --instrument "
    "loan --pledge 43 --source https://themonexus.com/articles/2026-06-25-eu-ukraine-3-2bn",
)
def delivery_add(
    ctx: typer.Context,
    country: str = COUNTRY,
    amount: str = typer.Argument(
        ..., metavar="AMOUNT", help="As stated: 3200000000, 3.2e9, 3.2bn or 3.2 billion."
    ),
    currency: str | None = CURRENCY,
    measure: str = typer.Option(
        ...,
        "--measure",
        "-m",
        help="What the figure measures: " + ", ".join(MEASURES) + " (the source's word when "
        "it does not say which: provided).",
        autocompletion=completing(MEASURES),
    ),
    period: str = typer.Option(
        ...,
        "--period",
        metavar="FROM..TO",
        help="The days it covers, each a day, month or year: 2024-11..2024-12, "
        "2022-02-24..2024-09-20, 2023.",
    ),
    cumulative: bool = typer.Option(
        False,
        "--cumulative",
        help="A running total over the period ('since February 2022'): never put into a year.",
    ),
    reporter: str = typer.Option(
        ...,
        "--reporter",
        "-r",
        help="Who reports it: donor, recipient (Ukraine) or tracker (the Kiel Institute).",
        autocompletion=completing(REPORTERS),
    ),
    stated_on: str | None = typer.Option(
        None, "--stated-on", metavar="YYYY-MM-DD", help="When it was stated [default: today]."
    ),
    channel: str | None = typer.Option(
        None,
        "--channel",
        help="How it went: " + ", ".join(CHANNELS) + " [default: bilateral].",
        autocompletion=completing(CHANNELS),
    ),
    kind: str | None = typer.Option(
        None, "--kind", help="What it was for [default: not stated].", autocompletion=complete_kind
    ),
    instrument: str | None = typer.Option(
        None, "--instrument", help=INSTRUMENT_HELP, autocompletion=complete_instrument
    ),
    pledge: int | None = typer.Option(
        None,
        "--pledge",
        metavar="ID",
        min=1,
        max=MAX_ID,
        help="The id of the party's pledge it answers, where its source ties it.",
    ),
    about: bool = typer.Option(False, "--about", help="Stated as about the amount."),
    at_least: bool = typer.Option(False, "--at-least", help="Stated as at least the amount."),
    up_to: bool = typer.Option(False, "--up-to", help="Stated as up to the amount."),
    source: str | None = typer.Option(None, "--source", help="URL of the page that states it."),
    note: str | None = NOTE,
) -> None:
    """Record a figure of what a tracked party did. Its USD and EUR values are computed
    now, at the ECB rates of the day it was stated. A figure from another reporter for
    the same period is kept beside it, never in its place."""
    if about + at_least + up_to > 1:
        raise BadInput("--about, --at-least and --up-to contradict each other. Give one")
    qualifier = "about" if about else "at least" if at_least else "up to" if up_to else "exact"
    given = DeliveryFields(
        amount,
        "USD" if currency is None else currency,
        measure,
        period,
        reporter,
        stated_on,
        cumulative,
        channel,
        qualifier,
        kind,
        instrument,
        pledge,
        source,
        note,
    )
    say(item_added_line(tracker_of(ctx, DELIVERIES).add_delivery(country, given)))


@group.command("list", epilog="Example: agreements delivery list --measure disbursed")
def delivery_list(
    ctx: typer.Context,
    country: str | None = typer.Argument(
        None,
        metavar="[COUNTRY]",
        help="Only this party's figures.",
        autocompletion=complete_tracked,
    ),
    year: int | None = typer.Option(
        None, "--year", metavar="YEAR", help="Only the figures of that one year."
    ),
    measure: str | None = typer.Option(
        None, "--measure", "-m", help="Only this measure.", autocompletion=completing(MEASURES)
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """Figures of what was done, by the day they were stated, each with the id 'agreements
    delivery remove' takes."""
    day = options.day(as_of, "--as-of")
    emit(
        deliveries_shown(tracker_of(ctx, DELIVERIES).deliveries(country, year, measure, day)),
        output,
        fields,
    )


@group.command("remove", epilog="Example: agreements delivery remove 3 --yes")
def delivery_remove(
    ctx: typer.Context,
    figure_id: int = typer.Argument(
        ...,
        metavar="ID",
        help="The figure's id, from 'agreements delivery list'.",
        min=1,
        max=MAX_ID,
    ),
    yes: bool = YES,
) -> None:
    """Remove a figure recorded in error. Recorded: 'agreements undo' brings it back."""
    say(item_removed_line(tracker_of(ctx, WRITES).remove_item("delivery", figure_id, asker(yes))))
