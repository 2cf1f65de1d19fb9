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
    confirm,
    data_as_of,
    not_tracked,
    say,
    state_of,
)
from agreements_cli.errors import AgreementsError

milestone_app = command_group(
    "milestone",
    "The dated, sourced steps of an agreement: talks opened, signing called off, ratified, ...",
)


def complete_step(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.model import STEPS

    return complete(incomplete, list(STEPS))


@milestone_app.command(
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
    from agreements_cli.model import build_milestone, milestone_text

    party = countries.resolve(country)
    milestone = build_milestone(party.code, step, on, date.today(), source, note, document)
    store = state_of(ctx).store()
    if store.get(party.code) is None:
        raise not_tracked(party.name)
    added = store.add_milestone(milestone)
    say(f"Added milestone {added['id']} of {party.name} ({party.code}): {milestone_text(added)}.")


@milestone_app.command("list", epilog="Example: agreements milestone list Bulgaria --format json")
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
    from agreements_cli import countries, render
    from agreements_cli.model import MILESTONE_FIELDS, parse_date

    code = countries.resolve(country).code if country else None
    day = parse_date(as_of, "--as-of date") if as_of else None
    store = state_of(ctx).store()
    names = {row["code"]: row["country"] for row in store.parties()}
    milestones = [
        {**m, "country": names.get(m["code"], m["code"])}
        for m in store.milestones(code, day.isoformat() if day else None)
    ]
    fields = [*MILESTONE_FIELDS[:2], "country", *MILESTONE_FIELDS[2:]]
    if output is OutputFormat.json:
        render.write_json(milestones)
    elif output is OutputFormat.csv:
        render.write_csv(milestones, fields)
    elif output is OutputFormat.markdown:
        render.write_markdown(fields, [[m[f] for f in fields] for m in milestones])
    else:
        noun = "milestone" if len(milestones) == 1 else "milestones"
        title = f"{len(milestones)} {noun}, " + render.dated(
            day.isoformat() if day else None, data_as_of(store, day)
        )
        render.print_view(lambda width: render.milestones_view(milestones, title))


@milestone_app.command("remove", epilog="Example: agreements milestone remove 3 --yes")
def milestone_remove(
    ctx: typer.Context,
    milestone_id: int = typer.Argument(
        ..., metavar="ID", help="The milestone's id, from 'agreements milestone list'.", min=1
    ),
    yes: bool = YES,
) -> None:
    """Remove a milestone recorded in error. Recorded: 'agreements undo' brings it back."""
    from agreements_cli.model import milestone_text

    store = state_of(ctx).store()
    found = [m for m in store.milestones() if m["id"] == milestone_id]
    if not found:
        raise AgreementsError(
            f"there is no milestone {milestone_id}. See: agreements milestone list"
        )
    party = store.get(found[0]["code"])
    who = f"{party['country'] if party else found[0]['code']} ({found[0]['code']})"
    confirm(f"Remove milestone {milestone_id} of {who}: {milestone_text(found[0])}?", yes)
    removed = store.remove_milestone(milestone_id)
    say(
        f"Removed milestone {milestone_id} of {who}: {milestone_text(removed)}. "
        "Undo with: agreements undo"
    )
