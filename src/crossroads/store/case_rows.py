"""Rows of the case follow-up: cases, their dated transitions, follow-up actions and minors'
review decisions (``service.cases`` says what they mean)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import case_actions, case_minor_reviews, case_transitions, cases

_CHUNK = 500


def _inserted(conn: sa.Connection, statement: sa.Insert) -> int:
    return int(conn.execute(statement).scalar_one())


def _per_case(
    conn: sa.Connection, table: sa.Table, case_ids: Iterable[int], order: str
) -> dict[int, list[sa.Row[Any]]]:
    """The rows of ``table`` for each of ``case_ids`` (every case present, maybe with none), ordered
    by ``order`` then by id, read ``_CHUNK`` cases at a time."""
    wanted = sorted(set(case_ids))
    out: dict[int, list[sa.Row[Any]]] = {i: [] for i in wanted}
    c = table.c
    for start in range(0, len(wanted), _CHUNK):
        query = sa.select(table).where(c.case_id.in_(wanted[start : start + _CHUNK]))
        for row in conn.execute(query.order_by(c.case_id, c[order], c.id)):
            out[row.case_id].append(row)
    return out


def add_case(conn: sa.Connection, **values: Any) -> int:
    return _inserted(conn, sa.insert(cases).values(**values).returning(cases.c.id))


def case(conn: sa.Connection, case_id: int) -> sa.Row[Any] | None:
    return conn.execute(sa.select(cases).where(cases.c.id == case_id)).first()


def case_of(conn: sa.Connection, entity: str) -> sa.Row[Any] | None:
    return conn.execute(sa.select(cases).where(cases.c.entity_id == entity)).first()


def all_cases(
    conn: sa.Connection, cell: tuple[str, str | None] | None = None, open_only: bool = True
) -> list[sa.Row[Any]]:
    """Every case (or those a security cell follows: its agency, and its unit when it has one)."""
    query = sa.select(cases).order_by(cases.c.id)
    if cell is not None:
        query = query.where(cases.c.cell_agency == cell[0])
        if cell[1] is not None:
            query = query.where(cases.c.cell_unit == cell[1])
    if open_only:
        query = query.where(cases.c.closed_at.is_(None))
    return list(conn.execute(query).all())


def update_case(conn: sa.Connection, case_id: int, **values: Any) -> None:
    conn.execute(sa.update(cases).where(cases.c.id == case_id).values(**values))


def add_transition(conn: sa.Connection, **values: Any) -> int:
    statement = sa.insert(case_transitions).values(**values).returning(case_transitions.c.id)
    return _inserted(conn, statement)


def transitions(conn: sa.Connection, case_ids: Iterable[int]) -> dict[int, list[sa.Row[Any]]]:
    """Each case's transitions in the order they happened (then the order they were recorded)."""
    return _per_case(conn, case_transitions, case_ids, "happened_on")


def add_action(
    conn: sa.Connection, case_id: int, kind: str, description: str, due_on: date, by: str, now: datetime
) -> int:
    values = {"case_id": case_id, "kind": kind, "description": description, "due_on": due_on,
              "created_by": by, "created_at": now}  # fmt: skip
    return _inserted(conn, sa.insert(case_actions).values(**values).returning(case_actions.c.id))


def action(conn: sa.Connection, action_id: int) -> sa.Row[Any] | None:
    return conn.execute(sa.select(case_actions).where(case_actions.c.id == action_id)).first()


def actions(conn: sa.Connection, case_ids: Iterable[int]) -> dict[int, list[sa.Row[Any]]]:
    """Each case's follow-up actions, soonest due first."""
    return _per_case(conn, case_actions, case_ids, "due_on")


def open_actions_due(conn: sa.Connection, by: date) -> list[sa.Row[Any]]:
    """Actions not done whose due date is ``by`` or earlier, the most overdue first."""
    a = case_actions.c
    query = sa.select(case_actions).where(a.done_at.is_(None), a.due_on <= by).order_by(a.due_on, a.id)
    return list(conn.execute(query).all())


def unreminded_due(conn: sa.Connection, by: date) -> list[sa.Row[Any]]:
    """Open actions due ``by`` or earlier whose reminder has not gone out, with their case's units."""
    a, c = case_actions.c, cases.c
    query = (
        sa.select(
            a.id,
            a.case_id,
            a.kind,
            a.due_on,
            c.entity_id,
            c.taskforce_agency,
            c.taskforce_unit,
            c.cell_agency,
            c.cell_unit,
        )
        .join(cases, c.id == a.case_id)
        .where(a.done_at.is_(None), a.reminded_at.is_(None), a.due_on <= by, c.closed_at.is_(None))
        .order_by(a.due_on, a.id)
    )
    rows: list[sa.Row[Any]] = list(conn.execute(query))
    return rows


def reminded(conn: sa.Connection, action_id: int, now: datetime) -> None:
    conn.execute(sa.update(case_actions).where(case_actions.c.id == action_id).values(reminded_at=now))


def complete(conn: sa.Connection, action_id: int, by: str, outcome: str, now: datetime) -> None:
    conn.execute(
        sa.update(case_actions)
        .where(case_actions.c.id == action_id)
        .values(done_by=by, done_at=now, outcome=outcome)
    )


def add_review(
    conn: sa.Connection, case_id: int, decision: str, automatic: bool, reason: str, by: str, now: datetime
) -> int:
    values = {"case_id": case_id, "decision": decision, "automatic": automatic, "reason": reason,
              "decided_by": by, "decided_at": now}  # fmt: skip
    statement = sa.insert(case_minor_reviews).values(**values).returning(case_minor_reviews.c.id)
    return _inserted(conn, statement)


def reviews(conn: sa.Connection, case_ids: Iterable[int]) -> dict[int, list[sa.Row[Any]]]:
    """Each case's minors' review decisions, oldest first."""
    return _per_case(conn, case_minor_reviews, case_ids, "decided_at")


def follow_merge(conn: sa.Connection, old: str, new: str, by: str, now: datetime) -> None:
    """A merged person's case follows it to the surviving entity id, as its watches do. When the
    survivor has a case of its own, the merged one's transitions, actions and reviews join it (both
    were about one person all along) and the merged case is closed, saying where it went."""
    gone = case_of(conn, old)
    if gone is None:
        return
    kept = case_of(conn, new)
    if kept is None:
        update_case(conn, gone.id, entity_id=new)
        return
    for table in (case_transitions, case_actions, case_minor_reviews):
        conn.execute(sa.update(table).where(table.c.case_id == gone.id).values(case_id=kept.id))
    if gone.closed_at is None:
        reason = f"person {old} merged into {new}: its history joined case {kept.id}"
        update_case(conn, gone.id, closed_by=by, closed_at=now, close_reason=reason)
