"""Terminal conventions: width, colour, pipes; machine formats that never change with them."""

import re

import pytest


@pytest.mark.parametrize("columns", ["40", "80"])
@pytest.mark.parametrize(
    "args", [["list"], ["progress"], ["timeline"], ["history"], ["show", "European Union"]]
)
def test_nothing_is_cut_at_40_and_80_columns(run, full, columns, args):
    result = run(*args, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # Only a web address, whole on a line of its own, runs past the width (never split).
    over = [line.strip() for line in lines if len(line) > int(columns)]
    assert all(line.startswith("https://") and " " not in line for line in over), over
    assert "…" not in result.stdout
    words = set(re.findall(r"[\w.-]+", result.stdout))
    if args == ["list"]:
        from agreements_cli.money import usd_figure

        for row in run.json("list"):
            assert set(row["country"].split()) <= words, row["country"]
            if row["value_usd"] is not None:
                assert usd_figure(row["value_usd"]).split()[0] in words


def test_at_40_columns_list_names_stand_whole_on_their_line(run, full):
    out = run("list", env={"COLUMNS": "40"}).stdout
    for row in run.json("list"):
        assert f"{row['country']} ({row['code']})" in out


def test_long_notes_are_folded_not_truncated(run, full):
    note = "A long note. " * 40
    run("update", "Poland", "--note", note.strip())
    out = run("show", "Poland", env={"COLUMNS": "60"}).stdout
    flattened = " ".join(
        " ".join(line.split()[1:] if i == 0 else line.split())
        for i, line in enumerate(out.splitlines())
    )
    assert flattened.count("A long note.") >= 40


@pytest.mark.parametrize("columns", ["40", "60", "100"])
def test_a_web_address_is_never_split(run, full, columns):
    source = "https://kyivindependent.com/ukraine-is-expecting-to-sign-security-agreements-with-9-more-countries-zelensky-says/"
    out = run("progress", env={"COLUMNS": columns}).stdout
    assert f"Source of the reported total:\n{source}\n" in out
    pledges = run("pledge", "list", "Germany", env={"COLUMNS": columns}).stdout
    # (Germany's 2024 pledge, its source since the corrections of facts-2026-12, B2)
    germany = "https://eng.obozrevatel.com/section-politics/news-unprecedented-document-zelenskyy-in-germany-held-talks-with-scholz-signed-an-important-agreement-all-details-16-02-2024.html"
    assert f"\n  {germany}\n" in pledges


def test_widths_from_40_to_200_give_whole_columns(run, full):
    # every third width of the whole data (test_views checks every width from 72 to 140)
    seen_table = seen_blocks = False
    for columns in range(40, 201, 3):
        out = run("list", env={"COLUMNS": str(columns)}).stdout
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= columns, columns
        assert "…" not in out, columns
        if "┃" in out:  # a table: every row closes with its right border
            seen_table = True
            rows = [line for line in lines if line.startswith(("┏", "┃", "┡", "│", "└"))]
            assert all(line.endswith(("┃", "┓", "┩", "│", "┘")) for line in rows), columns
        else:
            seen_blocks = True
    assert seen_table and seen_blocks


@pytest.mark.parametrize("command", [["history"], ["progress"], ["timeline"], ["show", "DE"]])
def test_other_views_fit_every_width(run, full, command):
    for columns in range(40, 201, 9):
        lines = run(*command, env={"COLUMNS": str(columns)}).stdout.splitlines()
        over = [line.strip() for line in lines if len(line) > columns]
        assert all(line.startswith("https://") and " " not in line for line in over), (
            columns,
            over,
        )


def test_each_view_turns_to_blocks_just_below_its_width(run, seeded):
    """A table from 72 columns (list) or 90 (history) when it fits; below, blocks. Czechia
    alone, with short values, fits at those widths. The money per year is a table where
    it fits whole: the seed's from 70 columns (below, a word would be cut in two)."""
    assert run("add", "Czechia", "--status", "negotiating", "--on", "2024-07-01").exit_code == 0

    def first_lines(columns, *args):
        return run(*args, env={"COLUMNS": str(columns)}).stdout.splitlines()[:3]

    listed = ["list", "--status", "negotiating"]
    assert first_lines(72, *listed)[1].startswith("┏")
    assert first_lines(71, *listed)[1:] == ["Czechia (CZ)  negotiating", "  none stated for 2024"]
    assert first_lines(90, "history", "CZ")[1].startswith("┏")
    assert first_lines(89, "history", "CZ")[1] == "Czechia · add"
    money = run("progress", env={"COLUMNS": "70"}).stdout
    assert "┃  Year ┃" in money and "┃ Reported ┃" in money and "\n  2024: " not in money
    money = run("progress", env={"COLUMNS": "69"}).stdout
    assert "┃  Year ┃" not in money
    assert (
        "\n  2024: grants with the agreements 29.21 bn; loans, guarantees 1.78\n  bn; "
        "instrument not stated 4.5 bn;"
    ) in money


@pytest.mark.parametrize(
    "command", [["list"], ["show", "DE"], ["progress"], ["history", "DE"], ["db", "info"],
                ["timeline"], ["pledge", "list"]],
)  # fmt: skip
def test_output_to_a_pipe_has_no_padding_at_line_ends(run, seeded, command):
    out = run(*command).stdout
    assert out.strip()
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_a_web_address_is_a_link_where_the_terminal_shows_links():
    import io

    from rich.console import Console

    from agreements_cli.render import views as render

    url = "https://gov.uk/government/news/pm-in-kyiv-uk-support-will-not-falter"
    shown = io.StringIO()
    Console(file=shown, force_terminal=True, width=40).print(render.url_line(url), crop=False)
    assert "\x1b]8;id=" in shown.getvalue() and f";{url}\x1b\\" in shown.getvalue()
    assert url in shown.getvalue()  # whole, on one line, though wider than 40 columns
