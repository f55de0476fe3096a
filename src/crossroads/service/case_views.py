"""Reading cases as need-to-know allows: the case list, one case's timeline, and the follow-up
actions that are due. Three kinds of reader, decided once per call (``Viewer``):

- an analyst (not of a foreign partner: case follow-up is national) sees a case when they may
  learn of at least one record of its person; a transition read from a record is shown only when
  they may read that record's notes (where the status was written), one entered by a user always;
- a prevention officer sees only the cases their security cell follows (the cell's agency, and
  its unit when the officer has one), and of them only what is prevention-safe: the transitions
  the task force shared with the cell, the actions, and the minors' decisions without reasons;
- oversight sees every case's conduct (statuses, dates, who reported or decided what, overrides
  and review reasons) but no free-text notes, descriptions or outcomes: they are case content.

Each read is one audit entry naming the cases (and records) shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import AgencyKind, NotAllowedError, Role, User
from crossroads.access.policy import Purpose
from crossroads.errors import NotFoundError
from crossroads.phrase import Phrase
from crossroads.service import clock
from crossroads.store import case_rows, identity_rows, record_rows, row_security
from crossroads.store.store import Store

ANALYST, CELL, OVERSIGHT = "analyst", "cell", "oversight"
READERS = (Role.ANALYST, Role.PREVENTION_OFFICER, Role.OVERSIGHT)


@dataclass(frozen=True)
class TransitionView:
    id: int
    status: str
    on: date
    source_agency: str | None  # the agency that reported it
    source_record: str | None  # SOURCE/ID it was read from (None: entered by a user)
    reported_by: str  # the user who recorded it
    note: str | None
    override: str | None  # why a move outside the lifecycle was accepted
    shared: bool  # shown to the security cell


@dataclass(frozen=True)
class ActionView:
    id: int
    case_id: int
    entity: str
    kind: str
    description: str | None
    due_on: date
    created_by: str
    done_by: str | None
    done_at: datetime | None
    outcome: str | None
    due: bool  # not done and its date has come: the reminder


@dataclass(frozen=True)
class ReviewView:
    id: int
    decision: str  # victim / follow-up
    automatic: bool  # recorded by the under-10 rule when the case was opened
    reason: str | None
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True)
class CaseSummary:
    id: int
    entity: str
    category: str
    status: str | None  # the latest transition the reader may see
    status_on: date | None
    taskforce: str | None  # AGENCY/UNIT
    cell: str | None
    municipality: str | None
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None
    due_actions: int


@dataclass(frozen=True)
class CaseView:
    case: CaseSummary
    timeline: list[TransitionView]
    withheld: int  # transitions the reader may not see
    withheld_reason: Phrase
    actions: list[ActionView]
    reviews: list[ReviewView]
    close_reason: str | None


@dataclass(frozen=True)
class Viewer:
    user: User
    kind: str  # analyst / cell / oversight


def unit_ref(agency: str | None, unit: str | None) -> str | None:
    if agency is None:
        return None
    return f"{agency}/{unit}" if unit else agency


def refuse(store: Store, user: User, what: str, why: str) -> NotAllowedError:
    """A refusal recorded in the trail (committed on its own), to raise."""
    now = clock.now()
    with store.transaction() as conn:
        detail = {"asked": what, "why": why}
        audit.record(conn, identity.actor_of(user), "refusal", detail, now)
    return NotAllowedError(f"refused: {why} (recorded in the audit trail)")


def viewer(store: Store, name: str | None, what: str) -> Viewer:
    """Who reads, and as which kind of reader; a foreign partner's analyst is refused."""
    user = identity.authorise(store, name, READERS, what, clock.now())
    if user.has(Role.ANALYST):
        with store.transaction() as conn:
            row = identity_rows.agency(conn, user.agency)
        if row is not None and row.kind == AgencyKind.FOREIGN_PARTNER.value:
            raise refuse(store, user, what, "case follow-up is national: foreign partners see no case")
        return Viewer(user, ANALYST)
    return Viewer(user, CELL if user.has(Role.PREVENTION_OFFICER) else OVERSIGHT)


def follows(user: User, row: Any) -> bool:
    """Whether a prevention officer's security cell follows the case ``row``."""
    return row.cell_agency == user.agency and (user.unit is None or row.cell_unit == user.unit)


def _transition(row: Any, note: bool) -> TransitionView:
    return TransitionView(
        row.id, row.status, row.happened_on, row.source_agency, row.source_record, row.reported_by,
        row.note if note else None, row.override, bool(row.shared),
    )  # fmt: skip


def _action(row: Any, entity: str, today: date, content: bool) -> ActionView:
    return ActionView(
        row.id, row.case_id, entity, row.kind, row.description if content else None, row.due_on,
        row.created_by, row.done_by, row.done_at, row.outcome if content else None,
        row.done_at is None and row.due_on <= today,
    )  # fmt: skip


