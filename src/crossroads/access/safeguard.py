"""Children under ten are victims: the gate a watchlist-style process asks before it takes a person.

A record is a child victim's when its subject may have been under ten on the day it was received
(``access.minors``; the flag is computed from the stored birth dates, so it never goes stale). An
entity holding such a record is excluded from watchlist-style processing unless a reviewed decision
allows it. Decisions (``crossroads minors decide``) name a record or an entity; the newest one per
reference is in force; a denial anywhere on the entity excludes it; an allowance covers a record
only as it was when the decision was made (a record updated since needs a new review). For
children of ten and older no rule applies: the case-by-case review is recorded in the same table,
and a denial there excludes the entity too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.access.minors import child_victim
from crossroads.access.retention import utc
from crossroads.store import minor_rows


@dataclass(frozen=True)
class Held:
    """A record of the entity as the gate sees it."""

    ref: str
    victim: bool
    updated_at: datetime


@dataclass(frozen=True)
class Reviewed:
    id: int
    ref: str  # SOURCE/ID or an entity id
    allowed: bool
    reason: str
    by: str
    at: datetime


def victim(properties: Mapping[str, Any], received_at: datetime) -> bool:
    """Whether a stored record is a child victim's: any birth date under ten at its receipt."""
    return child_victim(properties.get("birthDate", []), utc(received_at).date())


def reviewed(rows: Iterable[Any]) -> list[Reviewed]:
    return [Reviewed(r.id, r.ref, bool(r.allowed), r.reason, r.decided_by, utc(r.decided_at)) for r in rows]


def in_force(decisions: Iterable[Reviewed], now: datetime) -> dict[str, Reviewed]:
    """The newest decision made by ``now`` for each reference."""
    newest: dict[str, Reviewed] = {}
    for d in sorted((d for d in decisions if d.at <= now), key=lambda d: (d.at, d.id)):
        newest[d.ref] = d
    return newest


def verdict(
    entity_id: str, held: Sequence[Held], decisions: Iterable[Reviewed], now: datetime
) -> tuple[bool, str]:
    """The rule of the module docstring, on values. The reason names no record (a caller may show it
    to a user who may not learn of every record of the entity)."""
    if not held:
        return False, f"entity {entity_id} holds no active record: nothing to process"
    newest = in_force(decisions, now)
    for ref in [entity_id, *(h.ref for h in held)]:
        d = newest.get(ref)
        if d is not None and not d.allowed:
            when = f"{d.at:%Y-%m-%d}"
            return False, f"reviewed decision {d.id} by {d.by} ({when}) does not allow it: {d.reason}"
    uncovered = 0
    used: set[int] = set()
    for h in (h for h in held if h.victim):
        cover = [
            d for d in (newest.get(h.ref), newest.get(entity_id)) if d is not None and h.updated_at <= d.at
        ]
        if cover:
            used.add(cover[0].id)
        else:
            uncovered += 1
    if uncovered:
        return False, (
            f"{uncovered} record(s) made while the subject was under 10: a victim, excluded from "
            "watchlist-style processing until a reviewed decision allows it"
        )
    if used:
        return True, f"allowed by reviewed decision {', '.join(str(i) for i in sorted(used))}"
    return True, "no record of a child under 10 and no reviewed decision against it"


def watchlist_eligible(conn: sa.Connection, entity_id: str, now: datetime) -> tuple[bool, str]:
    """Whether ``entity_id`` may go into watchlist-style processing at ``now``, and why (in words)."""
    rows = minor_rows.births_of(conn, entity_id)
    held = [
        Held(f"{r.source}/{r.source_id}", victim(r.properties, r.received_at), utc(r.updated_at))
        for r in rows
    ]
    decisions = reviewed(minor_rows.decisions(conn, [entity_id, *(h.ref for h in held)]))
    return verdict(entity_id, held, decisions, now)
