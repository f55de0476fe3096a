"""Watchlist and alerts on a real store (SQLite and PostgreSQL): a watched person's new record,
in another agency's spelling, raises an alert to the responsible unit in its own resolution; a
close record that does not join raises one too; an unrelated one does not; the webhook delivery
waits in the outbox, is signed, retried with a growing wait while the receiver fails, and sent
once it answers; handling is the responsible agency's, and every step is in the audit trail."""

from __future__ import annotations

import hmac
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.errors import NotFoundError
from crossroads.service import alerts, clock, realtime
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import alert_rows, audit_rows, record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl

NEXT_YEAR = date.today() + timedelta(days=365)


def rec(rid: str, source: str, **props: str) -> dict[str, Any]:
    return {"id": rid, "source": source, "properties": {k: [v] for k, v in props.items()}}


def arrive(store: Store, tmp_path: Path, *rows: dict[str, Any]) -> list[realtime.Arrival]:
    report = ingest_file(
        store, write_jsonl(tmp_path / f"{rows[0]['id']}.jsonl", list(rows)), user=steward(store)
    )
    return realtime.resolve_arrivals(store, steward(store), report.touched)


@pytest.fixture
def watched(store: Store, tmp_path: Path) -> tuple[Store, str]:
    for code, kind in (("police.federal", "federal-police"), ("foreign.tr", "foreign-partner")):
        agency(store, code, kind, "TR" if code == "foreign.tr" else None)
    rows = [
        rec("a", "police.federal", name="EL AMRANI Youssef", birthDate="1991-04-12", gender="male"),
        rec("b", "police.federal", name="Youssef El Amrani", birthDate="1991-04-12", gender="male"),
        rec("k", "police.federal", name="BENALI Karim", birthDate="1985-07-01", gender="male"),
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "ltf.one", "analyst", agency="police.zone", kind="local-police")
    register(store, "ltf.two", "analyst", agency="police.zone", kind="local-police")
    register(store, "elsewhere", "analyst", agency="police.federal")
    from crossroads.service import admin

    admin.add_unit(store, ROOT, "police.zone", "ltf-west", "Local Task Force West", contact=True)
    with store.transaction() as conn:
        entity = record_rows.get(conn, "police.federal", "a").entity_id
    assert entity is not None
    return store, entity


def trail(store: Store, action: str) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        entries = [audit.Entry(*r) for r in audit_rows.entries(conn)]
    return [{"actor": e.actor, **orjson.loads(e.detail)} for e in entries if e.action == action]


def test_a_watched_persons_new_record_alerts_the_responsible_unit_with_what_it_may_read(
    watched: tuple[Store, str], tmp_path: Path
) -> None:
    store, entity = watched
    made = alerts.watch(
        store, "ltf.one", entity, "returned from the conflict zone", NEXT_YEAR, unit="ltf-west"
    )
    hook, _ = alerts.add_webhook(store, ROOT, "police.zone", "https://ltf.example/hook", unit="ltf-west")
    notice = rec("tr-1", "foreign.tr", name="Yusuf ELAMRANİ", birthDate="1991-04-12", gender="male",
                 notes="deported at the border")  # fmt: skip
    [arrival] = arrive(store, tmp_path, notice)
    assert arrival.entity == entity and len(arrival.alerts) == 1
    [shown] = alerts.inbox(store, "ltf.one")
    assert (shown.kind, shown.entity, shown.record, shown.status, shown.unit) == (
        "resolved", entity, "foreign.tr/tr-1", "open", "ltf-west")  # fmt: skip
    assert shown.content["notes"] == ["deported at the border"] and shown.score >= 0.9
    assert shown.against.startswith("police.federal/")
    assert alerts.inbox(store, "elsewhere") == []  # another agency's analysts see none of it
    why = alerts.explain_alert(store, "ltf.one", shown.id)
    assert why.explanation.a == "foreign.tr/tr-1" and why.explanation.probability >= 0.9
    with store.transaction() as conn:
        [queued] = alert_rows.waiting(conn)
    body = orjson.loads(queued.payload)
    assert queued.webhook_id == hook and body["alert"] == shown.id and "notes" not in queued.payload
    raised = trail(store, "alert")
    assert raised[-1]["alert"] == shown.id and raised[-1]["watch"] == made.id


