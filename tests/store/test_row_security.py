"""PostgreSQL's row-level security beneath need-to-know: once a read path's lens is made, a query
that skips every rule above (a bug in a read path) still gets no row the reader may not learn
exists, and the reader's role cannot read the audit log, the users or quarantined input at all."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from crossroads.access import identity, reading
from crossroads.access.policy import Purpose
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import key_rows, record_rows
from crossroads.store.schema import blocking_keys, records
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def rec(rid: str, source: str, caveats: list[str]) -> dict[str, Any]:
    props = {"name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"]}
    return {"id": rid, "source": source, "properties": props, "caveats": caveats}


@pytest.fixture
def pg(pg_database: str, tmp_path: Path) -> Store:
    store = Store(pg_database)
    agency(store, "police.federal", "federal-police")
    agency(store, "intel.civil", "civil-intelligence")
    rows = [
        rec("open", "police.federal", []),
        rec("noforn", "intel.civil", ["NOFORN"]),
        rec("hidden", "intel.civil", ["NODISCOVERY"]),
        rec("stray", "police.unregistered", []),
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "partner", "analyst", agency="partner.fr", kind="foreign-partner", country="FR")
    register(store, "insider", "analyst", agency="intel.civil", kind="civil-intelligence")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    return store


def rows_seen_by(store: Store, user: str, purpose: Purpose = Purpose.INVESTIGATION) -> set[str]:
    """Every record id a raw query returns once ``user``'s lens is made: no rule of the read paths."""
    with store.transaction() as conn:
        who = identity.find(conn, user)
        assert who is not None
        reading.Lens(conn, reading.reader(conn, who, purpose), NOW)
        ids = {row.source_id for row in conn.execute(sa.select(records))}
        keyed = {pk for (pk,) in conn.execute(sa.select(blocking_keys.c.record_pk))}
        pks = {row.pk for row in conn.execute(sa.select(records.c.pk))}
        assert keyed <= pks  # a key of a row not to be known of is not returned either
        found = key_rows.sharing(conn, ["n:AMRANI|YUSAF"], lambda _: 50)
        assert set(found) <= pks and bool(found) == bool(pks)
        # The store's own lookup by id agrees: a row not to be known of is simply not there.
        assert (record_rows.find(conn, "intel.civil", "hidden") is not None) == ("hidden" in ids)
    return ids


def test_the_database_withholds_what_the_reader_may_not_learn_exists(pg: Store) -> None:
    assert rows_seen_by(pg, "partner") == {"open"}  # not NOFORN, not hidden, not unregistered
    assert rows_seen_by(pg, "insider") == {"open", "noforn", "hidden"}  # its own agency's, hidden or not
    assert rows_seen_by(pg, "watcher", Purpose.OVERSIGHT) == set()  # oversight reads no case data
    with pg.transaction() as conn:  # outside a read path (ingest, resolution) every row is there
        assert len(conn.execute(sa.select(records)).all()) == 4


@pytest.mark.parametrize(
    "table", ["audit_log", "users", "quarantine", "record_versions", "relationship_versions"]
)
def test_the_reader_role_cannot_read_what_no_read_path_needs(pg: Store, table: str) -> None:
    with pytest.raises(sa.exc.ProgrammingError) as refused, pg.transaction() as conn:
        who = identity.find(conn, "insider")
        assert who is not None
        reading.Lens(conn, reading.reader(conn, who, Purpose.INVESTIGATION), NOW)
        conn.exec_driver_sql(f"SELECT * FROM {table}")
    assert isinstance(refused.value.orig, psycopg.errors.InsufficientPrivilege)
