"""`crossroads watch`, `crossroads alerts` and `crossroads webhooks` as an analyst and an
administrator use them, on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossroads.cli.console import out
from crossroads.cli.main import app
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl


def rec(rid: str) -> dict[str, object]:
    props = {"name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"], "gender": ["male"]}
    return {"id": rid, "source": "police.federal", "properties": props}


def said(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_watch_then_an_arrival_alerts_and_the_alert_is_handled(
    store: Store, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency(store, "police.federal")
    ingest_file(store, write_jsonl(tmp_path / "a.jsonl", [rec("a")]), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "ltf", "analyst", agency="police.zone", kind="local-police")
    with store.transaction() as conn:
        entity = record_rows.get(conn, "police.federal", "a").entity_id
    assert entity is not None
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    monkeypatch.setattr(out, "width", 250)  # the alert table in full, not cut to the test's terminal
    cli = CliRunner()
    assert f"watch 1: {entity} for police.zone" in said(
        cli, "watch", "add", entity, "--reason", "returned", "--review-on", "2031-01-01", "--user", "ltf"
    )
    assert "2031-01-01" in said(cli, "watch", "list", "--user", "ltf")
    bad = cli.invoke(app, ["watch", "add", entity, "--reason", "x", "--review-on", "soon", "--user", "ltf"])
    assert bad.exit_code == 2 and "2027-06-30" in bad.output
    hook = said(cli, "webhooks", "add", "police.zone", "https://ltf.example/hook", "--user", ROOT)
    assert "signing secret" in hook
    said(
        cli, "ingest", str(write_jsonl(tmp_path / "b.jsonl", [rec("b")])), "--user", steward(store), "--quiet"
    )
    listed = said(cli, "alerts", "list", "--user", "ltf")
    assert "resolved" in listed and "police.federal/b" in listed
    assert "ltf.example" not in listed
    assert "alert 1: acknowledged" in said(cli, "alerts", "ack", "1", "--user", "ltf")
    assert "alert 1: closed" in said(cli, "alerts", "close", "1", "--note", "known", "--user", "ltf")
    refused = cli.invoke(app, ["alerts", "close", "1", "--note", "again", "--user", "ltf"])
    assert refused.exit_code == 2 and "closed" in refused.output
