"""What the linkage model compares of one record, normalised once per record (pure).

A record's properties arrive in each agency's own habits; the profile keeps, per kind of evidence,
the values in a form where agreement can be tested by equality: national register numbers as their
eleven digits, passports without separators, phones by their last eight digits (country prefixes
and leading zeros differ), addresses by postcode and house number (street names differ between
French and Dutch), birth places by the place they name in any language (``places``). A national
register number also says when its bearer was born: that date joins the record's birth dates, or
completes one written only to the year or month.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from sys import intern

from crossroads.names.keys import token_key
from crossroads.records import national_register
from crossroads.records.model import Record
from crossroads.resolve.places import place_key, spelling

_SEPARATORS = re.compile(r"[\s./-]+")
_NON_DIGITS = re.compile(r"\D+")
#: "Rue de la Colline 56, 1080 Molenbeek" / "Heuvelstraat 56 bus 3, 1080 Sint-Jans-Molenbeek":
#: the house number before the comma, the four-digit Belgian (or other) postcode after it.
_NUMBER = re.compile(r"(\d+[a-zA-Z]?)\s*(?:(?:bus|bte|boîte|box)\s*\w+)?\s*,")
_POSTCODE = re.compile(r",\s*(?:[A-Z]{1,2}-)?(\d{4,5})\b")


@dataclass(frozen=True, slots=True)
class Profile:
    """One record's evidence, by kind; empty where the record says nothing of it."""

    names: tuple[str, ...]  # full names as written, and "Family, Given" from separate fields
    #: Aliases and noms de guerre. Weak aliases are left out: a nickname or an epithet ("Simo",
    #: "The Moroccan") is shared by many and, as FollowTheMoney says of ``weakAlias``, "should not be
    #: used for matching" (on 100,954 demo records, of 9,107 candidate pairs whose best names were a
    #: weak alias, 47 were one person).
    aliases: tuple[str, ...]
    births: tuple[str, ...]  # ISO dates, possibly partial (YYYY or YYYY-MM)
    nrns: frozenset[str]
    passports: frozenset[str]
    nationalities: frozenset[str]
    gender: str | None
    birth_places: frozenset[str]  # one key per place, whatever its language (``places``)
    birth_place_skeletons: frozenset[str]  # Tanger / Tangier, Schaerbeek / Schaarbeek alike
    addresses: frozenset[str]  # "postcode|number"
    postcodes: frozenset[str]
    phones: frozenset[str]  # and e-mail addresses: a personal channel either way
    source: str = ""  # the agency that holds the record

    @property
    def all_names(self) -> tuple[str, ...]:
        return self.names + self.aliases


def _identifiers(record: Record) -> tuple[frozenset[str], frozenset[str]]:
    """Belgian national register numbers apart (their agreement is near proof); every other
    document number (passports, foreign identity cards) together."""
    props = record.properties
    nrns: set[str] = set()
    documents = {_SEPARATORS.sub("", v).upper() for v in props.get("passportNumber", []) if v}
    for value in props.get("idNumber", []) + props.get("socialSecurityNumber", []):
        digits = national_register.digits(value) if national_register.reads_as_belgian(value) else None
        if digits:
            nrns.add(digits)
        elif value.strip():
            documents.add(_SEPARATORS.sub("", value).upper())
    return frozenset(nrns), frozenset(documents)


def _birth_from_nrn(digits: str) -> str | None:
    """The birth date a national register number encodes (YYMMDD; the check digits tell the
    century; month + 20 or + 40 in BIS numbers; a 0 month or day means unknown)."""
    body, check = digits[:9], int(digits[9:])
    century = "20" if check == national_register.check_number(body, True) else "19"
    year, month, day = int(digits[0:2]), int(digits[2:4]) % 20, int(digits[4:6])
    if not 1 <= month <= 12:
        return f"{century}{year:02d}"
    if not 1 <= day <= 31:
        return f"{century}{year:02d}-{month:02d}"
    return f"{century}{year:02d}-{month:02d}-{day:02d}"


