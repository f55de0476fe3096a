"""The data-protection commands as users run them: retention set/list, purge --dry-run and purge,
minors list/decide, dp-report; each refused to the wrong role with exit code 5."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from crossroads.cli import console
from crossroads.cli.main import app
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, STEWARD, agency, register, steward
from records_factory import write_jsonl

ENTITY = "Echild0000000001"


@pytest.fixture
def cli(store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    monkeypatch.setattr(console.out, "width", 200)  # tables unwrapped
    with Store(store_url) as store:
        steward(store)
    child = {"name": ["Child Nine"], "birthDate": [f"{datetime.now(UTC).year - 4}"]}
    rows = [{"id": "c1", "source": "police.local", "properties": child}]
    runner = CliRunner()
    ingested = runner.invoke(
        app, ["ingest", str(write_jsonl(tmp_path / "x.jsonl", rows)), "-q", "--user", STEWARD]
    )
    assert ingested.exit_code == 0, ingested.output
    with Store(store_url) as store:
        with store.transaction() as conn:
            record_rows.assign_entities(conn, [("police.local", "c1", ENTITY)])
        agency(store, "police.local", "local-police")
        register(store, "analyst", "analyst", agency="ocam", kind="threat-assessment")
        register(store, "watcher", "oversight", agency="committee.p", kind="oversight-body")
    return runner


def run(cli: CliRunner, *args: str, code: int = 0) -> str:
    """The output in one line, tables' borders dropped."""
    result = cli.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return " ".join(w for w in result.output.split() if w not in "│┃")


def test_retention_and_purge(cli: CliRunner) -> None:
    assert "local-police 1,825" in run(cli, "retention", "list", "--user", ROOT)
    assert "kept 1 days" in run(cli, "retention", "set", "local-police", "1", "--user", ROOT)
    assert "does not hold the admin role" in run(
        cli, "retention", "set", "prosecutor", "9", "--user", "analyst", code=5
    )
    assert "1 to 36500 days" in run(cli, "retention", "set", "prosecutor", "0", "--user", ROOT, code=2)
    assert "0 records purged" in run(cli, "purge", "--user", STEWARD)  # updated today: one day to go


def test_minors_and_the_report(cli: CliRunner, tmp_path: Path) -> None:
    listed = run(cli, "minors", "list", "--user", "analyst")
    assert "police.local/c1" in listed and "1 records of children under ten" in listed
    assert "say --allow or --deny" in run(
        cli, "minors", "decide", ENTITY, "--reason", "x", "--user", "analyst", code=2
    )
    decided = run(
        cli, "minors", "decide", ENTITY, "--allow", "--reason", "reviewed with the judge", "--user", "analyst"
    )
    assert f"on {ENTITY}: allowed" in decided
    assert "allowed by analyst" in run(cli, "minors", "list", "--user", "analyst")
    out = tmp_path / "dp.json"
    assert "1 records held" in run(cli, "dp-report", ENTITY, "--out", str(out), "--user", "watcher")
    accesses = orjson.loads(out.read_bytes())["accesses"]
    assert [a["action"] for a in accesses] == ["minor-list", "minor-decision", "minor-list"]
    assert "oversight role" in run(cli, "dp-report", ENTITY, "--out", str(out), "--user", "analyst", code=5)
