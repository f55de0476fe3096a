"""Case follow-up over the HTTP API on both stores: open a case, record transitions (a refused one is
a 422 problem naming the field), add an action and find it among the reminders, read the timeline;
oversight reads it without notes, an unknown case is 404, and the routes are in the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crossroads.api.app import create_app
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store.store import Store
from identity_factory import register, steward
from records_factory import write_jsonl
from sign_in_form import bearer


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    row = {"id": "a", "source": "police.federal",
           "properties": {"name": ["BENALI Karim"], "birthDate": ["1985-07-01"]}}  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", [row]), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "ltf", "analyst", agency="police.federal")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    with TestClient(create_app(store)) as test_client:
        yield test_client


def test_a_case_is_opened_moved_followed_up_and_read_over_the_api(client: TestClient) -> None:
    ltf, watcher = bearer(client, "ltf"), bearer(client, "watcher")
    found = client.get("/api/v1/search", params={"name": "Karim Benali"}, headers=ltf).json()
    entity = found["hits"][0]["entity"]
    made = client.post("/api/v1/cases", json={"entity": entity, "category": "home_grown"}, headers=ltf)
    assert made.status_code == 201
    case_id = made.json()["id"]
    path = f"/api/v1/cases/{case_id}"
    first = {"status": "home_grown", "on": "2016-02-01", "note": "sermons online"}
    assert client.post(f"{path}/transitions", json=first, headers=ltf).status_code == 201
    back = client.post(f"{path}/transitions", json={"status": "arrested", "on": "2016-01-01"}, headers=ltf)
    assert back.status_code == 422 and back.headers["content-type"] == "application/problem+json"
    assert back.json()["detail"].startswith("date 2016-01-01: before the case's latest transition")
    jump = client.post(f"{path}/transitions", json={"status": "returned", "on": "2016-03-01"}, headers=ltf)
    assert jump.status_code == 422 and "override" in jump.json()["detail"]
    action = {"kind": "disengagement_programme", "description": "first meeting", "due_on": str(date.today())}
    assert client.post(f"{path}/actions", json=action, headers=ltf).status_code == 201
    [reminder] = client.get("/api/v1/case-actions/due", headers=ltf).json()
    assert (reminder["case_id"], reminder["due"], reminder["description"]) == (case_id, True, "first meeting")
    shown = client.get(path, headers=ltf).json()
    assert shown["case"]["status"] == "home_grown" and shown["timeline"][0]["note"] == "sermons online"
    overseen = client.get(path, headers=watcher).json()
    assert overseen["timeline"][0]["status"] == "home_grown" and overseen["timeline"][0]["note"] is None
    assert client.get("/api/v1/cases/999", headers=ltf).status_code == 404
    assert [c["id"] for c in client.get("/api/v1/cases", headers=ltf).json()] == [case_id]
    done = client.post(f"/api/v1/case-actions/{reminder['id']}/done", json={"outcome": "came"}, headers=ltf)
    assert done.status_code == 204 and client.get("/api/v1/case-actions/due", headers=ltf).json() == []
    refused = client.post(f"{path}/transitions", json=first, headers=watcher)
    assert refused.status_code == 403
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/cases", "/api/v1/cases/{case_id}/transitions", "/api/v1/case-actions/due"} <= set(paths)
