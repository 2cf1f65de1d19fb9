"""Commands on the tracked parties: list, add, update, remove, undo, show, history."""

from __future__ import annotations

import shlex
from typing import Any

import typer

from agreements_cli.cli import options
from agreements_cli.cli.application import READS, WRITES, asker, registry, tracker_of
from agreements_cli.cli.options import (
    AMOUNT,
    AS_OF,
    COUNT_REASON,
    COUNT_SOURCE,
    COUNTED,
    COUNTRY,
    CURRENCY,
    FORMAT,
    NEW_COUNTRY,
    NOTE,
    ON,
    PERIOD,
    PLACE,
    SIGNED_ON,
    SOURCE,
    STATUS_HELP,
    VIEW_FORMAT,
    YES,
    SortField,
    complete_status,
    complete_tracked,
)
from agreements_cli.cli.output import OutputFormat, ViewFormat, emit, say
from agreements_cli.cli.shown import (
    added_line,
    history_shown,
    list_shown,
    party_shown,
    updated_line,
)
from agreements_cli.errors import BadInput
from agreements_cli.records import EARLIEST_YEAR, LATEST_YEAR, MAX_ID
from agreements_cli.results import PartyFields

commands = registry()


@commands.command(
    "list", epilog="Example: agreements list --year 2026 --sort value_usd --format json"
)
def list_parties(
    ctx: typer.Context,
    status: list[str] | None = typer.Option(
        None,
        "--status",
        "-s",
        help="Only parties with this status (repeatable).",
        autocompletion=complete_status,
    ),
    sort: SortField = typer.Option(
        SortField("signed_on"), "--sort", help="Order of the rows.", case_sensitive=False
    ),
    year: int | None = typer.Option(
        None,
        "--year",
        metavar="YEAR",
        min=EARLIEST_YEAR,
        max=LATEST_YEAR,
        help="The year whose money each row shows: grants with the agreement, other grants, "
        "loans and guarantees apart [default: the year progress leads with].",
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """Every tracked party, one row each, by signing date, with its stage (latest milestone)."""
    day = options.day(as_of, "--as-of")
    emit(
        list_shown(tracker_of(ctx, READS).list_parties(status or [], sort.value, day, year)),
        output,
        fields,
    )


@commands.command("add", epilog="Example: agreements add Czechia --status negotiating")
def add(
    ctx: typer.Context,
    country: str = NEW_COUNTRY,
    status: str = typer.Option(
        ..., "--status", "-s", help=STATUS_HELP, autocompletion=complete_status
    ),
    signed_on: str | None = SIGNED_ON,
    place: str | None = PLACE,
    amount: str | None = AMOUNT,
    currency: str | None = CURRENCY,
    period: str | None = PERIOD,
    source: str | None = SOURCE,
    note: str | None = NOTE,
    counted: bool | None = COUNTED,
    count_reason: str | None = COUNT_REASON,
    count_source: str | None = COUNT_SOURCE,
    on: str | None = ON,
) -> None:
    """Start tracking a party. One already tracked is changed with 'agreements update'.
    --amount records its first pledge; more go in with 'agreements pledge add'."""
    fields = PartyFields(
        status,
        signed_on,
        place,
        amount,
        currency,
        period,
        source,
        note,
        counted,
        count_reason,
        count_source,
    )
    say(added_line(tracker_of(ctx, WRITES).add(country, fields, options.day(on, "--on"))))


@commands.command(
    "update", epilog="Example: agreements update Czechia --status signed --signed-on 2024-07-18"
)
def update(
    ctx: typer.Context,
    country: str = COUNTRY,
    status: str | None = typer.Option(
        None, "--status", "-s", help=STATUS_HELP, autocompletion=complete_status
    ),
    signed_on: str | None = SIGNED_ON,
    place: str | None = PLACE,
    amount: str | None = AMOUNT,
    currency: str | None = CURRENCY,
    period: str | None = PERIOD,
    source: str | None = SOURCE,
    note: str | None = NOTE,
    counted: bool | None = COUNTED,
    count_reason: str | None = COUNT_REASON,
    count_source: str | None = COUNT_SOURCE,
    per_year: bool | None = typer.Option(
        None,
        "--per-year/--for-all-years",
        help="Whether the pledge's amount is for each of its years or for all of them "
        "[default: as it was; a pledge of one year given more is for all of them].",
        show_default=False,
    ),
    clear: list[str] | None = typer.Option(
        None,
        "--clear",
        metavar="FIELD",
        help="Empty a field: signed_on, place, amount (the whole pledge), period, source, note, "
        "count_source.",
    ),
    on: str | None = ON,
) -> None:
    """Change a tracked party; the change is recorded with the date it took effect.
    --amount, --currency and --period change its one pledge; a party with more than one
    has them changed with 'agreements pledge add' and 'agreements pledge remove'."""
    fields = PartyFields(
        status,
        signed_on,
        place,
        amount,
        currency,
        period,
        source,
        note,
        counted,
        count_reason,
        count_source,
        per_year=per_year,
    )
    fields, day = _update_request(fields, clear or [], country, on)
    say(updated_line(tracker_of(ctx, WRITES).update(country, fields, day)))


def _update_request(
    fields: PartyFields, clear: list[str], country: str, on: str | None
) -> tuple[PartyFields, Any]:
    """The update as asked: the country, status and --on date checked in that order, the
    fields --clear names checked against what else was given. Returns the fields with
    those to empty, and the --on date."""
    from agreements_cli.countries import resolve
    from agreements_cli.rules import parse_cleared, parse_status

    name = resolve(country).name  # an unknown country is named first
    if fields.status:
        parse_status(fields.status)
    day = options.day(on, "--on")
    cleared = parse_cleared(clear)
    both = sorted(cleared & set(fields.given()))
    if both:
        raise BadInput(
            f"--{both[0].replace('_', '-')} and --clear {both[0]} contradict each other. Give one"
        )
    if not (
        fields.status
        or fields.counted is not None
        or fields.per_year is not None
        or cleared
        or fields.given()
    ):
        raise BadInput(
            f"nothing to change. Give at least one option, e.g. agreements update "
            f"{shlex.quote(name)} --status signed"
        )
    return fields._replace(cleared=cleared), day


@commands.command("remove", epilog="Example: agreements remove Czechia --yes")
def remove(
    ctx: typer.Context,
    country: str = COUNTRY,
    yes: bool = YES,
    on: str | None = typer.Option(
        None, "--on", metavar="YYYY-MM-DD", help="Date the removal took effect [default: today]."
    ),
) -> None:
    """Stop tracking a party. The removal is recorded: 'agreements undo' brings it back."""
    day = options.day(on, "--on")
    removed = tracker_of(ctx, WRITES).remove(country, day, asker(yes)).party
    say(f"Removed {removed.country} ({removed.code}). Undo with: agreements undo")


@commands.command("undo", epilog="Example: agreements undo --yes")
def undo(ctx: typer.Context, yes: bool = YES) -> None:
    """Revert the most recent change (an add, update, remove or import); the undo is recorded too."""
    from agreements_cli.wording import batch_text

    undone = tracker_of(ctx, WRITES).undo(asker(yes))
    say(f"Reverted the {batch_text(undone.what)}.")


@commands.command("show", epilog="Example: agreements show Czechia --format json")
def show(
    ctx: typer.Context,
    country: str = COUNTRY,
    as_of: str | None = AS_OF,
    output: ViewFormat = VIEW_FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """One party in full: every field, its pledges (with the conversion rate and its date),
    its milestones and its history."""
    day = options.day(as_of, "--as-of")
    emit(party_shown(tracker_of(ctx, READS).show(country, day)), output, fields)


@commands.command("history", epilog="Example: agreements history Czechia --format json")
def history(
    ctx: typer.Context,
    country: str | None = typer.Argument(
        None,
        metavar="[COUNTRY]",
        help="Only this party's changes.",
        autocompletion=complete_tracked,
    ),
    since: str | None = typer.Option(
        None,
        "--since",
        metavar="YYYY-MM-DD",
        help="Only changes recorded on or after this day (UTC).",
    ),
    limit: int | None = typer.Option(
        None, "--limit", metavar="N", min=1, max=MAX_ID, help="Only the newest N changes."
    ),
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """The change log, newest first: what changed, when it took effect, when it was recorded."""
    day = options.day(since, "--since")
    emit(history_shown(tracker_of(ctx, READS).history(country, day, limit)), output, fields)
