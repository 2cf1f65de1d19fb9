"""Datasette's JSON gives the figures progress prints, to the dollar, on the bundled data and the ledger of months, a replacement, rounding, a cap and no stated instrument (the other surfaces: tests/cli/test_money_on_every_surface.py)."""

import html
import json
import re
from urllib.parse import quote

import pytest

from conftest import EXPECTED, SORTS, dump, fetch, figures, serving


@pytest.mark.installed
def test_datasettes_json_gives_the_figures(run, ledger):
    before = dump(ledger)
    with serving(ledger) as base:
        years = {row["year"]: row for row in json.loads(
            fetch(f"{base}/agreements/pledges_by_year.json?_shape=array"))}  # fmt: skip
        assert {year: figures(years[year]) for year in EXPECTED} == EXPECTED
        for year, expected in EXPECTED.items():
            rows = json.loads(fetch(f"{base}/agreements/party_years.json?_shape=array&_size=max"
                                    f"&year={year}&in_totals=1"))  # fmt: skip
            summed = tuple(
                sum(row[f] for row in rows if row[f] is not None)
                if any(row[f] is not None for row in rows) else None
                for f in (*SORTS, "unstated_value_usd")
            )  # fmt: skip
            assert summed == expected, year
        # The headline, as progress leads with it, on the front page.
        front = html.unescape(fetch(base + "/"))
        assert "28 of 32 signed" in front and "USD 30.46 bn in grants stated with" in front
        # Unknown is blank, booleans are the CLI's words.
        page = fetch(f"{base}/agreements/party_years?year=2029&in_totals=1")
        assert re.search(r'<td class="col-in_totals[^"]*">true</td>', page)
        assert re.search(r'<td class="col-loan_value_usd[^"]*">&nbsp;</td>', page)
        # A pledge is faceted by every year it covers: Sweden's SEK 25 bn a year of 2024-2026
        # is under 2025 too, beside its SEK 40 bn for 2025.
        facet = json.loads(fetch(f"{base}/agreements/pledges.json?_facet_array=years&_size=0"))
        counts = {
            item["value"]: item["count"] for item in facet["facet_results"]["years"]["results"]
        }
        sweden = json.loads(fetch(f"{base}/agreements/pledges.json?_shape=array&code=SE"
                                  f"&years__arraycontains={quote('2025')}"))  # fmt: skip
        assert sorted(p["first_year"] for p in sweden) == [2024, 2025]
        assert counts["2029"] == 2 and counts["2032"] == 2
    assert dump(ledger) == before
