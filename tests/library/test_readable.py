"""How the Datasette plugin (agreements_cli.publish.readable) renders a cell: money with its
unit, a pledge's amount as stated, and whatever it cannot render left to Datasette, so that
no value another program wrote makes a page fail."""

import pytest

from agreements_cli.publish.readable import render_cell


def test_money_and_a_stated_amount_carry_their_unit_and_the_exact_figure():
    assert str(render_cell({}, 3_180_000_000, "value_usd", "pledges", "agreements")) == (
        '<span title="3,180,000,000">USD 3.18 bn</span>'
    )
    assert str(render_cell({"currency": "GBP"}, "2500000000", "amount", "pledges", "x")) == (
        '<span title="2500000000">GBP 2.5 bn</span>'
    )
    assert str(render_cell({}, 1, "per_year", "pledges", "x")) == "true"


class Broken:
    def __getitem__(self, key):
        raise RuntimeError("a row that cannot be read")


@pytest.mark.parametrize(
    "row, value, column",
    [
        ({}, 10**5000, "value_usd"),  # more digits than Python turns into text
        ({"currency": "EUR"}, "1e999999999", "amount"),
        ({"currency": "EUR"}, "NaN", "amount"),
        (Broken(), "5", "amount"),
        ({}, b"\xff", "source"),
    ],
    ids=["huge-int", "huge-amount", "nan", "broken-row", "bytes"],
)
def test_a_value_it_cannot_render_is_left_to_datasette(row, value, column):
    assert render_cell(row, value, column, "pledges", "agreements") is None
