"""Records resolved on arrival against the store: attach, create, merge, with lineage; the same
decision a batch resolution then keeps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.resolve import realtime, reasons
from crossroads.resolve.profile import profile
from crossroads.service import realtime as realtime_service
from crossroads.service import record_cache, search
from crossroads.service.explain import NotResolvedError, explain_unchecked, latest_context
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.service.realtime import resolve_arrivals
from crossroads.store import audit_rows, record_rows, resolution_runs, review_rows, schema
from crossroads.store.store import Store
from identity_factory import STEWARD, register, steward
from records_factory import write_jsonl


def rec(rid: str, source: str, **props: Any) -> dict[str, Any]:
    return {"id": rid, "source": source, "properties": {k: [v] for k, v in props.items()}}


def entity(store: Store, source: str, rid: str) -> str | None:
    with store.transaction() as conn:
        return record_rows.get(conn, source, rid).entity_id


YOUSSEF = {"name": "EL AMRANI Youssef", "birthDate": "1991-04-12", "gender": "male", "nationality": "be"}
KARIM = {"name": "BENALI Karim", "birthDate": "1985-07-01", "gender": "male", "nationality": "ma"}


def queued_pairs(store: Store) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    with store.transaction() as conn:
        return {(q.a, q.b) for q in review_rows.queued(conn)}


def trail(store: Store) -> list[audit.Entry]:
    with store.transaction() as conn:
        return [audit.Entry(*row) for row in audit_rows.entries(conn)]


def test_only_a_data_steward_resolves(store: Store, tmp_path: Path) -> None:
    ingest_file(store, write_jsonl(tmp_path / "a.jsonl", [rec("y1", "police.federal", **YOUSSEF)]),
                user=steward(store))  # fmt: skip
    register(store, "an.analyst", "analyst")
    with pytest.raises(NotAllowedError, match="resolve the store needs the data-steward role"):
        resolve_store(store, "an.analyst")
    assert [e.action for e in trail(store)][-1] == "refusal"
    assert entity(store, "police.federal", "y1") is None  # nothing was resolved


def arrive(store: Store, tmp_path: Path, name: str, rows: list[dict[str, Any]]) -> list[Any]:
    report = ingest_file(store, write_jsonl(tmp_path / f"{name}.jsonl", rows), user=steward(store))
    return resolve_arrivals(store, steward(store), report.touched)


def test_arrivals_need_a_resolved_store(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotResolvedError):
        arrive(store, tmp_path, "a", [rec("a", "police.federal", **YOUSSEF)])


def test_attach_create_and_merge_on_arrival(store: Store, tmp_path: Path) -> None:
    base = [
        rec("y1", "police.federal", **YOUSSEF),
        rec("k1", "police.federal", **KARIM),
        # Youssef again, but only his Arabic-script name: alone it is not enough to link.
        rec("y2", "foreign.ma", name="يوسف العمراني", gender="male", passportNumber="EH1234567"),
    ]
    ingest_file(store, write_jsonl(tmp_path / "base.jsonl", base), user=steward(store))
    resolve_store(store, steward(store))
    youssef = entity(store, "police.federal", "y1")
    assert youssef is not None and entity(store, "foreign.ma", "y2") != youssef
    uncertain = (("foreign.ma", "y2"), ("police.federal", "y1"))
    assert uncertain in queued_pairs(store)  # the batch asks an analyst about the two
    attached = arrive(
        store, tmp_path, "b", [rec("y3", "intel.civil", name="Youssef El Amrani", birthDate="1991-04-12")]
    )
    assert [a.decision.action for a in attached] == ["attached"] and attached[0].entity == youssef
    created = arrive(
        store, tmp_path, "c", [rec("n1", "intel.civil", name="Nadia Tahiri", birthDate="1979-02-02")]
    )
    assert [a.decision.action for a in created] == ["created"]
    assert entity(store, "intel.civil", "n1") not in (youssef, None)
    # A record with the birth date and the passport of the Arabic-script one joins the two.
    bridge = rec("y4", "europol", birthDate="1991-04-12", gender="male", passportNumber="EH1234567")
    bridge["properties"]["name"] = ["Youssef El Amrani", "يوسف العمراني"]
    merged = arrive(store, tmp_path, "d", [bridge])
    assert [a.decision.action for a in merged] == ["merged"]
    assert entity(store, "foreign.ma", "y2") == entity(store, "europol", "y4") == youssef
    assert uncertain not in queued_pairs(store)  # one person now: nothing left to ask between them
    with store.transaction() as conn:
        assert any(e["event"] == "merged" for e in resolution_runs.lineage(conn, youssef))
    # A batch run afterwards keeps what arrival decided, and the ids.
    report = resolve_store(store, steward(store))
    assert entity(store, "foreign.ma", "y2") == youssef and report.lineage.get("split", 0) == 0
    # Each batch run and each merge on arrival is on the trail, by the steward.
    resolved = [(e.actor, orjson.loads(e.detail)) for e in trail(store) if e.action == "resolve"]
    assert [actor for actor, _ in resolved] == [STEWARD] * 3
    first, merge, last = (detail for _, detail in resolved)
    assert first["records"] == 3 and first["events"] == {"created": 3} and first["merges_and_splits"] == []
    assert merge["arrival"] == "europol/y4" and merge["into"] == youssef and merge["records_moved"] == 1
    assert last["run"] == report.run_id and last["records"] == 6


def test_a_resolution_made_with_other_comparisons_asks_for_a_new_one(store: Store, tmp_path: Path) -> None:
    """A store resolved by a version whose birth-date comparison had five levels: explaining and
    resolving on arrival refuse with what to do, not a traceback."""
    ingest_file(
        store,
        write_jsonl(tmp_path / "base.jsonl", [rec("y1", "police.federal", **YOUSSEF)]),
        user=steward(store),
    )
    resolve_store(store, steward(store))
    with store.transaction() as conn:
        run_id = resolution_runs.latest_id(conn)
        assert run_id is not None
        context = orjson.loads(resolution_runs.context_of(conn, run_id))
        for part in ("m", "u"):
            context["model"][part]["birth_date"] = context["model"][part]["birth_date"][:5]
        conn.execute(
            sa.update(schema.resolution_runs)
            .where(schema.resolution_runs.c.id == run_id)
            .values(context=orjson.dumps(context).decode())
        )
    with pytest.raises(NotResolvedError, match="crossroads resolve"):
        explain_unchecked(store, "police.federal/y1", "police.federal/y1")
    with pytest.raises(NotResolvedError, match="crossroads resolve"):
        arrive(store, tmp_path, "b", [rec("y2", "intel.civil", **YOUSSEF)])


def test_an_arrival_joins_the_only_person_it_could_be_and_the_batch_keeps_it(
    store: Store, tmp_path: Path
) -> None:
    """Youssef's birth date with day and month swapped: uncertain on its own, but he is the only
    person it could be. The arrival joins him, saying why; a batch run afterwards decides the same
    and queues the pair for an analyst to confirm."""
    base = [rec("y1", "police.federal", **YOUSSEF), rec("k1", "police.federal", **KARIM)]
    ingest_file(store, write_jsonl(tmp_path / "base.jsonl", base), user=steward(store))
    resolve_store(store, steward(store))
    youssef = entity(store, "police.federal", "y1")
    (swapped,) = arrive(
        store, tmp_path, "s", [rec("y5", "intel.civil", name="Youssef El Amrani", birthDate="1991-12-04")]
    )
    assert swapped.decision.best < 0.9 and swapped.entity == youssef
    assert swapped.decision.why.startswith("joined the only person it could be")
    with store.transaction() as conn:  # an analyst is asked to confirm at once, not after the next run
        waiting = [(q.a, q.b, q.reason) for q in review_rows.queued(conn)]
    assert waiting == [(("intel.civil", "y5"), ("police.federal", "y1"), swapped.decision.why)]
    # Without a birth date the same name is a namesake: it gets a person of its own.
    (undated,) = arrive(store, tmp_path, "u", [rec("y6", "ocam", name="Youssef El Amrani")])
    assert undated.decision.action == "created"
    resolve_store(store, steward(store))
    assert entity(store, "intel.civil", "y5") == youssef != entity(store, "ocam", "y6")
    with store.transaction() as conn:
        queued = {(q.a, q.b): q.reason for q in review_rows.queued(conn)}
    assert queued[(("intel.civil", "y5"), ("police.federal", "y1"))].startswith("joined the only person")


def test_an_uncertain_arrival_waits_for_an_analyst_at_once_and_leaves_the_queue_when_corrected(
    store: Store, tmp_path: Path
) -> None:
    """An arrival that might be a stored person without being linked to him is put before an
    analyst at once, not at the next batch run; when its source corrects it, what waited about
    its earlier version is taken off and its new scoring decides what waits."""
    base = [rec("y1", "police.federal", **YOUSSEF), rec("k1", "police.federal", **KARIM)]
    ingest_file(store, write_jsonl(tmp_path / "base.jsonl", base), user=steward(store))
    resolve_store(store, steward(store))
    # Youssef's name without a birth date: uncertain, and a namesake as far as linking goes.
    close = {"name": "Youssef El Amrani", "gender": "male"}
    (arrival,) = arrive(store, tmp_path, "a", [rec("y7", "intel.civil", **close)])
    assert arrival.decision.action == "created" and 0.5 <= arrival.decision.best < 0.9
    with store.transaction() as conn:
        waiting = [(q.a, q.b, q.reason) for q in review_rows.queued(conn)]
    assert waiting == [(("intel.civil", "y7"), ("police.federal", "y1"), reasons.uncertain(0.5, 0.9))]
    # The source corrects the record: another person entirely. Nothing about it waits any more.
    (corrected,) = arrive(store, tmp_path, "b", [rec("y7", "intel.civil", name="Nadia Tahiri",
                                                     birthDate="1979-02-02", gender="female")])  # fmt: skip
    assert corrected.decision.best < 0.5
    with store.transaction() as conn:
        assert review_rows.queued(conn) == []


def test_an_arrival_after_a_batch_run_is_decided_under_that_run(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One ingest's arrivals are resolved one by one; a batch run committed between two of them
    is the run the later ones are decided and recorded under."""
    ingest_file(store, write_jsonl(tmp_path / "base.jsonl", [rec("y1", "police.federal", **YOUSSEF)]),
                user=steward(store))  # fmt: skip
    first_run = resolve_store(store, steward(store)).run_id
    runs = [first_run]
    one = realtime_service._one

    def then_a_batch_run(*args: Any) -> Any:
        arrival = one(*args)
        if len(runs) == 1:
            runs.append(resolve_store(store, steward(store)).run_id)
        return arrival

    monkeypatch.setattr(realtime_service, "_one", then_a_batch_run)
    nadia = rec("n1", "intel.civil", name="Nadia Tahiri", birthDate="1979-02-02")
    arrivals = arrive(store, tmp_path, "b", [nadia, rec("k1", "intel.civil", **KARIM)])
    assert [a.decision.action for a in arrivals] == ["created", "created"] and runs[1] != first_run
    with store.transaction() as conn:
        # The newest event of each: the arrival's (the batch run between made Karim's person first).
        made_under = [resolution_runs.lineage(conn, a.entity)[-1]["run_id"] for a in arrivals]
    assert made_under == [first_run, runs[1]]


