"""The HTTP API over a real store (SQLite and PostgreSQL), through FastAPI's test client: who may
call, need-to-know in every answer (holdings without content, then content after a grant), the
CSRF rule for session calls, uploads with their quarantine report, and oversight's audit reads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from crossroads.api.app import create_app
from crossroads.api.callers import CSRF_HEADER
from crossroads.service import realtime, sign_in
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl
from search_lane import lane_taken
from sign_in_form import bearer

PASSWORD = "a long demo passphrase"


def rec(rid: str, source: str, caveats: list[str], **extra: list[str]) -> dict[str, Any]:
    properties = {"name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"], "gender": ["male"], **extra}
    return {"id": rid, "source": source, "properties": properties, "classification": "restricted",
            "caveats": caveats}  # fmt: skip


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    rows = [
        rec("a", "police.federal", []),
        rec("b", "police.local", ["ORCON"], notes=["seen at the station with a cousin"]),
    ]
    agency(store, "police.federal", "federal-police")
    agency(store, "police.local", "local-police")
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "asker", "analyst", agency="ocam", kind="threat-assessment")
    register(store, "holder", "analyst", agency="police.local", kind="local-police")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    for name in ("asker", "holder", "watcher", steward(store)):
        sign_in.set_password(store, ROOT, name, PASSWORD)
    with TestClient(create_app(store)) as test_client:
        yield test_client


def test_without_credentials_every_case_route_answers_401_as_a_problem(client: TestClient) -> None:
    for path in ("/api/v1/search?name=x", "/api/v1/persons/E1", "/api/v1/requests", "/api/v1/audit"):
        answer = client.get(path)
        assert answer.status_code == 401, path
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["title"] == "NotSignedInError"
    assert (
        client.get("/api/v1/search?name=x", headers={"Authorization": "Bearer crt_forged"}).status_code == 401
    )
    health = client.get("/api/v1/health").json()
    assert health["status"] == "ok" and health["warming"] is False and isinstance(health["search_cache"], int)


def test_search_shows_the_holders_and_the_person_hides_orcon_content_until_granted(
    client: TestClient,
) -> None:
    asker, holder = bearer(client, "asker"), bearer(client, "holder")
    found = client.get(
        "/api/v1/search", params={"name": "Yusuf al-Amrani", "birth_date": "1991"}, headers=asker
    )
    assert found.status_code == 200
    [hit] = found.json()["hits"]
    held = {h["agency"]: (h["records"], h["readable"]) for h in hit["holders"]}
    assert held == {"police.federal": (1, 1), "police.local": (1, 0)}
    person = client.get(f"/api/v1/persons/{hit['entity']}", headers=asker).json()
    orcon = next(r for r in person["records"] if r["ref"] == "police.local/b")
    assert orcon["content"] == {} and "ORCON" in orcon["reason"]
    filed = client.post(
        "/api/v1/requests", json={"records": ["police.local/b"], "reason": "joint file"}, headers=asker
    )
    assert filed.status_code == 201
    [request_id] = filed.json()["requests"]
    answer = {"record": "police.local/b", "grant": True, "reason": "ok"}
    refused = client.post(f"/api/v1/requests/{request_id}/answers", json=answer, headers=asker)
    assert refused.status_code == 403  # only the holding agency answers
    granted = client.post(
        f"/api/v1/requests/{request_id}/answers",
        json={"record": "police.local/b", "grant": True, "reason": "released", "days": 10}, headers=holder,
    )  # fmt: skip
    assert granted.status_code == 200 and granted.json()["verdict"] == "granted"
    person = client.get(f"/api/v1/persons/{hit['entity']}", headers=asker).json()
    orcon = next(r for r in person["records"] if r["ref"] == "police.local/b")
    assert orcon["content"]["notes"] == ["seen at the station with a cousin"]


def test_a_session_call_that_changes_something_needs_its_csrf_token(client: TestClient) -> None:
    signed = client.post("/api/v1/session", json={"name": "asker", "password": PASSWORD})
    assert signed.status_code == 200
    csrf = signed.json()["csrf"]
    assert (
        "httponly" in signed.headers["set-cookie"].lower()
        and "samesite=strict" in signed.headers["set-cookie"].lower()
    )
    body = {"records": ["police.local/b"], "reason": "joint file"}
    assert client.post("/api/v1/requests", json=body).status_code == 403
    assert client.post("/api/v1/requests", json=body, headers={CSRF_HEADER: "wrong"}).status_code == 403
    assert client.post("/api/v1/requests", json=body, headers={CSRF_HEADER: csrf}).status_code == 201
    assert client.get("/api/v1/me").json()["name"] == "asker"  # reading needs no token
    weak = client.put(
        "/api/v1/me/password", json={"current": PASSWORD, "new": "short"}, headers={CSRF_HEADER: csrf}
    )
    assert weak.status_code == 422 and "12 characters" in weak.json()["detail"]
    assert client.delete("/api/v1/session", headers={CSRF_HEADER: csrf}).status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_a_wrong_password_is_401_and_the_sixth_try_is_429_with_retry_after(client: TestClient) -> None:
    for _ in range(5):
        assert (
            client.post("/api/v1/session", json={"name": "asker", "password": "nope nope nope"}).status_code
            == 401
        )
    locked = client.post("/api/v1/session", json={"name": "asker", "password": PASSWORD})
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0


def test_an_upload_keeps_good_rows_and_reports_bad_ones_by_line_and_field(
    client: TestClient, tmp_path: Path
) -> None:
    good = rec("c", "police.federal", [])
    bad = {"id": "d", "source": "police.federal", "properties": {"name": ["X"], "birthDate": ["1991-13-45"]}}
    text = b"\n".join(orjson.dumps(r) for r in (good, bad)) + b"\n"
    steward_token = bearer(client, steward(client.app.state.store))  # type: ignore[attr-defined]
    sent = client.post("/api/v1/records", files={"file": ("fed.jsonl", text)}, headers=steward_token)
    assert sent.status_code == 200, sent.text
    report = sent.json()
    assert (report["inserted"], report["quarantined"]) == (1, 1)
    assert (
        report["first_refused"][0]["line"] == 2
        and report["first_refused"][0]["field"] == "properties.birthDate[0]"
    )
    assert report["resolved"] == {"attached": 1}
    listed = client.get("/api/v1/quarantine", headers=steward_token).json()
    assert [(e["line"], e["field"]) for e in listed] == [(2, "properties.birthDate[0]")]
    retry = f"/api/v1/quarantine/{listed[0]['id']}/retry"
    again = client.post(retry, json={}, headers=steward_token).json()
    assert again["accepted"] is False and again["problems"][0]["field"] == "properties.birthDate[0]"
    fixed = listed[0]["raw"].replace("1991-13-45", "1991-12-15")
    done = client.post(retry, json={"row": fixed}, headers=steward_token).json()
    assert done == {"accepted": True, "record_id": "d", "problems": []}
    assert (
        client.post(
            "/api/v1/records", files={"file": ("fed.jsonl", text)}, headers=bearer(client, "asker")
        ).status_code
        == 403
    )


def test_only_oversight_reads_the_audit_trail_and_finds_the_searches_there(client: TestClient) -> None:
    asker, watcher = bearer(client, "asker"), bearer(client, "watcher")
    client.get("/api/v1/search", params={"name": "Youssef El Amrani"}, headers=asker)
    assert client.get("/api/v1/audit", headers=asker).status_code == 403
    entries = client.get(
        "/api/v1/audit", params={"actor": "asker", "action": "search"}, headers=watcher
    ).json()
    assert len(entries) == 1 and "Youssef El Amrani" in entries[0]["detail"]
    verdict = client.post("/api/v1/audit/verify", json={"anchors": []}, headers=watcher).json()
    assert verdict["ok"] is True and verdict["checked"] > 10
    metrics = client.get("/metrics").text
    assert 'crossroads_http_requests_total{method="GET",route="/api/v1/audit",status="403"} 1.0' in metrics
    for answer in (client.get("/api/v1/health"), client.get("/no/such/page"), client.get("/sign-in")):
        assert answer.headers["X-Frame-Options"] == "DENY", answer.url
        assert answer.headers["Cache-Control"] == "no-store"
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]


def test_a_watch_set_over_the_api_alerts_on_the_next_upload_and_is_handled_there(client: TestClient) -> None:
    asker = bearer(client, "asker")
    found = client.get("/api/v1/search", params={"name": "Youssef El Amrani"}, headers=asker).json()
    entity = found["hits"][0]["entity"]
    body = {"entity": entity, "reason": "returned from the conflict zone", "review_on": "2031-01-31"}
    made = client.post("/api/v1/watchlist", json=body, headers=asker)
    assert made.status_code == 201 and made.json()["agency"] == "ocam"
    notice = rec("t", "police.federal", [])
    steward_token = bearer(client, steward(client.app.state.store))  # type: ignore[attr-defined]
    sent = client.post(
        "/api/v1/records", files={"file": ("t.jsonl", orjson.dumps(notice))}, headers=steward_token
    )
    assert sent.json()["resolved"] == {"attached": 1}
    [alert] = client.get("/api/v1/alerts", headers=asker).json()
    assert (alert["kind"], alert["entity"], alert["record"]) == ("resolved", entity, "police.federal/t")
    why = client.get(f"/api/v1/alerts/{alert['id']}/explanation", headers=asker).json()
    assert why["explanation"]["a"] == "police.federal/t"
    assert client.get("/api/v1/alerts", headers=bearer(client, "holder")).json() == []  # another agency
    closing = {"action": "close", "note": "known; file updated"}
    assert client.post(f"/api/v1/alerts/{alert['id']}/handling", json=closing, headers=asker).json() == {
        "status": "closed"
    }


def test_an_upload_past_the_size_limit_is_refused_while_it_is_read(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crossroads.api import routes_work

    monkeypatch.setattr(routes_work, "MAX_UPLOAD", 1000)
    steward_token = bearer(client, steward(client.app.state.store))  # type: ignore[attr-defined]
    big = orjson.dumps(rec("z", "police.federal", [])) * 100
    sent = client.post("/api/v1/records", files={"file": ("big.jsonl", big)}, headers=steward_token)
    assert sent.status_code == 422 and "larger than" in sent.json()["detail"]


def test_an_upload_too_large_to_resolve_record_by_record_resolves_none_and_says_why(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``ARRIVALS_LIMIT`` changed records (lowered here so that one is past it), the report
    resolves nothing and notes it in the words the command line and the upload page use."""
    monkeypatch.setattr(realtime, "ARRIVALS_LIMIT", 0)
    steward_token = bearer(client, steward(client.app.state.store))  # type: ignore[attr-defined]
    text = orjson.dumps(rec("f", "police.federal", [])) + b"\n"
    report = client.post("/api/v1/records", files={"file": ("fed.jsonl", text)}, headers=steward_token).json()
    assert report["inserted"] == 1 and report["resolved"] == {}
    assert report["note"] == "1 records changed: resolve them in one batch (crossroads resolve)"


