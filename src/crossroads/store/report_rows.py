"""What a data-protection report reads: every record held under an entity id, and audit entries
whose detail text holds some fragment (``access.mentions`` decides which ones really name it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from crossroads.store.audit_rows import COLUMNS
from crossroads.store.schema import audit_log, records

_BATCH = 10_000


def records_of(conn: sa.Connection, entity_id: str) -> list[Any]:
    """Every record (active or withdrawn) the store holds under ``entity_id``, by source and id."""
    query = sa.select(
        records.c.source, records.c.source_id, records.c.classification, records.c.caveats,
        records.c.properties, records.c.status, records.c.version, records.c.received_at,
        records.c.updated_at,
    ).where(records.c.entity_id == entity_id)  # fmt: skip
    return list(conn.execute(query.order_by(records.c.source, records.c.source_id)).all())


def holding(conn: sa.Connection, fragments: Iterable[str]) -> Iterator[tuple[Any, ...]]:
    """Audit entries (``audit_rows.COLUMNS``) whose detail contains any of ``fragments``, in order.

    A scan of the whole log (LIKE with a leading wildcard uses no index), in batches; SQLite's LIKE
    ignores ASCII case, so it may return more than asked: the caller checks each entry exactly."""
    wanted = sorted(set(fragments))
    if not wanted:
        return
    where = sa.or_(*(audit_log.c.detail.contains(f, autoescape=True) for f in wanted))
    after = 0
    while True:
        query = sa.select(audit_log).where(where, audit_log.c.seq > after).order_by(audit_log.c.seq)
        rows = conn.execute(query.limit(_BATCH)).all()
        for row in rows:
            yield tuple(getattr(row, c) for c in COLUMNS)
        if len(rows) < _BATCH:
            return
        after = int(rows[-1].seq)
