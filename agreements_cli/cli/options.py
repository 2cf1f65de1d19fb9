"""Options and arguments the commands share, one definition each so that their help
cannot drift apart; shell completion of their values; and the parsing of option values
that the library takes typed (dates)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from datetime import date
from enum import Enum
from pathlib import Path

import typer

from agreements_cli.cli.output import OutputFormat, ViewFormat
from agreements_cli.errors import BadInput
from agreements_cli.records import INSTRUMENTS, KINDS, SORTS, STATUSES, TIES

# The orders of `list`, as Typer offers and completes them (the vocabulary is the library's).
SortField = Enum("SortField", {name: name for name in SORTS}, type=str)  # type: ignore[misc]


def day(text: str | None, option: str) -> date | None:
    """The date an option gives (None: not given), named by its option when it is none."""
    from agreements_cli.rules import parse_date

    return parse_date(text, f"{option} date") if text else None


# Shell completion. These run on every Tab, so they read the database read-only with
# sqlite3 and import nothing heavy; only 'add' needs the full list of ISO names.


def _completion_db(ctx: typer.Context) -> Path | None:
    """The database completion reads (None: the path names none, as --db would refuse)."""
    from agreements_cli.store.files import chosen

    given = ctx.find_root().params.get("db")
    try:
        return chosen(given if given is not None else os.environ.get("AGREEMENTS_DB")).path
    except BadInput:
        return None


# Characters a name may have and still be offered to a shell: letters and digits of any
# script, and these. Of them, a space, an apostrophe, parentheses and an ampersand mean
# something to a shell: bash gets them escaped; zsh (whose completion Typer writes inside
# quotes it cannot nest) is offered only names without apostrophes or parentheses. A name
# with any other character ($, `, ;, |, quotes, glob characters, ...) is not offered.
_OFFERED = re.compile(r"(?:[^\W_]|[ .,'()&_-])+")
_BASH_ESCAPED = re.compile(r"([ '()&])")
_NOT_FOR_ZSH = re.compile(r"['()]")


def for_the_shell(words: list[str]) -> list[str]:
    """``words`` as the shell that asked for completions can take them: each one word of
    its command line when inserted, and never shell syntax."""
    shell = os.environ.get("_AGREEMENTS_COMPLETE", "").removeprefix("complete_")
    offered = [word for word in words if _OFFERED.fullmatch(word)]
    if shell == "bash":  # bash inserts a candidate as it is
        return [_BASH_ESCAPED.sub(r"\\\1", word) for word in offered]
    if shell == "zsh":  # zsh escapes what it inserts itself
        return [word for word in offered if not _NOT_FOR_ZSH.search(word)]
    return offered  # fish escapes what it inserts; PowerShell quotes it


def complete_tracked(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tracked parties, by name or by code."""
    from agreements_cli.countries import complete
    from agreements_cli.store.files import tracked_names

    path = _completion_db(ctx)
    tracked = tracked_names(path) if path is not None else []
    if len(incomplete) <= 2 and incomplete.isalpha() and incomplete.isupper():
        return for_the_shell(complete(incomplete, [code for code, _ in tracked]))
    return for_the_shell(complete(incomplete, [name for _, name in tracked]))


