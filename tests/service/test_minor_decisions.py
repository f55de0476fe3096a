"""Minors on both stores: records of children under ten at receipt are flagged, their entity is out
of watchlist-style processing until an analyst's reviewed decision allows it, and the list and the
decisions show nothing an analyst may not learn exists; every listing and decision is recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.access.safeguard import watchlist_eligible
from crossroads.errors import NotFoundError
from crossroads.service import clock
from crossroads.service import minors as use
from crossroads.service.ingest import ingest_file
from crossroads.store import audit_rows, record_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl

NOW = datetime.now(UTC)
E_CHILD, E_OLDER = "Echild0000000001", "Eolder0000000002"


def rec(rid: str, source: str, birth: str, caveats: list[str] | None = None) -> dict[str, Any]:
    props = {"name": [f"Child {rid}"], "birthDate": [birth]}
    return {"id": rid, "source": source, "properties": props, "caveats": caveats or []}


def years_ago(n: int) -> str:
    return f"{NOW.year - n:04d}"


@pytest.fixture
def stored(store: Store, tmp_path: Path) -> Store:
    rows = [
        rec("c1", "police.local", years_ago(6)),  # six: a victim
        rec("a1", "police.local", "1990-01-01"),  # an adult record of the same person's entity
        rec("c2", "intel.civil", years_ago(8), ["NOFORN"]),  # a victim a foreign partner may not learn of
        rec("o1", "police.local", years_ago(14)),  # fourteen: case by case
    ]
    ingest_file(store, write_jsonl(tmp_path / "m.jsonl", rows), user=steward(store))
    with store.transaction() as conn:
        record_rows.assign_entities(
            conn,
            [("police.local", "c1", E_CHILD), ("police.local", "a1", E_CHILD), ("intel.civil", "c2", E_CHILD),
             ("police.local", "o1", E_OLDER)],
        )  # fmt: skip
    agency(store, "police.local", "local-police")
    agency(store, "intel.civil", "civil-intelligence")
    register(store, "analyst", "analyst", agency="ocam", kind="threat-assessment")
    register(store, "partner", "analyst", agency="partner.fr", kind="foreign-partner", country="FR")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    return store


def eligible(store: Store, entity: str, at: datetime | None = None) -> tuple[bool, str]:
    with store.transaction() as conn:
        return watchlist_eligible(conn, entity, at or clock.now())


def trail(store: Store, action: str) -> list[audit.Entry]:
    with store.transaction() as conn:
        return [e for e in (audit.Entry(*r) for r in audit_rows.entries(conn)) if e.action == action]


def test_a_child_victims_entity_waits_for_a_reviewed_decision_on_each_victim_record(stored: Store) -> None:
    ok, why = eligible(stored, E_CHILD)
    assert not ok and "2 record(s) made while the subject was under 10" in why
    assert eligible(stored, E_OLDER) == (
        True,
        "no record of a child under 10 and no reviewed decision against it",
    )
    first = use.decide(stored, "analyst", "police.local/c1", True, "returned with her mother; no threat")
    assert not eligible(stored, E_CHILD)[0]  # c2 is still unreviewed
    use.decide(stored, "analyst", "intel.civil/c2", True, "same review")
    ok, why = eligible(stored, E_CHILD)
    assert ok and str(first.id) in why
    assert not eligible(stored, E_CHILD, NOW - timedelta(days=1))[0]  # not yet decided then
    use.decide(stored, "analyst", E_CHILD, False, "the family case is reopened")
    assert not eligible(stored, E_CHILD)[0]
    [_, _, entity] = [orjson.loads(e.detail) for e in trail(stored, "minor-decision")]
    assert entity["ref"] == E_CHILD and entity["allowed"] is False and entity["child_victim"] is True


def test_an_older_childs_case_by_case_review_is_recorded_and_a_denial_holds(stored: Store) -> None:
    use.decide(stored, "analyst", "police.local/o1", False, "fourteen, under a youth protection measure")
    ok, why = eligible(stored, E_OLDER)
    assert not ok and "youth protection" in why
    [entry] = trail(stored, "minor-decision")
    assert orjson.loads(entry.detail)["child_victim"] is False and entry.purpose == "investigation"


def test_the_list_shows_only_what_the_analyst_may_learn_exists(stored: Store) -> None:
    listed = use.flagged(stored, "analyst")
    assert [f.ref for f in listed] == ["police.local/c1", "intel.civil/c2"]
    assert all(f.entity_id == E_CHILD and f.on_record is None for f in listed)
    assert [f.ref for f in use.flagged(stored, "partner")] == ["police.local/c1"]  # c2 is NOFORN
    use.decide(stored, "analyst", E_CHILD, True, "reviewed")
    assert all(f.on_entity is not None and f.on_entity.allowed for f in use.flagged(stored, "analyst"))
    shown = [orjson.loads(e.detail)["records"] for e in trail(stored, "minor-list")]
    assert shown[1] == ["police.local/c1"] and len(shown) == 3


def test_a_decision_on_what_the_analyst_may_not_know_of_is_answered_as_absent(stored: Store) -> None:
    with pytest.raises(NotFoundError, match=r"no record 'c2' from source 'intel\.civil'"):
        use.decide(stored, "partner", "intel.civil/c2", True, "please")
    [attempt] = trail(stored, "minor-decision")
    assert (attempt.actor, orjson.loads(attempt.detail)) == ("partner", {"refused": "intel.civil/c2"})
    with pytest.raises(NotFoundError, match="no entity 'Enothing'"):
        use.decide(stored, "analyst", "Enothing", True, "x")
    with pytest.raises(use.MinorsError, match="--reason"):
        use.decide(stored, "analyst", "police.local/c1", True, "  ")
    with pytest.raises(NotAllowedError, match="analyst role"):
        use.decide(stored, "watcher", "police.local/c1", True, "oversight decides nothing")
    with pytest.raises(NotAllowedError, match="analyst role"):
        use.flagged(stored, "watcher")
    assert len(trail(stored, "refusal")) == 2 and not eligible(stored, E_CHILD)[0]
