"""`agreements list` through the real CLI: its fields, order, filters, sorts, the year's
money, and every format."""

import csv
import io

LIST_KEYS = {
    "code", "country", "kind", "status", "signed_on", "place", "amount", "currency",
    "period", "value_usd", "source", "note",
}  # fmt: skip


def test_list_json_contract(run):
    rows = run.json("list")
    assert len(rows) == 23
    for row in rows:
        assert set(row) >= LIST_KEYS
        assert row["kind"] in ("state", "organisation")
        assert row["amount"] is None or isinstance(row["amount"], str)
        assert row["value_usd"] is None or isinstance(row["value_usd"], int)
    eu = next(row for row in rows if row["code"] == "EU")
    assert (eu["country"], eu["kind"]) == ("European Union", "organisation")


def test_list_is_ordered_by_signing_date_then_name(run):
    # The seed's signing dates (agreements-facts.md); a tie goes by the name in English.
    assert [(r["code"], r["signed_on"]) for r in run.json("list")] == [
        ("GB", "2024-01-12"), ("FR", "2024-02-16"), ("DE", "2024-02-16"), ("DK", "2024-02-23"),
        ("CA", "2024-02-24"), ("IT", "2024-02-24"), ("NL", "2024-03-01"), ("FI", "2024-04-03"),
        ("LV", "2024-04-11"), ("ES", "2024-05-27"), ("BE", "2024-05-28"), ("PT", "2024-05-28"),
        ("IS", "2024-05-31"), ("NO", "2024-05-31"), ("SE", "2024-05-31"), ("JP", "2024-06-13"),
        ("US", "2024-06-13"), ("EE", "2024-06-27"), ("EU", "2024-06-27"), ("LT", "2024-06-27"),
        ("PL", "2024-07-08"), ("LU", "2024-07-10"), ("RO", "2024-07-11"),
    ]  # fmt: skip


def test_list_status_filter_is_repeatable_and_case_insensitive(run):
    run("add", "Czechia", "--status", "negotiating")
    run("add", "Bulgaria", "--status", "planned")
    assert [r["code"] for r in run.json("list", "--status", "Negotiating")] == ["CZ"]
    both = run.json("list", "-s", "negotiating", "-s", "planned")
    assert sorted(r["code"] for r in both) == ["BG", "CZ"]
    assert len(run.json("list", "--status", "signed")) == 23


def test_list_sort_by_value_puts_unknown_last(run):
    # The seed's grants with the agreements for 2024 in USD, at the ECB rate of each
    # announcement, largest first: the United Kingdom's GBP 2.5 bn of 2024-04 to 2025-03 by
    # its 9 months of 2024 (3,182,664,340 * 9 / 12), Canada's CAD 320 m of grants without
    # its CAD 2.4 bn of loans, Latvia's EUR 112 m and EUR 5 m a year together. Japan's
    # USD 4.5 bn, whose instrument the seed does not state, is no grant; the six that state
    # no figure follow it, by name.
    assert [(r["code"], r["value_usd"]) for r in run.json("list", "--sort", "value_usd")] == [
        ("DE", 7_645_280_000), ("EU", 5_348_000_000), ("FR", 3_230_400_000),
        ("GB", 2_386_998_255), ("SE", 2_327_530_625), ("NL", 2_162_600_000),
        ("DK", 1_950_120_000), ("NO", 1_287_024_510), ("ES", 1_084_300_000),
        ("BE", 1_063_171_400), ("CA", 237_669_157), ("PT", 137_113_200),
        ("LV", 125_529_300), ("EE", 106_960_000), ("LU", 86_600_000), ("IS", 29_113_347),
        ("FI", None), ("IT", None), ("JP", None), ("LT", None), ("PL", None), ("RO", None),
        ("US", None),
    ]  # fmt: skip
    japan = run.party("JP")
    assert (japan["year"], japan["year_unstated_value_usd"]) == (2024, 4_500_000_000)


def test_list_csv_has_every_field_and_row(run):
    result = run("list", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 23
    assert set(rows[0]) >= LIST_KEYS
    italy = next(r for r in rows if r["code"] == "IT")
    assert italy["amount"] == "" and italy["value_usd"] == ""


def test_list_markdown_is_a_table(run):
    result = run("list", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| Country | Status | Signed |")
    assert lines[1].startswith("|---|")
    assert len(lines) == 2 + 23 + 2
    assert lines[0].endswith(
        "| Grants with the agreement, 2024 (USD) | Loans, guarantees, 2024 "
        "(USD) | Instrument not stated, 2024 (USD) | Source |"
    )
    assert lines[4] == (
        "| Germany | signed | 2024-02-16 | Berlin | 7.65 bn |  |  | "
        "https://pravda.com.ua/eng/news/2024/02/16/7442194/ |"
    )
    assert lines[-2:] == ["", "Data as of 2024-07-15."]


def test_list_table_shows_names_pledges_and_unknown(run):
    result = run("list")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "23 tracked parties" in out
    # Each party's money for the headline year, the column saying which; a party that
    # states nothing for it says so.
    for text in ("United Kingdom", "2.39 bn", "European Union", "none stated", "2024, USD"):
        assert text in out
    assert "\x1b[" not in out  # not a terminal: no escape codes


def test_the_list_gives_each_partys_money_for_the_year_each_sort_apart(run):
    lines = run("list", env={"COLUMNS": "130"}).stdout.splitlines()
    # Sweden: SEK 25 bn a year for 2024-2026, its 2024; Latvia: EUR 112 m and EUR 5 m a year
    # together; the United Kingdom's financial year 2024/25: its 9 months of 2024; Canada's
    # grants apart from its loans; Japan's figure of no stated instrument apart from both.
    for line in (
        "│ Sweden         │ signed │ 2024-05-31 │ Stockholm (Nordic-Ukraine summit) │       "
        "2.33 bn │            │            │",
        "│ Latvia         │ signed │ 2024-04-11 │ Vilnius (Three Seas summit)       │       "
        "125.5 m │            │            │",
        "│ United Kingdom │ signed │ 2024-01-12 │ Kyiv                              │       "
        "2.39 bn │            │            │",
        "│ Canada         │ signed │ 2024-02-24 │ Kyiv                              │       "
        "237.7 m │    1.78 bn │            │",
        "│ Japan          │ signed │ 2024-06-13 │ Fasano, Apulia, Italy (G7 summit) │       "
        "        │            │     4.5 bn │",
    ):
        assert line in lines


def test_markdown_escapes_what_would_break_a_row(run, seeded):
    import sqlite3

    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE parties SET place = 'C:\\x|y' WHERE code = 'GB'")
        conn.execute("UPDATE parties SET place = 'two' || char(10) || 'lines' WHERE code = 'FR'")
    result = run("list", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].startswith("| United Kingdom | signed | 2024-01-12 | C:\\\\x\\|y | 2.39 bn |")
    assert lines[3].startswith("| France | signed | 2024-02-16 | two lines | 3.23 bn |")


def test_csv_lines_end_in_a_line_feed_alone(run, seeded):
    result = run("list", "--format", "csv")
    assert result.exit_code == 0
    assert b"\r" not in result.stdout_bytes
    assert result.stdout_bytes.count(b"\n") == 24  # the header and 23 parties
