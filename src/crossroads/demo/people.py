"""The synthetic population: persons in households (siblings) and clans (cousins), with statuses.

Radicalisation spreads through kinship, so a clan with one watch-listed member is much more likely to
have another; siblings share family name, father's name, address and often the household phone;
cousins share the family name. Namesakes (same common name, different person) arise from the skewed
name frequencies and are also planted on purpose. Watch-list categories are drawn without
replacement from quotas scaled to the population size, so the magnitudes of the brief hold exactly.
"""

from __future__ import annotations

import calendar
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from crossroads.demo import identity
from crossroads.demo.alias_tables import KUNYA_HEADS, KUNYA_NAMES, NICKNAMES, NISBAS
from crossroads.demo.identity import Address, GivenNames
from crossroads.demo.name_tables import FamilyName, GivenName, NameForm
from crossroads.demo.places import CONFLICT_ZONE_BIRTHPLACE, POCKET, POCKET_FACTOR, Birthplace, Municipality
from crossroads.demo.statuses import (
    CHILD_RETURNEES,
    NEVER_TRAVELLED,
    REFERENCE_WATCH_LIST,
    TRAVELLED,
    WATCH_SHARE,
    Informants,
    Transition,
    child_history,
    history,
    scaled_counts,
)


@dataclass(slots=True, eq=False)
class Alias:
    """A nom de guerre: kunya (Abu/Umm + name) and nisba (al-Beljiki)."""

    head: NameForm
    name: NameForm
    nisba: NameForm


@dataclass(slots=True, eq=False)
class Person:
    person_id: str
    family_id: str
    clan_id: str
    origin: str  # ma, dz, tn, sy, iq, tr, be-fl, be-wa
    sex: str  # m, f
    given: GivenName
    second: GivenName | None
    family: FamilyName
    given_official: str
    second_official: str | None
    family_official: str
    father: GivenName | None
    birth: date
    birthplace: Birthplace
    nationalities: tuple[str, ...]
    address: Address
    previous_address: Address | None
    household_phone: str | None
    mobile: str | None
    email: str | None
    nrn: str | None
    passports: tuple[tuple[str, str], ...]  # (issuing country, number)
    moroccan_id: str | None
    role: str
    watch_listed: bool
    category: str | None
    ideology: str | None  # jihadist, far_right
    history: list[Transition]
    alias: Alias | None
    nickname: str | None
    convert_name: GivenName | None
    siblings: list[str] = field(default_factory=list)
    cousins: list[str] = field(default_factory=list)
    namesake_of: str | None = None
    parent_id: str | None = None
    victim: bool = False

    @property
    def status(self) -> str | None:
        return self.history[-1].status if self.history else None

    @property
    def informants(self) -> Informants:
        zone = self.address.municipality.zone
        prevention = "prevention.molenbeek" if self.address.municipality.key == POCKET else None
        return Informants(zone, prevention)


@dataclass(slots=True)
class _Slot:
    """A household member before birth dates are fixed: sex and watch-list decision."""

    sex: str
    category: str | None


