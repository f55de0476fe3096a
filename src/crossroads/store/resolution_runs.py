"""Resolution runs: what each ``resolve`` of the store used, kept for explanations."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa

from crossroads.store.schema import entity_lineage, resolution_runs

#: (entity id, event, other entity id, records, why)
LineageRow = tuple[str, str, str | None, int, str]


def save(
    conn: sa.Connection,
    *,
    started_at: datetime,
    finished_at: datetime,
    records: int,
    entities: int,
    model_origin: str,
    context: bytes,
) -> str:
    run_id = str(uuid.uuid4())
    conn.execute(
        sa.insert(resolution_runs).values(
            id=run_id,
            started_at=started_at,
            finished_at=finished_at,
            records=records,
            entities=entities,
            model_origin=model_origin,
            context=context.decode(),
        )
    )
    return run_id


#: Built once, as ``identity_rows``' statements of every request: every search and arrival asks it.
_LATEST = sa.select(resolution_runs.c.id).order_by(resolution_runs.c.finished_at.desc()).limit(1)


def latest_id(conn: sa.Connection) -> str | None:
    """The newest run's id without its context (which holds every name's frequency: megabytes at
    a million records, read once per process by the real-time path, not once per record)."""
    return conn.execute(_LATEST).scalar()


def context_of(conn: sa.Connection, run_id: str) -> bytes:
    return str(
        conn.execute(sa.select(resolution_runs.c.context).where(resolution_runs.c.id == run_id)).scalar_one()
    ).encode()


def add_lineage(conn: sa.Connection, run_id: str, events: Iterable[LineageRow], now: datetime) -> int:
    rows = [
        {"run_id": run_id, "entity_id": e[0], "event": e[1], "other_entity_id": e[2], "records": e[3],
         "why": e[4], "at": now}
        for e in events
    ]  # fmt: skip
    if rows:
        conn.execute(sa.insert(entity_lineage), rows)
    return len(rows)


def lineage(conn: sa.Connection, entity_id: str) -> list[dict[str, object]]:
    """Every event naming this entity id, on either side, oldest first."""
    query = (
        sa.select(entity_lineage)
        .where(sa.or_(entity_lineage.c.entity_id == entity_id, entity_lineage.c.other_entity_id == entity_id))
        .order_by(entity_lineage.c.at, entity_lineage.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(query)]
