"""The library's errors say what is wrong; the CLI words what would put it right."""

import re
from pathlib import Path

import pytest

from agreements_cli.cli.advice import ADVICE, message
from agreements_cli.errors import AgreementsError, BadInput, Fix

LIBRARY = Path(__file__).resolve().parents[2] / "agreements_cli"


def test_every_fix_has_its_advice():
    assert set(ADVICE) == set(Fix)


def test_the_advice_follows_the_reason_with_its_values_quoted_for_the_shell():
    error = AgreementsError("Germany already has the pledge X", Fix.SEE_ITEMS,
                            entity="pledge", code="DE; rm -rf x")  # fmt: skip
    assert (
        message(error)
        == "Germany already has the pledge X. See: agreements pledge list 'DE; rm -rf x'"
    )
    assert message(AgreementsError("no advice")) == "no advice"


def test_an_error_said_of_a_record_keeps_its_fix_and_exit_code():
    error = BadInput("a currency or period was given without an amount", Fix.GIVE_AMOUNT)
    within = error.within("record 3 (DE)")
    assert isinstance(within, BadInput) and within.exit_code == 2
    assert message(within) == (
        "record 3 (DE): a currency or period was given without an amount. Add --amount"
    )


@pytest.mark.parametrize(
    "path", sorted(p for p in LIBRARY.rglob("*.py") if "cli" not in p.relative_to(LIBRARY).parts)
)
def test_nothing_below_the_cli_names_an_option_or_the_environment_in_an_error(path):
    """An option (`--db`) or AGREEMENTS_DB inside a string of an error raised below the CLI."""
    text = path.read_text(encoding="utf-8")
    raised = re.findall(r"(?:raise|return) \w+\((.*?)\)\s*(?:from None)?\n", text, re.S)
    assert not [r for r in raised if re.search(r"\s--[a-z]|AGREEMENTS_DB", r)], path
