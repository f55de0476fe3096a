"""Rows of retention rules, and the lookup of expired person and relationship records the purge
starts from."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import agencies, records, relationships, retention_rules


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


def expired(conn: sa.Connection, cutoffs: Mapping[str, datetime], table: sa.Table = records) -> list[Any]:
    """Person records (or, with ``table``, relationship records), any status, of each source last
    updated before its cutoff, in one statement: one range of the (source, updated_at) index per
    source, so it costs next to nothing when none is. Each row has its pk, source and source_id,
    and a person record its entity_id."""
    if not cutoffs:
        return []
    terms = [sa.and_(table.c.source == s, table.c.updated_at < c) for s, c in sorted(cutoffs.items())]
    entity = [table.c.entity_id] if "entity_id" in table.c else []
    query = sa.select(table.c.pk, table.c.source, table.c.source_id, *entity).where(sa.or_(*terms))
    # Sorted here, not in SQL: an ORDER BY (source, source_id) draws PostgreSQL to the unique
    # index on those columns, which reads every record of the source.
    return sorted(conn.execute(query).all(), key=lambda r: (r.source, r.source_id))


def count_unregistered(conn: sa.Connection) -> int:
    """Person and relationship records whose source is no registered agency (so no rule applies
    to them)."""
    registered = sa.select(agencies.c.code)
    found = 0
    for table in (records, relationships):
        query = sa.select(sa.func.count()).select_from(table).where(table.c.source.not_in(registered))
        found += int(conn.execute(query).scalar_one())
    return found
