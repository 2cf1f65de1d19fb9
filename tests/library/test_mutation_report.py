"""The mutation report counts a mutant as SQL case only when nothing else could differ."""

import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location(
    "mutation_report", ROOT / "tools" / "mutation_report.py"
)
report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report)


def diff(before: str, after: str) -> str:
    return f"--- a.py\n+++ a.py\n@@ -1 +1 @@\n-{before}\n+{after}"


def test_a_case_change_of_sql_keywords_and_names_is_sql_case():
    line = '    rows = conn.execute("SELECT code FROM parties WHERE code = ?", (code,))'
    assert report.sql_case_only(
        diff(line, line.replace("SELECT code FROM parties WHERE", "select code from parties where"))
    )
    assert report.sql_case_only(
        diff(
            line,
            line.replace(
                "SELECT code FROM parties WHERE code", "SELECT CODE FROM PARTIES WHERE CODE"
            ),
        )
    )


def test_a_quoted_value_the_case_change_leaves_alone_is_sql_case_too():
    line = "        \"(SELECT COALESCE(MAX(batch), 0) FROM events WHERE action = 'seed')\""
    assert report.sql_case_only(diff(line, line.lower()))


def test_a_quoted_value_a_broken_statement_or_other_text_is_not():
    quoted = "    conn.execute(\"SELECT code FROM parties WHERE status = 'signed'\")"
    assert not report.sql_case_only(diff(quoted, quoted.upper()))
    line = '    conn.execute("SELECT code FROM parties", ())'
    assert not report.sql_case_only(diff(line, line.replace('"SELECT', '"XXSELECT')))
    message = '    raise BadInput("Use k, m (million), bn (billion) or tn (trillion)")'
    assert not report.sql_case_only(diff(message, message.lower()))
    two = '    conn.execute("SELECT 1", ())\n-    x = "FROM"'
    assert not report.sql_case_only(diff(two, two.lower()))
    assert not report.sql_case_only(diff(line, line))


def test_a_case_change_of_a_rich_style_name_is_style_case():
    line = '        bar.append("█" * before, style="green dim")'
    assert report.style_case_only(diff(line, line.replace("green dim", "GREEN DIM")))
    default = 'def url_line(url: str, indent: int = 0, style: str = "dim") -> RenderableType:'
    assert report.style_case_only(diff(default, default.replace('"dim"', '"DIM"')))
    # another word, a misspelt style, a title or a message is not
    legend = '    bar.append("\\n█ signed  ░ rest of the goal", style="dim")'
    assert report.style_case_only(diff(legend, legend.replace('"dim"', '"DIM"')))
    justify = '    table = Table(title=title, title_justify="left")'
    assert not report.style_case_only(diff(justify, justify.replace('"left"', '"LEFT"')))
    assert not report.style_case_only(diff(line, line.replace("green dim", "XXgreen dimXX")))
    title = '        return cell("No milestones.", style="dim")'
    assert not report.style_case_only(
        diff(title, title.replace("No milestones.", "no milestones."))
    )
    assert not report.sql_case_only(diff(line, line.replace("green dim", "GREEN DIM")))