def test_a_close_record_alerts_without_joining_and_an_unrelated_one_does_not(
    watched: tuple[Store, str], tmp_path: Path
) -> None:
    store, entity = watched
    alerts.watch(store, "ltf.one", entity, "subject of a joint file", NEXT_YEAR)
    [close, other] = arrive(
        store, tmp_path, rec("n-1", "foreign.tr", name="Youssef EL AMRANI", gender="male"),
        rec("n-2", "police.federal", name="Karim BENALI", birthDate="1985-07-01", gender="male"),
    )  # fmt: skip
    assert close.entity != entity and len(close.alerts) == 1 and other.alerts == ()
    [shown] = alerts.inbox(store, "ltf.one")
    assert shown.kind == "close" and 0.5 <= shown.score < 0.9 and shown.entity == entity


def test_deliveries_are_signed_retried_with_a_growing_wait_and_never_dropped(
    watched: tuple[Store, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, entity = watched
    alerts.watch(store, "ltf.one", entity, "returned", NEXT_YEAR)
    _, secret = alerts.add_webhook(store, ROOT, "police.zone", "https://ltf.example/hook")
    arrive(store, tmp_path, rec("c", "police.federal", name="Youssef EL AMRANI", birthDate="1991-04-12"))
    sent: list[tuple[str, dict[str, str]]] = []

    def down(url: str, body: str, headers: dict[str, str]) -> int:
        sent.append((body, headers))
        raise ConnectionError("receiver down")

    assert alerts.deliver_due(store, down) == (0, 1)
    assert alerts.deliver_due(store, down) == (0, 0)  # not due again yet
    start = clock.now()
    for waited in (3, 7):  # 2 s after the first failure, 4 s after the second
        monkeypatch.setattr(clock, "now", lambda w=waited: start + timedelta(seconds=w))
        assert alerts.deliver_due(store, down) == (0, 1)
    with store.transaction() as conn:
        [item] = alert_rows.waiting(conn)
    assert item.attempts == 3 and "receiver down" in item.last_error
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=16))
    assert alerts.deliver_due(store, lambda url, body, headers: sent.append((body, headers)) or 204) == (1, 0)
    with store.transaction() as conn:
        assert alert_rows.waiting(conn) == []
    body, headers = sent[-1]
    expected = alerts.signature(secret, headers[alerts.TIMESTAMP_HEADER], body)
    assert hmac.compare_digest(headers[alerts.SIGNATURE_HEADER], expected)
    assert alerts.signature("another secret", headers[alerts.TIMESTAMP_HEADER], body) != expected


def test_handling_is_the_responsible_agencys_and_every_step_is_recorded(
    watched: tuple[Store, str], tmp_path: Path
) -> None:
    store, entity = watched
    alerts.watch(store, "ltf.one", entity, "returned", NEXT_YEAR)
    arrive(store, tmp_path, rec("c", "police.federal", name="Youssef EL AMRANI", birthDate="1991-04-12"))
    [shown] = alerts.inbox(store, "ltf.one")
    with pytest.raises(NotFoundError):
        alerts.handle(store, "elsewhere", shown.id, "acknowledge")
    assert alerts.handle(store, "ltf.one", shown.id, "acknowledge") == "acknowledged"
    with pytest.raises(alerts.WatchError, match=r"not an analyst of police\.zone"):
        alerts.handle(store, "ltf.one", shown.id, "assign", assignee="elsewhere")
    alerts.handle(store, "ltf.one", shown.id, "assign", "for the morning shift", assignee="ltf.two")
    with pytest.raises(alerts.WatchError, match="needs a note"):
        alerts.handle(store, "ltf.two", shown.id, "close")
    assert alerts.handle(store, "ltf.two", shown.id, "close", "seen at the address; file updated") == "closed"
    [closed] = alerts.inbox(store, "ltf.one", status="closed")
    assert closed.assignee == "ltf.two"
    steps = [(e["actor"], e["action"]) for e in trail(store, "alert") if "action" in e]
    assert steps == [("ltf.one", "acknowledge"), ("ltf.one", "assign"), ("ltf.two", "close")]


