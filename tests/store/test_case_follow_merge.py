"""A merged person's case follows it to the surviving entity id; when both persons had a case, the
history joins the survivor's case and the other is closed saying where it went."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from crossroads.store import case_rows
from crossroads.store.schema import case_actions
from crossroads.store.store import Store

NOW = datetime(2026, 12, 4, tzinfo=UTC)


def opened(conn: sa.Connection, entity: str, status: str, on: date) -> int:
    case_id = case_rows.add_case(
        conn, entity_id=entity, category="foreign_fighter", opened_by="a", opened_at=NOW
    )
    case_rows.add_transition(conn, case_id=case_id, status=status, happened_on=on, reported_by="a",
                             shared=False, recorded_at=NOW)  # fmt: skip
    return case_id


def test_a_case_moves_with_its_person_and_two_cases_of_one_person_become_one(store: Store) -> None:
    with store.transaction() as conn:
        alone = opened(conn, "E-old", "in_transit", date(2015, 3, 1))
        case_rows.follow_merge(conn, "E-old", "E-new", "steward", NOW)
        assert case_rows.case_of(conn, "E-old") is None
        assert case_rows.case_of(conn, "E-new").id == alone

        other = opened(conn, "E-twin", "returned", date(2016, 5, 1))
        case_rows.add_action(conn, other, "other", "talk", date(2026, 12, 9), "a", NOW)
        case_rows.follow_merge(conn, "E-twin", "E-new", "steward", NOW)
        history = case_rows.transitions(conn, [alone])[alone]
        assert [t.status for t in history] == ["in_transit", "returned"]
        closed = case_rows.case(conn, other)
        assert closed.closed_at is not None and f"case {alone}" in closed.close_reason
        assert closed.closed_by == "steward"
        moved = conn.execute(sa.select(case_actions.c.case_id)).scalars().all()
        assert moved == [alone]
        case_rows.follow_merge(conn, "E-nobody", "E-new", "steward", NOW)  # no case: nothing happens
        assert case_rows.case_of(conn, "E-new").id == alone
