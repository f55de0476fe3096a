"""`crossroads stats` and `crossroads indicators` on both stores: the tables printed, the same
figures written as CSV, a bad month refused in one line, snapshots taken and listed in order."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossroads.cli.console import out
from crossroads.cli.main import app
from crossroads.service import clock, indicators
from crossroads.store.store import Store
from identity_factory import register
from returnees_world import two_returnees


def said(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("│", " ").replace("┃", " ").split())


@pytest.fixture
def cli(store: Store, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    two_returnees(store, tmp_path)
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


def test_deliver_from_a_timer_takes_last_months_snapshot_once(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "snapshot" not in said(cli, "alerts", "deliver")  # no analyst named: none is taken
    monkeypatch.setenv("CROSSROADS_SNAPSHOT_ANALYST", "fusion")
    monkeypatch.setattr(clock, "now", lambda: datetime(2016, 6, 1, 8, 0, tzinfo=UTC))  # May is over
    assert "last month's indicator snapshot taken" in said(cli, "alerts", "deliver")
    assert "snapshot" not in said(cli, "alerts", "deliver")  # May's is there: taken once
    history = said(cli, "indicators", "history", "--user", "fusion")
    assert history.count("2016-05-31") == len(indicators.INDICATORS)


def test_deliver_goes_on_when_the_snapshot_analyst_is_refused_and_says_why(
    cli: CliRunner, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(store, "local", "analyst", agency="police.zone", kind="local-police")
    monkeypatch.setenv("CROSSROADS_SNAPSHOT_ANALYST", "local")  # not the threat-assessment centre's
    monkeypatch.setattr(clock, "now", lambda: datetime(2016, 6, 1, 8, 0, tzinfo=UTC))
    printed = said(cli, "alerts", "deliver")
    assert "warning: no indicator snapshot as CROSSROADS_SNAPSHOT_ANALYST=local: refused" in printed
    assert "threat-assessment centre's" in printed
    assert "0 delivered, 0 failed" in printed  # the webhooks are still sent
    assert "snapshot taken" not in printed
