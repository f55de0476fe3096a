"""Statistics of the case follow-up (issue #7): flows per month (departures, returns...), the stock
by status at a month's end, and both by municipality and by reporting agency, computed by
``figures`` from the dated transitions.

Need-to-know: the figures are drawn only from what the reader may see of the cases, by the same
rules as the case views (``case_views``): an analyst, the cases of persons they may learn of and
the transitions read from records whose notes they may read (or entered by a user); a prevention
officer, the cases their cell follows and the transitions shared with it; an analyst of a foreign
partner, nothing (refused, and recorded). Oversight reads every case's statuses and dates but no
case content: it gets the aggregate figures with counts from 1 to 4 shown as "<5", so that a
figure cannot single out a person. Every statistics read is one audit entry naming the filters
and the cases the figures were drawn from.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import sqlalchemy as sa

from crossroads.access import audit, identity
from crossroads.service import case_views, clock, figures
from crossroads.service.case_views import OVERSIGHT, Viewer
from crossroads.service.figures import Event, Figures, StatisticsError, Timeline
from crossroads.store.store import Store

__all__ = ["KINDS", "Figures", "StatisticsError", "read"]

KINDS = ("flows", "stock", "by-municipality", "by-agency")


def timelines(conn: sa.Connection, who: Viewer, now: datetime) -> list[Timeline]:
    """Every case (open or closed) the reader may see, with the transitions they may see."""
    out = []
    for row, shown in case_views.visible_timelines(conn, who, now):
        events = tuple(sorted(Event(t.on, t.status, t.source_agency) for t in shown))
        closed = row.closed_at.date() if row.closed_at is not None else None
        out.append(Timeline(row.id, row.municipality, closed, events))
    return out


def suppressed_for(who: Viewer) -> bool:
    """Whether small counts are hidden: for readers of aggregates who may not see the cases' content."""
    return who.kind == OVERSIGHT


def read(
    store: Store,
    user: str | None,
    kind: str,
    start: str | None = None,
    end: str | None = None,
    municipality: str | None = None,
    agency: str | None = None,
) -> Figures:
    """One table of figures (``kind``: flows, stock, by-municipality or by-agency) over the months
    ``start`` to ``end`` (YYYY-MM; default: from the first transition to the last), for a
    municipality (part of its name or postcode) and as one agency reported them, when given. The
    stock is at the end of the last month."""
    if kind not in KINDS:
        raise StatisticsError(f"{kind!r}: one of {', '.join(KINDS)}")
    first = figures.month(start, "from") if start else None
    last = figures.month(end, "to") if end else None
    now = clock.now()
    who = case_views.viewer(store, user, f"statistics {kind}")
    filters = {"from": start, "to": end, "municipality": municipality, "agency": agency}
    with store.transaction() as conn:
        seen = figures.narrowed(timelines(conn, who, now), municipality, agency)
        span = figures.span(seen, first, last, now.date())
        table = _table(kind, seen, span)
        detail = {"statistics": kind, "filters": filters, "cases": sorted(t.case_id for t in seen)}
        audit.record(conn, identity.actor_of(who.user), "view", detail, now, case_views.purpose_of(who))
    table = replace(table, filters=filters)
    return figures.suppress(table) if suppressed_for(who) else table


def _table(kind: str, seen: list[Timeline], span: list[date]) -> Figures:
    if kind == "flows":
        return figures.flows(seen, span)
    if kind == "stock":
        return figures.stock(seen, figures.month_end(span[-1]))
    if kind == "by-municipality":
        return figures.by_municipality(seen, span)
    return figures.by_agency(seen, span)
