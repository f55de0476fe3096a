"""Requests for information end to end: a hit on an ORCON record, a request, the holder's grant,
and the content shown for that purpose until the grant ends; refusals, answers from the wrong
agency, and every step in the audit trail (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.errors import NotFoundError
from crossroads.service import clock
from crossroads.service import requests as rfi
from crossroads.service.explain import explain_for
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import audit_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl

A, B = "police.federal/a", "police.local/b"


def rec(rid: str, source: str, caveats: list[str]) -> dict[str, Any]:
    properties = {"name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"], "gender": ["male"]}
    return {"id": rid, "source": source, "properties": properties, "classification": "restricted",
            "caveats": caveats}  # fmt: skip


@pytest.fixture
def stored(store: Store, tmp_path: Path) -> Store:
    rows = [
        rec("a", "police.federal", []),
        rec("b", "police.local", ["ORCON"]),
        rec("n", "intel.civil", ["NOFORN"]),
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    agency(store, "police.federal", "federal-police")
    agency(store, "intel.civil", "civil-intelligence")
    register(store, "asker", "analyst", agency="ocam", kind="threat-assessment")
    register(store, "holder", "analyst", agency="police.local", kind="local-police")
    register(store, "other", "data-steward", agency="police.federal")
    register(store, "partner", "analyst", agency="partner.fr", kind="foreign-partner", country="FR")
    return store


def withheld(store: Store, purpose: str = "investigation") -> set[str]:
    return set(explain_for(store, "asker", purpose, A, B).withheld)


def test_a_grant_releases_the_record_for_its_purpose_until_it_ends(
    stored: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert withheld(stored)  # ORCON: nothing of b without the holder's grant
    [request_id] = rfi.file(stored, "asker", "investigation", [B], "same person as a threat file?")
    [open_request] = rfi.inbox(stored, "holder")
    assert open_request.id == request_id and open_request.items[0].verdict is None
    item = rfi.answer(stored, "holder", request_id, B, True, "released for the joint file", days=10)
    assert item.verdict == "granted" and item.until is not None
    assert not withheld(stored)
    assert withheld(stored, "threat-assessment")  # the grant is for investigation only
    later = datetime.now(UTC) + timedelta(days=11)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert withheld(stored)  # and it has ended
    with stored.transaction() as conn:
        entries = [audit.Entry(*r) for r in audit_rows.entries(conn)]
    steps = [(e.actor, e.action) for e in entries if e.action in ("rfi-file", "grant")]
    assert steps == [("asker", "rfi-file"), ("holder", "grant")]
    granted = orjson.loads(next(e.detail for e in entries if e.action == "grant"))
    assert (granted["record"], granted["to"], granted["purpose"]) == (B, "ocam", "investigation")


def test_refusals_and_answers_from_the_wrong_agency(stored: Store) -> None:
    [request_id] = rfi.file(stored, "asker", "investigation", [B], "check")
    with pytest.raises(NotAllowedError, match=r"addressed to police\.local"):
        rfi.answer(stored, "other", request_id, B, True, "not mine to give")
    refused = rfi.answer(stored, "holder", request_id, B, False, "source protection")
    assert refused.verdict == "refused" and withheld(stored)
    with pytest.raises(rfi.RequestError, match="--days"):
        rfi.answer(stored, "holder", request_id, B, True, "x", days=365)
    with pytest.raises(rfi.RequestError, match="--why"):
        rfi.file(stored, "asker", "investigation", [B], " ")
    with stored.transaction() as conn:
        actions = [audit.Entry(*r).action for r in audit_rows.entries(conn)]
    assert actions.count("refusal") == 1 and actions.count("rfi-refusal") == 1


def test_nothing_is_filed_for_a_record_the_asker_may_not_know_of(stored: Store) -> None:
    with pytest.raises(NotFoundError, match="no record 'n'"):
        rfi.file(stored, "partner", "investigation", ["intel.civil/n"], "please")
    assert not rfi.inbox(stored, "holder")
    with stored.transaction() as conn:
        [attempt] = [e for e in (audit.Entry(*r) for r in audit_rows.entries(conn)) if e.action == "rfi-file"]
    assert attempt.actor == "partner" and '"refused":["intel.civil/n"]' in attempt.detail


def test_an_unknown_name_of_any_length_is_refused_and_recorded(stored: Store) -> None:
    with pytest.raises(NotAllowedError, match="not a registered user"):
        rfi.inbox(stored, "x" * 500)
    with stored.transaction() as conn:
        last = audit.Entry(*list(audit_rows.entries(conn))[-1])
    assert last.action == "refusal" and last.actor == "x" * 100
