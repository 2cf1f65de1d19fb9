"""The pledge commands: the ledger of what each party pledged, for which years."""

from datetime import date

import typer

from agreements_cli.cli.common import (
    AS_OF,
    COUNTRY,
    CURRENCY,
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
from agreements_cli.errors import BadInput

group = command_group(
    "pledge", "The pledge ledger: what each party pledged, of what kind, for which years."
)


def complete_kind(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.records import KINDS

    return complete(incomplete, list(KINDS))


KIND_HELP = "military, financial, humanitarian, loan, mixed or unspecified."


@group.command(
    "add",
    epilog="Example: agreements pledge add Germany 11.5bn --currency EUR --year 2026 "
    "--kind military --announced-on 2025-11-14 --source https://babel.ua/en/news/123043",
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
        None, "--years", metavar="Y1-Y2", help="The years it covers, e.g. 2024-2026."
    ),
    per_year: bool = typer.Option(
        False, "--per-year", help="The amount is for each of --years [default: for all of them]."
    ),
    kind: str = typer.Option("unspecified", "--kind", help=KIND_HELP, autocompletion=complete_kind),
    up_to: bool = typer.Option(False, "--up-to", help="Stated as 'up to' the amount."),
    at_least: bool = typer.Option(False, "--at-least", help="Stated as 'at least' the amount."),
    announced_on: str | None = typer.Option(
        None, "--announced-on", metavar="YYYY-MM-DD", help="When it was announced [default: today]."
    ),
    source: str | None = typer.Option(None, "--source", help="URL of the page that states it."),
    note: str | None = NOTE,
) -> None:
    """Record a pledge of a tracked party. Its USD value is computed now, at the ECB rate of
    the announcement date, and stored with the rate and its date."""
    from agreements_cli import countries
    from agreements_cli.rules import build_pledge
    from agreements_cli.wording import conversion_text

    if (year is None) == (years is None):
        raise BadInput("give the years the pledge covers: --year 2026, or --years 2025-2026")
    if per_year and years is None:
        raise BadInput("--per-year goes with --years: the amount is for each of those years")
    if up_to and at_least:
        raise BadInput("--up-to and --at-least contradict each other. Give one")
    today = date.today()
    party = countries.resolve(country)
    pledge = build_pledge(
        party.code,
        amount,
        currency or "USD",
        str(year) if year is not None else years or "",
        today,
        per_year=per_year,
        kind=kind,
        qualifier="up to" if up_to else "at least" if at_least else "exact",
        announced_on=announced_on or today.isoformat(),
        source=source,
        note=note,
    )
    store = state_of(ctx).store()
    if store.parties.get(party.code) is None:
        raise not_tracked(party.name)
    added = store.add_item("pledge", pledge)
    say(f"Added pledge {added['id']} of {party.name} ({party.code}): {conversion_text(added)}.")


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
) -> None:
    """Pledges by announcement date, each with the id 'agreements pledge remove' takes and
    its USD value; with --year, its figure for that year (marked when spread evenly from a
    multi-year amount)."""
    from agreements_cli import countries
    from agreements_cli.records import KINDS, PLEDGE_FIELDS
    from agreements_cli.render import views as render
    from agreements_cli.reports import yearly
    from agreements_cli.rules import parse_date

    code = countries.resolve(country).code if country else None
    wanted_kind = kind.strip().lower() if kind else None
    if wanted_kind and wanted_kind not in KINDS:
        raise BadInput(f"unknown kind {kind!r}. Use one of: {', '.join(KINDS)}")
    day = parse_date(as_of, "--as-of date") if as_of else None
    store = state_of(ctx).store()
    pledges = []
    for pledge in named_items(store, "pledge", code, day):
        figure = yearly(pledge, year) if year else None
        if (wanted_kind and pledge["kind"] != wanted_kind) or (year and figure is None):
            continue
        if year:
            pledge["for_year"] = {"year": year, **(figure or {})}
        pledges.append(pledge)
    if output is OutputFormat.json:
        render.write_json(pledges)
        return
    fields = [*PLEDGE_FIELDS[:2], "country", *PLEDGE_FIELDS[2:]]
    flat = []
    for pledge in pledges:
        figure = pledge.pop("for_year", None) or {}
        flat.append({**pledge, "year": figure.get("year"), "year_amount": figure.get("amount"),
                     "year_value_usd": figure.get("value_usd"), "spread": figure.get("spread")})  # fmt: skip
    if year:
        fields += ["year", "year_amount", "year_value_usd", "spread"]
    noun = "pledge" if len(flat) == 1 else "pledges"
    title = f"{len(flat)} {noun}" + (f" covering {year}" if year else "")
    write_items(output, flat, fields, title,
                lambda items, heading: render.pledges_view(items, heading, year), store, day)  # fmt: skip


@group.command("remove", epilog="Example: agreements pledge remove 3 --yes")
def pledge_remove(
    ctx: typer.Context,
    pledge_id: int = typer.Argument(
        ..., metavar="ID", help="The pledge's id, from 'agreements pledge list'.", min=1
    ),
    yes: bool = YES,
) -> None:
    """Remove a pledge recorded in error. Recorded: 'agreements undo' brings it back."""
    remove_item(ctx, "pledge", pledge_id, yes)
