"""Resolve what a user types ("UK", "Czech Republic", "cz") to a party.

A party is keyed by its ISO 3166-1 alpha-2 code. Two parties are not in ISO 3166:
the European Union (``EU``, an organisation) and Kosovo (``XK``, a user-assigned code
in common use).

The ISO 3166-1 data is pycountry's. Importing pycountry costs about 100 ms, most of it
importlib.metadata (for its version string), on every command that names a country;
reading its data file directly costs about 2 ms. So the file is read here, found
without importing the package, and pycountry's own API is the fallback should the
file ever move (a test checks that both give the same countries).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from agreements_cli.errors import BadInput
from agreements_cli.safety import has_hidden

MAX_NAME_LENGTH = 100


@lru_cache(maxsize=1)
def iso_countries() -> tuple[dict[str, str], ...]:
    """Every ISO 3166-1 entry: alpha_2, alpha_3, name, and common_name/official_name if any."""
    from importlib.util import find_spec

    spec = find_spec("pycountry")
    if spec and spec.submodule_search_locations:
        data = Path(spec.submodule_search_locations[0]) / "databases" / "iso3166-1.json"
        if data.is_file():
            return tuple(json.loads(data.read_text(encoding="utf-8"))["3166-1"])
    import pycountry  # pragma: no cover - only if pycountry moves its data file

    fields = ("alpha_2", "alpha_3", "name", "common_name", "official_name")
    return tuple(
        {f: getattr(c, f) for f in fields if getattr(c, f, None)} for c in pycountry.countries
    )


@lru_cache(maxsize=1)
def _by_alpha_2() -> dict[str, dict[str, str]]:
    return {c["alpha_2"]: c for c in iso_countries()}


class Country(NamedTuple):
    code: str
    name: str
    kind: str  # "state" or "organisation"


# Parties that ISO 3166-1 does not list.
SPECIAL = {
    "EU": Country("EU", "European Union", "organisation"),
    "XK": Country("XK", "Kosovo", "state"),
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
    # As other trackers and statistical tables write them (the Kiel Institute's Ukraine
    # Support Tracker, the World Bank); keys are normalised (no dots, folded case).
    "eu (commission and council)": "EU",
    "korea, rep": "KR",
    "republic of korea": "KR",
    "rep of korea": "KR",
    "korea, republic of": "KR",
    "czech rep": "CZ",
    "slovak rep": "SK",
    "holy see": "VA",
    "holy see (vatican city state)": "VA",
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

    if has_hidden(stripped):
        raise BadInput(
            f"country {stripped!r} contains control characters. Type the name as plain text"
        )
    return stripped


def by_code(code: str) -> Country:
    """The party for a known code (as stored in the database)."""
    code = code.upper()
    if code in _NOT_A_PARTY:
        raise BadInput(_NOT_A_PARTY[code])
    if code in SPECIAL:
        return SPECIAL[code]
    country = _by_alpha_2().get(code)
    if country is None:
        raise BadInput(f"unknown country code {code!r}. Use an ISO 3166-1 alpha-2 code such as CZ")
    return Country(code, _display_name(country), "state")


def resolve(text: str) -> Country:
    """Resolve a typed name, alias or code; unknown names suggest the closest known one."""
    typed = check_name_text(text)
    key = normalise(typed)
    code = ALIASES.get(key) or _index().get(key)
    if code is None and len(key) == 2 and key.isalpha():
        code = key.upper()
    if code in _NOT_A_PARTY:
        raise BadInput(_NOT_A_PARTY[code])
    if code:
        with suppress(BadInput):  # two letters that are no country's code: as any unknown name
            return by_code(code)
    return _unknown(typed, key)


def _unknown(typed: str, key: str) -> Country:
    suggestion = _closest(key)
    hint = (
        f"Did you mean {suggestion}?"
        if suggestion
        else "Use a country name or ISO code, for example: Czechia or CZ"
    )
    raise BadInput(f"unknown country {typed!r}. {hint}")


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every ISO name (short, common, official), name shown and alpha-3 code, normalised, to
    its alpha-2 code."""
    index: dict[str, str] = {}
    for country in iso_countries():
        index[country["alpha_3"].lower()] = country["alpha_2"]
        for attr in ("name", "common_name", "official_name"):
            value = country.get(attr)
            if value:
                index[normalise(value)] = country["alpha_2"]
    # The names agreements shows ("DR Congo") are names a user types back.
    index.update((normalise(name), code) for code, name in DISPLAY_NAMES.items())
    return index


def _display_name(country: dict[str, str]) -> str:
    if country["alpha_2"] in DISPLAY_NAMES:
        return DISPLAY_NAMES[country["alpha_2"]]
    return country.get("common_name") or country["name"]


@lru_cache(maxsize=1)
def _known_names() -> dict[str, str]:
    """Every normalised name and alias, mapped to the name shown in a suggestion."""
    names: dict[str, str] = {}
    for country in iso_countries():
        shown = _display_name(country)
        for attr in ("name", "common_name", "official_name"):
            value = country.get(attr)
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
    matches = difflib.get_close_matches(key, list(known), cutoff=0.8)
    return known[matches[0]] if matches else None


def completion_names() -> list[str]:
    """Every name a party can be given by: display names and the longer aliases."""
    names = {_display_name(c) for c in iso_countries() if c["alpha_2"] not in _NOT_A_PARTY}
    names.update(p.name for p in SPECIAL.values())
    names.update(alias.title() for alias in ALIASES if len(alias) > 3)
    return sorted(names)


def complete(incomplete: str, names: list[str]) -> list[str]:
    """Names starting with what was typed, in any case, spelled with the typed prefix so
    that the shell (which matches case-sensitively) keeps them: 'cze' -> 'czechia'."""
    folded = incomplete.casefold()
    return [
        incomplete + name[len(incomplete) :] for name in names if name.casefold().startswith(folded)
    ]
