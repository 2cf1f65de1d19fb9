"""What the agreements say: `terms`, `compare`, `calendar`, `diff`, and the `term` group
that records a term (set) or removes one."""

from __future__ import annotations

import sys

import typer

from agreements_cli.cli import options
from agreements_cli.cli.application import TERMS, WRITES, asker, command_group, registry, tracker_of
from agreements_cli.cli.options import AS_OF, COUNTRY, FORMAT, NOTE, YES, complete_tracked
from agreements_cli.cli.output import OutputFormat, emit, say
from agreements_cli.cli.shown import item_removed_line
from agreements_cli.cli.termsshown import (
    calendar_shown,
    compare_shown,
    diff_shown,
    term_set_line,
    terms_shown,
)
from agreements_cli.errors import BadInput
from agreements_cli.records import MAX_ID
from agreements_cli.vocabulary import FIRMNESS, SOURCE_KINDS, TERM_STATUSES, VOCABULARY

commands = registry()


def complete_term(incomplete: str) -> list[str]:
    return [name for name in VOCABULARY if name.startswith(incomplete.lower())]


TERM_OPTION = typer.Option(
    None,
    "--term",
    "-t",
    metavar="TERM",
    help="Only this term (repeat for more): " + ", ".join(VOCABULARY) + ".",
    autocompletion=complete_term,
)
WHERE = typer.Option(
    None,
    "--where",
    "-w",
    metavar="TERM<OP>VALUE",
    help="Only the parties whose term meets this (repeat: all of them): a value or status "
    "with = or != (nato_accession=ends_on_accession, lethal=non_lethal, legal_form=unknown), "
    "a number with <, <=, >, >= (consultations<=24). A term no row states is unknown.",
)


