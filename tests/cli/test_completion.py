"""Shell completion, through Typer's own completion mechanism (the variables a shell sets)."""

import pytest

from conftest import assert_refused


def complete(run, line):
    result = run(env={"_AGREEMENTS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", ["update", "remove", "show", "history"])
def test_tracked_parties_complete_for_commands_on_tracked_parties(run, seeded, command):
    out = complete(run, f"agreements {command} Ge")
    assert '"Germany"' in out
    assert "Georgia" not in out  # not tracked


def test_lower_case_prefixes_keep_their_case(run, seeded):
    assert '"germany"' in complete(run, "agreements show ge")


def test_codes_complete_too(run, seeded):
    assert '"DE"' in complete(run, "agreements show D")


def test_add_completes_every_name_and_alias(run, seeded):
    out = complete(run, "agreements add Cze")
    assert '"Czechia"' in out and '"Czech Republic"' in out
    assert '"Kosovo"' in complete(run, "agreements add Kos")
    assert '"European Union"' in complete(run, "agreements add Europ")


def test_statuses_complete(run, seeded):
    assert '"negotiating"' in complete(run, "agreements update Poland --status n")
    out = complete(run, "agreements list --status ")
    assert all(f'"{s}"' in out for s in ("signed", "negotiating", "planned"))


def test_currencies_complete(run, seeded):
    out = complete(run, "agreements add Czechia --status planned --amount 5 --currency E")
    assert '"EUR"' in out


def test_sort_fields_complete(run, seeded):
    out = complete(run, "agreements list --sort ")
    assert all(f'"{f}"' in out for f in ("signed_on", "country", "code", "status", "value_usd"))


def test_completion_never_creates_a_database(run, db_path):
    complete(run, "agreements show Ge")
    assert not db_path.exists()


def test_show_completion_script_for_each_shell(run):
    for shell in ("bash", "zsh", "fish"):
        result = run("--show-completion", shell)
        assert result.exit_code == 0, result.output
        assert "_AGREEMENTS_COMPLETE" in result.stdout


def test_completion_passes_no_control_character_or_blob_to_the_shell(run, seeded):
    import sqlite3

    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE parties SET country = 'Ge\x1b]0;owned\x07rmany' WHERE code = 'DE'")
        conn.execute("UPDATE parties SET country = ? WHERE code = 'FR'", (b"Ge\xff",))
        conn.execute("UPDATE parties SET country = 'Ge\u202eorgia' WHERE code = 'PL'")
    out = complete(run, "agreements show Ge")
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Ge" not in out  # none of the three is offered
    assert '"Italy"' in complete(run, "agreements show It")  # the others still are


def test_completion_does_not_wait_on_a_locked_database(run, seeded):
    import time

    from conftest import held_exclusively

    with held_exclusively(seeded):
        started = time.monotonic()
        out = complete(run, "agreements show Ge")
        waited = time.monotonic() - started
    assert "Germany" not in out  # nothing offered rather than a wait (SQLite: 5 s)
    assert waited < 3


def test_zsh_is_offered_only_names_its_quotes_can_carry(run, seeded):
    """Typer writes zsh's candidates inside quotes: a name with shell syntax, an apostrophe
    or parentheses is left out there (bash gets those escaped: test_completion_shell)."""
    import sqlite3

    assert (
        complete(run, "agreements add North\\ Mac") == "_arguments '*: :((\"North Macedonia\"))'\n"
    )
    assert "Ivoire" not in complete(run, "agreements add Côte")
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE parties SET country = 'Germany $(touch x)' WHERE code = 'DE'")
        conn.execute("UPDATE parties SET country = 'Georgia\"; rm -rf ~' WHERE code = 'FR'")
    assert "Ge" not in complete(run, "agreements show Ge")
    assert '"Italy"' in complete(run, "agreements show It")


def test_bash_gets_each_candidate_escaped_as_one_word(run, seeded):
    result = run(env={"_AGREEMENTS_COMPLETE": "complete_bash", "COMP_WORDS": "agreements add Côte",
                      "COMP_CWORD": "2"})  # fmt: skip
    assert result.stdout == "Côte\\ d\\'Ivoire\n"
    result = run(env={"_AGREEMENTS_COMPLETE": "complete_bash",
                      "COMP_WORDS": "agreements milestone add Germany sig", "COMP_CWORD": "4"})  # fmt: skip
    assert "signing\\ called\\ off" in result.stdout.splitlines()


@pytest.mark.parametrize("before", [["--db", "other.db"], ["--db=other.db"]])
def test_a_named_shell_is_heard_after_a_global_option(run, before):
    """`agreements --db FILE --show-completion zsh` printed the bash script."""
    assert run(*before, "--show-completion", "zsh").stdout.startswith("#compdef agreements\n")
    assert run(*before, "--show-completion", "fish").stdout.startswith(
        "complete --command agreements"
    )
    refused = run(*before, "--show-completion", "tcsh")
    assert refused.exit_code == 2
    assert (
        refused.stderr == "Error: unknown shell 'tcsh'. Use one of: bash, zsh, fish, powershell\n"
    )


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
