"""Where things stand: progress against the goal, and signings over time."""

from datetime import date

import typer

from agreements_cli.cli.common import (
    AS_OF,
    FORMAT,
    OutputFormat,
    app,
    data_as_of,
    listed,
    say,
    state_of,
)


@app.command(epilog="Example: agreements progress --goal 32 --format json")
def progress(
    ctx: typer.Context,
    goal: int | None = typer.Option(
        None, "--goal", min=1, max=1000, help="Goal for this run [default: the stored goal, 32]."
    ),
    year: int | None = typer.Option(
        None,
        "--year",
        min=1991,
        max=2100,
        help="Year whose money the headline total gives [default: the year of the data's date].",
    ),
    as_of: str | None = AS_OF,
    output: OutputFormat = FORMAT,
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
    from agreements_cli.formats import bundled, outfile
    from agreements_cli.render import views as render
    from agreements_cli.reports import progress_summary
    from agreements_cli.rules import parse_date

    today = date.today()
    day = parse_date(as_of, "--as-of date") if as_of else None
    state = state_of(ctx)
    pictures = [
        (path, outfile.guard(path, state.path(), f"--{kind}"), kind)
        for path, kind in ((svg, "svg"), (html, "html"))
        if path
    ]
    store = state.store()
    asked = day.isoformat() if day else None
    rows = store.parties.all(as_of=asked)
    summary = progress_summary(
        rows,
        store.pledges.all(as_of=asked),
        store.settings.all(),
        goal,
        day,
        data_as_of(store, day),
        year,
    )
    if output is OutputFormat.json:
        render.write_json(summary)
    elif output is OutputFormat.csv:
        flat = render.progress_flat(summary)
        render.write_csv([flat], list(flat))
    elif output is OutputFormat.markdown:
        render.write_markdown(["measure", "value"], render.progress_rows(summary))
    else:
        render.print_view(lambda width: render.progress_view(summary, width))
    for path, target, kind in pictures:
        if kind == "html":
            from agreements_cli.render.page import progress_page

            text = progress_page(summary, listed(store, rows, asked), today)
        else:
            text = render.svg_picture(
                lambda width: render.progress_view(summary, width, made_on=today),
                "agreements progress",
            )
        outfile.write(target, text, f"--{kind}")
        say(f"Wrote {path}.", err=True)
    newer = bundled.newer_data(
        rows if day is None else store.parties.all(), store.log.applied(bundled.ORIGIN)
    )
    if newer:
        say(
            f"Newer data to {newer} comes with agreements. Apply it with: "
            "agreements import --bundled",
            err=True,
        )


@app.command(epilog="Example: agreements timeline --format csv")
def timeline(
    ctx: typer.Context,
    goal: int | None = typer.Option(
        None, "--goal", min=1, max=1000, help="Goal for this run [default: the stored goal, 32]."
    ),
    output: OutputFormat = FORMAT,
) -> None:
    """Signings over time: a bar per month with the running total against the goal.

    Only parties in Ukraine's official count add to the total; the others are named
    apart. The title says how current the data is."""
    from agreements_cli import reports
    from agreements_cli.render import views as render

    store = state_of(ctx).store()
    goal = goal or int(store.settings.all().get("goal", 32))
    data = data_as_of(store, None)
    series = reports.timeline(store.parties.signings(), goal, data)
    if output is OutputFormat.json:
        render.write_json(series)
        return
    flat = [
        {**point, "parties": "; ".join(point["parties"]),
         "outside_count": "; ".join(point["outside_count"])}
        for point in series
    ]  # fmt: skip
    fields = ["month", "signed", "total", "goal", "parties", "outside_count"]
    if output is OutputFormat.csv:
        render.write_csv(flat, fields)
        return
    data = render.dated(None, data)
    if output is OutputFormat.markdown:
        render.write_markdown(fields, [[p[f] for f in fields] for p in flat])
        say(f"\n{data[0].upper()}{data[1:]}.")
    else:
        render.print_view(lambda width: render.timeline_chart(series, width, data))
