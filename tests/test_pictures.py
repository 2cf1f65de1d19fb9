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
    assert "USD 34.7 bn" in text  # 2024, the seed's pledges (README: What the numbers mean)
    assert f"Wrote {svg}." in result.stderr


def test_an_unwritable_picture_path_is_an_error_and_changes_nothing(run, seeded, tmp_path):
    before = dump(seeded)
    result = run("progress", "--svg", str(tmp_path / "missing" / "p.svg"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write ") and "--svg" in result.stderr
    assert dump(seeded) == before
