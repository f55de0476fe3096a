"""FollowTheMoney entity files as OpenSanctions and Aleph export them: `datasets` names the source,
their own top-level keys are kept, non-Person entities wait in quarantine (nothing is dropped)."""

from __future__ import annotations

from pathlib import Path

from followthemoney import model

from crossroads.service.ingest import ingest_file
from crossroads.store import quarantine_rows, record_rows
from crossroads.store.store import Store
from identity_factory import steward
from records_factory import write_jsonl

PERSON = {
    "id": "osx-4f2a9c",
    "schema": "Person",
    "caption": "Hamza Benali",
    "properties": {
        "name": ["Hamza Benali"],
        "alias": ["Abou Hamza al-Beljiki"],
        "birthDate": ["1990-03"],
        "nationality": ["Morocco", "Belgium"],
        "topics": ["crime.terror"],
    },
    "referents": ["osx-old-1"],
    "datasets": ["foreign.partner-list"],
    "first_seen": "2024-01-05T10:00:00",
    "target": True,
}
COMPANY = {
    "id": "osx-77",
    "schema": "Company",
    "properties": {"name": ["Transit Logistics SPRL"]},
    "datasets": ["foreign.partner-list"],
}


def test_opensanctions_style_entities(store: Store, tmp_path: Path) -> None:
    assert model.get_proxy(PERSON).get("name") == ["Hamza Benali"]  # the fixture is valid FtM
    path = write_jsonl(tmp_path / "entities.ftm.json", [PERSON, COMPANY])
    report = ingest_file(store, path, user=steward(store), fmt="ftm")
    with store.transaction() as conn:
        stored = record_rows.get(conn, "foreign.partner-list", "osx-4f2a9c")
        [entry] = quarantine_rows.list_entries(conn)
    assert report.counts.inserted == 1
    assert stored.record.properties["nationality"] == ["ma", "be"]
    assert stored.record.properties["topics"] == ["crime.terror"]
    assert stored.record.extra["referents"] == ["osx-old-1"]
    assert stored.record.extra["target"] is True
    assert (entry.code, entry.field, entry.record_id) == ("unsupported_schema", "schema", "osx-77")
