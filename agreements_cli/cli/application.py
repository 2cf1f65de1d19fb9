"""The application: its one error boundary, the global options, and the tracker a command
opens. Every failure becomes one line on stderr and an exit code here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info, get_group

from agreements_cli import __version__
from agreements_cli.cli.output import Closed, Output, OutputFailed, say
from agreements_cli.errors import AgreementsError

if TYPE_CHECKING:
    from agreements_cli.tracker.base import Opened
    from agreements_cli.tracker.deliveries import Deliveries
    from agreements_cli.tracker.files import DataFiles
    from agreements_cli.tracker.reads import Reads
    from agreements_cli.tracker.terms import Terms
    from agreements_cli.tracker.writes import Writes

RoomT = TypeVar("RoomT", bound="Opened")


class Room(Generic[RoomT]):
    """A room of the tracker (see ``agreements_cli.tracker``) that a command uses, named
    here and imported when the command first opens the database: --help, --version and
    shell completion, which import the commands' modules, load none of the library (shell
    completion of `show` imports 17 of its modules, against 36 with the rooms imported)."""

    def __init__(self, module: str, name: str):
        self.module, self.name = module, name

    def opened(self) -> type[RoomT]:
        from importlib import import_module

        return getattr(import_module(f"agreements_cli.tracker.{self.module}"), self.name)


READS: Room[Reads] = Room("reads", "Reads")
WRITES: Room[Writes] = Room("writes", "Writes")
TERMS: Room[Terms] = Room("terms", "Terms")
DELIVERIES: Room[Deliveries] = Room("deliveries", "Deliveries")
FILES: Room[DataFiles] = Room("files", "DataFiles")

EXAMPLES = "Examples:\n\n  agreements list --status signed\n\n  agreements add Czechia --status negotiating\n\n  agreements progress"


def _fail(message: str, code: int) -> None:

    try:
        from agreements_cli.safety import visible  # (with json: not for --help)

        sys.stderr.write("Error: " + visible(" ".join(message.split())) + "\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # no standard error to say it on
        pass
    sys.exit(code)


def _tidy_environment() -> None:
    """What the environment says that would make the output wrong rather than merely
    plain: a terminal size of 0 or text (taken as unset), an output encoding that cannot
    show every letter (kept, with what it cannot show written as \\x.. escapes)."""

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
    while argv[:1] == ["--db"] or (argv and argv[0].startswith("--db=")):  # global options first
        argv = argv[2:] if argv[0] == "--db" else argv[1:]
    if len(argv) < 2 or argv[0] not in ("--show-completion", "--install-completion"):
        return
    shell = argv[1]
    if shell not in SHELLS:
        if shell.startswith("-") or shell in COMMANDS:
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


# The commands, in the order of the help, and the module of each: a module is imported,
# and a command built, only when that command is asked for (or help or completion lists
# them), so a command pays for no other (building every command took 13 ms of each run).
# A module registers its commands on its own `commands` (a Typer used as a registry), or
# is a group (`group`).
COMMANDS = {
    **dict.fromkeys(("list", "add", "update", "remove", "undo", "show", "history"), "parties"),
    **dict.fromkeys(("progress", "timeline"), "reports"),
    **dict.fromkeys(("export", "import", "check", "serve", "help", "db"), "data"),
    "pledge": "pledges",
    "milestone": "milestones",
    **dict.fromkeys(("terms", "term", "compare", "calendar", "diff"), "terms"),
    **dict.fromkeys(("delivered", "delivery"), "delivered"),
}
GROUPS = {"db": "db_group", "pledge": "group", "milestone": "group", "term": "group",
          "delivery": "group"}  # fmt: skip


def _build(name: str) -> Any:
    """The Click command ``name`` stands for, built from its module."""
    import importlib

    module = importlib.import_module(f"agreements_cli.cli.{COMMANDS[name]}")
    if name in GROUPS:
        return get_group(getattr(module, GROUPS[name]))
    info = next(i for i in module.commands.registered_commands if i.name == name)
    return get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)


class AgreementsGroup(TyperGroup):
    """The one error boundary: every failure becomes one line on stderr and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name in COMMANDS and name not in self.commands:
            self.commands[name] = _build(name)
        return super().get_command(ctx, name)

    def main(
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
        sys.stdout = Output(stdout if stdout is not None else Closed())
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
    """What the global options chose, and the tracker once a command opens it."""

    current: State | None = None  # the run's state, for the error boundary

    def __init__(self, db: str | None):
        self.db = db
        self._tracker: Opened | None = None
        self._saved = False

    def saved(self) -> bool:
        """Whether this run has committed a change to the database."""
        return self._saved or bool(self._tracker is not None and self._tracker.saved)

    def path(self) -> Path:
        from agreements_cli.store.files import chosen

        return chosen(self.db).path

    def tracker(self, room: Room[RoomT]) -> RoomT:
        """The tracker of the database with the use cases of ``room``, opened on first use
        (the default database created, migrated and seeded then; a named one by the first
        change)."""

        kind = room.opened()
        if self._tracker is None:
            from agreements_cli.store.files import chosen

            where = chosen(self.db)
            self._tracker = kind.open(where.path, named=where.named)
        if not isinstance(self._tracker, kind):
            self._tracker = self._tracker.seen_as(kind)
        return self._tracker

    def close(self) -> None:
        """Close the database when the command ends, so SQLite folds in its write-ahead log."""
        if self._tracker is not None:
            self._saved = self.saved()
            self._tracker.close()
            self._tracker = None


def _version(value: bool) -> None:
    """The version of the code and the release of the data it ships (see CHANGELOG.md)."""
    if value:
        from agreements_cli.formats import bundled

        print(f"agreements {__version__} ({bundled.release()})")
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
    # (the path's rules are loaded here, not by --help: they bring sqlite3, 1.4 ms)
    from agreements_cli.store.files import chosen

    chosen(db)  # a path that names no file is refused before any command runs
    ctx.obj = State.current = State(db)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


def state_of(ctx: typer.Context) -> State:
    return ctx.find_object(State) or State(None)


def tracker_of(ctx: typer.Context, room: Room[RoomT]) -> RoomT:
    """The tracker of this run's database, with the use cases of ``room``."""
    return state_of(ctx).tracker(room)


def command_group(name: str, help: str, example: str) -> typer.Typer:
    """A command group under ``agreements``, with the same help options as the rest and
    an example of its use; it is built when asked for (see COMMANDS)."""
    return typer.Typer(
        name=name,
        help=help,
        epilog=f"Example: {example}",
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )


def registry() -> typer.Typer:
    """Where a module registers its commands (each named, see COMMANDS); never run itself."""
    return typer.Typer(rich_markup_mode=None)


def _interactive() -> bool:
    return sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()


def asker(yes: bool) -> Any:
    """What the library asks before a change undo alone can take back: on a terminal the
    question is put (no: "Nothing changed.", exit 1); scripts and --yes go ahead."""

    def ask(question: str) -> None:
        if yes or not _interactive():
            return

        from agreements_cli.safety import visible

        if not typer.confirm(visible(question), default=False):
            say("Nothing changed.")
            raise typer.Exit(1)

    return ask
