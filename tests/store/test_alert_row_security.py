"""PostgreSQL's row-level security over the watchlist and the alerts (migration 0020): once an alert
read path's lens is made, a query that skips every rule above (a bug in a read path) still gets
only the reader's own agency's watches, alerts and alerts' handling events; any other lens gets
none. The paths that write them or count them (ingest and resolution raising alerts, handling,
the courier and ``crossroads alerts deliver``, the indicators) run as the application's own role
and keep working, shown here with a store owned by a login role that is not a superuser (a
superuser passes every policy, so a test run as ``postgres`` alone would prove nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from crossroads.access import identity, reading
from crossroads.access.policy import Purpose
from crossroads.api import courier
from crossroads.cli.main import app
from crossroads.errors import NotFoundError
from crossroads.service import admin, alerts, case_views, clock, indicators, realtime
from crossroads.service.case_views import OVERSIGHT
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import alert_rows, record_rows, row_security
from crossroads.store.schema import alert_events, watchlist
from crossroads.store.schema import alerts as alert_table
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl
from scratch_databases import PG_ADMIN, scratch_database

NEXT_YEAR = date.today() + timedelta(days=365)
TABLES = ("watchlist", "alerts", "alert_events")
#: The login role that owns the store in the write-path test, as a deployment's would.
OWNER = "crossroads_owner_test"


def rec(rid: str, source: str, name: str, born: str) -> dict[str, Any]:
    return {
        "id": rid,
        "source": source,
        "properties": {"name": [name], "birthDate": [born], "gender": ["male"]},
    }


def arrive(store: Store, tmp_path: Path, *rows: dict[str, Any]) -> list[realtime.Arrival]:
    report = ingest_file(
        store, write_jsonl(tmp_path / f"{rows[0]['id']}.jsonl", list(rows)), user=steward(store)
    )
    return realtime.resolve_arrivals(store, steward(store), report.touched)


def world(store: Store, tmp_path: Path) -> dict[str, str]:
    """Two watched persons: one by the local police zone's task force West, one by the federal
    police; the zone's earlier watch on the second, ended. Analysts of the zone's two task forces
    and of the federal police, a foreign partner's, the threat-assessment centre's, and oversight."""
    for code, kind in (("police.federal", "federal-police"), ("police.zone", "local-police"),
                       ("foreign.tr", "foreign-partner")):  # fmt: skip
        agency(store, code, kind, "TR" if kind == "foreign-partner" else None)
    for unit in ("ltf-west", "ltf-east"):
        admin.add_unit(store, ROOT, "police.zone", unit, f"Local Task Force {unit}", contact=True)
    rows = [
        rec("a", "police.federal", "EL AMRANI Youssef", "1991-04-12"),
        rec("k", "police.federal", "BENALI Karim", "1985-07-01"),
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    for name, unit in (("west", "ltf-west"), ("east", "ltf-east")):
        admin.add_user(store, ROOT, name, "police.zone", unit, "secret", ["analyst"])
    register(store, "fed", "analyst", agency="police.federal")
    register(store, "partner", "analyst", agency="foreign.tr", kind="foreign-partner", country="TR")
    register(store, "fusion", "analyst", agency="ocam", kind="threat-assessment")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    with store.transaction() as conn:
        person = {rid: str(record_rows.get(conn, "police.federal", rid).entity_id) for rid in ("a", "k")}
    return person


@pytest.fixture
def alerted(pg_database: str, tmp_path: Path) -> Store:
    """Each agency's watches, alerts and events, raised and handled through the use cases."""
    store = Store(pg_database)
    person = world(store, tmp_path)
    alerts.watch(store, "west", person["a"], "returned from the conflict zone", NEXT_YEAR, "ltf-west")
    ended = alerts.watch(store, "east", person["k"], "an old lead", NEXT_YEAR)
    alerts.unwatch(store, "east", ended.id, "the lead came to nothing")
    alerts.watch(store, "fed", person["k"], "a joint file", NEXT_YEAR)
    arrive(store, tmp_path, rec("a2", "foreign.tr", "Yusuf EL AMRANI", "1991-04-12"),
           rec("k2", "foreign.tr", "Karim BENALI", "1985-07-01"))  # fmt: skip
    [to_zone], [to_federal] = alerts.inbox(store, "west"), alerts.inbox(store, "fed")
    alerts.handle(store, "east", to_zone.id, "acknowledge")
    alerts.handle(store, "fed", to_federal.id, "close", "seen; file updated")
    return store


