"""Resolve what a user types ("UK", "Czech Republic", "cz") to a party.

A party is keyed by its ISO 3166-1 alpha-2 code. Two parties are not in ISO 3166:
the European Union (``EU``, an organisation) and Kosovo (``XK``, a user-assigned code
in common use). pycountry is imported only when a name has to be resolved.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from agreements_cli.errors import BadInput

MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    kind: str  # "state" or "organisation"


# Parties that pycountry does not know.
SPECIAL = {
    "EU": Party("EU", "European Union", "organisation"),
    "XK": Party("XK", "Kosovo", "state"),
}

# Names people use that are not ISO names, keyed by their normalised form.
ALIASES = {
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "united kingdom": "GB",
    "usa": "US",
    "us": "US",
    "america": "US",
    "united states": "US",
    "united states of america": "US",
    "czech republic": "CZ",
    "holland": "NL",
    "netherlands": "NL",
    "turkey": "TR",
    "turkiye": "TR",
    "eu": "EU",
    "european union": "EU",
    "kosovo": "XK",
    "russia": "RU",
    "macedonia": "MK",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "moldova": "MD",
    "vatican": "VA",
    "ivory coast": "CI",
}

# Short common names where the ISO name is long or formal.
DISPLAY_NAMES = {
    "RU": "Russia",
    "VA": "Vatican City",
    "PS": "Palestine",
    "CD": "DR Congo",
    "FM": "Micronesia",
}

_NOT_A_PARTY = {
    "UA": "Ukraine is the other side of every agreement, not a party to track. "
    "Give the partner country"
}


def normalise(text: str) -> str:
    """Fold case, accents, dots and spacing so that 'U.S.' and 'the  Netherlands' match."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = without_accents.casefold().replace(".", "")
    folded = re.sub(r"\s+", " ", folded).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def check_name_text(text: str) -> str:
    """Reject what cannot be a country name before any lookup: empty, too long, control characters."""
    stripped = text.strip()
    if not stripped:
        raise BadInput("country is empty. Give a name or a code, for example: Czechia or CZ")
    if len(stripped) > MAX_NAME_LENGTH:
        raise BadInput(
            f"country is {len(stripped)} characters long; a country name has at most "
            f"{MAX_NAME_LENGTH}. Give a name or a code, for example: Czechia or CZ"
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in stripped):
        raise BadInput(
            f"country {stripped!r} contains control characters. Type the name as plain text"
        )
    return stripped


def by_code(code: str) -> Party:
    """The party for a known code (as stored in the database)."""
    code = code.upper()
    if code in _NOT_A_PARTY:
        raise BadInput(_NOT_A_PARTY[code])
    if code in SPECIAL:
        return SPECIAL[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise BadInput(f"unknown country code {code!r}. Use an ISO 3166-1 alpha-2 code such as CZ")
    return Party(code, _display_name(country), "state")


def resolve(text: str) -> Party:
    """Resolve a typed name, alias or code; unknown names suggest the closest known one."""
    typed = check_name_text(text)
    key = normalise(typed)
    code = ALIASES.get(key) or _index().get(key)
    if code is None and len(key) == 2 and key.isalpha():
        code = key.upper()
    if code in _NOT_A_PARTY:
        raise BadInput(_NOT_A_PARTY[code])
    try:
        return by_code(code) if code else _unknown(typed, key)
    except BadInput:
        return _unknown(typed, key)


def _unknown(typed: str, key: str) -> Party:
    suggestion = _closest(key)
    hint = (
        f"Did you mean {suggestion}?"
        if suggestion
        else "Use a country name or ISO code, for example: Czechia or CZ"
    )
    raise BadInput(f"unknown country {typed!r}. {hint}")


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every ISO name (short, common, official) and alpha-3 code, normalised, to its alpha-2 code."""
    import pycountry

    index: dict[str, str] = {}
    for country in pycountry.countries:
        index[country.alpha_3.lower()] = country.alpha_2
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                index[normalise(value)] = country.alpha_2
    return index


def _display_name(country) -> str:  # type: ignore[no-untyped-def]
    if country.alpha_2 in DISPLAY_NAMES:
        return DISPLAY_NAMES[country.alpha_2]
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=1)
def _known_names() -> dict[str, str]:
    """Every normalised name and alias, mapped to the name shown in a suggestion."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        shown = _display_name(country)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[normalise(value)] = shown
    for party in SPECIAL.values():
        names[normalise(party.name)] = party.name
    for alias, code in ALIASES.items():
        if len(alias) > 3:
            names[alias] = alias.title() if code not in SPECIAL else SPECIAL[code].name
    return names


def _closest(key: str) -> str | None:
    known = _known_names()
    matches = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8)
    return known[matches[0]] if matches else None


def all_names() -> list[str]:
    """Display names of every party that can be tracked, for completion and help."""
    import pycountry

    names = {_display_name(c) for c in pycountry.countries if c.alpha_2 not in _NOT_A_PARTY}
    names.update(p.name for p in SPECIAL.values())
    return sorted(names)
