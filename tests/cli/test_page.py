"""`progress --html FILE` in process: the page's content, exactly (the browser tests read
it as a reader does, through the installed command)."""

import html
import re
import sqlite3
from datetime import date

import pytest

from agreements_cli.publish import datasette as publish

from conftest import listed, progress

TODAY = date.today().isoformat()


def page_of(run, tmp_path, *args):
    path = tmp_path / "page.html"
    result = run("progress", "--html", str(path), *args)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def cells(markup, table):
    body = re.search(rf'<table class="{table}">.*?<tbody>(.*?)</tbody>', markup, re.S).group(1)
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


@pytest.fixture
def bundled(run, seeded):
    assert run("import", "--bundled").exit_code == 0
    return seeded


def test_the_page_after_the_bundled_data(run, bundled, tmp_path):
    markup = page_of(run, tmp_path)
    title = "Ukraine's bilateral security agreements: 28 of 32 signed"
    assert f"<title>{title}</title>" in markup and f"<h1>{title}</h1>" in markup
    assert '<p class="dated">Last change 2026-06-25, sources checked to 2026-12-07</p>' in markup
    # 28, 3 and 0 of 32.
    assert re.findall(r'<span class="(\w+)" style="width: ([\d.]+)%"></span>', markup) == [
        ("signed", "87.50"), ("negotiating", "9.38"), ("planned", "0.00"),
    ]  # fmt: skip
    assert 'aria-label="28 of 32 signed"' in markup
    legend = re.findall(r'<li><i class="(\w+)"></i>([^<]+)</li>', markup)
    assert legend == [("signed", "signed 28"), ("negotiating", "negotiating 3"),
                      ("planned", "planned 0"), ("rest", "not yet tracked 1")]  # fmt: skip
    assert "<p>Also signed, outside Ukraine's official count: Croatia.</p>" in markup
    # Grants with the agreements (and in EUR), other grants, loans and guarantees, figures
    # of no stated instrument, stating / signed by the year's end: no column adds them up.
    # 2024: Canada's loan (USD 1.78 bn) and Japan's guarantees (USD 3.5 bn) are apart from
    # the grants; 2025 on, fewer than half state one.
    # A sort no party states is blank, as in the terminal's table: unknown, never USD 0.
    assert cells(markup, "money") == [
        ["2024", "USD 30.46 bn", "EUR 28.21 bn", "", "USD 5.28 bn", "", "19 / 27"],
        ["2025 (partial)", "USD 1.17 bn", "EUR 1.11 bn", "USD 22.57 bn", "USD 1.7 bn", "",
         "11 / 28"],
        ["2026 (partial)", "USD 2.45 bn", "EUR 2.26 bn", "USD 30.69 bn", "USD 52.7 bn", "",
         "11 / 28"],
        # Germany's planned EUR 9 bn for 2027, a later figure (facts-2026-12, A).
        ["2027 (partial)", "USD 29.1 m", "EUR 26.8 m", "USD 10.55 bn", "USD 52.7 bn", "",
         "3 / 28"],
        ["2028 (partial)", "USD 29.1 m", "EUR 26.8 m", "", "", "", "1 / 28"],
    ]  # fmt: skip
    parties = cells(markup, "parties")
    assert len(parties) == 32
    # The headline year's money per party: the UK's April-December 2024 of GBP 2.5 bn
    # (9/12 of USD 3.18 bn); Japan's USD 1 bn of grants and USD 3.5 bn of guarantees.
    assert parties[0] == ["United Kingdom", "signed", "2024-01-12", "Kyiv", "USD 2.39 bn", "",
                          "source"]  # fmt: skip
    japan = next(row for row in parties if row[0] == "Japan")
    assert japan[4:6] == ["USD 1 bn", "USD 3.5 bn"]
    croatia = next(row for row in parties if row[0] == "Croatia")
    assert croatia[1] == "signed · outside the official count"
    assert not any("signed · signed" in row[1] for row in parties)
    bulgaria = next(row for row in parties if row[0] == "Bulgaria")
    assert bulgaria[1:3] == ["negotiating · signing called off 2024-12-19", ""]
    assert bulgaria[4] == "none stated"
    assert ('<th class="number">Grants with the agreement, 2024</th><th class="number">Loans, '
            "guarantees, 2024</th><th>Source</th>") in markup  # fmt: skip
    # On a phone each figure says what it is and for which year (the cell's label).
    assert ('<td class="number" data-label="Loans, guarantees, 2024">USD 3.5 bn</td>'
            in markup)  # fmt: skip
    # What the totals count and leave out, beside the Kiel Institute's figures.
    assert "about EUR 80 bn a year of aid allocated in 2022-2024" in " ".join(markup.split())
    assert ('<a href="https://gov.uk/government/news/pm-in-kyiv-uk-support-will-not-falter">'
            "source</a>") in markup  # fmt: skip
    assert (
        "The goal of 32: Zelensky, 15 July 2024: 32 countries with which Ukraine has signed or "
        "is in the process of signing (23 signed, 9 in talks)."
    ) in " ".join(markup.split())
    assert "A total of about USD 38 bn was reported on 2024-07-15 (" in markup
    assert f"<footer><p>Made on {TODAY} with agreements.</p></footer>" in markup
    assert "http://" not in markup and "<script" not in markup and "@import" not in markup


