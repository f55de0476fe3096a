"""The server's courier on both stores, its rounds driven one by one with a fixed clock: once a
month is over it takes that month's indicator snapshot as the configured threat-assessment analyst
sees the figures, once, recorded as a snapshot is; it looks once an hour; two server processes
racing for it leave one snapshot and no error; a task that fails leaves the others to run; an
analyst who may not take it is refused, recorded and warned of once, not every hour."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa

from crossroads.access import audit
from crossroads.api.courier import SNAPSHOT_PERIOD, Courier
from crossroads.service import admin, case_reminders, clock, indicators
from crossroads.store import audit_rows, indicator_rows
from crossroads.store.schema import indicator_snapshots
from crossroads.store.store import Store
from identity_factory import ROOT, register
from returnees_world import two_returnees

JUNE = datetime(2016, 6, 1, 8, 0, tzinfo=UTC)  # May is over
JULY = datetime(2016, 7, 1, 0, 5, tzinfo=UTC)


@pytest.fixture
def world(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    """The two returnees' store; returns how to set the clock."""
    two_returnees(store, tmp_path)

    def at(when: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: when)

    return at


def monthly(store: Store) -> list[Any]:
    with store.transaction() as conn:
        query = sa.select(indicator_snapshots).where(indicator_snapshots.c.monthly)
        return list(conn.execute(query.order_by(indicator_snapshots.c.id)))


def snapshot_entries(store: Store) -> list[tuple[audit.Entry, dict[str, Any]]]:
    with store.transaction() as conn:
        entries = [audit.Entry(*r) for r in audit_rows.entries(conn)]
    found = [(e, orjson.loads(e.detail)) for e in entries if e.action == "view"]
    return [(e, d) for e, d in found if d.get("indicators") == "snapshot"]


def never_posted(url: str, body: str, headers: dict[str, str]) -> int:
    raise AssertionError("nothing is queued for delivery in this world")


def test_the_courier_takes_last_months_snapshot_once_as_the_analyst_sees_it(
    store: Store, world: Callable[[datetime], None]
) -> None:
    world(JUNE)
    courier = Courier(store, "fusion", never_posted)
    courier.round(0.0)
    rows = monthly(store)
    assert [r.indicator for r in rows] == list(indicators.INDICATORS)
    assert {r.as_of for r in rows} == {date(2016, 5, 31)} and len({r.snapshot for r in rows}) == 1
    assert {(r.taken_by, r.agency, r.taken_at) for r in rows} == {("crossroads.indicators", "ocam", JUNE)}
    panel = {i.name: (i.value, i.previous) for i in indicators.show(store, "fusion", "2016-05").indicators}
    assert {r.indicator: (r.value, r.previous) for r in rows} == panel  # the analyst's figures
    assert panel["returns"] == (1, 0)  # the May return is in it: the month is complete
    [(entry, detail)] = snapshot_entries(store)  # recorded as a snapshot by hand is, by the service
    assert (entry.actor, entry.agency, entry.purpose) == ("crossroads.indicators", "ocam", "investigation")
    assert (detail["monthly"], detail["view_of"], detail["as_of"]) == (True, "fusion", "2016-05")
    assert detail["snapshot"] == rows[0].snapshot and len(detail["cases"]) == 2
    world(JULY)
    courier.round(SNAPSHOT_PERIOD - 1)  # June is over, but the courier looks once an hour
    assert len(monthly(store)) == 5
    courier.round(SNAPSHOT_PERIOD)
    assert sorted({r.as_of for r in monthly(store)}) == [date(2016, 5, 31), date(2016, 6, 30)]
    courier.round(2 * SNAPSHOT_PERIOD)  # June's is there: taking it again is a no-op
    assert len(monthly(store)) == 10 and len(snapshot_entries(store)) == 2
    by_hand = indicators.snapshot(store, "fusion", "2016-06")  # the analysts may still take theirs
    assert [r.snapshot for r in indicators.history(store, "fusion")].count(by_hand) == 5


