"""The bundled seed: the 23 parties signed by 15 July 2024, each with its source."""

import json
import re

from agreements_cli import countries
from agreements_cli.formats.datafile import bundled_seed_path, load_bundled_seed

# Transcribed from the facts file (agreements-facts.md, rows 1-23), independently of
# data/seed.json, so that a slip in either shows up here.
SIGNED_BY_2024_07_15 = {
    "GB": "2024-01-12", "DE": "2024-02-16", "FR": "2024-02-16", "DK": "2024-02-23",
    "CA": "2024-02-24", "IT": "2024-02-24", "NL": "2024-03-01", "FI": "2024-04-03",
    "LV": "2024-04-11", "ES": "2024-05-27", "BE": "2024-05-28", "PT": "2024-05-28",
    "SE": "2024-05-31", "IS": "2024-05-31", "NO": "2024-05-31", "JP": "2024-06-13",
    "US": "2024-06-13", "EU": "2024-06-27", "EE": "2024-06-27", "LT": "2024-06-27",
    "PL": "2024-07-08", "LU": "2024-07-10", "RO": "2024-07-11",
}  # fmt: skip
# Parties whose agreement states no figure, or only one the facts mark uncertain.
NO_STATED_FIGURE = {"IT", "FI", "US", "LT", "PL", "RO"}


def seed_json() -> dict:
    return json.loads(bundled_seed_path().read_text(encoding="utf-8"))


def test_seed_lists_the_23_signed_parties_with_their_dates(run, seeded):
    rows = run.json("list")
    assert {row["code"]: row["signed_on"] for row in rows} == SIGNED_BY_2024_07_15
    assert {row["status"] for row in rows} == {"signed"}


def test_czechia_is_left_out_for_the_first_add(run, seeded):
    codes = {row["code"] for row in run.json("list")}
    assert "CZ" not in codes


def test_every_party_has_a_web_source(run, seeded):
    rows = run.json("list")
    assert all(row["source"].startswith("https://") for row in rows), rows


def test_parties_without_a_stated_figure_are_unknown_not_zero(run, seeded):
    rows = run.json("list")
    unknown = {row["code"] for row in rows if row["value_usd"] is None}
    # Japan states a figure, but not how it is given: it is no grant, and stands apart.
    assert unknown == NO_STATED_FIGURE | {"JP"}
    japan = next(row for row in rows if row["code"] == "JP")
    assert (japan["year"], japan["year_unstated_value_usd"]) == (2024, 4_500_000_000)
    for row in rows:
        if row["code"] in NO_STATED_FIGURE:
            assert row["amount"] is None and row["currency"] is None
            assert row["note"], f"{row['code']} should say why no amount is given"


def test_seed_names_resolve_to_their_codes():
    for party in seed_json()["parties"]:
        assert countries.resolve(party["country"]).code == party["code"]


def test_seed_metadata_goal_and_reported_value():
    data = seed_json()
    assert data["snapshot"] == "2024-07-15"
    assert data["goal"]["count"] == 32
    assert data["reported_value"]["value_usd"] == 38_000_000_000
    assert data["reported_value"]["source"].startswith("https://")


def test_seed_amounts_are_strings_never_floats():
    pledges = [p for party in seed_json()["parties"] for p in party.get("pledges", [])]
    assert len(pledges) == 19 and all(isinstance(p["amount"], str) for p in pledges)


def test_seed_is_stored_with_a_change_log_event_per_party(seeded):
    import sqlite3

    with sqlite3.connect(seeded) as conn:
        events = conn.execute(
            "SELECT code, action, effective_on FROM events WHERE entity = 'party'"
        ).fetchall()
    assert sorted((c, d) for c, a, d in events) == sorted(SIGNED_BY_2024_07_15.items())
    assert {a for _, a, _ in events} == {"seed"}


def test_loading_the_seed_converts_each_pledge_at_its_signing_date():
    seed = load_bundled_seed()
    (germany,) = seed.pledges["DE"]
    # ECB reference rate of 2024-02-16: 1 EUR = 1.0768 USD.
    assert germany.usd_rate_date == "2024-02-16"
    assert germany.value_usd == 7_645_280_000
    for canada in seed.pledges["CA"]:  # signed on a Saturday: the Friday's rate
        assert (canada.announced_on, canada.usd_rate_date) == ("2024-02-24", "2024-02-23")


