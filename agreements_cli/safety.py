"""Text from the data made safe for where it is shown: control and format characters as
visible escapes, for a terminal; JSON with the same characters escaped."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import quote

# Control, format, private-use and surrogate characters, and line and paragraph separators.
HIDDEN_CATEGORIES = ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")
# Format characters that belong to ordinary text and move nothing on a terminal: the
# zero-width non-joiner and joiner (Persian, Hindi, emoji sequences), the soft hyphen, the
# word joiner, and the tag characters of subdivision flags (England's, Scotland's).
TEXT_FORMAT = frozenset("\u200c\u200d\u00ad\u2060") | frozenset(map(chr, range(0xE0020, 0xE0080)))


def hidden(ch: str) -> bool:
    """Whether ``ch`` is a character a terminal would act on or hide (see HIDDEN_CATEGORIES),
    as opposed to text, TEXT_FORMAT included."""

    return unicodedata.category(ch) in HIDDEN_CATEGORIES and ch not in TEXT_FORMAT


def has_hidden(text: str, keep: str = "") -> bool:
    """Whether ``text`` has a hidden character other than those in ``keep`` (say, line
    breaks and tabs in a note)."""
    return not text.isprintable() and any(hidden(ch) for ch in text if ch not in keep)


def visible(text: str) -> str:
    """Control and format characters (ESC, DEL, C1, right-to-left overrides, ...) as
    visible escapes such as '\\x1b' or '\\u202e', so that text a database was given
    behind the tool's back cannot move the cursor, recolour or reorder a terminal.
    Line breaks and tabs stay."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in ("\n", "\t") or not hidden(ch):
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)


# Characters json.dumps(ensure_ascii=False) leaves raw that a terminal would act on.
_UNSAFE_IN_JSON = (  # a regular expression, compiled only for output that is not ASCII
    "[\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2061-\u206f\ufeff\ufff9-\ufffb]"
)


def json_text(
    data: object, ascii_only: bool = False, indent: int | None = None, level: int = 0
) -> str:
    """JSON of ``data`` with every control or format character escaped (see write_json);
    with ``indent``, laid out as ``json.dumps(data, indent=indent)`` lays it out, its
    lines after the first ``level`` spaces further in (an item of a list written as it
    goes)."""
    if indent:
        text = _Indented(ascii_only, indent).text(data, level)
    else:
        text = json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"))
    if not text.isascii() or "\x7f" in text:  # (DEL is ASCII, and json leaves it raw)
        text = re.sub(_UNSAFE_IN_JSON, lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


class _Indented:
    """``json.dumps(value, indent=n)``'s text, made by the C encoder: the standard library
    lays out indented JSON with its pure-Python encoder, three times slower. Each run of
    plain values in an object or a list (a record's fields, the commonest) is one call of
    the C encoder, with a line break and the indentation as its separator; a nested member
    is laid out around its own text. Tests prove the text equal to ``json.dumps``'s."""

    def __init__(self, ascii_only: bool, indent: int):
        self.ascii_only, self.indent = ascii_only, indent
        self._flat: dict[int, Callable[[object], str]] = {}
        self._plain = json.JSONEncoder(ensure_ascii=ascii_only).encode
        self._key = (
            json.encoder.encode_basestring_ascii if ascii_only else json.encoder.encode_basestring
        )

    def text(self, value: object, level: int) -> str:
        if isinstance(value, dict):
            opening, closing = "{", "}"
        elif isinstance(value, (list, tuple)):
            opening, closing = "[", "]"
        else:
            return self._plain(value)
        if not value:
            return opening + closing
        inner = level + self.indent
        flat = self._flat_at(inner)
        parts: list[str] = []
        if isinstance(value, dict):
            plain: dict = {}
            for key, member in value.items():
                if not isinstance(member, (dict, list, tuple)):
                    plain[key] = member
                    continue
                if not isinstance(key, str):  # a key json turns into text: as json does it
                    return json.dumps(
                        value, ensure_ascii=self.ascii_only, indent=self.indent
                    ).replace("\n", "\n" + " " * level)
                if plain:
                    parts.append(flat(plain)[1:-1])
                    plain = {}
                parts.append(f"{self._key(key)}: {self.text(member, inner)}")
            if plain:
                parts.append(flat(plain)[1:-1])
        else:
            items: list = []
            for member in value:
                if not isinstance(member, (dict, list, tuple)):
                    items.append(member)
                    continue
                if items:
                    parts.append(flat(items)[1:-1])
                    items = []
                parts.append(self.text(member, inner))
            if items:
                parts.append(flat(items)[1:-1])
        breaking = "\n" + " " * inner
        return f"{opening}{breaking}{(',' + breaking).join(parts)}\n{' ' * level}{closing}"

    def _flat_at(self, inner: int) -> Callable[[object], str]:
        """The C encoder of a list or object at ``inner`` spaces, its members a line each
        (what ``JSONEncoder.encode`` calls, less its own Python around the call)."""
        if inner not in self._flat:
            separator = ",\n" + " " * inner
            make = getattr(json.encoder, "c_make_encoder", None)
            if make is None:  # a Python built without the C encoder
                encoder = json.JSONEncoder(
                    ensure_ascii=self.ascii_only, separators=(separator, ": ")
                )
                self._flat[inner] = encoder.encode
            else:  # (no default, keys unsorted and not skipped, NaN allowed: json.dumps's)
                encode = make(
                    None, _unencodable, self._key, None, ": ", separator, False, False, True
                )
                self._flat[inner] = lambda value: "".join(encode(value, 0))
        return self._flat[inner]


def _unencodable(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def link_target(url: str) -> str | None:
    """The address a terminal's hyperlink may carry for ``url``: an https URL with no
    control, format or space character (any of which could end the link's escape sequence
    and start another: a window title, a colour, a cleared screen), non-ASCII characters
    percent-encoded; None for anything else, which is then shown as text only."""

    if not re.fullmatch(r"https://\S+", url) or not url.isprintable():
        return None
    if url.isascii():
        return url

    return quote(url, safe="!#$%&'()*+,/:;=?@[]~")


def link_style(url: str, style: str = "dim") -> str:
    """Rich style text for ``url`` shown as a link where the terminal shows links."""
    target = link_target(url)
    return f"{style} link {target}" if target else style


# What makes a spreadsheet read a cell as a formula (or, tab and carriage return, shift
# it): such a text cell gets a leading apostrophe, the accepted neutraliser, which
# Excel and LibreOffice show and keep as text. A text that starts with an apostrophe
# gets one too, so that reading back (``from_spreadsheet``) is exact.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def for_spreadsheet(text: str) -> str:
    """A text cell of a CSV no spreadsheet runs: '=HYPERLINK(...)' as \"'=HYPERLINK(...)\"."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def from_spreadsheet(text: str) -> str:
    """The text a CSV cell written by ``for_spreadsheet`` stands for."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_STARTS):
        return text[1:]
    return text
