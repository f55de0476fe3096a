"""Person view use case: one person (entity) as a reader may see them: names and aliases across
agencies, who holds records, the content they may read, how each record joined the person, and the
history of merges.

Like every read it passes need-to-know (``access.reading``): records the reader may not learn
exist are not counted, listed, scored or named; content is trimmed to the readable fields; each
record's link is explained only with evidence drawn on fields readable in both records; a merge's
reason is shown only when every record it names may be known to the reader. A person with no
record the reader may know of is answered as if there were none. Each view is one audit entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import Role
from crossroads.access.policy import checked_purpose
from crossroads.errors import NotFoundError
from crossroads.phrase import Phrase
from crossroads.resolve import realtime, reasons
from crossroads.resolve.context import LinkContext
from crossroads.resolve.explain import explain
from crossroads.resolve.profile import profile
from crossroads.service import clock
from crossroads.service.explain import latest_context, redacted
from crossroads.service.search import Holder, Member, contacts, holders, members, names_of
from crossroads.store import resolution_runs
from crossroads.store.store import Store

#: A record is explained against its best partner among this many of the person's records at most.
PARTNERS = 50


@dataclass(frozen=True)
class ShownRecord:
    ref: str
    agency: str
    classification: str
    caveats: tuple[str, ...]
    updated_at: datetime
    content: dict[str, list[str]]  # the readable fields only; empty when nothing may be read
    reason: Phrase  # the need-to-know decision in words
    link: tuple[Phrase, ...]  # how it joined the person: its best pair, as far as the reader may see


@dataclass(frozen=True)
class Event:
    at: datetime
    entity: str  # the entity id the event is about
    event: str  # created, attached, merged, split...
    other: str | None  # the other person of a merge or split
    why: str


@dataclass(frozen=True)
class PersonView:
    entity: str
    names: tuple[str, ...]
    holders: tuple[Holder, ...]
    records: tuple[ShownRecord, ...]
    history: tuple[Event, ...]


_REF = re.compile(r"[a-z0-9][a-z0-9.-]*/[^\s:;,]+")
REASON_WITHHELD = Phrase("reason withheld: it names a record you may not know of")
ONLY_RECORD = Phrase("the person's only record you may know of")


def _links(found: list[Member], context: LinkContext) -> dict[str, tuple[Phrase, ...]]:
    """How each readable record joined the person: its best pair within the person (among the
    first ``PARTNERS`` records), explained as far as both sides may be read."""
    readable = [k for k, m in enumerate(found) if m.seen.decision.reads]
    if len(found) < 2:
        return {found[k].seen.ref: (ONLY_RECORD,) for k in readable}
    profiles = [profile(m.stored.record) for m in found[:PARTNERS]]
    out: dict[str, tuple[Phrase, ...]] = {}
    for k in readable:
        member = found[k]
        others = [j for j in range(len(profiles)) if j != k]
        mine = profiles[k] if k < len(profiles) else profile(member.stored.record)
        scores = realtime.score(mine, [profiles[j] for j in others], context).tolist()
        partner = found[others[max(range(len(others)), key=scores.__getitem__)]]
        shown, _ = redacted(
            explain(member.stored.record, partner.stored.record, context), member.seen, partner.seen
        )
        out[member.seen.ref] = tuple(shown.lines())
    return out


def view(store: Store, user: str | None, purpose: str, entity: str) -> PersonView:
    """``entity`` as ``user`` may see it, for ``purpose``; recorded in the audit trail."""
    why = checked_purpose(purpose)
    now = clock.now()
    reader = identity.authorise(store, user, (Role.ANALYST, Role.PREVENTION_OFFICER), f"view {entity}", now)
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, reader, why), now)
        found = members(conn, lens, [entity]).get(entity, [])
        detail: dict[str, object] = {"entity": entity}
        if not found:
            detail["refused"] = "no record the reader may know of"
            audit.record(conn, identity.actor_of(reader), "view", detail, now, why.value)
        else:
            _, context = latest_context(conn)
            links = _links(found, context)
            shown = tuple(
                ShownRecord(
                    m.seen.ref, m.stored.record.source, m.stored.record.classification.value,
                    tuple(m.stored.record.caveats), m.stored.updated_at,
                    m.seen.content(m.stored.record),
                    m.seen.decision.reason, links.get(m.seen.ref, ()),
                )
                for m in found
            )  # fmt: skip
            known = {m.seen.ref for m in found}
            result = PersonView(
                entity,
                names_of(found),
                holders(contacts(lens), found),
                shown,
                history(conn, lens, entity),
            )
            detail["records"] = sorted(known)
            detail["read"] = sorted(m.seen.ref for m in found if m.seen.decision.reads)
            audit.record(conn, identity.actor_of(reader), "view", detail, now, why.value)
    if not found:
        raise NotFoundError(f"no person {entity!r}")
    return result


def history(conn: sa.Connection, lens: reading.Lens, entity: str) -> tuple[Event, ...]:
    """What became of an entity id at each resolution, as far as the reader may know: a reason
    that names a record they may not learn exists (or one since withdrawn) is withheld."""
    events = []
    for row in resolution_runs.lineage(conn, entity):
        text = reasons.reread(str(row["why"]))  # a sentence a page says in its reader's language
        for ref in _REF.findall(text):
            if lens.find(conn, *ref.split("/", 1)) is None:
                text = REASON_WITHHELD
                break
        other, at = row["other_entity_id"], row["at"]
        assert isinstance(at, datetime)
        other_id = str(other) if other is not None else None
        events.append(Event(at, str(row["entity_id"]), str(row["event"]), other_id, text))
    return tuple(events)


def lineage(store: Store, user: str | None, purpose: str, entity: str) -> tuple[Event, ...]:
    """The history of an entity id (also one merged away), shown only when it, or the person it
    was merged into, holds a record the reader may know of; else answered as never named."""
    why = checked_purpose(purpose)
    now = clock.now()
    reader = identity.authorise(
        store, user, (Role.ANALYST, Role.PREVENTION_OFFICER), f"lineage of {entity}", now
    )
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, reader, why), now)
        rows = resolution_runs.lineage(conn, entity)
        became = {entity} | {
            str(r["other_entity_id"]) for r in rows if r["entity_id"] == entity and r["other_entity_id"]
        }
        known = bool(members(conn, lens, sorted(became)))
        events = history(conn, lens, entity) if known else ()
        detail: dict[str, object] = {"lineage": entity, "events": len(events)}
        if not known:
            detail["refused"] = "no record the reader may know of"
        audit.record(conn, identity.actor_of(reader), "view", detail, now, why.value)
    if not known:
        raise NotFoundError(f"no resolution ever named {entity!r}")
    return events