def test_a_past_date_and_no_money(run, seeded, tmp_path):
    markup = page_of(run, tmp_path, "--as-of", "2024-01-05")
    assert "<title>Ukraine's bilateral security agreements: 0 of 32 signed</title>" in markup
    assert '<p class="dated">As of 2024-01-05; data as of 2024-01-05</p>' in markup
    assert (
        "figure: it does not compare with another year.</p>\n<p>No signed party in the official "
        "count states a figure.</p>\n<h2>The parties</h2>" in markup
    )
    assert "Also signed" not in markup
    assert cells(markup, "parties") == []


def test_text_from_the_data_is_escaped_and_only_web_addresses_are_links(run, seeded, tmp_path):
    with sqlite3.connect(seeded) as conn:  # as another program could write them
        conn.execute("UPDATE parties SET place = '<b>Kyiv</b> & co', source = 'javascript:x' "
                     "WHERE code = 'GB'")  # fmt: skip
        conn.execute("UPDATE settings SET value = '<i>basis</i>' WHERE key = 'goal_basis'")
    markup = page_of(run, tmp_path)
    assert "<td>&lt;b&gt;Kyiv&lt;/b&gt; &amp; co</td>" in markup
    assert "<td>javascript:x</td>" in markup and 'href="javascript' not in markup
    assert "The goal of 32: &lt;i&gt;basis&lt;/i&gt;." in markup


def test_a_terms_quote_note_and_source_are_escaped_on_the_page(run, seeded, tmp_path):
    assert run("term", "set", "UK", "legal_form", "--status", "stated", "--value", "political",
               "--quote", "<script>alert(1)</script> & co", "--lang", "en",
               "--note", "<b>bold</b>", "--source", "https://example.org/a?b=1&c=2",
               "--source-kind", "media").exit_code == 0  # fmt: skip
    markup = page_of(run, tmp_path)
    assert "<script>" not in markup and "<b>bold</b>" not in markup
    assert "“&lt;script&gt;alert(1)&lt;/script&gt; &amp; co” (en)" in markup
    assert "&lt;b&gt;bold&lt;/b&gt;" in markup
    assert 'href="https://example.org/a?b=1&amp;c=2"' in markup
    # The cell links to the entry that gives the quote; an unknown term links nowhere.
    [anchor] = re.findall(r'<td data-label="Legal form"><a href="#(term-\d+)">political</a></td>',
                          markup)  # fmt: skip
    assert f'<li id="{anchor}"><b>United Kingdom, Legal form:</b> political.' in markup
    assert '<td data-label="Duration">unknown</td>' in markup


def test_a_goal_for_this_run_on_the_page(run, seeded, tmp_path):
    markup = page_of(run, tmp_path, "--goal", "20")
    assert "23 of 20 signed" in markup and "The goal of 20. Only" in " ".join(markup.split())
    assert re.findall(r'style="width: ([\d.]+)%"', markup) == ["100.00", "0.00", "0.00"]


