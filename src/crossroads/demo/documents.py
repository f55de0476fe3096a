"""Identifiers a person carries: national register number, passports, phone numbers, e-mail.

National register numbers are built with ``records.national_register.make`` so their check digits
are valid and agree with the birth date and gender (odd serial for men, even for women); a BIS
number (for people not in the population register) adds 40 to the month. Passport numbers follow
each issuing country's layout; phone numbers are stored as E.164 digits and formatted per agency.
"""

from __future__ import annotations

import random
import string
import unicodedata
from datetime import date

from crossroads.records import national_register

_LETTERS = string.ascii_uppercase
_NO_VOWELS = "BCDFGHJKLMNPRSTVWXYZ"
_MOBILE_PREFIXES = {
    "be": (
        "32",
        (
            "470",
            "471",
            "472",
            "473",
            "474",
            "475",
            "476",
            "477",
            "478",
            "479",
            "484",
            "485",
            "486",
            "487",
            "488",
            "489",
            "493",
            "494",
            "495",
            "496",
            "497",
            "498",
            "499",
        ),
        6,
    ),
    "fr": ("33", ("6", "7"), 8),
    "nl": ("31", ("6",), 8),
    "de": ("49", ("151", "152", "157", "160", "170", "176"), 7),
}
_COUNTRY_CODES = {"be": "32", "fr": "33", "nl": "31", "de": "49"}


def national_register_number(rng: random.Random, born: date, sex: str, bis: bool = False) -> str:
    """A checksum-valid number consistent with birth date and sex (BIS: month + 40)."""
    serial = 2 * rng.randint(1, 498) - (1 if sex == "m" else 0)
    month = born.month + (40 if bis else 0)
    return national_register.make(born.year % 100, month, born.day, serial, born.year >= 2000)


def passport_number(rng: random.Random, country: str) -> str:
    """A passport number in the layout of the issuing country (no checksum is implied)."""
    digits = string.digits
    if country == "be":
        return "".join(rng.choices(_LETTERS, k=2)) + "".join(rng.choices(digits, k=6))
    if country == "fr":
        return (
            "".join(rng.choices(digits, k=2))
            + "".join(rng.choices(_LETTERS, k=2))
            + "".join(rng.choices(digits, k=5))
        )
    if country == "nl":
        return (
            "N"
            + "".join(rng.choices(_NO_VOWELS, k=2))
            + "".join(rng.choices(digits + "BCDF", k=5))
            + str(rng.randint(0, 9))
        )
    if country == "de":
        return "C" + "".join(rng.choices(_NO_VOWELS + digits, k=8))
    if country == "tr":
        return "U" + "".join(rng.choices(digits, k=8))
    if country == "dz":
        return "".join(rng.choices(digits, k=9))
    return "".join(rng.choices(_LETTERS, k=2)) + "".join(rng.choices(digits, k=7))


def moroccan_id_card(rng: random.Random) -> str:
    """A Moroccan national identity card number (CNIE): one or two letters and digits."""
    return "".join(rng.choices(_LETTERS, k=rng.choice((1, 2)))) + str(rng.randint(10000, 999999))


def mobile_phone(rng: random.Random, country: str) -> str:
    code, prefixes, length = _MOBILE_PREFIXES.get(country, _MOBILE_PREFIXES["be"])
    return code + rng.choice(prefixes) + "".join(rng.choices(string.digits, k=length))


def landline(rng: random.Random, country: str, area: str) -> str:
    code = _COUNTRY_CODES.get(country, "32")
    national_length = 9 if country in ("fr", "nl") else (10 if country == "de" else 8)
    rest = national_length - len(area)
    return code + area + str(rng.randint(2, 9)) + "".join(rng.choices(string.digits, k=rest - 1))


def format_phone(e164: str, style: str) -> str:
    """Write an E.164 number as an agency habitually does.

    ``intl``: +32 470 12 34 56; ``national``: 0470/12.34.56; ``compact``: 0032470123456;
    ``plain``: +32470123456.
    """
    for code in ("32", "33", "31", "49"):
        if e164.startswith(code):
            national = e164[len(code) :]
            break
    else:
        code, national = e164[:2], e164[2:]
    if style == "plain":
        return "+" + e164
    if style == "compact":
        return "00" + e164
    if code == "32" and national[0] in "2349" and len(national) == 8:
        head, tail = national[:1], national[1:4] + " " + " ".join(national[i : i + 2] for i in (4, 6))
    else:
        head_length = 3 if code == "32" else (1 if code in ("33", "31") else 2)
        head, rest = national[:head_length], national[head_length:]
        tail = " ".join(rest[i : i + 2] for i in range(0, len(rest), 2))
    if style == "national":
        return f"0{head}/{tail.replace(' ', '.')}"
    return f"+{code} {head} {tail}"


def ascii_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in decomposed if c.isascii() and c.isalpha()).lower()


def email_address(rng: random.Random, given: str, family: str, born: date) -> str:
    """An e-mail on a reserved example domain, built the way people build their own."""
    g, f = ascii_letters(given), ascii_letters(family)
    local = rng.choice(
        (f"{g}.{f}", f"{g}{f}{born.year % 100:02d}", f"{g[:1]}{f}", f"{f}.{g}{rng.randint(1, 99)}")
    )
    return f"{local}@{rng.choice(('example.com', 'example.net', 'example.org'))}"
