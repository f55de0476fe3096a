"""`crossroads link --engine`: the file contract holds on both engines; an unknown one is an error."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from crossroads.cli.main import app
from records_factory import person, write_jsonl


def _links(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["id"]: row["entity_id"] for row in csv.DictReader(handle)}


def test_link_on_spark_writes_what_duckdb_writes(tmp_path: Path) -> None:
    rows = [person(n) for n in range(6)] + [person(2, source="intel.civil", id="twin-2")]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    for engine in ("duckdb", "spark"):
        result = CliRunner().invoke(
            app, ["link", str(source), "--out", str(tmp_path / f"{engine}.csv"), "--engine", engine]
        )
        assert result.exit_code == 0, result.output
    duck, spark = _links(tmp_path / "duckdb.csv"), _links(tmp_path / "spark.csv")
    assert duck == spark and len(duck) == 7
    assert duck["twin-2"] == duck["rec-000002"]


def test_an_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [person(1)])
    result = CliRunner().invoke(
        app, ["link", str(source), "--out", str(tmp_path / "x.csv"), "--engine", "hive"]
    )
    assert result.exit_code == 2 and "unknown engine" in result.output
