"""The threat-assessment indicator panel (issue #7): the figures the threat-assessment centre
weighs when it sets the threat level (BRIEF.md), each over the last three months (the month asked
and the two before) against the three months before them:

- ``departures`` and ``returns``: the flows of fighters (``figures.moves``);
- ``new_alerts``: watchlist alerts raised, of every agency (a count carries no alert's content);
- ``open_cases``: cases with a transition by the month's end and not closed by then (against the
  same count three months earlier);
- ``judicial_files``: records received from the federal prosecutor's agencies (kind
  ``prosecutor``) or, where none is registered (the demo has none), from the judicial police
  (kind ``federal-police``): new terrorism-related judicial files, as far as the store sees them.

Who: analysts of a threat-assessment agency, from the cases they may see (``statistics``), and
oversight, in aggregate with counts from 1 to 4 shown as "<5". A snapshot (``indicator_snapshots``)
keeps the values as a threat-assessment analyst saw them; snapshots are only ever added, so the
history shows how each indicator moved. Each read and each snapshot is one audit entry.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import AgencyKind, User
from crossroads.access.policy import Purpose
from crossroads.records.model import Classification
from crossroads.service import case_views, clock, figures, statistics
from crossroads.service.case_views import ANALYST, OVERSIGHT, Viewer, refuse
from crossroads.service.figures import SUPPRESSED, Cell, Timeline
from crossroads.store import identity_rows, indicator_rows
from crossroads.store.store import Store

INDICATORS = ("departures", "returns", "new_alerts", "open_cases", "judicial_files")
#: Who the audit trail and the snapshot rows name for the server's monthly snapshot.
SERVICE = audit.Actor("crossroads.indicators")
WINDOW = 3  # months
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Indicator:
    name: str
    value: Cell  # over the last WINDOW months (open cases: at the month's end)
    previous: Cell  # over the WINDOW months before (open cases: WINDOW months earlier)
    trend: str  # up / down / steady, or "" where a suppressed count hides it


@dataclass(frozen=True)
class Panel:
    as_of: date  # the end of the month asked
    indicators: list[Indicator]
    judicial_kind: str  # which kind of agency the judicial files are counted from
    suppressed: bool


@dataclass(frozen=True)
class SnapshotRow:
    snapshot: str
    as_of: date
    indicator: str
    value: Cell
    previous: Cell | None
    taken_by: str
    taken_at: datetime


def reader(store: Store, user: str | None, what: str) -> Viewer:
    """An analyst of a threat-assessment agency, or oversight; others are refused (and recorded)."""
    who = case_views.viewer(store, user, what)
    if who.kind == ANALYST:
        with store.transaction() as conn:
            row = identity_rows.agency(conn, who.user.agency)
        if row is not None and row.kind == AgencyKind.THREAT_ASSESSMENT.value:
            return who
    if who.kind != OVERSIGHT:
        raise refuse(store, who.user, what, "the indicators are the threat-assessment centre's")
    return who


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _windows(as_of: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """(first day, last day) of the last WINDOW months up to ``as_of``'s, and of the WINDOW before."""
    first = figures.add_months(as_of, 1 - WINDOW)
    before = figures.add_months(first, -WINDOW)
    return (first, figures.month_end(as_of)), (before, first - _DAY)


def _count_moves(seen: list[Timeline], kind: str, window: tuple[date, date]) -> int:
    return sum(1 for t in seen for k, e in figures.moves(t) if k == kind and window[0] <= e.on <= window[1])


def _open(seen: list[Timeline], day: date) -> int:
    return sum(
        1 for t in seen if t.events and t.events[0].on <= day and (t.closed_on is None or t.closed_on > day)
    )


