"""`progress --svg FILE` and `--html FILE`: what the terminal shows, as a file to publish."""

import html
import re

from conftest import dump


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).replace("\xa0", " ")


def test_svg_and_html_hold_the_progress_table(run, tmp_path):
    svg, page = tmp_path / "progress.svg", tmp_path / "progress.html"
    result = run("progress", "--svg", str(svg), "--html", str(page))
    assert result.exit_code == 0, result.output
    assert "23 of 32 signed (71.9%)" in result.stdout
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    text = plain(svg.read_text(encoding="utf-8"))
    assert "23 of 32 signed (71.9%)" in text
    assert "Not yet tracked" in text
    # The page to publish (read in a browser by test_browser.py): title, date, counts.
    markup = page.read_text(encoding="utf-8")
    assert "<title>Ukraine's bilateral security agreements: 23 of 32 signed</title>" in markup
    text = plain(markup)
    assert "Data as of 2024-07-15" in text and "not yet tracked 9" in text
    # 2024, the seed's grants: its figures less Canada's loan and Japan's USD 4.5 bn, whose
    # instrument it does not state (README: What the numbers mean).
    assert "USD 29.21 bn in grants stated with the agreements for 2024" in text
    assert f"Wrote {svg}." in result.stderr


def test_an_unwritable_picture_path_is_an_error_and_changes_nothing(run, seeded, tmp_path):
    before = dump(seeded)
    result = run("progress", "--svg", str(tmp_path / "missing" / "p.svg"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write ") and "--svg" in result.stderr
    assert dump(seeded) == before


def test_the_picture_is_100_columns_in_colour_whatever_the_terminal(run, seeded, tmp_path):
    """On a dumb terminal 60 columns wide, the picture still has its colours (Rich's
    default theme: green #98a84b for signed) and the money table of a 100-column terminal
    (Rich took a dumb terminal as 80 columns), and goes to its file alone."""
    env = {"COLUMNS": "60", "TERM": "dumb"}
    svg = tmp_path / "p.svg"
    result = run("progress", "--svg", str(svg), env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == run("progress", env=env).stdout
    markup = svg.read_text(encoding="utf-8")
    assert "fill: #98a84b" in markup
    text = plain(markup)  # (a cell's padding is left out)
    assert "┃ Year┃agreements┃guarantees┃not stated┃/ signed┃ (about)┃" in text
    assert "│ 2024│  29.21 bn│   1.78 bn│    4.5 bn│ 17 / 23│   38 bn│" in text
    # the source's address, 113 characters, up to the picture's edge
    url = "https://kyivindependent.com/ukraine-is-expecting-to-sign-security-agreements-with-9-"
    assert f"\n{url}more-countries-z\n" in text and len(url) + 16 == 100


def test_the_picture_fetches_nothing_from_the_network(run, seeded, tmp_path):
    """Rich's SVG asked cdnjs.cloudflare.com for its font."""
    import re

    picture = tmp_path / "p.svg"
    assert run("progress", "--svg", str(picture)).exit_code == 0
    svg = picture.read_text(encoding="utf-8")
    assert "@font-face" not in svg and "@import" not in svg
    assert re.findall(r"url\((?!#)[^)]*\)", svg) == []  # only the picture's own clip paths
    assert not re.search(r'(href|src)="https?:', svg)
    assert "font-family: Fira Code, monospace" in svg  # a local font, else monospace


SVG_TEXT = re.compile(
    r'<text class="(?P<style>[^"]+)" x="(?P<x>[\d.]+)" y="(?P<y>[\d.]+)" '
    r'textLength="(?P<length>[\d.]+)"[^>]*>(?P<text>[^<]*)</text>'
)


def test_the_svg_shows_all_within_its_edge_and_the_legend_in_the_bars_colours(run, tmp_path):
    import html

    assert run("import", "--bundled").exit_code == 0
    picture = tmp_path / "p.svg"
    assert run("progress", "--svg", str(picture)).exit_code == 0
    svg = picture.read_text(encoding="utf-8")
    edge = float(re.search(r'-clip-terminal">\s*<rect x="0" y="0" width="([\d.]+)"', svg)[1])
    texts = [m.groupdict() for m in SVG_TEXT.finditer(svg)]
    shown = [t for t in texts if html.unescape(t["text"]).strip()]
    assert shown
    # Nothing drawn past the picture's edge (a column is 12.2 wide: the last may touch it).
    beyond = [(t["text"], float(t["x"]) + float(t["length"])) for t in shown
              if float(t["x"]) + float(t["length"]) > edge + 1.5]  # fmt: skip
    assert beyond == []
    # The reported total's source, longer than a line, is all there, over two lines.
    whole = "".join(html.unescape(t["text"]) for t in texts).replace("\xa0", " ")
    assert ("https://kyivindependent.com/ukraine-is-expecting-to-sign-security-agreements-with-9-"
            "more-countries-z") in whole and "elensky-says/" in whole  # fmt: skip
    # Each sign of the legend is drawn apart, in the colour the bar gives it.
    for sign in "█▓░":
        drawn = sorted((float(t["y"]), t["style"]) for t in texts
                       if set(html.unescape(t["text"])) == {sign})  # fmt: skip
        # The bar's line, then the legend's, below it; one colour.
        assert len({y for y, _ in drawn}) == 2 and len({style for _, style in drawn}) == 1, drawn
