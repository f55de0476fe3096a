"""Normalisers for single property values, chosen by the FollowTheMoney type of the property.

Each returns the normalised value, or raises ``ValueProblem`` with a stable code and plain words.
They are pure and cached where the same value recurs a lot (countries, genders).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from functools import lru_cache

from followthemoney import registry

from crossroads.records import country_names, national_register

EARLIEST_BIRTH_YEAR = 1880
DEFAULT_MAX_LENGTH = 4096

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
# C0/C1 control characters and the Unicode line/paragraph separators; tab and newline are allowed
# in free text only (see ``clean_text``).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAKS = re.compile(r"[\t\r\n]")
# Zero-width space, word joiner and a stray byte-order mark: invisible, never part of a name, and
# enough to make "Bakkali" and "Bak\u200bkali" two spellings. Zero-width (non-)joiners stay: they
# are spelling in Persian and Arabic script.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")

# Gender words in the project's languages that FollowTheMoney's cleaner does not know.
_GENDER_WORDS = {
    "m": "male",
    "h": "male",
    "homme": "male",
    "man": "male",
    "masculin": "male",
    "mannelijk": "male",
    "f": "female",
    "v": "female",
    "femme": "female",
    "vrouw": "female",
    "féminin": "female",
    "vrouwelijk": "female",
    "feminin": "female",
    "x": "other",
    "autre": "other",
    "ander": "other",
}


class ValueProblem(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def clean_text(value: str, *, free_text: bool, max_length: int) -> str:
    """NFC-normalise, drop invisible separators, strip, refuse control characters and oversized
    values."""
    text = value.strip()
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).strip()
    # isprintable() is False for every control character: a cheap test before the regexes
    if not text.isprintable() and (_CONTROL.search(text) or (not free_text and _LINE_BREAKS.search(text))):
        bad = next(ch for ch in text if _CONTROL.match(ch) or (not free_text and _LINE_BREAKS.match(ch)))
        raise ValueProblem(
            "control_characters",
            f"contains the control character U+{ord(bad):04X}; remove it and re-export",
        )
    if len(text) > max_length:
        raise ValueProblem(
            "oversized_field", f"is {len(text)} characters long; at most {max_length} are accepted"
        )
    return text


def has_control_character(text: str) -> bool:
    return _CONTROL.search(text) is not None


@lru_cache(maxsize=65536)
def clean_date(value: str, *, today: date, birth: bool) -> str:
    """ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: a real calendar date, not in the future."""
    match = _ISO_DATE.match(value)
    if not match:
        raise ValueProblem("invalid_date", f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ValueProblem("impossible_date", f"{value!r} has month {month}")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueProblem("impossible_date", f"{value!r} does not exist (day {day} of month {month})")
    earliest = (year, month or 1, day or 1)
    if earliest > (today.year, today.month, today.day):
        raise ValueProblem("future_date", f"{value!r} is in the future")
    if birth and year < EARLIEST_BIRTH_YEAR:
        raise ValueProblem("impossible_date", f"{value!r} is before {EARLIEST_BIRTH_YEAR}")
    return value


@lru_cache(maxsize=4096)
def clean_country(value: str) -> str:
    """ISO 3166-1 alpha-2 (lower case) from a code or a country name in English, French or Dutch."""
    code = country_names.lookup(value, _country_codes())
    if code is None:
        code = registry.country.clean(value)
    if code is None:
        raise ValueProblem(
            "unknown_country",
            f"{value!r} is not a known country code or name (use ISO codes such as 'be', 'ma')",
        )
    return str(code)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(str(code) for code in registry.country.codes)


@lru_cache(maxsize=256)
def clean_gender(value: str) -> str:
    word = value.strip().lower()
    gender = _GENDER_WORDS.get(word) or registry.gender.clean(word)
    if gender is None:
        raise ValueProblem("invalid_gender", f"{value!r} is not a gender (male, female, other)")
    return str(gender)


def clean_identifier(value: str) -> str:
    """Identifiers: a Belgian national register number in its own notation must pass its checksum."""
    if national_register.looks_belgian(value):
        if not national_register.is_valid(value):
            raise ValueProblem(
                "bad_nrn_checksum",
                f"{value!r} is written as a Belgian national register number but its check digits are wrong",
            )
        return national_register.canonical(value)
    return value
