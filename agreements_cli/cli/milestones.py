"""The milestone commands: the dated, sourced steps of an agreement."""

from __future__ import annotations

import typer

from agreements_cli.cli import options
from agreements_cli.cli.application import READS, WRITES, asker, command_group, tracker_of
from agreements_cli.cli.options import (
    AS_OF,
    COUNTRY,
    FORMAT,
    NOTE,
    YES,
    complete_step,
    complete_tracked,
)
from agreements_cli.cli.output import OutputFormat, emit, say
from agreements_cli.cli.shown import item_added_line, item_removed_line, milestones_shown
from agreements_cli.records import MAX_ID

group = command_group(
    "milestone",
    "The dated, sourced steps of an agreement: talks opened, signing called off, ratified, ...",
    "agreements milestone list Bulgaria",
)


@group.command(
    "add",
    epilog='Example: agreements milestone add Bulgaria "signing called off" --on 2024-12-19 '
    "--source https://bntnews.bg/...",
)
def milestone_add(
    ctx: typer.Context,
    country: str = COUNTRY,
    step: str = typer.Argument(
        ...,
        metavar="STEP",
        help="What happened: talks opened, text approved, signing scheduled, signing postponed, "
        "signing called off, signed, ratified by Ukraine, ratified by the partner, in force, "
        "or your own words.",
        autocompletion=complete_step,
    ),
    on: str = typer.Option(..., "--on", metavar="YYYY-MM-DD", help="The day it happened."),
    source: str = typer.Option(..., "--source", help="URL of the page that reports it."),
    note: str | None = NOTE,
    document: str | None = typer.Option(
        None,
        "--document",
        help="A related document the step is about (e.g. 100-Year Partnership), not the "
        "security agreement itself.",
    ),
) -> None:
    """Record a dated, sourced step of a tracked party's agreement. The latest is its stage."""
    added = tracker_of(ctx, WRITES).add_milestone(country, step, on, source, note, document)
    say(item_added_line(added))


@group.command("list", epilog="Example: agreements milestone list Bulgaria --format json")
def milestone_list(
    ctx: typer.Context,
    country: str | None = typer.Argument(
        None,
        metavar="[COUNTRY]",
        help="Only this party's milestones.",
        autocompletion=complete_tracked,
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """Milestones by date, oldest first, with the id that 'agreements milestone remove' takes."""
    day = options.day(as_of, "--as-of")
    emit(milestones_shown(tracker_of(ctx, READS).milestones(country, day)), output, fields)


@group.command("remove", epilog="Example: agreements milestone remove 3 --yes")
def milestone_remove(
    ctx: typer.Context,
    milestone_id: int = typer.Argument(
        ...,
        metavar="ID",
        help="The milestone's id, from 'agreements milestone list'.",
        min=1,
        max=MAX_ID,
    ),
    yes: bool = YES,
) -> None:
    """Remove a milestone recorded in error. Recorded: 'agreements undo' brings it back."""
    say(
        item_removed_line(
            tracker_of(ctx, WRITES).remove_item("milestone", milestone_id, asker(yes))
        )
    )
