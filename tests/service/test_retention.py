"""Retention end to end on both stores: rules set by an administrator, a purge (by hand and after
each ingest) that erases every trace of an expired record's content but its refs in one audit
entry, never touches the audit log, and finds expired records through an index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.access.retention import RetentionError
from crossroads.service import clock, retention
from crossroads.service import requests as rfi
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.service.review import judge
from crossroads.store import audit_rows, retention_rows
from crossroads.store.schema import metadata
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import person, write_jsonl

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=1830)  # past the local police's default 1,825 days
MARK = "Zorblaxian"  # only the expired record holds it


def rec(rid: str, source: str, name: str, birth: str = "1990-05-01") -> dict[str, Any]:
    props = {"name": [name], "birthDate": [birth], "gender": ["male"]}
    return {"id": rid, "source": source, "properties": props, "classification": "restricted"}


def at(monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: when)


def entries(store: Store) -> list[audit.Entry]:
    with store.transaction() as conn:
        return [audit.Entry(*r) for r in audit_rows.entries(conn)]


@pytest.fixture
def stored(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    at(monkeypatch, OLD)
    agency(store, "police.local", "local-police")
    agency(store, "intel.civil", "civil-intelligence")
    register(store, "asker", "analyst", agency="ocam", kind="threat-assessment")
    register(store, "clerk", "data-steward", agency="police.local", kind="local-police")
    rows: list[Any] = [
        rec("l1", "police.local", f"{MARK} Quentin"),
        rec("l2", "police.local", "BENALI Karim"),
        rec("i1", "intel.civil", "TAHIRI Samira"),
        rec("u1", "police.unregistered", "AZZOUZI Nadia"),
    ]
    ingest_file(store, write_jsonl(tmp_path / "a.jsonl", rows), user=steward(store))
    at(monkeypatch, OLD + timedelta(days=1))  # l1 changes: an earlier version is kept
    changed = [rec("l1", "police.local", f"{MARK} Quentin", "1990-05-02")]
    bad = {**rec("l1", "police.local", f"{MARK} Q."), "classification": "top"}
    ingest_file(store, write_jsonl(tmp_path / "b.jsonl", [*changed, bad]), user=steward(store))
    at(monkeypatch, NOW - timedelta(days=10))  # l2 changes recently: it is kept
    ingest_file(store, write_jsonl(tmp_path / "c.jsonl", [rec("l2", "police.local", "BENALI K.")]),
                user=steward(store))  # fmt: skip
    resolve_store(store, steward(store))
    rfi.file(store, "asker", "investigation", ["police.local/l1", "police.local/l2"], f"is {MARK} known?")
    judge(store, "police.local/l1", "intel.civil/i1", "different", "asker", f"{MARK} is not her")
    at(monkeypatch, NOW)
    return store


def stored_text(store: Store, skip: set[str]) -> dict[str, str]:
    """Every table's rows as text (bytes decoded), but those in ``skip``."""
    found = {}
    with store.transaction() as conn:
        for table in metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = conn.execute(sa.select(table)).all()
            found[table.name] = " ".join(
                v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for r in rows for v in r
            )
    return found


def test_a_purge_erases_every_trace_of_an_expired_record_and_names_it_once(stored: Store) -> None:
    # The resolution context keeps name frequencies over all records (decision 009: a known limit).
    before = stored_text(stored, {"resolution_runs"})
    assert {t for t, text in before.items() if MARK in text} >= {"records", "record_versions", "quarantine",
                                                                  "judgements", "info_requests"}  # fmt: skip
    trail = entries(stored)
    due = retention.purge(stored, steward(stored), dry_run=True)
    assert due.by_kind == {"local-police": ["police.local/l1"]} and due.removed == {}
    assert MARK in stored_text(stored, {"resolution_runs"})["records"]  # a dry run erases nothing
    done = retention.purge(stored, "clerk")
    assert done.by_kind == {"local-police": ["police.local/l1"]}
    assert done.removed["records"] == 1 and done.removed["record_versions"] == 1
    assert done.removed["quarantine"] == 1 and done.removed["request_items"] == 1
    assert done.removed["judgements"] == 1
    after = stored_text(stored, {"resolution_runs", "audit_log"})
    # The request's own reason, written by the asker, stays: it is the asker's, not the record's.
    assert [t for t, text in after.items() if MARK in text] == ["info_requests"]
    assert "l1" not in after["request_items"] and "l2" in after["request_items"]
    now = entries(stored)
    assert now[: len(trail)] == trail  # the audit log is untouched, only appended to
    dry, real = [e for e in now if e.action == "purge"]
    detail = orjson.loads(real.detail)
    assert (real.actor, detail["trigger"], detail["dry_run"]) == ("clerk", "purge", False)
    assert detail["purged"] == {"local-police": ["police.local/l1"]}
    assert detail["rules"]["local-police"]["days"] == 1825 and len(detail["entities"]) == 1
    assert orjson.loads(dry.detail)["dry_run"] is True and MARK not in dry.detail + real.detail
    with stored.transaction() as conn:
        assert audit.check(conn, []).ok


