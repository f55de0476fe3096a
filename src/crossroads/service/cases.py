"""Case follow-up (issue #7): the local task force follows a foreign fighter, a home-grown extremist
or a propagandist from the first report until the case closes; the local security cell follows
the prevention side (disengagement, probation) of the cases given to it.

One case per person (an entity, so every alias and record of theirs is behind it). A case holds
dated status transitions of the lifecycle (``case_lifecycle``), each naming who reported it (an
agency and the record it was read from, or the user who entered it); follow-up actions with a due
date, listed as reminders when due; and for children the minors' review: under ten a victim,
recorded automatically from the minors' rule (``access.safeguard``) when the case is opened, older
children reviewed case by case with who and why. Task-force analysts write; a prevention officer
adds and completes the actions of the cases their cell follows; every write is one audit entry.
Reading is ``case_views``'s business.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.minors import VICTIM_AGE, BirthDateError, possibly_under
from crossroads.access.model import AgencyKind, Role, User
from crossroads.access.policy import Purpose
from crossroads.access.retention import utc
from crossroads.errors import NotFoundError
from crossroads.service import clock
from crossroads.service.case_lifecycle import (
    ACTION_KINDS,
    CATEGORIES,
    CaseError,
    Step,
    TransitionError,
    check,
    checked_choice,
    checked_status,
)
from crossroads.service.case_views import (
    ANALYST,
    CELL,
    Viewer,
    follows,
    refuse,
    seen_case,
    viewer,
    visible_case,
)
from crossroads.service.search import members
from crossroads.store import case_rows, identity_rows, minor_rows
from crossroads.store.store import Store

__all__ = ["CaseError", "TransitionError"]

VICTIM, FOLLOW_UP = "victim", "follow-up"
ADULT_AGE = 18
#: Who recorded an automatic decision: the rule, on behalf of the user who opened the case.
RULE_REASON = "under 10 when a record was made or on return: a victim (minors' rule, BRIEF.md)"


def writer(store: Store, name: str | None, what: str) -> Viewer:
    """A task-force analyst (foreign partners and other roles are refused, and recorded)."""
    who = viewer(store, name, what)
    if who.kind != ANALYST:
        raise refuse(store, who.user, what, f"{who.user.name!r}: case follow-up is written by analysts")
    return who


def units_of(
    conn: sa.Connection, ref: str | None, what: str, kind: AgencyKind | None
) -> tuple[str | None, str | None]:
    """AGENCY or AGENCY/UNIT, checked against the registered agencies and units."""
    if ref is None or not ref.strip():
        return None, None
    agency_code, _, unit = ref.strip().partition("/")
    row = identity_rows.agency(conn, agency_code)
    if row is None:
        raise CaseError(f"{what} {ref!r}: no agency {agency_code!r} (AGENCY or AGENCY/UNIT)")
    if kind is not None and row.kind != kind.value:
        raise CaseError(f"{what} {ref!r}: {agency_code} is not a {kind.value} agency")
    if unit and identity_rows.unit(conn, agency_code, unit) is None:
        raise CaseError(f"{what} {ref!r}: {unit!r} is not a unit of {agency_code}")
    return agency_code, unit or None


def _record(conn: sa.Connection, user: User, detail: dict[str, Any], now: datetime) -> None:
    audit.record(conn, identity.actor_of(user), "case", detail, now, Purpose.INVESTIGATION.value)


def _births(conn: sa.Connection, entity: str) -> list[tuple[str, date]]:
    """Each birth date the person's stored records give, with the day that record was received."""
    return [
        (birth, utc(r.received_at).date())
        for r in minor_rows.births_of(conn, entity)
        for birth in r.properties.get("birthDate", [])
    ]


def _under(births: list[tuple[str, date]], at: date | None, years: int) -> bool:
    """``access.minors.possibly_under`` over every birth date, at ``at`` (None: at each receipt)."""
    for birth, received in births:
        try:
            if possibly_under(birth, at or received, years):
                return True
        except BirthDateError:
            continue
    return False


def child_victim(conn: sa.Connection, entity: str, returned_on: date | None = None) -> bool:
    """The minors' rule: a record made while the person may have been under ten (the same flag
    as ``access.safeguard.victim``), or under ten on the day they returned from the conflict zone."""
    births = _births(conn, entity)
    return _under(births, None, VICTIM_AGE) or (
        returned_on is not None and _under(births, returned_on, VICTIM_AGE)
    )


def minor(conn: sa.Connection, entity: str, dates: list[date]) -> bool:
    """Whether a record was made, or a transition of the case happened, while they may have been under 18."""
    births = _births(conn, entity)
    return _under(births, None, ADULT_AGE) or any(_under(births, on, ADULT_AGE) for on in dates)


def victim_by_rule(conn: sa.Connection, case_id: int) -> bool:
    return any(r.automatic and r.decision == VICTIM for r in case_rows.reviews(conn, [case_id])[case_id])


