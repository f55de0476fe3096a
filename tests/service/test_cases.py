"""Case follow-up on a real store (SQLite and PostgreSQL): cases seeded from the statuses agencies
wrote in their notes, in their own languages, with the record beside each transition; the
lifecycle and its dates enforced; a prevention officer sees only the cases their cell follows and
only what was shared with it; children under ten are victims by rule, older ones reviewed case by
case; due actions are reminded; every read and write is one audit entry."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.errors import NotFoundError
from crossroads.service import case_lifecycle, case_seeding, case_views, cases, clock
from crossroads.service.case_lifecycle import NEXT, STATUSES, CaseError, Step, TransitionError, check
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import audit_rows, record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl

TODAY = datetime.now(UTC).date()
CELL = "prevention.molenbeek/security-cell"


@pytest.fixture(autouse=True)
def _today_all_along(monkeypatch: pytest.MonkeyPatch) -> None:
    """``TODAY`` is read once, at import; the service's clock is kept on that day, moving by whole
    days only, so that a run crossing midnight UTC does not see two days (a CI run past 00:00 had the
    service refuse an action due ``TODAY`` as before today)."""
    real = clock.now

    def on_today() -> datetime:
        moment = real()
        return moment - timedelta(days=(moment.date() - TODAY).days)

    monkeypatch.setattr(clock, "now", on_today)


def rec(rid: str, source: str, name: str, birth: str, notes: str, **more: Any) -> dict[str, Any]:
    props = {"name": [name], "birthDate": [birth], "gender": ["male"], "status": ["x"], "notes": [notes]}
    props.update({k: [v] for k, v in more.items()})
    return {"id": rid, "source": source, "properties": props}


def years_ago(n: int) -> str:
    return f"{TODAY.year - n:04d}-01-01"


@pytest.fixture
def world(store: Store, tmp_path: Path) -> dict[str, str]:
    """A returnee known to the threat-assessment centre (French notes) and to intelligence (English),
    a child of six and a teenager brought back; users of a task force, a cell, intelligence,
    oversight and a foreign partner."""
    from crossroads.service import admin

    for code, kind in (("ocam", "threat-assessment"), ("intel.civil", "civil-intelligence"),
                       ("prevention.molenbeek", "prevention"), ("police.zone", "local-police")):  # fmt: skip
        agency(store, code, kind)
    admin.add_unit(store, ROOT, "prevention.molenbeek", "security-cell", "Local integral security cell")
    admin.add_unit(store, ROOT, "prevention.molenbeek", "other-cell", "Another cell")
    admin.add_unit(store, ROOT, "police.zone", "ltf-west", "Local Task Force West")
    rows = [
        rec("o1", "ocam", "EL AMRANI Youssef", "1991-04-12",
            "Revenu 2016-03-04; Arrêté 2016-03-10; Détenu 2016-03-12",
            address="Rue de la Colonne 12, 1080 Molenbeek-Saint-Jean"),
        rec("i1", "intel.civil", "Youssef EL AMRANI", "1991-04-12", "In conflict zone (Syria) 2015-02-01"),
        rec("c1", "ocam", "BENALI Amina", years_ago(6),
            f"En zone de conflit (Syrie) {TODAY.year - 3}-01-10; Revenu {TODAY.year - 1}-06-01"),
        rec("t1", "ocam", "TAHIRI Bilal", years_ago(15), f"Revenu {TODAY.year - 1}-02-01"),
        rec("c2", "ocam", "CHAOUKI Nadia", years_ago(12), f"Revenu {TODAY.year - 5}-06-01"),
        rec("a2", "ocam", "LAHLOU Karim", "1984-07-01", "Propagandiste 2015-05-05"),
        rec("i2", "intel.civil", "Karim LAHLOU", "1984-07-01",
            "Propagandist 2015-05-05; Arrested 2016-07-07"),
    ]  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    admin.add_user(store, ROOT, "tf", "police.zone", "ltf-west", "secret", ["analyst"])
    register(store, "fusion", "analyst", agency="ocam", kind="threat-assessment")
    register(store, "spook", "analyst", agency="intel.civil", kind="civil-intelligence")
    admin.add_user(store, ROOT, "cell", "prevention.molenbeek", "security-cell", "restricted",
                   ["prevention-officer"])  # fmt: skip
    admin.add_user(store, ROOT, "other", "prevention.molenbeek", "other-cell", "restricted",
                   ["prevention-officer"])  # fmt: skip
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    register(store, "partner", "analyst", agency="foreign.tr", kind="foreign-partner", country="TR")
    with store.transaction() as conn:
        return {ref: str(record_rows.get(conn, *ref.split("/")).entity_id)
                for ref in ("ocam/o1", "ocam/c1", "ocam/t1", "ocam/a2", "ocam/c2")}  # fmt: skip


def trail(store: Store, action: str) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        entries = [audit.Entry(*r) for r in audit_rows.entries(conn)]
    return [{"actor": e.actor, **orjson.loads(e.detail)} for e in entries if e.action == action]


def case_of(store: Store, user: str, entity: str) -> case_views.CaseSummary:
    [found] = [c for c in case_views.list_cases(store, user) if c.entity == entity]
    return found


def test_every_pair_of_statuses_is_allowed_exactly_as_the_lifecycle_says() -> None:
    start = date(2016, 1, 1)
    for previous in STATUSES:
        for status in STATUSES:
            timeline = [Step(previous, start)]
            if status == previous or status in NEXT[previous]:
                check(timeline, status, start, TODAY, None)
            else:
                with pytest.raises(TransitionError, match=f"status '{status}'"):
                    check(timeline, status, start, TODAY, None)
                check(timeline, status, start, TODAY, "two reports disagree")  # an override lets it in
    with pytest.raises(TransitionError, match=r"^date .*in the future"):
        check([], "returned", TODAY + timedelta(days=1), TODAY, None)
    with pytest.raises(TransitionError, match=r"^date 2015-12-31: before .*returned on 2016-01-01"):
        check([Step("returned", start)], "arrested", date(2015, 12, 31), TODAY, None)


def test_seeding_reads_the_notes_in_each_language_and_keeps_the_record_beside_each_transition(
    world: dict[str, str], store: Store
) -> None:
    report = case_seeding.seed(store, "spook", taskforce="police.zone/ltf-west")
    assert len(report.opened) == 5 and report.added == 11 and report.conflicts == []
    returnee = case_of(store, "spook", world["ocam/o1"])
    assert (returnee.category, returnee.status, returnee.taskforce) == (
        "foreign_fighter", "detained", "police.zone/ltf-west")  # fmt: skip
    assert returnee.municipality == "1080 Molenbeek-Saint-Jean"
    shown = case_views.show(store, "spook", returnee.id)
    assert [(t.status, str(t.on), t.source_record) for t in shown.timeline] == [
        ("in_conflict_zone", "2015-02-01", "intel.civil/i1"), ("returned", "2016-03-04", "ocam/o1"),
        ("arrested", "2016-03-10", "ocam/o1"), ("detained", "2016-03-12", "ocam/o1"),
    ]  # fmt: skip
    assert case_of(store, "spook", world["ocam/a2"]).category == "propagandist"
    again = case_seeding.seed(store, "spook")
    assert (again.opened, again.added, again.kept) == ([], 0, 11)  # nothing twice
    [entry, _again] = [e for e in trail(store, "case") if "seeded" in e]
    assert entry["seeded"] == report.opened and "intel.civil/i1" not in str(entry)  # counts, not refs


def test_a_threat_analyst_does_not_seed_from_intelligence_notes_nor_see_them(
    world: dict[str, str], store: Store
) -> None:
    case_seeding.seed(store, "spook")
    returnee = case_of(store, "fusion", world["ocam/o1"])
    shown = case_views.show(store, "fusion", returnee.id)
    assert [t.source_record for t in shown.timeline] == ["ocam/o1"] * 3
    assert shown.withheld == 1 and "notes" in shown.withheld_reason
    last_view = trail(store, "view")[-1]
    assert last_view["case"] == returnee.id and last_view["records"] == ["ocam/o1"]
    propagandist = case_of(store, "fusion", world["ocam/a2"])
    assert propagandist.status == "propagandist"  # the arrest is in an intelligence note
    with pytest.raises(TransitionError, match=r"latest transition \(one you may not see\)") as refused:
        cases.move(store, "fusion", propagandist.id, "monitored", date(2016, 7, 1))
    assert "arrested" not in str(refused.value) and "07-07" not in str(refused.value)
    assert case_of(store, "spook", world["ocam/a2"]).status == "arrested"


def test_moves_are_checked_against_the_lifecycle_and_each_write_is_one_audit_entry(
    world: dict[str, str], store: Store
) -> None:
    case_id = cases.open_case(store, "tf", world["ocam/a2"], "propagandist")
    with pytest.raises(CaseError, match="already has case"):
        cases.open_case(store, "tf", world["ocam/a2"], "propagandist")
    cases.move(store, "tf", case_id, "in_transit", date(2016, 1, 5), override="seen at the border")
    cases.move(store, "tf", case_id, "in_conflict_zone", date(2016, 2, 1), note="reported by family")
    cases.move(store, "tf", case_id, "presumed_deceased", date(2016, 9, 1))
    before = len(trail(store, "case"))
    with pytest.raises(TransitionError, match="'in_transit': not a move the lifecycle allows after"):
        cases.move(store, "tf", case_id, "in_transit", date(2016, 10, 1))
    with pytest.raises(TransitionError, match=r"^date 2016-08-01: before"):
        cases.move(store, "tf", case_id, "returned", date(2016, 8, 1), override="x")
    with pytest.raises(TransitionError, match=r"^date .* in the future"):
        cases.move(store, "tf", case_id, "returned", TODAY + timedelta(days=2), override="x")
    with pytest.raises(CaseError, match=r"^status 'flying'"):
        cases.move(store, "tf", case_id, "flying", date(2016, 10, 1))
    assert len(trail(store, "case")) == before  # a refused move writes nothing
    cases.move(store, "tf", case_id, "in_transit", date(2016, 10, 1), override="photo in Gaziantep")
    shown = case_views.show(store, "tf", case_id)
    assert [t.status for t in shown.timeline][-2:] == ["presumed_deceased", "in_transit"]
    assert shown.timeline[-1].override == "photo in Gaziantep" and shown.timeline[-1].reported_by == "tf"
    written = trail(store, "case")
    assert len(written) == before + 1 and written[-1]["override"] == "photo in Gaziantep"
    with pytest.raises(NotAllowedError):
        cases.move(store, "cell", case_id, "returned", date(2016, 11, 1))
    assert trail(store, "refusal")[-1]["actor"] == "cell"


def test_a_prevention_officer_sees_only_their_cells_cases_and_only_what_was_shared(
    world: dict[str, str], store: Store
) -> None:
    case_seeding.seed(store, "spook", cell=CELL, cell_municipality="1080")
    returnee = case_of(store, "spook", world["ocam/o1"])
    assert returnee.cell == CELL
    assert case_of(store, "spook", world["ocam/a2"]).cell is None  # no Molenbeek address
    cases.move(store, "tf", returnee.id, "released", TODAY - timedelta(days=3), note="early release")
    cases.move(store, "tf", returnee.id, "monitored", TODAY - timedelta(days=2), note="weekly", share=True)
    [seen] = case_views.list_cases(store, "cell")
    assert (seen.id, seen.status) == (returnee.id, "monitored")
    shown = case_views.show(store, "cell", returnee.id)
    assert [(t.status, t.note) for t in shown.timeline] == [("monitored", "weekly")]
    assert shown.withheld == 5 and "not shared" in shown.withheld_reason
    assert case_views.list_cases(store, "cell", status="detained") == []
    assert case_views.list_cases(store, "other") == []
    with pytest.raises(NotFoundError):
        case_views.show(store, "other", returnee.id)
    action = cases.add_action(store, "cell", returnee.id, "disengagement_programme", "intake", TODAY)
    assert [a.id for a in case_views.due(store, "cell")] == [action]
    with pytest.raises(NotFoundError):  # a case the cell does not follow is not one it may know of
        cases.add_action(store, "cell", case_of(store, "spook", world["ocam/a2"]).id, "other", "x", TODAY)
    with pytest.raises(NotAllowedError, match="foreign partners see no case"):
        case_views.list_cases(store, "partner")
    overseen = case_views.show(store, "watcher", returnee.id)
    assert len(overseen.timeline) == 6 and all(t.note is None for t in overseen.timeline)
    assert overseen.actions[0].description is None and overseen.timeline[-1].status == "monitored"
    views = trail(store, "view")
    assert views[-1]["actor"] == "watcher" and views[-1]["case"] == returnee.id


def test_a_child_under_ten_is_a_victim_by_rule_and_an_older_child_is_reviewed_case_by_case(
    world: dict[str, str], store: Store
) -> None:
    case_seeding.seed(store, "spook")
    child = case_of(store, "spook", world["ocam/c1"])
    assert child.category == "child_returnee"
    [rule] = case_views.show(store, "spook", child.id).reviews
    assert (rule.decision, rule.automatic) == ("victim", True) and "under 10" in (rule.reason or "")
    with pytest.raises(
        CaseError, match="under 10 when a record was made or on return, a victim by the minors' rule"
    ):
        cases.review_minor(store, "tf", child.id, "follow-up", "seems older")
    back_at_seven = case_views.show(store, "spook", case_of(store, "spook", world["ocam/c2"]).id)
    assert back_at_seven.case.category == "child_returnee"  # twelve when the record came, seven on return
    assert [(r.decision, r.automatic) for r in back_at_seven.reviews] == [("victim", True)]
    teen = case_of(store, "spook", world["ocam/t1"])
    assert case_views.show(store, "spook", teen.id).reviews == []
    cases.review_minor(store, "tf", teen.id, "follow-up", "fought; psychologist's report of March")
    [review] = case_views.show(store, "spook", teen.id).reviews
    assert (review.decision, review.automatic, review.decided_by) == ("follow-up", False, "tf")
    assert trail(store, "case")[-1]["reason"] == "fought; psychologist's report of March"
    adult = case_of(store, "spook", world["ocam/a2"])
    with pytest.raises(CaseError, match="not a minor on record"):
        cases.review_minor(store, "tf", adult.id, "victim", "x")


def test_due_actions_are_reminded_until_done(
    world: dict[str, str], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = cases.open_case(store, "tf", world["ocam/a2"], "propagandist")
    soon = cases.add_action(store, "tf", case_id, "probation_conditions", "check conditions", TODAY)
    later = cases.add_action(store, "tf", case_id, "prison", "visit", TODAY + timedelta(days=10))
    with pytest.raises(CaseError, match=r"^due date .* before today"):
        cases.add_action(store, "tf", case_id, "other", "late", TODAY - timedelta(days=1))
    with pytest.raises(CaseError, match=r"^kind 'holiday'"):
        cases.add_action(store, "tf", case_id, "holiday", "x", TODAY)
    assert [a.id for a in case_views.due(store, "tf")] == [soon]
    assert [a.id for a in case_views.due(store, "tf", within_days=10)] == [soon, later]
    real = clock.now
    monkeypatch.setattr(clock, "now", lambda: real() + timedelta(days=11))
    due = case_views.due(store, "tf")
    assert [a.id for a in due] == [soon, later] and all(a.due for a in due)
    cases.complete_action(store, "tf", soon, "conditions met")
    assert [a.id for a in case_views.due(store, "tf")] == [later]
    assert case_of(store, "tf", world["ocam/a2"]).due_actions == 1
    with pytest.raises(CaseError, match="was done on"):
        cases.complete_action(store, "tf", soon, "again")
    reminders = [e for e in trail(store, "view") if "due_actions" in e]
    assert len(reminders) == 4 and reminders[-1]["due_actions"] == [later]


def test_category_of_a_timeline() -> None:
    assert case_lifecycle.category_of(["home_grown", "monitored"], child=False) == "home_grown"
    assert case_lifecycle.category_of(["intending_to_leave", "stopped"], child=False) == "foreign_fighter"
    assert case_lifecycle.category_of(["returned"], child=True) == "child_returnee"
    assert case_seeding.read_notes(["Vertrekintentie 2015-01-02; onleesbaar; Tegengehouden 2015-02-03"],
                                   "police.zone", "police.zone/r") == [
        case_seeding.Derived(date(2015, 1, 2), STATUSES.index("intending_to_leave"), "intending_to_leave",
                             "police.zone", "police.zone/r"),
        case_seeding.Derived(date(2015, 2, 3), STATUSES.index("stopped"), "stopped", "police.zone",
                             "police.zone/r"),
    ]  # fmt: skip


def test_a_due_action_is_reminded_once_through_the_units_signed_webhooks(
    world: dict[str, str], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crossroads.service import alerts, case_reminders

    task_force, _ = alerts.add_webhook(store, ROOT, "police.zone", "http://127.0.0.1:9/tf", unit="ltf-west")
    cell, secret = alerts.add_webhook(store, ROOT, "prevention.molenbeek", "http://127.0.0.1:9/cell",
                                      unit="security-cell")  # fmt: skip
    alerts.add_webhook(store, ROOT, "prevention.molenbeek", "http://127.0.0.1:9/x", unit="other-cell")
    case_id = cases.open_case(
        store, "tf", world["ocam/a2"], "propagandist", cell="prevention.molenbeek/security-cell"
    )
    soon = cases.add_action(store, "tf", case_id, "probation_conditions", "check conditions", TODAY)
    cases.add_action(store, "tf", case_id, "prison", "visit", TODAY + timedelta(days=10))

    assert case_reminders.send_reminders(store) == 1  # only the one due today
    assert case_reminders.send_reminders(store) == 0  # once
    posted: list[tuple[str, dict[str, Any], dict[str, str]]] = []

    def receiver(url: str, body: str, headers: dict[str, str]) -> int:
        posted.append((url, orjson.loads(body), headers))
        return 200

    assert alerts.deliver_due(store, receiver) == (2, 0)
    assert sorted(url for url, _, _ in posted) == ["http://127.0.0.1:9/cell", "http://127.0.0.1:9/tf"]
    for _, body, _ in posted:
        assert body == {"reminder": soon, "case": case_id, "kind": "probation_conditions",
                        "due_on": TODAY.isoformat(), "entity": world["ocam/a2"]}  # fmt: skip
    [(_, body, headers)] = [p for p in posted if p[0].endswith("/cell")]
    stamp = headers[alerts.TIMESTAMP_HEADER]
    assert headers[alerts.SIGNATURE_HEADER] == alerts.signature(secret, stamp, orjson.dumps(body).decode())
    [entry] = [e for e in trail(store, "case") if "reminders" in e]
    assert entry["actor"] == "crossroads.reminders"
    assert entry["reminders"] == [{"action": soon, "case": case_id, "webhooks": sorted([task_force, cell])}]
    real = clock.now
    monkeypatch.setattr(clock, "now", lambda: real() + timedelta(days=11))
    assert case_reminders.send_reminders(store) == 1  # the second falls due in its turn
