"""Relationships between persons (issue #7): who a person's kin and associates are, a network of
them two steps out, and the cells the watched persons form.

A relation is either *stated* by a relationship record (FollowTheMoney ``Family`` or ``Associate``,
``records.relations``) naming two person records, or *derived*: two persons whose records give the
same address or phone (``resolve.contacts``). A relation never joins two persons: brothers,
cousins and neighbours stay apart (the linker never reads relationship records or contact keys).

Need-to-know, as for every read (``access.reading``): a relation drawn from a record the reader
may not learn exists, or naming a person record they may not learn exists, is not shown at all;
one drawn from a record they may know of but not read (for a derived one: whose address or phone
they may not read) is shown as ``withheld``, with the reason, and the network does not go on
through it. Every call is authorised and is one audit entry naming the records drawn on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import Role, User
from crossroads.access.policy import Purpose, checked_purpose
from crossroads.errors import CrossroadsError, NotFoundError
from crossroads.records.relations import ASSOCIATION, INVERSE, KINSHIP
from crossroads.resolve.contacts import contact_keys, field_of
from crossroads.service import alerts, clock
from crossroads.service.search import Member, members, names_of
from crossroads.store import alert_rows, record_rows, relationship_rows
from crossroads.store.store import Store

SHARED = ("shared-address", "shared-phone")
WITHHELD = "withheld"
GROUPS = {**dict.fromkeys(KINSHIP, "kinship"), **dict.fromkeys(ASSOCIATION, "association"),
          **dict.fromkeys(SHARED, "shared"), WITHHELD: WITHHELD}  # fmt: skip
GROUP_ORDER = ("kinship", "association", "shared", WITHHELD)
MAX_DEPTH = 2
#: A network or the cells shows at most this many persons: beyond, it says it was cut.
MAX_NODES = 60
MAX_CELL_NODES = 200
#: An address or phone given by more records than this (a block of flats, a switchboard) relates nobody.
CONTACT_LIMIT = 12


class RelationsError(CrossroadsError):
    """A relationship view cannot be made as asked."""


@dataclass(frozen=True)
class Relation:
    other: str  # the related person (entity id)
    kind: str  # sibling, parent (the other is the person's parent), ..., shared-phone; or withheld
    group: str  # kinship, association, shared, withheld
    evidence: tuple[str, ...]  # the records it is drawn from (SOURCE/ID)
    detail: tuple[str, ...]  # in words, one line per piece of evidence


@dataclass(frozen=True)
class PersonRelations:
    entity: str
    name: str
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class Node:
    entity: str
    name: str  # the first name the reader may read; empty when none
    depth: int
    watched: bool = False


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    kind: str  # what b is to a
    group: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Network:
    root: str
    depth: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    truncated: bool  # more persons were related than MAX_NODES


@dataclass(frozen=True)
class Cell:
    watched: tuple[str, ...]  # the watched persons in it
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


#: Collects one relation: (other person, kind, evidence, words).
_Add = Callable[[str, str, list[str], str], None]


class _Reading:
    """One read path's transaction: the lens and what it has seen, for the audit entry."""

    def __init__(self, conn: sa.Connection, lens: reading.Lens) -> None:
        self.conn, self.lens = conn, lens
        self.drawn: set[str] = set()  # records the shown relations are drawn from
        self.withheld: set[str] = set()
        self._members: dict[str, list[Member]] = {}

    def members(self, entity: str) -> list[Member]:
        if entity not in self._members:
            self._members[entity] = members(self.conn, self.lens, [entity]).get(entity, [])
        return self._members[entity]

    def name(self, entity: str) -> str:
        names = names_of(self.members(entity))
        return names[0] if names else ""

    def relations(self, entity: str) -> list[Relation]:
        mine = self.members(entity)
        found: dict[tuple[str, str], tuple[list[str], list[str]]] = {}

        def add(other: str, kind: str, evidence: list[str], words: str) -> None:
            refs, lines = found.setdefault((other, kind), ([], []))
            refs += [r for r in evidence if r not in refs]
            if words not in lines:
                lines.append(words)
            (self.withheld if kind == WITHHELD else self.drawn).update(evidence)

        self._stated(entity, mine, add)
        self._derived(entity, mine, add)
        out = [
            Relation(o, k, GROUPS[k], tuple(refs), tuple(lines)) for (o, k), (refs, lines) in found.items()
        ]
        return sorted(out, key=lambda r: (GROUP_ORDER.index(r.group), r.kind, r.other))

    def _stated(self, entity: str, mine: list[Member], add: _Add) -> None:
        refs = {m.seen.ref: m for m in mine}
        keys = [(m.stored.record.source, m.stored.record.id) for m in mine]
        for rel in relationship_rows.involving(self.conn, keys):
            seen = self.lens.see_marked(rel.source, rel.record_id, rel.classification, rel.caveats)
            if not seen.discoverable:
                continue
            if rel.person in refs and rel.other in refs:
                continue  # both records are this person's: says nothing of another person
            near, far, kind = (
                (rel.person, rel.other, rel.kind)
                if rel.person in refs
                else (rel.other, rel.person, INVERSE.get(rel.kind, rel.kind))
            )
            other = self.lens.find(self.conn, *far.split("/", 1))
            if other is None or other[0].entity_id is None or other[0].entity_id == entity:
                continue  # a person record the reader may not know of, or not (yet) a person
            if seen.decision.reads:
                words = f"{rel.ref}: {far} is the {kind} of {near}"
                if rel.relationship:
                    words += f" ({'; '.join(rel.relationship)})"
                add(other[0].entity_id, kind, [rel.ref, near, far], words)
            else:
                add(other[0].entity_id, WITHHELD, [rel.ref], f"{rel.ref}: {seen.decision.reason}")

    def _derived(self, entity: str, mine: list[Member], add: _Add) -> None:
        keys_of = {m.seen.ref: contact_keys(m.stored.record.properties) for m in mine}
        wanted = sorted({k for keys in keys_of.values() for k in keys})
        holding = relationship_rows.sharing_contacts(self.conn, wanted, CONTACT_LIMIT)
        pks = sorted({pk for found in holding.values() for pk in found})
        others = {s.pk: s for s in record_rows.stored_by_pks(self.conn, pks)}
        for member in mine:
            for key in sorted(keys_of[member.seen.ref]):
                field = field_of(key)
                for pk in holding.get(key, []):
                    stored = others.get(pk)
                    if stored is None or stored.entity_id is None or stored.entity_id == entity:
                        continue
                    seen = self.lens.see(stored.record)
                    if not seen.discoverable:
                        continue
                    pair = [member.seen.ref, seen.ref]
                    if field in member.seen.decision.fields and field in seen.decision.fields:
                        values = " / ".join(
                            dict.fromkeys(
                                member.stored.record.properties.get(field, [])[:1]
                                + stored.record.properties.get(field, [])[:1]
                            )
                        )
                        add(
                            stored.entity_id,
                            f"shared-{field}",
                            pair,
                            f"{pair[0]} and {pair[1]} give the same {field}: {values}",
                        )
                    else:
                        why = (
                            member.seen.decision.reason
                            if field not in member.seen.decision.fields
                            else (seen.decision.reason)
                        )
                        add(
                            stored.entity_id,
                            WITHHELD,
                            pair,
                            f"{pair[0]} and {pair[1]} are related by a {field} you may not read: {why}",
                        )


