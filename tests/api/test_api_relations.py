"""The relationship routes over a real store (SQLite and PostgreSQL): a person's relations, the
network and the cells, as the caller may see them; refused without the role; in OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crossroads.api.app import create_app
from crossroads.service import alerts
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl
from sign_in_form import bearer

FED = "police.federal"


def rec(rid: str, name: str, born: str, **props: str) -> dict[str, object]:
    properties = {"name": [name], "birthDate": [born], **{k: [v] for k, v in props.items()}}
    return {"id": rid, "source": FED, "properties": properties}


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    agency(store, FED)
    rows = [
        rec("a", "EL AMRANI Youssef", "1991-04-12", phone="+32 470 11 22 33"),
        rec("c", "EL AMRANI Hamza", "1989-01-20"),
        rec("n", "AZZOUZI Ilias", "1996-10-10", phone="0470 11 22 33"),
        {"id": "r1", "source": FED, "schema": "Family", "classification": "secret",
         "properties": {"person": [f"{FED}/a"], "relative": [f"{FED}/c"], "relationship": ["cousin"]}},
    ]  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "in.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "high", "analyst", agency="police.zone", kind="local-police", clearance="secret")
    register(store, "low", "analyst", agency="police.zone", kind="local-police", clearance="restricted")
    with TestClient(create_app(store)) as test_client:
        yield test_client


def entities(client: TestClient) -> dict[str, str]:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    with store.transaction() as conn:
        return {x: record_rows.get(conn, FED, x).entity_id or "" for x in "acn"}


def test_relations_network_and_cells_as_the_caller_may_see_them(client: TestClient) -> None:
    e = entities(client)
    high = client.get(f"/api/v1/persons/{e['a']}/relations", headers=bearer(client, "high"))
    assert high.status_code == 200
    assert {(r["other"], r["kind"]) for r in high.json()["relations"]} == {
        (e["c"], "cousin"), (e["n"], "shared-phone")}  # fmt: skip
    low = client.get(f"/api/v1/persons/{e['a']}/relations", headers=bearer(client, "low"))
    assert {(r["other"], r["kind"]) for r in low.json()["relations"]} == {
        (e["c"], "withheld"), (e["n"], "shared-phone")}  # fmt: skip
    net = client.get(f"/api/v1/network/persons/{e['c']}?depth=2", headers=bearer(client, "high"))
    assert net.status_code == 200 and {n["entity"] for n in net.json()["nodes"]} == set(e.values())
    # through a withheld relation the network does not go on
    blind = client.get(f"/api/v1/network/persons/{e['c']}?depth=2", headers=bearer(client, "low"))
    assert {n["entity"] for n in blind.json()["nodes"]} == {e["c"], e["a"]}
    assert (
        client.get(f"/api/v1/network/persons/{e['a']}?depth=3", headers=bearer(client, "high")).status_code
        == 422
    )
    assert client.get("/api/v1/network/persons/E-nobody", headers=bearer(client, "high")).status_code == 404
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    alerts.watch(store, "high", e["n"], "returned", date.today() + timedelta(days=30))
    cells = client.get("/api/v1/network/cells", headers=bearer(client, "high"))
    assert cells.status_code == 200
    [cell] = cells.json()
    assert cell["watched"] == [e["n"]] and {n["entity"] for n in cell["nodes"]} == set(e.values())
    assert client.get("/api/v1/network/cells", headers=bearer(client, steward(store))).status_code == 403
    assert client.get("/api/v1/network/cells").status_code == 401


def test_the_routes_are_documented(client: TestClient) -> None:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    assert {"/api/v1/persons/{entity}/relations", "/api/v1/network/persons/{entity}",
            "/api/v1/network/cells"} <= set(paths)  # fmt: skip
    assert paths["/api/v1/network/cells"]["get"]["tags"] == ["relationships"]
