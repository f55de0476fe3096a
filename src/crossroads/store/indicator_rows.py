"""Rows behind the threat-assessment indicators: the immutable snapshots (``indicator_snapshots``,
only ever inserted), alerts raised per month, and records received per month from given agencies
(``service.indicators`` says what they mean)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from crossroads.store.schema import alerts, indicator_snapshots, records


def add_snapshot(conn: sa.Connection, rows: Iterable[dict[str, Any]]) -> bool:
    """Insert one snapshot's rows; whether they went in. A monthly snapshot whose month already has
    one (another server process took it first: the unique index over monthly rows) inserts
    nothing, without an error. Nothing ever updates or deletes them (triggers refuse it)."""
    values = list(rows)
    if not values:
        return False
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = insert(indicator_snapshots).values(values).on_conflict_do_nothing()
    # The rows it inserted, not a row count: psycopg reports none for this statement.
    return bool(conn.execute(statement.returning(indicator_snapshots.c.id)).all())


def has_monthly(conn: sa.Connection, as_of: date) -> bool:
    """Whether the monthly snapshot of the month ending ``as_of`` was taken."""
    s = indicator_snapshots.c
    return conn.execute(sa.select(s.id).where(s.monthly, s.as_of == as_of).limit(1)).first() is not None


def snapshots(conn: sa.Connection) -> list[sa.Row[Any]]:
    """Every snapshot row, in the order of the month they are for, then when they were taken."""
    s = indicator_snapshots.c
    return list(conn.execute(sa.select(indicator_snapshots).order_by(s.as_of, s.taken_at, s.id)).all())


def alerts_raised(conn: sa.Connection, since: datetime, until: datetime) -> list[datetime]:
    """When each alert raised in [since, until) was raised (all agencies: a count, no content)."""
    a = alerts.c
    query = sa.select(a.raised_at).where(a.raised_at >= since, a.raised_at < until)
    return [row.raised_at for row in conn.execute(query)]


def received(
    conn: sa.Connection, sources: Iterable[str], since: datetime, until: datetime
) -> list[sa.Row[Any]]:
    """The marking and arrival of each active record of ``sources`` received in [since, until)."""
    r = records.c
    query = sa.select(r.source, r.source_id, r.classification, r.caveats, r.received_at).where(
        r.source.in_(sorted(set(sources))),
        r.status == "active",
        r.received_at >= since,
        r.received_at < until,
    )
    return [*conn.execute(query)]
