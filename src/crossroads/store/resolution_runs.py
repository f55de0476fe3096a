"""Resolution runs: what each ``resolve`` of the store used, kept for explanations."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa

from crossroads.store.schema import resolution_runs


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


def latest(conn: sa.Connection) -> tuple[str, bytes] | None:
    """The newest run's id and context, or None when the store was never resolved."""
    row = conn.execute(
        sa.select(resolution_runs.c.id, resolution_runs.c.context)
        .order_by(resolution_runs.c.finished_at.desc())
        .limit(1)
    ).first()
    return (row.id, row.context.encode()) if row is not None else None
