"""A server keeps candidate records and their evidence between searches (``record_cache``); the
store stays the truth: an updated record is never served from an older copy, a merge or a
withdrawal shows at once, and the bound on kept records holds."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from crossroads.service import record_cache
from crossroads.service import search as search_use_case
from crossroads.service.explain import latest_context
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


def stored_for_warming(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """Three namesakes (a common name, held by three records) and one other record; a search cache
    with room for ``room`` records; every warming step one record."""
    monkeypatch.setenv("CROSSROADS_SEARCH_CACHE", str(room))
    monkeypatch.setattr(search_use_case, "WARM_FROM", 2)
    monkeypatch.setattr(search_use_case, "WARM_STEP", 1)
    agency(store, "police.federal", "federal-police")
    namesakes = [rec(f"n{k}", "EL AMRANI Youssef", f"19{70 + k}-01-0{k + 1}") for k in range(3)]
    rows = [*namesakes, rec("b", "BAKKALI Samira", "1985-02-03")]
    ingest_file(store, write_jsonl(tmp_path / "one.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))


def kept_ids(store: Store) -> set[str]:
    """The records the cache serves without reading them from the store (before it reads any)."""
    cache, out = record_cache.of(store), set()
    with store.transaction() as conn:
        for rid in ("n0", "n1", "n2", "b"):
            hits = cache.hits
            assert len(cache.stored(conn, [record_rows.get(conn, "police.federal", rid).pk])) == 1
            if cache.hits > hits:
                out.add(rid)
    return out


def test_warming_keeps_the_records_of_common_names_first_and_stops_when_asked(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored_for_warming(store, tmp_path, monkeypatch, room=3)
    stop = threading.Event()
    stop.set()
    assert search_use_case.warm(store, stop) == 0
    assert search_use_case.warm(store) == 3 == len(record_cache.of(store))
    assert record_cache.of(store).misses == 3  # the three namesakes, loaded once by the warming
    assert kept_ids(store) == {"n0", "n1", "n2"}  # no room was left for "b"


def test_warming_then_keeps_every_other_record_while_there_is_room(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored_for_warming(store, tmp_path, monkeypatch, room=10)
    assert search_use_case.warm(store) == 4 == len(record_cache.of(store))
    assert record_cache.of(store).misses == 4
    assert kept_ids(store) == {"n0", "n1", "n2", "b"}


def vectors_after_warming(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: int
) -> dict[str, Any]:
    """The name vectors a warmed process keeps, warmed with room for ``names`` names."""
    stored_for_warming(store, tmp_path, monkeypatch, room=10)
    monkeypatch.setenv("CROSSROADS_NAME_CACHE", str(names))
    search_use_case.warm(store)
    with store.transaction() as conn:
        return latest_context(conn)[1].frequencies.vectors


def test_warming_makes_the_kept_records_names_ready_to_compare(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors = vectors_after_warming(store, tmp_path, monkeypatch, names=2)
    # The kept records have two names: "EL AMRANI Youssef" (three records) and "BAKKALI Samira".
    assert {"EL AMRANI Youssef", "BAKKALI Samira"} <= vectors.keys()
    own = vectors["BAKKALI Samira"][0]  # its own reading (then one per further reading)
    assert own is not None and own.family and own.given


def test_warming_makes_no_name_ready_when_asked_to_keep_none(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors = vectors_after_warming(store, tmp_path, monkeypatch, names=0)
    assert "BAKKALI Samira" not in vectors and "EL AMRANI Youssef" not in vectors


def test_a_kept_record_holds_its_marking_and_names_but_no_other_content(stored: Store) -> None:
    with stored.transaction() as conn:
        whole = record_rows.get(conn, "police.federal", "a")
        [(kept, evidence)] = record_cache.of(stored).stored(conn, [whole.pk])
    assert kept.record.properties == {"name": ["EL AMRANI Youssef"]}
    assert "birthDate" in whole.record.properties and kept.original == ""
    assert (kept.record.classification, kept.record.caveats) == (
        whole.record.classification,
        whole.record.caveats,
    )
    assert (kept.entity_id, kept.updated_at, kept.version) == (
        whole.entity_id,
        whole.updated_at,
        whole.version,
    )
    assert evidence.births == ("1991-04-12",)  # the evidence is the whole record's


def statements_reading_records(store: Store) -> list[str]:
    """Every statement the store runs from now on that reads the records table (a list that grows)."""
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FROM records" in statement:
            seen.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", note)
    return seen


def test_kept_copies_are_trusted_only_on_the_embedded_store_and_only_while_nothing_changed(
    stored: Store,
) -> None:
    cache = record_cache.of(stored)
    with stored.transaction() as conn:
        pk = record_rows.get(conn, "police.federal", "a").pk
        cache.stored(conn, [pk])
        read = statements_reading_records(stored)
        [(again, _)] = cache.stored(conn, [pk])
        embedded = stored.engine.dialect.name == "sqlite"
        # The embedded store's generation says nothing changed: no record is read. On PostgreSQL
        # every use reads the record's head under the reader's row security.
        assert len(read) == (0 if embedded else 1)
        record_rows.set_entity(conn, [pk], "moved-elsewhere")
        [(moved, _)] = cache.stored(conn, [pk])
        assert len(read) == (1 if embedded else 2)
        assert again.entity_id != "moved-elsewhere" and moved.entity_id == "moved-elsewhere"


def test_a_change_made_by_another_process_is_seen_at_once(stored: Store, store_url: str) -> None:
    cache = record_cache.of(stored)
    with stored.transaction() as conn:
        pk = record_rows.get(conn, "police.federal", "a").pk
        [(first, _)] = cache.stored(conn, [pk])
    with Store(store_url) as elsewhere, elsewhere.transaction() as conn:
        record_rows.set_entity(conn, [pk], "merged-elsewhere")
    with stored.transaction() as conn:
        [(now, _)] = cache.stored(conn, [pk])
        [(by_person, _)] = cache.stored(conn, entity_ids=["merged-elsewhere"])
        assert cache.stored(conn, entity_ids=[first.entity_id or ""]) == []
    assert now.entity_id == by_person.entity_id == "merged-elsewhere"


def test_a_copy_checked_inside_a_change_rolled_back_is_never_trusted(stored: Store) -> None:
    """The generation is a random token, not a counter: rolled back, a counter would come back to a
    value that the next change would give it again, and this copy would pass for current then."""
    cache = record_cache.of(stored)
    with stored.transaction() as conn:
        pk, other = (record_rows.get(conn, "police.federal", rid).pk for rid in ("a", "b"))
        cache.stored(conn, [pk])
    with pytest.raises(RuntimeError), stored.transaction() as conn:
        record_rows.set_entity(conn, [pk], "never-merged")
        [(inside, _)] = cache.stored(conn, [pk])
        assert inside.entity_id == "never-merged"
        raise RuntimeError("rolled back")
    with stored.transaction() as conn:
        record_rows.set_entity(conn, [other], "a-later-change")
    with stored.transaction() as conn:
        [(after, _)] = cache.stored(conn, [pk])
    assert after.entity_id != "never-merged"


def test_a_search_finds_a_record_resolved_after_the_last_search(stored: Store, tmp_path: Path) -> None:
    """The records of each blocking key are kept between searches while nothing changed; a new
    record and its keys are found by the next search."""
    assert [
        len(hit.records) for hit in search(stored, "analyst", "investigation", Query("Samira Bakkali")).hits
    ] == [1]
    more = [rec("a", "EL AMRANI Youssef"), rec("b", "BAKKALI Samira", "1985-02-03"),
            rec("c", "BAKKALI Samira", "1985-02-03")]  # fmt: skip
    ingest_file(stored, write_jsonl(tmp_path / "two.jsonl", more), user=steward(stored))
    resolve_store(stored, steward(stored))
    hits = search(stored, "analyst", "investigation", Query("Samira Bakkali")).hits
    assert [sorted(hit.records) for hit in hits] == [["police.federal/b", "police.federal/c"]]