def test_the_metadata_says_what_people_need(run, seeded):
    described = publish.metadata("agreements")
    assert described["title"] == "Ukraine's bilateral security agreements"
    # The data's licence, not the software's (MIT).
    assert described["license"] == "CC BY 4.0"
    assert described["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert described["source"].startswith("the public page each row cites (its source column)")
    assert "goal of 32" in described["description_html"]
    database = described["databases"]["agreements"]
    tables = database["tables"]
    assert set(tables) == {"parties", "pledges", "milestones", "terms", "deliveries", "events",
                           "settings", "progress", "years", "party_years", "promised_done",
                           "signings_by_month", "_sqlite_migrations"}  # fmt: skip
    assert tables["_sqlite_migrations"] == {"hidden": True}
    assert tables["parties"]["label_column"] == "country"
    # Parties by signing date, the newest first (the unsigned after them); the change log
    # newest first, linked from the front page rather than listed first on it.
    assert tables["parties"]["sort_desc"] == "signed_on"
    assert (tables["events"]["sort_desc"], tables["events"]["hidden"]) == ("id", True)
    assert "label_column" not in tables["pledges"] and "sort" not in tables["pledges"]
    assert tables["parties"]["description"] == "One row per tracked party."
    # A pledge is faceted by every year it covers, not by its first.
    assert (tables["parties"]["facets"], tables["pledges"]["facets"]) == (
        ["status", "counted", "kind"], ["kind", "instrument", {"array": "years"}]
    )  # fmt: skip
    assert tables["terms"]["facets"] == ["term", "status", "value", "source_kind"]
    assert tables["terms"]["columns"]["status"].startswith("stated, not_stated (the text was read")
    assert tables["pledges"]["columns"]["usd_rate"].startswith("US dollars per unit of currency")
    assert tables["pledges"]["columns"]["years"].startswith("every year the pledge covers")
    assert tables["years"]["columns"]["partial"].startswith("true when fewer than half")
    assert set(database["queries"]) == {"progress_toward_the_goal", "signings_by_month",
                                        "pledges_by_year"}  # fmt: skip
    assert all(q["hide_sql"] is True for q in database["queries"].values())
    assert [q["title"] for q in database["queries"].values()] == [
        "Progress toward the goal", "Signings by month", "Pledges by year",
    ]  # fmt: skip
    # Each reads a table the library wrote: no query adds up the money again.
    assert [q["sql"] for q in database["queries"].values()] == [
        "SELECT * FROM progress", "SELECT * FROM signings_by_month ORDER BY month",
        "SELECT * FROM years ORDER BY year",
    ]  # fmt: skip
    # Every page carries the licence and the data's date, canned queries included.
    for page in (
        described,
        database,
        *database["queries"].values(),
        *(t for name, t in tables.items() if name != "_sqlite_migrations"),
    ):
        assert (page["license"], page["source"]) == (described["license"], described["source"])
    assert publish.metadata_json("x").startswith('{\n  "title": "Ukraine\'s bilateral')


def test_the_canned_queries_on_the_bundled_data(run, bundled, tmp_path):
    queries = publish.QUERIES
    copy = tmp_path / "published.db"
    assert run("serve", "--copy", str(copy)).exit_code == 0
    with sqlite3.connect(copy) as conn:
        conn.row_factory = sqlite3.Row

        def ask(name):
            return [dict(row) for row in conn.execute(queries[name]["sql"])]

        (progress,) = ask("progress_toward_the_goal")
        assert {k: progress[k] for k in ("signed", "negotiating", "planned", "goal",
                                          "signed_outside_count")} == {
            "signed": 28, "negotiating": 3, "planned": 0, "goal": 32, "signed_outside_count": 1
        }  # fmt: skip
        # As progress counts them (its table, and the page's), in USD bn: grants with the
        # agreements, other grants, loans and guarantees, figures of no stated instrument
        # (None: no party states one); the parties stating a figure, those signed by the
        # year's end, and whether the year is partial (fewer than half state one).
        names = ("tied_grant_value_usd", "other_grant_value_usd", "loan_and_guarantee_value_usd",
                 "unstated_instrument_value_usd")  # fmt: skip
        by_year = {
            row["year"]: (*(None if row[n] is None else round(row[n] / 1e9, 2) for n in names),
                          row["parties_with_value"], row["parties_signed_by_year_end"],
                          row["partial"])
            for row in ask("pledges_by_year")
        }  # fmt: skip
        assert by_year == {2024: (30.46, None, 5.28, None, 19, 27, 0),
                           2025: (1.17, 22.57, 1.7, None, 11, 28, 1),
                           2026: (2.45, 30.69, 52.7, None, 11, 28, 1),
                           2027: (0.03, 10.55, 52.7, None, 3, 28, 1),
                           2028: (0.03, None, None, None, 1, 28, 1)}  # fmt: skip
        months = ask("signings_by_month")
        assert (months[0]["month"], months[0]["signed"], months[0]["parties"]) == (
            "2024-01", 1, "United Kingdom")  # fmt: skip
        assert (months[-1]["month"], months[-1]["parties"]) == ("2026-06", "")  # to the data
        january = next(m for m in months if m["month"] == "2025-01")
        assert (january["signed"], january["parties"], january["total"]) == (1, "Albania", 28)
        october = next(m for m in months if m["month"] == "2024-10")
        # Croatia is outside the official count: named apart, adding nothing.
        assert (october["parties"], october["outside_count"]) == ("Greece", "Croatia")
        assert sum(m["signed"] for m in months) == 28


SUMMARY = {
    "goal": 4, "signed": 1, "negotiating": 1, "planned": 1, "untracked": 1,
    "outside_count": [], "goal_basis": None, "reported_value_usd": None,
    "reported_value_as_of": None, "reported_value_source": None, "as_of": None,
    "data_as_of": None,
    "year": 2024,
    # USD 2 bn of grants stated with the agreement, a loan of USD 500 m.
    "pledged_by_year": [{"year": 2024, "value_usd": 2_500_000_000, "spread_value_usd": 0,
                         "parties_with_value": 1, "parties_without_value": 0,
                         "by_kind": {"military": 2_000_000_000, "financial": 500_000_000},
                         "grant_value_usd": 2_000_000_000, "tied_grant_value_usd": 2_000_000_000,
                         "loan_value_usd": 500_000_000, "value_eur": 2_300_000_000,
                         "loan_and_guarantee_value_usd": 500_000_000,
                         "parties_signed_by_year_end": 1}],
}  # fmt: skip
ROW = {"code": "CZ", "country": "Czechia", "status": "signed", "stage": None, "counted": True,
       "signed_on": "2024-07-18", "place": "Woodstock", "source": 'https://example.org/a"b'}  # fmt: skip


def test_the_page_is_made_of_exactly_its_parts():
    from agreements_cli.publish.page import progress_page

    rows = [listed(ROW), listed({**ROW, "code": "SI", "country": "Slovenia", "source": None})]
    markup = progress_page(progress(SUMMARY), rows, date(2024, 7, 20))
    assert (
        '<p class="dated">Data undated</p>\n'
        '<div class="bar" role="img" aria-label="1 of 4 signed">'
        '<span class="signed" style="width: 25.00%"></span>'
        '<span class="negotiating" style="width: 25.00%"></span>'
        '<span class="planned" style="width: 25.00%"></span></div>'
        '<ul class="legend"><li><i class="signed"></i>signed 1</li>'
        '<li><i class="negotiating"></i>negotiating 1</li><li><i class="planned"></i>planned 1</li>'
        '<li><i class="rest"></i>not yet tracked 1</li></ul>\n\n'
        "<h2>Money pledged per year</h2>"
    ) in markup
    assert (
        "<p>USD 2 bn in grants stated with the agreements for 2024, + USD 500 m in loans and "
        "guarantees; the one party signed by the end of 2024 states a figure.</p>"
    ) in markup
    assert (
        '<table class="money"><thead><tr><th>Year</th>'
        '<th class="number">Grants with the agreements</th><th class="number">The same in EUR</th>'
        '<th class="number">Other grants</th><th class="number">Loans, guarantees</th>'
        '<th class="number">Instrument not stated</th><th class="number">Stating / signed</th>'
        "</tr></thead><tbody>"
        '<tr><td class="year">2024</td>'
        '<td class="number" data-label="Grants with the agreements">USD 2 bn</td>'
        '<td class="number" data-label="The same in EUR">unknown</td>'
        '<td class="number" data-label="Other grants"></td>'
        '<td class="number" data-label="Loans, guarantees">USD 500 m</td>'
        '<td class="number" data-label="Instrument not stated"></td>'
        '<td class="number" data-label="Stating / signed">1 / 1</td></tr></tbody></table>\n'
        "<h2>The parties</h2>\n"
        '<table class="parties"><thead><tr><th>Party</th><th>Status</th><th>Signed on</th>'
        '<th>Place</th><th class="number">Grants with the agreement, 2024</th>'
        "<th>Source</th></tr></thead><tbody>"
        '<tr><td class="country">Czechia</td><td>signed</td><td class="date">2024-07-18</td>'
        '<td>Woodstock</td><td class="number" data-label="Grants with the agreement, 2024">'
        "none stated</td>"
        '<td><a href="https://example.org/a&quot;b">source</a></td></tr>'
        '<tr><td class="country">Slovenia</td><td>signed</td><td class="date">2024-07-18</td>'
        '<td>Woodstock</td><td class="number" data-label="Grants with the agreement, 2024">'
        "none stated</td><td></td></tr></tbody></table>\n"
    ) in markup
    assert "The goal of 4. Only" in " ".join(markup.split())
    assert "reported on" not in markup
    assert "its source; a figure no source states is left out, not guessed.</p>\n" in markup
    assert "with loans and guarantees apart\n(<a href" in markup  # the note on method
    assert "</a>).</p>\n<footer>" in markup
    assert "<footer><p>Made on 2024-07-20 with agreements.</p></footer>" in markup


def test_the_page_with_a_reported_total_and_an_unknown_year():
    from agreements_cli.publish.page import _usd, progress_page

    summary = {**SUMMARY, "reported_value_usd": 38_000_000_000,
               "reported_value_as_of": "2024-07-15",
               "reported_value_source": "https://example.org/reported", "pledged_by_year": []}  # fmt: skip
    summary["outside_count"] = [{"country": "Croatia"}, {"country": "Narnia & Co"}]
    summary["pledged_by_year"] = SUMMARY["pledged_by_year"] * 2
    markup = progress_page(progress(summary), [], date(2024, 7, 20))
    assert (
        "<p>Also signed, outside Ukraine's official count: Croatia, Narnia &amp; Co.</p>" in markup
    )
    assert '>1 / 1</td></tr><tr><td class="year">2024</td>' in markup
    assert (
        " A total of about USD 38 bn was reported on 2024-07-15 "
        '(<a href="https://example.org/reported">source</a>); no source breaks it down.</p>'
    ) in markup
    assert _usd(None) == "unknown" and _usd(5_000_000) == "USD 5 m"


def test_the_metadata_in_words():
    described = publish.metadata("agreements")
    assert described["description_html"].startswith(
        "<p>Who has signed a bilateral security agreement with Ukraine under the G7 Joint "
        "Declaration of Support (Vilnius, 12 July 2023), when, where, for how much, and how far "
        "Ukraine is from its goal of 32. Every row names the public page its facts come from; a "
        "figure no source states is left out, not guessed. Compiled with agreements from the "
        "sources each record cites (its source, count_source): credit them, and this data set, "
        "when you publish from it.</p><ul>"
        '<li><a href="/agreements/progress_toward_the_goal">Progress toward the goal</a></li>'
    )
    assert described["source"] == (
        "the public page each row cites (its source column), compiled with agreements; no data yet"
    )
    assert described["databases"]["agreements"]["description"] == (
        "Kept with the agreements command-line tracker; read-only here. No data yet."
    )
    summary = progress({**SUMMARY, "data_as_of": "2026-02-13", "sources_checked": "2026-07-05"})
    dated = publish.metadata("agreements", summary)
    assert dated["source"].endswith("; data as of 2026-02-13, sources checked to 2026-07-05")
    # The front page leads with the headline: the count, and the money as progress says it.
    assert dated["description_html"].startswith(
        "<p><strong>1 of 4 signed</strong> (data as of 2026-02-13, sources checked to "
        "2026-07-05). Pledged: USD 2 bn in grants stated with the agreements for 2024, + USD "
        "500 m in loans and guarantees; the one party signed by the end of 2024 states a "
        "figure.</p><p>Who has signed"
    )
    # A name that is not safe in an address gets one that is.
    assert '<a href="/my-file/parties">' in publish.metadata("my file!")["description_html"]
    assert dated["databases"]["agreements"]["description"].endswith(
        "Data as of 2026-02-13, sources checked to 2026-07-05."
    )
