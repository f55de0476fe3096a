"""One person as one agency writes them down: a record in the interchange format (FORMAT.md).

The record is what the agency would export: its spelling of the name (copied from an identity
document or respelled by ear in its own convention), its layout, its slips, the identifiers and
contact details it holds, its dating habits, and its own marking. Statuses appear only where the
agency learned of them. The ``id`` is a placeholder filled in when records are written out.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from crossroads.demo import spelling
from crossroads.demo.alias_tables import EPITHETS
from crossroads.demo.documents import format_phone
from crossroads.demo.identity import Address
from crossroads.demo.people import Person
from crossroads.demo.places import STREETS, local_name
from crossroads.demo.sources import SourceProfile, Weights
from crossroads.demo.status_words import STATUS_WORDS
from crossroads.demo.statuses import AS_OF

ID_PLACEHOLDER = "@ID@"

COUNTRY_NAMES = {
    "fr": {"be": "Belgique", "ma": "Maroc", "dz": "Algérie", "tn": "Tunisie", "sy": "Syrie", "iq": "Irak",
           "tr": "Turquie", "fr": "France", "nl": "Pays-Bas", "de": "Allemagne"},
    "nl": {"be": "België", "ma": "Marokko", "dz": "Algerije", "tn": "Tunesië", "sy": "Syrië", "iq": "Irak",
           "tr": "Turkije", "fr": "Frankrijk", "nl": "Nederland", "de": "Duitsland"},
    "en": {"be": "Belgium", "ma": "Morocco", "dz": "Algeria", "tn": "Tunisia", "sy": "Syria", "iq": "Iraq",
           "tr": "Turkey", "fr": "France", "nl": "Netherlands", "de": "Germany"},
    "de": {"be": "Belgien", "ma": "Marokko", "dz": "Algerien", "tn": "Tunesien", "sy": "Syrien", "iq": "Irak",
           "tr": "Türkei", "fr": "Frankreich", "nl": "Niederlande", "de": "Deutschland"},
    "tr": {"be": "Belçika", "ma": "Fas", "dz": "Cezayir", "tn": "Tunus", "sy": "Suriye", "iq": "Irak",
           "tr": "Türkiye", "fr": "Fransa", "nl": "Hollanda", "de": "Almanya"},
    "iso3": {"be": "BEL", "ma": "MAR", "dz": "DZA", "tn": "TUN", "sy": "SYR", "iq": "IRQ", "tr": "TUR",
             "fr": "FRA", "nl": "NLD", "de": "DEU"},
}  # fmt: skip
_GENDER_WORDS = {
    "male": ("male", "female"), "M/F": ("M", "F"), "H/F": ("H", "F"), "M/V": ("M", "V"),
    "man/vrouw": ("man", "vrouw"), "homme/femme": ("homme", "femme"),
}  # fmt: skip
_SEES_EVERY_STATUS = {"ocam"}
#: Records holding a passport or national number were mostly typed from the document.
_DOCUMENT_FIDELITY = 0.9
_WATCH_TOPIC_SOURCES = {"ocam", "intel.civil", "intel.military", "police.federal", "europol"}
_EPITHET_BY_ORIGIN = {"ma": ("moroccan", "rif"), "dz": ("algerian",), "tr": ("turk",), "be-fl": ("belgian",)}
_EPITHET = {e.key: e for e in EPITHETS}


def choose(weights: Weights, rng: random.Random) -> str:
    if len(weights) == 1:
        return weights[0][0]
    roll = rng.random() * sum(w for _, w in weights)
    for value, weight in weights:
        roll -= weight
        if roll < 0:
            return value
    return weights[-1][0]


def record(person: Person, profile: SourceProfile, rng: random.Random) -> dict[str, Any]:
    """The agency's record on ``person`` (``id`` left as ``ID_PLACEHOLDER``)."""
    return rendered(person, profile, rng)[0]


