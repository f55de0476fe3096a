"""`crossroads relations show|network|cells` as an analyst uses them, on both stores."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from crossroads.cli.console import out
from crossroads.cli.main import app
from crossroads.service import alerts
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl

FED = "police.federal"


def rec(rid: str, name: str, born: str) -> dict[str, object]:
    return {"id": rid, "source": FED, "properties": {"name": [name], "birthDate": [born]}}


def test_show_network_and_cells(
    store: Store, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency(store, FED)
    rows = [
        rec("a", "EL AMRANI Youssef", "1991-04-12"), rec("c", "EL AMRANI Hamza", "1989-01-20"),
        rec("k", "BENALI Karim", "1985-07-01"),
        {"id": "r1", "source": FED, "schema": "Family",
         "properties": {"person": [f"{FED}/a"], "relative": [f"{FED}/c"], "relationship": ["frère"]}},
        {"id": "r2", "source": FED, "schema": "Associate",
         "properties": {"person": [f"{FED}/c"], "associate": [f"{FED}/k"], "relationship": ["co-arrest"]}},
    ]  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "in.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "ltf", "analyst", agency="police.zone", kind="local-police")
    with store.transaction() as conn:
        a, c, k = (record_rows.get(conn, FED, x).entity_id or "" for x in "ack")
    alerts.watch(store, "ltf", a, "returned", date.today() + timedelta(days=30))
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    monkeypatch.setattr(out, "width", 250)
    cli = CliRunner()
    shown = cli.invoke(app, ["relations", "show", a, "--user", "ltf"])
    assert shown.exit_code == 0, shown.output
    assert (
        "kinship" in shown.output and f"sibling: {c}" in shown.output and "police.federal/r1" in shown.output
    )
    assert k not in shown.output  # two steps out: not a relation of a
    net = cli.invoke(app, ["relations", "network", a, "--depth", "2", "--json", "--user", "ltf"])
    assert net.exit_code == 0, net.output
    body = orjson.loads(net.output)
    assert {n["entity"]: n["depth"] for n in body["nodes"]} == {a: 0, c: 1, k: 2}
    assert {e["kind"] for e in body["edges"]} == {"sibling", "co-arrest"}
    near = cli.invoke(app, ["relations", "network", a, "--depth", "1", "--user", "ltf"])
    assert near.exit_code == 0 and k not in near.output
    too_far = cli.invoke(app, ["relations", "network", a, "--depth", "3", "--user", "ltf"])
    assert too_far.exit_code == 2
    cell = cli.invoke(app, ["relations", "cells", "--user", "ltf"])
    assert cell.exit_code == 0, cell.output
    assert "cell 1: 1 watched, 3 persons" in " ".join(cell.output.split())
    refused = cli.invoke(app, ["relations", "cells", "--user", steward(store)])
    assert refused.exit_code == 5 and "analyst" in refused.output
