"""`crossroads rfi` as analysts use it: file, list, grant, and the content then shown by explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossroads.cli.main import app
from crossroads.store.store import Store
from identity_factory import STEWARD, agency, register, steward
from records_factory import write_jsonl


@pytest.fixture
def cli(store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    with Store(store_url) as registering:
        steward(registering)
    runner = CliRunner()
    props = {"name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"], "gender": ["male"]}
    rows = [
        {"id": "a", "source": "police.federal", "properties": props},
        {"id": "b", "source": "police.local", "properties": props, "caveats": ["ORCON"]},
    ]
    assert (
        runner.invoke(
            app, ["ingest", str(write_jsonl(tmp_path / "x.jsonl", rows)), "-q", "--user", STEWARD]
        ).exit_code
        == 0
    )
    assert runner.invoke(app, ["resolve", "--user", STEWARD]).exit_code == 0
    with Store(store_url) as store:
        agency(store, "police.federal", "federal-police")
        register(store, "asker", "analyst", agency="ocam", kind="threat-assessment")
        register(store, "holder", "analyst", agency="police.local", kind="local-police")
    return runner


def run(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_file_list_grant_then_explain_shows_the_record(cli: CliRunner) -> None:
    before = run(cli, "explain", "police.federal/a", "police.local/b", "--user", "asker")
    assert "withheld" in before and "ORCON" in before
    assert "filed request 1" in run(
        cli, "rfi", "file", "police.local/b", "--why", "joint file", "--user", "asker"
    )
    assert "open" in run(cli, "rfi", "list", "--user", "holder")
    granted = run(
        cli, "rfi", "grant", "1", "police.local/b", "--why", "released", "--days", "5", "--user", "holder"
    )
    assert "granted until" in granted
    after = run(cli, "explain", "police.federal/a", "police.local/b", "--user", "asker")
    assert "withheld" not in after and "same full birth date" in after
    listed = run(cli, "rfi", "list", "--user", "asker")  # a table: the console wraps its cells
    assert "granted" in listed and "released" in listed and "open" not in listed


def test_search_names_the_holder_then_a_grant_opens_the_person_view(cli: CliRunner) -> None:
    found = cli.invoke(app, ["search", "Youssef El Amrani", "--json", "--user", "asker"])
    assert found.exit_code == 0, found.output
    [hit] = json.loads(found.output)["hits"]
    held = {h["agency"]: h for h in hit["holders"]}
    assert (held["police.local"]["records"], held["police.local"]["readable"]) == (1, 0)  # ORCON
    before = json.loads(run(cli, "person", hit["entity"], "--json", "--user", "asker"))
    orcon = next(r for r in before["records"] if r["ref"] == "police.local/b")
    assert orcon["content"] == {} and "ORCON" in orcon["reason"]
    run(cli, "rfi", "file", "police.local/b", "--why", "hit on a joint target", "--user", "asker")
    run(cli, "rfi", "grant", "1", "police.local/b", "--why", "released", "--days", "5", "--user", "holder")
    after = json.loads(run(cli, "person", hit["entity"], "--json", "--user", "asker"))
    orcon = next(r for r in after["records"] if r["ref"] == "police.local/b")
    assert orcon["content"]["name"] == ["EL AMRANI Youssef"] and "grant" in orcon["reason"]
    text = run(cli, "person", hit["entity"], "--user", "asker")
    assert "police.local/b" in text and "EL AMRANI Youssef" in text
    refused = cli.invoke(app, ["search", "Youssef", "--birth-date", "1991-13", "--user", "asker"])
    assert refused.exit_code == 2 and "birthDate[0]: '1991-13' has month 13" in refused.output
