"""The published pages in a real browser: Debian's chromium, headless, at a phone's width
and a desktop's. `.ci/run` installs chromium when it is missing. Screenshots are saved in
screenshots/ for a person to look at."""

import os
import shutil

import pytest

from conftest import ROOT, run_installed, serving

# Every test here checks what the installed command does in another process.
pytestmark = pytest.mark.installed

SHOTS = ROOT / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "chromium is not installed: apt-get install chromium (.ci/run does)"
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


def look(browser, url, width, shot):
    """What a reader sees: the page at ``width``, with its screenshot saved."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    page.screenshot(path=str(SHOTS / shot), full_page=True)
    return page


def no_sideways_scrolling(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def fresh_install(folder):
    """A database made and seeded as on a fresh install (`db init`), and the environment
    that names it (the pages here only read it, so a module shares one)."""
    env = {**os.environ, "AGREEMENTS_DB": str(folder / "agreements.db")}
    result = run_installed("db", "init", env=env, cwd=folder)
    assert result.returncode == 0, result.stderr
    return env


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    env = fresh_install(folder)
    assert run_installed("import", "--bundled", env=env, cwd=folder).returncode == 0
    page = folder / "progress.html"
    result = run_installed("progress", "--html", str(page), env=env, cwd=folder)
    assert result.returncode == 0, result.stderr
    return page


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    fresh_install(folder)
    with serving(folder / "agreements.db") as base:
        yield base


@pytest.mark.parametrize("device", WIDTHS)
def test_the_progress_page_reads_well_on_a_phone_and_a_desktop(browser, published, device):
    page = look(browser, published.as_uri(), WIDTHS[device], f"progress-{device}.png")
    title = "Ukraine's bilateral security agreements: 28 of 32 signed"
    assert page.title() == title
    assert page.inner_text("h1") == title
    assert page.inner_text("p.dated") == "Last change 2026-06-25, sources checked to 2026-12-07"
    assert page.get_attribute("div.bar", "aria-label") == "28 of 32 signed"
    assert page.locator("table.parties tbody tr").count() == 32
    assert page.locator("table.parties tbody tr").first.inner_text().startswith("United Kingdom")
    source = page.locator("table.parties tbody tr").first.locator("a")
    assert source.get_attribute("href") == (
        "https://gov.uk/government/news/pm-in-kyiv-uk-support-will-not-falter"
    )
    # 2024: grants stated with the agreements (and in EUR), then other grants, loans and
    # guarantees, figures of no stated instrument: no column adds them up.
    first_year = page.locator("table.money tbody tr").first.locator("td")
    assert first_year.all_inner_texts()[:6] == [
        "2024",
        "USD 30.46 bn",
        "EUR 28.21 bn",
        "",
        "USD 5.28 bn",
        "",
    ]  # fmt: skip  (a sort nobody states is blank, as in the terminal: never USD 0)
    assert "All" not in page.inner_text("table.money thead")
    # Each party's money for the headline year; its stage with its date, never twice.
    uk = page.locator("table.parties tbody tr").first.inner_text()
    assert "USD 2.39 bn" in uk
    assert "signed · signed" not in page.inner_text("table.parties")
    assert "signing called off 2024-12-19" in page.inner_text("table.parties")
    # On a phone the money is a block a year, each figure with its column's name.
    shown = page.locator("table.money thead").is_visible()
    assert shown is (device == "desktop")
    assert "Made on" in page.inner_text("footer")
    assert no_sideways_scrolling(page)
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_the_page_gives_the_key_terms_each_linked_to_its_quote(browser, published, device):
    page = look(browser, published.as_uri(), WIDTHS[device], f"progress-terms-{device}.png")
    rows = page.locator("table.terms tbody tr")
    assert rows.count() == 29  # the 28 signed in the count, and Croatia (no terms: unknown)
    header = page.locator("table.terms thead th").all_inner_texts()
    assert header == ["Party", "Duration", "NATO", "Consultations", "Legal form", "Money",
                      "Lethal support"]  # fmt: skip
    uk = rows.first.locator("td")
    assert uk.all_inner_texts()[0] == "United Kingdom"
    nato = uk.nth(2).locator("a")
    assert nato.inner_text() == "ends on accession"
    # The cell's link leads to its entry: the quote in its language and the source read.
    entry = page.locator(nato.get_attribute("href"))
    assert "“incorporated into the NATO system” (en)" in entry.inner_text()
    assert entry.locator("a").get_attribute("href") == (
        "https://www.pravda.com.ua/eng/news/2024/01/12/7436957/"
    )
    lithuania = page.locator("table.terms tbody tr", has_text="Lithuania").locator("td")
    assert lithuania.nth(5).inner_text().endswith("gdp share (will seek to)")
    croatia = page.locator("table.terms tbody tr", has_text="Croatia").locator("td")
    assert croatia.nth(1).locator("a").count() == 0  # unknown, nothing to link
    assert page.locator("table.terms thead").is_visible() is (device == "desktop")
    assert no_sideways_scrolling(page)
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_the_page_sets_what_was_done_against_the_pledges(browser, published, device):
    page = look(browser, published.as_uri(), WIDTHS[device], f"progress-done-{device}.png")
    rows = page.locator("table.done tbody tr")
    eu = page.locator("table.done tbody tr", has_text="European Union 2026").locator("td")
    assert [eu.nth(i).inner_text().strip().removeprefix(label).strip() for i, label in
            ((2, "Done:"), (3, "Reported by:"), (5, "Share:"), (6, "State:"))] == [
        "disbursed: loan or guarantee", "donor", "7%", "not yet due"
    ]  # fmt: skip
    assert rows.count() == 9  # every line of a party-year with a figure, in the bundled data
    apart = page.locator("ul.note li", has_text="France").all_inner_texts()
    assert apart == [
        "France: at least EUR 3.8 bn provided (2022-02-24 to 2023-12-31, military, donor); "
        "disputed by the tracker source",
        "France: about EUR 600 m provided (2022-02-24 to 2023-12-31, military, tracker); "
        "disputed by the donor source",
    ]
    assert page.locator("table.done thead").is_visible() is (device == "desktop")
    assert no_sideways_scrolling(page)
    page.close()


def test_the_page_needs_nothing_from_the_network(browser, published):
    page = browser.new_page(viewport={"width": 375, "height": 900})
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(published.as_uri())
    assert asked == [published.as_uri()]
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize(
    ("path", "heading"),
    [("/", "Ukraine's bilateral security agreements"), ("/agreements/parties", "parties"),
     ("/agreements/pledges_by_year", "Pledges by year")],
)  # fmt: skip
def test_the_served_pages_read_well_too(browser, served, device, path, heading):
    name = path.strip("/").replace("/", "-") or "home"
    page = look(browser, served + path, WIDTHS[device], f"serve-{name}-{device}.png")
    assert heading in page.inner_text("h1")
    assert no_sideways_scrolling(page)
    if path == "/agreements/parties":
        assert page.locator("table.rows-and-columns tbody tr").count() == 23
    page.close()


@pytest.fixture(scope="module")
def served_bundled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served-bundled")
    env = fresh_install(folder)
    assert run_installed("import", "--bundled", env=env, cwd=folder).returncode == 0
    with serving(folder / "agreements.db") as base:
        yield base


# The tables of the bundled data and their rows: 32 parties, 42 pledges, 30 milestones, the
# first page of its 197 terms (Datasette shows 100 rows a page) and 16 figures of what was done.
TABLES = {"parties": 32, "pledges": 42, "milestones": 30, "terms": 100, "deliveries": 16}


def box(page, selector):
    return page.evaluate(
        f"(() => {{ const b = document.querySelector({selector!r}).getBoundingClientRect(); "
        "return {left: b.left, right: b.right, top: b.top, width: b.width}; })()"
    )


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("table", TABLES)
def test_each_served_table_fits_the_window_and_reads_as_people_write(
    browser, served_bundled, device, table
):
    page = look(browser, f"{served_bundled}/agreements/{table}", WIDTHS[device],
                f"serve-{table}-{device}.png")  # fmt: skip
    window = page.evaluate("window.innerWidth")
    # The table itself, not only the page: its right edge is inside the window.
    drawn = box(page, "table.rows-and-columns")
    assert drawn["left"] >= 0 and drawn["right"] <= window, (drawn, window)
    assert no_sideways_scrolling(page)
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == TABLES[table]
    heights = page.evaluate(
        "[...document.querySelectorAll('table.rows-and-columns tbody tr')]"
        ".map(r => r.getBoundingClientRect().height)"
    )
    if device == "desktop":  # a note wraps within its column; no row is a page long
        assert max(heights) <= 450, max(heights)
    # The table comes before the column dictionary, which follows it.
    assert drawn["top"] < box(page, "dl.column-descriptions")["top"]
    # The data's date and licence on the page.
    footer = page.inner_text("footer")
    assert "data as of 2026-06-25, sources checked to 2026-12-07" in footer
    assert page.locator("footer a", has_text="CC BY 4.0").get_attribute("href") == (
        "https://creativecommons.org/licenses/by/4.0/"
    )
    first = rows.first
    if table == "pledges":
        # The party's name beside its code; money with its unit; the stated amount compact.
        text = first.inner_text()
        assert "United Kingdom" in text and "USD 3.18 bn" in text and "GBP 2.5 bn" in text
        assert "3182664340" not in text
        assert first.locator("td.col-value_usd span").get_attribute("title") == "3,182,664,340"
        facets = page.locator(".facet-info").all_inner_texts()
        assert sorted(f.split()[0] for f in facets) == [
            "instrument",
            "kind",
            "years",
        ]  # every year it covers
    if table == "parties":
        facets = page.locator(".facet-info").all_inner_texts()
        assert sorted(f.split()[0] for f in facets) == ["counted", "kind", "status"]
    if table == "terms":
        # Pick a term and the value facet counts the agreements by what they say on it.
        facets = page.locator(".facet-info").all_inner_texts()
        assert sorted(f.split()[0] for f in facets) == ["source_kind", "status", "term", "value"]
        assert "197 rows" in page.inner_text("h3")
        # The clause and the official text's address stay on the term's own page.
        assert not page.locator("th.col-text_url").is_visible()
    if table == "deliveries":
        facets = page.locator(".facet-info").all_inner_texts()
        assert sorted(f.split()[0] for f in facets) == [
            "channel", "cumulative", "measure", "reporter"
        ]  # fmt: skip
        # Money with its unit; true and false as words; the rates on the figure's own page.
        assert first.locator("td.col-amount").inner_text().strip() == "GBP 7.8 bn"
        assert first.locator("td.col-amount span").get_attribute("title") == "7800000000"
        assert first.locator("td.col-value_eur").inner_text().startswith("EUR ")
        assert first.locator("td.col-cumulative").inner_text().strip() in ("true", "false")
        assert not page.locator("th.col-usd_rate").is_visible()
    link = first.locator("td.col-source a")
    assert link.get_attribute("href").startswith("https://")
    assert len(link.inner_text()) <= 36 and link.get_attribute("title") == link.get_attribute(
        "href"
    )
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_the_money_by_year_is_in_units_a_reader_can_quote(browser, served_bundled, device):
    page = look(browser, f"{served_bundled}/agreements/pledges_by_year", WIDTHS[device],
                f"serve-pledges_by_year-bundled-{device}.png")  # fmt: skip
    first = page.locator("table.rows-and-columns tbody tr").first
    cells = first.locator("td")
    assert cells.first.inner_text().strip() == "2024"
    assert first.locator("td.col-tied_grant_value_usd").inner_text().startswith("USD ")
    assert first.locator("td.col-tied_grant_value_usd").inner_text().endswith(" bn")
    # A year of small figures is in millions, not "0.03" of a billion.
    last = page.locator("table.rows-and-columns tbody tr").last
    assert last.locator("td.col-tied_grant_value_usd").inner_text().endswith(" m")
    # Unknown is blank, never USD 0; true and false are words.
    assert first.locator("td.col-other_grant_value_usd").inner_text().strip() == ""
    assert first.locator("td.col-partial").inner_text().strip() == "false"
    # The page carries the data's date and the licence, as every page does.
    footer = page.inner_text("footer")
    assert "data as of 2026-06-25, sources checked to 2026-12-07" in footer
    assert page.locator("footer a", has_text="CC BY 4.0").count() == 1
    assert no_sideways_scrolling(page)
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_the_front_page_leads_with_the_headline_and_the_questions(browser, served_bundled,
                                                                  device):  # fmt: skip
    page = look(browser, served_bundled + "/", WIDTHS[device], f"serve-front-{device}.png")
    lead = page.locator(".metadata-description p").first.inner_text()
    assert lead.startswith("28 of 32 signed (data as of 2026-06-25, sources checked to "
                           "2026-12-07). Pledged: USD 30.46 bn in grants stated with the "
                           "agreements for 2024")  # fmt: skip
    links = page.locator(".metadata-description li a").all_inner_texts()
    assert links[:3] == ["Progress toward the goal", "Money pledged per year",
                         "Each party's money per year"]  # fmt: skip
    # The headline and its links come before the list of tables.
    top_of = page.evaluate("""() => [document.querySelector('.metadata-description'),
        document.querySelector('h2')].map(e => e.getBoundingClientRect().top)""")
    assert top_of[0] < top_of[1]
    assert no_sideways_scrolling(page)
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_each_partys_money_per_year_is_labelled_on_a_phone(browser, served_bundled, device):
    page = look(browser, f"{served_bundled}/agreements/party_years?year=2024&code=CA",
                WIDTHS[device], f"serve-party_years-{device}.png")  # fmt: skip
    row = page.locator("table.rows-and-columns tbody tr").first
    # Canada's 2024: its grants with the agreement (CAD 320 m and CAD 75 m) apart from its
    # IMF loan, each named.
    assert row.locator("td.col-tied_grant_value_usd").inner_text().strip() == "USD 293.4 m"
    assert row.locator("td.col-loan_value_usd").inner_text().strip() == "USD 1.78 bn"
    assert row.locator("td.col-in_totals").inner_text().strip() == "true"
    if device == "phone":  # a row is a card: each value under its column's name
        labels = row.evaluate("""row => [...row.querySelectorAll('td')].map(
            td => getComputedStyle(td, '::before').content)""")
        assert {'"year"', '"tied_grant_value_usd"', '"loan_value_usd"'} <= set(labels)
    page.close()
