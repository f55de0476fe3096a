"""Rows of retention rules, and the lookup of expired records the purge starts from."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import agencies, records, retention_rules


def rules(conn: sa.Connection) -> list[sa.Row[Any]]:
    return list(conn.execute(sa.select(retention_rules).order_by(retention_rules.c.kind)).all())


def set_rule(conn: sa.Connection, kind: str, days: int, by: str, now: datetime) -> int | None:
    """Set the rule for ``kind``; returns the days it had before (None: there was no rule)."""
    before = conn.execute(sa.select(retention_rules.c.days).where(retention_rules.c.kind == kind)).scalar()
    values = {"days": days, "set_by": by, "set_at": now}
    if before is None:
        conn.execute(sa.insert(retention_rules).values(kind=kind, **values))
    else:
        conn.execute(sa.update(retention_rules).where(retention_rules.c.kind == kind).values(**values))
    return None if before is None else int(before)


def expired(conn: sa.Connection, cutoffs: Mapping[str, datetime]) -> list[Any]:
    """Records (any status) of each source last updated before its cutoff, in one statement: one
    range of the (source, updated_at) index per source, so it costs next to nothing when none is."""
    if not cutoffs:
        return []
    terms = [sa.and_(records.c.source == s, records.c.updated_at < c) for s, c in sorted(cutoffs.items())]
    query = sa.select(records.c.pk, records.c.source, records.c.source_id, records.c.entity_id).where(
        sa.or_(*terms)
    )
    # Sorted here, not in SQL: an ORDER BY (source, source_id) draws PostgreSQL to the unique
    # index on those columns, which reads every record of the source.
    return sorted(conn.execute(query).all(), key=lambda r: (r.source, r.source_id))


def count_unregistered(conn: sa.Connection) -> int:
    """Records whose source is no registered agency (so no rule applies to them)."""
    registered = sa.select(agencies.c.code)
    query = sa.select(sa.func.count()).select_from(records).where(records.c.source.not_in(registered))
    return int(conn.execute(query).scalar_one())
