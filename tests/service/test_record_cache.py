"""A server keeps candidate records and their evidence between searches (``record_cache``); the
store stays the truth: an updated record is never served from an older copy, a merge or a
withdrawal shows at once, and the bound on kept records holds."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from crossroads.service import record_cache
from crossroads.service import search as search_use_case
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.service.search import Query, search
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl


def rec(rid: str, name: str, born: str = "1991-04-12") -> dict[str, Any]:
    return {"id": rid, "source": "police.federal", "classification": "restricted",
            "properties": {"name": [name], "birthDate": [born], "gender": ["male"]}}  # fmt: skip


@pytest.fixture
def stored(store: Store, tmp_path: Path) -> Store:
    agency(store, "police.federal", "federal-police")
    rows = [rec("a", "EL AMRANI Youssef"), rec("b", "BAKKALI Samira", "1985-02-03")]
    ingest_file(store, write_jsonl(tmp_path / "one.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "analyst", "analyst", agency="ocam", kind="threat-assessment", clearance="secret")
    return store


def names_found(store: Store, name: str) -> list[tuple[str, ...]]:
    return [hit.names for hit in search(store, "analyst", "investigation", Query(name, "1991-04-12")).hits]


def test_a_changed_record_is_read_again_not_served_from_the_kept_copy(stored: Store, tmp_path: Path) -> None:
    assert names_found(stored, "Youssef El Amrani") == [("EL AMRANI Youssef",)]
    cache = record_cache.of(stored)
    kept = len(cache)
    assert kept >= 1
    changed = [rec("a", "EL AMRANI Youssef Karim"), rec("b", "BAKKALI Samira", "1985-02-03")]
    ingest_file(stored, write_jsonl(tmp_path / "two.jsonl", changed), user=steward(stored))
    misses = cache.misses
    assert names_found(stored, "Youssef El Amrani") == [("EL AMRANI Youssef Karim",)]
    assert cache.misses > misses  # the new version was loaded, the old copy not used


def test_where_a_record_belongs_and_whether_it_is_active_come_from_the_store(stored: Store) -> None:
    cache = record_cache.of(stored)
    with stored.transaction() as conn:
        pk = record_rows.get(conn, "police.federal", "a").pk
        [(first, _)] = cache.stored(conn, [pk])
        record_rows.set_entity(conn, [pk], "moved-elsewhere")
        hits = cache.hits
        [(again, _)] = cache.stored(conn, [pk])
        assert cache.hits == hits + 1
        assert first.entity_id != "moved-elsewhere"
        assert again.entity_id == "moved-elsewhere"
        withdrawn = record_rows.withdraw_missing(conn, "police.federal", {"b"}, first.updated_at)
        assert withdrawn == 1
        assert cache.stored(conn, [pk]) == []


def test_the_bound_on_kept_records_holds(stored: Store) -> None:
    cache = record_cache.RecordCache(limit=1)
    with stored.transaction() as conn:
        pks = [record_rows.get(conn, "police.federal", rid).pk for rid in ("a", "b")]
        assert len(cache.stored(conn, pks)) == 2
        assert len(cache) == 1
        none_kept = record_cache.RecordCache(limit=0)
        assert len(none_kept.stored(conn, pks)) == 2 and len(none_kept) == 0


def test_warming_keeps_the_records_of_common_names_and_stops_when_asked(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency(store, "police.federal", "federal-police")
    namesakes = [rec(f"n{k}", "EL AMRANI Youssef", f"19{70 + k}-01-0{k + 1}") for k in range(3)]
    rows = [*namesakes, rec("b", "BAKKALI Samira", "1985-02-03")]
    ingest_file(store, write_jsonl(tmp_path / "one.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    monkeypatch.setattr(search_use_case, "WARM_FROM", 2)
    stop = threading.Event()
    stop.set()
    assert search_use_case.warm(store, stop) == 0
    assert search_use_case.warm(store) == 3 == len(record_cache.of(store))
    with store.transaction() as conn:
        kept = {s.record.id for s, _ in record_cache.of(store).stored(conn, [r.pk for r in [
            record_rows.get(conn, "police.federal", rid) for rid in ("n0", "n1", "n2")]])}  # fmt: skip
    assert kept == {"n0", "n1", "n2"}
    assert record_cache.of(store).misses == 3  # the three were loaded once, by the warming