def _births(written: list[str], nrns: frozenset[str]) -> list[str]:
    """The written birth dates, and each national register number's: a number agreeing with a
    date written only to the year or month ("1984" and 84.09.25-...) says the full date, which
    takes the written one's place (the record knows the day; comparing it as a year alone cost
    links and left blocking without the full date's keys); a number that disagrees adds its date."""
    births = list(written)
    for digits in nrns:
        implied = _birth_from_nrn(digits)
        if not implied or any(b.startswith(implied) for b in births if b):
            continue
        vaguer = [k for k, b in enumerate(births) if b and implied.startswith(b)]
        if vaguer:
            births[vaguer[0]] = implied
            births = [b for k, b in enumerate(births) if k not in vaguer[1:]]
        else:
            births.append(implied)
    return list(dict.fromkeys(births))


def _address_keys(addresses: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    keys: set[str] = set()
    postcodes: set[str] = set()
    for address in addresses:
        code = _POSTCODE.search(address)
        if code is None:
            continue
        postcodes.add(code.group(1))
        number = _NUMBER.search(address)
        if number is not None:
            keys.add(f"{code.group(1)}|{number.group(1).lower()}")
    return frozenset(keys), frozenset(postcodes)


def _names(record: Record) -> tuple[str, ...]:
    props = record.properties
    names = [n for n in props.get("name", []) if n.strip()]
    firsts, lasts = props.get("firstName", []), props.get("lastName", [])
    # Separate fields fix the roles; the comma says so to the name parser.
    names += [f"{last}, {first}" for last in lasts for first in firsts if last.strip() and first.strip()]
    if not firsts:
        names += [last for last in lasts if last.strip() and not names]
    return tuple(dict.fromkeys(names))


_NONE: frozenset[str] = frozenset()


def _set(values: Iterable[str]) -> frozenset[str]:
    """A frozenset of ``values``, the one shared empty set where there are none. A server keeps the
    profiles of hundreds of thousands of records, most of whose sets are empty, and each empty
    frozenset built from an iterable is an object of its own (216 bytes, nine to a profile)."""
    made = frozenset(values)
    return made if made else _NONE


#: Sets of values many records share (``_common``), one object each; bounded, as a name's vocabulary is.
_SHARED: dict[frozenset[str], frozenset[str]] = {}
SHARED_SETS = 200_000


def _common(values: Iterable[str]) -> frozenset[str]:
    """``_set`` of values shared by many records (nationalities, places, postcodes): one string and
    one set for all the records that have them (a set of one value is 216 bytes)."""
    made = _set(intern(v) for v in values)
    if len(_SHARED) >= SHARED_SETS:
        return _SHARED.get(made, made)
    return _SHARED.setdefault(made, made)


def profile(record: Record) -> Profile:
    props = record.properties
    nrns, passports = _identifiers(record)
    addresses, postcodes = _address_keys(props.get("address", []))
    genders = props.get("gender", [])
    phones = {_NON_DIGITS.sub("", p)[-8:] for p in props.get("phone", [])}
    phones = {p for p in phones if len(p) == 8} | {
        e.strip().lower() for e in props.get("email", []) if "@" in e
    }
    written = [spelled for p in props.get("birthPlace", []) if (spelled := spelling(p))]
    births = _births(props.get("birthDate", []), nrns)
    return Profile(
        names=_names(record),
        aliases=tuple(dict.fromkeys(a for a in props.get("alias", []) if a)),
        births=tuple(births),
        nrns=_set(nrns),
        passports=_set(passports),
        nationalities=_common(props.get("nationality", [])),
        gender=intern(genders[0]) if len(genders) == 1 else None,
        birth_places=_common(place_key(p) for p in written),
        birth_place_skeletons=_common(s for p in written for s in token_key(p).skeletons if s),
        addresses=_set(addresses),
        postcodes=_common(postcodes),
        phones=_set(phones),
        source=intern(record.source),
    )