def rendered(person: Person, profile: SourceProfile, rng: random.Random) -> tuple[dict[str, Any], bool]:
    """The record, and whether a clerk's slip was put in its name (for the ground truth)."""
    convention = choose(profile.conventions, rng)
    props: dict[str, list[str]] = {}
    slipped = False
    alias = _alias(person, profile, convention, rng)
    if alias and rng.random() < profile.alias_only:
        props["alias"] = alias
    else:
        docs: dict[str, list[str]] = {}
        _documents(person, profile, rng, docs)
        copied = "passportNumber" in docs or "idNumber" in docs
        slipped = _names(
            person,
            profile,
            convention,
            rng,
            props,
            max(profile.fidelity, _DOCUMENT_FIDELITY) if copied else profile.fidelity,
        )
        if alias:
            props["alias"] = alias
        _weak_aliases(person, profile, convention, rng, props)
        props.update(docs)
        _contact(person, profile, rng, props)
    _birth(person, profile, convention, rng, props)
    nationality_style = choose(profile.nationality_style, rng)
    nationalities = person.nationalities if rng.random() < 0.7 else person.nationalities[:1]
    props["nationality"] = [_country(c, nationality_style) for c in nationalities]
    female = person.sex == "f"
    props["gender"] = [_GENDER_WORDS[choose(profile.gender_style, rng)][female]]
    _status(person, profile, rng, props)
    caveats = [caveat for caveat, chance in profile.caveats if rng.random() < chance]
    payload = {
        "id": ID_PLACEHOLDER,
        "source": profile.code,
        "schema": "Person",
        "properties": props,
        "classification": choose(profile.classification, rng),
        "caveats": caveats,
    }
    return payload, slipped


def _names(
    person: Person,
    profile: SourceProfile,
    convention: str,
    rng: random.Random,
    props: dict[str, list[str]],
    fidelity: float,
) -> bool:
    """Fill in the names; True when a slip was put in one of them."""
    given, family = _spelled(person, profile, convention, rng, fidelity)
    slipped = False
    if rng.random() < profile.typo_rate:
        before = (given, family)
        if rng.random() < 0.5:
            given = spelling.with_typo(given, rng)
        else:
            family = spelling.with_typo(family, rng)
        slipped = (given, family) != before
    turkish = convention == "tr"
    style = choose(profile.layouts, rng)
    shown_family = (
        spelling.lower_particle(family) if convention == "nl" and style == "Given Family" else family
    )
    full = spelling.layout(given, shown_family, style, turkish)
    arabic = _arabic(person, profile, rng)
    split = rng.random() < profile.split_names
    if arabic and profile.code == "foreign.ma" and rng.random() < 0.5:
        props["name"] = [arabic]
        if split and person.family.arabic:
            props["firstName"], props["lastName"] = [person.given.arabic], [person.family.arabic]
        return False  # the Latin spelling, and any slip in it, is not shown
    props["name"] = [full, arabic] if arabic else [full]
    if split:
        props["firstName"] = [given]
        props["lastName"] = [spelling.upper(family, turkish) if style.startswith("FAMILY") else family]
        if rng.random() < 0.1:
            del props["name"]
    return slipped


def _spelled(
    person: Person, profile: SourceProfile, convention: str, rng: random.Random, fidelity: float
) -> tuple[str, str]:
    """Copied from the identity document, or respelled in the clerk's convention."""
    second_shown = person.second is not None and rng.random() < 0.7
    joiner = " " if rng.random() < 0.8 else "-"
    if rng.random() < fidelity or person.origin in ("be-fl", "be-wa", "tr"):
        given, family = person.given_official, person.family_official
        second = person.second_official
        if person.origin in ("be-fl", "be-wa") and rng.random() > fidelity:
            given, family = (
                spelling.pick(person.given, convention, rng),
                spelling.pick(person.family, convention, rng),
            )
        if person.origin == "tr" and convention != "tr" and rng.random() > fidelity:
            given, family = spelling.strip_accents(given), spelling.strip_accents(family)
    else:
        given = spelling.pick(person.given, convention, rng)
        second = spelling.pick(person.second, convention, rng) if person.second else None
        family = spelling.with_particle(
            person.family, spelling.pick(person.family, convention, rng), convention, rng
        )
    if second_shown and second:
        given = f"{given}{joiner}{second}"
    if profile.drops_particle and rng.random() < profile.drops_particle:
        family = spelling.drop_particle(family, person.family)
    if profile.ascii_only or (convention in ("en", "de") and rng.random() < 0.3):
        given, family = spelling.strip_accents(given), spelling.strip_accents(family)
    return given, family


