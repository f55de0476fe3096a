"""Comparison levels: each stands for one kind of agreement, and says so in words."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from crossroads.records.model import Classification, Record
from crossroads.resolve import comparisons as c
from crossroads.resolve.profile import Profile, profile


def rec(**props: Any) -> Profile:
    properties = {
        "name": ["EL AMRANI Youssef"],
        **{k: v if isinstance(v, list) else [v] for k, v in props.items()},
    }
    record = Record.trusted(
        id="x",
        source="s",
        properties=properties,
        classification=Classification.RESTRICTED,
        caveats=[],
        extra={},
    )
    return profile(record)


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("1991-04-12", "1991-04-12", c.SAME_DATE),
        ("1991-04", "1991-04-12", c.SAME_MONTH),
        ("1991-04", "1991-04", c.SAME_MONTH),
        ("1991", "1991-04-12", c.SAME_YEAR_WRITTEN),
        ("1991", "1991-04", c.SAME_YEAR_WRITTEN),
        ("1991-01-01", "1991-07-30", c.SAME_YEAR_WRITTEN),  # 1 January written for an unknown day and month
        ("1991-01-01", "1991-01-01", c.SAME_YEAR_WRITTEN),
        ("1991-04-12", "1991-12-04", c.DATE_SLIP),  # day and month swapped
        ("1991-04-12", "1991-04-13", c.DATE_SLIP),  # one digit
        ("1991-04-12", "1981-04-12", c.DATE_SLIP),
        ("1991-04-12", "1991-09-27", c.SAME_YEAR_ONLY),
        ("1991-04", "1991-05", c.SAME_YEAR_ONLY),
        ("1991-04-12", "1993-08-27", c.BIRTH_DATES_DIFFER),
        ("1991", "1993-04", c.BIRTH_DATES_DIFFER),
        ("1989-03-05", "1990-03-05", c.DATE_SLIP),  # a year off by one, two digits changed
        ("1989-03-09", "1989-03-10", c.DATE_SLIP),  # a day off by one, two digits changed
        ("1989-03-09", "1990-03-10", c.BIRTH_DATES_DIFFER),
        ("1985-04", "1986-04-08", c.YEARS_APART),  # a year worked out from an age
        ("1985", "1986-04-08", c.YEARS_APART),
        ("1991", "1992-04", c.YEARS_APART),
        ("1985-01-01", "1986-04-08", c.YEARS_APART),  # 1 January for an unknown day and month
        ("1990-01-01", "1989-01-01", c.YEARS_APART),
        ("1985-04", "1986-05-08", c.BIRTH_DATES_DIFFER),  # the months both give differ
        ("1985-04-08", "1986-05-09", c.BIRTH_DATES_DIFFER),  # both full: a year apart is no slip
    ],
)
def test_birth_date_levels(a: str, b: str, level: int) -> None:
    assert c.birth_date_level(rec(birthDate=a), rec(birthDate=b)) == level
    assert c.birth_date_level(rec(birthDate=b), rec(birthDate=a)) == level


def test_the_best_of_several_birth_dates_counts_and_none_is_no_evidence() -> None:
    assert c.birth_date_level(rec(birthDate=["1980-02-02", "1991-04-12"]), rec(birthDate="1991-04-12")) == 0
    assert c.birth_date_level(rec(), rec(birthDate="1991-04-12")) == c.NULL


def test_a_national_register_number_says_the_birth_date() -> None:
    with_number = rec(idNumber="91.04.12-123.01")  # born 1991-04-12 (check digits for 19xx)
    assert with_number.births == ("1991-04-12",)
    assert c.birth_date_level(with_number, rec(birthDate="1991-04-12")) == 0
    assert rec(idNumber="05.11.30-120.64").births == ("2005-11-30",)  # born from 2000 on: prefix 2


def test_a_national_register_number_completes_a_date_written_to_the_year_or_month() -> None:
    """The number says the day a record wrote only to the year or month: the full date is compared
    (and blocked on), not the year alone; a number that disagrees with the written date adds its own."""
    assert rec(birthDate="1991", idNumber="91.04.12-123.01").births == ("1991-04-12",)
    assert rec(birthDate="1991-04", idNumber="91.04.12-123.01").births == ("1991-04-12",)
    full = rec(birthDate="1991", idNumber="91.04.12-123.01")
    assert c.birth_date_level(full, rec(birthDate="1991-04-12")) == c.SAME_DATE
    assert c.birth_date_level(full, rec(birthDate="1991-09-27")) == c.SAME_YEAR_ONLY
    assert rec(birthDate="1991-04-12", idNumber="91.04.12-123.01").births == ("1991-04-12",)
    assert rec(birthDate="1992", idNumber="91.04.12-123.01").births == ("1992", "1991-04-12")


def test_household_evidence_is_one_comparison() -> None:
    home = {"address": "Rue de Ribaucourt 12, 1080 Molenbeek-Saint-Jean", "phone": "+32 470 12 34 56"}
    same_home_dutch = {"address": "Ribaucourtstraat 12, 1080 Sint-Jans-Molenbeek", "phone": "0470/12.34.56"}
    assert c.contact_level(rec(**home), rec(**same_home_dutch)) == 0
    assert c.contact_level(rec(**home), rec(phone="0470 12 34 56")) == 1
    assert c.contact_level(rec(**home), rec(address="Rue Vandenpeereboom 3, 1080 Molenbeek")) == 2
    assert c.contact_level(rec(**home), rec(address="Meir 1, 2000 Antwerpen")) == 3
    assert c.contact_level(rec(**home), rec()) == c.NULL
    assert c.contact_level(rec(email="Y.Amrani@example.org"), rec(email="y.amrani@example.org")) == 1


def test_an_address_says_nothing_against_a_phone() -> None:
    """Only like is compared with like: one record giving only an address, the other only a phone,
    is no evidence either way; where both give a phone, a different phone is a disagreement."""
    address_only = rec(address="Rue de Ribaucourt 12, 1080 Molenbeek-Saint-Jean")
    phone_only = rec(phone="+32 470 12 34 56")
    assert c.contact_level(address_only, phone_only) == c.NULL
    assert c.contact_level(phone_only, address_only) == c.NULL
    assert c.contact_level(phone_only, rec(phone="+32 470 99 99 99")) == 3
    assert c.contact_level(address_only, rec(address="Meir 1, 2000 Antwerpen", phone="0470 12 34 56")) == 3
    assert c.contact_level(phone_only, rec(address="Meir 1, 2000 Antwerpen", phone="0470 12 34 56")) == 1


def test_birth_places_in_other_spellings_are_alike_not_the_same() -> None:
    assert c.birth_place_level(rec(birthPlace="Tanger"), rec(birthPlace="TANGER")) == 0
    # Imzouren is not in ``places``: another spelling is alike by skeleton, not the same place.
    assert c.birth_place_level(rec(birthPlace="Imzouren"), rec(birthPlace="Imzuren")) == 1
    assert c.birth_place_level(rec(birthPlace="Tanger"), rec(birthPlace="Oujda")) == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bruxelles", "Brussel"), ("Brussels", "Brüksel"), ("بروكسل", "Bruxelles"), ("Anvers", "Antwerpen"),
        ("Molenbeek-Saint-Jean", "SINT-JANS-MOLENBEEK"), ("Liège", "Luik"), ("Forest", "Vorst"),
        ("La Haye", "Den Haag"), ("Aix-la-Chapelle", "Aken"), ("Alep", "Halep"), ("Tanger", "طنجة"),
    ],
)  # fmt: skip
def test_one_place_in_another_language_is_the_same_birth_place(a: str, b: str) -> None:
    """Partners write a place in their own language: Anvers and Antwerpen are one town, not two."""
    assert c.birth_place_level(rec(birthPlace=a), rec(birthPlace=b)) == 0


def test_places_the_gazetteer_keeps_apart_stay_apart() -> None:
    assert c.birth_place_level(rec(birthPlace="Bruxelles"), rec(birthPlace="Antwerpen")) == 2
    assert c.birth_place_level(rec(birthPlace="Anvers"), rec(birthPlace="Anderlecht")) == 2
    assert c.birth_place_level(rec(birthPlace="Saint-Gilles"), rec(birthPlace="Saint-Josse-ten-Noode")) == 2


def test_document_numbers_and_register_numbers() -> None:
    assert c.passport_level(rec(passportNumber="EH 123-456"), rec(idNumber="eh123456")) == 0
    assert c.nrn_level(rec(idNumber="91.04.12-123.01"), rec(idNumber="91.04.12-123.01")) == 0
    assert c.nrn_level(rec(idNumber="91.04.12-123.01"), rec(idNumber="05.11.30-120.64")) == 1


def test_a_register_number_written_without_dots_is_the_same_number() -> None:
    """One police zone's system drops the dots and the dash; read as a document number, its
    numbers met no other agency's and said no birth date."""
    plain, dotted = rec(idNumber="91041212301"), rec(idNumber="91.04.12-123.01")
    assert c.nrn_level(plain, dotted) == 0 and plain.births == ("1991-04-12",)
    assert not plain.passports
    # Eleven digits that are a valid Turkish identity number stay a document number.
    assert rec(idNumber="85073007088").nrns == frozenset() and rec(idNumber="85073007088").passports


