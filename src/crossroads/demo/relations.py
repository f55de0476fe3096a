"""Relationship records for the demo: some of the kinship the population already has (siblings,
cousins, a parent and child) stated by an agency that holds a record of both persons, as
FollowTheMoney ``Family`` records referring to those records (``records.relations``).

They go to ``relationships/family.jsonl`` (ingest it after the agency files), never into
``truth/truth.csv``: they are not person records, so linkage evaluation does not count them.
They are drawn with their own random generator, seeded from the data set's seed, so adding them
leaves every other file exactly as it was and the same seed still gives the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import orjson

from crossroads.demo.people import Person
from crossroads.demo.sources import PROFILE_BY_CODE

#: Apart from the agency files: tools that read ``DIR/*.jsonl`` expect person records only.
FILE = "relationships/family.jsonl"
#: Share of the population's kin pairs some agency states.
STATED = 0.2

#: What the relative is to the person, by the relative's sex, in the agency's language.
_WORDS = {
    "sibling": {"fr": ("frère", "sœur"), "nl": ("broer", "zus"), "en": ("brother", "sister")},
    "cousin": {"fr": ("cousin", "cousine"), "nl": ("neef", "nicht"), "en": ("cousin", "cousin")},
    "parent": {"fr": ("père", "mère"), "nl": ("vader", "moeder"), "en": ("father", "mother")},
}

#: (person, relative, kind): the relative is the person's sibling, cousin or parent.
Pair = tuple[str, str, str]


def rng_for(seed: int) -> random.Random:
    return random.Random(f"relations-{seed}")


def pairs_of(clan: list[Person], rng: random.Random) -> list[Pair]:
    """The clan's kin pairs to state: each sibling and cousin pair once, each child with its parent."""
    ids = {p.person_id for p in clan}
    out: list[Pair] = []
    for person in clan:
        for kind, others in (("sibling", person.siblings), ("cousin", person.cousins)):
            for other in others:
                if person.person_id < other and other in ids and rng.random() < STATED:
                    out.append((person.person_id, other, kind))
        if person.parent_id in ids and rng.random() < STATED:
            out.append((person.person_id, str(person.parent_id), "parent"))
    return out


def write(
    out: Path,
    pairs: Iterable[Pair],
    sexes: dict[str, str],
    held: dict[str, dict[str, str]],
    rng: random.Random,
) -> int:
    """``relationships.jsonl``: one Family record per pair some agency holds both persons of."""
    count = 0
    (out / FILE).parent.mkdir(parents=True, exist_ok=True)
    with (out / FILE).open("wb") as handle:
        for person, relative, kind in pairs:
            common = sorted(set(held.get(person, {})) & set(held.get(relative, {})))
            if not common:
                continue  # no agency knows both: nobody can state it
            count += 1
            _write_one(handle, rng.choice(common), count, person, relative, kind, sexes, held)
    return count


def _write_one(
    handle: IO[bytes], code: str, number: int, person: str, relative: str, kind: str,
    sexes: dict[str, str], held: dict[str, dict[str, str]],
) -> None:  # fmt: skip
    profile = PROFILE_BY_CODE[code]
    language = profile.notes_language if profile.notes_language in ("fr", "nl") else "en"
    word = _WORDS[kind][language][0 if sexes.get(relative) == "m" else 1]
    marking = max(profile.classification, key=lambda weight: weight[1])[0]
    record = {
        "id": f"rel-{number:06d}",
        "source": code,
        "schema": "Family",
        "properties": {
            "person": [f"{code}/{held[person][code]}"],
            "relative": [f"{code}/{held[relative][code]}"],
            "relationship": [word],
        },
        "classification": marking,
        "caveats": [],
    }
    handle.write(orjson.dumps(record) + b"\n")
