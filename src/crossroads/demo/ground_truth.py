"""The ground truth about a person, as written to ``persons.jsonl``.

It says who each person really is (official names, Arabic script, birth, family, where they live),
their watch-list category and dated status history with the agency behind each transition, and
their relations (siblings, cousins, parent, the person they are a namesake of), so linkage results
can be scored: siblings, cousins and namesakes are different persons that must never be merged.
"""

from __future__ import annotations

from typing import Any

from crossroads.demo.identity import Address
from crossroads.demo.people import Person
from crossroads.demo.render import address_text


def truth(person: Person) -> dict[str, Any]:
    """The ground-truth line of ``persons.jsonl``: who this person really is."""
    return {
        "person_id": person.person_id,
        "family_id": person.family_id,
        "clan_id": person.clan_id,
        "origin": person.origin,
        "given_name": person.given_official,
        "second_given_name": person.second_official,
        "family_name": person.family_official,
        "given_name_ar": person.given.arabic or None,
        "family_name_ar": person.family.arabic or None,
        "father_given_name": person.father.spellings["fr"][0] if person.father else None,
        "gender": "male" if person.sex == "m" else "female",
        "birth_date": person.birth.isoformat(),
        "birth_place": person.birthplace.form.spellings["fr"][0],
        "birth_country": person.birthplace.country,
        "nationalities": list(person.nationalities),
        "address": _canonical(person.address),
        "previous_address": _canonical(person.previous_address) if person.previous_address else None,
        "municipality": person.address.municipality.name_fr,
        "municipality_key": person.address.municipality.key,
        "national_register_number": person.nrn,
        "passports": [number for _, number in person.passports],
        "mobile": person.mobile,
        "household_phone": person.household_phone,
        "role": person.role,
        "watch_listed": person.watch_listed,
        "category": person.category,
        "ideology": person.ideology,
        "status": person.status,
        "status_history": [
            {"status": t.status, "date": t.date.isoformat(), "source": t.source} for t in person.history
        ],
        "victim": person.victim,
        "alias": None
        if person.alias is None
        else (
            f"{person.alias.head.spellings['fr'][0]} {person.alias.name.spellings['fr'][0]} "
            f"{person.alias.nisba.spellings['fr'][0]}"
        ),
        "nickname": person.nickname,
        "siblings": person.siblings,
        "cousins": person.cousins,
        "parent_id": person.parent_id,
        "namesake_of": person.namesake_of,
        "name_key": f"{person.given_official} {person.family_official}".casefold(),
    }


def _canonical(address: Address) -> str:
    """The address in the local official language (French in Brussels and Wallonia, Dutch in Flanders)."""
    return address_text(address, "nl" if address.municipality.region == "flanders" else "fr")