def apply_minors_rule(
    conn: sa.Connection, case_id: int, entity: str, returned_on: date | None, user: User, now: datetime
) -> bool:
    """Record, once, the automatic victim decision the minors' rule makes for the case."""
    if victim_by_rule(conn, case_id):
        return True
    if not child_victim(conn, entity, returned_on):
        return False
    case_rows.add_review(conn, case_id, VICTIM, True, RULE_REASON, user.name, now)
    return True


def create(
    conn: sa.Connection, user: User, entity: str, category: str, taskforce: tuple[str | None, str | None],
    cell: tuple[str | None, str | None], municipality: str | None, now: datetime,
) -> tuple[int, bool]:  # fmt: skip
    """A new case row (and the automatic victim decision for a child under ten): (id, victim)."""
    existing = case_rows.case_of(conn, entity)
    if existing is not None:
        raise CaseError(f"person {entity} already has case {existing.id}")
    case_id = case_rows.add_case(
        conn, entity_id=entity, category=category, taskforce_agency=taskforce[0], taskforce_unit=taskforce[1],
        cell_agency=cell[0], cell_unit=cell[1], municipality=municipality, opened_by=user.name, opened_at=now,
    )  # fmt: skip
    return case_id, apply_minors_rule(conn, case_id, entity, None, user, now)


def open_case(
    store: Store,
    user: str | None,
    entity: str,
    category: str,
    taskforce: str | None = None,
    cell: str | None = None,
    municipality: str | None = None,
) -> int:
    """Open the case of a person the analyst may learn of; the task force defaults to theirs."""
    chosen = checked_choice(category, CATEGORIES, "category")
    now = clock.now()
    who = writer(store, user, f"open a case on {entity}")
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, who.user, Purpose.INVESTIGATION), now)
        known = bool(members(conn, lens, [entity]).get(entity))
    if not known:
        raise NotFoundError(f"no person {entity!r}")
    with store.transaction() as conn:
        force = (
            units_of(conn, taskforce, "task force", None) if taskforce else (who.user.agency, who.user.unit)
        )
        security_cell = units_of(conn, cell, "security cell", AgencyKind.PREVENTION)
        case_id, is_victim = create(conn, who.user, entity, chosen, force, security_cell, municipality, now)
        detail = {"opened": case_id, "entity": entity, "category": chosen, "taskforce": taskforce,
                  "cell": cell, "child_victim": is_victim}  # fmt: skip
        _record(conn, who.user, detail, now)
    return case_id


def timeline_of(conn: sa.Connection, case_id: int) -> list[Step]:
    return [Step(t.status, t.happened_on) for t in case_rows.transitions(conn, [case_id])[case_id]]


def timeline_dates(conn: sa.Connection, case_id: int) -> list[date]:
    return [step.on for step in timeline_of(conn, case_id)]


def move(
    store: Store,
    user: str | None,
    case_id: int,
    status: str,
    on: date,
    note: str = "",
    source_agency: str | None = None,
    override: str | None = None,
    share: bool = False,
) -> int:
    """Record a dated transition reported by ``source_agency`` (default: the analyst's); checked
    against the lifecycle and the case's dates (``case_lifecycle.check``)."""
    chosen = checked_status(status)
    now = clock.now()
    who = writer(store, user, f"move case {case_id} to {status}")
    row, shown = seen_case(store, who, case_id)
    with store.transaction() as conn:
        if row.closed_at is not None:
            raise CaseError(f"case {case_id} is closed")
        agency_code = (
            units_of(conn, source_agency, "source agency", None)[0] if source_agency else who.user.agency
        )
        timeline = [
            Step(t.status, t.happened_on, t.id in shown)
            for t in case_rows.transitions(conn, [case_id])[case_id]
        ]
        check(timeline, chosen, on, now.date(), override)
        reason = (override or "").strip() or None
        transition = case_rows.add_transition(
            conn, case_id=case_id, status=chosen, happened_on=on, source_agency=agency_code,
            source_record=None, reported_by=who.user.name, note=note.strip() or None, override=reason,
            shared=share, recorded_at=now,
        )  # fmt: skip
        detail: dict[str, Any] = {"case": case_id, "transition": transition, "status": chosen,
                                  "on": str(on), "override": reason, "shared": share}  # fmt: skip
        if chosen == "returned":
            detail["child_victim"] = apply_minors_rule(conn, case_id, row.entity_id, on, who.user, now)
        _record(conn, who.user, detail, now)
    return transition