def test_an_upload_says_how_many_of_its_pairs_wait_for_review_and_the_queue_lists_them(
    client: TestClient,
) -> None:
    """Youssef's name without a birth date: a namesake as far as linking goes, so a person of its
    own, and its pairs with Youssef's records wait for an analyst at once."""
    undated = {
        "id": "e",
        "source": "police.federal",
        "properties": {"name": ["EL AMRANI Youssef"], "gender": ["male"]},
    }
    steward_token = bearer(client, steward(client.app.state.store))  # type: ignore[attr-defined]
    sent = client.post(
        "/api/v1/records", files={"file": ("fed.jsonl", orjson.dumps(undated) + b"\n")}, headers=steward_token
    )
    assert sent.status_code == 200, sent.text
    report = sent.json()
    assert report["resolved"] == {"created": 1} and report["queued_for_review"] >= 1
    waiting = client.get("/api/v1/review", headers=bearer(client, "asker")).json()
    mine = [w for w in waiting if "police.federal/e" in (w["a"], w["b"])]
    assert len(mine) == report["queued_for_review"]
    assert all(w["reason"].startswith("uncertain") for w in mine)


def test_a_search_waits_for_its_lane_while_the_process_answers_other_requests(client: TestClient) -> None:
    """Searches run in a lane of their own threads (by default one on the embedded store, two on
    PostgreSQL): a search queues while the lane is taken, other requests do not, and it is answered
    once the lane is free."""
    app: Any = client.app
    lane = app.state.search_lane
    assert lane.total_tokens == {"sqlite": 1, "postgresql": 2}[app.state.store.dialect]  # the default
    asker = bearer(client, "asker")
    answers: list[Any] = []
    queued = threading.Thread(
        target=lambda: answers.append(
            client.get("/api/v1/search", params={"name": "Youssef El Amrani"}, headers=asker)
        )
    )
    try:
        with lane_taken(client):
            queued.start()
            queued.join(timeout=1.0)
            held_up = queued.is_alive(), len(answers)
            others = client.get("/api/v1/requests", headers=asker).status_code
    finally:  # the lane is free again: the search ends before the client closes, whatever happened
        queued.join(timeout=30)
    assert held_up == (True, 0)  # the search waited for the lane
    assert others == 200  # the other requests did not
    [answer] = answers
    assert answer.status_code == 200 and len(answer.json()["hits"]) == 1


def test_the_search_lane_takes_its_size_from_the_setting(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CROSSROADS_SEARCH_THREADS", "3")
    with TestClient(create_app(store)) as sized:
        assert sized.app.state.search_lane.total_tokens == 3  # type: ignore[attr-defined]
    with TestClient(create_app(store, search_threads=2)) as given:
        assert given.app.state.search_lane.total_tokens == 2  # type: ignore[attr-defined]
