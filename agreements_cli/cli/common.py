"""What every command shares: the error boundary, the global options, the database of the
run, option definitions and the helpers that word common errors."""

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from agreements_cli import __version__
from agreements_cli.errors import AgreementsError, BadInput

EXAMPLES = "Examples:\n\n  agreements list --status signed\n\n  agreements add Czechia --status negotiating\n\n  agreements progress"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ViewFormat(str, Enum):
    """Formats of the commands that show one thing in full (show, db info)."""

    table = "table"
    json = "json"


class SortField(str, Enum):
    signed_on = "signed_on"
    country = "country"
    code = "code"
    status = "status"
    value_usd = "value_usd"


def _fail(message: str, code: int) -> None:
    from agreements_cli.safety import visible

    try:
        sys.stderr.write("Error: " + visible(" ".join(message.split())) + "\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # no standard error to say it on
        pass
    sys.exit(code)


class OutputFailed(Exception):
    """Standard output could not take what a command printed."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error

    def reason(self) -> str:
        error = self.error
        if isinstance(error, UnicodeEncodeError):
            return (
                f"the output encoding {error.encoding} cannot show {error.object[error.start]!r}; "
                "set PYTHONIOENCODING=utf-8"
            )
        if isinstance(error, OSError) and error.strerror:
            return error.strerror
        return str(error)


class _Output:
    """Standard output as the commands see it: a failure to write becomes OutputFailed,
    which the error boundary can tell from every other error."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, UnicodeEncodeError, ValueError, AttributeError) as error:
            raise OutputFailed(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError, AttributeError) as error:
            raise OutputFailed(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Closed:
    """Standard output when the process was started without one."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _tidy_environment() -> None:
    """What the environment says that would make the output wrong rather than merely
    plain: a terminal size of 0 or text (taken as unset), an output encoding that cannot
    show every letter (kept, with what it cannot show written as \\x.. escapes)."""
    import os

    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        number = (value or "").strip()
        if value is not None and not (number.isascii() and number.isdigit() and int(number) > 0):
            del os.environ[name]
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _not_utf8(args: list[str]) -> str | None:
    """The first argument (or AGREEMENTS_DB) that is not valid UTF-8 text, as typed."""
    import os

    for arg in [*args, os.environ.get("AGREEMENTS_DB", "")]:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
    return None


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _completion_for_a_named_shell(argv: list[str], group: Any) -> None:
    """`--show-completion SHELL` and `--install-completion SHELL`: Typer's own options take
    no value (they detect the shell they run in), so a named shell would be ignored."""
    if len(argv) < 2 or argv[0] not in ("--show-completion", "--install-completion"):
        return
    shell = argv[1]
    if shell not in SHELLS:
        if shell.startswith("-") or shell in group.commands or shell in LAZY_GROUPS:
            return
        _fail(f"unknown shell {shell!r}. Use one of: {', '.join(SHELLS[:4])}", 2)
    from typer._completion_shared import get_completion_script, install

    names = {"prog_name": "agreements", "complete_var": "_AGREEMENTS_COMPLETE"}
    if argv[0] == "--show-completion":
        print(get_completion_script(shell=shell, **names))
    else:
        installed, path = install(shell=shell, **names)
        print(f"{installed} completion installed in {path}")
    sys.exit(0)


def _output_failed(failure: OutputFailed, stream: Any) -> None:
    """Report a failure to print, saying whether the command's change was saved."""
    import os

    try:  # the rest of the output goes nowhere, and exiting cannot fail on it again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (AttributeError, OSError, ValueError):
        pass
    saved = State.current is not None and State.current.saved()
    if saved:
        _fail(
            "the change was saved, but its report could not be printed ("
            f"{failure.reason()}). See it with: agreements history",
            1,
        )
    if isinstance(failure.error, BrokenPipeError):
        sys.exit(1)  # the reader has gone (`agreements list | head`): nothing to say
    _fail(f"cannot print the output: {failure.reason()}. Nothing was changed", 1)


def say(line: str, err: bool = False) -> None:
    """A line for people, with any control character from the data made visible."""
    from agreements_cli.safety import visible

    print(visible(line), file=sys.stderr if err else sys.stdout)


# Groups whose module is imported, and whose commands are built, only when one of them is
# asked for (or help or completion lists them): every other command is spared the cost.
LAZY_GROUPS = {
    "pledge": "agreements_cli.cli.pledges",
    "milestone": "agreements_cli.cli.milestones",
}


class AgreementsGroup(TyperGroup):
    """The one error boundary: every failure becomes one line on stderr and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in LAZY_GROUPS if n not in self.commands)]

    def get_command(self, ctx: Any, name: str) -> Any:
        if name in LAZY_GROUPS and name not in self.commands:
            import importlib

            from typer.main import get_group

            module = importlib.import_module(LAZY_GROUPS[name])
            self.commands[name] = get_group(module.group)
        return super().get_command(ctx, name)

    def main(  # type: ignore[override]
        self, args: Any = None, *rest: Any, standalone_mode: bool = True, **kwargs: Any
    ) -> Any:
        State.current = None
        _tidy_environment()
        argv = list(sys.argv[1:] if args is None else args)
        bad = _not_utf8(argv)
        if bad is not None:
            _fail(f"'{bad}' is not valid UTF-8 text. Give every argument in UTF-8", 2)
        _completion_for_a_named_shell(argv, self)
        stdout = sys.stdout
        sys.stdout = _Output(stdout if stdout is not None else _Closed())  # type: ignore[assignment]
        try:
            result = super().main(argv, *rest, standalone_mode=False, **kwargs)  # type: ignore[misc]
            sys.stdout.flush()
        except OutputFailed as failure:
            _output_failed(failure, stdout)
        except AgreementsError as error:
            from agreements_cli.cli.advice import message

            _fail(message(error), error.exit_code)
        except typer.TyperException as error:  # Click's usage errors: bad option, missing value
            context = getattr(error, "ctx", None)
            hint = f" See '{context.command_path} --help'." if context else ""
            _fail(error.format_message() + hint, error.exit_code)
        except typer.Abort:
            _fail("aborted.", 1)
        except Exception as error:  # a bug: one line, the traceback on request
            import os

            if os.environ.get("AGREEMENTS_DEBUG"):
                raise
            _fail(
                f"unexpected {type(error).__name__}: {error}. This is a bug in agreements; "
                "run again with AGREEMENTS_DEBUG=1 to see where",
                1,
            )
        finally:
            sys.stdout = stdout
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=AgreementsGroup,
    name="agreements",
    help="Track Ukraine's bilateral security agreements and progress toward the goal of 32.",
    epilog=EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class State:
    """What the global options chose, and the database once a command opens it."""

    current: "State | None" = None  # the run's state, for the error boundary

    def __init__(self, db: str | None):
        self.db = db
        self._store = None
        self._saved = False

    def saved(self) -> bool:
        """Whether this run has committed a change to the database."""
        return self._saved or bool(self._store is not None and self._store.saved)

    def path(self) -> Path:
        from agreements_cli.store import default_path

        return Path(self.db).expanduser() if self.db else default_path()

    def store(self):  # type: ignore[no-untyped-def]
        from agreements_cli.store import Store

        if self._store is None:
            self._store = Store.open(self.path(), seed=_bundled_seed)
        return self._store

    def close(self) -> None:
        """Close the database when the command ends, so SQLite folds in its write-ahead log."""
        if self._store is not None:
            self._saved = self.saved()
            self._store.close()
            self._store = None


def _bundled_seed():  # type: ignore[no-untyped-def]
    """The seed, read (and its pledges converted) only when a new database needs it."""
    from agreements_cli.formats.datafile import load_bundled_seed

    return load_bundled_seed()


def _version(value: bool) -> None:
    if value:
        print(f"agreements {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="AGREEMENTS_DB",
        metavar="PATH",
        help="Database file (default: agreements.db in the user data folder).",
        show_default=False,
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    if db is not None and db.strip() in ("", ":memory:"):
        what = "is empty: it names no file" if not db.strip() else (
            f"{db.strip()} is a database in memory, which keeps nothing"
        )  # fmt: skip
        raise BadInput(f"--db {what}. Give a file path, or leave --db out for the default")
    ctx.obj = State.current = State(db or None)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


def state_of(ctx: typer.Context) -> State:
    return ctx.find_object(State) or State(None)


# Shell completion. These run on every Tab, so they read the database read-only with
# sqlite3 and import nothing heavy; only 'add' needs the full list of ISO names.


def _completion_db(ctx: typer.Context) -> Path:
    import os

    from agreements_cli.store import default_path

    db = ctx.find_root().params.get("db") or os.environ.get("AGREEMENTS_DB")
    return Path(db).expanduser() if db else default_path()


def complete_tracked(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tracked parties, by name or by code."""
    from agreements_cli.countries import complete
    from agreements_cli.store import tracked_names

    tracked = tracked_names(_completion_db(ctx))
    if len(incomplete) <= 2 and incomplete.isalpha() and incomplete.isupper():
        return complete(incomplete, [code for code, _ in tracked])
    return complete(incomplete, [name for _, name in tracked])


def complete_any_country(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete, completion_names

    return complete(incomplete, completion_names())


def complete_status(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.records import STATUSES

    return complete(incomplete, list(STATUSES))


def complete_currency(incomplete: str) -> list[str]:
    from agreements_cli.countries import complete
    from agreements_cli.money import ecb_currencies

    return complete(incomplete, sorted(ecb_currencies() | {"USD"}))


FORMAT = typer.Option(
    OutputFormat.table,
    "--format",
    "-f",
    help="Output format: table, json, csv or markdown.",
    case_sensitive=False,
)
VIEW_FORMAT = typer.Option(
    ViewFormat.table, "--format", "-f", help="Output format: table or json.", case_sensitive=False
)
AS_OF = typer.Option(
    None,
    "--as-of",
    metavar="YYYY-MM-DD",
    help="Show what the tracker showed on this date, from the change log.",
)


def listed(store, rows: list[dict], as_of: str | None = None) -> list[dict]:  # type: ignore[no-untyped-def]
    """Rows as `list` shows them, with their first pledge and stage by ``as_of`` (None: now)."""
    from agreements_cli.reports import list_rows

    return list_rows(rows, store.pledges.all(as_of=as_of), store.milestones.stages(as_of))


def data_as_of(store, day: date | None) -> str | None:  # type: ignore[no-untyped-def]
    """How current the data shown for ``day`` (None: now) is."""
    from agreements_cli.reports import data_date

    return data_date(store.log.latest_change(), store.settings.all().get("snapshot"), day)


# Options that add and update share: one definition, so their help cannot drift apart.
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


def already_tracked(row: dict) -> AgreementsError:
    return AgreementsError(
        f"{row['country']} is already tracked ({row['status']}). "
        f"Use: agreements update {shell_word(row['country'])} --status ..."
    )


def not_tracked(name: str) -> AgreementsError:
    from agreements_cli.errors import NotTracked

    return NotTracked(f"{name} is not tracked. Use: agreements add {shell_word(name)} --status ...")


def shell_word(text: str) -> str:
    import shlex

    return shlex.quote(text)


YES = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation on a terminal.")


def _interactive() -> bool:
    return sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()


def confirm(question: str, yes: bool) -> None:
    """Ask on a terminal; scripts (no terminal on stdin) and --yes go ahead."""
    if yes or not _interactive():
        return
    from agreements_cli.safety import visible

    if not typer.confirm(visible(question), default=False):
        say("Nothing changed.")
        raise typer.Exit(1)


def command_group(name: str, help: str) -> typer.Typer:
    """A command group under ``agreements``, with the same help options as the rest. A
    group of LAZY_GROUPS is added by AgreementsGroup when asked for, not here."""
    group = typer.Typer(
        name=name,
        help=help,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )
    if name not in LAZY_GROUPS:
        app.add_typer(group)
    return group


def remove_item(ctx: typer.Context, entity: str, item_id: int, yes: bool) -> None:
    """Remove a milestone or pledge by id, after asking on a terminal; recorded, undoable."""
    from agreements_cli.store.items import ITEMS

    kind = ITEMS[entity]
    store = state_of(ctx).store()
    found = store.items(entity).get(item_id)
    who = f"{store.parties.country_of(found['code'])} ({found['code']})"
    confirm(f"Remove {entity} {item_id} of {who}: {kind.words(found)}?", yes)
    removed = store.remove_item(entity, item_id)
    say(f"Removed {entity} {item_id} of {who}: {kind.words(removed)}. Undo with: agreements undo")


def named_items(store, entity: str, code: str | None, day: date | None) -> list[dict]:  # type: ignore[no-untyped-def]
    """A party's (or every party's) milestones or pledges by ``day``, each with its party's name."""
    names = {row["code"]: row["country"] for row in store.parties.all()}
    items = store.items(entity).all(code, day.isoformat() if day else None)
    return [{**item, "country": names.get(item["code"], item["code"])} for item in items]


def write_items(
    output: OutputFormat,
    items: list[dict],
    fields: list[str],
    title: str,
    view: Any,
    store: Any,
    day: date | None,
) -> None:
    """Items in a machine format, or as ``view(items, title)`` headed by how current they are."""
    from agreements_cli.render import views as render

    if output is OutputFormat.json:
        render.write_json(items)
    elif output is OutputFormat.csv:
        render.write_csv(items, fields)
    elif output is OutputFormat.markdown:
        render.write_markdown(fields, [[item[f] for f in fields] for item in items])
    else:
        heading = f"{title}, " + render.dated(
            day.isoformat() if day else None, data_as_of(store, day)
        )
        render.print_view(lambda width: view(items, heading))
