"""Spelling tables and habits: conventions, particles, layouts, the typo model, identifiers."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from crossroads.demo import documents, spelling
from crossroads.demo.alias_tables import KUNYA_NAMES, NISBAS
from crossroads.demo.name_tables import CONVENTIONS, FAMILY_NAMES, GIVEN_BY_KEY, GIVEN_NAMES
from crossroads.records import national_register

_FAMILY = {f.key: f for f in FAMILY_NAMES}


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_tables_have_every_convention_and_arabic_script() -> None:
    assert len(GIVEN_NAMES) >= 80 and len(FAMILY_NAMES) >= 80
    for name in (*GIVEN_NAMES, *FAMILY_NAMES, *KUNYA_NAMES, *NISBAS.values()):
        assert all(name.spellings[c] and all(name.spellings[c]) for c in CONVENTIONS), name.key
        assert any("\u0600" <= ch <= "\u06ff" for ch in name.arabic), name.key


def test_conventions_spell_compounds_and_sounds_their_own_way() -> None:
    kader = GIVEN_BY_KEY["abdelkader"].spellings
    assert "Abdel Kader" in kader["fr"] and "Abd al-Qadir" in kader["en"] and "Abdülkadir" in kader["tr"]
    assert "Abd al-Salam" in GIVEN_BY_KEY["abdessalam"].spellings["en"]
    youssef = GIVEN_BY_KEY["youssef"].spellings
    assert youssef["fr"][0] == "Youssef" and "Joessef" in youssef["nl"] and "Jussuf" in youssef["de"]
    assert "Muhammet" in GIVEN_BY_KEY["mohamed"].spellings["tr"]
    jamal = GIVEN_BY_KEY["jamal"].spellings
    assert "Dschamal" in jamal["de"] and "Cemal" in jamal["tr"]


def test_particles_are_written_per_convention_habit() -> None:
    rng = random.Random(1)

    def forms(key: str, convention: str) -> set[str]:
        family = _FAMILY[key]
        stem = family.spellings[convention][0]
        return {spelling.with_particle(family, stem, convention, rng) for _ in range(300)}

    assert {"El Amrani", "El-Amrani", "Elamrani"} <= forms("el amrani", "fr")
    assert all(f.lower().startswith("al") for f in forms("el amrani", "en"))
    assert "Et-Tazi" in forms("el tazi", "fr")  # the article assimilates to a sun letter
    assert {"Ben Moussa", "Benmoussa"} <= forms("ben moussa", "fr")
    assert "Aït Taleb" in forms("ait taleb", "fr")
    assert spelling.drop_particle("El Amrani", _FAMILY["el amrani"]) == "Amrani"


def test_layouts_and_turkish_capitals() -> None:
    assert spelling.layout("Youssef", "El Amrani", "FAMILY Given") == "EL AMRANI Youssef"
    assert spelling.layout("Youssef", "El Amrani", "Family, Given") == "El Amrani, Youssef"
    assert spelling.layout("Hişam", "Şavi", "GIVEN FAMILY", turkish=True) == "HİŞAM ŞAVİ"
    assert spelling.lower_particle("El Amrani") == "el Amrani"
    assert spelling.strip_accents("Aïcha Şahin Kılıç") == "Aicha Sahin Kilic"


@given(st.sampled_from([n.spellings["fr"][0] for n in (*GIVEN_NAMES, *FAMILY_NAMES)]), st.integers(0, 2**32))
def test_a_typo_is_one_small_slip_that_keeps_the_first_letter(word: str, seed: int) -> None:
    slipped = spelling.typo(word, random.Random(seed))
    assert slipped[:1] == word[:1]
    assert _edit_distance(word, slipped) <= 2


def test_typos_happen() -> None:
    rng = random.Random(2)
    assert sum(spelling.typo("Abdessalam", rng) != "Abdessalam" for _ in range(100)) > 80


@given(st.dates(min_value=date(1940, 1, 1), max_value=date(2016, 12, 31)), st.sampled_from(["m", "f"]),
       st.booleans(), st.integers(0, 2**32))  # fmt: skip
def test_national_register_numbers_agree_with_birth_and_sex(
    born: date, sex: str, bis: bool, seed: int
) -> None:
    number = documents.national_register_number(random.Random(seed), born, sex, bis=bis)
    assert national_register.is_valid(number)
    assert number[:2] == f"{born.year % 100:02d}" and number[6:8] == f"{born.day:02d}"
    assert int(number[3:5]) == born.month + (40 if bis else 0)
    assert int(number[9:12]) % 2 == (1 if sex == "m" else 0)


def test_phone_numbers_are_written_as_agencies_write_them() -> None:
    mobile, landline = "32470123456", "3225123456"
    assert documents.format_phone(mobile, "intl") == "+32 470 12 34 56"
    assert documents.format_phone(mobile, "national") == "0470/12.34.56"
    assert documents.format_phone(mobile, "compact") == "0032470123456"
    assert documents.format_phone(landline, "intl") == "+32 2 512 34 56"
    assert documents.format_phone(landline, "national") == "02/512.34.56"