class Population:
    """Streams clans of persons until ``total`` persons exist, drawing from ``rng`` only."""

    def __init__(self, total: int, rng: random.Random) -> None:
        self.total = total
        self.rng = rng
        self.made = 0
        watch_total = round(total * WATCH_SHARE)
        self.category_left = scaled_counts(watch_total)
        self.watch_left = watch_total
        self.children_left = round(watch_total * CHILD_RETURNEES / REFERENCE_WATCH_LIST)
        self.travelled_left = sum(self.category_left[c] for c in TRAVELLED)
        self.recent: deque[Person] = deque(maxlen=300)
        self._families = 0
        self._clans = 0
        self.identity = identity.IdentityMaker(rng)

    def clans(self) -> Iterator[list[Person]]:
        while self.made < self.total:
            yield self._clan()

    def _clan(self) -> list[Person]:
        rng = self.rng
        self._clans += 1
        clan_id = f"C{self._clans:07d}"
        lineage = self.identity.lineage()
        namesake: Person | None = None
        if self.recent and lineage.origin not in ("be-fl", "be-wa", "tr") and rng.random() < 0.02:
            namesake = rng.choice(self.recent)
            lineage = self.identity.lineage_of(namesake.family, namesake.family_official, namesake.origin)
        households = rng.choices((1, 2, 3), (78, 16, 6))[0]
        members: list[Person] = []
        home: Municipality | None = None
        for h in range(households):
            if self.made >= self.total:
                break
            if home is None or rng.random() < 0.4:
                home = self.identity.municipality(lineage.origin)
            kin_watch = any(p.watch_listed for p in members)
            members.extend(self._household(clan_id, lineage, home, kin_watch, namesake if h == 0 else None))
        if len({p.family_id for p in members}) > 1:
            for p in members:
                p.cousins = [q.person_id for q in members if q.family_id != p.family_id and not q.parent_id]
        for p in members:
            if p.origin not in ("be-fl", "be-wa") and not p.parent_id:
                self.recent.append(p)
        return members

    def _household(
        self,
        clan_id: str,
        lineage: identity.Lineage,
        home: Municipality,
        kin_watch: bool,
        namesake: Person | None,
    ) -> list[Person]:
        rng = self.rng
        self._families += 1
        family_id = f"F{self._families:07d}"
        size = min(rng.choices((1, 2, 3, 4, 5), (58, 24, 11, 5, 2))[0], self.total - self.made)
        slots: list[_Slot] = []
        for i in range(size):
            sex = namesake.sex if namesake is not None and i == 0 else ("m" if rng.random() < 0.52 else "f")
            kin = kin_watch or any(s.category for s in slots)
            category = self._watch_category(sex, lineage.origin, home, kin, slots)
            slots.append(_Slot(sex, category))
        births = self._birth_dates(slots)
        household = self.identity.household(lineage, home)
        people: list[Person] = []
        used: set[str] = set()
        for slot, born in zip(slots, births, strict=True):
            same = None
            if namesake is not None and not people:
                same = GivenNames(
                    namesake.given, namesake.second, namesake.given_official, namesake.second_official
                )
            person = self._person(family_id, clan_id, lineage, household, slot, born, used, same)
            if same is not None:
                person.namesake_of = namesake.person_id if namesake else None
            used.add(person.given.key)
            people.append(person)
        for p in people:
            p.siblings = [q.person_id for q in people if q is not p]
        children: list[Person] = []
        for p in people:
            children.extend(self._children_of(p, family_id, clan_id, lineage, household))
        return people + children

    def _watch_category(
        self, sex: str, origin: str, home: Municipality, kin: bool, slots: list[_Slot]
    ) -> str | None:
        """Draw without replacement from the remaining quotas; kinship and sex shift the odds."""
        rng = self.rng
        remaining = self.total - self.made - len(slots)
        if self.watch_left <= 0 or remaining <= 0:
            return None
        share = self.watch_left / remaining
        factor = (1.2 if sex == "m" else 0.3) * (0.35 if origin in ("be-fl", "be-wa") else 1.0)
        factor *= (4.0 if kin else 1.0) * (POCKET_FACTOR if home.key == POCKET else 1.0)
        if self.watch_left < remaining and rng.random() >= share * factor:
            return None
        weights = dict(self.category_left)
        sibling_travelled = any(s.category in TRAVELLED for s in slots)
        for category in weights:
            if category in TRAVELLED and sibling_travelled:
                weights[category] *= 3
            if origin in ("be-fl", "be-wa") and category in ("home_grown_extremist", "propagandist"):
                weights[category] *= 4
        if not any(weights.values()):
            return None
        category = rng.choices(list(weights), list(weights.values()))[0]
        self.category_left[category] -= 1
        self.watch_left -= 1
        return category

    def _birth_dates(self, slots: list[_Slot]) -> list[date]:
        """Siblings are 1 to 5 years apart (sometimes twins); watch-listed ones are adults by 2016."""
        rng = self.rng
        watched = any(s.category for s in slots)
        anchor = (
            round(rng.triangular(1980, 1998, 1991)) if watched else round(rng.triangular(1950, 2003, 1987))
        )
        years = [anchor]
        older, younger = anchor, anchor
        for _ in slots[1:]:
            gap = rng.choices((0, 1, 2, 3, 4, 5), (2, 25, 30, 20, 13, 10))[0]
            if rng.random() < 0.5:
                older -= gap
                years.append(older)
            else:
                younger += gap
                years.append(younger)
        dates = []
        twin: date | None = None
        for slot, year in zip(slots, years, strict=True):
            if slot.category:
                year = min(max(year, 1968 if slot.category in NEVER_TRAVELLED else 1975), 2000)
            else:
                year = min(year, 2003)
            if year == anchor and twin is not None and rng.random() < 0.5:
                dates.append(twin)
                continue
            month = rng.randint(1, 12)
            born = date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))
            twin = twin or born
            dates.append(born)
        return dates

    def _person(
        self,
        family_id: str,
        clan_id: str,
        lineage: identity.Lineage,
        household: identity.Household,
        slot: _Slot,
        born: date,
        used: set[str],
        same: GivenNames | None = None,
    ) -> Person:
        rng = self.rng
        self.made += 1
        person_id = f"P{self.made:07d}"
        names = self.identity.given_names(lineage, slot.sex, used, same)
        docs = self.identity.documents(lineage, household, slot.sex, born, names)
        category = slot.category
        ideology = None
        if category:
            far_right = (
                lineage.origin in ("be-fl", "be-wa")
                and category in ("home_grown_extremist", "propagandist")
                and rng.random() < 0.6
            )
            ideology = "far_right" if far_right else "jihadist"
        role = "watch_listed" if category else self._role(household, lineage)
        person = Person(
            person_id=person_id,
            family_id=family_id,
            clan_id=clan_id,
            origin=lineage.origin,
            sex=slot.sex,
            given=names.given,
            second=names.second,
            family=lineage.family,
            given_official=names.given_official,
            second_official=names.second_official,
            family_official=lineage.family_official,
            father=household.father,
            birth=born,
            birthplace=docs.birthplace,
            nationalities=docs.nationalities,
            address=household.address,
            previous_address=docs.previous_address,
            household_phone=household.phone,
            mobile=docs.mobile,
            email=docs.email,
            nrn=docs.nrn,
            passports=docs.passports,
            moroccan_id=docs.moroccan_id,
            role=role,
            watch_listed=category is not None,
            category=category,
            ideology=ideology,
            history=[],
            alias=None,
            nickname=None,
            convert_name=None,
        )
        if category:
            person.history = history(category, rng, person.informants)
            if ideology == "jihadist" and rng.random() < (0.75 if category in TRAVELLED else 0.3):
                person.alias = self._alias(person)
            if ideology == "jihadist" and lineage.origin in ("be-fl", "be-wa"):
                person.convert_name = self.identity.pick_given(slot.sex)
        if names.given.key in NICKNAMES and rng.random() < 0.25:
            person.nickname = rng.choice(NICKNAMES[names.given.key])
        return person

    def _role(self, household: identity.Household, lineage: identity.Lineage) -> str:
        rng = self.rng
        if household.home.region == "abroad":
            return "foreign_contact"
        roll = rng.random()
        if roll < 0.33:
            return "contact"
        if roll < 0.68:
            return "offender"
        if roll < 0.83 and household.home.key == POCKET:
            return "prevention_case"
        return "relative" if roll < 0.9 else "associate"

    def _alias(self, person: Person) -> Alias:
        rng = self.rng
        head = KUNYA_HEADS["abu" if person.sex == "m" else "umm"]
        home = person.address.municipality
        by_origin = {
            "ma": "maghribi",
            "dz": "jazairi",
            "tn": "tounsi",
            "sy": "shami",
            "iq": "iraqi",
            "tr": "turki",
        }
        if home.region == "abroad":
            nisba = {"fr": "faransi", "nl": "hollandi", "de": "almani"}[home.country]
        else:
            roll = rng.random()
            nisba = (
                "beljiki"
                if roll < 0.65
                else ("faransi" if roll < 0.75 else by_origin.get(person.origin, "beljiki"))
            )
            if nisba == "maghribi" and rng.random() < 0.3:
                nisba = "rifi"
        return Alias(head, rng.choice(KUNYA_NAMES), NISBAS[nisba])

    def _children_of(
        self,
        parent: Person,
        family_id: str,
        clan_id: str,
        lineage: identity.Lineage,
        household: identity.Household,
    ) -> list[Person]:
        """Children taken to (or born in) the conflict zone and brought back: victims under 10."""
        rng = self.rng
        if parent.category not in TRAVELLED or parent.category == "in_transit" or self.children_left <= 0:
            return []
        if parent.birth.year > 1994 or rng.random() >= self.children_left / max(1, self.travelled_left):
            self.travelled_left = max(0, self.travelled_left - 1)
            return []
        self.travelled_left = max(0, self.travelled_left - 1)
        left = (
            parent.history[0].date
            if parent.history[0].status != "intending_to_leave"
            else parent.history[1].date
        )
        kids: list[Person] = []
        for _ in range(rng.choice((1, 1, 2))):
            if self.children_left <= 0 or self.made >= self.total:
                break
            self.children_left -= 1
            year = rng.randint(max(2004, left.year - 8), min(2015, left.year + 1))
            born = date(year, rng.randint(1, 12), rng.randint(1, 28))
            if born > date(2016, 6, 30):
                born = date(2016, 6, 30)
            slot = _Slot("m" if rng.random() < 0.5 else "f", None)
            child = self._person(family_id + "-c", clan_id, lineage, household, slot, born, set())
            child.role, child.parent_id = "child_returnee", parent.person_id
            child.father = parent.given if parent.sex == "m" else None
            child.history = child_history(rng, born, left, child.informants)
            if born > left:
                child.birthplace = CONFLICT_ZONE_BIRTHPLACE
                child.nrn = None
            returned = next(t.date for t in child.history if t.status == "returned")
            child.victim = (returned.year - born.year) < 10
            child.alias = child.nickname = None
            kids.append(child)
        for kid in kids:
            kid.siblings = [k.person_id for k in kids if k is not kid]
        return kids
