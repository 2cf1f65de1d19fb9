"""Colour on a terminal, in process: each view's styles as the README's colours promise.

Rich writes SGR codes when FORCE_COLOR is set, so these run through Typer's runner and see
every change to the library (the pseudo-terminal tests in test_terminal.py run the installed
command instead). Codes: 1 bold, 2 dim, 3 italic, 32 green (signed), 33 yellow
(negotiating), 36 cyan (planned); ESC[0m ends a style.
"""

import re

import pytest

from conftest import END, ITAL, LINK, B, C, D, G, Y


@pytest.fixture
def coloured(run, seeded):
    """The seed with Czechia negotiating and Bulgaria planned from 1 July 2024 (so the data
    stay as of 15 July 2024), Czechia with one milestone; views printed in colour."""
    for args in (
        ["add", "Czechia", "-s", "negotiating", "--on", "2024-07-01"],
        ["add", "Bulgaria", "-s", "planned", "--on", "2024-07-01"],
        ["milestone", "add", "Czechia", "text agreed", "--on", "2024-06-01",
         "--source", "https://example.org/cz"],
    ):  # fmt: skip
        assert run(*args).exit_code == 0

    def view(*args, columns=100):
        result = run(*args, env={"FORCE_COLOR": "1", "TERM": "xterm-256color",
                                 "COLUMNS": str(columns)})  # fmt: skip
        assert result.exit_code == 0, result.output
        return [LINK.sub("", line).rstrip() for line in result.stdout.splitlines()]

    return view


def test_progress_in_colour(coloured):
    lines = coloured("progress")
    assert (
        lines[0] == f"{B}Security agreements: 23 of 32 signed (71.9%), data as of 2024-07-15{END}"
    )
    # 40 cells for 32: 23 signed -> 29, 1 negotiating -> 1, 1 planned -> 1, the rest 9.
    assert lines[1] == f"{G}{'█' * 29}{END}{Y}▓{END}{C}▒{END}{D}{'░' * 9}{END} 23/32"
    # The legend: each sign in its colour in the bar.
    assert lines[2] == (
        f"{G}█{END}{D} signed  {END}{Y}▓{END}{D} negotiating  {END}{C}▒{END}{D} planned  {END}"
        f"{D}░{END}{D} rest of the goal{END}"
    )
    assert lines[3] == f"Signed           {G}23{END}"
    assert lines[4] == f"Negotiating      {Y} 1{END}"
    assert lines[5] == f"Planned          {C} 1{END}"
    assert lines[6] == "Not yet tracked   7"
    assert lines[7].startswith(f"Goal             32  {D}Zelensky, 15 July 2024: 32 countries")
    assert f"{D}Source of the reported total:{END}" in lines
    assert f"{B} Year{END}" in "".join(lines)  # right-aligned over "2025*"


def test_list_in_colour(coloured):
    lines = coloured("list")
    assert re.fullmatch(
        rf"{re.escape(ITAL)}25 tracked parties, data as of 2024-07-15 *\x1b\[0m", lines[0]
    )
    # At 100 columns the table leaves the places out (they are in show and the JSON).
    assert f"{B}Country" in lines[4] and f"{B}    2024, USD{END}" in lines[4]
    assert "Place" not in "".join(lines[2:5])
    assert lines[6] == (
        f"│ United Kingdom │ {G}signed                {END} │ 2024-01-12 │       2.39 bn │"
        "            │            │"
    )
    # A party that states nothing for the year is dim: 'none stated', never 0.
    bulgaria = next(line for line in lines if line.startswith("│ Bulgaria"))
    assert f"│ {C}planned               {END} │            │ {D}  none stated{END} │" in bulgaria
    czechia = next(i for i, line in enumerate(lines) if line.startswith("│ Czechia"))
    assert f"│ {Y}negotiating ·         {END} │" in lines[czechia]
    assert f"│ {Y}text agreed 2024-06-01{END} │" in lines[czechia + 1]


