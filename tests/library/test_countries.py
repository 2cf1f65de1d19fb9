import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements_cli import countries
from agreements_cli.errors import BadInput


@pytest.mark.parametrize(
    ("typed", "code", "name"),
    [
        ("UK", "GB", "United Kingdom"),
        ("Britain", "GB", "United Kingdom"),
        ("great britain", "GB", "United Kingdom"),
        ("USA", "US", "United States"),
        ("US", "US", "United States"),
        ("u.s.", "US", "United States"),
        ("Czech Republic", "CZ", "Czechia"),
        ("czechia", "CZ", "Czechia"),
        ("cz", "CZ", "Czechia"),
        ("CZE", "CZ", "Czechia"),
        ("Holland", "NL", "Netherlands"),
        ("the Netherlands", "NL", "Netherlands"),
        ("Turkey", "TR", "Türkiye"),
        # The short names agreements shows where the ISO name is formal, typed back.
        ("DR Congo", "CD", "DR Congo"),
        ("Micronesia", "FM", "Micronesia"),
        ("palestine", "PS", "Palestine"),
        ("Vatican City", "VA", "Vatican City"),
        ("Russia", "RU", "Russia"),
        ("EU", "EU", "European Union"),
        ("european union", "EU", "European Union"),
        ("Kosovo", "XK", "Kosovo"),
        ("Moldova", "MD", "Moldova"),
        ("Republic of Moldova", "MD", "Moldova"),
        ("  north   macedonia ", "MK", "North Macedonia"),
        ("Côte d'Ivoire", "CI", "Côte d'Ivoire"),
        ("cote d'ivoire", "CI", "Côte d'Ivoire"),
        # As other trackers write them (Kiel's Ukraine Support Tracker, the World Bank).
        ("EU (Commission and Council)", "EU", "European Union"),
        ("Korea, Rep.", "KR", "South Korea"),
        ("Republic of Korea", "KR", "South Korea"),
        ("Korea, Republic of", "KR", "South Korea"),
        ("Holy See", "VA", "Vatican City"),
        ("Czech Rep.", "CZ", "Czechia"),
        ("Slovak Republic", "SK", "Slovakia"),
    ],
)
def test_names_and_aliases_resolve(typed, code, name):
    party = countries.resolve(typed)
    assert (party.code, party.name) == (code, name)


def test_the_eu_is_an_organisation_and_states_are_states():
    assert countries.resolve("EU").kind == "organisation"
    assert countries.resolve("Germany").kind == "state"


EXAMPLE = "Give a name or a code, for example: Czechia or CZ"
UNKNOWN = "Use a country name or ISO code, for example: Czechia or CZ"
UKRAINE = (
    "Ukraine is the other side of every agreement, not a party to track. Give the partner country"
)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Czechja", "unknown country 'Czechja'. Did you mean Czechia?"),
        ("Germny", "unknown country 'Germny'. Did you mean Germany?"),
        ("Narnia", f"unknown country 'Narnia'. {UNKNOWN}"),
        ("QQ", f"unknown country 'QQ'. {UNKNOWN}"),
        ("", f"country is empty. {EXAMPLE}"),
        ("   ", f"country is empty. {EXAMPLE}"),
        ("x" * 101, f"country is 101 characters long; a country name has at most 100. {EXAMPLE}"),
        ("x" * 100, f"unknown country '{'x' * 100}'. {UNKNOWN}"),
        ("Czech\x1b[31mia", "country 'Czech\\x1b[31mia' contains control characters. Type the name as plain text"),
        ("Ukraine", UKRAINE),
        ("ua", UKRAINE),
        ("UA", UKRAINE),
    ],
)  # fmt: skip
def test_bad_names_are_refused_with_a_hint(typed, message):
    with pytest.raises(BadInput) as raised:
        countries.resolve(typed)
    assert str(raised.value) == message


def test_completion_offers_names_and_long_aliases_but_not_abbreviations():
    names = countries.completion_names()
    assert {"Czechia", "Holland", "Great Britain", "European Union", "Turkiye"} <= set(names)
    assert not {"Usa", "Uk", "Us", "Eu", "USA", "UK"} & set(names)
    assert names == sorted(names)


@given(st.text(max_size=120))
def test_resolve_raises_only_its_own_error(text):
    try:
        party = countries.resolve(text)
    except BadInput as error:
        assert "\n" not in str(error)
    else:
        assert len(party.code) == 2 and party.code.isupper()


def test_the_iso_data_read_directly_is_pycountrys():
    import pycountry

    direct = {c["alpha_2"]: c for c in countries.iso_countries()}
    assert len(direct) == len(pycountry.countries)
    for country in pycountry.countries:
        entry = direct[country.alpha_2]
        for field in ("alpha_3", "name", "common_name", "official_name"):
            assert entry.get(field) == getattr(country, field, None), (country.alpha_2, field)


def test_every_name_shown_for_a_code_is_read_back_as_that_code():
    """What `list` shows is what a user types to `show` or `update`."""
    import pycountry

    codes = [c.alpha_2 for c in pycountry.countries if c.alpha_2 != "UA"] + ["EU", "XK"]
    assert len(codes) == 250
    assert [c for c in codes if countries.resolve(countries.by_code(c).name).code != c] == []