def complete_any_country(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete, completion_names

    return for_the_shell(complete(incomplete, completion_names()))


def complete_currency(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.money import ecb_currencies

    return for_the_shell(complete(incomplete, sorted(ecb_currencies() | {"USD"})))


def completing(words: Iterable[str]) -> Callable[[str], list[str]]:
    """The completion of a word among ``words``, as the other options complete theirs."""
    offered = list(words)

    def complete_word(incomplete: str) -> list[str]:
        from agreements_cli.countries import complete

        return for_the_shell(complete(incomplete, offered))

    return complete_word


complete_status = completing(STATUSES)
complete_instrument = completing(INSTRUMENTS)
complete_tie = completing(TIES)
complete_kind = completing(KINDS)


def complete_step(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.rules import STEPS

    return for_the_shell(complete(incomplete, list(STEPS)))


FORMAT = typer.Option(
    OutputFormat.table,
    "--format",
    "-f",
    help="Output format: table, json, csv, markdown, tsv or ndjson (a JSON record a line).",
    case_sensitive=False,
)
FIELDS = typer.Option(
    None,
    "--fields",
    metavar="F1,F2,...",
    help="Only these fields, in this order, in json, ndjson, csv, tsv and markdown.",
)
VIEW_FORMAT = typer.Option(
    ViewFormat.table,
    "--format",
    "-f",
    help="Output format: table, json or ndjson (on one line).",
    case_sensitive=False,
)
AS_OF = typer.Option(
    None,
    "--as-of",
    metavar="YYYY-MM-DD",
    help="Show what the tracker showed on this date, from the change log.",
)
YES = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation on a terminal.")

COUNTRY_HELP = "Country name, alias or ISO code (EU for the European Union)."
COUNTRY = typer.Argument(..., metavar="COUNTRY", help=COUNTRY_HELP, autocompletion=complete_tracked)
NEW_COUNTRY = typer.Argument(
    ..., metavar="COUNTRY", help=COUNTRY_HELP, autocompletion=complete_any_country
)
STATUS_HELP = "signed, negotiating or planned."
SIGNED_ON = typer.Option(
    None,
    "--signed-on",
    metavar="YYYY-MM-DD",
    help="Signing date (status signed only; default today).",
)
PLACE = typer.Option(None, "--place", help="Where it was signed.")
AMOUNT = typer.Option(
    None, "--amount", help="Pledge as stated: 2500000000, 2.5e9, 2.5bn or 7.1 billion."
)
CURRENCY = typer.Option(
    None,
    "--currency",
    help="ISO 4217 code of the amount [default: USD].",
    autocompletion=complete_currency,
)
PERIOD = typer.Option(None, "--period", help="Years the pledge covers: 2024 or 2024-2026.")
SOURCE = typer.Option(None, "--source", help="URL of the page the facts come from.")
NOTE = typer.Option(None, "--note", help="Free text, e.g. what the figure includes.")
COUNTED = typer.Option(
    None,
    "--counted/--not-counted",
    help="Whether the party is in Ukraine's official count toward the goal [default: counted].",
    show_default=False,
)
COUNT_REASON = typer.Option(
    None, "--count-reason", help="Why the party is outside the official count (with --not-counted)."
)
COUNT_SOURCE = typer.Option(None, "--count-source", help="URL of the page that gives that reason.")
ON_HELP = "Date the change took effect [default: the signing date for a signature, else today]."
ON = typer.Option(None, "--on", metavar="YYYY-MM-DD", help=ON_HELP)
KIND_HELP = "What it is for: military, financial, humanitarian, mixed or unspecified."
INSTRUMENT_HELP = "How it is given: grant, loan or guarantee [default: not stated]."
TIE_HELP = (
    "agreement: stated in or with the agreement; later: a later figure its source does not "
    "tie to the agreement [default: not known]."
)


def pictures(database: Path, **files: str | None) -> list[tuple[str, Path, str]]:
    """(name, path, kind) of each file asked for by kind (svg=..., html=...), refused
    before anything is read if it is the database."""
    from agreements_cli.formats import outfile

    return [
        (name, outfile.guard(name, database, f"--{kind}"), kind)
        for kind, name in files.items()
        if name is not None
    ]


ENCODING = typer.Option(
    None,
    "--encoding",
    metavar="NAME",
    help="The encoding of a CSV file that is not UTF-8, e.g. cp1252 (Excel on Windows) or latin-1.",
)
SHEET = typer.Option(
    None, "--sheet", metavar="NAME", help="The sheet of an .xlsx workbook [default: the first]."
)
