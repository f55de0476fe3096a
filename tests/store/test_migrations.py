"""Migrations on both stores: a new store is brought to the newest schema, which is the one
``store.schema`` declares (the tables the latest migrations touched, column by column and index by
index), and the latest migrations go down and up again keeping the rows they do not own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from crossroads.records.model import Problem
from crossroads.records.relations import validate_relation
from crossroads.store import (
    alert_rows,
    batch_rows,
    indicator_rows,
    quarantine_rows,
    relationship_rows,
    resolution_runs,
    review_rows,
)
from crossroads.store.engine import MIGRATIONS, head_revision
from crossroads.store.schema import indicator_snapshots, metadata, quarantine, relationships
from crossroads.store.store import Store

#: The tables migrations 0018 to 0022 add to, create, put under row security or index.
TOUCHED = (
    "relationships", "relationship_versions", "indicator_snapshots", "quarantine", "cases",
    "case_transitions", "case_actions", "case_minor_reviews", "watchlist", "alerts", "alert_events",
    "review_queue",
)  # fmt: skip
NOW = datetime(2026, 12, 5, tzinfo=UTC)


def alembic(store: Store, verb: str, revision: str) -> None:
    with store.engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        getattr(command, verb)(config, revision)


def shape(store: Store, table: str) -> tuple[set[str], set[str]]:
    found = sa.inspect(store.engine)
    return {c["name"] for c in found.get_columns(table)}, {str(i["name"]) for i in found.get_indexes(table)}


@pytest.mark.parametrize("table", TOUCHED)
def test_the_migrated_store_has_the_declared_schema(store: Store, table: str) -> None:
    declared = metadata.tables[table]
    columns, indexes = shape(store, table)
    assert columns == {c.name for c in declared.columns}
    assert {str(i.name) for i in declared.indexes} <= indexes


def test_migration_0018_goes_down_and_up_again_keeping_the_rows_and_the_triggers(store: Store) -> None:
    row = {"id": "r", "source": "s", "schema": "Family",
           "properties": {"person": ["a"], "relative": ["b"], "relationship": ["brother"]}}  # fmt: skip
    checked = validate_relation(row, line=1, default_source=None, today=NOW.date())
    assert checked.relation is not None
    with store.transaction() as conn:
        batch = batch_rows.start(conn, source="s", file_name="f", file_sha256="0" * 64, fmt="jsonl",
                                 mapping=None, full_export=False, now=NOW)  # fmt: skip
        relationship_rows.upsert(conn, batch, [relationship_rows.Incoming(checked.relation, "{}", 1)], NOW)
        snapshot = {"snapshot": "s", "as_of": NOW.date(), "indicator": "returns", "value": 1, "previous": 0,
                    "taken_by": "fusion", "agency": "ocam", "taken_at": NOW}  # fmt: skip
        assert indicator_rows.add_snapshot(conn, [snapshot])
    alembic(store, "downgrade", "0017")
    assert "relationship_versions" not in sa.inspect(store.engine).get_table_names()
    assert "withdrawn_at" not in shape(store, "relationships")[0]
    assert "monthly" not in shape(store, "indicator_snapshots")[0]
    alembic(store, "upgrade", "head")
    assert shape(store, "relationships")[0] == {c.name for c in relationships.columns}
    with store.transaction() as conn:
        kept = conn.execute(sa.select(relationships.c.source_id, relationships.c.withdrawn_at)).all()
        current = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    assert [tuple(r) for r in kept] == [("r", None)] and current == head_revision()
    with store.transaction() as conn:
        assert conn.execute(sa.select(indicator_snapshots.c.monthly)).scalars().all() == [False]
    # Added and dropped in place: the snapshots' immutability triggers (migration 0016) are still there.
    with pytest.raises(sa.exc.DBAPIError, match="immutable"), store.transaction() as conn:
        conn.execute(sa.update(indicator_snapshots).values(value=99))


def policies(store: Store) -> set[str]:
    """The tables under a row-security policy (none on SQLite)."""
    if store.dialect != "postgresql":
        return set()
    with store.transaction() as conn:
        return set(conn.execute(sa.text("SELECT tablename FROM pg_policies")).scalars())


def test_migration_0019_goes_down_and_up_again_telling_each_quarantined_rows_kind(store: Store) -> None:
    """Rows quarantined before 0019 get the kind they were refused as, read from the row itself."""
    problem = [Problem(1, "classification", "bad_value", "not a classification")]
    person = b'{"id": "x1", "source": "s", "classification": "top"}'
    family = b'{"id": "x1", "source": "s", "schema": "Family", "classification": "top"}'
    refused = [
        quarantine_rows.Refused(n, raw.decode(), "s", rid, problem)
        for n, (raw, rid) in enumerate([(person, "x1"), (family, "x1"), (b"[1, 2", None)], start=1)
    ]
    with store.transaction() as conn:
        batch = batch_rows.start(conn, source="s", file_name="f", file_sha256="0" * 64, fmt="jsonl",
                                 mapping=None, full_export=False, now=NOW)  # fmt: skip
        quarantine_rows.add(conn, batch, "f.jsonl", "jsonl", refused, NOW)
        cells = quarantine_rows.Refused(1, '{"id": "x1"}', "s", "x1", problem)
        quarantine_rows.add(conn, batch, "f.csv", "csv", [cells], NOW)
    on_pg = {"cases", "case_transitions", "case_actions", "case_minor_reviews", "indicator_snapshots"}
    assert policies(store) >= (on_pg if store.dialect == "postgresql" else set())
    alembic(store, "downgrade", "0018")
    assert "kind" not in shape(store, "quarantine")[0] and not policies(store) & on_pg
    alembic(store, "upgrade", "head")
    with store.transaction() as conn:
        query = sa.select(quarantine.c.file_name, quarantine.c.line, quarantine.c.kind)
        kinds = {(name, line): kind for name, line, kind in conn.execute(query)}
    assert kinds == {("f.jsonl", 1): "person", ("f.jsonl", 2): "relationship", ("f.jsonl", 3): None,
                     ("f.csv", 1): "person"}  # fmt: skip
    assert policies(store) >= (on_pg if store.dialect == "postgresql" else set())


def test_migration_0020_goes_down_and_up_again_keeping_the_watches_and_alerts(store: Store) -> None:
    """0020 only puts the watchlist, the alerts and their events under row security (PostgreSQL)."""
    with store.transaction() as conn:
        watch = alert_rows.add_watch(conn, "e1", "a joint file", "police.zone", None, NOW.date(), "west", NOW)
        alert = alert_rows.add_alert(
            conn, watch_id=watch, entity_id="e1", source="s", record_id="r", kind="resolved", score=0.97,
            evidence="{}", agency="police.zone", unit=None, status="open", assignee=None, raised_at=NOW,
            updated_at=NOW,
        )  # fmt: skip
        alert_rows.add_event(conn, alert, "west", "acknowledge", None, NOW)
    on_pg = {"watchlist", "alerts", "alert_events"}
    assert policies(store) >= (on_pg if store.dialect == "postgresql" else set())
    alembic(store, "downgrade", "0019")
    assert not policies(store) & on_pg
    alembic(store, "upgrade", "head")
    assert policies(store) >= (on_pg if store.dialect == "postgresql" else set())
    with store.transaction() as conn:
        assert [e.action for e in alert_rows.events(conn, alert)] == ["acknowledge"]
        assert alert_rows.watch(conn, watch) is not None


def test_migration_0022_goes_down_and_up_again_keeping_the_queue(store: Store) -> None:
    """0022 only indexes the review queue by record."""
    with store.transaction() as conn:
        run_id = resolution_runs.save(
            conn,
            started_at=NOW,
            finished_at=NOW,
            records=2,
            entities=2,
            model_origin="shipped",
            context=b"{}",
        )
        review_rows.requeue_record(conn, run_id, ("s", "a"), [(("s", "b"), 0.7, "uncertain")])
    assert {"ix_review_queue_a", "ix_review_queue_b"} <= shape(store, "review_queue")[1]
    alembic(store, "downgrade", "0021")
    assert not {"ix_review_queue_a", "ix_review_queue_b"} & shape(store, "review_queue")[1]
    alembic(store, "upgrade", "head")
    with store.transaction() as conn:
        assert [(q.a, q.b) for q in review_rows.queued(conn)] == [(("s", "a"), ("s", "b"))]
        assert review_rows.dequeue_record(conn, ("s", "b")) == 1
        assert review_rows.queued(conn) == []