def set_units(store: Store, user: str | None, case_id: int, taskforce: str | None, cell: str | None) -> None:
    """Give the case to a task force and/or a security cell (AGENCY or AGENCY/UNIT each)."""
    now = clock.now()
    who = writer(store, user, f"set the units of case {case_id}")
    visible_case(store, who, case_id)
    with store.transaction() as conn:
        values: dict[str, Any] = {}
        if taskforce is not None:
            values["taskforce_agency"], values["taskforce_unit"] = units_of(
                conn, taskforce, "task force", None
            )
        if cell is not None:
            values["cell_agency"], values["cell_unit"] = units_of(
                conn, cell, "security cell", AgencyKind.PREVENTION
            )
        if not values:
            raise CaseError("name a task force (--task-force) or a security cell (--cell)")
        case_rows.update_case(conn, case_id, **values)
        _record(conn, who.user, {"case": case_id, "taskforce": taskforce, "cell": cell}, now)


def _actor_on_case(store: Store, user: str | None, case_id: int, what: str) -> Viewer:
    """An analyst, or a prevention officer of the cell that follows the case."""
    who = viewer(store, user, what)
    row = visible_case(store, who, case_id) if who.kind in (ANALYST, CELL) else None
    if row is None or (who.kind == CELL and not follows(who.user, row)):
        raise refuse(store, who.user, what, "follow-up actions are the task force's and its security cell's")
    if row.closed_at is not None:
        raise CaseError(f"case {case_id} is closed")
    return who


def add_action(
    store: Store, user: str | None, case_id: int, kind: str, description: str, due_on: date
) -> int:
    """A follow-up action (disengagement programme, prison, probation conditions, other) due on a date."""
    chosen = checked_choice(kind, ACTION_KINDS, "kind")
    if not description.strip():
        raise CaseError("an action needs a description of what is to be done")
    now = clock.now()
    if due_on < now.date():
        raise CaseError(f"due date {due_on}: before today ({now.date()}); give the day it is due")
    who = _actor_on_case(store, user, case_id, f"add an action to case {case_id}")
    with store.transaction() as conn:
        made = case_rows.add_action(conn, case_id, chosen, description.strip(), due_on, who.user.name, now)
        _record(conn, who.user, {"case": case_id, "action": made, "kind": chosen, "due_on": str(due_on)}, now)
    return made


def complete_action(store: Store, user: str | None, action_id: int, outcome: str) -> None:
    """Mark an action done, saying what came of it."""
    if not outcome.strip():
        raise CaseError("completing an action needs its outcome: pass --outcome")
    now = clock.now()
    with store.transaction() as conn:
        row = case_rows.action(conn, action_id)
    if row is None:
        identity.authorise(store, user, (Role.ANALYST, Role.PREVENTION_OFFICER), "complete an action", now)
        raise NotFoundError(f"no action {action_id}")
    who = _actor_on_case(store, user, row.case_id, f"complete action {action_id}")
    if row.done_at is not None:
        raise CaseError(f"action {action_id} was done on {row.done_at:%Y-%m-%d} by {row.done_by}")
    with store.transaction() as conn:
        case_rows.complete(conn, action_id, who.user.name, outcome.strip(), now)
        _record(conn, who.user, {"case": row.case_id, "action": action_id, "done": True}, now)


def review_minor(store: Store, user: str | None, case_id: int, decision: str, reason: str) -> int:
    """The case-by-case review of a child of ten or older (victim, or follow-up like an adult's).
    A child under ten is a victim by rule, recorded when the case was opened: not reviewable here."""
    chosen = checked_choice(decision, (VICTIM, "follow_up"), "decision").replace("_", "-")
    if not reason.strip():
        raise CaseError("a review needs a reason oversight can read: pass --reason")
    now = clock.now()
    who = writer(store, user, f"review the minor of case {case_id}")
    row = visible_case(store, who, case_id)
    with store.transaction() as conn:
        if victim_by_rule(conn, case_id):
            raise CaseError(
                f"case {case_id}: under 10 when a record was made or on return, a victim by the minors' "
                "rule (recorded automatically); a review is for children of 10 and older"
            )
        if not minor(conn, row.entity_id, timeline_dates(conn, case_id)):
            raise CaseError(f"case {case_id}: no record gives a birth date under 18; not a minor on record")
        made = case_rows.add_review(conn, case_id, chosen, False, reason.strip(), who.user.name, now)
        _record(conn, who.user, {"case": case_id, "review": made, "decision": chosen,
                                 "reason": reason.strip()}, now)  # fmt: skip
    return made


def close_case(store: Store, user: str | None, case_id: int, reason: str) -> None:
    """Close a case (kept, with who closed it and why)."""
    if not reason.strip():
        raise CaseError("closing a case needs a reason")
    now = clock.now()
    who = writer(store, user, f"close case {case_id}")
    row = visible_case(store, who, case_id)
    if row.closed_at is not None:
        raise CaseError(f"case {case_id} is closed")
    with store.transaction() as conn:
        case_rows.update_case(
            conn, case_id, closed_by=who.user.name, closed_at=now, close_reason=reason.strip()
        )
        _record(conn, who.user, {"case": case_id, "closed": True, "reason": reason.strip()}, now)