def test_a_servers_arrivals_read_their_candidates_through_its_cache_as_the_store_holds_them(
    store: Store, tmp_path: Path
) -> None:
    """A server keeps records for its searches (``search.warm``) and its arrivals read candidates
    through them; a candidate its source corrected since is scored as corrected, never as kept."""
    base = [rec("y1", "police.federal", **YOUSSEF), rec("y2", "intel.civil", **YOUSSEF)]
    ingest_file(store, write_jsonl(tmp_path / "base.jsonl", base), user=steward(store))
    resolve_store(store, steward(store))
    cache = record_cache.of(store)
    assert search.warm(store) == 2 and cache.warmed
    with store.transaction() as conn:
        kept_y2 = record_rows.get(conn, "intel.civil", "y2").record
    arrive(store, tmp_path, "fix", [rec("y2", "intel.civil", **{**YOUSSEF, "birthDate": "1979-10-30"})])
    hits = cache.hits
    (arrival,) = arrive(store, tmp_path, "a", [rec("y3", "ocam", **{**YOUSSEF, "birthDate": "1979-10-30"})])
    assert cache.hits > hits  # y1, unchanged, served as kept
    with store.transaction() as conn:
        _, context = latest_context(conn)
        now = [
            record_rows.get(conn, *ref).record for ref in (("police.federal", "y1"), ("intel.civil", "y2"))
        ]
        mine = profile(record_rows.get(conn, "ocam", "y3").record)
    expected = max(realtime.score(mine, [profile(r) for r in now], context))
    stale = max(realtime.score(mine, [profile(now[0]), profile(kept_y2)], context))
    assert stale < expected - 0.01  # the kept copy of y2 would have scored otherwise
    assert arrival.decision.best == pytest.approx(expected)
