"""Statistics and indicators on a real store (SQLite and PostgreSQL), over hand-made timelines:
a person who left in 2015-03 and came back in 2016-05 is a departure in 2015-03, a return in
2016-05, and in the conflict zone at the end of 2015-12; figures come only from what the reader may
see of the cases; oversight gets small counts as "<5"; a foreign partner nothing; every read is one
audit entry; snapshots are immutable and their history ordered."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.service import alerts, case_seeding, cases, figures, indicators, realtime, statistics
from crossroads.service.figures import Event, Figures, StatisticsError, Timeline
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import audit_rows, record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl

CELL = "prevention.molenbeek/security-cell"


def rec(rid: str, source: str, name: str, birth: str, notes: str, **more: Any) -> dict[str, Any]:
    props = {"name": [name], "birthDate": [birth], "gender": ["male"], "status": ["x"], "notes": [notes]}
    props.update({k: [v] for k, v in more.items()})
    return {"id": rid, "source": source, "properties": props}


@pytest.fixture
def world(store: Store, tmp_path: Path) -> Store:
    """Four persons: A left 2015-03, returned and was arrested 2016-05 (Molenbeek, followed by its
    cell, a detention shared with it); B left 2015-03 and died 2016-01 (Brussels); C left 2016-05
    (Antwerp); D, known only to intelligence, in the conflict zone since 2015-06."""
    from crossroads.service import admin

    kinds = {"ocam": "threat-assessment", "intel.civil": "civil-intelligence",
             "prevention.molenbeek": "prevention", "police.federal": "federal-police"}  # fmt: skip
    for code, kind in kinds.items():
        agency(store, code, kind)
    admin.add_unit(store, ROOT, "prevention.molenbeek", "security-cell", "Local integral security cell")
    rows = [
        rec("a", "ocam", "EL AMRANI Youssef", "1991-04-12",
            "En transit 2015-03-10; En zone de conflit (Syrie) 2015-03-20; "
            "Revenu 2016-05-04; Arrêté 2016-05-06",
            address="Rue de la Colonne 12, 1080 Molenbeek-Saint-Jean"),
        rec("b", "ocam", "BENALI Hamza", "1990-02-03",
            "En transit 2015-03-15; En zone de conflit (Syrie) 2015-04-02; Présumé décédé 2016-01-10",
            address="Rue Haute 5, 1000 Bruxelles"),
        rec("c", "ocam", "TAHIRI Samir", "1993-09-09", "En transit 2016-05-20",
            address="Meir 1, 2000 Antwerpen"),
        rec("d", "intel.civil", "LAHLOU Karim", "1984-07-01", "In conflict zone (Syria) 2015-06-01"),
        {"id": "j1", "source": "police.federal",
         "properties": {"name": ["QASMI Omar"], "birthDate": ["1988-01-01"]}},
    ]  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "fusion", "analyst", agency="ocam", kind="threat-assessment")
    register(store, "spook", "analyst", agency="intel.civil", kind="civil-intelligence")
    admin.add_user(store, ROOT, "cell", "prevention.molenbeek", "security-cell", "restricted",
                   ["prevention-officer"])  # fmt: skip
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    register(store, "partner", "analyst", agency="foreign.tr", kind="foreign-partner", country="TR")
    report = case_seeding.seed(store, "spook", cell=CELL, cell_municipality="Molenbeek")
    assert len(report.opened) == 4 and report.conflicts == []
    [molenbeek] = [c for c in _cases(store) if "Molenbeek" in (c.municipality or "")]
    cases.move(store, "spook", molenbeek.id, "detained", date(2016, 5, 8), "", None, None, True)
    return store


def _cases(store: Store) -> list[Any]:
    from crossroads.service import case_views

    return case_views.list_cases(store, "spook")


def by_label(table: Figures) -> dict[Any, tuple[Any, ...]]:
    return {row[0]: row[1:] for row in table.rows}


def views(store: Store) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        entries = [audit.Entry(*r) for r in audit_rows.entries(conn)]
    return [{"actor": e.actor, **orjson.loads(e.detail)} for e in entries if e.action == "view"]


def test_a_departure_a_return_and_the_stock_at_each_months_end(world: Store) -> None:
    flows = statistics.read(world, "spook", "flows")
    assert flows.columns == ("month", "departures", "stopped", "returns", "deaths", "arrests",
                             "in_conflict_zone_at_month_end")  # fmt: skip
    months = by_label(flows)
    assert next(iter(months)) == "2015-03" and [*months][-1] == "2016-05" and len(months) == 15
    assert months["2015-03"] == (2, 0, 0, 0, 0, 1)  # A and B left; only A reached the zone in March
    assert months["2015-06"][0] == 1  # D first reported in the zone: a departure
    assert months["2015-12"][-1] == 3  # A, B and D there at the end of December
    assert months["2016-01"][3] == 1 and months["2016-01"][-1] == 2  # B presumed dead
    assert months["2016-05"] == (1, 0, 1, 0, 1, 1)  # C left, A returned and was arrested
    stock = by_label(statistics.read(world, "spook", "stock", end="2016-05"))
    wanted = ("in_conflict_zone", "presumed_deceased", "detained", "in_transit")
    assert [stock[s] for s in wanted] == [(1,)] * 4
    assert by_label(statistics.read(world, "spook", "stock", end="2015-12"))["in_conflict_zone"] == (3,)
    ranged = statistics.read(world, "spook", "flows", start="2016-01", end="2016-02")
    assert [r[0] for r in ranged.rows] == ["2016-01", "2016-02"]


def test_by_municipality_and_by_agency_and_the_filters(world: Store) -> None:
    places = by_label(statistics.read(world, "spook", "by-municipality"))
    assert places["1080 Molenbeek-Saint-Jean"] == (1, 1, 1, 0, 1)  # cases, left, back, zone, detained
    assert places["2000 Antwerpen"] == (1, 1, 0, 0, 0) and places["(unknown)"] == (1, 1, 0, 1, 0)
    agencies = by_label(statistics.read(world, "spook", "by-agency"))
    assert agencies["ocam"] == (3, 8, 3, 1) and agencies["intel.civil"] == (2, 2, 1, 0)
    only = statistics.read(world, "spook", "flows", municipality="molenbeek")
    assert only.cases == 1 and sum(r[1] for r in only.rows) == 1
    intel = statistics.read(world, "spook", "stock", end="2016-05", agency="intel.civil")
    assert by_label(intel)["in_conflict_zone"] == (1,) and by_label(intel)["detained"] == (1,)
    with pytest.raises(StatisticsError, match="2016-13"):
        statistics.read(world, "spook", "flows", start="2016-13")
    with pytest.raises(StatisticsError, match="swap"):
        statistics.read(world, "spook", "flows", start="2016-05", end="2016-01")


def test_figures_come_only_from_what_the_reader_may_see(world: Store) -> None:
    fusion = by_label(statistics.read(world, "fusion", "flows"))  # may not read intelligence notes
    assert fusion["2015-12"][-1] == 2 and "2015-06" in fusion and fusion["2015-06"][0] == 0
    cell = statistics.read(world, "cell", "stock", end="2016-05")
    assert cell.cases == 1 and not cell.suppressed
    assert {k: v for k, v in by_label(cell).items() if v != (0,)} == {"detained": (1,)}  # shared only
    with pytest.raises(NotAllowedError):
        statistics.read(world, "partner", "flows")
    with world.transaction() as conn:
        refusals = [e for e in audit_rows.entries(conn) if audit.Entry(*e).action == "refusal"]
    assert any("statistics flows" in audit.Entry(*e).detail for e in refusals)


def test_oversight_sees_aggregates_with_small_counts_suppressed(world: Store) -> None:
    flows = statistics.read(world, "watcher", "flows")
    months = by_label(flows)
    assert flows.suppressed and months["2015-03"] == ("<5", 0, 0, 0, 0, "<5")
    assert months["2015-12"][-1] == "<5" and flows.cases == 4
    table = Figures("t", ("label", "n"), [("a", 3), ("b", 5), ("c", 0)], 3)
    assert figures.suppress(table).rows == [("a", "<5"), ("b", 5), ("c", 0)]


def test_every_statistics_read_is_one_audit_entry(world: Store) -> None:
    before = len(views(world))
    statistics.read(world, "fusion", "by-agency", start="2015-01", municipality="Molenbeek")
    [entry] = views(world)[before:]
    assert entry["actor"] == "fusion" and entry["statistics"] == "by-agency"
    assert entry["filters"] == {"from": "2015-01", "to": None, "municipality": "Molenbeek", "agency": None}
    assert len(entry["cases"]) == 1


def test_csv_has_a_header_and_quotes_a_value_with_a_comma() -> None:
    table = Figures("by-municipality", ("municipality", "cases"), [("Brussels, City", 3), ("Gent", "<5")], 2)
    assert figures.to_csv(table) == 'municipality,cases\r\n"Brussels, City",3\r\nGent,<5\r\n'


def test_pure_moves_on_a_hand_made_timeline() -> None:
    t = Timeline(1, None, None, (Event(date(2015, 3, 1), "in_transit", "x"),
                                 Event(date(2015, 3, 9), "in_conflict_zone", "y"),
                                 Event(date(2015, 9, 1), "in_transit", "x"),  # leaving: no new departure
                                 Event(date(2016, 5, 2), "returned", "x")))  # fmt: skip
    assert [(k, e.on) for k, e in figures.moves(t)] == [
        ("departures", date(2015, 3, 1)), ("returns", date(2016, 5, 2))]  # fmt: skip
    assert figures.status_at(t, date(2015, 12, 31)) == "in_transit"
    assert figures.status_at(t, date(2015, 2, 28)) is None


def test_indicators_trend_and_who_may_see_them(world: Store) -> None:
    panel = indicators.show(world, "fusion", "2016-05")
    values = {i.name: i for i in panel.indicators}
    assert panel.as_of == date(2016, 5, 31) and panel.judicial_kind == "federal-police"
    assert (values["departures"].value, values["departures"].previous, values["departures"].trend) == (
        1,
        0,
        "up",
    )
    assert (values["returns"].value, values["returns"].previous) == (1, 0)
    assert (values["open_cases"].value, values["open_cases"].previous) == (3, 2)  # D's notes unread
    assert values["new_alerts"].value == 0 and values["judicial_files"].value == 0
    now = indicators.show(world, "fusion")  # this month: the federal record just received
    assert {i.name: i.value for i in now.indicators}["judicial_files"] == 1
    oversight = {i.name: i for i in indicators.show(world, "watcher", "2016-05").indicators}
    assert oversight["open_cases"].value == "<5" and oversight["open_cases"].trend == ""
    for refused in ("spook", "cell", "partner"):
        with pytest.raises(NotAllowedError):
            indicators.show(world, refused, "2016-05")
    assert [e["indicators"] for e in views(world) if "indicators" in e] == ["show", "show", "show"]


def test_a_real_alert_is_counted_among_the_new_alerts(world: Store, tmp_path: Path) -> None:
    """A watched person's new record, from another agency in its own spelling, raises an alert
    through the watchlist; the panel of this month counts it, oversight as "<5", and a panel of
    months before it does not."""

    def new_alerts(user: str, as_of: str | None = None) -> indicators.Indicator:
        return {i.name: i for i in indicators.show(world, user, as_of).indicators}["new_alerts"]

    assert new_alerts("fusion").value == 0
    with world.transaction() as conn:
        samir = record_rows.get(conn, "ocam", "c").entity_id
    assert samir is not None
    alerts.watch(world, "fusion", samir, "left for the conflict zone", date.today() + timedelta(days=90))
    notice = rec("n-1", "intel.civil", "Sameer TAHIRI", "1993-09-09", "seen at the border")
    report = ingest_file(world, write_jsonl(tmp_path / "n.jsonl", [notice]), user=steward(world))
    [arrival] = realtime.resolve_arrivals(world, steward(world), report.touched)
    assert arrival.entity == samir and len(arrival.alerts) == 1
    counted = new_alerts("fusion")
    assert (counted.value, counted.previous, counted.trend) == (1, 0, "up")
    assert new_alerts("watcher").value == "<5"  # oversight: a small count, hidden
    assert new_alerts("fusion", "2016-05").value == 0  # raised today, not then


def test_snapshots_are_immutable_and_their_history_ordered(world: Store) -> None:
    later = indicators.snapshot(world, "fusion", "2016-05")
    earlier = indicators.snapshot(world, "fusion", "2016-02")
    with pytest.raises(NotAllowedError):
        indicators.snapshot(world, "watcher", "2016-05")
    rows = indicators.history(world, "fusion")
    assert [r.snapshot for r in rows] == [earlier] * 5 + [later] * 5  # by month, not by taking
    assert [r.indicator for r in rows[:5]] == list(indicators.INDICATORS)
    departures = [r for r in rows if r.indicator == "departures"]
    assert [(r.as_of, r.value, r.previous) for r in departures] == [
        (date(2016, 2, 29), 0, 0), (date(2016, 5, 31), 1, 0)]  # fmt: skip
    for statement in ("UPDATE indicator_snapshots SET value = 99", "DELETE FROM indicator_snapshots"):
        with pytest.raises(sa.exc.DBAPIError, match="immutable"), world.transaction() as conn:
            conn.execute(sa.text(statement))
    assert [r.value for r in indicators.history(world, "fusion")] == [r.value for r in rows]
    assert [r.value for r in indicators.history(world, "watcher") if r.indicator == "open_cases"] == [
        "<5",
        "<5",
    ]
    assert sum(1 for e in views(world) if e.get("indicators") == "snapshot") == 2


def test_a_municipality_written_in_two_languages_is_one_row() -> None:
    def case(n: int, place: str | None) -> Timeline:
        return Timeline(n, place, None, (Event(date(2015, 3, n), "in_transit", "ocam"),))

    seen = [case(1, "1000 Bruxelles"), case(2, "1000 Brussel"), case(3, None), case(4, "1070 Anderlecht")]
    table = figures.by_municipality(seen, figures.months(date(2015, 3, 1), date(2015, 3, 1)))
    assert [(r[0], r[1], r[2]) for r in table.rows] == [
        ("1000 Brussel / 1000 Bruxelles", 2, 2), ("1070 Anderlecht", 1, 1), ("(unknown)", 1, 1)]  # fmt: skip


def test_the_stock_counts_those_in_detention_and_those_released_at_the_months_end() -> None:
    def timeline(case_id: int, *steps: tuple[date, str]) -> Timeline:
        return Timeline(case_id, None, None, tuple(Event(on, status, "x") for on, status in steps))

    seen = [
        timeline(1, (date(2016, 3, 4), "returned"), (date(2016, 3, 12), "detained")),
        timeline(2, (date(2015, 1, 5), "detained"), (date(2016, 4, 30), "released")),
        timeline(3, (date(2016, 2, 1), "detained"), (date(2016, 5, 2), "released")),  # after April
    ]
    april = by_label(figures.stock(seen, date(2016, 4, 30)))
    assert (april["detained"], april["released"], april["returned"]) == ((2,), (1,), (0,))
    assert by_label(figures.stock(seen, date(2016, 5, 31)))["released"] == (2,)
