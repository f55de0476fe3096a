"""The person page's Network section (relations by kind and an inline SVG drawing) and the Cells
page, through FastAPI's test client over a real store (SQLite and PostgreSQL), in three languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crossroads.api.app import create_app
from crossroads.service import alerts, sign_in
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl
from sign_in_form import post_sign_in

FED = "police.federal"
PASSWORD = "a long demo passphrase"


def rec(rid: str, name: str, born: str) -> dict[str, object]:
    return {"id": rid, "source": FED, "properties": {"name": [name], "birthDate": [born]}}


@pytest.fixture
def site(store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    agency(store, FED)
    rows = [
        rec("a", "EL AMRANI Youssef", "1991-04-12"), rec("c", "EL AMRANI Hamza", "1989-01-20"),
        rec("k", "BENALI Karim", "1985-07-01"),
        {"id": "r1", "source": FED, "schema": "Family",
         "properties": {"person": [f"{FED}/a"], "relative": [f"{FED}/c"], "relationship": ["father"]}},
        {"id": "r2", "source": FED, "schema": "Associate", "classification": "secret",
         "properties": {"person": [f"{FED}/a"], "associate": [f"{FED}/k"], "relationship": ["friend"]}},
    ]  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "in.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "ltf", "analyst", agency="police.zone", kind="local-police", clearance="confidential")
    sign_in.set_password(store, ROOT, "ltf", PASSWORD)
    with store.transaction() as conn:
        ids = {x: record_rows.get(conn, FED, x).entity_id or "" for x in "ack"}
    alerts.watch(store, "ltf", ids["c"], "returned", date.today() + timedelta(days=30))
    with TestClient(create_app(store), follow_redirects=False) as client:
        answer = post_sign_in(client, "ltf", PASSWORD, "/search")
        assert answer.status_code == 303
        yield client, ids


def test_the_person_page_shows_the_network_by_kind_and_drawn(site: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = site
    page = client.get(f"/persons/{ids['a']}").text
    network = page[page.index('id="network-h"') : page.index('id="history-h"')]
    assert "Kinship" in network and "parent" in network and ids["c"] in network
    assert "Withheld" in network and "relation withheld" in network and ids["k"] in network
    # the secret record's kind is not told to a confidential reader, only that it exists
    assert "friend:" not in network and "r2" in network
    assert network.count("<circle") == 3 and network.count("<line") == 2
    assert 'stroke-dasharray="5 4"' in network  # the withheld relation, dashed
    assert "<script" not in network
    seen_from_c = client.get(f"/persons/{ids['c']}").text
    assert re.search(r"child: <a href=\"/persons/" + ids["a"], seen_from_c)
    client.cookies.set("crossroads_lang", "fr")
    assert "Réseau" in client.get(f"/persons/{ids['a']}").text
    client.cookies.set("crossroads_lang", "nl")
    assert "Verwantschap" in client.get(f"/persons/{ids['a']}").text


def test_the_cells_page_groups_the_watched_persons(site: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = site
    page = client.get("/cells").text
    assert 'href="/cells"' in page and "Cell 1: 1 watched person, 3 persons" in " ".join(page.split())
    assert page.count("<svg") == 1 and all(ids[x] in page for x in "ack")
    client.cookies.set("crossroads_lang", "fr")
    assert "Cellules des personnes surveillées" in client.get("/cells").text
