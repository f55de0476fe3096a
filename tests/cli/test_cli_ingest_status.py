"""The command line as scripts use it: exit codes, `status --json`, the quarantine workflow."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from crossroads.cli.main import app
from crossroads.store.store import Store
from identity_factory import STEWARD, register, steward
from records_factory import person, write_jsonl

SOURCE = "police.zone.brussels-west"


@pytest.fixture
def cli(store_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    with Store(store_url) as registering:
        steward(registering)
    return CliRunner()


def _status(cli: CliRunner) -> dict[str, object]:
    result = cli.invoke(app, ["status", "--json"])
    assert result.exit_code == 0, result.output
    parsed: dict[str, object] = orjson.loads(result.stdout)
    return parsed


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for command in [
        [],
        ["ingest"],
        ["status"],
        ["link"],
        ["resolve"],
        ["explain"],
        ["lineage"],
        ["review"],
        ["demo-data"],
        ["quarantine"],
        ["quarantine", "list"],
        ["quarantine", "retry"],
        ["quarantine", "export"],
        ["audit"],
        ["audit", "verify"],
        ["audit", "anchor"],
        ["audit", "show"],
        ["users"],
        ["users", "bootstrap"],
        ["users", "add"],
        ["users", "change"],
        ["agencies"],
        ["agencies", "add"],
        ["agencies", "add-unit"],
        ["rfi"],
        ["rfi", "file"],
        ["rfi", "grant"],
        ["rfi", "refuse"],
        ["rfi", "list"],
        ["search"],
        ["person"],
        ["retention"],
        ["retention", "set"],
        ["purge"],
        ["minors"],
        ["minors", "decide"],
        ["dp-report"],
    ]:
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, (command, result.output)
        assert "Usage" in result.output


def test_status_json_has_integer_counts(cli: CliRunner, tmp_path: Path) -> None:
    rows: list[object] = [person(n) for n in range(5)] + [b"{broken"]
    result = cli.invoke(
        app,
        ["ingest", str(write_jsonl(tmp_path / "a.jsonl", rows)), "--source", SOURCE, "-q", "--user", STEWARD],
    )
    assert result.exit_code == 1  # something was quarantined
    assert "malformed_json" in result.output
    status = _status(cli)
    assert (status["records"], status["quarantined"], status["entities"]) == (5, 1, 0)
    assert all(isinstance(status[k], int) for k in ("records", "quarantined", "entities"))


def test_clean_ingest_exits_zero_and_link_fills_entities(cli: CliRunner, tmp_path: Path) -> None:
    twin = person(1, source=SOURCE, id="other-1")  # same name and birth date as record 1
    rows = [person(n) for n in range(4)] + [twin]
    assert (
        cli.invoke(
            app, ["ingest", str(write_jsonl(tmp_path / "a.jsonl", rows)), "-q", "--user", STEWARD]
        ).exit_code
        == 0
    )
    result = cli.invoke(app, ["resolve", "--user", STEWARD])
    assert result.exit_code == 0, result.output
    assert _status(cli)["entities"] == 4


def test_steward_fixes_a_row_through_export_and_retry(cli: CliRunner, tmp_path: Path) -> None:
    bad = person(7, properties={"name": ["Nadia Benali"], "birthDate": ["12/04/1991"]})
    path = write_jsonl(tmp_path / "a.jsonl", [person(1), bad])
    assert cli.invoke(app, ["ingest", str(path), "--source", SOURCE, "-q", "--user", STEWARD]).exit_code == 1
    listed = orjson.loads(cli.invoke(app, ["quarantine", "list", "--json", "--user", STEWARD]).stdout)
    assert [(e["line"], e["code"], e["field"]) for e in listed] == [
        (2, "invalid_date", "properties.birthDate[0]")
    ]
    shown = cli.invoke(app, ["quarantine", "show", str(listed[0]["id"]), "--user", STEWARD])
    assert "12/04/1991" in shown.stdout and "not an ISO date" in shown.stdout

    exported = tmp_path / "fix.jsonl"
    assert cli.invoke(app, ["quarantine", "export", "--out", str(exported), "--user", STEWARD]).exit_code == 0
    item = orjson.loads(exported.read_text())
    assert (
        cli.invoke(app, ["quarantine", "retry", "--all", "--user", STEWARD]).exit_code == 1
    )  # unchanged: still bad
    item["row"]["properties"]["birthDate"] = ["1991-04-12"]
    exported.write_bytes(orjson.dumps(item) + b"\n")
    result = cli.invoke(app, ["quarantine", "retry", "--from-file", str(exported), "--user", STEWARD])
    assert result.exit_code == 0, result.output
    status = _status(cli)
    assert (status["records"], status["quarantined"]) == (2, 0)


def test_discard_needs_a_reason_and_keeps_the_row(cli: CliRunner, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [b"[1, 2]"])
    cli.invoke(app, ["ingest", str(path), "--source", SOURCE, "-q", "--user", STEWARD])
    entry = orjson.loads(cli.invoke(app, ["quarantine", "list", "--json", "--user", STEWARD]).stdout)[0]
    entry_id = str(entry["id"])
    assert cli.invoke(app, ["quarantine", "discard", entry_id, "--user", STEWARD]).exit_code == 2
    discard = ["quarantine", "discard", entry_id, "--reason", "test row", "--user", STEWARD]
    assert cli.invoke(app, discard).exit_code == 0
    listing = ["quarantine", "list", "--status", "all", "--json", "--user", STEWARD]
    closed = orjson.loads(cli.invoke(app, listing).stdout)
    assert [e["status"] for e in closed] == ["discarded"]


def test_only_a_data_steward_sees_refused_rows_and_each_look_is_recorded(
    cli: CliRunner, tmp_path: Path
) -> None:
    bad = person(7, properties={"name": ["Nadia Benali"], "birthDate": ["x"]})
    cli.invoke(app, ["ingest", str(write_jsonl(tmp_path / "a.jsonl", [bad])), "--source", SOURCE, "-q",
                     "--user", STEWARD])  # fmt: skip
    with Store.open() as store:
        register(store, "an.analyst", "analyst")
        register(store, "o.officer", "oversight", agency="committee.i", kind="oversight-body")
    refused = cli.invoke(app, ["quarantine", "show", "1", "--user", "an.analyst"])
    assert refused.exit_code == 5 and "Nadia" not in refused.output
    assert "Nadia" in cli.invoke(app, ["quarantine", "show", "1", "--user", STEWARD]).stdout
    shown = cli.invoke(app, ["audit", "show", "--json", "--user", "o.officer"]).stdout.splitlines()
    assert [orjson.loads(line)["action"] for line in shown][:2] == ["quarantine", "refusal"]  # newest first


def test_unknown_quarantine_entry_is_a_clear_error(cli: CliRunner) -> None:
    result = cli.invoke(app, ["quarantine", "show", "999", "--user", STEWARD])
    assert result.exit_code == 2
    assert "no quarantine entry 999" in result.output


def test_link_writes_one_row_per_input_record(tmp_path: Path) -> None:
    rows: list[object] = [person(n) for n in range(6)]
    rows.append(person(2, id="dup-of-2", source="intel.civil"))
    rows.append(person(9, properties={"name": ["A B"], "nationality": ["Atlantis"]}))
    out = tmp_path / "links.csv"
    result = CliRunner().invoke(
        app, ["link", str(write_jsonl(tmp_path / "in.jsonl", rows)), "--out", str(out)]
    )
    assert result.exit_code == 1  # one invalid row, reported, still given a row of its own
    with out.open(newline="") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == ["id", "entity_id"]
    assert len(table) == len(rows)
    entity = {r["id"]: r["entity_id"] for r in table}
    assert entity["rec-000002"] == entity["dup-of-2"]
    assert len(set(entity.values())) == 7