def of(store: Store, agency_code: str) -> dict[str, set[int]]:
    """The agency's rows, read as the application's own role (no lens): an event as its alert's id."""
    with store.transaction() as conn:
        watches = {w.id for w in conn.execute(sa.select(watchlist)) if w.agency == agency_code}
        mine = {a.id for a in conn.execute(sa.select(alert_table)) if a.agency == agency_code}
        events = {e.alert_id for e in conn.execute(sa.select(alert_events)) if e.alert_id in mine}
    return {"watchlist": watches, "alerts": mine, "alert_events": events}


def rows_seen_by(store: Store, user: str, lens: str = "alerts") -> dict[str, set[int]]:
    """The ids each table returns to a raw query once ``user``'s lens is made (an alert reader's,
    a search's, or oversight's case lens), skipping every rule of the read paths; an event counts
    as its alert's id."""
    with store.transaction() as conn:
        who = identity.find(conn, user)
        assert who is not None
        if lens == "cases":
            case_views.enter(conn, case_views.Viewer(who, OVERSIGHT), clock.now())
        else:
            purpose = Purpose.OVERSIGHT if lens == "oversight" else Purpose.INVESTIGATION
            reading.Lens(conn, reading.reader(conn, who, purpose), clock.now())
            if lens in ("alerts", "oversight"):
                row_security.enter_alerts(conn)
        seen = {t: set(conn.execute(sa.text(f"SELECT id FROM {t}")).scalars()) for t in TABLES[:2]}
        seen["alert_events"] = set(conn.execute(sa.text("SELECT alert_id FROM alert_events")).scalars())
    return seen


def test_the_database_returns_a_reader_only_their_agencys_watches_and_alerts(alerted: Store) -> None:
    store = alerted
    zone, federal = of(store, "police.zone"), of(store, "police.federal")
    assert [len(zone[t]) for t in TABLES] == [2, 1, 1] and [len(federal[t]) for t in TABLES] == [1, 1, 1]
    # Every unit of the agency, as the inbox shows them: the alert is West's, East handled it.
    assert rows_seen_by(store, "west") == rows_seen_by(store, "east") == zone  # the ended watch too
    assert rows_seen_by(store, "fed") == federal
    nothing: dict[str, set[int]] = {table: set() for table in TABLES}
    assert rows_seen_by(store, "partner") == nothing  # an agency with no watch of its own
    assert rows_seen_by(store, "fusion") == nothing  # the national count is not read through a lens
    assert rows_seen_by(store, "fed", lens="search") == nothing  # a lens that reads no alert
    assert rows_seen_by(store, "watcher", lens="cases") == nothing  # oversight reads no alert row
    assert rows_seen_by(store, "watcher", lens="oversight") == nothing  # not even if a path let it
    with store.transaction() as conn:  # outside a read path (ingest, the courier) every row is there
        assert len(conn.execute(sa.select(alert_table)).all()) == 2


def _every_alert(conn: sa.Connection, agency_code: str, status: str | None, limit: int) -> list[Any]:
    """``alert_rows.alerts_of`` with a bug: the agency is no longer asked for."""
    return list(conn.execute(sa.select(alert_table).order_by(alert_table.c.id.desc())).all())


def _unchecked(store: Store, analyst: Any, alert_id: int) -> Any:
    """``alerts._alert_to`` with a bug: the alert's agency is no longer checked."""
    with store.transaction() as conn:
        alerts.enter(conn, analyst, clock.now())
        row = alert_rows.alert(conn, alert_id)
    if row is None:
        raise NotFoundError(f"no alert {alert_id}")
    return row


