"""The milestone commands: the dated, sourced steps of an agreement."""

from datetime import date

import typer

from agreements_cli.cli.common import (
    AS_OF,
    COUNTRY,
    FORMAT,
    NOTE,
    YES,
    OutputFormat,
    command_group,
    complete_tracked,
    named_items,
    not_tracked,
    remove_item,
    say,
    state_of,
    write_items,
)

group = command_group(
    "milestone",
    "The dated, sourced steps of an agreement: talks opened, signing called off, ratified, ...",
)


def complete_step(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.rules import STEPS

    return complete(incomplete, list(STEPS))


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
    from agreements_cli import countries
    from agreements_cli.rules import build_milestone
    from agreements_cli.wording import milestone_text

    party = countries.resolve(country)
    milestone = build_milestone(party.code, step, on, date.today(), source, note, document)
    store = state_of(ctx).store()
    if store.parties.get(party.code) is None:
        raise not_tracked(party.name)
    added = store.add_item("milestone", milestone)
    say(f"Added milestone {added['id']} of {party.name} ({party.code}): {milestone_text(added)}.")


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
) -> None:
    """Milestones by date, oldest first, with the id that 'agreements milestone remove' takes."""
    from agreements_cli import countries
    from agreements_cli.records import MILESTONE_FIELDS
    from agreements_cli.render import views as render
    from agreements_cli.rules import parse_date

    code = countries.resolve(country).code if country else None
    day = parse_date(as_of, "--as-of date") if as_of else None
    store = state_of(ctx).store()
    milestones = named_items(store, "milestone", code, day)
    fields = [*MILESTONE_FIELDS[:2], "country", *MILESTONE_FIELDS[2:]]
    noun = "milestone" if len(milestones) == 1 else "milestones"
    write_items(output, milestones, fields, f"{len(milestones)} {noun}",
                render.milestones_view, store, day)  # fmt: skip


@group.command("remove", epilog="Example: agreements milestone remove 3 --yes")
def milestone_remove(
    ctx: typer.Context,
    milestone_id: int = typer.Argument(
        ..., metavar="ID", help="The milestone's id, from 'agreements milestone list'.", min=1
    ),
    yes: bool = YES,
) -> None:
    """Remove a milestone recorded in error. Recorded: 'agreements undo' brings it back."""
    remove_item(ctx, "milestone", milestone_id, yes)