@dataclass
class _Loaded:
    rows: list[Any]
    transitions: dict[int, list[Any]]
    actions: dict[int, list[Any]]
    reviews: dict[int, list[Any]]
    readable_notes: set[str]  # SOURCE/ID of the records whose notes the analyst may read
    known: set[str]  # the entities the analyst may learn of


def enter(conn: sa.Connection, who: Viewer, now: datetime) -> reading.Lens:
    """The reader's lens, made before any case row is read: from here to the end of the
    transaction PostgreSQL's row security returns only the records, and the cases (with their
    transitions, actions and reviews) and indicator snapshots, such a reader may learn exist
    (migration 0019), so that a bug in a case read path cannot fetch another cell's case."""
    lens = reading.Lens(conn, reading.reader(conn, who.user, PURPOSES[who.kind]), now)
    row_security.enter_cases(conn, who.kind, who.user.unit)
    return lens


def _load(conn: sa.Connection, who: Viewer, lens: reading.Lens, rows: list[Any]) -> _Loaded:
    """The rows of these cases, read after ``enter`` made ``lens``, and what the reader may learn
    of their persons' records."""
    if who.kind == CELL:
        rows = [r for r in rows if follows(who.user, r)]
    ids = [r.id for r in rows]
    loaded = _Loaded(rows, case_rows.transitions(conn, ids), case_rows.actions(conn, ids),
                     case_rows.reviews(conn, ids), set(), set())  # fmt: skip
    if who.kind == ANALYST and rows:
        for marked in record_rows.active_markings(conn, [r.entity_id for r in rows]):
            seen = lens.see_marked(marked.source, marked.source_id, marked.classification, marked.caveats)
            if seen.discoverable:
                loaded.known.add(marked.entity_id)
                if "notes" in seen.decision.fields:
                    loaded.readable_notes.add(seen.ref)
        loaded.rows = [r for r in rows if r.entity_id in loaded.known]
    return loaded


def _shown(who: Viewer, loaded: _Loaded, row: Any) -> tuple[list[TransitionView], int]:
    shown = []
    all_of = loaded.transitions[row.id]
    for t in all_of:
        if who.kind == OVERSIGHT:
            shown.append(_transition(t, note=False))
        elif who.kind == CELL:
            if t.shared:
                shown.append(_transition(t, note=True))
        elif t.source_record is None or t.source_record in loaded.readable_notes:
            shown.append(_transition(t, note=True))
    return shown, len(all_of) - len(shown)


_NOTHING = Phrase.layout("")
_WITHHELD = {
    ANALYST: Phrase("read from records whose notes you may not read (or no longer held)"),
    CELL: Phrase("not shared with the security cell by the task force"),
    OVERSIGHT: _NOTHING,
}


def _view(who: Viewer, loaded: _Loaded, row: Any, today: date) -> CaseView:
    timeline, withheld = _shown(who, loaded, row)
    content = who.kind != OVERSIGHT
    acts = [_action(a, row.entity_id, today, content) for a in loaded.actions[row.id]]
    reviews = [
        ReviewView(r.id, r.decision, bool(r.automatic), None if who.kind == CELL else r.reason,
                   r.decided_by, r.decided_at)
        for r in loaded.reviews[row.id]
    ]  # fmt: skip
    latest = timeline[-1] if timeline else None
    summary = CaseSummary(
        row.id, row.entity_id, row.category, latest.status if latest else None,
        latest.on if latest else None, unit_ref(row.taskforce_agency, row.taskforce_unit),
        unit_ref(row.cell_agency, row.cell_unit), row.municipality, row.opened_by, row.opened_at,
        row.closed_at, sum(a.due for a in acts),
    )  # fmt: skip
    reason = _WITHHELD[who.kind] if withheld else _NOTHING
    return CaseView(summary, timeline, withheld, reason, acts, reviews, row.close_reason if content else None)


#: The purpose each kind of reader reads cases for (and is recorded with).
PURPOSES = {ANALYST: Purpose.INVESTIGATION, CELL: Purpose.PREVENTION, OVERSIGHT: Purpose.OVERSIGHT}


def _purpose(who: Viewer) -> str:
    return PURPOSES[who.kind].value


def _read_entry(
    conn: sa.Connection, who: Viewer, detail: dict[str, Any], loaded: _Loaded, now: datetime
) -> None:
    refs = sorted(
        {t.source_record for r in loaded.rows for t in loaded.transitions[r.id]} & loaded.readable_notes
    )
    audit.record(conn, identity.actor_of(who.user), "view", {**detail, "records": refs}, now, _purpose(who))


