"""The bundled seed: the 23 parties signed by 15 July 2024, each with its source."""

import json
from datetime import date

from agreements_cli import countries
from agreements_cli.dataset import bundled_seed_path, load_bundled_seed

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
    assert unknown == NO_STATED_FIGURE
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
    for party in seed_json()["parties"]:
        assert party.get("amount") is None or isinstance(party["amount"], str)


def test_seed_is_stored_with_a_change_log_event_per_party(seeded):
    import sqlite3

    with sqlite3.connect(seeded) as conn:
        events = conn.execute("SELECT code, action, effective_on FROM events").fetchall()
    assert sorted((c, d) for c, a, d in events) == sorted(SIGNED_BY_2024_07_15.items())
    assert {a for _, a, _ in events} == {"seed"}


def test_loading_the_seed_converts_each_pledge_at_its_signing_date():
    seed = load_bundled_seed()
    by_code = {row["code"]: row for row, _ in seed.rows}
    germany = by_code["DE"]
    # ECB reference rate of 2024-02-16: 1 EUR = 1.0768 USD.
    assert germany["usd_rate_date"] == "2024-02-16"
    assert germany["value_usd"] == 7_645_280_000
    canada = by_code["CA"]  # signed on a Saturday: the Friday's rate
    assert canada["usd_rate_date"] == "2024-02-23"
    assert date.fromisoformat(canada["usd_rate_date"]) < date.fromisoformat(canada["signed_on"])
