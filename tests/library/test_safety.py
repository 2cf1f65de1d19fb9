"""safety and the machine formats: text made safe for a terminal, a link, a spreadsheet
and a Markdown renderer; expected values written out by hand."""

import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreements_cli import safety
from agreements_cli.render import machine


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+33 1", "'+33 1"),
        ("-5%", "'-5%"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("'quoted", "''quoted"),
        ("Berlin", "Berlin"),
        ("a=b", "a=b"),
        ("", ""),
        ("5", "5"),
    ],
)
def test_a_cell_no_spreadsheet_runs_and_the_text_it_stands_for(text, cell):
    assert safety.for_spreadsheet(text) == cell
    assert safety.from_spreadsheet(cell) == text


@pytest.mark.parametrize("cell", ["'hello", "'", "''", "x'=1", "'5"])
def test_a_cell_a_person_typed_with_an_apostrophe_is_read_as_it_is(cell):
    """Only an apostrophe before what for_spreadsheet neutralises is taken off."""
    expected = cell[1:] if cell == "''" else cell
    assert safety.from_spreadsheet(cell) == expected


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("https://example.org/a\x1b]0;t\x07", None),
        ("https://example.org/a b", None),
        ("https://example.org/\u202eevil", None),
        ("http://example.org/a", None),  # only https becomes a link
        ("javascript:alert(1)", None),
        ("https://", None),
        (
            "https://uk.wikipedia.org/wiki/Київ",
            "https://uk.wikipedia.org/wiki/%D0%9A%D0%B8%D1%97%D0%B2",
        ),
        ("https://example.org/\x9b2J", None),
    ],
)
def test_only_a_plain_https_address_becomes_a_link(url, target):
    assert safety.link_target(url) == target
    assert safety.link_style(url) == (f"dim link {target}" if target else "dim")
    assert safety.link_style(url, "bold") == (f"bold link {target}" if target else "bold")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("a\x1bb", "a\\x1bb"),
        ("a\u202eb", "a\\u202eb"),
        ("a\u2028b", "a\\u2028b"),
        ("a\U000f0000b", "a\\U000f0000b"),  # private use, beyond the basic plane
        ("line\nnext\ttab", "line\nnext\ttab"),
        ("Ghazal\u200cha", "Ghazal\u200cha"),
        ("👩\u200d👩", "👩\u200d👩"),
        ("co\u00adoperation", "co\u00adoperation"),
        ("word\u2060joiner", "word\u2060joiner"),
        ("🏴\U000e0067\U000e0062\U000e007f", "🏴\U000e0067\U000e0062\U000e007f"),
        ("\x7f\x85", "\\x7f\\x85"),
    ],
)
def test_visible_escapes_what_a_terminal_acts_on_and_keeps_writing(text, shown):
    assert safety.visible(text) == shown


def test_hidden_characters_and_what_a_field_may_keep():
    assert safety.hidden("\x1b") and safety.hidden("\u2029") and safety.hidden("\u200e")
    assert not safety.hidden("\u200d") and not safety.hidden("a") and not safety.hidden("\u00ad")
    assert safety.has_hidden("a\nb") and not safety.has_hidden("a\nb", keep="\n")
    assert safety.has_hidden("a\nb\x1b", keep="\n")
    assert not safety.has_hidden("👩\u200d👩") and not safety.has_hidden("")


def test_json_escapes_what_a_terminal_acts_on_but_keeps_joiners():
    text = safety.json_text({"a": "x\u202ey\u200dz\u2028"})
    assert text == '{"a":"x\\u202ey\u200dz\\u2028"}'


def test_csv_cells_are_neutralised_and_numbers_and_booleans_kept():
    out = io.StringIO()
    machine.write_csv([{"note": "=1+1", "value_usd": -5, "counted": True, "place": None,
                        "code": "DE"}], ["code", "note", "value_usd", "counted", "place"], out)  # fmt: skip
    assert out.getvalue() == "code,note,value_usd,counted,place\nDE,'=1+1,-5,true,\n"
    assert list(csv.reader(io.StringIO(out.getvalue())))[1] == ["DE", "'=1+1", "-5", "true", ""]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("![i](https://e.org/p.png)", "\\!\\[i\\](https://e.org/p.png)"),
        ("a|b", "a\\|b"),
        ("*b* `c` ~d~", "\\*b\\* \\`c\\` \\~d\\~"),
        ("back\\slash", "back\\\\slash"),
        ("&amp;", "&amp;amp;"),
        ("data_as_of", "data_as_of"),
        ("two\nlines\tand tab", "two lines and tab"),
        (None, ""),
        (True, "true"),
        (3182664340, "3182664340"),
    ],
)
def test_markdown_cells_are_text_to_a_renderer_that_runs_html(value, cell):
    out = io.StringIO()
    machine.write_markdown(["h"], [[value]], out)
    assert out.getvalue() == f"| h |\n|---|\n| {cell} |\n"