def test_a_watch_is_refused_for_an_unknown_person_a_past_review_date_and_a_child_victim(
    watched: tuple[Store, str], tmp_path: Path
) -> None:
    store, entity = watched
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    with pytest.raises(NotAllowedError, match="analyst role"):  # only an analyst's unit flags a person
        alerts.watch(store, "watcher", entity, "curious", NEXT_YEAR)
    assert trail(store, "refusal")[-1]["actor"] == "watcher"
    with pytest.raises(NotFoundError):
        alerts.watch(store, "ltf.one", "E0000000000000000", "no such person", NEXT_YEAR)
    with pytest.raises(alerts.WatchError, match="after today"):
        alerts.watch(store, "ltf.one", entity, "returned", date.today())
    [child] = arrive(
        store,
        tmp_path,
        rec("kid", "police.federal", name="AMRANI Sami", birthDate=f"{date.today().year - 6}-03-01"),
    )
    with pytest.raises(alerts.WatchError, match="minors"):
        alerts.watch(store, "ltf.one", child.entity, "travelled with the family", NEXT_YEAR)
    assert trail(store, "watch")[-1]["refused"]
    made = alerts.watch(store, "ltf.one", entity, "returned", NEXT_YEAR)
    assert [w.id for w in alerts.watches(store, "ltf.one")] == [made.id]
    alerts.unwatch(store, "ltf.one", made.id, "case closed by the task force")
    assert alerts.watches(store, "ltf.one") == []
    assert (
        arrive(store, tmp_path, rec("d", "police.federal", name="Youssef EL AMRANI", birthDate="1991-04-12"))[
            0
        ].alerts
        == ()
    )


def test_a_record_first_linked_by_a_batch_run_alerts_too(watched: tuple[Store, str], tmp_path: Path) -> None:
    store, entity = watched
    alerts.watch(store, "ltf.one", entity, "returned", NEXT_YEAR)
    rows = [
        rec("big-1", "foreign.tr", name="Yusuf EL AMRANİ", birthDate="1991-04-12", gender="male"),
        rec("big-2", "foreign.tr", name="Mehmet YILMAZ", birthDate="1979-01-05", gender="male"),
    ]
    ingest_file(
        store, write_jsonl(tmp_path / "export.jsonl", rows), user=steward(store)
    )  # not resolved on arrival
    assert alerts.inbox(store, "ltf.one") == []
    resolve_store(store, steward(store))
    [shown] = alerts.inbox(store, "ltf.one")
    assert (shown.kind, shown.entity, shown.record) == ("resolved", entity, "foreign.tr/big-1")
    assert shown.score >= 0.9 and shown.against.startswith("police.federal/")
    resolve_store(store, steward(store))  # a second run links nothing for the first time
    assert len(alerts.inbox(store, "ltf.one")) == 1


