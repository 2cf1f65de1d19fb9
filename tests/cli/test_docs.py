"""The README and the help stay true to the code."""

import re
import sqlite3

import pytest
import typer

from agreements_cli.cli import app

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths(group, prefix=()):
    """Every command, with the path of groups to it: ('list',), ('db', 'info'), ...; asked of
    the group as Click asks it, so that groups built only when asked for are found too."""
    import click

    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if hasattr(command, "commands"):
            yield from command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


COMMANDS = sorted(" ".join(p) for p in command_paths(typer.main.get_command(app)))


def test_commands_are_the_expected_surface():
    assert set(COMMANDS) == {
        "list", "add", "update", "remove", "show", "progress", "history", "undo", "timeline",
        "export", "import", "check", "db init", "db path", "db info", "help", "serve",
        "milestone add", "milestone list", "milestone remove",
        "pledge add", "pledge list", "pledge remove", "pledge import",
        "terms", "term set", "term remove", "compare", "calendar", "diff",
        "delivered", "delivery add", "delivery list", "delivery remove",
    }  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    result = run(*command.split(), "--help")
    assert result.exit_code == 0, result.output
    assert f"Example: agreements {command}" in result.stdout


@pytest.mark.parametrize("group", ["db", "pledge", "milestone", "term", "delivery"])
def test_every_group_has_help_with_an_example(run, group):
    result = run(group, "--help")
    assert result.exit_code == 0, result.output
    assert f"Example: agreements {group} " in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_readme_section(command):
    assert f"\n### agreements {command}\n" in README


def test_ci_runs_the_readmes_test_command():
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    assert len(commands) >= 2
    install_and_run, install_and_test = commands[0], commands[1]
    assert install_and_run.endswith("agreements progress")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def documented_columns():
    """The columns the README documents, table by table, in order."""
    tables = {}
    for name, body in re.findall(
        r"#### `(\w+)`\n(.*?)(?=\n#### |\n## |\nFor example)", README, re.S
    ):
        tables[name] = re.findall(r"^\| `(\w+)` \|", body, re.M)
    return tables


DERIVED = ("progress", "years", "party_years", "promised_done", "signings_by_month")


def test_the_documented_schema_is_the_real_one(run, seeded, tmp_path):
    documented = documented_columns()
    assert set(documented) == {
        "parties", "pledges", "milestones", "terms", "deliveries", "events", "settings",
        "_sqlite_migrations",
        *DERIVED,
    }  # fmt: skip
    stored = {name: columns for name, columns in documented.items() if name not in DERIVED}
    with sqlite3.connect(seeded) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == set(stored) | {"sqlite_sequence"}  # SQLite's own (AUTOINCREMENT)
        for table, columns in stored.items():
            assert [r[1] for r in conn.execute(f"PRAGMA table_info({table})")] == columns, table
    # The derived tables are in the copy serve publishes, as documented.
    copy = tmp_path / "published.db"
    assert run("serve", "--copy", str(copy)).exit_code == 0
    with sqlite3.connect(copy) as conn:
        for table in DERIVED:
            assert [r[1] for r in conn.execute(f"PRAGMA table_info({table})")] == (
                documented[table]), table  # fmt: skip


def test_the_readme_example_query_runs(seeded):
    query = re.search(r'sqlite3 agreements.db "(.+?)"', README, re.S).group(1)
    with sqlite3.connect(seeded) as conn:
        months = dict(conn.execute(query).fetchall())
    assert months["2024-05"] == 6 and sum(months.values()) == 23
