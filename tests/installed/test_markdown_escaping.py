"""`--format markdown` is text to a renderer that runs HTML: every value reaches the page
as text, never as a tag, a link or an image."""

import re

import pytest
from markdown_it import MarkdownIt

from conftest import installed

pytestmark = pytest.mark.installed

HOSTILE = {
    "place": "<img src=x onerror=alert(1)> [x](javascript:alert(2)) a|b",
    "note": "<script>alert(3)</script> ![i](https://evil.example/p.png) <https://evil.example>",
    "pledge_note": "<iframe src=//evil.example></iframe> *bold* `code` \\| &amp;",
    "step": "<b onmouseover=alert(4)>talks</b>",
}


def agreements(env, *args):
    return installed(env, *args).stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("md")
    env = {"AGREEMENTS_DB": str(home / "a.db"), "PATH": "/usr/bin:/bin", "HOME": str(home)}
    agreements(env, "import", "--bundled")
    agreements(env, "update", "Germany", "--place", HOSTILE["place"], "--note", HOSTILE["note"])
    agreements(env, "pledge", "add", "Germany", "1m", "--year", "2024", "--announced-on",
               "2024-03-01", "--source", "https://x.example/a", "--note", HOSTILE["pledge_note"])  # fmt: skip
    agreements(env, "milestone", "add", "Germany", HOSTILE["step"], "--on", "2024-03-01",
               "--source", "https://x.example/b")  # fmt: skip
    return env


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


@pytest.mark.parametrize("command", [["list"], ["pledge", "list"], ["pledge", "list", "DE"],
                                     ["milestone", "list"], ["history"], ["history", "DE"],
                                     ["progress"], ["timeline"]], ids=" ".join)  # fmt: skip
def test_no_value_becomes_html_a_link_or_an_image(env, command):
    markdown = agreements(env, *command, "-f", "markdown")
    html = rendered(markdown)
    assert "<table>" in html
    assert not re.search(r"<(script|img|iframe|b )", html), html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__()
    assert "evil.example" not in "".join(re.findall(r'(?:href|src)="([^"]*)"', html))
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html


def test_the_text_is_what_was_written(env):
    html = rendered(agreements(env, "list", "-f", "markdown"))
    assert ("&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(2)) a|b") in html
    html = rendered(agreements(env, "pledge", "list", "DE", "-f", "markdown"))
    assert "&lt;iframe src=//evil.example&gt;&lt;/iframe&gt; *bold* `code` \\| &amp;amp;" in html