def _open(store: Store, user: str | None, purpose: str, what: str) -> tuple[User, Purpose]:
    why = checked_purpose(purpose)
    reader = identity.authorise(store, user, (Role.ANALYST, Role.PREVENTION_OFFICER), what, clock.now())
    return reader, why


def _record(
    conn: sa.Connection, who: User, detail: dict[str, object], seen: _Reading, now: datetime, purpose: Purpose
) -> None:
    detail["drawn_on"] = sorted(seen.drawn)
    detail["withheld"] = sorted(seen.withheld)
    audit.record(conn, identity.actor_of(who), "view", detail, now, purpose.value)


def relations_of(store: Store, user: str | None, purpose: str, entity: str) -> PersonRelations:
    """The relations of ``entity`` as ``user`` may see them, for ``purpose``; one audit entry."""
    reader, why = _open(store, user, purpose, f"relations of {entity}")
    now = clock.now()
    with store.transaction() as conn:
        seen = _Reading(conn, reading.Lens(conn, reading.reader(conn, reader, why), now))
        known = bool(seen.members(entity))
        shown = PersonRelations(entity, seen.name(entity), tuple(seen.relations(entity))) if known else None
        detail: dict[str, object] = {"relations": entity}
        if shown is None:
            detail["refused"] = "no record the reader may know of"
        else:
            detail["related"] = sorted({r.other for r in shown.relations})
        _record(conn, reader, detail, seen, now, why)
    if shown is None:
        raise NotFoundError(f"no person {entity!r}")
    return shown


def _edge(a: str, relation: Relation) -> tuple[tuple[str, str, str], Edge]:
    """One edge per pair and kind, whichever side it was found from (``parent`` seen from the
    other side is ``child``)."""
    b, kind = relation.other, relation.kind
    if b < a:
        a, b, kind = b, a, INVERSE.get(kind, kind)
    return (a, b, kind), Edge(a, b, kind, relation.group, relation.evidence)


