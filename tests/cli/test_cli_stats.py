"""`crossroads stats` and `crossroads indicators` on both stores: the tables printed, the same
figures written as CSV, a bad month refused in one line, snapshots taken and listed in order."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossroads.cli.console import out
from crossroads.cli.main import app
from crossroads.service import case_seeding
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl


def said(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("│", " ").replace("┃", " ").split())


@pytest.fixture
def cli(store: Store, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    agency(store, "ocam", "threat-assessment")
    rows = [
        {"id": f"o{n}", "source": "ocam", "properties": {
            "name": [name], "birthDate": [f"19{80 + n}-01-0{n}"], "status": ["x"], "notes": [notes],
            "address": [f"Rue {n}, 1080 Molenbeek-Saint-Jean"]}}
        for n, (name, notes) in enumerate([
            ("EL AMRANI Youssef", "En transit 2015-03-10; Revenu 2016-05-04"),
            ("BENALI Hamza", "En transit 2015-03-12; En zone de conflit (Syrie) 2015-04-01"),
        ], start=1)
    ]  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "a.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "fusion", "analyst", agency="ocam", kind="threat-assessment")
    case_seeding.seed(store, "fusion")
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    monkeypatch.setattr(out, "width", 250)
    return CliRunner()


def test_stats_print_and_export_the_same_figures(cli: CliRunner, tmp_path: Path) -> None:
    flows = said(cli, "stats", "flows", "--from", "2015-03", "--to", "2016-05", "--user", "fusion")
    assert "2015-03 2 0 0 0 0 0" in flows and "2016-05 0 0 1 0 0 1" in flows
    assert "2015-12 0 0 0 0 0 1" in flows
    stock = said(cli, "stats", "stock", "--to", "2015-12", "--user", "fusion")
    assert "in_conflict_zone 1" in stock and "in_transit 1" in stock
    assert "1080 Molenbeek-Saint-Jean 2 2 1 1 0" in said(cli, "stats", "by-municipality", "--user", "fusion")
    assert "ocam 2 4 2 1" in said(cli, "stats", "by-agency", "--user", "fusion")
    target = tmp_path / "flows.csv"
    assert "15 row(s) written" in said(cli, "stats", "flows", "--csv", str(target), "--user", "fusion")
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["month", "departures"] and rows[1] == ["2015-03", "2", "0", "0", "0", "0", "0"]
    bad = cli.invoke(app, ["stats", "flows", "--from", "2016-13", "--user", "fusion"])
    assert bad.exit_code != 0 and "a month such as 2016-03" in bad.output


def test_indicators_show_snapshot_and_history(cli: CliRunner, tmp_path: Path) -> None:
    shown = said(cli, "indicators", "show", "--as-of", "2016-05", "--user", "fusion")
    assert "returns 1 0 up" in shown and "open_cases 2 2 steady" in shown
    assert "snapshot" in said(cli, "indicators", "snapshot", "--as-of", "2016-05", "--user", "fusion")
    assert "snapshot" in said(cli, "indicators", "snapshot", "--as-of", "2015-06", "--user", "fusion")
    target = tmp_path / "history.csv"
    said(cli, "indicators", "history", "--csv", str(target), "--user", "fusion")
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["as_of"] for r in rows] == ["2015-06-30"] * 5 + ["2016-05-31"] * 5
    departures = [(r["value"], r["previous"]) for r in rows if r["indicator"] == "departures"]
    assert departures == [("0", "2"), ("0", "0")]  # 2015-03 is in the three months before 2015-06's
