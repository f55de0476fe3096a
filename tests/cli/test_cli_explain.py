"""`crossroads explain`: the evidence behind a stored pair, from the run that decided it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from typer.testing import CliRunner

from crossroads.cli.main import app
from crossroads.store.store import Store
from identity_factory import STEWARD, agency, register, steward
from records_factory import person, write_jsonl

SOURCE = "police.zone.brussels-west"


@pytest.fixture
def cli(store_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    with Store(store_url) as registering:
        steward(registering)
    monkeypatch.setenv("CROSSROADS_USER", "an.analyst")
    with Store(store_url) as store:
        agency(store, SOURCE, "local-police")
        agency(store, "intel.civil", "civil-intelligence")
        register(
            store, "an.analyst", "analyst", agency="ocam", kind="threat-assessment", clearance="confidential"
        )
    return CliRunner()


def test_explain_needs_a_resolved_store_and_says_so(cli: CliRunner, tmp_path: Path) -> None:
    assert (
        cli.invoke(
            app,
            [
                "ingest",
                str(write_jsonl(tmp_path / "a.jsonl", [person(1), person(2)])),
                "-q",
                "--user",
                STEWARD,
            ],
        ).exit_code
        == 0
    )
    result = cli.invoke(app, ["explain", f"{SOURCE}/rec-000001", f"{SOURCE}/rec-000002"])
    assert result.exit_code == 2
    assert "crossroads resolve" in result.output


def _ingest(cli: CliRunner, path: Path, rows: list[dict[str, Any]]) -> Result:
    """``crossroads ingest`` of ``rows`` written to ``path``, as the steward."""
    return cli.invoke(app, ["ingest", str(write_jsonl(path, rows)), "-q", "--user", STEWARD])


def test_explain_a_linked_pair_after_resolve(cli: CliRunner, tmp_path: Path) -> None:
    twin = person(1, source="intel.civil", id="ic-1")  # same name and birth date as record 1
    rows = [person(n) for n in range(4)]
    assert _ingest(cli, tmp_path / "a.jsonl", rows).exit_code == 0
    assert (
        cli.invoke(
            app, ["ingest", str(write_jsonl(tmp_path / "b.jsonl", [twin])), "-q", "--user", STEWARD]
        ).exit_code
        == 0
    )
    assert cli.invoke(app, ["resolve", "--user", STEWARD]).exit_code == 0
    shown = cli.invoke(app, ["explain", f"{SOURCE}/rec-000001", "intel.civil/ic-1"])
    assert shown.exit_code == 0, shown.output
    assert "same full birth date" in shown.output and "the same person" in shown.output
    as_json = orjson.loads(
        cli.invoke(app, ["explain", f"{SOURCE}/rec-000001", "intel.civil/ic-1", "--json"]).stdout
    )
    assert as_json["same_entity_now"] is True and as_json["probability"] > 0.9
    apart = orjson.loads(
        cli.invoke(app, ["explain", f"{SOURCE}/rec-000001", f"{SOURCE}/rec-000002", "--json"]).stdout
    )
    assert apart["same_entity_now"] is False and apart["probability"] < 0.5


def test_a_bad_reference_is_a_clear_error(cli: CliRunner) -> None:
    result = cli.invoke(app, ["explain", "no-slash", "intel.civil/x"])
    assert result.exit_code == 2 and "SOURCE/ID" in result.output


def test_ingest_resolves_new_records_on_arrival_once_the_store_was_resolved(
    cli: CliRunner, tmp_path: Path
) -> None:
    first = cli.invoke(
        app,
        [
            "ingest",
            str(write_jsonl(tmp_path / "a.jsonl", [person(n) for n in range(3)])),
            "-q",
            "--user",
            STEWARD,
        ],
    )
    assert first.exit_code == 0 and "resolved on arrival" not in first.output  # nothing to resolve against
    assert cli.invoke(app, ["resolve", "--user", STEWARD]).exit_code == 0
    again = person(1, source="intel.civil", id="ic-9")  # the same person from another agency
    second = cli.invoke(
        app, ["ingest", str(write_jsonl(tmp_path / "b.jsonl", [again])), "-q", "--user", STEWARD]
    )
    assert second.exit_code == 0 and "resolved on arrival: 1 attached" in second.output
    assert "waiting for an analyst" not in second.output  # a clear link: nothing to ask
    # The same name with only the year of birth: uncertain, but the only person it could be; it
    # joins, and an analyst is asked to confirm.
    year_only = person(2, id="u-2")
    year_only["properties"]["birthDate"] = [year_only["properties"]["birthDate"][0][:4]]
    third = cli.invoke(
        app, ["ingest", str(write_jsonl(tmp_path / "u.jsonl", [year_only])), "-q", "--user", STEWARD]
    )
    assert third.exit_code == 0 and "resolved on arrival: 1 attached" in third.output
    assert "pairs waiting for an analyst's judgement: 1 (crossroads review)" in third.output
    skipped = cli.invoke(
        app,
        [
            "ingest",
            str(write_jsonl(tmp_path / "c.jsonl", [person(7, id="x-7")])),
            "-q",
            "--no-resolve",
            "--user",
            STEWARD,
        ],
    )
    assert skipped.exit_code == 0 and "resolved on arrival" not in skipped.output


def test_an_ingest_too_large_to_resolve_record_by_record_says_so_as_the_api_and_the_page_do(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``ARRIVALS_LIMIT`` changed records (lowered here so that one is past it), nothing is
    resolved on arrival and the command says why in the words the API's upload report and the
    upload page use."""
    from crossroads.service import realtime

    assert _ingest(cli, tmp_path / "a.jsonl", [person(n) for n in range(3)]).exit_code == 0
    assert cli.invoke(app, ["resolve", "--user", STEWARD]).exit_code == 0
    monkeypatch.setattr(realtime, "ARRIVALS_LIMIT", 0)
    result = _ingest(cli, tmp_path / "b.jsonl", [person(1, source="intel.civil", id="ic-9")])
    assert result.exit_code == 0 and "resolved on arrival" not in result.output
    assert str(realtime.too_many_to_resolve(1)) in " ".join(result.output.split())
    assert "1 records changed: resolve them in one batch (crossroads resolve)" in " ".join(
        result.output.split()
    )
