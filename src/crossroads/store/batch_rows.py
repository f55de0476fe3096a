"""Ingest batches: one row per ingest run, so every stored record says which run brought it."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import batches

RUNNING = "running"
DONE = "done"
FAILED = "failed"


@dataclass
class BatchCounts:
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    withdrawn: int = 0


def start(
    conn: sa.Connection,
    *,
    source: str | None,
    file_name: str,
    file_sha256: str,
    fmt: str,
    mapping: str | None,
    full_export: bool,
    now: datetime,
) -> str:
    batch_id = str(uuid.uuid4())
    conn.execute(
        sa.insert(batches).values(
            id=batch_id,
            source=source,
            file_name=file_name,
            file_sha256=file_sha256,
            format=fmt,
            mapping=mapping,
            full_export=full_export,
            started_at=now,
            status=RUNNING,
            **asdict(BatchCounts()),
        )
    )
    return batch_id


def finish(conn: sa.Connection, batch_id: str, status: str, counts: BatchCounts, now: datetime) -> None:
    conn.execute(
        sa.update(batches)
        .where(batches.c.id == batch_id)
        .values(status=status, finished_at=now, **asdict(counts))
    )


def get(conn: sa.Connection, batch_id: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).first()
    return dict(row._mapping) if row else None


def recent(conn: sa.Connection, limit: int = 20) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(batches).order_by(batches.c.started_at.desc()).limit(limit))
    return [dict(row._mapping) for row in rows]
