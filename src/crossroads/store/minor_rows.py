"""Rows of reviewed decisions on minors, and the birth dates the victim flag is computed from."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.record_rows import ACTIVE
from crossroads.store.schema import minor_decisions, records

RECORD, ENTITY = "record", "entity"
_BATCH = 10_000


def add_decision(
    conn: sa.Connection, ref: str, ref_kind: str, allowed: bool, reason: str, by: str, now: datetime
) -> int:
    result = conn.execute(
        sa.insert(minor_decisions).values(
            ref=ref, ref_kind=ref_kind, allowed=allowed, reason=reason, decided_by=by, decided_at=now
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def decisions(conn: sa.Connection, refs: Iterable[str]) -> list[sa.Row[Any]]:
    """Every decision on any of ``refs``, oldest first."""
    wanted = sorted(set(refs))
    if not wanted:
        return []
    query = sa.select(minor_decisions).where(minor_decisions.c.ref.in_(wanted))
    return list(conn.execute(query.order_by(minor_decisions.c.decided_at, minor_decisions.c.id)).all())


_BIRTHS = (
    records.c.pk, records.c.source, records.c.source_id, records.c.properties, records.c.received_at,
    records.c.updated_at, records.c.entity_id,
)  # fmt: skip


def births_of(conn: sa.Connection, entity_id: str) -> list[Any]:
    """The active records of one entity with what the victim flag needs (entity index)."""
    query = sa.select(*_BIRTHS, records.c.status).where(records.c.entity_id == entity_id)
    return [row for row in conn.execute(query) if row.status == ACTIVE]


def all_births(conn: sa.Connection) -> Iterator[Any]:
    """Every active record with what the victim flag needs, streamed in key order."""
    last = 0
    while True:
        query = (
            sa.select(*_BIRTHS)
            .where(records.c.status == ACTIVE, records.c.pk > last)
            .order_by(records.c.pk)
            .limit(_BATCH)
        )
        rows = conn.execute(query).all()
        yield from rows
        if len(rows) < _BATCH:
            return
        last = int(rows[-1].pk)