def test_the_purge_runs_after_each_ingest_and_only_when_something_expired(
    stored: Store, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [rec("l9", "police.local", "CHAOUKI Bilal")])
    report = ingest_file(stored, path, user=steward(stored))
    assert report.purged == 1
    [entry] = [e for e in entries(stored) if e.action == "purge"]
    detail = orjson.loads(entry.detail)
    assert (entry.actor, detail["trigger"], detail["batch"]) == (steward(stored), "ingest", report.batch_id)
    again = ingest_file(stored, write_jsonl(tmp_path / "e.jsonl", [rec("l8", "police.local", "X Y")]),
                        user=steward(stored))  # fmt: skip
    assert again.purged == 0 and len([e for e in entries(stored) if e.action == "purge"]) == 1


def test_an_expired_record_sent_again_unchanged_is_purged_then_comes_back_new(
    stored: Store, tmp_path: Path
) -> None:
    same = write_jsonl(tmp_path / "same.jsonl", [rec("l1", "police.local", f"{MARK} Quentin", "1990-05-02")])
    first = ingest_file(stored, same, user=steward(stored))
    assert (first.counts.unchanged, first.purged) == (1, 1)  # re-sending is not an update
    second = ingest_file(stored, same, user=steward(stored))
    assert (second.counts.inserted, second.purged) == (1, 0)  # a new receipt: retention starts again


def test_an_administrator_sets_rules_and_every_change_is_recorded(stored: Store) -> None:
    listed = retention.list_rules(stored, ROOT)
    assert {r.kind.value: r.days for r in listed.rules}["prevention"] == 1095
    assert len(listed.rules) == 10 and listed.unruled == 1  # u1: its agency is not registered
    rule = retention.set_rule(stored, ROOT, "civil-intelligence", 30)
    assert (rule.days, rule.set_by) == (30, ROOT)
    assert sorted(retention.purge(stored, ROOT, dry_run=True).by_kind) == [
        "civil-intelligence",
        "local-police",
    ]
    change = [orjson.loads(e.detail) for e in entries(stored) if e.action == "admin"][-1]
    assert change == {"retention": "civil-intelligence", "days": 30, "was": 3650}
    with pytest.raises(RetentionError, match="1 to 36500 days"):
        retention.set_rule(stored, ROOT, "prosecutor", 0)
    with pytest.raises(RetentionError, match="agency kind 'police'"):
        retention.set_rule(stored, ROOT, "police", 10)
    with pytest.raises(NotAllowedError, match="admin role"):
        retention.set_rule(stored, "clerk", "prosecutor", 10)
    with pytest.raises(NotAllowedError, match="data-steward or admin"):
        retention.purge(stored, "asker")
    assert [e.action for e in entries(stored)][-2:] == ["refusal", "refusal"]


def test_expired_records_are_found_through_the_source_and_update_index(store: Store, tmp_path: Path) -> None:
    rows = [person(n, source="police.local") for n in range(3000)]
    ingest_file(store, write_jsonl(tmp_path / "many.jsonl", rows), user=steward(store))
    with store.transaction() as conn:
        conn.exec_driver_sql("ANALYZE records")
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        captured.append((statement, parameters))

    listen: Callable[..., None] = sa.event.listen
    listen(store.engine, "before_cursor_execute", capture)
    with store.transaction() as conn:
        assert not retention_rows.expired(conn, {"police.local": OLD, "intel.civil": OLD})
    sa.event.remove(store.engine, "before_cursor_execute", capture)
    [(statement, parameters)] = captured
    with store.transaction() as conn:
        explain = "EXPLAIN QUERY PLAN" if store.dialect == "sqlite" else "EXPLAIN"
        plan = " ".join(str(r) for r in conn.exec_driver_sql(f"{explain} {statement}", parameters).all())
    assert "ix_records_source_updated" in plan


def family(rid: str, source: str, a: str, b: str, word: str) -> dict[str, Any]:
    props = {"person": [a], "relative": [b], "relationship": [word]}
    return {"id": rid, "source": source, "schema": "Family", "properties": props}


KIN = "Quarkwoven"  # only the expired relationship record holds it


