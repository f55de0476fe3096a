"""`crossroads cases` as a task-force analyst uses it, on both stores: seed from records, list,
show the timeline, move (a refused move is one clear line naming the field), add an action, see it
due, complete it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossroads.cli.console import out
from crossroads.cli.main import app
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl


def said(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("│", " ").replace("┃", " ").split())  # table cells as words


def test_seed_list_show_move_and_follow_up_a_case(
    store: Store, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency(store, "ocam", "threat-assessment")
    notes = "Teruggekeerd 2016-03-04; Aangehouden 2016-03-10"
    row = {"id": "o1", "source": "ocam", "properties": {
        "name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"], "status": ["arrested"], "notes": [notes],
        "address": ["Kerkstraat 3, 2000 Antwerpen"]}}  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "a.jsonl", [row]), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "ltf", "analyst", agency="police.zone", kind="local-police")
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    monkeypatch.setattr(out, "width", 250)
    cli = CliRunner()
    assert "1 case(s) opened, 2 transition(s) recorded from 1 record(s)" in said(
        cli, "cases", "seed", "--user", "ltf"
    )
    listed = said(cli, "cases", "list", "--municipality", "antwerpen", "--user", "ltf")
    assert "foreign_fighter arrested 2016-03-10 police.zone" in listed and "1 case(s)" in listed
    assert "0 case(s)" in said(cli, "cases", "list", "--status", "returned", "--user", "ltf")
    shown = said(cli, "cases", "show", "1", "--user", "ltf")
    assert "2016-03-04 returned ocam ocam/o1 ltf" in shown and "2016-03-10 arrested" in shown
    bad = cli.invoke(app, ["cases", "move", "1", "in_transit", "--on", "2016-03-01", "--user", "ltf"])
    assert bad.exit_code == 2 and "date 2016-03-01: before the case's latest transition" in bad.output
    bad_date = cli.invoke(app, ["cases", "move", "1", "detained", "--on", "soon", "--user", "ltf"])
    assert bad_date.exit_code == 2 and "2016-03-04" in bad_date.output
    assert "case 1: detained on 2016-03-12" in said(
        cli, "cases", "move", "1", "detained", "--on", "2016-03-12", "--user", "ltf"
    )
    today = date.today()
    assert "action 1 on case 1" in said(
        cli, "cases", "action", "1", "--kind", "prison", "--what", "visit in prison", "--due", str(today),
        "--user", "ltf",
    )  # fmt: skip
    assert "1 action(s) due" in said(cli, "cases", "due", "--user", "ltf")
    sent = said(cli, "alerts", "deliver")  # where no server runs, a timer sends the reminders
    assert "1 reminder(s) of due follow-up actions queued" in sent and "0 delivered, 0 failed" in sent
    assert "0 reminder(s)" in said(cli, "alerts", "deliver")  # each reminder goes once
    assert "visit in prison" in said(cli, "cases", "due", "--within", "3", "--user", "ltf")
    assert "action 1 done" in said(cli, "cases", "done", "1", "--outcome", "seen", "--user", "ltf")
    assert "0 action(s) due" in said(cli, "cases", "due", "--user", "ltf")
    adult = cli.invoke(
        app, ["cases", "minor-review", "1", "--decision", "victim", "--reason", "x", "--user", "ltf"]
    )
    assert adult.exit_code == 2 and "not a minor on record" in adult.output
    stranger = cli.invoke(app, ["cases", "list", "--user", "nobody"])
    assert stranger.exit_code == 5 and "not a registered user" in stranger.output
    later = str(today + timedelta(days=1))
    future = cli.invoke(app, ["cases", "move", "1", "convicted", "--on", later, "--user", "ltf"])
    assert future.exit_code == 2 and "in the future" in future.output
