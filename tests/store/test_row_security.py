"""PostgreSQL's row-level security beneath need-to-know: once a read path's lens is made, a query
that skips every rule above (a bug in a read path) still gets no row the reader may not learn
exists (records and their keys; cases with their transitions, actions and reviews; indicator
snapshots), and the reader's role cannot read the audit log, the users or quarantined input at all."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from crossroads.access import identity, reading
from crossroads.access.policy import Purpose
from crossroads.errors import NotFoundError
from crossroads.service import admin, case_views, cases, clock
from crossroads.service.case_views import ANALYST, CELL, OVERSIGHT
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import indicator_rows, key_rows, record_rows
from crossroads.store.schema import blocking_keys, records
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
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


# The case tables (migration 0019): a case read path's reader gets only the cases they may learn
# exist, with their transitions, actions and minors' reviews, and the indicator snapshots only
# when they are the threat-assessment centre's or oversight's; a reader the read path should have
# refused (a foreign partner's analyst) gets nothing at all.
CASE_TABLES = ("cases", "case_transitions", "case_actions", "case_minor_reviews")


@pytest.fixture
def followed(
    pg_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Store, dict[str, int]]:
    """Three cases opened by an intelligence analyst: a returnee known to the federal police (given
    to the Molenbeek security cell), one only intelligence may learn of, and a child of six (an
    automatic minors' review); a transition, shared with the cell or not, and an action on each."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    store = Store(pg_database)
    agency(store, "police.federal", "federal-police")
    agency(store, "intel.civil", "civil-intelligence")
    agency(store, "prevention.molenbeek", "prevention")
    for unit in ("security-cell", "other-cell"):
        admin.add_unit(store, ROOT, "prevention.molenbeek", unit, f"Local integral {unit}")
    rows = [
        rec("open", "police.federal", []),
        {**rec("hidden", "intel.civil", ["NODISCOVERY"]), "properties": {"name": ["BENALI Karim"]}},
        {
            **rec("kid", "police.federal", []),
            "properties": {"name": ["TAHIRI Sami"], "birthDate": ["2020-03-01"]},
        },
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "insider", "analyst", agency="intel.civil", kind="civil-intelligence")
    register(store, "fed", "analyst", agency="police.federal", kind="federal-police")
    register(store, "fusion", "analyst", agency="ocam", kind="threat-assessment")
    register(store, "partner", "analyst", agency="partner.fr", kind="foreign-partner", country="FR")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    for name, unit in (("cell", "security-cell"), ("other", "other-cell")):
        admin.add_user(store, ROOT, name, "prevention.molenbeek", unit, "restricted", ["prevention-officer"])
    with store.transaction() as conn:
        entity = {rid: record_rows.get(conn, source, rid).entity_id
                  for source, rid in (("police.federal", "open"), ("intel.civil", "hidden"),
                                      ("police.federal", "kid"))}  # fmt: skip
    cell = "prevention.molenbeek/security-cell"
    made = {
        "open": cases.open_case(store, "insider", str(entity["open"]), "foreign_fighter", cell=cell),
        "hidden": cases.open_case(store, "insider", str(entity["hidden"]), "home_grown"),
        "kid": cases.open_case(store, "insider", str(entity["kid"]), "child_returnee"),
    }
    for name, case_id in made.items():
        cases.move(store, "insider", case_id, "in_transit", date(2024, 3, 10), share=name == "open")
        cases.move(store, "insider", case_id, "returned", date(2025, 5, 4))
        cases.add_action(store, "insider", case_id, "other", "meet the family", date(2027, 1, 1))
    snapshot = {"snapshot": "s", "as_of": date(2016, 5, 31), "indicator": "returns", "value": 1,
                "previous": 0, "taken_by": "fusion", "agency": "ocam", "taken_at": NOW}  # fmt: skip
    with store.transaction() as conn:
        assert indicator_rows.add_snapshot(conn, [snapshot])
    return store, made


def case_rows_seen_by(store: Store, user: str, kind: str) -> dict[str, set[int]]:
    """The case ids each case table returns to a raw query once ``user``'s case lens is made as a
    reader of ``kind``, skipping every rule of the read paths (who may read cases at all too)."""
    with store.transaction() as conn:
        who = identity.find(conn, user)
        assert who is not None
        case_views.enter(conn, case_views.Viewer(who, kind), NOW)
        seen = {t: {row.case_id for row in conn.execute(sa.text(f"SELECT case_id FROM {t}"))}
                for t in CASE_TABLES[1:]}  # fmt: skip
        for table in ("cases", "indicator_snapshots"):
            seen[table] = set(conn.execute(sa.text(f"SELECT id FROM {table}")).scalars())
    return seen


def test_the_database_withholds_the_cases_a_reader_may_not_learn_exist(
    followed: tuple[Store, dict[str, int]],
) -> None:
    store, made = followed
    every, returnee = set(made.values()), {made["open"]}
    reviewed = {made["kid"]}  # the child under ten: a victim by rule, recorded automatically
    assert case_rows_seen_by(store, "insider", ANALYST) == {
        "cases": every, "case_transitions": every, "case_actions": every, "case_minor_reviews": reviewed,
        "indicator_snapshots": set()}  # fmt: skip
    # The federal police may not learn the hidden intelligence record exists: nor its person's case.
    fed = case_rows_seen_by(store, "fed", ANALYST)
    assert fed["cases"] == fed["case_transitions"] == fed["case_actions"] == {made["open"], made["kid"]}
    # The cell: the case it follows, every transition of it (those not shared are counted, not read).
    assert case_rows_seen_by(store, "cell", CELL) == {
        "cases": returnee, "case_transitions": returnee, "case_actions": returnee,
        "case_minor_reviews": set(), "indicator_snapshots": set()}  # fmt: skip
    nothing = {table: set() for table in (*CASE_TABLES, "indicator_snapshots")}
    assert case_rows_seen_by(store, "other", CELL) == nothing  # another cell of the same agency
    assert case_rows_seen_by(store, "partner", ANALYST) == nothing  # case follow-up is national
    watcher = case_rows_seen_by(store, "watcher", OVERSIGHT)
    assert watcher["cases"] == every and len(watcher["indicator_snapshots"]) == 1
    assert len(case_rows_seen_by(store, "fusion", ANALYST)["indicator_snapshots"]) == 1
    with store.transaction() as conn:  # outside a read path (writes, the courier) every row is there
        assert len(conn.execute(sa.text("SELECT id FROM cases")).all()) == 3


def test_a_case_read_path_that_forgets_a_rule_still_gets_only_what_the_database_returns(
    followed: tuple[Store, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, made = followed
    assert [c.id for c in case_views.list_cases(store, "other")] == []
    monkeypatch.setattr(case_views, "follows", lambda user, row: True)  # a bug: every cell follows all
    assert [c.id for c in case_views.list_cases(store, "other")] == []
    assert [c.id for c in case_views.list_cases(store, "cell")] == [made["open"]]
    with pytest.raises(NotFoundError):
        case_views.show(store, "other", made["open"])