def test_two_server_processes_racing_leave_one_snapshot_and_no_error(
    store: Store, store_url: str, world: Callable[[datetime], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both look before either takes it (a barrier holds them there), then both take it."""
    world(JUNE)
    looked = indicator_rows.has_monthly
    both = threading.Barrier(2, timeout=30)

    def look_together(conn: sa.Connection, as_of: date) -> bool:
        found = looked(conn, as_of)
        both.wait()
        return found

    monkeypatch.setattr(indicator_rows, "has_monthly", look_together)
    taken: list[str | None] = []
    failed: list[BaseException] = []

    def server_process() -> None:
        try:
            with Store(store_url) as own:  # its own engine and connections, as another process
                taken.append(indicators.take_monthly(own, "fusion"))
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=server_process) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failed == [] and len(taken) == 2
    assert sorted(taken, key=lambda t: t is None)[1] is None and any(taken)  # one took it
    rows = monthly(store)
    assert len(rows) == 5 and {r.snapshot for r in rows} == {t for t in taken if t}
    assert len(snapshot_entries(store)) == 1  # the one that found it taken wrote nothing


def test_no_analyst_no_snapshot_and_a_failing_task_leaves_the_others_to_run(
    store: Store, world: Callable[[datetime], None], monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    world(JUNE)
    Courier(store, None, never_posted).round(0.0)
    assert monthly(store) == []  # not configured: snapshots are taken by hand only
    register(store, "local", "analyst", agency="police.zone", kind="local-police")
    with caplog.at_level(logging.WARNING):
        done = Courier(store, "local", never_posted).round(0.0)  # not the centre's: refused, recorded
    assert monthly(store) == [] and done.refused is not None and done.failed == ()
    assert "snapshot as CROSSROADS_SNAPSHOT_ANALYST=local is refused" in caplog.text
    assert done.delivered == (0, 0)  # the deliveries went on
    [refusal] = refusals(store)
    assert refusal.actor == "local" and "monthly indicators snapshot" in refusal.detail

    def broken(store: Store) -> int:
        raise RuntimeError("reminders are down")

    monkeypatch.setattr(case_reminders, "send_reminders", broken)
    done = Courier(store, "fusion", never_posted).round(0.0)
    assert len(monthly(store)) == 5 and "reminders failed" in caplog.text
    assert done.failed == ("reminders",) and done.snapshot == monthly(store)[0].snapshot


def refusals(store: Store) -> list[audit.Entry]:
    with store.transaction() as conn:
        return [e for e in (audit.Entry(*r) for r in audit_rows.entries(conn)) if e.action == "refusal"]


def test_a_refused_snapshot_analyst_is_recorded_and_warned_of_once_then_again_only_when_they_change(
    store: Store, world: Callable[[datetime], None], caplog: pytest.LogCaptureFixture
) -> None:
    """Refused at the first look (no snapshot due yet), not every hour after; asked again, and
    recorded, when an administrator changes the analyst; and once more by a new server process."""
    world(JUNE)
    admin.change_user(store, ROOT, "fusion", active=False)  # the centre's analyst left
    courier = Courier(store, "fusion", never_posted)
    with caplog.at_level(logging.WARNING):
        for hour in range(48):  # two days of rounds, the snapshot looked at every hour
            courier.round(hour * SNAPSHOT_PERIOD)
    [refusal] = refusals(store)
    assert refusal.actor == "fusion" and "deactivated" in refusal.detail
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert (
        "CROSSROADS_SNAPSHOT_ANALYST=fusion" in warning.getMessage() and "deactivated" in warning.getMessage()
    )
    assert monthly(store) == []
    admin.change_user(store, ROOT, "fusion", clearance="restricted")  # changed, and still refused
    courier.round(48 * SNAPSHOT_PERIOD)
    assert len(refusals(store)) == 2
    Courier(store, "fusion", never_posted).round(0.0)  # another server process: its own first look
    assert len(refusals(store)) == 3
    caplog.clear()
    admin.change_user(store, ROOT, "fusion", active=True)
    with caplog.at_level(logging.WARNING):
        done = courier.round(49 * SNAPSHOT_PERIOD)
        courier.round(50 * SNAPSHOT_PERIOD)
    assert done.snapshot is not None and {r.snapshot for r in monthly(store)} == {done.snapshot}
    assert len(refusals(store)) == 3 and "may take the monthly snapshot again" in caplog.text
