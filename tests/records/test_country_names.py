"""Country names from CLDR (Babel): the fast path must agree with FollowTheMoney wherever both know
a name, and must add the partners' names FollowTheMoney does not know."""

from __future__ import annotations

import pytest
from babel import Locale
from followthemoney import registry

from crossroads.records import country_names
from crossroads.records.normalise import _country_codes, clean_country


def fast(name: str) -> str | None:
    return country_names.lookup(name, _country_codes())


@pytest.mark.parametrize("locale", country_names.LOCALES)
def test_every_cldr_name_followthemoney_also_knows_gets_the_same_code(locale: str) -> None:
    disagreements = []
    for code, name in Locale(locale).territories.items():
        mine = fast(name)
        theirs = registry.country.clean(name)
        if mine is not None and theirs is not None and mine != theirs:
            disagreements.append((code, name, mine, theirs))
    assert disagreements == []


@pytest.mark.parametrize(
    ("name", "code"),
    [("Nordmazedonien", "mk"), ("Noord-Korea", "kp"), ("Zuid-Korea", "kr"), ("مصر", "eg")],
)
def test_names_in_the_partners_languages_that_followthemoney_misses(name: str, code: str) -> None:
    assert registry.country.clean(name) is None
    assert clean_country(name) == code


@pytest.mark.parametrize("name", ["Unknown Region", "Pseudo-Bidi", "Europe", "Afrique du Nord"])
def test_regions_and_pseudo_territories_are_not_countries(name: str) -> None:
    assert fast(name) is None


def test_lookup_folds_case_and_spacing_but_not_letters() -> None:
    assert fast("  BELGIË ") == "be"
    assert fast("belgie") is None  # FollowTheMoney's fuzzier reading is still there behind it
    assert clean_country("belgie") == "be"


def test_an_ambiguous_name_is_left_to_followthemoney() -> None:
    assert fast("Norfolk") is None
    assert clean_country("Norfolk") == registry.country.clean("Norfolk")
