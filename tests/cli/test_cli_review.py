"""`crossroads review` in a terminal: list, judge one pair, and the interactive loop."""

from __future__ import annotations

from pathlib import Path

import orjson
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
    rows = [
        {
            "id": "a",
            "source": "police.federal",
            "properties": {"name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"], "gender": ["male"]},
        },
        {
            "id": "c",
            "source": "intel.civil",
            "properties": {"name": ["Youssef EL AMRANI"], "gender": ["male"]},
        },
    ]
    assert (
        runner.invoke(
            app, ["ingest", str(write_jsonl(tmp_path / "x.jsonl", rows)), "-q", "--user", STEWARD]
        ).exit_code
        == 0
    )
    assert runner.invoke(app, ["resolve", "--user", STEWARD]).exit_code == 0
    with Store(store_url) as store:
        agency(store, "intel.civil", "civil-intelligence")
        register(store, "a.nalyst", "analyst")
    return runner


def test_list_then_judge_then_the_queue_is_empty(cli: CliRunner) -> None:
    listed = orjson.loads(cli.invoke(app, ["review", "list", "--json", "--user", "a.nalyst"]).stdout)
    assert [(x["a"], x["b"]) for x in listed] == [("intel.civil/c", "police.federal/a")]
    refused = cli.invoke(app, ["review", "judge", "intel.civil/c", "police.federal/a", "same", "--why", "x"])
    assert refused.exit_code == 2 and "--user" in refused.output
    done = cli.invoke(
        app,
        [
            "review",
            "judge",
            "intel.civil/c",
            "police.federal/a",
            "same",
            "--why",
            "photo match",
            "--user",
            "a.nalyst",
        ],
    )
    assert done.exit_code == 0 and "recorded: same" in done.output
    assert orjson.loads(cli.invoke(app, ["review", "list", "--json", "--user", "a.nalyst"]).stdout) == []
    assert cli.invoke(app, ["resolve", "--user", STEWARD]).exit_code == 0
    status = orjson.loads(cli.invoke(app, ["status", "--json"]).stdout)
    assert status["entities"] == 1


def test_the_interactive_loop_shows_the_evidence_and_records_the_answer(cli: CliRunner) -> None:
    result = cli.invoke(
        app, ["review", "--user", "a.nalyst"], input="d\nanother birth date on the passport\n"
    )
    assert result.exit_code == 0, result.output
    assert "probability" in result.output and "recorded: different" in result.output
    assert orjson.loads(cli.invoke(app, ["review", "list", "--json", "--user", "a.nalyst"]).stdout) == []


def test_lineage_tells_what_became_of_an_entity(cli: CliRunner, store_url: str) -> None:
    from crossroads.store import record_rows
    from crossroads.store.store import Store

    with Store(store_url) as store, store.transaction() as conn:
        entity = record_rows.get(conn, "police.federal", "a").entity_id
    assert entity is not None
    shown = cli.invoke(app, ["lineage", entity, "--user", "a.nalyst"])
    text = " ".join(shown.output.split())  # the console wraps long lines
    assert shown.exit_code == 0 and "created" in text and "records of a person not seen before" in text
    unknown = cli.invoke(app, ["lineage", "E000", "--user", "a.nalyst"])
    assert unknown.exit_code == 2 and "no resolution ever named" in unknown.output
    refused = cli.invoke(app, ["lineage", entity])  # nobody named: refused, nothing shown
    assert refused.exit_code == 2 and "registered user" in refused.output
