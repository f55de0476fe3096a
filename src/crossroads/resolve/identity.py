"""Stable entity ids: a person keeps the id analysts know it by across re-runs, merges and splits.

A new grouping of records is matched to the ids its records held before. Each group takes the old
id most of its records carried (ties: the id whose records come first); an old id goes to one group
only, the one holding most of its records. A group with no old id, or whose old ids all went to
larger parts, gets a new id named after its smallest (source, id) — deterministic, so the same
records give the same id on every machine. Every change is a lineage event an analyst can read:
which id became which, and why.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from crossroads.resolve import reasons

CREATED, MERGED, SPLIT = "created", "merged", "split"


@dataclass(frozen=True)
class LineageEvent:
    entity_id: str
    event: str  # created; merged (entity_id went into other); split (entity_id came out of other)
    other: str | None
    records: int
    why: str


def new_id(smallest_member: str) -> str:
    return "E" + hashlib.sha256(smallest_member.encode()).hexdigest()[:15]


def _unused(smallest_member: str, taken: set[str]) -> str:
    candidate, n = new_id(smallest_member), 1
    while candidate in taken:
        n += 1
        candidate = new_id(f"{smallest_member}#{n}")
    return candidate


def assign(
    members: Sequence[str], labels: Sequence[int], previous: Sequence[str | None]
) -> tuple[list[str], list[LineageEvent]]:
    """Entity id per record for the grouping ``labels``, given each record's ``previous`` id
    (None for a record never resolved); ``members`` are the records' "source/id" names."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    # Which groups claim each old id, with how many records.
    claims: dict[str, Counter[int]] = defaultdict(Counter)
    for label, rows in groups.items():
        for i in rows:
            old = previous[i]
            if old is not None:
                claims[old][label] += 1
    winner = {
        old: max(by.items(), key=lambda kv: (kv[1], -min(groups[kv[0]])))[0] for old, by in claims.items()
    }
    ids: dict[int, str] = {}
    events: list[LineageEvent] = []
    taken = set(claims)  # an old id may have been named after a record that now leaves it
    for label, rows in sorted(groups.items(), key=lambda kv: min(kv[1])):
        held: Counter[str] = Counter(old for i in rows if (old := previous[i]) is not None)
        first_row = {old: min(i for i in rows if previous[i] == old) for old in held}
        ranked = sorted(held, key=lambda old: (-held[old], first_row[old]))
        mine = [old for old in ranked if winner[old] == label]
        if mine:
            ids[label] = mine[0]
            for other in mine[1:]:
                events.append(LineageEvent(other, MERGED, mine[0], held[other], reasons.RESOLVE_TO_ONE))
        else:
            ids[label] = _unused(min(members[i] for i in rows), taken)
            taken.add(ids[label])
            origin = next((old for old in held), None)
            if origin is not None:
                events.append(LineageEvent(ids[label], SPLIT, origin, len(rows), reasons.NO_LONGER_RESOLVE))
            else:
                events.append(LineageEvent(ids[label], CREATED, None, len(rows), reasons.NOT_SEEN_BEFORE))
    return [ids[label] for label in labels], events
