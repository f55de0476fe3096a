"""Rows of the watchlist, its alerts and their handling, the units' webhooks and the outbox
(``service.alerts`` says what they mean)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import alert_events, alerts, outbox, watchlist, webhooks


def _inserted(conn: sa.Connection, statement: sa.Insert) -> int:
    return int(conn.execute(statement).scalar_one())


def add_watch(
    conn: sa.Connection,
    entity: str,
    reason: str,
    agency: str,
    unit: str | None,
    review_on: date,
    by: str,
    now: datetime,
) -> int:
    values = {
        "entity_id": entity, "reason": reason, "agency": agency, "unit": unit, "review_on": review_on,
        "listed_by": by, "listed_at": now,
    }  # fmt: skip
    return _inserted(conn, sa.insert(watchlist).values(**values).returning(watchlist.c.id))


def watch(conn: sa.Connection, watch_id: int) -> sa.Row[Any] | None:
    return conn.execute(sa.select(watchlist).where(watchlist.c.id == watch_id)).first()


def active_watches(conn: sa.Connection, entities: Iterable[str]) -> list[sa.Row[Any]]:
    wanted = sorted(set(entities))
    if not wanted:
        return []
    query = sa.select(watchlist).where(watchlist.c.entity_id.in_(wanted), watchlist.c.ended_at.is_(None))
    return list(conn.execute(query.order_by(watchlist.c.id)).all())


def watched_entities(conn: sa.Connection) -> set[str]:
    """The persons under an active watch (hundreds, not the store's millions of entity ids)."""
    query = sa.select(watchlist.c.entity_id).where(watchlist.c.ended_at.is_(None)).distinct()
    return set(conn.execute(query).scalars())


def all_watches(conn: sa.Connection, agency: str | None = None, active: bool = True) -> list[sa.Row[Any]]:
    query = sa.select(watchlist).order_by(watchlist.c.review_on, watchlist.c.id)
    if agency is not None:
        query = query.where(watchlist.c.agency == agency)
    if active:
        query = query.where(watchlist.c.ended_at.is_(None))
    return list(conn.execute(query).all())


def end_watch(conn: sa.Connection, watch_id: int, by: str, reason: str, now: datetime) -> None:
    conn.execute(
        sa.update(watchlist)
        .where(watchlist.c.id == watch_id)
        .values(ended_by=by, ended_at=now, end_reason=reason)
    )


def move_watches(conn: sa.Connection, old: str, new: str) -> None:
    """A merged person's watches follow it to the surviving entity id."""
    conn.execute(
        sa.update(watchlist)
        .where(watchlist.c.entity_id == old, watchlist.c.ended_at.is_(None))
        .values(entity_id=new)
    )


def add_alert(conn: sa.Connection, **values: Any) -> int:
    return _inserted(conn, sa.insert(alerts).values(**values).returning(alerts.c.id))


def alert(conn: sa.Connection, alert_id: int) -> sa.Row[Any] | None:
    return conn.execute(sa.select(alerts).where(alerts.c.id == alert_id)).first()


def alerts_of(conn: sa.Connection, agency: str, status: str | None, limit: int) -> list[sa.Row[Any]]:
    query = sa.select(alerts).where(alerts.c.agency == agency).order_by(alerts.c.id.desc()).limit(limit)
    if status is not None:
        query = query.where(alerts.c.status == status)
    return list(conn.execute(query).all())


def update_alert(conn: sa.Connection, alert_id: int, now: datetime, **values: Any) -> None:
    conn.execute(sa.update(alerts).where(alerts.c.id == alert_id).values(updated_at=now, **values))


def add_event(
    conn: sa.Connection, alert_id: int, actor: str, action: str, note: str | None, now: datetime
) -> None:
    conn.execute(
        sa.insert(alert_events).values(alert_id=alert_id, at=now, actor=actor, action=action, note=note)
    )


def events(conn: sa.Connection, alert_id: int) -> list[sa.Row[Any]]:
    query = sa.select(alert_events).where(alert_events.c.alert_id == alert_id).order_by(alert_events.c.id)
    return list(conn.execute(query).all())


def add_webhook(
    conn: sa.Connection, agency: str, unit: str | None, url: str, secret: str, by: str, now: datetime
) -> int:
    values = {"agency": agency, "unit": unit, "url": url, "secret": secret, "active": True, "created_by": by}
    return _inserted(conn, sa.insert(webhooks).values(created_at=now, **values).returning(webhooks.c.id))


def webhooks_for(conn: sa.Connection, agency: str, unit: str | None) -> list[sa.Row[Any]]:
    """The active webhooks an alert to ``agency`` (and ``unit``) goes to: the agency's own, and the unit's."""
    scope = (
        webhooks.c.unit.is_(None)
        if unit is None
        else sa.or_(webhooks.c.unit.is_(None), webhooks.c.unit == unit)
    )
    query = sa.select(webhooks).where(webhooks.c.agency == agency, webhooks.c.active.is_(True), scope)
    return list(conn.execute(query.order_by(webhooks.c.id)).all())


def webhook(conn: sa.Connection, webhook_id: int) -> sa.Row[Any] | None:
    return conn.execute(sa.select(webhooks).where(webhooks.c.id == webhook_id)).first()


def enqueue(
    conn: sa.Connection,
    alert_id: int | None,
    webhook_id: int,
    payload: str,
    now: datetime,
    action_id: int | None = None,
) -> None:
    """One delivery of ``payload`` to a webhook, for an alert or for a follow-up action's reminder."""
    conn.execute(
        sa.insert(outbox).values(
            alert_id=alert_id, action_id=action_id, webhook_id=webhook_id, payload=payload, attempts=0,
            due_at=now,
        )
    )  # fmt: skip


def due(conn: sa.Connection, now: datetime, limit: int) -> list[sa.Row[Any]]:
    query = (
        sa.select(outbox)
        .where(outbox.c.delivered_at.is_(None), outbox.c.due_at <= now)
        .order_by(outbox.c.due_at, outbox.c.id)
        .limit(limit)
    )
    return list(conn.execute(query).all())


def delivered(conn: sa.Connection, item_id: int, attempts: int, now: datetime) -> None:
    conn.execute(sa.update(outbox).where(outbox.c.id == item_id).values(delivered_at=now, attempts=attempts))


def failed(conn: sa.Connection, item_id: int, attempts: int, due_at: datetime, error: str) -> None:
    conn.execute(
        sa.update(outbox)
        .where(outbox.c.id == item_id)
        .values(attempts=attempts, due_at=due_at, last_error=error[:2000])
    )


def waiting(conn: sa.Connection) -> list[sa.Row[Any]]:
    query = sa.select(outbox).where(outbox.c.delivered_at.is_(None)).order_by(outbox.c.id)
    return list(conn.execute(query).all())