@commands.command(
    "terms",
    epilog="Example: agreements terms --where consultations<=24",
)
def terms(
    ctx: typer.Context,
    countries: list[str] | None = typer.Argument(
        None,
        metavar="[COUNTRY]...",
        help="Only these parties [default: every party that has signed]; one party is shown "
        "in full, with each term's clause and quote.",
        autocompletion=complete_tracked,
    ),
    term: list[str] | None = TERM_OPTION,
    where: list[str] | None = WHERE,
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """What each agreement says on its key terms: duration, what NATO accession does,
    consultations after a new attack, legal form, money and lethal support.

    Each term is stated, not stated (the text was read and is silent), excluded, or
    unknown (not yet read). The machine formats give a row per party and term, with the
    clause, the quote, the official text and the source read."""
    day = options.day(as_of, "--as-of")
    table = tracker_of(ctx, TERMS).terms(countries or (), term or (), where or (), day)
    emit(terms_shown(table), output, fields)


@commands.command(
    "compare", epilog="Example: agreements compare UK US EU --term nato_accession --term duration"
)
def compare(
    ctx: typer.Context,
    countries: list[str] = typer.Argument(
        ...,
        metavar="COUNTRY COUNTRY [COUNTRY]...",
        help="Two parties or more.",
        autocompletion=complete_tracked,
    ),
    term: list[str] | None = TERM_OPTION,
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """Agreements side by side, term by term, with their words quoted, saying where they
    differ (in status, value, unit or firmness)."""
    day = options.day(as_of, "--as-of")
    emit(compare_shown(tracker_of(ctx, TERMS).compare(countries, term or (), day)), output, fields)


@commands.command(
    "calendar",
    epilog="Example: agreements calendar --from 2026-01-01 --format ics > obligations.ics",
)
def calendar(
    ctx: typer.Context,
    start: str | None = typer.Option(
        None, "--from", metavar="YYYY-MM-DD", help="Only obligations on or after this day."
    ),
    end: str | None = typer.Option(
        None, "--to", metavar="YYYY-MM-DD", help="Only obligations on or before this day."
    ),
    as_of: str | None = AS_OF,
    output: str = typer.Option(
        "table",
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, json, csv, markdown, tsv, ndjson, or ics (an iCalendar file that "
        "calendar applications import).",
    ),
    fields: str | None = options.FIELDS,
) -> None:
    """The dated obligations of the signed agreements: the day each ends (its signing date
    and its stated duration, or earlier on NATO accession where it says so), the last day
    to give notice before that where a text sets one, reviews, the end of each pledge's
    period, and the ratifications still pending (undated). A date no term states is never
    made up: an agreement whose duration is unknown has no end date here."""
    day = options.day(as_of, "--as-of")
    first, last = options.day(start, "--from"), options.day(end, "--to")
    chosen = output.strip().lower()
    if chosen != "ics" and chosen not in {f.value for f in OutputFormat}:
        raise BadInput(
            f"unknown format {output!r}. Use one of: "
            + ", ".join([*(f.value for f in OutputFormat), "ics"])
        )
    found = tracker_of(ctx, TERMS).calendar(first, last, day)
    if chosen == "ics":
        if fields is not None:
            raise BadInput("--fields chooses columns; an ics file has none. Leave it out")
        from agreements_cli.obligations import ics

        sys.stdout.write(ics(found.obligations, found.stamp).decode("utf-8"))  # CRLF as is
        return
    emit(calendar_shown(found), OutputFormat(chosen), fields)


@commands.command(
    "diff", epilog="Example: agreements diff --from 2024-07-15 --to 2025-11-30 --format csv"
)
def diff(
    ctx: typer.Context,
    start: str = typer.Option(
        ..., "--from", metavar="YYYY-MM-DD", help="The first day: the state to compare from."
    ),
    end: str | None = typer.Option(
        None, "--to", metavar="YYYY-MM-DD", help="The last day [default: today]."
    ),
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """What changed between two dates, field by field: parties added, removed or changed
    (status, signing date, ...), stages, milestones, pledges and terms, each with its old
    and new value, as the change log gives the state of each day."""
    first = options.day(start, "--from")
    assert first is not None
    emit(diff_shown(tracker_of(ctx, TERMS).diff(first, options.day(end, "--to"))), output, fields)


group = command_group(
    "term",
    "Record what an agreement says on one term, or remove a term recorded in error.",
    "agreements term set US termination_notice --status stated --value 6 --unit months "
    "--source https://...",
)


@group.command(
    "set",
    epilog="Example: agreements term set Japan lethal --status stated --value non_lethal "
    '--clause "Art. 9" --quote "..." --lang en --source https://www.nippon.com/...',
)
def term_set(
    ctx: typer.Context,
    country: str = COUNTRY,
    term: str = typer.Argument(
        ..., metavar="TERM", help=", ".join(VOCABULARY) + ".", autocompletion=complete_term
    ),
    status: str = typer.Option(..., "--status", help=", ".join(TERM_STATUSES) + "."),
    value: str | None = typer.Option(
        None,
        "--value",
        help="A number (with --unit), one of the term's choices (see 'agreements terms "
        "--help'), or words.",
    ),
    unit: str | None = typer.Option(None, "--unit", help="years, months, days or hours."),
    firmness: str | None = typer.Option(
        None, "--firmness", help="How firm the promise is: " + ", ".join(FIRMNESS) + "."
    ),
    clause: str | None = typer.Option(
        None, "--clause", help="The article or paragraph, as printed (e.g. 'Art. 9', 'Part II')."
    ),
    quote: str | None = typer.Option(None, "--quote", help="A short quote, in its language."),
    lang: str | None = typer.Option(None, "--lang", help="The quote's language: en, uk, de, ..."),
    text_url: str | None = typer.Option(
        None, "--text-url", help="URL of the agreement's official text."
    ),
    source: str | None = typer.Option(None, "--source", help="URL of the source read."),
    source_kind: str | None = typer.Option(
        None, "--source-kind", help="What the source is: " + ", ".join(SOURCE_KINDS) + "."
    ),
    holds_from: str | None = typer.Option(
        None,
        "--from",
        metavar="YYYY-MM-DD",
        help="The day it holds from [default: the signing date]; an amendment's later day "
        "adds the term anew from then.",
    ),
    note: str | None = NOTE,
) -> None:
    """Record a term of a tracked party's agreement, or change the one recorded from the
    same day. Recorded: 'agreements undo' takes it back."""
    done = tracker_of(ctx, TERMS).set_term(
        country,
        term,
        status,
        holds_from,
        value=value,
        unit=unit,
        firmness=firmness,
        clause=clause,
        quote=quote,
        quote_lang=lang,
        text_url=text_url,
        source=source,
        source_kind=source_kind,
        note=note,
    )
    say(term_set_line(done))


@group.command("remove", epilog="Example: agreements term remove 12 --yes")
def term_remove(
    ctx: typer.Context,
    term_id: int = typer.Argument(
        ...,
        metavar="ID",
        help="The term's id, from 'agreements terms COUNTRY --format json'.",
        min=1,
        max=MAX_ID,
    ),
    yes: bool = YES,
) -> None:
    """Remove a term recorded in error. Recorded: 'agreements undo' brings it back."""
    say(item_removed_line(tracker_of(ctx, WRITES).remove_item("term", term_id, asker(yes))))
