"""`remove`, `undo` and `show`: every change can be reverted, and one party seen in full."""

import json

import pytest

from conftest import dump


def test_remove_then_undo_restores_the_party_exactly(run):
    before = run.json("list")
    result = run("remove", "Poland", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Removed Poland (PL). Undo with: agreements undo\n"
    assert "PL" not in {r["code"] for r in run.json("list")}
    undone = run("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert undone.stdout.startswith("Reverted the remove of Poland (PL)")
    assert run.json("list") == before


def test_undo_after_an_update_restores_the_previous_values_exactly(run):
    run("add", "Czechia", "--status", "negotiating", "--note", "talks")
    before = run.json("list")
    run("update", "Czechia", "--status", "signed", "--signed-on", "2024-07-18",
        "--amount", "1bn", "--currency", "CZK", "--clear", "note")  # fmt: skip
    assert run.json("list") != before
    assert run("undo").exit_code == 0  # no terminal on stdin: no question
    assert run.json("list") == before


def test_successive_undos_walk_back_and_stop_at_the_seed(run, seeded):
    seed_rows = run.json("list")
    run("add", "Czechia", "--status", "negotiating")
    run("update", "Czechia", "--status", "signed")
    run("remove", "Czechia")
    for _ in range(3):
        assert run("undo").exit_code == 0
    assert run.json("list") == seed_rows
    before = dump(seeded)
    result = run("undo")
    assert result.exit_code == 1
    assert result.stderr == "Error: nothing to undo: no change has been made since the seed\n"
    assert dump(seeded) == before


def test_undo_is_recorded_and_the_past_reads_as_if_the_change_never_happened(run):
    run("add", "Czechia", "--status", "negotiating")
    run("update", "Czechia", "--status", "signed", "--signed-on", "2024-07-18")
    run("undo")
    history = json.loads(run("history", "Czechia", "-f", "json").stdout)
    assert [e["action"] for e in history] == ["undo", "update", "add"]
    on_the_day = run.json("list", "--as-of", "2024-07-18")
    assert "CZ" not in {r["code"] for r in on_the_day}
    from datetime import date

    assert run.json("list", "--as-of", date.today().isoformat()) == run.json("list")


def test_show_gives_every_field_the_rate_and_the_history(run):
    result = run("show", "Germany")
    assert result.exit_code == 0, result.output
    for text in ("Germany", "EUR 7.1 bn (2024, mixed)", "= USD 7.65 bn at 1.0768 USD per EUR",
                 "(ECB rate of 2024-02-16)", "https://pravda.com.ua", "seed"):  # fmt: skip
        assert text in result.stdout
    data = json.loads(run("show", "DE", "--format", "json").stdout)
    assert data["usd_rate"] == "1.0768" and data["usd_rate_date"] == "2024-02-16"
    assert data["value_usd"] == 7_645_280_000  # 7.1 bn x 1.0768
    assert [(p["amount"], p["kind"]) for p in data["pledges"]] == [("7100000000", "mixed")]
    assert [(e["entity"], e["action"]) for e in data["history"]] == [
        ("pledge", "seed"), ("party", "seed"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["remove", "Greece"], 1, "Error: Greece is not tracked, so there is nothing to remove."),
        (["remove", "Narnia"], 2, "Error: unknown country 'Narnia'."),
        (["remove", "Poland", "--on", "someday"], 2, "Error: --on date 'someday' is not a date."),
        (["show", "Greece"], 1, "Error: Greece is not tracked. Use: agreements add Greece"),
        (
            ["show", "Poland", "--format", "csv"],
            2,
            "Error: Invalid value for '--format' / '-f': 'csv' is not one of 'table', 'json', 'ndjson'.",
        ),
    ],
)
def test_remove_and_show_errors_change_nothing(run, seeded, args, code, message):
    before = dump(seeded)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1
    assert dump(seeded) == before


@pytest.mark.parametrize("answer", ["n\n", "\n"])  # no, and the default (just Enter)
@pytest.mark.parametrize("args", [["remove", "Poland"], ["undo"]])
def test_a_terminal_is_asked_and_a_no_changes_nothing(run, seeded, monkeypatch, args, answer):
    from agreements_cli.cli import application as common

    run("update", "Poland", "--note", "edited")  # something to undo
    before = dump(seeded)
    monkeypatch.setattr(common, "_interactive", lambda: True)
    result = run(*args, input=answer)
    assert result.exit_code == 1
    assert "? [y/N]: " in result.stdout and "Poland" in result.stdout
    assert result.stdout.endswith("\nNothing changed.\n") and result.stderr == ""
    assert dump(seeded) == before


def test_yes_skips_the_question_on_a_terminal(run, monkeypatch):
    from agreements_cli.cli import application as common

    monkeypatch.setattr(common, "_interactive", lambda: True)
    result = run("remove", "Poland", "--yes")
    assert result.exit_code == 0, result.output
    assert "?" not in result.stdout


@pytest.mark.parametrize("columns", ["60", "80", "100"])
def test_show_never_splits_a_web_address(run, columns):
    """Croatia's count source (153 characters) was split across lines at 80 and 100 columns."""
    run("import", "--bundled")
    count_source = ("https://my.ua/news/cluster/2024-10-09-v-opu-poiasnili-chomu-ne-zarakhovuiut-"
                    "dogovir-z-khorvatiieiu-do-bezpekovikh-ugod/ec0aea71-4d20-b5e9-db4a-bd1897d2ff12")  # fmt: skip
    lines = run("show", "Croatia", env={"COLUMNS": columns}).stdout.splitlines()
    assert " " * 16 + count_source in lines
    source = "https://kyivindependent.com/ukraine-croatia-bilateral-agreement"
    if columns == "60":  # 16 + 63 characters: under its label
        assert lines[lines.index("Source") + 1] == " " * 16 + source
    else:
        assert f"Source          {source}" in lines
    assert lines[lines.index(" " * 16 + count_source) - 1].endswith(" stayed at 26.")


def test_a_source_too_long_for_its_label_line_goes_whole_under_it(run, seeded):
    lines = run("show", "Germany", env={"COLUMNS": "40"}).stdout.splitlines()
    at = lines.index("Source")
    assert lines[at + 1] == " " * 16 + "https://pravda.com.ua/eng/news/2024/02/16/7442194/"
