"""Who a person is on paper: lineage (family name), household (address, phone, father), given
names with their official spelling, birthplace, nationalities and identity documents.

The official spelling is what the Belgian civil register holds, usually the French transliteration
from a Moroccan passport; agencies that copy identity documents keep it, others respell the name.
Family names are Zipf-like over the hand table, with a long tail built from hand-spelled parts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from crossroads.demo import documents
from crossroads.demo.name_tables import (
    FAMILY_NAMES,
    FEMALE_GIVEN,
    GIVEN_BY_KEY,
    MALE_GIVEN,
    TAIL_ENDINGS,
    TAIL_PREFIXES,
    TAIL_ROOTS,
    FamilyName,
    GivenName,
    tail_family_name,
)
from crossroads.demo.other_names import (
    FLEMISH_FAMILY,
    FLEMISH_FAMILY_WEIGHTS,
    FLEMISH_GIVEN,
    TURKISH_FAMILY,
    TURKISH_FAMILY_WEIGHTS,
    TURKISH_GIVEN,
    WALLOON_FAMILY,
    WALLOON_FAMILY_WEIGHTS,
    WALLOON_GIVEN,
)
from crossroads.demo.places import (
    ABROAD_BIRTHPLACES,
    BELGIAN_MUNICIPALITIES,
    MUNICIPALITIES,
    STREETS,
    Birthplace,
    Municipality,
    birthplace_in,
)
from crossroads.demo.spelling import pick, strip_accents, with_particle

_ORIGINS = ("arab", "tr", "be-fl", "be-wa")
_ORIGIN_WEIGHTS = (70, 8, 11, 11)
_FAMILY_CUM = list(accumulate(1 / (rank + 4) ** 0.7 for rank in range(len(FAMILY_NAMES))))
_BRUXELLES = next(m for m in BELGIAN_MUNICIPALITIES if m.key == "bruxelles")
_SECOND_AFTER = {"mohamed": ("amine", "ali", "yassine", "saïd", "amine"), "fatima": ("zahra",)}


def _cumulative(weights: list[float]) -> list[float]:
    return list(accumulate(weights))


def _home_weights(origin: str) -> list[float]:
    """Where households of an origin live: Flemish in Flanders, Turkish in Schaerbeek and Ghent..."""
    out = []
    for m in MUNICIPALITIES:
        w = m.weight
        if origin == "be-fl":
            w *= {"flanders": 4.0, "wallonia": 0.1, "brussels": 0.4}.get(m.region, 0.3)
        elif origin == "be-wa":
            w *= {"flanders": 0.1, "wallonia": 4.0, "brussels": 0.6}.get(m.region, 0.3)
        elif origin == "tr" and m.key in ("schaerbeek", "gent", "maasmechelen", "saint-josse"):
            w *= 2.0
        out.append(w)
    return _cumulative(out)


_HOME_CUM = {origin: _home_weights(origin) for origin in ("arab", "tr", "be-fl", "be-wa")}


@dataclass(slots=True, eq=False)
class Address:
    municipality: Municipality
    street: int  # index in places.STREETS
    number: int
    box: int | None


@dataclass(slots=True, eq=False)
class Lineage:
    """A clan's family name and how the civil register spells it."""

    origin: str  # ma, dz, tn, sy, iq, tr, be-fl, be-wa
    family: FamilyName
    family_official: str
    convention: str  # the convention of official spellings in this family


@dataclass(slots=True, eq=False)
class Household:
    home: Municipality
    address: Address
    phone: str | None
    father: GivenName


@dataclass(slots=True, eq=False)
class GivenNames:
    given: GivenName
    second: GivenName | None
    given_official: str
    second_official: str | None


@dataclass(slots=True, eq=False)
class Documents:
    birthplace: Birthplace
    nationalities: tuple[str, ...]
    previous_address: Address | None
    mobile: str | None
    email: str | None
    nrn: str | None
    passports: tuple[tuple[str, str], ...]
    moroccan_id: str | None


class IdentityMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._tail: dict[tuple[int, int, int, str], FamilyName] = {}
        self._issued: set[str] = set()  # national register numbers given out
        self._male_cum = _cumulative([n.weight for n in MALE_GIVEN])
        self._female_cum = _cumulative([n.weight for n in FEMALE_GIVEN])

    def _register_number(self, born: date, sex: str, bis: bool) -> str:
        """A national register number no one else holds: the register gives each person born on a
        day a serial of their own. Drawn independently, two men born on one day shared a number
        once in 498 pairs, and at 100,000 persons a few hundred pairs of strangers did (the
        linker rightly takes a shared number as near-proof)."""
        for _ in range(1_000):
            number = documents.national_register_number(self.rng, born, sex, bis=bis)
            if number not in self._issued:
                self._issued.add(number)
                return number
        raise RuntimeError(f"no national register number left for {born} ({sex})")

    def lineage(self) -> Lineage:
        rng = self.rng
        group = rng.choices(_ORIGINS, _ORIGIN_WEIGHTS)[0]
        if group == "tr":
            family = rng.choices(TURKISH_FAMILY, TURKISH_FAMILY_WEIGHTS)[0]
            official = pick(family, "tr", rng, 0.9)
            return Lineage("tr", family, official if rng.random() < 0.7 else strip_accents(official), "tr")
        if group in ("be-fl", "be-wa"):
            names, weights = (
                (FLEMISH_FAMILY, FLEMISH_FAMILY_WEIGHTS)
                if group == "be-fl"
                else (WALLOON_FAMILY, WALLOON_FAMILY_WEIGHTS)
            )
            family = rng.choices(names, weights)[0]
            return Lineage(group, family, family.spellings["fr"][0], "fr")
        family = (
            rng.choices(FAMILY_NAMES, cum_weights=_FAMILY_CUM)[0]
            if rng.random() < 0.45
            else self._tail_name()
        )
        convention = "fr" if rng.random() < 0.88 else "nl"
        official = with_particle(family, pick(family, convention, rng, 0.75), convention, rng)
        return Lineage(family.origin, family, official, convention)

    def _tail_name(self) -> FamilyName:
        rng = self.rng
        pi = rng.choices(range(len(TAIL_PREFIXES)), [p.weight for p in TAIL_PREFIXES])[0]
        ri = rng.choices(range(len(TAIL_ROOTS)), [p.weight for p in TAIL_ROOTS])[0]
        ei = rng.choices(range(len(TAIL_ENDINGS)), [p.weight for p in TAIL_ENDINGS])[0]
        roll = rng.random()
        particle = "el" if roll < 0.12 else ("ben" if roll < 0.17 and pi == 0 else "")
        key = (pi, ri, ei, particle)
        if key not in self._tail:
            self._tail[key] = tail_family_name(TAIL_PREFIXES[pi], TAIL_ROOTS[ri], TAIL_ENDINGS[ei], particle)
        return self._tail[key]

    def municipality(self, origin: str) -> Municipality:
        group = origin if origin in _HOME_CUM else "arab"
        return self.rng.choices(MUNICIPALITIES, cum_weights=_HOME_CUM[group])[0]

    def address(self, home: Municipality) -> Address:
        rng = self.rng
        box = rng.randint(1, 12) if home.region == "brussels" and rng.random() < 0.35 else None
        return Address(home, rng.randrange(len(STREETS)), rng.randint(1, 180), box)

    def household(self, lineage: Lineage, home: Municipality) -> Household:
        rng = self.rng
        phone = documents.landline(rng, home.country, home.phone_area) if rng.random() < 0.55 else None
        return Household(home, self.address(home), phone, self._given_for(lineage.origin, "m"))

    def pick_given(self, sex: str) -> GivenName:
        if sex == "m":
            return self.rng.choices(MALE_GIVEN, cum_weights=self._male_cum)[0]
        return self.rng.choices(FEMALE_GIVEN, cum_weights=self._female_cum)[0]

    def _given_for(self, origin: str, sex: str) -> GivenName:
        rng = self.rng
        if origin in ("be-fl", "be-wa"):
            pool = [n for n in (FLEMISH_GIVEN if origin == "be-fl" else WALLOON_GIVEN) if n.sex == sex]
            return rng.choices(pool, [n.weight for n in pool])[0]
        if origin == "tr" and rng.random() < 0.45:
            pool = [n for n in TURKISH_GIVEN if n.sex == sex]
            return rng.choices(pool, [n.weight for n in pool])[0]
        return self.pick_given(sex)

    def lineage_of(self, person_family: FamilyName, official: str, origin: str) -> Lineage:
        """The lineage of an unrelated family bearing the same name (a namesake's family)."""
        return Lineage(origin, person_family, official, "fr")

    def given_names(
        self, lineage: Lineage, sex: str, used: set[str], same_as: GivenNames | None = None
    ) -> GivenNames:
        """Given names distinct from the siblings' (``used``), spelled as the register spells them."""
        if same_as is not None:
            return same_as
        rng = self.rng
        given = self._given_for(lineage.origin, sex)
        for _ in range(5):
            if given.key not in used:
                break
            given = self._given_for(lineage.origin, sex)
        second: GivenName | None = None
        if given.key in _SECOND_AFTER and rng.random() < 0.28:
            second = GIVEN_BY_KEY[rng.choice(_SECOND_AFTER[given.key])]
        elif rng.random() < 0.04:
            second = self._given_for(lineage.origin, sex)
            second = None if second.key == given.key else second
        convention = lineage.convention
        official = pick(given, convention, rng, 0.75)
        if convention == "tr" and rng.random() < 0.3:
            official = strip_accents(official)
        second_official = pick(second, convention, rng, 0.8) if second else None
        return GivenNames(given, second, official, second_official)

    def documents(
        self, lineage: Lineage, household: Household, sex: str, born: date, names: GivenNames
    ) -> Documents:
        rng = self.rng
        home = household.home
        origin = lineage.origin
        origin_country = {"be-fl": "be", "be-wa": "be"}.get(origin, origin)
        resident = home.country == "be"
        local_born = origin in ("be-fl", "be-wa") or (
            origin not in ("sy", "iq")
            and rng.random() < (0.8 if born.year >= 1990 else 0.6 if born.year >= 1980 else 0.25)
        )
        if local_born:
            place = home
            if home.region == "brussels" and rng.random() < 0.3:
                place = _BRUXELLES
            birthplace = birthplace_in(place)
        else:
            pool = [b for b in ABROAD_BIRTHPLACES if b.country == origin_country and b.weight > 0]
            birthplace = rng.choices(pool, [b.weight for b in pool])[0]
        nationalities: tuple[str, ...]
        if origin in ("be-fl", "be-wa"):
            nationalities = ("be",)
        elif not resident:
            nationalities = (
                (home.country, origin_country) if local_born or rng.random() < 0.5 else (origin_country,)
            )
        elif origin in ("sy", "iq"):
            nationalities = (origin_country,)
        else:
            roll = rng.random()
            both = roll < (0.7 if local_born else 0.55)
            nationalities = ("be", origin_country) if both else (("be",) if local_born else (origin_country,))
        nrn = None
        if resident:
            bis = origin in ("sy", "iq") and rng.random() < 0.6
            nrn = self._register_number(born, sex, bis)
        elif rng.random() < 0.05:
            nrn = self._register_number(born, sex, True)
        passports: list[tuple[str, str]] = []
        for country in nationalities:
            if rng.random() < 0.55:
                passports.append((country, documents.passport_number(rng, country)))
                if rng.random() < 0.12:
                    passports.append((country, documents.passport_number(rng, country)))
        previous = None
        if rng.random() < 0.25:
            moved_from = home if rng.random() < 0.5 else self.municipality(origin)
            previous = self.address(moved_from)
        mobile = (
            documents.mobile_phone(rng, home.country) if born.year <= 2002 and rng.random() < 0.75 else None
        )
        return Documents(
            birthplace=birthplace,
            nationalities=nationalities,
            previous_address=previous,
            mobile=mobile,
            email=(
                documents.email_address(rng, names.given_official, lineage.family_official, born)
                if born.year <= 2000 and rng.random() < 0.3
                else None
            ),
            nrn=nrn,
            passports=tuple(passports),
            moroccan_id=documents.moroccan_id_card(rng)
            if "ma" in nationalities and rng.random() < 0.6
            else None,
        )
