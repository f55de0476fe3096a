"""`crossroads demo-data` as a user runs it."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from crossroads.cli.main import app


def test_demo_data_command_writes_the_data_set(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    args = ["demo-data", "--persons", "300", "--seed", "3", "--out", str(out), "--defects", "0.05", "--quiet"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "records/s" in result.output
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    assert manifest["persons"] == 300 and manifest["seed"] == 3 and manifest["defects"] > 0
    truth_rows = (out / "truth" / "truth.csv").read_text(encoding="utf-8").splitlines()
    assert truth_rows[0] == "source,id,person_id,name_slip" and len(truth_rows) == manifest["records"] + 1
    slips = [row.rsplit(",", 1)[1] for row in truth_rows[1:]]
    assert set(slips) == {"0", "1"}  # some records carry a clerk's slip in a name, most do not
    first_truth = (out / "truth" / "truth.csv").read_bytes()
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and (out / "truth" / "truth.csv").read_bytes() == first_truth


def test_demo_data_refuses_a_bad_defect_rate(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo-data", "--out", str(tmp_path), "--defects", "0.9"])
    assert result.exit_code == 2
    assert not (tmp_path / "manifest.json").exists()
