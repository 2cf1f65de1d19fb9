"""The data as files and as a database: export, import, check, serve, db path, db info."""

from __future__ import annotations

import io
import sys
from enum import Enum
from pathlib import Path

import typer

from agreements_cli.cli import options
from agreements_cli.cli.application import (
    FILES,
    READS,
    command_group,
    registry,
    state_of,
    tracker_of,
)
from agreements_cli.cli.options import ENCODING, SHEET, VIEW_FORMAT
from agreements_cli.cli.output import Shown, ViewFormat, emit, say, ticking
from agreements_cli.cli.shown import imported_lines
from agreements_cli.errors import AgreementsError, BadInput


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


commands = registry()


@commands.command("export", epilog="Example: agreements export -o agreements.csv --bom")
def export(
    ctx: typer.Context,
    output: ExportFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="json or csv [default: from the extension of -o FILE, else json].",
        case_sensitive=False,
        show_default=False,
    ),
    to: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE instead of standard output."
    ),
    package: str | None = typer.Option(
        None,
        "--datapackage",
        metavar="DIR",
        help="Write a Frictionless data package to DIR instead: parties, pledges, milestones "
        "and the change log as CSV files, with datapackage.json.",
    ),
    bom: bool = typer.Option(
        False,
        "--bom",
        help="Start each CSV file with a UTF-8 byte-order mark, so that Excel reads its "
        "letters (Plenković) right.",
    ),
) -> None:
    """Every tracked party, with its pledges and milestones, in the format of data/seed.json
    or as CSV (a row a party), for import or a spreadsheet; or the whole database as a
    data package."""
    from agreements_cli.formats import outfile

    if package is not None:
        _export_package(ctx, package, output, to, bom)
        return
    named = None if to is None or to == "-" else to
    output = _export_format(output, named)
    if bom and output is not ExportFormat.csv:
        raise BadInput("--bom is for CSV, which Excel opens; JSON has no byte-order mark")
    target = outfile.guard(named, state_of(ctx).path(), "-o") if named is not None else None
    exported = tracker_of(ctx, FILES).export()
    _write_export(exported.data, output, target, bom)
    if target is not None:
        say(f"Exported {exported.parties} parties to {to}.", err=True)


def _export_package(
    ctx: typer.Context, folder: str, output: ExportFormat | None, to: str | None, bom: bool
) -> None:

    from agreements_cli.publish import datapackage

    if output is not None or to is not None:
        raise BadInput("--datapackage writes its own files; leave out --format and -o")
    files = datapackage.writers(tracker_of(ctx, FILES).package(), bom)
    datapackage.write(folder, files, state_of(ctx).path())
    say(f"Wrote the data package {folder}: {', '.join(files)}.", err=True)


def _write_export(data: dict, output: ExportFormat, target: Path | None, bom: bool) -> None:
    """A file is written whole from a buffer; standard output is written as it goes, in
    its own encoding (JSON escapes what an ASCII output cannot show)."""
    from agreements_cli.formats import outfile
    from agreements_cli.formats.datacsv import write_csv
    from agreements_cli.render.machine import write_json

    out = io.StringIO() if target is not None else sys.stdout
    if output is ExportFormat.json:
        write_json(data, out)
    else:
        if bom:
            out.write("\ufeff")
        write_csv(data, out)
    if target is not None:
        outfile.write(target, out.getvalue(), "-o")  # type: ignore[union-attr]


# Files export cannot write: a workbook or another program's format, which a name ending
# so would promise.
_NOT_WRITTEN = {".xlsx": "an Excel workbook", ".xls": "an Excel workbook",
                ".ods": "an OpenDocument sheet", ".tsv": "tab-separated values",
                ".xml": "XML", ".html": "a web page", ".pdf": "a PDF"}  # fmt: skip


def _export_format(given: ExportFormat | None, name: str | None) -> ExportFormat:
    """The format asked for, else the one the file's extension names; a clash, or a name
    that promises a format export does not write, is refused."""
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in _NOT_WRITTEN:
        raise BadInput(
            f"export writes JSON or CSV, not {_NOT_WRITTEN[suffix]} ({name}). Give a name ending "
            "in .csv (Excel opens it; add --bom) or .json"
        )
    by_name = ExportFormat(suffix[1:]) if suffix in (".json", ".csv") else None
    if given is not None and by_name is not None and given is not by_name:
        raise BadInput(
            f"--format {given.value} and the file name {name} ({suffix[1:]}) disagree. Give a "
            f"file name ending in .{given.value}, or leave --format out"
        )
    return given or by_name or ExportFormat.json


@commands.command("import", epilog="Example: agreements import --bundled --dry-run")
def import_file(
    ctx: typer.Context,
    file: str | None = typer.Argument(
        None,
        metavar="[FILE]",
        help="A data file (JSON, CSV or .xlsx), a web address (http or https) of one, or - for "
        "standard input.",
    ),
    bundled: bool = typer.Option(
        False, "--bundled", help="Apply the later data that comes with agreements (to 2025)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    replace: bool = typer.Option(
        False, "--replace", help="The file is the whole data set: stop tracking parties not in it."
    ),
    encoding: str | None = ENCODING,
    sheet: str | None = SHEET,
) -> None:
    """Add and update parties (and their milestones and pledges) from a data file, keyed
    by country code, in one transaction. A CSV may be separated by commas, semicolons or
    tabs; a workbook's first sheet is read unless --sheet names another."""
    name = _import_source(file, bundled, replace)
    with ticking() as tick:
        imported = tracker_of(ctx, FILES).import_file(
            None if bundled else file, dry_run, replace, encoding, sheet, tick
        )
    for line in imported_lines(imported, name):
        say(line)


