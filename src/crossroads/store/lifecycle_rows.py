"""What person records (``records``) and relationship records (``relationships``) share as an
agency's records: a change keeps the earlier version, and a full export that omits one withdraws
it (marked, never deleted)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from crossroads.store.schema import record_versions, records, relationship_versions, relationships

ACTIVE = "active"
WITHDRAWN = "withdrawn"
_CHUNK = 5000  # bound on bound parameters per statement (SQLite allows 32,766)

#: Each table's earlier versions, and the column naming the row a version was of.
VERSIONS = {
    records.name: (record_versions, "record_pk"),
    relationships.name: (relationship_versions, "relationship_pk"),
}


def keep_versions(conn: sa.Connection, table: sa.Table, pks: list[int], batch_id: str, now: datetime) -> None:
    """Copy the current content of these rows of ``table`` into its versions table before it is
    replaced: every column the two share (the version number included), when that content was
    received (the row's last update), and when and by which batch it was superseded."""
    versions, owner = VERSIONS[table.name]
    kept = ("pk", "received_at")
    shared = [c.name for c in versions.columns if c.name in table.c and c.name not in kept]
    select = sa.select(
        table.c.pk,
        *(table.c[name] for name in shared),
        table.c.updated_at,
        sa.literal(now, table.c.updated_at.type),
        sa.literal(batch_id),
    ).where(table.c.pk.in_(pks))
    target = [owner, *shared, "received_at", "superseded_at", "superseded_by_batch"]
    conn.execute(sa.insert(versions).from_select(target, select))


def withdraw_missing(
    conn: sa.Connection, table: sa.Table, source: str, present_ids: set[str], now: datetime
) -> int:
    """Mark active rows of ``source`` absent from a full export as withdrawn (never deleted)."""
    active = conn.execute(
        sa.select(table.c.pk, table.c.source_id).where(table.c.source == source, table.c.status == ACTIVE)
    ).all()
    missing = [row.pk for row in active if row.source_id not in present_ids]
    for start in range(0, len(missing), _CHUNK):
        conn.execute(
            sa.update(table)
            .where(table.c.pk.in_(missing[start : start + _CHUNK]))
            .values(status=WITHDRAWN, withdrawn_at=now, updated_at=now)
        )
    return len(missing)
