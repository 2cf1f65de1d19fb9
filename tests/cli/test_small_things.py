"""Small things a new user meets: help, option case, the goal's basis, grammar, sizes,
shell scripts, padding in pipes."""

import json

import pytest

from conftest import assert_refused, dump


def test_help_is_a_command_too(run):
    assert run("help").stdout == run("--help").stdout
    assert run("help", "pledge", "add").stdout == run("pledge", "add", "--help").stdout
    assert run("help", "db").stdout == run("db", "--help").stdout
    assert run("help", "list").stdout.startswith("Usage: agreements list [OPTIONS]")


@pytest.mark.parametrize("words", [["nope"], ["pledge", "nope"], ["list", "more"]])
def test_help_of_no_command_is_bad_input(run, words):
    assert_refused(run("help", *words), 2, f"no command '{' '.join(words)}'. See the commands")


def test_formats_and_sort_fields_in_any_case(run, seeded):
    assert (
        run("list", "--format", "JSON", "--sort", "Country").stdout
        == run("list", "--format", "json", "--sort", "country").stdout
    )
    rows = json.loads(run("list", "-f", "Json", "--sort", "COUNTRY").stdout)
    assert [r["country"] for r in rows][:3] == ["Belgium", "Canada", "Denmark"]
    assert json.loads(run("export", "-f", "JSON").stdout)["format"] == "agreements/3"
    assert run("show", "DE", "-f", "JSON").exit_code == 0


@pytest.mark.parametrize("command", [["show", "DE"], ["db", "info"]])
def test_show_and_db_info_offer_only_their_formats(run, seeded, command):
    assert "Output format: table, json or ndjson (on one line)." in " ".join(
        run(*command, "--help").stdout.split()
    )
    before = dump(seeded)
    assert_refused(run(*command, "-f", "csv"), 2, "'csv' is not one of 'table', 'json', 'ndjson'")
    assert dump(seeded) == before


def test_a_goal_for_this_run_has_no_stored_basis(run, seeded):
    stored = run.json("progress")
    assert stored["goal"] == 32 and stored["goal_basis"].startswith("Zelensky, 15 July 2024: 32")
    other = run.json("progress", "--goal", "20")
    assert other["goal"] == 20 and other["goal_basis"] is None
    assert "Zelensky" not in run("progress", "--goal", "20").stdout
    assert run.json("progress", "--goal", "32")["goal_basis"] == stored["goal_basis"]


def test_one_party_without_a_figure_states_none(run, seeded):
    # In 2024 six signed parties state no figure; with five of them gone, one does.
    for country in ("Italy", "Finland", "United States", "Lithuania", "Poland"):
        assert run("remove", country, "--yes").exit_code == 0
    shown = " ".join(run("progress", "--year", "2024").stdout.split())
    assert "; 17 of the 18 parties signed by the end of 2024 state a figure" in shown
    assert run("remove", "Romania", "--yes").exit_code == 0
    shown = " ".join(run("progress", "--year", "2024").stdout.split())
    assert "; all 17 parties signed by the end of 2024 state a figure" in shown
    assert run("undo", "--yes").exit_code == 0 and run("undo", "--yes").exit_code == 0
    shown = " ".join(run("progress", "--year", "2024").stdout.split())
    assert "; 17 of the 19 parties signed by the end of 2024 state a figure" in shown


def test_db_info_right_after_creation_gives_the_data_size(run, db_path):
    info = run.json("db", "info")
    assert info["size_bytes"] == db_path.stat().st_size
    assert info["size_bytes"] > 50_000  # the seed's rows, not an empty 4 KB page


@pytest.mark.parametrize(
    ("shell", "start"),
    [("bash", "_agreements_completion() {"), ("zsh", "#compdef agreements"),
     ("fish", "complete --command agreements"), ("powershell", "Import-Module PSReadLine")],
)  # fmt: skip
def test_show_completion_prints_the_script_of_the_shell_named(run, shell, start):
    result = run("--show-completion", shell)
    assert result.exit_code == 0 and result.stdout.startswith(start)


def test_an_unknown_shell_is_refused(run):
    assert_refused(run("--show-completion", "tcsh"), 2, "unknown shell 'tcsh'. Use one of: bash")


@pytest.mark.parametrize(
    "command", [["list"], ["show", "DE"], ["progress"], ["history", "DE"], ["db", "info"],
                ["timeline"], ["pledge", "list"]],
)  # fmt: skip
def test_output_to_a_pipe_has_no_padding_at_line_ends(run, seeded, command):
    out = run(*command).stdout
    assert out.strip()
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_the_progress_bar_says_what_its_glyphs_mean(run, seeded):
    lines = run("progress").stdout.splitlines()
    assert lines[1] == "█" * 29 + "░" * 11 + " 23/32"
    assert lines[2] == "█ signed  ▓ negotiating  ▒ planned  ░ rest of the goal"


def test_a_web_address_is_a_link_where_the_terminal_shows_links():
    import io

    from rich.console import Console

    from agreements_cli.render import views as render

    url = "https://gov.uk/government/news/pm-in-kyiv-uk-support-will-not-falter"
    shown = io.StringIO()
    Console(file=shown, force_terminal=True, width=40).print(render.url_line(url), crop=False)
    assert "\x1b]8;id=" in shown.getvalue() and f";{url}\x1b\\" in shown.getvalue()
    assert url in shown.getvalue()  # whole, on one line, though wider than 40 columns
    # In a pipe: no link codes, and the address whole (test_terminal.py, at 40 columns).
