"""An export passes need-to-know record by record: what the user may not know of or read is left
out, what they may read in part is written with those fields only, and the trail lists what was
written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.service.export import export_records
from crossroads.service.ingest import ingest_file
from crossroads.store import audit_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl


def rec(rid: str, source: str, classification: str, caveats: list[str]) -> dict[str, Any]:
    properties = {"name": [f"Person {rid}"], "birthDate": ["1990-01-02"], "notes": [f"note on {rid}"],
                  "customField": ["kept by its own agency"]}  # fmt: skip
    return {"id": rid, "source": source, "properties": properties, "classification": classification,
            "caveats": caveats}  # fmt: skip


@pytest.fixture
def stored(store: Store, tmp_path: Path) -> Store:
    rows = [
        rec("p1", "police.federal", "restricted", []),
        rec("p2", "police.federal", "secret", []),
        rec("i1", "intel.civil", "restricted", ["NOFORN"]),
        rec("i2", "intel.civil", "restricted", ["ORCON"]),
        rec("u1", "police.unregistered", "unclassified", []),
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    agency(store, "police.federal", "federal-police")
    agency(store, "intel.civil", "civil-intelligence")
    register(store, "analyst", "analyst", agency="ocam", kind="threat-assessment", clearance="confidential")
    register(store, "partner", "analyst", agency="partner.fr", kind="foreign-partner", country="FR")
    register(store, "steward", "data-steward", agency="police.federal", clearance="secret")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    return store


def written(path: Path) -> dict[str, dict[str, list[str]]]:
    return {(r := orjson.loads(line))["id"]: r["properties"] for line in path.read_bytes().splitlines()}


def test_an_analyst_gets_what_need_to_know_allows_and_the_trail_lists_it(
    stored: Store, tmp_path: Path
) -> None:
    out = tmp_path / "analyst.jsonl"
    done = export_records(stored, "analyst", "investigation", out)
    rows = written(out)
    # p2 is above the clearance, i2 is ORCON without a grant: left out. u1 comes from an
    # unregistered agency: not to be known of, so not even counted.
    assert sorted(rows) == ["i1", "p1"] and (done.written, done.left_out) == (2, 2)
    assert "notes" not in rows["i1"] and rows["p1"]["notes"] == ["note on p1"]  # an intelligence note
    assert "customField" not in rows["p1"]  # a property the rules do not name stays with its agency
    assert done.trimmed == 2
    with stored.transaction() as conn:
        [entry] = [e for e in (audit.Entry(*r) for r in audit_rows.entries(conn)) if e.action == "export"]
    detail = orjson.loads(entry.detail)
    assert (entry.actor, entry.purpose) == ("analyst", "investigation")
    assert detail["records"] == ["police.federal/p1", "intel.civil/i1"] and detail["left_out"] == 2


def test_a_foreign_partner_never_gets_noforn_and_a_steward_gets_their_own_agency(
    stored: Store, tmp_path: Path
) -> None:
    export_records(stored, "partner", "investigation", tmp_path / "partner.jsonl")
    assert sorted(written(tmp_path / "partner.jsonl")) == ["p1", "p2"]
    export_records(stored, "steward", "investigation", tmp_path / "steward.jsonl")
    own = written(tmp_path / "steward.jsonl")
    assert sorted(own) == ["p1", "p2"] and own["p1"]["customField"] == ["kept by its own agency"]


def test_oversight_exports_nothing_and_the_refusal_is_recorded(stored: Store, tmp_path: Path) -> None:
    with pytest.raises(NotAllowedError, match="analyst or data-steward role"):
        export_records(stored, "watcher", "oversight", tmp_path / "o.jsonl")
    with stored.transaction() as conn:
        last = audit.head(conn)
        entries = [audit.Entry(*r) for r in audit_rows.entries(conn)]
    assert last is not None and entries[-1].action == "refusal" and entries[-1].actor == "watcher"
