"""The README and the help stay true to the code."""

import re

import pytest

from agreements_cli.cli import app

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)


def test_commands_are_the_expected_surface():
    assert {"list", "add", "progress"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert f"Example: agreements {command}" in result.stdout


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