def test_relationship_records_are_purged_by_the_same_rules(
    stored: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its agency's rule a relationship record goes with its earlier versions and its
    quarantined rows; a recent one, or one of an agency with a longer rule, stays."""
    at(monkeypatch, OLD)
    rows = [family("r-old", "police.local", "l1", "l2", f"{KIN} cousin"),
            family("r-intel", "intel.civil", "police.local/l2", "i1", "sister")]  # fmt: skip
    ingest_file(stored, write_jsonl(tmp_path / "r1.jsonl", rows), user=steward(stored))
    at(monkeypatch, OLD + timedelta(days=1))  # r-old changes (its version is kept) and a bad copy waits
    bad = {**family("r-old", "police.local", "l1", "l2", f"{KIN} brother"), "classification": "top"}
    changed = family("r-old", "police.local", "l1", "l2", f"{KIN} brother")
    ingest_file(stored, write_jsonl(tmp_path / "r2.jsonl", [changed, bad]), user=steward(stored))
    at(monkeypatch, NOW - timedelta(days=10))
    recent = family("r-new", "police.local", "l2", "l1", "cousin")
    ingest_file(stored, write_jsonl(tmp_path / "r3.jsonl", [recent]), user=steward(stored))
    at(monkeypatch, NOW)
    assert {t for t, text in stored_text(stored, set()).items() if KIN in text} >= {
        "relationships", "relationship_versions", "quarantine"}  # fmt: skip
    due = retention.purge(stored, steward(stored), dry_run=True)
    assert due.relationships == {"local-police": ["police.local/r-old"]} and due.count == 2
    done = retention.purge(stored, "clerk")
    assert done.relationships == {"local-police": ["police.local/r-old"]}
    assert done.removed["relationships"] == 1 and done.removed["relationship_versions"] == 1
    assert done.removed["quarantine"] == 2  # l1's refused row and r-old's
    assert not [t for t, text in stored_text(stored, {"audit_log"}).items() if KIN in text]
    with stored.transaction() as conn:
        kept = conn.execute(sa.text("SELECT source_id FROM relationships ORDER BY source_id")).scalars()
        assert list(kept) == ["r-intel", "r-new"]  # intelligence keeps ten years; r-new is recent
    [real] = [e for e in entries(stored) if e.action == "purge" and not orjson.loads(e.detail)["dry_run"]]
    detail = orjson.loads(real.detail)
    assert detail["relationships"] == {"local-police": ["police.local/r-old"]}
    assert detail["purged"] == {"local-police": ["police.local/l1"]} and KIN not in real.detail
    with stored.transaction() as conn:
        assert audit.check(conn, []).ok


def test_the_purge_after_an_ingest_erases_expired_relationship_records_too(
    stored: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    retention.purge(stored, "clerk")  # l1 goes: nothing else has expired
    at(monkeypatch, OLD)
    old = family("r-old", "police.local", "l2", "i9", "cousin")
    ingest_file(stored, write_jsonl(tmp_path / "r.jsonl", [old]), user=steward(stored))
    at(monkeypatch, NOW)
    report = ingest_file(stored, write_jsonl(tmp_path / "n.jsonl", [rec("l7", "police.local", "X Y")]),
                         user=steward(stored))  # fmt: skip
    assert report.purged == 1
    entry = [e for e in entries(stored) if e.action == "purge"][-1]
    detail = orjson.loads(entry.detail)
    assert (detail["trigger"], detail["purged"]) == ("ingest", {})
    assert detail["relationships"] == {"local-police": ["police.local/r-old"]}


def test_a_purge_erases_only_the_quarantined_rows_of_the_kind_of_record_it_erases(
    stored: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person record and a relationship record of one agency may share an id (they are stored
    apart): the purge of one leaves the other's quarantined rows, still waiting for its steward."""

    def sent(name: str, *rows: dict[str, Any]) -> None:  # each with a bad copy, quarantined
        bad = [{**row, "classification": "top"} for row in rows]
        ingest_file(stored, write_jsonl(tmp_path / name, [*rows, *bad]), user=steward(stored))

    at(monkeypatch, OLD)  # expired: the person twin and the relationship pair
    sent("old-person.jsonl", rec("twin", "police.local", "HADDOUCHI Anas"))
    sent("old-relation.jsonl", family("pair", "police.local", "l1", "l2", "cousin"))
    at(monkeypatch, NOW - timedelta(days=10))  # recent: the relationship twin and the person pair
    sent("new-relation.jsonl", family("twin", "police.local", "l2", "l1", "cousin"))
    sent("new-person.jsonl", rec("pair", "police.local", "MANSOURI Idriss"))
    at(monkeypatch, NOW)
    done = retention.purge(stored, "clerk")
    assert done.by_kind == {"local-police": ["police.local/l1", "police.local/twin"]}
    assert done.relationships == {"local-police": ["police.local/pair"]}
    assert done.removed["quarantine"] == 3  # l1's, the person twin's and the relationship pair's
    with stored.transaction() as conn:
        left = conn.execute(sa.text("SELECT record_id, kind FROM quarantine ORDER BY record_id")).all()
    assert [tuple(row) for row in left] == [("pair", "person"), ("twin", "relationship")]