def test_every_comparison_has_words_for_each_level() -> None:
    names = [comparison.name for comparison in c.COMPARISONS]
    assert len(names) == len(set(names))
    for comparison in c.COMPARISONS:
        assert len(comparison.levels) >= 2 and all(comparison.levels) and comparison.null
    assert len(c.NAME.levels) == len(c.NAME_THRESHOLDS) + 2 == c.ONLY_NOMS + 1
    assert "nom de guerre" in c.NAME.levels[c.ONLY_NOMS]


def test_names_agreeing_only_through_a_nom_de_guerre_are_a_level_apart() -> None:
    """The best name came through an alias and the civil names differ: not the level the best
    score alone would give. Civil names alike, none on a side, or aliases too far apart: as
    before."""
    score = np.array([0.999, 0.999, 0.999, 0.3, 0.1, 0.97, np.nan])
    civil = np.array([0.05, 0.6, np.nan, 0.0, 0.05, 0.97, np.nan])
    via_alias = np.array([True, True, True, True, True, False, False])
    levels = c.name_levels(score, civil, via_alias).tolist()
    assert levels == [c.ONLY_NOMS, 0, 0, c.ONLY_NOMS, 5, 1, c.NULL]


def test_a_weak_alias_is_no_name_to_match_on() -> None:
    """A nickname or epithet ("The Rifi") is shared by many: FollowTheMoney's ``weakAlias`` is not
    for matching, so two records sharing only one have no name in common, and a record known only
    by one has no name to compare."""
    kevin = rec(name="Kevin LEMMENS", weakAlias=["Khalid", "The Rifi"], alias="Abou Talha")
    assert kevin.aliases == ("Abou Talha",)
    assert "The Rifi" not in kevin.all_names
    assert rec(name=[], weakAlias="Simo").all_names == ()


def test_records_of_one_agency_and_of_two() -> None:
    one, other = profile_from("police.federal"), profile_from("intel.civil")
    assert c.source_level(one, other) == 0
    assert c.source_level(one, profile_from("police.federal")) == 1
    assert c.source_level(one, rec()) == 0  # rec() comes from agency "s"


def profile_from(source: str) -> Profile:
    record = Record.trusted(
        id="x", source=source, properties={"name": ["EL AMRANI Youssef"]},
        classification=Classification.RESTRICTED, caveats=[], extra={},
    )  # fmt: skip
    return profile(record)