def show(store: Store, user: str | None, case_id: int) -> CaseView:
    """One case: its timeline, actions and minors' decisions as the reader may see them."""
    now = clock.now()
    who = viewer(store, user, f"show case {case_id}")
    with store.transaction() as conn:
        loaded = _one(conn, who, case_id, now)
        found = loaded.rows[0] if loaded.rows else None
        detail: dict[str, Any] = {"case": case_id} if found is not None else {"case": case_id, "absent": True}
        _read_entry(conn, who, detail, loaded, now)
    if found is None:  # absent and not to be seen are answered alike
        raise NotFoundError(f"no case {case_id}")
    return _view(who, loaded, found, now.date())


def matches(view: CaseView, status: str | None, unit: str | None, municipality: str | None) -> bool:
    case = view.case
    if status is not None and case.status != status:
        return False
    if (
        unit is not None
        and unit not in {case.taskforce, case.cell}
        and not any((ref or "").endswith(f"/{unit}") for ref in (case.taskforce, case.cell))
    ):
        return False
    return municipality is None or municipality.casefold() in (case.municipality or "").casefold()


def list_cases(
    store: Store,
    user: str | None,
    status: str | None = None,
    unit: str | None = None,
    municipality: str | None = None,
    closed: bool = False,
) -> list[CaseSummary]:
    """The cases the reader may see (open ones unless ``closed``), filtered by the status the reader
    sees, a unit (AGENCY/UNIT or a unit code, task force or cell) or part of a municipality."""
    now = clock.now()
    who = viewer(store, user, "list cases")
    with store.transaction() as conn:
        lens = enter(conn, who, now)
        loaded = _load(conn, who, lens, case_rows.all_cases(conn, open_only=not closed))
        views = [_view(who, loaded, r, now.date()) for r in loaded.rows]
        shown = [v.case for v in views if matches(v, status, unit, municipality)]
        filters = {"status": status, "unit": unit, "municipality": municipality, "closed": closed}
        audit.record(conn, identity.actor_of(who.user), "view",
                     {"cases": [c.id for c in shown], "filters": filters}, now, _purpose(who))  # fmt: skip
    return shown


def due(store: Store, user: str | None, within_days: int = 0) -> list[ActionView]:
    """The reminders: follow-up actions not done whose due date is today or past (or within the
    next ``within_days``), on the open cases the reader may see, the most overdue first."""
    now = clock.now()
    who = viewer(store, user, "list due follow-up actions")
    with store.transaction() as conn:
        lens = enter(conn, who, now)
        waiting = case_rows.open_actions_due(conn, now.date() + timedelta(days=max(within_days, 0)))
        rows = [r for r in case_rows.all_cases(conn) if r.id in {a.case_id for a in waiting}]
        loaded = _load(conn, who, lens, rows)
        entity = {r.id: r.entity_id for r in loaded.rows}
        found = [_action(a, entity[a.case_id], now.date(), who.kind != OVERSIGHT)
                 for a in waiting if a.case_id in entity]  # fmt: skip
        detail = {"due_actions": [a.id for a in found], "within_days": within_days}
        audit.record(conn, identity.actor_of(who.user), "view", detail, now, _purpose(who))
    return found


def visible_timelines(
    conn: sa.Connection, who: Viewer, now: datetime
) -> list[tuple[Any, list[TransitionView]]]:
    """Every case (open or closed) the reader may see, each with the transitions they may see (the
    statistics' lens: figures come from these and nothing else). Not audited: the caller is."""
    lens = enter(conn, who, now)
    loaded = _load(conn, who, lens, case_rows.all_cases(conn, open_only=False))
    return [(row, _shown(who, loaded, row)[0]) for row in loaded.rows]


def _one(conn: sa.Connection, who: Viewer, case_id: int, now: datetime) -> _Loaded:
    """One case as ``_load`` reads it (no row: absent, or not to be seen)."""
    lens = enter(conn, who, now)
    row = case_rows.case(conn, case_id)
    return _load(conn, who, lens, [row] if row is not None else [])


def purpose_of(who: Viewer) -> str:
    return _purpose(who)


def visible_case(store: Store, who: Viewer, case_id: int) -> Any:
    """The case row if ``who`` may see it, else NotFoundError (absent and hidden alike)."""
    return seen_case(store, who, case_id)[0]


def seen_case(store: Store, who: Viewer, case_id: int) -> tuple[Any, set[int]]:
    """The case row if ``who`` may see it (else NotFoundError) and the ids of its transitions they see."""
    with store.transaction() as conn:
        loaded = _one(conn, who, case_id, clock.now())
    if not loaded.rows:
        raise NotFoundError(f"no case {case_id}")
    found = loaded.rows[0]
    return found, {t.id for t in _shown(who, loaded, found)[0]}


__all__: Sequence[str] = [
    "ActionView", "CaseSummary", "CaseView", "ReviewView", "TransitionView", "due", "list_cases", "show",
]  # fmt: skip
