"""Minors use cases: which records are of child victims (under ten when received), and analysts'
reviewed decisions on whether watchlist-style processing may take them (``access.safeguard``).

Listing is a read like any other: an analyst sees only the flagged records they may learn exist
(``access.reading``), and no birth date or other content, only the reference, its entity and
the decisions in force. A decision names a record (SOURCE/ID) or an entity; one on a record or
entity the analyst may not learn of is answered as absent, and recorded like any refused access.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crossroads.access import audit, identity, reading
from crossroads.access.model import Role
from crossroads.access.policy import checked_purpose
from crossroads.access.retention import utc
from crossroads.access.safeguard import Reviewed, in_force, reviewed, victim
from crossroads.errors import CrossroadsError, NotFoundError
from crossroads.service import clock
from crossroads.service.explain import parse_ref
from crossroads.store import minor_rows, record_rows
from crossroads.store.store import Store


class MinorsError(CrossroadsError):
    """A decision on a minor cannot be recorded as given."""


@dataclass(frozen=True)
class Flagged:
    """A record of a child under ten at its receipt, as an analyst may see it."""

    ref: str
    entity_id: str | None
    received_at: datetime
    on_record: Reviewed | None  # the decision in force on the record itself
    on_entity: Reviewed | None  # and on its entity


def flagged(store: Store, user: str | None, purpose: str = "investigation") -> list[Flagged]:
    """Every flagged record the analyst may learn exists; the listing is recorded."""
    why = checked_purpose(purpose)
    now = clock.now()
    analyst = identity.authorise(store, user, Role.ANALYST, "list records of child victims", now)
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, analyst, why), now)
        rows = [r for r in minor_rows.all_births(conn) if victim(r.properties, r.received_at)]
        shown = [
            r for r in rows if lens.see(record_rows.get(conn, r.source, r.source_id).record).discoverable
        ]
        refs = [f"{r.source}/{r.source_id}" for r in shown]
        entities = [r.entity_id for r in shown if r.entity_id is not None]
        newest = in_force(reviewed(minor_rows.decisions(conn, [*refs, *entities])), now)
        found = [
            Flagged(
                ref,
                r.entity_id,
                utc(r.received_at),
                newest.get(ref),
                newest.get(r.entity_id) if r.entity_id is not None else None,
            )
            for ref, r in zip(refs, shown, strict=True)
        ]
        detail = {"records": refs, "flagged": len(rows)}
        audit.record(conn, identity.actor_of(analyst), "minor-list", detail, now, why.value)
    return found


def decide(
    store: Store, user: str | None, ref: str, allowed: bool, reason: str, purpose: str = "investigation"
) -> Reviewed:
    """An analyst's reviewed decision on a record or an entity: whether watchlist-style processing
    may take it. For a child under ten it lifts (or keeps) the exclusion; for an older child it is
    the record of the case-by-case review."""
    if not reason.strip():
        raise MinorsError("a decision needs a reason oversight can read: pass --reason")
    why = checked_purpose(purpose)
    now = clock.now()
    analyst = identity.authorise(store, user, Role.ANALYST, f"decide on the minor {ref}", now)
    is_record = "/" in ref
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, analyst, why), now)
        # Absent and not to be known of are answered alike and audited alike (under PostgreSQL's
        # row security the store returns no row for what the analyst may not learn exists).
        if is_record:
            found = lens.find(conn, *parse_ref(ref))
            held = [found[0]] if found is not None else []
        else:
            held = [record_rows.get(conn, r.source, r.source_id) for r in minor_rows.births_of(conn, ref)]
        visible = any(lens.see(h.record).discoverable for h in held)
        actor = identity.actor_of(analyst)
        if visible:
            kind = minor_rows.RECORD if is_record else minor_rows.ENTITY
            decision_id = minor_rows.add_decision(conn, ref, kind, allowed, reason.strip(), analyst.name, now)
            child = any(victim(h.record.properties, h.received_at) for h in held)
            detail = {"decision": decision_id, "ref": ref, "allowed": allowed, "reason": reason.strip(),
                      "child_victim": child}  # fmt: skip
        else:
            detail = {"refused": ref}
        audit.record(conn, actor, "minor-decision", detail, now, why.value)
    if not visible:
        # The very words of an absent record or entity: the analyst may not learn that it exists.
        if is_record:
            raise NotFoundError(record_rows.absent(*parse_ref(ref)))
        raise NotFoundError(f"no entity {ref!r} with an active record")
    return Reviewed(decision_id, ref, allowed, reason.strip(), analyst.name, now)
