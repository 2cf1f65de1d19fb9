"""Where things stand: progress against the goal, and signings over time."""

from __future__ import annotations

from pathlib import Path

import typer

from agreements_cli.cli import options
from agreements_cli.cli.application import READS, registry, state_of, tracker_of
from agreements_cli.cli.options import AS_OF, FORMAT
from agreements_cli.cli.output import OutputFormat, emit, say
from agreements_cli.cli.shown import progress_shown, timeline_shown
from agreements_cli.records import EARLIEST_YEAR, LATEST_YEAR, MAX_GOAL
from agreements_cli.results import ProgressReport

GOAL = typer.Option(
    None, "--goal", min=1, max=MAX_GOAL, help="Goal for this run [default: the stored goal, 32]."
)


commands = registry()


@commands.command("progress", epilog="Example: agreements progress --goal 32 --format json")
def progress(
    ctx: typer.Context,
    goal: int | None = GOAL,
    year: int | None = typer.Option(
        None,
        "--year",
        min=EARLIEST_YEAR,
        max=LATEST_YEAR,
        help="Year whose money the headline total gives [default: the year of the data's date].",
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
    svg: str | None = typer.Option(
        None, "--svg", metavar="FILE", help="Also write the table as an SVG picture to FILE."
    ),
    html: str | None = typer.Option(
        None,
        "--html",
        metavar="FILE",
        help="Also write a page to publish to FILE: the bar, the money per year, the parties "
        "with their sources, the method.",
    ),
) -> None:
    """Signed, negotiating, planned and not yet tracked against the goal, and the money
    pledged for each year.

    Only parties in Ukraine's official count count toward the goal and the money; the
    others are shown on a line of their own. The heading says how current the data is."""
    day = options.day(as_of, "--as-of")
    pictures = options.pictures(state_of(ctx).path(), svg=svg, html=html)
    report = tracker_of(ctx, READS).progress(goal, year, day, page=html is not None)
    emit(progress_shown(report), output, fields)
    _write_pictures(report, pictures, told=output is OutputFormat.table)


def _write_pictures(
    report: ProgressReport, pictures: list[tuple[str, Path, str]], told: bool
) -> None:
    """The SVG picture and the HTML page asked for, then the hint of newer bundled data on
    standard error, unless the view itself said it (``told``)."""
    from agreements_cli.publish.page import progress_page

    summary = report.summary
    for name, target, kind in pictures:
        if kind == "html":
            text = progress_page(summary, report.rows, report.made_on, report.terms, report.done)
        else:
            from agreements_cli.render import progress as progress_views
            from agreements_cli.render import views  # (Rich: loaded for a picture alone)

            text = views.svg_picture(
                lambda width: progress_views.progress_view(summary, width, made_on=report.made_on),
                "agreements progress",
            )
        from agreements_cli.formats import outfile

        outfile.write(target, text, f"--{kind}")
        say(f"Wrote {name}.", err=True)
    if report.newer_data and not told:
        say(
            f"Newer data to {report.newer_data} comes with agreements. Apply it with: "
            "agreements import --bundled",
            err=True,
        )


@commands.command("timeline", epilog="Example: agreements timeline --format csv")
def timeline(
    ctx: typer.Context,
    goal: int | None = GOAL,
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
    fields: str | None = options.FIELDS,
) -> None:
    """Signings over time: a bar per month with the running total against the goal.

    Only parties in Ukraine's official count add to the total; the others are named
    apart. The title says how current the data is."""
    day = options.day(as_of, "--as-of")
    emit(timeline_shown(tracker_of(ctx, READS).timeline(goal, day)), output, fields)
