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
    for path in (svg, page):
        text = plain(path.read_text(encoding="utf-8"))
        assert "23 of 32 signed (71.9%)" in text
        assert "Not yet tracked" in text
    assert f"Wrote {svg}." in result.stderr


def test_an_unwritable_picture_path_is_an_error_and_changes_nothing(run, seeded, tmp_path):
    before = dump(seeded)
    result = run("progress", "--svg", str(tmp_path / "missing" / "p.svg"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write ") and "--svg" in result.stderr
    assert dump(seeded) == before