# JSON values as agreements writes them: text (any letter, controls included), numbers,
# true, false and null, in objects and lists nested a few deep.
_JSON_PLAIN = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_JSON = st.recursive(
    _JSON_PLAIN,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_JSON, st.booleans(), st.sampled_from([0, 2, 4]))
def test_indented_json_is_the_text_the_standard_library_lays_out(value, ascii_only, level):
    """The C encoder's indented text, equal to json.dumps's pure-Python one, line for line
    (at ``level``, every line after the first that much further in)."""
    expected = json.dumps(value, ensure_ascii=ascii_only, indent=2).replace(
        "\n", "\n" + " " * level
    )
    assert safety.json_text(value, ascii_only, indent=2, level=level) == _escaped(expected)


def _escaped(text):
    return re.sub(safety._UNSAFE_IN_JSON, lambda m: f"\\u{ord(m.group()):04x}", text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (
            {"id": 1, "changes": {"note": ["a", "b"]}, "none": {}, "empty": []},
            '{\n  "id": 1,\n  "changes": {\n    "note": [\n      "a",\n      "b"\n    ]\n  },\n'
            '  "none": {},\n  "empty": []\n}',
        ),
        (
            [{"a": None}, [True, 1.5]],
            '[\n  {\n    "a": null\n  },\n  [\n    true,\n    1.5\n  ]\n]',
        ),
        ({1: [2]}, '{\n  "1": [\n    2\n  ]\n}'),
        ("Kyiv", '"Kyiv"'),
        ((), "[]"),
        ({"k": "\u202e"}, '{\n  "k": "\\u202e"\n}'),
        ({"\x7f": "DEL"}, '{\n  "\\u007f": "DEL"\n}'),
    ],
)
def test_indented_json_as_written_out(value, text):
    assert safety.json_text(value, indent=2) == text


def test_an_item_of_a_list_is_laid_out_further_in():
    assert safety.json_text({"a": [1]}, indent=2, level=2) == '{\n    "a": [\n      1\n    ]\n  }'


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=4), _JSON, max_size=4) | st.lists(_JSON, max_size=4))
def test_json_written_a_member_at_a_time_is_the_text_of_the_whole(value):
    """write_json writes an object a member at a time, and its lists an item at a time:
    the same text as json.dumps's of the whole, escaped."""
    out = io.StringIO()
    machine.write_json(value, out)
    assert out.getvalue() == _escaped(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"
    streamed = io.StringIO()
    if isinstance(value, list):
        machine.write_json_list(iter(value), streamed)
        assert streamed.getvalue() == out.getvalue()


@pytest.mark.parametrize("c_encoder", [True, False])
def test_indented_json_without_the_c_encoder_is_the_same_text(monkeypatch, c_encoder):
    """A Python built without the C encoder lays the text out with json's own; keys json
    turns into text, deep in, are laid out as json lays them out; ASCII-only output writes
    every letter as an escape."""
    if not c_encoder:
        monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    value = {"a": {1: [2, "é"], "b": [{"c": "ü"}]}, "d": ["ñ"]}
    for ascii_only in (False, True):
        expected = json.dumps(value, ensure_ascii=ascii_only, indent=2).replace("\n", "\n  ")
        assert safety.json_text(value, ascii_only, indent=2, level=2) == expected
    assert (
        safety.json_text({"x": {2: "é"}}, True, indent=2)
        == '{\n  "x": {\n    "2": "\\u00e9"\n  }\n}'
    )


def test_json_written_where_letters_cannot_go_escapes_them_item_by_item():
    for write in (machine.write_json, machine.write_json_list):
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="ascii")
        data = (
            iter([{"a": ["é"]}, "ü"])
            if write is machine.write_json_list
            else {"a": ["é"], "b": "ü"}
        )
        write(data, out)
        out.flush()
        text = raw.getvalue().decode("ascii")
        assert "\\u00e9" in text and "\\u00fc" in text, text


def test_a_value_json_cannot_encode_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError, match="^Object of type object is not JSON serializable$"):
        safety.json_text({"a": [object()]}, indent=2)