def _arabic(person: Person, profile: SourceProfile, rng: random.Random) -> str | None:
    if not profile.arabic_script or not person.given.arabic or rng.random() >= profile.arabic_script:
        return None
    return spelling.arabic_name(person.given, person.family)


def _alias(person: Person, profile: SourceProfile, convention: str, rng: random.Random) -> list[str]:
    if person.alias is None or rng.random() >= profile.alias:
        return []
    a = person.alias
    text = f"{spelling.pick(a.head, convention, rng)} {spelling.pick(a.name, convention, rng)}"
    if rng.random() < 0.85:
        text += " " + spelling.pick(a.nisba, convention, rng)
    if rng.random() < profile.typo_rate:
        text = spelling.with_typo(text, rng)
    out = [text]
    if profile.arabic_script and rng.random() < profile.arabic_script * 2:
        out.append(f"{a.head.arabic} {a.name.arabic} {a.nisba.arabic}")
    return out


def _weak_aliases(
    person: Person, profile: SourceProfile, convention: str, rng: random.Random, props: dict[str, list[str]]
) -> None:
    weak: list[str] = []
    if person.nickname and rng.random() < profile.nickname:
        weak.append(person.nickname)
    if person.convert_name is not None and rng.random() < 0.5:
        weak.append(spelling.pick(person.convert_name, convention, rng))
    if person.watch_listed and rng.random() < 0.05:
        key = rng.choice(_EPITHET_BY_ORIGIN.get(person.origin, ("tall", "beard", "small")))
        if person.convert_name is not None:
            key = "convert"
        weak.append(spelling.pick(_EPITHET[key], convention, rng))
    if weak:
        props["weakAlias"] = weak


def _documents(
    person: Person, profile: SourceProfile, rng: random.Random, props: dict[str, list[str]]
) -> None:
    ids: list[str] = []
    if person.nrn and rng.random() < profile.national_number:
        dotted = rng.random() < profile.national_number_dotted
        ids.append(person.nrn if dotted else "".join(c for c in person.nrn if c.isdigit()))
    if person.moroccan_id and profile.code == "foreign.ma" and rng.random() < 0.7:
        ids.append(person.moroccan_id)
    if ids:
        props["idNumber"] = ids
    if person.passports and rng.random() < profile.passport:
        chosen = person.passports if rng.random() < 0.3 else (rng.choice(person.passports),)
        props["passportNumber"] = [number for _, number in chosen]
    if person.father is not None and rng.random() < profile.father_name:
        props["fatherName"] = [spelling.pick(person.father, choose(profile.conventions, rng), rng)]


def _contact(person: Person, profile: SourceProfile, rng: random.Random, props: dict[str, list[str]]) -> None:
    if rng.random() < profile.address:
        old = person.previous_address is not None and rng.random() < profile.previous_address
        where = person.previous_address if old and person.previous_address else person.address
        props["address"] = [address_text(where, choose(profile.address_language, rng), profile.code)]
    if rng.random() < profile.phone:
        numbers = [n for n in (person.mobile, person.household_phone) if n]
        if numbers:
            number = numbers[0] if len(numbers) == 1 or rng.random() < 0.6 else numbers[1]
            props["phone"] = [format_phone(number, choose(profile.phone_style, rng))]
    if person.email and rng.random() < profile.email:
        props["email"] = [person.email]