def _import_source(file: str | None, bundled: bool, replace: bool) -> str:
    """What the import reads, as its report names it; a contradiction is refused."""
    from agreements_cli.formats.bundled import UPDATES

    if bundled and file is not None:
        raise BadInput(f"give a FILE or --bundled, not both (--bundled reads {UPDATES})")
    if bundled and replace:
        raise BadInput(
            "--replace would stop tracking every party not in the bundled later data. "
            "Use --replace with a file of the whole data set"
        )
    if not bundled and file is None:
        raise BadInput(
            "give a FILE to import (- for standard input), or --bundled for the later data "
            "that comes with agreements"
        )
    return f"the bundled {UPDATES}" if bundled else str(file)


@commands.command("check", epilog="Example: agreements check && echo all good")
def check(
    ctx: typer.Context,
    strict: bool = typer.Option(
        False, "--strict", help="Also name every term not read from the agreement's official text."
    ),
) -> None:
    """Find what needs attention: signed parties without a date or source, dates in the
    future, milestones, pledges and terms of parties not tracked or without a source, a
    table that disagrees with its change log. Prints nothing and exits 0 when all is well;
    else one line per problem and exit 1."""

    found = tracker_of(ctx, READS).check(strict)
    for problem in found:
        from agreements_cli.cli.advice import message

        say(message(problem))
    if found:
        raise typer.Exit(1)


@commands.command("serve", epilog="Example: agreements serve --port 8001")
def serve(
    ctx: typer.Context,
    port: int = typer.Option(8001, "--port", min=1, max=65535, help="Port to listen on."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."
    ),
    metadata: bool = typer.Option(
        False, "--metadata", help="Print the Datasette metadata (JSON) and exit."
    ),
    copy: str | None = typer.Option(
        None,
        "--copy",
        metavar="FILE",
        help="Write the database as it is published (with the tables of money per year "
        "that the metadata's queries read) to the new FILE and exit, to run Datasette yourself.",
    ),
) -> None:
    """Publish the database read-only with Datasette: described tables and columns, the
    source and licence, and the questions people ask first (progress, money per year and
    per party, signings by month), each a table agreements derives, as progress does.
    Visitors read the tables and run the canned queries, no SQL of their own. Needs
    Datasette: pip install '.[web]' in a clone, or pip install datasette."""
    import importlib.util

    from agreements_cli.publish import datasette

    state = state_of(ctx)
    path = state.path()
    if metadata:
        summary = tracker_of(ctx, FILES).published().summary
        sys.stdout.write(datasette.metadata_json(path.stem, summary) + "\n")
        return
    if copy is not None:
        from agreements_cli.formats import outfile

        target = outfile.guard(copy, path, "--copy")  # not the database, nor through a link
        tracker_of(ctx, FILES).publish(target)
        say(f"Wrote {copy}: serve it with: datasette {copy} -m METADATA.json", err=True)
        return
    if importlib.util.find_spec("datasette") is None:
        raise AgreementsError(
            f"serve needs Datasette, which is not installed. Install it with: {datasette.INSTALL}"
        )
    from agreements_cli.publish import serve as publication  # (Datasette, once it runs)

    address = publication.listen(host, port)  # refused before anything is announced
    import tempfile

    with tempfile.TemporaryDirectory(prefix="agreements-serve-") as folder:
        published = Path(folder) / path.name
        summary = state.tracker(FILES).publish(published).summary
        state.close()
        app = publication.datasette_app(
            published, path.stem, datasette.metadata(path.stem, summary)
        )
        say(f"Serving {path.resolve()} read-only at {address.url} (Ctrl-C stops it).", err=True)
        warning = address.reach()
        if warning:
            say(warning, err=True)
        publication.run(app, address)


@commands.command("help", epilog="Example: agreements help pledge add")
def help_command(
    ctx: typer.Context,
    command: list[str] | None = typer.Argument(
        None, metavar="[COMMAND]...", help="The command, e.g. list or pledge add."
    ),
) -> None:
    """Show the help of agreements, or of one of its commands."""
    root = ctx.find_root()
    group, context = root.command, root
    for name in command or []:
        found = group.get_command(context, name) if hasattr(group, "get_command") else None
        if found is None:
            raise BadInput(
                f"no command {' '.join(command or [])!r}. See the commands with: agreements help"
            )
        context = type(root)(found, info_name=name, parent=context)
        group = found
    say(group.get_help(context))


db_group = command_group(
    "db", "The database file: where it is and what it holds.", "agreements db info --format json"
)


@db_group.command(
    "init", epilog="Example: agreements db init (or: agreements --db newsroom.db db init)"
)
def db_init(ctx: typer.Context) -> None:
    """Create the database (--db, AGREEMENTS_DB or the default) seeded with the data of 15
    July 2024, as the first change would; an existing one is left as it is."""
    state = state_of(ctx)
    tracker = state.tracker(READS)
    made = tracker.create()
    path = state.path()
    if not made:
        say(f"The database {path} is already there; nothing was changed.")
        return
    dated = tracker.data_as_of()
    say(
        f"Created the database {path}, with the data as of {dated}. Bring in the later data "
        "that comes with agreements with: agreements import --bundled"
    )


@db_group.command("path", epilog="Example: agreements db path")
def db_path(ctx: typer.Context) -> None:
    """Print where the database is (--db, AGREEMENTS_DB or the user data folder)."""
    say(str(state_of(ctx).path()))


@db_group.command("info", epilog="Example: agreements db info --format json")
def db_info(
    ctx: typer.Context,
    output: ViewFormat = VIEW_FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """The file, its size and schema version, parties by status, milestones and pledges, the
    last change, the data's date."""
    from agreements_cli.render.history import info_view

    info = tracker_of(ctx, READS).info()
    emit(Shown(json=lambda: info, view=lambda width: info_view(info)), output, fields)
