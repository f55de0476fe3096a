"""Analysts' judgements: kept with who and why, and in force over the model in every later run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads.access import audit
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.service.review import JudgementError, judge, pending
from crossroads.store import audit_rows, record_rows, review_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl


def rec(rid: str, source: str, **props: Any) -> dict[str, Any]:
    return {"id": rid, "source": source, "properties": {k: [v] for k, v in props.items()}}


def entity(store: Store, ref: str) -> str | None:
    source, _, rid = ref.partition("/")
    with store.transaction() as conn:
        return record_rows.get(conn, source, rid).entity_id


@pytest.fixture
def resolved(store: Store, tmp_path: Path) -> Store:
    rows = [
        rec("a", "police.federal", name="EL AMRANI Youssef", birthDate="1991-04-12", gender="male"),
        rec("b", "police.federal", name="Youssef El Amrani", birthDate="1991-04-12", gender="male"),
        rec("c", "police.federal", name="Youssef EL AMRANI", birthDate="1991", gender="male"),  # unsure
        # A namesake born the same year: c could be either, so the model's doubt stands.
        rec("e", "police.zone.antwerp", name="Youssef El Amrani", birthDate="1991-09-30", gender="male"),
        rec("d", "police.federal", name="BENALI Karim", birthDate="1985-07-01", gender="male"),
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    for analyst in ("analyst.one", "analyst.two"):
        register(store, analyst, "analyst")
    register(store, "x", "data-steward")  # a registered user without the analyst role
    return store


def test_an_uncertain_pair_waits_and_a_same_verdict_links_it_from_the_next_run(resolved: Store) -> None:
    waiting = {(i.a, i.b) for i in pending(resolved, "analyst.one")}
    assert (("police.federal", "a"), ("police.federal", "c")) in waiting
    assert entity(resolved, "police.federal/a") != entity(resolved, "police.federal/c")
    recorded = judge(
        resolved, "police.federal/c", "police.federal/a", "same", "analyst.one", "same NRN on the paper file"
    )
    assert recorded.probability is not None and 0.5 <= recorded.probability < 0.9
    assert (("police.federal", "a"), ("police.federal", "c")) not in {
        (i.a, i.b) for i in pending(resolved, "analyst.one")
    }
    resolve_store(resolved, steward(resolved))
    assert entity(resolved, "police.federal/a") == entity(resolved, "police.federal/c")
    resolve_store(resolved, steward(resolved))  # and in every later run
    assert entity(resolved, "police.federal/a") == entity(resolved, "police.federal/c")
    assert all(
        ("police.federal", "c") not in (i.a, i.b) or i.b != ("police.federal", "a")
        for i in pending(resolved, "analyst.one")
    )


def test_a_different_verdict_splits_what_the_model_linked_and_the_history_is_kept(resolved: Store) -> None:
    assert entity(resolved, "police.federal/a") == entity(resolved, "police.federal/b")
    judge(
        resolved, "police.federal/a", "police.federal/b", "different", "analyst.one", "twins, see prison file"
    )
    resolve_store(resolved, steward(resolved))
    assert entity(resolved, "police.federal/a") != entity(resolved, "police.federal/b")
    judge(resolved, "police.federal/a", "police.federal/b", "same", "analyst.two", "the twin story was wrong")
    resolve_store(resolved, steward(resolved))
    assert entity(resolved, "police.federal/a") == entity(resolved, "police.federal/b")
    with resolved.transaction() as conn:
        kept = review_rows.history(conn, ("police.federal", "b"), ("police.federal", "a"))
    assert [(j.verdict, j.analyst) for j in kept] == [("different", "analyst.one"), ("same", "analyst.two")]


def test_every_judgement_leaves_exactly_one_audit_entry_and_a_refused_one_none(resolved: Store) -> None:
    from crossroads.access import audit
    from crossroads.store import audit_rows

    judge(resolved, "police.federal/a", "police.federal/b", "different", "analyst.one", "twins")
    with pytest.raises(JudgementError):
        judge(resolved, "police.federal/a", "police.federal/b", "same", "analyst.one", " ")
    judge(resolved, "police.federal/a", "police.federal/c", "same", "analyst.two", "same NRN")
    with resolved.transaction() as conn:
        entries = [audit.Entry(*row) for row in audit_rows.entries(conn)]
        assert audit.check(conn, []).ok
    entries = [e for e in entries if e.action == "judgement"]  # not the admin and ingest entries before
    assert [(e.actor, e.agency, e.action) for e in entries] == [
        ("analyst.one", "police.federal", "judgement"),
        ("analyst.two", "police.federal", "judgement"),
    ]
    assert '"verdict":"different"' in entries[0].detail and '"a":"police.federal/a"' in entries[0].detail


@pytest.mark.parametrize(
    ("verdict", "analyst", "why", "message"),
    [
        ("maybe", "x", "r", "not a verdict"),
        ("same", None, "r", "--user"),
        ("same", " ", "r", "--user"),
        ("same", "x", "  ", "--why"),
    ],
)
def test_a_judgement_without_verdict_analyst_or_reason_is_refused(
    resolved: Store, verdict: str, analyst: str | None, why: str, message: str
) -> None:
    with pytest.raises(JudgementError, match=message):
        judge(resolved, "police.federal/a", "police.federal/c", verdict, analyst, why)


def test_judging_an_unknown_record_is_an_error(resolved: Store) -> None:
    from crossroads.errors import NotFoundError

    with pytest.raises(NotFoundError):
        judge(
            resolved, "police.federal/a", "police.federal/zzz", "same", "analyst.one", "typo in the reference"
        )


def test_entity_ids_stay_stable_and_every_change_is_in_the_lineage(resolved: Store, tmp_path: Path) -> None:
    from crossroads.service.person import lineage

    person = entity(resolved, "police.federal/a")
    assert person is not None and person == entity(resolved, "police.federal/b")
    # A record sorting before all others joins the person: its id does not change.
    newcomer = rec("0", "europol", name="Youssef EL-AMRANI", birthDate="1991-04-12", gender="male")
    ingest_file(resolved, write_jsonl(tmp_path / "y.jsonl", [newcomer]), user=steward(resolved))
    agency(resolved, "europol", "foreign-partner", "EU")  # the analyst judges only what they may know of
    resolve_store(resolved, steward(resolved))
    assert entity(resolved, "europol/0") == entity(resolved, "police.federal/a") == person
    # An analyst splits one record off: the larger part keeps the id, the other gets a new one.
    judge(resolved, "police.federal/a", "police.federal/b", "different", "analyst.one", "twins")
    judge(resolved, "europol/0", "police.federal/b", "different", "analyst.one", "twins")
    report = resolve_store(resolved, steward(resolved))
    assert entity(resolved, "police.federal/a") == person
    split_off = entity(resolved, "police.federal/b")
    assert split_off is not None and split_off != person and report.lineage["split"] == 1
    events = lineage(resolved, "analyst.one", "investigation", person)
    assert [(e.event, e.entity) for e in events][-1] == ("split", split_off)
    assert [e.event for e in lineage(resolved, "analyst.one", "investigation", split_off)] == ["split"]


def test_a_judgement_needs_a_registered_analyst_and_a_refusal_is_recorded(resolved: Store) -> None:
    from crossroads.access import audit
    from crossroads.access.model import NotAllowedError
    from crossroads.store import audit_rows, review_rows

    for who in ("x", "nobody.known"):  # no analyst role; not registered at all
        with pytest.raises(NotAllowedError, match="refused"):
            judge(resolved, "police.federal/a", "police.federal/c", "same", who, "looks alike")
    with resolved.transaction() as conn:
        refusals = [audit.Entry(*r) for r in audit_rows.entries(conn)]
        kept = review_rows.history(conn, ("police.federal", "a"), ("police.federal", "c"))
    refusals = [e for e in refusals if e.action == "refusal"]
    assert [e.actor for e in refusals] == ["x", "nobody.known"]
    assert '"needs":"analyst"' in refusals[0].detail and not kept


def test_an_analyst_sees_and_judges_only_pairs_they_may_know_of(resolved: Store, tmp_path: Path) -> None:
    from crossroads.errors import NotFoundError

    # A record of an agency nobody registered (fail closed): its pairs wait, but not for this analyst.
    stray = rec("u", "police.unregistered", name="Youssef EL AMRANI", gender="male")
    ingest_file(resolved, write_jsonl(tmp_path / "u.jsonl", [stray]), user=steward(resolved))
    resolve_store(resolved, steward(resolved))
    with resolved.transaction() as conn:
        waiting = [(i.a, i.b) for i in review_rows.queued(conn)]
    assert any(("police.unregistered", "u") in pair for pair in waiting)
    shown = pending(resolved, "analyst.one")
    assert shown and all(("police.unregistered", "u") not in (i.a, i.b) for i in shown)
    with pytest.raises(NotFoundError, match=r"no record 'zzz' from source 'police\.federal'"):
        judge(resolved, "police.federal/a", "police.federal/zzz", "same", "analyst.one", "typo")
    with pytest.raises(NotFoundError, match=r"no record 'u' from source 'police\.unregistered'"):
        judge(resolved, "police.federal/a", "police.unregistered/u", "same", "analyst.one", "guess")
    with resolved.transaction() as conn:
        trail = [audit.Entry(*row) for row in audit_rows.entries(conn)]
    refused = [orjson.loads(e.detail)["refused"] for e in trail if e.action == "judgement"]
    assert refused == [["police.federal/zzz"], ["police.unregistered/u"]]
    views = [orjson.loads(e.detail)["review_queue"] for e in trail if e.action == "view"]
    assert views[-1] == [["/".join(i.a), "/".join(i.b)] for i in shown]


def test_a_waiting_pair_is_shown_side_by_side_as_far_as_the_analyst_may_read(resolved: Store) -> None:
    from crossroads.errors import NotFoundError
    from crossroads.service.review import sides
    from crossroads.store.review_rows import QueuedPair

    item = next(i for i in pending(resolved, "analyst.one") if ("police.federal", "c") in (i.a, i.b))
    left, right = sides(resolved, item, "analyst.one")
    assert {left.ref, right.ref} == {"/".join(item.a), "/".join(item.b)}
    assert left.content["name"] and left.content["gender"] == ["male"]
    register(resolved, "restricted.one", "analyst", clearance="unclassified")  # records are restricted
    dim_left, _ = sides(resolved, item, "restricted.one")
    assert dim_left.content == {} and "cleared unclassified" in dim_left.reason
    with pytest.raises(NotFoundError):
        sides(
            resolved,
            QueuedPair(0, ("police.federal", "a"), ("police.federal", "nope"), 0.6, "x"),
            "analyst.one",
        )
    with resolved.transaction() as conn:
        trail = [audit.Entry(*row) for row in audit_rows.entries(conn)]
    compared = [orjson.loads(e.detail) for e in trail if e.action == "view" and "compared" in e.detail]
    assert [bool(c.get("read")) for c in compared] == [True, False, False] and "refused" in compared[-1]
