"""Rows of the audit log: append one entry under the head's lock, read the chain in order.

The head row is updated first in every append: on PostgreSQL that takes its row lock, on SQLite the
database's write lock, so two appenders never read the same head and the chain stays one line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import audit_head, audit_log

#: The columns of an entry, in the order ``access.audit_chain.Entry`` takes them.
COLUMNS = ("seq", "at", "actor", "agency", "unit", "purpose", "action", "detail", "prev_hash", "hash")

_BATCH = 10_000


# Built once, as ``identity_rows``' statements of every request: every audited act makes all four.
_LOCK = sa.update(audit_head).where(audit_head.c.id == 1).values(seq=audit_head.c.seq)
_HEAD = sa.select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
_INSERT = sa.insert(audit_log)
_MOVE = (
    sa.update(audit_head)
    .where(audit_head.c.id == 1)
    .values(seq=sa.bindparam("new_seq"), hash=sa.bindparam("new_hash"))
)


def lock_head(conn: sa.Connection) -> tuple[int, str]:
    """Take the append lock and return the head's (seq, hash); 0 and the genesis hash when empty."""
    conn.execute(_LOCK)
    row = conn.execute(_HEAD).one()
    return int(row.seq), str(row.hash)


def append(conn: sa.Connection, entry: Mapping[str, Any]) -> None:
    """Insert one entry (every name in ``COLUMNS``) and move the head to it."""
    conn.execute(_INSERT, {c: entry[c] for c in COLUMNS})
    conn.execute(_MOVE, {"new_seq": entry["seq"], "new_hash": entry["hash"]})


def _entry(row: sa.Row[Any]) -> tuple[Any, ...]:
    return tuple(getattr(row, c) for c in COLUMNS)


def entries(conn: sa.Connection, after: int = 0) -> Iterator[tuple[Any, ...]]:
    """Every entry after ``after`` in sequence order, read in batches (the log grows without end)."""
    while True:
        rows = conn.execute(
            sa.select(audit_log).where(audit_log.c.seq > after).order_by(audit_log.c.seq).limit(_BATCH)
        ).all()
        for row in rows:
            yield _entry(row)
        if len(rows) < _BATCH:
            return
        after = int(rows[-1].seq)


def last(conn: sa.Connection) -> tuple[Any, ...] | None:
    row = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq.desc()).limit(1)).first()
    return _entry(row) if row is not None else None


def search(
    conn: sa.Connection, actor: str | None, action: str | None, since: str | None, limit: int
) -> list[tuple[Any, ...]]:
    """The newest ``limit`` entries matching the filters, newest first (``since``: ISO time)."""
    query = sa.select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)
    if actor is not None:
        query = query.where(audit_log.c.actor == actor)
    if action is not None:
        query = query.where(audit_log.c.action == action)
    if since is not None:
        query = query.where(audit_log.c.at >= since)  # ISO 8601 UTC text sorts as time does
    return [_entry(row) for row in conn.execute(query)]
