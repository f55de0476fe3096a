"""Statistics and indicators over the HTTP API on both stores: JSON and CSV (by ``format`` or the
Accept header), oversight's small counts as "<5", a foreign partner refused (403), a bad month 422,
snapshots taken and listed, and the routes documented with their CSV answer in OpenAPI."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crossroads.api.app import create_app
from crossroads.store.store import Store
from identity_factory import register
from returnees_world import two_returnees
from sign_in_form import bearer


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    two_returnees(store, tmp_path)
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    register(store, "partner", "analyst", agency="foreign.tr", kind="foreign-partner", country="TR")
    with TestClient(create_app(store)) as test_client:
        yield test_client


def test_figures_as_json_and_as_csv(client: TestClient) -> None:
    fusion = bearer(client, "fusion")
    answer = client.get(
        "/api/v1/statistics/flows", params={"from": "2015-03", "to": "2015-04"}, headers=fusion
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["columns"][:2] == ["month", "departures"] and body["rows"][0] == ["2015-03", 2, 0, 0, 0, 0, 0]
    assert body["filters"]["from"] == "2015-03" and body["cases"] == 2 and not body["suppressed"]
    as_csv = client.get("/api/v1/statistics/flows?from=2015-03&to=2015-04&format=csv", headers=fusion)
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == body["columns"] and rows[2] == ["2015-04", "0", "0", "0", "0", "0", "1"]
    accepted = client.get("/api/v1/statistics/stock?to=2015-12", headers={**fusion, "Accept": "text/csv"})
    assert accepted.headers["content-type"].startswith("text/csv") and "in_conflict_zone,1" in accepted.text
    places = client.get("/api/v1/statistics/by-municipality", headers=fusion).json()
    assert places["rows"] == [["1080 Molenbeek-Saint-Jean", 2, 2, 1, 1, 0]]


def test_who_may_read_and_what_is_refused(client: TestClient) -> None:
    watched = client.get("/api/v1/statistics/by-agency", headers=bearer(client, "watcher")).json()
    assert watched["suppressed"] and watched["rows"] == [["ocam", "<5", "<5", "<5", "<5"]]
    assert client.get("/api/v1/statistics/flows", headers=bearer(client, "partner")).status_code == 403
    bad = client.get("/api/v1/statistics/flows?from=2016-13", headers=bearer(client, "fusion"))
    assert bad.status_code == 422 and "2016-13" in bad.json()["detail"]
    assert client.get("/api/v1/statistics/flows?from=March").status_code in (401, 422)


def test_indicators_snapshots_and_history(client: TestClient) -> None:
    fusion = bearer(client, "fusion")
    panel = client.get("/api/v1/indicators?as_of=2016-05", headers=fusion).json()
    assert panel["as_of"] == "2016-05-31"
    assert {i["name"]: (i["value"], i["previous"]) for i in panel["indicators"]}["returns"] == (1, 0)
    assert client.post("/api/v1/indicators/snapshots?as_of=2016-05", headers=fusion).status_code == 201
    assert client.post("/api/v1/indicators/snapshots", headers=bearer(client, "watcher")).status_code == 403
    history = client.get("/api/v1/indicators/history", headers=fusion).json()
    assert [h["indicator"] for h in history] == ["departures", "returns", "new_alerts", "open_cases",
                                                 "judicial_files"]  # fmt: skip
    as_csv = client.get("/api/v1/indicators/history?format=csv", headers=fusion)
    assert as_csv.text.startswith("as_of,indicator,value,previous") and as_csv.text.count("\r\n") == 6


def test_the_routes_and_their_csv_answers_are_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for kind in ("flows", "stock", "by-municipality", "by-agency"):
        answer = paths[f"/api/v1/statistics/{kind}"]["get"]["responses"]["200"]["content"]
        assert {"application/json", "text/csv"} <= set(answer)
    assert "/api/v1/indicators/history" in paths and "/api/v1/indicators/snapshots" in paths
