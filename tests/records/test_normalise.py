"""The single-value normalisers: what each accepts, what it returns, and the code of each refusal."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossroads.records import national_register
from crossroads.records.normalise import (
    EARLIEST_BIRTH_YEAR,
    ValueProblem,
    clean_country,
    clean_date,
    clean_gender,
    clean_identifier,
    clean_text,
)

TODAY = date(2026, 11, 22)


def _refusal(code: str) -> pytest.RaisesExc[ValueProblem]:
    return pytest.raises(ValueProblem, check=lambda exc: exc.code == code)


# ------------------------------------------------------------------------------------------ text
def test_text_is_nfc_normalised_and_stripped() -> None:
    decomposed = "  LAMBERT Chloe\u0301\t\n"
    cleaned = clean_text(decomposed, free_text=False, max_length=100)
    assert cleaned == "LAMBERT Chlo\u00e9"
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x92", "\u2028", "\u2029", "\x0b"])
def test_control_characters_are_refused_even_in_free_text(char: str) -> None:
    for free_text in (False, True):
        with _refusal("control_characters") as caught:
            clean_text(f"BENALI{char}Karim", free_text=free_text, max_length=100)
        assert f"U+{ord(char):04X}" in str(caught.value)


@pytest.mark.parametrize("char", ["\n", "\r", "\t"])
def test_line_breaks_and_tabs_only_in_free_text(char: str) -> None:
    value = f"Seen near the station.{char}Reported twice."
    assert clean_text(value, free_text=True, max_length=100) == value
    with _refusal("control_characters"):
        clean_text(value, free_text=False, max_length=100)


def test_the_length_limit_is_inclusive_and_counted_after_stripping() -> None:
    assert clean_text("x" * 10, free_text=False, max_length=10) == "x" * 10
    assert clean_text("  " + "x" * 10 + "  ", free_text=False, max_length=10) == "x" * 10
    with _refusal("oversized_field") as caught:
        clean_text("x" * 11, free_text=False, max_length=10)
    assert "11" in caught.value.message


_printable = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), max_size=40)


@given(_printable)
def test_cleaning_text_twice_changes_nothing(value: str) -> None:
    once = clean_text(value, free_text=False, max_length=1000)
    assert clean_text(once, free_text=False, max_length=1000) == once
    assert once == once.strip()
    assert unicodedata.is_normalized("NFC", once)


# ------------------------------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    "value", ["1991", "1991-04", "1991-04-12", "2000-02-29", "2026-11-22", "2026-11", "2026"]
)
def test_iso_dates_up_to_today_are_kept_as_written(value: str) -> None:
    assert clean_date(value, today=TODAY, birth=True) == value


@pytest.mark.parametrize(
    "value",
    ["12/04/1991", "1991-4-12", "19910412", "91-04-12", "1991-04-12T00:00:00", "April 1991", "1991-04-"],
)
def test_non_iso_dates_are_invalid(value: str) -> None:
    with _refusal("invalid_date"):
        clean_date(value, today=TODAY, birth=True)


@pytest.mark.parametrize(
    "value", ["1991-00", "1991-13", "1991-13-04", "1991-02-30", "1991-02-29", "1991-04-31", "1991-04-00"]
)
def test_dates_that_do_not_exist_are_impossible(value: str) -> None:
    with _refusal("impossible_date"):
        clean_date(value, today=TODAY, birth=False)


@pytest.mark.parametrize("value", ["2026-11-23", "2026-12", "2027", "2091-04-12"])
def test_dates_after_today_are_in_the_future(value: str) -> None:
    with _refusal("future_date"):
        clean_date(value, today=TODAY, birth=False)


def test_birth_dates_stop_at_the_earliest_plausible_year_other_dates_do_not() -> None:
    first = str(EARLIEST_BIRTH_YEAR)
    before = f"{EARLIEST_BIRTH_YEAR - 1}-06-01"
    assert clean_date(first, today=TODAY, birth=True) == first
    with _refusal("impossible_date"):
        clean_date(before, today=TODAY, birth=True)
    assert clean_date(before, today=TODAY, birth=False) == before


@given(st.dates(min_value=date(EARLIEST_BIRTH_YEAR, 1, 1), max_value=TODAY))
def test_every_past_day_month_and_year_is_accepted(day: date) -> None:
    iso = day.isoformat()
    for value in (iso, iso[:7], iso[:4]):
        assert clean_date(value, today=TODAY, birth=True) == value


@given(st.dates(min_value=TODAY + timedelta(days=1), max_value=date(9999, 12, 31)))
def test_every_later_day_is_in_the_future(day: date) -> None:
    with _refusal("future_date"):
        clean_date(day.isoformat(), today=TODAY, birth=True)


# ------------------------------------------------------------------------------------------ countries
@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("be", "be"),
        ("BE", "be"),
        ("Belgium", "be"),
        ("Belgique", "be"),
        ("België", "be"),
        ("ma", "ma"),
        ("Morocco", "ma"),
        ("Maroc", "ma"),
        ("Marokko", "ma"),
        ("Turquie", "tr"),
        ("Turkije", "tr"),
        ("Syrie", "sy"),
        ("Syrië", "sy"),
        ("Pays-Bas", "nl"),
        ("Nederland", "nl"),
        ("Frankrijk", "fr"),
        ("Allemagne", "de"),
        ("Algérie", "dz"),
        ("Kosovo", "xk"),
    ],
)
def test_country_codes_and_names_in_english_french_and_dutch(value: str, code: str) -> None:
    assert clean_country(value) == code


@pytest.mark.parametrize("value", ["xx", "marocaine", "belge", "Belgique/Maroc", "Atlantis"])
def test_unknown_countries_are_refused(value: str) -> None:
    with _refusal("unknown_country") as caught:
        clean_country(value)
    assert repr(value) in caught.value.message


# ------------------------------------------------------------------------------------------ gender
@pytest.mark.parametrize(
    ("value", "gender"),
    [
        ("male", "male"),
        ("M", "male"),
        ("h", "male"),
        ("Homme", "male"),
        ("man", "male"),
        ("mannelijk", "male"),
        ("female", "female"),
        ("F", "female"),
        ("V", "female"),
        ("femme", "female"),
        ("vrouw", "female"),
        ("féminin", "female"),
        ("X", "other"),
        ("autre", "other"),
        ("ander", "other"),
        (" other ", "other"),
    ],
)
def test_gender_words_of_the_project_languages(value: str, gender: str) -> None:
    assert clean_gender(value) == gender


@pytest.mark.parametrize("value", ["onbekend", "inconnu", "?", "0", "1", "unknown"])
def test_unknown_gender_words_are_refused(value: str) -> None:
    with _refusal("invalid_gender"):
        clean_gender(value)


# ------------------------------------------------------------------------------------------ identifiers
def test_a_belgian_register_number_must_check() -> None:
    valid = national_register.make(91, 4, 12, 123, born_2000_or_later=False)
    body = valid[:2] + valid[3:5] + valid[6:8] + valid[9:12]
    either_century = {national_register.check_number(body, b) for b in (False, True)}
    wrong = next(check for check in range(1, 98) if check not in either_century)
    assert clean_identifier(valid) == valid
    with _refusal("bad_nrn_checksum"):
        clean_identifier(f"{valid[:-2]}{wrong:02d}")


@pytest.mark.parametrize("value", ["12345678950", "EH123456", "B 1234567", "91041212345"])
def test_other_identifiers_are_kept_as_written(value: str) -> None:
    """Not in the register's notation, so not assumed Belgian (a Turkish id also has 11 digits)."""
    assert clean_identifier(value) == value


def test_invisible_separators_are_dropped_but_joiners_kept() -> None:
    from crossroads.records.normalise import clean_text

    assert clean_text("Bak\u200bkali\ufeff", free_text=False, max_length=100) == "Bakkali"
    assert clean_text("\u2060Youssef", free_text=False, max_length=100) == "Youssef"
    persian = "می\u200cخواهم"  # the zero-width non-joiner is spelling here
    assert clean_text(persian, free_text=False, max_length=100) == persian
