"""Text from the data made safe for where it is shown: control and format characters as
visible escapes, for a terminal; JSON with the same characters escaped."""

from __future__ import annotations

import json

# Control, format, private-use and surrogate characters, and line and paragraph separators.
HIDDEN_CATEGORIES = ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")


def visible(text: str) -> str:
    """Control and format characters (ESC, DEL, C1, right-to-left overrides, ...) as
    visible escapes such as '\\x1b' or '\\u202e', so that text a database was given
    behind the tool's back cannot move the cursor, recolour or reorder a terminal.
    Line breaks and tabs stay."""
    if text.isprintable():
        return text
    import unicodedata  # (only for text that needs it: most is printable)

    out = []
    for ch in text:
        if ch in ("\n", "\t") or unicodedata.category(ch) not in HIDDEN_CATEGORIES:
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


# Characters json.dumps(ensure_ascii=False) leaves raw that a terminal would act on.
_UNSAFE_IN_JSON = (  # a regular expression, compiled only for output that is not ASCII
    "[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def json_text(data: object, ascii_only: bool = False, indent: int | None = None) -> str:
    """JSON of ``data`` with every control or format character escaped (see write_json)."""
    separators = None if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators)
    if not text.isascii():
        import re

        text = re.sub(_UNSAFE_IN_JSON, lambda m: f"\\u{ord(m.group()):04x}", text)
    return text