def address_text(address: Address, language: str, source: str = "") -> str:
    """Rue de la Gare 12, 1080 Molenbeek-Saint-Jean / Stationsstraat 12, 1080 Sint-Jans-Molenbeek."""
    m = address.municipality
    street_fr, street_nl, street_de = STREETS[address.street]
    if m.country == "be" and m.region == "brussels":
        street, city = (street_nl, m.name_nl) if language == "nl" else (street_fr, m.name_fr)
    else:
        street = {"fr": street_fr, "nl": street_nl, "de": street_de}.get(
            "fr" if m.region == "wallonia" else ("nl" if m.region == "flanders" else m.country), street_fr
        )
        city = (
            m.name_fr if language == "fr" and m.country == "be" and m.region == "flanders" else local_name(m)
        )
    box = ""
    if address.box:
        box = (
            f" bte {address.box}" if language == "fr" else (f" bus {address.box}" if language == "nl" else "")
        )
    if source == "foreign.fr" and m.country in ("fr", "be"):
        text = f"{address.number} {street[0].lower()}{street[1:]}{box}, {m.postcode} {city}"
        return text + (", Belgique" if m.country == "be" else "")
    if source == "foreign.de" and m.country == "be":
        return f"{street} {address.number}, B-{m.postcode} {city}"
    if source == "europol" and m.country == "be":
        return f"{street} {address.number}{box}, {m.postcode} {city}, Belgium"
    return f"{street} {address.number}{box}, {m.postcode} {city}"


def _birth(
    person: Person, profile: SourceProfile, convention: str, rng: random.Random, props: dict[str, list[str]]
) -> None:
    born = _mistyped(person.birth, rng) if rng.random() < profile.birth_wrong else person.birth
    precision = choose(profile.birth_precision, rng)
    if precision == "full":
        props["birthDate"] = [born.isoformat()]
    elif precision == "month":
        props["birthDate"] = [born.isoformat()[:7]]
    elif precision == "year":
        placeholder = rng.random() < profile.year_placeholder
        props["birthDate"] = [f"{born.year}-01-01" if placeholder else str(born.year)]
    if ("name" in props or "firstName" in props) and rng.random() < profile.birthplace:
        place = person.birthplace.form
        in_arabic = props.get("name", [""])[0] == spelling.arabic_name(person.given, person.family)
        props["birthPlace"] = [
            place.arabic if in_arabic and place.arabic else spelling.pick(place, convention, rng)
        ]


def _mistyped(born: date, rng: random.Random) -> date:
    """A wrong but possible date: day and month swapped, or one digit of the year or day mistyped."""
    options: list[date] = []
    if born.day <= 12 and born.day != born.month:
        options.append(date(born.year, born.day, born.month))
    for year in (born.year - 1, born.year + 1, born.year - 10):
        if year > 1900 and date(year, born.month, min(born.day, 28)) <= AS_OF:
            options.append(date(year, born.month, min(born.day, 28)))
    for day in (born.day - 1, born.day + 1, born.day + 10, born.day - 10):
        if 1 <= day <= 28:
            options.append(date(born.year, born.month, day))
    return rng.choice(options)


def _country(code: str, style: str) -> str:
    if style == "code":
        return code
    return COUNTRY_NAMES[style][code]


def _status(person: Person, profile: SourceProfile, rng: random.Random, props: dict[str, list[str]]) -> None:
    if not profile.knows_status:
        return
    if person.watch_listed and profile.code in _WATCH_TOPIC_SOURCES:
        props["topics"] = ["crime.terror"]
    known = [t for t in person.history if profile.code in _SEES_EVERY_STATUS or t.source == profile.code]
    if not known:
        return
    words = STATUS_WORDS[profile.notes_language]
    props["status"] = [known[-1].status]
    props["notes"] = ["; ".join(f"{words[t.status]} {t.date.isoformat()}" for t in known)]