def test_list_in_blocks_in_colour(coloured):
    lines = coloured("list", columns=60)
    assert lines[0] == f"{ITAL}25 tracked parties, data as of 2024-07-15{END}"
    assert lines[1] == f"{B}United Kingdom (GB)  {END}\x1b[1;32msigned{END}{B} 2024-01-12{END}"
    assert lines[3] == "  grants with the agreement, 2024: USD 2.39 bn"
    italy = lines.index(f"{B}Italy (IT)  {END}\x1b[1;32msigned{END}{B} 2024-02-24{END}")
    assert lines[italy + 2] == f"  {D}none stated for 2024{END}"
    assert f"{B}Bulgaria (BG)  {END}\x1b[1;36mplanned{END}" in lines
    assert f"{B}Czechia (CZ)  {END}\x1b[1;33mnegotiating · text agreed 2024-06-01{END}" in lines
    # The seed's day, and how to bring the data forward, after the list.
    assert lines[-3:] == [
        f"\x1b[1;33mThese are the data as of 2024-07-15: later data, to {END}",
        f"\x1b[1;33m2026-06-25, comes with agreements. Bring it in with: {END}",
        f"\x1b[1;33magreements import --bundled{END}",
    ]


def test_timeline_in_colour(coloured):
    lines = coloured("timeline")
    assert re.fullmatch(
        rf"{re.escape(ITAL)}Signings by month, running total against the goal of 32, data as of "
        r"2024-07-15 *\x1b\[0m",
        lines[0],
    )
    # A month's new signings bold green after the earlier ones dim green, the rest dotted.
    assert lines[2] == f"2024-01  \x1b[1;32m█{END}{D}{'·' * 31}{END}   1/32  +1 United Kingdom"
    assert lines[3].startswith(
        f"2024-02  \x1b[2;32m█{END}\x1b[1;32m█████{END}{D}{'·' * 26}{END}   6/32  +5 France,"
    )


def test_records_in_colour(coloured):
    shown = coloured("show", "CZ")
    assert f"{B}Code          {END}{B}  {END}CZ" in shown
    assert f"{ITAL}1 milestone, oldest first{END}" in shown
    assert f"{B}2024-06-01  text agreed  (id 1){END}" in shown
    assert f"  {D}https://example.org/cz{END}" in shown
    pledges = coloured("pledge", "list", "DE")
    assert pledges[:2] == [
        f"{ITAL}1 pledge, data as of 2024-07-15{END}",
        f"{B}2024-02-16  Germany · EUR 7.1 bn (2024, mixed)  (id 2){END}",
    ]
    assert pledges[-1] == f"  {D}https://pravda.com.ua/eng/news/2024/02/16/7442194/{END}"
    history = coloured("history", "CZ", columns=60)
    assert history[:2] == [f"{ITAL}2 changes, newest first{END}", f"{B}Czechia · add{END}"]
    info = coloured("db", "info")
    assert info[1].startswith(f"{B}Size         {END}{B}  {END}")
    assert info[3] == f"{B}Parties      {END}{B}  {END}25: 23 signed, 1 negotiating, 1 planned"


def test_a_web_address_wider_than_the_terminal_runs_on_whole(coloured):
    # The reported total's source (the seed's, 113 characters) on a terminal of 60 columns.
    source = (
        "https://kyivindependent.com/ukraine-is-expecting-to-sign-security-agreements-with-9-more-"
        "countries-zelensky-says/"
    )
    assert f"{D}{source}{END}" in coloured("progress", columns=60)


@pytest.mark.parametrize("plain", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_or_a_dumb_terminal_get_no_colour(run, seeded, plain):
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", **plain}
    for args in (["progress"], ["list"], ["timeline"]):
        result = run(*args, env=env)
        assert result.exit_code == 0 and "\x1b[" not in result.stdout, args
