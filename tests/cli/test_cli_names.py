"""`crossroads names`: parse, compare one pair, and the batch form outside tools depend on."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson
from typer.testing import CliRunner

from crossroads.cli.main import app

runner = CliRunner()


def test_parse_reads_roles_from_capitals() -> None:
    result = runner.invoke(app, ["names", "parse", "EL BAKKALI Youssef", "--json"])
    assert result.exit_code == 0, result.output
    parts = {p["text"]: p["role"] for p in orjson.loads(result.stdout)["parts"]}
    assert parts == {"EL": "particle", "BAKKALI": "family", "Youssef": "given"}


def test_compare_gives_score_alignment_and_explanation() -> None:
    result = runner.invoke(app, ["names", "compare", "Hamdaoui, Karim", "Karim HAMDAWI", "--json"])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout)
    assert 0.5 < data["score"] <= 1.0
    assert "family name Hamdaoui ≈ HAMDAWI" in data["explanation"]
    assert {(p["a"], p["b"]) for p in data["parts"]} == {("Karim", "Karim"), ("Hamdaoui", "HAMDAWI")}


def test_pairs_file_keeps_rows_and_extra_columns_and_adds_score(tmp_path: Path) -> None:
    pairs, scores = tmp_path / "pairs.csv", tmp_path / "out" / "scores.csv"
    rows = [
        {"a": "Youssef El Amrani", "b": "يوسف العمراني", "case": "same"},
        {"a": "Nadia Lahlou", "b": "Karim Mernissi", "case": "different"},
        {"a": "Chaouki AZZOUZI", "b": "Sjawki Azouzi", "case": "same"},
    ]
    with pairs.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["a", "b", "case"])
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(app, ["names", "compare", "--pairs", str(pairs), "--out", str(scores)])
    assert result.exit_code == 0, result.output
    with scores.open(newline="", encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    assert [(r["a"], r["b"], r["case"]) for r in written] == [(r["a"], r["b"], r["case"]) for r in rows]
    values = [float(r["score"]) for r in written]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert min(values[0], values[2]) > 0.5 > values[1]


def test_pairs_file_errors_name_the_line(tmp_path: Path) -> None:
    no_b = tmp_path / "no_b.csv"
    no_b.write_text("a,name\nYoussef,Ali\n", encoding="utf-8")
    result = runner.invoke(app, ["names", "compare", "--pairs", str(no_b), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code != 0 and "line 1" in result.output and "b" in result.output
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("a,b\nYoussef,Ali\nAïcha,Aisha\n".encode("latin-1"))
    result = runner.invoke(
        app, ["names", "compare", "--pairs", str(latin1), "--out", str(tmp_path / "o.csv")]
    )
    assert result.exit_code != 0 and "line 3" in result.output and "UTF-8" in result.output
    assert not (tmp_path / "o.csv").exists()
    result = runner.invoke(app, ["names", "compare", "--pairs", str(latin1)])
    assert result.exit_code == 2 and "--out" in result.output
