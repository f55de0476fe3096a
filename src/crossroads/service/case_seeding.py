"""Cases from what the agencies already wrote: a record that carries a ``status`` also carries, in
its notes, the dated transitions its agency learned, in the agency's own language ("Revenu
2016-03-04; Arrêté 2016-03-10"). Seeding reads those notes for every resolved person, as far as
the seeding analyst may read them, and opens (or completes) that person's case with one transition
per status, date and record, keeping the record beside the transition. A transition the lifecycle
refuses (often the sign of two people wrongly linked) is not recorded: it is reported as a
conflict for an analyst to look at, never overridden automatically.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import AgencyKind, User
from crossroads.access.policy import Purpose
from crossroads.records.status_words import status_of
from crossroads.service import clock
from crossroads.service.case_lifecycle import STATUSES, CaseError, Step, category_of, check, checked_status
from crossroads.service.cases import apply_minors_rule, child_victim, create, units_of, writer
from crossroads.store import case_rows, record_rows
from crossroads.store.store import Store

_DATED = re.compile(r"^(?P<words>.+?)\s+(?P<on>\d{4}-\d{2}-\d{2})$")
_PLACE = re.compile(r"\b(?:B-)?(?P<postcode>\d{4,5})\s+(?P<city>[^\d,][^,]*)")


@dataclass(frozen=True, order=True)
class Derived:
    """A transition read from one record's notes."""

    on: date
    rank: int  # the lifecycle's order, for transitions of one day
    status: str
    source: str  # the reporting agency
    record: str  # SOURCE/ID


@dataclass
class SeedReport:
    opened: list[int] = field(default_factory=list)
    added: int = 0  # transitions recorded
    kept: int = 0  # transitions already on a case
    conflicts: list[str] = field(default_factory=list)  # in words: case, record, why
    records: int = 0  # records read


def read_notes(notes: list[str], source: str, ref: str) -> list[Derived]:
    """The dated statuses a record's notes name ("words YYYY-MM-DD; ..."), in any language the
    status table knows; anything else in the notes is left alone."""
    found = []
    for text in notes:
        for part in text.split(";"):
            match = _DATED.match(part.strip())
            status = status_of(match["words"]) if match else None
            if match is None or status is None:
                continue
            try:
                on = date.fromisoformat(match["on"])
                status = checked_status(status)
            except (ValueError, CaseError):
                continue
            found.append(Derived(on, STATUSES.index(status), status, source, ref))
    return found


def municipality_of(addresses: list[str]) -> str | None:
    """Postcode and municipality as an address writes them ("1080 Molenbeek-Saint-Jean")."""
    for address in addresses:
        match = _PLACE.search(address)
        if match:
            return f"{match['postcode']} {match['city'].strip()}"
    return None


def seed(
    store: Store,
    user: str | None,
    taskforce: str | None = None,
    cell: str | None = None,
    cell_municipality: str | None = None,
) -> SeedReport:
    """Open or complete the cases of every resolved person whose records the analyst may read
    statuses from. ``cell`` is given the new cases whose municipality contains
    ``cell_municipality`` (every new case when that is None)."""
    now = clock.now()
    who = writer(store, user, "seed cases from records")
    report = SeedReport()
    derived: dict[str, list[Derived]] = defaultdict(list)
    places: dict[str, list[str]] = defaultdict(list)
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, who.user, Purpose.INVESTIGATION), now)
        owners = record_rows.entity_ids(conn)
        for record in record_rows.iter_active(conn):
            entity = owners.get((record.source, record.id))
            if entity is None or "status" not in record.properties:
                continue
            seen = lens.see(record)
            if not seen.discoverable or "notes" not in seen.decision.fields:
                continue
            report.records += 1
            derived[entity] += read_notes(record.properties.get("notes", []), record.source, seen.ref)
            if "address" in seen.decision.fields:
                places[entity] += record.properties.get("address", [])
    with store.transaction() as conn:
        force = (
            units_of(conn, taskforce, "task force", None) if taskforce else (who.user.agency, who.user.unit)
        )
        security_cell = units_of(conn, cell, "security cell", AgencyKind.PREVENTION)
        for entity, steps in sorted(derived.items()):
            if steps:
                _seed_one(conn, who.user, entity, sorted(set(steps)), force, security_cell,
                          municipality_of(places[entity]), cell_municipality, report, now)  # fmt: skip
        detail = {"seeded": report.opened, "added": report.added, "records": report.records,
                  "conflicts": report.conflicts}  # fmt: skip
        audit.record(conn, identity.actor_of(who.user), "case", detail, now, Purpose.INVESTIGATION.value)
    return report


def _seed_one(
    conn: sa.Connection, user: User, entity: str, steps: list[Derived],
    force: tuple[str | None, str | None], cell: tuple[str | None, str | None], municipality: str | None,
    cell_municipality: str | None, report: SeedReport, now: datetime,
) -> None:  # fmt: skip
    existing = case_rows.case_of(conn, entity)
    if existing is None:
        gets_cell = (
            cell_municipality is None or cell_municipality.casefold() in (municipality or "").casefold()
        )
        category = category_of([s.status for s in steps], child_victim(conn, entity, _returned(steps)))
        case_id, _ = create(conn, user, entity, category, force, cell if gets_cell else (None, None),
                            municipality, now)  # fmt: skip
        report.opened.append(case_id)
        held: list[tuple[str, date, str | None]] = []
    else:
        case_id = existing.id
        held = [
            (t.status, t.happened_on, t.source_record)
            for t in case_rows.transitions(conn, [case_id])[case_id]
        ]
    timeline = [Step(status, on) for status, on, _ in sorted(held, key=lambda h: h[1])]
    for step in steps:
        if (step.status, step.on, step.record) in held:
            report.kept += 1
            continue
        try:
            check(timeline, step.status, step.on, now.date(), None)
        except CaseError as why:
            report.conflicts.append(f"case {case_id}, {step.record}: {why}")
            continue
        case_rows.add_transition(
            conn, case_id=case_id, status=step.status, happened_on=step.on, source_agency=step.source,
            source_record=step.record, reported_by=user.name, note=None, override=None, shared=False,
            recorded_at=now,
        )  # fmt: skip
        timeline.append(Step(step.status, step.on))
        report.added += 1
    if any(step.status == "returned" for step in timeline):
        returned_on = min(step.on for step in timeline if step.status == "returned")
        apply_minors_rule(conn, case_id, entity, returned_on, user, now)


def _returned(steps: list[Derived]) -> date | None:
    """The day the person first returned from the conflict zone, as the records say."""
    return min((s.on for s in steps if s.status == "returned"), default=None)
