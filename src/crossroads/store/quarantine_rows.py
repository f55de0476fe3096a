"""Quarantined input rows: kept verbatim with every problem, until replayed or discarded."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.errors import NotFoundError
from crossroads.records.model import Problem
from crossroads.store.schema import quarantine

OPEN = "open"
RESOLVED = "resolved"
DISCARDED = "discarded"
#: What a refused row was checked as; a purge of one kind of record erases only its own rows.
PERSON, RELATIONSHIP = "person", "relationship"


@dataclass(frozen=True)
class Refused:
    """One input row that could not be accepted, with all of its problems."""

    line: int
    raw: str
    source: str | None
    record_id: str | None
    problems: Sequence[Problem]
    raw_bytes: bytes | None = None  # the exact bytes, when ``raw`` could not be decoded faithfully
    kind: str | None = None  # PERSON or RELATIONSHIP; None: no record could be read from the row

    def exact(self) -> bytes:
        return self.raw_bytes if self.raw_bytes is not None else self.raw.encode("utf-8")


@dataclass(frozen=True)
class Entry:
    id: int
    batch_id: str
    source: str | None
    file_name: str
    format: str
    line: int
    record_id: str | None
    field: str
    code: str
    message: str
    problems: list[dict[str, Any]]
    raw_bytes: bytes
    status: str
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None

    @property
    def raw(self) -> str:
        """The row as text (undecodable bytes shown as backslash escapes)."""
        return self.raw_bytes.decode("utf-8", errors="backslashreplace")


def raw_key(source: str | None, raw: bytes) -> str:
    """Identity of a refused row: the same bad row from the same source is quarantined once."""
    return hashlib.sha256(f"{source or ''}\n".encode() + raw).hexdigest()


def add(
    conn: sa.Connection,
    batch_id: str,
    file_name: str,
    fmt: str,
    refused: Sequence[Refused],
    now: datetime,
) -> int:
    """Quarantine rows not already waiting in quarantine; returns how many were new."""
    if not refused:
        return 0
    keyed = {raw_key(r.source, r.exact()): r for r in refused}
    waiting = set(
        conn.execute(
            sa.select(quarantine.c.raw_sha256).where(
                quarantine.c.status == OPEN, quarantine.c.raw_sha256.in_(list(keyed))
            )
        ).scalars()
    )
    rows = [
        {
            "batch_id": batch_id,
            "source": r.source,
            "file_name": file_name,
            "format": fmt,
            "line": r.line,
            "record_id": r.record_id,
            "field": r.problems[0].field,
            "code": r.problems[0].code,
            "message": r.problems[0].message,
            "problems": [{"field": p.field, "code": p.code, "message": p.message} for p in r.problems],
            "raw": r.exact(),
            "raw_sha256": key,
            "status": OPEN,
            "created_at": now,
            "kind": r.kind,
        }
        for key, r in keyed.items()
        if key not in waiting
    ]
    if rows:
        conn.execute(sa.insert(quarantine), rows)
    return len(rows)


def _entry(row: Any) -> Entry:
    m = row._mapping
    values = {k: m[k] for k in Entry.__dataclass_fields__ if k != "raw_bytes"}
    return Entry(raw_bytes=bytes(m["raw"]), **values)


def list_entries(
    conn: sa.Connection,
    status: str | None = OPEN,
    source: str | None = None,
    code: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Entry]:
    query = sa.select(quarantine).order_by(quarantine.c.id).limit(limit).offset(offset)
    if status:
        query = query.where(quarantine.c.status == status)
    if source:
        query = query.where(quarantine.c.source == source)
    if code:
        query = query.where(quarantine.c.code == code)
    return [_entry(row) for row in conn.execute(query)]


def get(conn: sa.Connection, entry_id: int) -> Entry:
    row = conn.execute(sa.select(quarantine).where(quarantine.c.id == entry_id)).first()
    if row is None:
        raise NotFoundError(f"no quarantine entry {entry_id}; `crossroads quarantine list` shows them")
    return _entry(row)


def close(conn: sa.Connection, entry_id: int, status: str, resolution: str, now: datetime) -> None:
    """Mark an entry resolved (replayed into the store) or discarded, saying how and why."""
    conn.execute(
        sa.update(quarantine)
        .where(quarantine.c.id == entry_id)
        .values(status=status, resolved_at=now, resolution=resolution)
    )


def revise(
    conn: sa.Connection, entry_id: int, raw: bytes, problems: Sequence[Problem], kind: str | None
) -> None:
    """A steward's corrected row that still fails: keep it (the work is not lost), what is wrong
    now and what it is checked as now."""
    entry = get(conn, entry_id)
    conn.execute(
        sa.update(quarantine)
        .where(quarantine.c.id == entry_id)
        .values(
            raw=raw,
            raw_sha256=raw_key(entry.source, raw),
            field=problems[0].field,
            code=problems[0].code,
            message=problems[0].message,
            problems=[{"field": p.field, "code": p.code, "message": p.message} for p in problems],
            kind=kind,
        )
    )


def count_by_code(conn: sa.Connection, status: str = OPEN) -> dict[str, int]:
    rows = conn.execute(
        sa.select(quarantine.c.code, sa.func.count())
        .where(quarantine.c.status == status)
        .group_by(quarantine.c.code)
        .order_by(sa.func.count().desc())
    )
    return {code: int(n) for code, n in rows}