def _judicial(
    conn: sa.Connection, who: Viewer, windows: list[tuple[date, date]], now: datetime
) -> tuple[str, list[int]]:
    """Records received from the judicial agencies in each window (those the analyst may learn exist)."""
    agencies = identity_rows.all_agencies(conn)
    kind = AgencyKind.PROSECUTOR.value
    if not any(a.kind == kind for a in agencies):
        kind = AgencyKind.FEDERAL_POLICE.value
    sources = [a.code for a in agencies if a.kind == kind]
    rows = indicator_rows.received(conn, sources, _start(windows[-1][0]), _start(windows[0][1]) + _DAY)
    if who.kind == ANALYST:
        lens = reading.Lens(conn, reading.reader(conn, who.user, Purpose.THREAT_ASSESSMENT), now)
        rows = [
            r
            for r in rows
            if lens.see_marked(
                r.source, r.source_id, Classification(r.classification), r.caveats
            ).discoverable
        ]
    return kind, [sum(1 for r in rows if w[0] <= r.received_at.date() <= w[1]) for w in windows]


def _values(
    store: Store, who: Viewer, as_of: date, now: datetime
) -> tuple[dict[str, tuple[int, int]], str, list[int]]:
    """Raw values (now, before) of each indicator, the judicial kind, and the cases drawn from; one
    audit-free reading (the caller records it)."""
    current, before = _windows(as_of)
    with store.transaction() as conn:
        seen = statistics.timelines(conn, who, now)
    with store.transaction() as conn:
        # Before the lens, as the application's own role: a national count of every agency's alerts,
        # which no reader's row security returns (migration 0020: an analyst sees their agency's).
        raised = indicator_rows.alerts_raised(conn, _start(before[0]), _start(current[1]) + _DAY)
        kind, judicial = _judicial(conn, who, [current, before], now)
    alerts = [sum(1 for r in raised if w[0] <= r.date() <= w[1]) for w in (current, before)]
    values = {
        "departures": (_count_moves(seen, "departures", current), _count_moves(seen, "departures", before)),
        "returns": (_count_moves(seen, "returns", current), _count_moves(seen, "returns", before)),
        "new_alerts": (alerts[0], alerts[1]),
        "open_cases": (_open(seen, current[1]), _open(seen, before[1])),
        "judicial_files": (judicial[0], judicial[1]),
    }
    return values, kind, sorted(t.case_id for t in seen)


def _shown(value: int, hide: bool) -> Cell:
    return SUPPRESSED if hide and 0 < value < figures.SMALL else value


def _indicator(name: str, value: int, previous: int, hide: bool) -> Indicator:
    shown, before = _shown(value, hide), _shown(previous, hide)
    if isinstance(shown, str) or isinstance(before, str):
        trend = ""
    else:
        trend = "up" if value > previous else "down" if value < previous else "steady"
    return Indicator(name, shown, before, trend)


def _as_of(text: str | None, now: datetime) -> date:
    first = figures.month(text, "as of") if text else now.date().replace(day=1)
    return first


def _entry(store: Store, who: Viewer, detail: dict[str, object], now: datetime) -> None:
    with store.transaction() as conn:
        audit.record(conn, identity.actor_of(who.user), "view", detail, now, case_views.purpose_of(who))


def show(store: Store, user: str | None, as_of: str | None = None) -> Panel:
    """The indicators at the end of the month ``as_of`` (YYYY-MM; default: this month)."""
    now = clock.now()
    first = _as_of(as_of, now)
    who = reader(store, user, "show indicators")
    values, kind, cases = _values(store, who, first, now)
    _entry(store, who, {"indicators": "show", "as_of": f"{first:%Y-%m}", "cases": cases}, now)
    hide = statistics.suppressed_for(who)
    shown = [_indicator(name, *values[name], hide) for name in INDICATORS]
    return Panel(figures.month_end(first), shown, kind, hide)


def snapshot(store: Store, user: str | None, as_of: str | None = None) -> str:
    """Keep the indicators as the threat-assessment analyst sees them now: one immutable row per
    indicator under one snapshot id (returned)."""
    now = clock.now()
    first = _as_of(as_of, now)
    taken = _take(store, _taker(store, user, "take an indicators snapshot"), first, now, monthly=False)
    assert taken is not None  # only a monthly snapshot can find its place taken
    return taken


