"""The audit trail in a real store (SQLite file and PostgreSQL): append-only, one line under
concurrent appends, committed with its action or not at all, and every tampering of the rows
themselves caught by ``crossroads audit verify``."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from crossroads.access import audit
from crossroads.access.audit_chain import Anchor, Verdict
from crossroads.store.store import Store

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
ANALYST = audit.Actor("analyst.a", "federal police", "LTF Antwerp")


def fill(store: Store, count: int) -> None:
    for i in range(count):
        with store.transaction() as conn:
            audit.record(
                conn, ANALYST, "explain", {"a": f"police/{i}", "b": "prison/7"}, NOW, "investigation"
            )


def check(store: Store, anchors: list[Anchor] | None = None) -> Verdict:
    with store.transaction() as conn:
        return audit.check(conn, anchors or [])


def head(store: Store) -> Anchor:
    with store.transaction() as conn:
        anchor = audit.head(conn)
    assert anchor is not None
    return anchor


def without_guard(store: Store, statement: str) -> None:
    """Run ``statement`` as an intruder with write access to the database would: triggers off."""
    with store.transaction() as conn:
        if store.dialect == "postgresql":
            conn.execute(sa.text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            conn.execute(sa.text(statement))
            conn.execute(sa.text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
        else:
            triggers = conn.execute(
                sa.text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
                )
            ).all()
            for name, _ in triggers:
                conn.execute(sa.text(f"DROP TRIGGER {name}"))
            conn.execute(sa.text(statement))
            for _, sql in triggers:
                conn.execute(sa.text(sql))


def test_entries_chain_and_verify(store: Store) -> None:
    fill(store, 5)
    verdict = check(store, [head(store)])
    assert verdict.ok and verdict.checked == 5
    with store.transaction() as conn:
        rows = conn.execute(sa.text("SELECT seq, actor, agency, unit, purpose, action FROM audit_log")).all()
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0][1:] == ("analyst.a", "federal police", "LTF Antwerp", "investigation", "explain")


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"])
def test_the_log_refuses_updates_and_deletes(store: Store, statement: str) -> None:
    fill(store, 2)
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), store.transaction() as conn:
        conn.execute(sa.text(statement))
    assert check(store).checked == 2


def test_an_entry_is_committed_with_its_action_or_not_at_all(store: Store) -> None:
    fill(store, 1)
    with pytest.raises(RuntimeError), store.transaction() as conn:
        audit.record(conn, ANALYST, "export", {"rows": 3}, NOW)
        raise RuntimeError("the export failed")
    assert check(store).checked == 1
    fill(store, 1)
    assert check(store).ok and head(store).seq == 2


def test_concurrent_appends_stay_one_chain(store: Store) -> None:
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            for i in range(15):
                with store.transaction() as conn:
                    audit.record(conn, audit.Actor(name), "explain", {"i": i}, NOW)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(f"user.{t}",)) for t in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    verdict = check(store)
    assert verdict.ok and verdict.checked == 45


def test_a_record_needs_a_user_and_a_known_action(store: Store) -> None:
    with store.transaction() as conn:
        with pytest.raises(audit.AuditError, match="user"):
            audit.record(conn, audit.Actor(" "), "explain", {}, NOW)
        with pytest.raises(audit.AuditError, match="not an action"):
            audit.record(conn, ANALYST, "peek", {}, NOW)


TAMPERINGS = {
    "edit": ("UPDATE audit_log SET actor = 'someone.else' WHERE seq = 3", 3),
    "delete": ("DELETE FROM audit_log WHERE seq = 3", 4),
    "insert": (
        "INSERT INTO audit_log SELECT seq + 100, at, 'forger', agency, unit, purpose, action, detail, "
        "prev_hash, hash FROM audit_log WHERE seq = 5",
        105,
    ),
    # Entries 2 and 3 exchange their numbers (through a free one: the key is checked row by row).
    "swap": (
        "UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; "
        "UPDATE audit_log SET seq = 3 WHERE seq = -2",
        2,
    ),
    "truncate": ("DELETE FROM audit_log WHERE seq > 4", 6),
}


@pytest.mark.parametrize("kind", list(TAMPERINGS))
def test_tampering_with_the_rows_is_caught(store: Store, kind: str) -> None:
    fill(store, 6)
    anchors = [head(store)]
    statement, first_bad = TAMPERINGS[kind]
    for part in statement.split("; "):
        without_guard(store, part)
    verdict = check(store, anchors)
    assert not verdict.ok
    assert verdict.first_bad == first_bad, verdict.reason


def test_a_rewritten_and_rechained_trail_is_caught_by_its_anchor(store: Store) -> None:
    from crossroads.access.audit_chain import Entry, rehash

    fill(store, 6)
    anchors = [head(store)]
    with store.transaction() as conn:
        entries = [Entry(*row) for row in conn.execute(sa.text("SELECT * FROM audit_log ORDER BY seq")).all()]
    # Rewrite entry 2 and recompute every hash after it, as an intruder who read the code would.
    previous = entries[0].hash
    for e in entries[1:]:
        actor = "nobody" if e.seq == 2 else e.actor
        changed = Entry(e.seq, e.at, actor, e.agency, e.unit, e.purpose, e.action, e.detail, previous, "")
        digest = rehash(changed)
        without_guard(
            store,
            f"UPDATE audit_log SET actor = '{actor}', prev_hash = '{previous}', hash = '{digest}' "
            f"WHERE seq = {e.seq}",
        )
        previous = digest
    assert check(store).ok  # a valid chain on its own ...
    verdict = check(store, anchors)  # ... but not the one anchored
    assert not verdict.ok and verdict.first_bad == 6