def test_an_alert_read_path_that_forgets_its_agency_filter_still_gets_only_its_own(
    alerted: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = alerted
    federal, zone = of(store, "police.federal"), of(store, "police.zone")
    every_watch = alert_rows.all_watches
    monkeypatch.setattr(alert_rows, "alerts_of", _every_alert)
    monkeypatch.setattr(
        alert_rows, "all_watches", lambda conn, _=None, active=True: every_watch(conn, None, active)
    )
    monkeypatch.setattr(alerts, "_alert_to", _unchecked)
    assert {a.id for a in alerts.inbox(store, "fed")} == federal["alerts"]
    assert {a.id for a in alerts.inbox(store, "west")} == zone["alerts"]
    assert {w.id for w in alerts.watches(store, "fed")} == federal["watchlist"]
    [zone_alert] = zone["alerts"]
    with pytest.raises(NotFoundError):
        alerts.handle(store, "fed", zone_alert, "acknowledge")
    with pytest.raises(NotFoundError):
        alerts.explain_alert(store, "fed", zone_alert)
    with store.transaction() as conn:
        assert alert_rows.alert(conn, zone_alert).status == "acknowledged"  # untouched


# The write paths, as a deployment runs them: the application logs in as the role that owns the
# tables (it ran the migrations), which row security does not hold; only the reader role is held.


@pytest.fixture
def owned_url() -> Iterator[str]:
    """A fresh database owned by ``OWNER``, a login role without superuser (CREATEROLE, as the
    migration that grants the reader role to the application's role needs, decision 008)."""
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OWNER}') THEN "
            f"CREATE ROLE {OWNER} LOGIN NOSUPERUSER CREATEROLE; END IF; END $$"
        )
    with scratch_database() as url:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{name}" OWNER TO {OWNER}')
        yield str(sa.engine.make_url(url).set(username=OWNER).render_as_string(hide_password=False))


def test_the_write_paths_work_as_the_applications_own_role_under_row_security(
    owned_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(owned_url)
    with store.transaction() as conn:
        assert (
            conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar()
            is False
        )
        assert {"watchlist", "alerts", "alert_events"} <= set(
            conn.exec_driver_sql("SELECT tablename FROM pg_policies").scalars()
        )
    person = world(store, tmp_path)
    alerts.add_webhook(store, ROOT, "police.zone", "https://ltf.example/hook", unit="ltf-west")
    alerts.add_webhook(store, ROOT, "police.federal", "https://federal.example/hook")
    alerts.watch(store, "west", person["a"], "returned from the conflict zone", NEXT_YEAR, "ltf-west")
    watch = alerts.watch(store, "fed", person["k"], "a joint file", NEXT_YEAR)
    # Ingest raising an alert on arrival (the real-time path), and a batch run raising one.
    [arrival] = arrive(store, tmp_path, rec("a2", "foreign.tr", "Yusuf EL AMRANI", "1991-04-12"))
    assert len(arrival.alerts) == 1
    batch = [rec("k2", "foreign.tr", "Karim BENALI", "1985-07-01")]
    ingest_file(store, write_jsonl(tmp_path / "export.jsonl", batch), user=steward(store))
    resolve_store(store, steward(store))
    [to_zone], [to_federal] = alerts.inbox(store, "west"), alerts.inbox(store, "fed")
    assert (to_zone.record, to_federal.record) == ("foreign.tr/a2", "foreign.tr/k2")
    # Handling and ending a watch: read through the analyst's lens, written as the application.
    assert (
        alerts.handle(store, "east", to_zone.id, "assign", "for the morning", assignee="west")
        == "acknowledged"
    )
    assert alerts.handle(store, "west", to_zone.id, "close", "seen at the address") == "closed"
    with store.transaction() as conn:
        assert [e.action for e in alert_rows.events(conn, to_zone.id)] == ["assign", "close"]
    alerts.unwatch(store, "fed", watch.id, "file closed")
    assert alerts.watches(store, "fed") == []
    # The courier: one round delivers both alerts' webhooks (and looks for reminders and the snapshot).
    sent: list[str] = []
    rounds = courier.Courier(store, "fusion", lambda url, body, headers: sent.append(url) or 204)
    done = rounds.round(0.0)
    assert done.failed == () and done.delivered == (2, 0) and done.snapshot is not None
    assert sorted(sent) == ["https://federal.example/hook", "https://ltf.example/hook"]
    # The indicators count every agency's alerts (national, read by the application's own role).
    panel = {i.name: i.value for i in indicators.show(store, "fusion").indicators}
    assert panel["new_alerts"] == 2
    # ``crossroads alerts deliver`` from a timer: a new alert's webhook, sent by the command.
    arrive(store, tmp_path, rec("a3", "police.federal", "Youssef EL-AMRANI", "1991-04-12"))
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", owned_url)
    monkeypatch.setattr(alerts, "http_post", lambda url, body, headers: sent.append(url) or 204)
    result = CliRunner().invoke(app, ["alerts", "deliver"])
    assert result.exit_code == 0, result.output
    assert "1 delivered, 0 failed" in result.output and sent[-1] == "https://ltf.example/hook"
    store.close()