#: What the server asks when it takes the monthly snapshot (a refusal names it in the trail).
MONTHLY = "take the monthly indicators snapshot"
#: What decides whether a user may take snapshots: their registration and their agency's kind.
Standing = tuple[User | None, str | None]


def standing(store: Store, analyst: str) -> Standing:
    """``analyst``'s registration and their agency's kind as they are now: while these stay the
    same, so does the answer to whether they may take snapshots (``_taker``)."""
    with store.transaction() as conn:
        user = identity.find(conn, analyst.strip())
        row = identity_rows.agency(conn, user.agency) if user is not None else None
    return user, row.kind if row is not None else None


def take_monthly(store: Store, analyst: str | None, now: datetime | None = None) -> str | None:
    """The server's snapshot of last month, once that month is over, as ``analyst`` (a
    threat-assessment analyst, named by ``CROSSROADS_SNAPSHOT_ANALYST``) sees the figures: its id,
    or None when no analyst is named, the month's is there already, or another server process
    took it first (then nothing is written, not even an audit entry). Authorised first, whether a
    snapshot is due or not, so that an analyst who may not take one is refused (and recorded) at
    the courier's first look, not a month later; taken and recorded as a snapshot taken by hand
    is, in the name of the service (``SERVICE``) with whose view."""
    if analyst is None:
        return None
    who = _taker(store, analyst, MONTHLY)
    now = now or clock.now()
    first = figures.add_months(now.date().replace(day=1), -1)
    with store.transaction() as conn:
        if indicator_rows.has_monthly(conn, figures.month_end(first)):
            return None
    return _take(store, who, first, now, monthly=True)


def _taker(store: Store, user: str | None, what: str) -> Viewer:
    """Only the centre's analysts take snapshots (oversight reads them); others are refused, recorded."""
    who = reader(store, user, what)
    if who.kind != ANALYST:
        raise refuse(store, who.user, what, "snapshots are taken by the centre's analysts")
    return who


def _take(store: Store, who: Viewer, first: date, now: datetime, monthly: bool) -> str | None:
    values, _kind, cases = _values(store, who, first, now)
    taken = str(uuid.uuid4())
    by = SERVICE.user if monthly else who.user.name
    rows = [
        {"snapshot": taken, "as_of": figures.month_end(first), "indicator": name, "value": values[name][0],
         "previous": values[name][1], "taken_by": by, "agency": who.user.agency, "taken_at": now,
         "monthly": monthly}
        for name in INDICATORS
    ]  # fmt: skip
    detail: dict[str, object] = {"indicators": "snapshot", "snapshot": taken, "as_of": f"{first:%Y-%m}"}
    actor = identity.actor_of(who.user)
    if monthly:
        detail |= {"monthly": True, "view_of": who.user.name}
        actor = audit.Actor(SERVICE.user, who.user.agency, who.user.unit)
    with store.transaction() as conn:
        if not indicator_rows.add_snapshot(conn, rows):
            return None
        audit.record(conn, actor, "view", {**detail, "cases": cases}, now, case_views.purpose_of(who))
    return taken


def history(store: Store, user: str | None) -> list[SnapshotRow]:
    """Every snapshot's values, by the month they are for, then when they were taken."""
    now = clock.now()
    who = reader(store, user, "show the indicators' history")
    hide = statistics.suppressed_for(who)
    with store.transaction() as conn:
        case_views.enter(conn, who, now)  # PostgreSQL's row security: the snapshots such a reader sees
        rows = [
            SnapshotRow(r.snapshot, r.as_of, r.indicator, _shown(r.value, hide),
                        None if r.previous is None else _shown(r.previous, hide), r.taken_by, r.taken_at)
            for r in indicator_rows.snapshots(conn)
        ]  # fmt: skip
        detail = {"indicators": "history", "snapshots": sorted({r.snapshot for r in rows})}
        audit.record(conn, identity.actor_of(who.user), "view", detail, now, case_views.purpose_of(who))
    return rows