def test_a_watch_past_its_review_date_is_listed_as_due(
    watched: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, entity = watched
    alerts.watch(store, "ltf.one", entity, "returned", date.today() + timedelta(days=30))
    [fresh] = alerts.watches(store, "ltf.one")
    later = clock.now() + timedelta(days=31)
    monkeypatch.setattr(clock, "now", lambda: later)
    [due] = alerts.watches(store, "ltf.one")
    assert not fresh.due and due.due


@pytest.mark.parametrize(
    ("source", "kind", "country", "notice"),
    [
        ("foreign.fr", "foreign-partner", "FR",
         {"name": "Youssouf EL AMRANI", "notes": "reconduit à la frontière (expulsion)"}),
        ("prison.service", "prison-service", None,
         {"name": "EL-AMRANI, Youssef", "notes": "released from Haren prison"}),
    ],
)  # fmt: skip
def test_a_french_partners_notice_and_a_prison_release_are_ordinary_records_that_alert(
    watched: tuple[Store, str], tmp_path: Path, source: str, kind: str, country: str | None,
    notice: dict[str, str],
) -> None:  # fmt: skip
    store, entity = watched
    agency(store, source, kind, country)
    alerts.watch(store, "ltf.one", entity, "returned from the conflict zone", NEXT_YEAR)
    [arrival] = arrive(store, tmp_path, rec("n-1", source, birthDate="1991-04-12", gender="male", **notice))
    assert arrival.entity == entity and len(arrival.alerts) == 1
    [shown] = alerts.inbox(store, "ltf.one")
    assert (shown.kind, shown.record, shown.entity) == ("resolved", f"{source}/n-1", entity)


def test_an_updated_record_of_a_watched_person_alerts_and_an_unchanged_one_does_not(
    watched: tuple[Store, str], tmp_path: Path
) -> None:
    store, entity = watched
    alerts.watch(store, "ltf.one", entity, "returned", NEXT_YEAR)
    same = rec("b", "police.federal", name="Youssef El Amrani", birthDate="1991-04-12", gender="male")
    assert arrive(store, tmp_path, same) == []  # sent again unchanged: nothing arrives, nothing alerts
    moved = {**same, "properties": {**same["properties"], "address": ["Rue Haute 3, 1000 Bruxelles"]}}
    [arrival] = arrive(store, tmp_path, moved)
    assert arrival.entity == entity and len(arrival.alerts) == 1
    [shown] = alerts.inbox(store, "ltf.one")
    assert (shown.kind, shown.record) == ("resolved", "police.federal/b")


def test_a_delivery_queued_before_a_restart_is_sent_by_the_next_process(
    watched: tuple[Store, str], store_url: str, tmp_path: Path
) -> None:
    store, entity = watched
    alerts.watch(store, "ltf.one", entity, "returned", NEXT_YEAR)
    alerts.add_webhook(store, ROOT, "police.zone", "https://ltf.example/hook")
    notice = rec("c", "police.federal", name="Youssef EL AMRANI", birthDate="1991-04-12")
    [arrival] = arrive(store, tmp_path, notice)
    store.close()  # the service stops before the courier's round
    sent: list[dict[str, Any]] = []

    def receiver(url: str, body: str, headers: dict[str, str]) -> int:
        sent.append(orjson.loads(body))
        return 204

    with Store(store_url) as restarted:  # its own engine and connections, as a new process
        assert alerts.deliver_due(restarted, receiver) == (1, 0)
    assert [body["alert"] for body in sent] == list(arrival.alerts)


@pytest.mark.parametrize("caveat", ["NODISCOVERY", "ORCON"])
def test_an_alert_names_a_record_only_to_a_unit_that_may_learn_it_exists(
    watched: tuple[Store, str], tmp_path: Path, caveat: str
) -> None:
    """Intelligence's record on the watched person, hidden from discovery, raises no alert to the
    local task force (in the inbox or the webhook: either would name it), and is not named as the
    record a later arrival came closest to; one under ORCON alerts, its content withheld."""
    store, entity = watched
    agency(store, "intel.civil", "civil-intelligence")
    alerts.watch(store, "ltf.one", entity, "returned", NEXT_YEAR)
    alerts.add_webhook(store, ROOT, "police.zone", "https://ltf.example/hook")
    marked = {**rec("s1", "intel.civil", name="Youssef EL AMRANI", birthDate="1991-04-12", gender="male",
                    passportNumber="EM4471920", notes="met a recruiter"), "caveats": [caveat]}  # fmt: skip
    [arrival] = arrive(store, tmp_path, marked)
    assert arrival.entity == entity  # resolution weighs every record, hidden or not
    with store.transaction() as conn:
        queued = [orjson.loads(item.payload)["record"] for item in alert_rows.waiting(conn)]
    shown = alerts.inbox(store, "ltf.one")
    if caveat == "NODISCOVERY":
        assert shown == [] and queued == [] and len(arrival.alerts) == 0
        assert "may not learn that the record exists" in trail(store, "alert")[-1]["withheld"]
    else:
        [alert] = shown
        assert alert.record == queued[0] == "intel.civil/s1" and alert.content == {}
        assert "ORCON" in str(alert.reason)
    # A police record with the same passport comes closest to the intelligence record.
    later = rec(
        "p9", "police.federal", name="Youssef EL AMRANI", birthDate="1991-04-12", passportNumber="EM4471920"
    )
    arrive(store, tmp_path, later)
    [newest, *_] = alerts.inbox(store, "ltf.one")
    assert newest.record == "police.federal/p9"
    assert newest.against == ("" if caveat == "NODISCOVERY" else "intel.civil/s1")
