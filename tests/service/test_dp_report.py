"""The data-protection report on both stores: an oversight user gets, per record of the person,
agency, marking, dates, property names and retention (never a value), and every audit entry naming
one of the records or the entity, records purged from it included; nobody else gets it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.errors import NotFoundError
from crossroads.service import clock, retention
from crossroads.service import requests as rfi
from crossroads.service.dp_report import report
from crossroads.service.export import export_records
from crossroads.service.ingest import ingest_file
from crossroads.store import audit_rows, record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl

NOW = datetime.now(UTC)
PERSON, OTHER = "Eperson000000001", "Eother0000000002"


def rec(rid: str, source: str, caveats: list[str]) -> dict[str, Any]:
    props = {
        "name": ["TAHIRI Quillon"],
        "birthDate": ["1991-04-12"],
        "phone": ["+32 470 00 00 00"],
        "email": [],
    }
    return {
        "id": rid,
        "source": source,
        "properties": props,
        "classification": "confidential",
        "caveats": caveats,
    }


@pytest.fixture
def stored(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(clock, "now", lambda: NOW - timedelta(days=400))
    rows = [
        rec("l1", "police.local", ["ORCON"]),
        rec("p1", "prevention.city", []),
        rec("l1x", "police.local", []),
    ]
    ingest_file(store, write_jsonl(tmp_path / "r.jsonl", rows), user=steward(store))
    with store.transaction() as conn:
        record_rows.assign_entities(
            conn,
            [
                ("police.local", "l1", PERSON),
                ("prevention.city", "p1", PERSON),
                ("police.local", "l1x", OTHER),
            ],
        )
    agency(store, "police.local", "local-police")
    agency(store, "prevention.city", "prevention")
    register(store, "analyst", "analyst", agency="ocam", kind="threat-assessment", clearance="secret")
    register(store, "watcher", "oversight", agency="committee.p", kind="oversight-body")
    export_records(
        store, "analyst", "investigation", tmp_path / "e.jsonl"
    )  # names p1 and l1x, not l1 (ORCON)
    rfi.file(store, "analyst", "investigation", ["police.local/l1"], "the same person?")
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return store


def entries(store: Store) -> list[audit.Entry]:
    with store.transaction() as conn:
        return [audit.Entry(*r) for r in audit_rows.entries(conn)]


def test_oversight_gets_what_is_held_by_whom_and_who_accessed_it_without_content(
    stored: Store, tmp_path: Path
) -> None:
    out = tmp_path / "dp" / "report.json"
    made = report(stored, "watcher", PERSON, out)
    text = out.read_text(encoding="utf-8")
    assert "Quillon" not in text and "+32" not in text and "1991" not in text  # no value of any record
    body = orjson.loads(text)
    held = {r["ref"]: r for r in body["records"]}
    assert sorted(held) == ["police.local/l1", "prevention.city/p1"]
    l1 = held["police.local/l1"]
    assert (l1["agency_kind"], l1["classification"], l1["caveats"]) == (
        "local-police",
        "confidential",
        ["ORCON"],
    )
    assert l1["properties"] == ["birthDate", "name", "phone"]  # email is empty
    due = datetime.fromisoformat(l1["retention_due"]) - datetime.fromisoformat(l1["updated_at"])
    assert due == timedelta(days=1825) and held["prevention.city/p1"]["retention_due"] is not None
    actions = [(a["actor"], a["action"], a["names"]) for a in body["accesses"]]
    assert ("analyst", "export", ["prevention.city/p1"]) in actions  # l1x in the same entry is not his
    assert ("analyst", "rfi-file", ["police.local/l1"]) in actions
    assert all("police.local/l1x" not in names for _, _, names in actions)
    assert len(made.accesses) == len(actions)
    last = entries(stored)[-1]
    assert (last.actor, last.action, last.purpose) == ("watcher", "dp-report", "oversight")
    assert orjson.loads(last.detail)["records"] == ["police.local/l1", "prevention.city/p1"]


def test_records_purged_from_the_person_and_their_accesses_stay_in_the_report(
    stored: Store, tmp_path: Path
) -> None:
    retention.set_rule(stored, ROOT, "prevention", 100)
    assert retention.purge(stored, ROOT).by_kind == {"prevention": ["prevention.city/p1"]}
    made = report(stored, "watcher", PERSON, tmp_path / "after.json")
    assert [r.ref for r in made.records] == ["police.local/l1"] and made.purged == ["prevention.city/p1"]
    actions = [(a.action, a.names) for a in made.accesses]
    assert ("export", ["prevention.city/p1"]) in actions and (
        "purge",
        [PERSON, "prevention.city/p1"],
    ) in actions


def test_only_oversight_gets_it_and_an_unknown_person_is_said_so(stored: Store, tmp_path: Path) -> None:
    with pytest.raises(NotAllowedError, match="oversight role"):
        report(stored, "analyst", PERSON, tmp_path / "no.json")
    assert not (tmp_path / "no.json").exists()
    with pytest.raises(NotFoundError, match="no record is held under entity 'Enobody'"):
        report(stored, "watcher", "Enobody", tmp_path / "none.json")
    assert not (tmp_path / "none.json").exists()
    assert [e.action for e in entries(stored)][-2:] == ["refusal", "dp-report"]  # both recorded
