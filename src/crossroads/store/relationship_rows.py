"""Rows of relationship records and of the records' contact keys (``service.relationships`` says
what they mean)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
import sqlalchemy as sa

from crossroads.records.model import Classification
from crossroads.records.relations import Relation
from crossroads.store import key_rows, lifecycle_rows
from crossroads.store.lifecycle_rows import ACTIVE
from crossroads.store.record_rows import UpsertCounts
from crossroads.store.schema import contact_keys, records, relationship_versions, relationships

_CHUNK = 5000


@dataclass(frozen=True)
class Incoming:
    relation: Relation
    original: str
    line: int


def _hash(relation: Relation) -> str:
    body = {"schema": relation.schema_name, "person": relation.person, "other": relation.other,
            "properties": relation.properties, "classification": relation.classification.value,
            "caveats": relation.caveats, "extra": relation.extra}  # fmt: skip
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def upsert(conn: sa.Connection, batch_id: str, items: Sequence[Incoming], now: datetime) -> UpsertCounts:
    """Insert or update by (source, id), as person records are: the same pair again updates, never
    duplicates; a change keeps the earlier version; a withdrawn record sent again unchanged is
    active again."""
    counts = UpsertCounts()
    for item in items:
        r = item.relation
        digest = _hash(r)
        values = {
            "schema": r.schema_name, "kind": r.kind, "person_source": r.person[0], "person_id": r.person[1],
            "other_source": r.other[0], "other_id": r.other[1], "classification": r.classification.value,
            "caveats": r.caveats, "properties": r.properties, "extra": r.extra, "original": item.original,
            "content_hash": digest, "status": ACTIVE, "withdrawn_at": None, "batch_id": batch_id,
            "line": item.line, "updated_at": now,
        }  # fmt: skip
        found = conn.execute(
            sa.select(relationships.c.pk, relationships.c.content_hash, relationships.c.status).where(
                relationships.c.source == r.source, relationships.c.source_id == r.id
            )
        ).first()
        if found is None:
            conn.execute(
                sa.insert(relationships).values(
                    source=r.source, source_id=r.id, version=1, received_at=now, **values
                )
            )
            counts.inserted += 1
        elif found.content_hash != digest:
            lifecycle_rows.keep_versions(conn, relationships, [found.pk], batch_id, now)
            conn.execute(
                sa.update(relationships)
                .where(relationships.c.pk == found.pk)
                .values(version=relationships.c.version + 1, **values)
            )
            counts.updated += 1
        elif found.status != ACTIVE:
            conn.execute(
                sa.update(relationships)
                .where(relationships.c.pk == found.pk)
                .values(status=ACTIVE, withdrawn_at=None, updated_at=now)
            )
            counts.reactivated += 1
        else:
            counts.unchanged += 1
    return counts


def withdraw_missing(conn: sa.Connection, source: str, present_ids: set[str], now: datetime) -> int:
    """Mark active relationship records of ``source`` absent from a full export as withdrawn: no
    view draws on them any more (``involving`` reads active ones only); never deleted."""
    return lifecycle_rows.withdraw_missing(conn, relationships, source, present_ids, now)


def history(conn: sa.Connection, source: str, source_id: str) -> list[dict[str, Any]]:
    """Earlier versions of one relationship record, oldest first (none: not held, or never changed)."""
    query = (
        sa.select(relationship_versions)
        .join(relationships, relationships.c.pk == relationship_versions.c.relationship_pk)
        .where(relationships.c.source == source, relationships.c.source_id == source_id)
        .order_by(relationship_versions.c.version)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


@dataclass(frozen=True)
class StoredRelation:
    ref: str
    source: str
    record_id: str
    schema: str
    kind: str
    person: str  # SOURCE/ID of the first person's record
    other: str
    classification: Classification
    caveats: tuple[str, ...]
    relationship: tuple[str, ...]  # the words as written


def _stored(row: sa.Row[Any]) -> StoredRelation:
    return StoredRelation(
        f"{row.source}/{row.source_id}",
        row.source,
        row.source_id,
        row.schema,
        row.kind,
        f"{row.person_source}/{row.person_id}",
        f"{row.other_source}/{row.other_id}",
        Classification(row.classification),
        tuple(row.caveats),
        tuple(row.properties.get("relationship", [])),
    )


def involving(conn: sa.Connection, refs: Iterable[tuple[str, str]]) -> list[StoredRelation]:
    """The active relationship records naming any of these person records, on either side."""
    wanted = sorted(set(refs))
    out: dict[str, StoredRelation] = {}
    for start in range(0, len(wanted), _CHUNK // 2):
        part = wanted[start : start + _CHUNK // 2]
        sides = [
            sa.tuple_(relationships.c.person_source, relationships.c.person_id).in_(part),
            sa.tuple_(relationships.c.other_source, relationships.c.other_id).in_(part),
        ]
        for side in sides:
            query = sa.select(relationships).where(side, relationships.c.status == ACTIVE)
            out.update({s.ref: s for s in map(_stored, conn.execute(query.order_by(relationships.c.pk)))})
    return list(out.values())


def count(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(relationships)).scalar_one())


def entities_of(conn: sa.Connection, refs: Iterable[str]) -> dict[str, str | None]:
    """The person (entity id) each active record reference belongs to; absent: not held."""
    wanted = sorted({tuple(ref.split("/", 1)) for ref in refs if "/" in ref})
    out: dict[str, str | None] = {}
    for start in range(0, len(wanted), _CHUNK // 2):
        query = sa.select(records.c.source, records.c.source_id, records.c.entity_id).where(
            sa.tuple_(records.c.source, records.c.source_id).in_(wanted[start : start + _CHUNK // 2]),
            records.c.status == ACTIVE,
        )
        out.update({f"{s}/{i}": e for s, i, e in conn.execute(query)})
    return out


def replace_contacts(conn: sa.Connection, keys: Iterable[tuple[int, str]]) -> int:
    """Every record's contact keys anew (a batch resolution)."""
    conn.execute(sa.delete(contact_keys))
    return add_contacts(conn, keys)


def add_contacts(conn: sa.Connection, keys: Iterable[tuple[int, str]]) -> int:
    return key_rows.insert_keyed(conn, contact_keys, keys)


def forget_contacts(conn: sa.Connection, record_pk: int) -> None:
    conn.execute(sa.delete(contact_keys).where(contact_keys.c.record_pk == record_pk))


def sharing_contacts(conn: sa.Connection, keys: Sequence[str], limit: int) -> dict[str, list[int]]:
    """The records holding each key; a key held by more than ``limit`` records (a large building, a
    switchboard number) is left out: it says nothing of the persons."""
    out: dict[str, list[int]] = {}
    for key in dict.fromkeys(keys):
        query = sa.select(contact_keys.c.record_pk).where(contact_keys.c.key == key).limit(limit + 1)
        pks = list(conn.execute(query).scalars())
        if len(pks) <= limit:
            out[key] = pks
    return out


def active_with_pks(conn: sa.Connection, batch: int = 10_000) -> Iterator[tuple[int, Any]]:
    """(pk, row) of every active record, in pk order, a batch at a time (for re-indexing)."""
    last = 0
    while True:
        query = (
            sa.select(records.c.pk, records.c.source, records.c.source_id, records.c.properties)
            .where(records.c.pk > last, records.c.status == ACTIVE)
            .order_by(records.c.pk)
            .limit(batch)
        )
        rows = list(conn.execute(query))
        if not rows:
            return
        for row in rows:
            yield row.pk, row
        last = rows[-1].pk
