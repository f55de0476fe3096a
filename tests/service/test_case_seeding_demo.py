"""Seeding cases from the demo data set (the threat-assessment centre's export, which carries every
status in French notes) on both stores: each case's timeline is the person's true history, each
transition names the record it was read from, the children the generator made victims (under ten
on return) are victims by rule and no other child is, and the Molenbeek security cell follows only
the cases of its municipality, seeing none of the transitions read from records."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import orjson
import pytest

from crossroads.demo import directory
from crossroads.demo.generate import generate
from crossroads.service import case_seeding, case_views
from crossroads.service.case_lifecycle import STATUS_ALIASES
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store.store import Store

CELL = "prevention.molenbeek/security-cell"


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo-cases")
    generate(1_500, 2016, root)
    return root


@pytest.mark.slow
def test_demo_records_yield_cases_with_their_true_timelines(store: Store, demo_root: Path) -> None:
    directory.seed(store)
    ingest_file(store, demo_root / "ocam.jsonl", user="demo.steward")
    resolve_store(store, "demo.steward")
    report = case_seeding.seed(store, "demo.analyst", cell=CELL, cell_municipality="Molenbeek")
    persons = {}
    for line in (demo_root / "truth" / "persons.jsonl").read_bytes().splitlines():
        person = orjson.loads(line)
        persons[person["person_id"]] = person
    with (demo_root / "truth" / "truth.csv").open(newline="", encoding="utf-8") as handle:
        owner = {f"{row['source']}/{row['id']}": row["person_id"] for row in csv.DictReader(handle)}
    watched = [p for p in persons.values() if p["status_history"]]
    assert len(report.opened) >= 0.9 * len(watched) and report.records >= len(report.opened)
    assert len(report.conflicts) <= 0.02 * len(report.opened)
    exact, cells = 0, 0
    for summary in case_views.list_cases(store, "demo.analyst"):
        view = case_views.show(store, "demo.analyst", summary.id)
        people = {owner[t.source_record or ""] for t in view.timeline}
        truth = {
            (STATUS_ALIASES.get(s["status"], s["status"]), s["date"])
            for pid in people
            for s in persons[pid]["status_history"]
        }
        shown = {(t.status, str(t.on)) for t in view.timeline}
        assert shown <= truth, summary.id  # nothing a record did not say
        assert all(t.source_record and t.source_agency == "ocam" for t in view.timeline)
        exact += shown == truth
        is_victim = any(persons[p].get("victim") for p in people)
        assert any(r.automatic and r.decision == "victim" for r in view.reviews) == is_victim, summary.id
        if is_victim:
            assert summary.category == "child_returnee"
        if summary.cell == CELL:
            cells += 1
            assert "Molenbeek" in (summary.municipality or "")
    assert exact >= 0.95 * len(report.opened)
    followed = case_views.list_cases(store, "demo.prevention")
    assert len(followed) == cells > 0 and all(c.status is None for c in followed)
    by_status: dict[str, int] = defaultdict(int)
    for summary in case_views.list_cases(store, "demo.analyst"):
        by_status[summary.status or ""] += 1
    assert by_status["in_conflict_zone"] > 0 and by_status["monitored"] > 0