def _explore(
    seen: _Reading, roots: list[str], depth: int, limit: int, watched: frozenset[str] = frozenset()
) -> tuple[dict[str, Node], dict[tuple[str, str, str], Edge], bool]:
    """Persons up to ``depth`` relations from ``roots`` (at most ``limit``), and the relations
    among them; a withheld relation is shown but not followed."""
    nodes = {r: Node(r, seen.name(r), 0, r in watched) for r in roots}
    edges: dict[tuple[str, str, str], Edge] = {}
    truncated = False
    frontier = list(roots)
    for step in range(1, depth + 1):
        following: list[str] = []
        for entity in frontier:
            for relation in seen.relations(entity):
                if relation.other not in nodes:
                    if len(nodes) >= limit:
                        truncated = True
                        continue
                    nodes[relation.other] = Node(
                        relation.other, seen.name(relation.other), step, relation.other in watched
                    )
                    if relation.kind != WITHHELD:
                        following.append(relation.other)
                key, edge = _edge(entity, relation)
                if key in edges:
                    merged = tuple(dict.fromkeys(edges[key].evidence + edge.evidence))
                    edge = Edge(edge.a, edge.b, edge.kind, edge.group, merged)
                edges[key] = edge
        frontier = following
    return nodes, edges, truncated


def network(store: Store, user: str | None, purpose: str, entity: str, depth: int = MAX_DEPTH) -> Network:
    """The persons related to ``entity`` up to ``depth`` (1 or 2) steps, with the relations among
    them (kind and evidence), at most ``MAX_NODES`` persons; one audit entry."""
    if not 1 <= depth <= MAX_DEPTH:
        raise RelationsError(f"depth {depth}: 1 or {MAX_DEPTH} (a network further out names too many people)")
    reader, why = _open(store, user, purpose, f"network of {entity}")
    now = clock.now()
    with store.transaction() as conn:
        seen = _Reading(conn, reading.Lens(conn, reading.reader(conn, reader, why), now))
        known = bool(seen.members(entity))
        result = None
        if known:
            nodes, edges, truncated = _explore(seen, [entity], depth, MAX_NODES)
            result = Network(entity, depth, tuple(nodes.values()), tuple(edges.values()), truncated)
        detail: dict[str, object] = {"network": entity, "depth": depth}
        if result is None:
            detail["refused"] = "no record the reader may know of"
        else:
            detail["persons"] = [n.entity for n in result.nodes]
        _record(conn, reader, detail, seen, now, why)
    if result is None:
        raise NotFoundError(f"no person {entity!r}")
    return result


def cells(store: Store, user: str | None, depth: int = MAX_DEPTH) -> list[Cell]:
    """The watched persons of the user's agency with their connected associates (up to ``depth``
    steps), grouped into cells: watched persons linked through relations share one. Largest first;
    one audit entry."""
    if not 1 <= depth <= MAX_DEPTH:
        raise RelationsError(f"depth {depth}: 1 or {MAX_DEPTH}")
    now = clock.now()
    analyst = identity.authorise(store, user, Role.ANALYST, "the cells of watched persons", now)
    why = Purpose.INVESTIGATION
    with store.transaction() as conn:
        # The analyst's lens, under which PostgreSQL's row security returns the agency's own watches.
        seen = _Reading(conn, alerts.enter(conn, analyst, now))
        listed = sorted({w.entity_id for w in alert_rows.all_watches(conn, analyst.agency)})
        watched = [e for e in listed if seen.members(e)]
        nodes, edges, truncated = _explore(seen, watched, depth, MAX_CELL_NODES, frozenset(watched))
        found = _components(nodes, edges, frozenset(watched))
        detail: dict[str, object] = {"cells": len(found), "watched": watched, "truncated": truncated,
                                     "persons": sorted(nodes)}  # fmt: skip
        _record(conn, analyst, detail, seen, now, why)
    return found


def _components(
    nodes: dict[str, Node], edges: dict[tuple[str, str, str], Edge], watched: frozenset[str]
) -> list[Cell]:
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b, _ in edges:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        groups[root(n)].append(n)
    out = []
    for group in groups.values():
        members_ = set(group)
        out.append(
            Cell(
                tuple(sorted(members_ & watched)),
                tuple(sorted((nodes[n] for n in members_), key=lambda n: (n.depth, n.entity))),
                tuple(e for (a, b, _), e in edges.items() if a in members_ and b in members_),
            )
        )
    return sorted((c for c in out if c.watched), key=lambda c: (-len(c.watched), -len(c.nodes), c.watched))