# The seed's pledges as the facts files characterise them (agreements-facts.md, rows 1-23;
# agreements-facts-2025.md, sections A9a and B; agreements-facts-2026.md, A5, A6 and B):
# (amount, currency, years, per year, kind, qualifier). The UK's is for the financial year
# April 2024 to March 2025; Canada's CAD 2.4 bn is a loan; Japan's USD 4.5 bn is grants and
# guarantees together, of no one instrument.
SEED_PLEDGES = {
    "GB": [("2500000000", "GBP", 2024, 2025, False, "military", "exact")],
    "DE": [("7100000000", "EUR", 2024, 2024, True, "mixed", "exact")],
    "FR": [("3000000000", "EUR", 2024, 2024, True, "military", "up to")],
    "DK": [("1800000000", "EUR", 2024, 2024, True, "military", "at least")],
    "CA": [("2400000000", "CAD", 2024, 2024, True, "financial", "exact"),
           ("320000000", "CAD", 2024, 2024, True, "military", "exact")],
    "NL": [("2000000000", "EUR", 2024, 2024, True, "military", "exact")],
    "LV": [("112000000", "EUR", 2024, 2024, True, "military", "exact"),
           ("5000000", "EUR", 2024, 2026, True, "humanitarian", "exact")],
    "ES": [("1000000000", "EUR", 2024, 2024, True, "unspecified", "exact")],
    "BE": [("977000000", "EUR", 2024, 2024, True, "military", "at least")],
    "PT": [("126000000", "EUR", 2024, 2024, True, "military", "at least")],
    "SE": [("25000000000", "SEK", 2024, 2026, True, "military", "exact")],
    "IS": [("4000000000", "ISK", 2024, 2028, True, "mixed", "at least")],
    "NO": [("13500000000", "NOK", 2024, 2024, True, "military", "at least")],
    "JP": [("4500000000", "USD", 2024, 2024, True, "mixed", "exact")],
    "EU": [("5000000000", "EUR", 2024, 2024, True, "military", "exact")],
    "EE": [("100000000", "EUR", 2024, 2024, True, "military", "at least")],
    "LU": [("80000000", "EUR", 2024, 2024, True, "military", "exact")],
}  # fmt: skip


def test_the_seeds_pledges_as_the_facts_characterise_them():
    seed = load_bundled_seed()
    fields = ("amount", "currency", "first_year", "last_year", "per_year", "kind", "qualifier")
    stated = {
        code: [tuple(getattr(p, f) for f in fields) for p in pledges]
        for code, pledges in seed.pledges.items()
    }
    assert stated == SEED_PLEDGES
    assert seed.pledges["GB"][0].months == (2024 * 12 + 3, 2025 * 12 + 2)  # April to March
    instruments = {(code, p.amount): p.instrument for code, ps in seed.pledges.items()
                   for p in ps if p.instrument != "grant"}  # fmt: skip
    assert instruments == {("CA", "2400000000"): "loan", ("JP", "4500000000"): None}
    # Every figure of the seed is stated in or with its agreement.
    assert {p.tie for ps in seed.pledges.values() for p in ps} == {"agreement"}
    assert all(p.source.startswith("https://") for ps in seed.pledges.values() for p in ps)
    # Sweden's framework was agreed on 2024-05-22 (interfax), before the signing.
    (sweden,) = seed.pledges["SE"]
    assert sweden.announced_on == "2024-05-22"


def test_the_bundled_file_is_ascii_with_no_date_after_its_snapshot():
    """So it reads alike in any locale, and any day it is loaded on is after all it says."""
    raw = bundled_seed_path().read_bytes()
    assert raw.isascii()
    assert json.loads(raw)["snapshot"] == "2024-07-15"
    dates = set(re.findall(rb'"(\d{4}-\d{2}-\d{2})"', raw))
    assert b"2024-07-11" in dates  # Romania's signing, the last of the 23
    assert max(dates) == b"2024-07-15"  # the snapshot and the reported total's date
