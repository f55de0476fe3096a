"""Which agencies hold a record on a person, and how many.

Who knows whom follows the person's situation: the local police zone and prevention service of
where they live, the intelligence services and the threat-assessment centre for the watch list,
Turkey for those who crossed it, the partner of the country they live in, Morocco for Moroccan
nationals, the prison service for those detained. Every agency that reported a status transition
holds a record. The probabilities are set so a person appears in 1 to ~6 sources, about 2.5 on
average, more for the watch-listed.
"""

from __future__ import annotations

import random

from crossroads.demo.people import Person
from crossroads.demo.statuses import NOT_LEFT, TRAVELLED

_SLOTS = (
    "zone", "prevention", "police.federal", "intel.civil", "intel.military", "ocam",
    "prison.radicalisation", "foreign.tr", "foreign.ma", "europol", "foreign.resident", "foreign.other",
)  # fmt: skip

_CHANCES: dict[str, tuple[float, ...]] = {  # per slot above
    "travelled": (0.65, 0.5, 0.85, 0.95, 0.45, 0.98, 0.05, 0.6, 0.3, 0.55, 0.9, 0.1),
    "not_left": (0.7, 0.7, 0.6, 0.9, 0.1, 0.9, 0.05, 0.3, 0.15, 0.2, 0.9, 0.03),
    "extremist": (0.75, 0.6, 0.55, 0.9, 0.1, 0.75, 0.1, 0.02, 0.15, 0.15, 0.9, 0.04),
    "child": (0.2, 0.8, 0.3, 0.5, 0.05, 0.7, 0.0, 0.4, 0.1, 0.1, 0.9, 0.02),
    "relative": (0.75, 0.45, 0.55, 0.65, 0.03, 0.06, 0.05, 0.03, 0.06, 0.03, 0.9, 0.02),
    "contact": (0.7, 0.35, 0.65, 0.85, 0.08, 0.1, 0.05, 0.05, 0.06, 0.08, 0.9, 0.03),
    "offender": (0.95, 0.45, 0.8, 0.15, 0.0, 0.0, 0.5, 0.01, 0.06, 0.04, 0.9, 0.02),
    "prevention_case": (0.7, 0.95, 0.2, 0.15, 0.0, 0.0, 0.04, 0.0, 0.03, 0.0, 0.9, 0.0),
    "associate": (0.65, 0.35, 0.6, 0.7, 0.04, 0.05, 0.06, 0.03, 0.06, 0.05, 0.9, 0.03),
    "foreign_contact": (0.0, 0.0, 0.2, 0.45, 0.05, 0.04, 0.0, 0.1, 0.06, 0.55, 0.95, 0.08),
}
_FOREIGN_BY_COUNTRY = {"fr": "foreign.fr", "nl": "foreign.nl", "de": "foreign.de"}


def person_class(person: Person) -> str:
    if person.role == "child_returnee":
        return "child"
    if person.category in TRAVELLED:
        return "travelled"
    if person.category in NOT_LEFT:
        return "not_left"
    if person.category:
        return "extremist"
    return person.role


def sources_for(person: Person, rng: random.Random) -> list[str]:
    """The agencies holding a record on ``person``, in a fixed order (deterministic output)."""
    chances = _CHANCES[person_class(person)]
    home = person.address.municipality
    found: list[str] = []
    for slot, chance in zip(_SLOTS, chances, strict=True):
        if slot == "foreign.other":
            for partner in ("foreign.fr", "foreign.nl", "foreign.de"):
                if _FOREIGN_BY_COUNTRY.get(home.country) != partner and rng.random() < chance:
                    found.append(partner)
            continue
        code = _resolve(slot, person)
        if code is None:
            continue
        if slot == "foreign.ma" and "ma" not in person.nationalities:
            chance *= 0.05
        if rng.random() < chance:
            found.append(code)
    previous = person.previous_address
    if previous is not None and previous.municipality.zone and rng.random() < 0.3:
        found.append(previous.municipality.zone)
    for step in person.history:
        found.append(step.source)
    if not found:
        found.append(home.zone or _FOREIGN_BY_COUNTRY.get(home.country) or "police.federal")
    return list(dict.fromkeys(found))


def _resolve(slot: str, person: Person) -> str | None:
    home = person.address.municipality
    if slot == "zone":
        return home.zone
    if slot == "prevention":
        return "prevention.molenbeek" if home.key == "molenbeek" else None
    if slot == "foreign.resident":
        return _FOREIGN_BY_COUNTRY.get(home.country)
    return slot
