"""The data-protection report on one person: what is held, by whom, and who accessed it.

Run by the oversight role, which reads no case content: per record of the entity it lists the
holding agency and its kind, the reference, the marking, the status, when it was received and
last updated, which properties it has (names, never values) and when its retention ends; then
every audit entry whose detail names one of those records or the entity (``access.mentions``:
every key and string value is searched, so no action's detail is missed), including records
already purged from the entity (a purge entry names the entity each purged record left). The
report is itself recorded, as action "dp-report".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa

from crossroads.access import audit, identity, mentions
from crossroads.access.audit_chain import Entry
from crossroads.access.model import Role
from crossroads.access.retention import due, utc
from crossroads.errors import InputFileError, NotFoundError
from crossroads.service import clock
from crossroads.store import identity_rows, report_rows, retention_rows
from crossroads.store.store import Store


@dataclass(frozen=True)
class HeldRecord:
    ref: str
    source: str  # the holding agency
    agency_kind: str | None  # None: an agency nobody registered
    classification: str
    caveats: list[str]
    status: str
    version: int
    received_at: str
    updated_at: str
    properties: list[str]  # names of the properties that have a value
    retention_due: str | None  # None: no rule (an unregistered agency)


@dataclass(frozen=True)
class Access:
    seq: int
    at: str
    actor: str
    agency: str | None
    unit: str | None
    action: str
    purpose: str | None
    names: list[str]  # which of the person's records (or the entity) the entry names


@dataclass(frozen=True)
class Report:
    entity: str
    records: list[HeldRecord]
    purged: list[str]  # records of the entity that a purge erased
    accesses: list[Access]


def _held(conn: sa.Connection, entity_id: str) -> list[HeldRecord]:
    kinds = {row.code: row.kind for row in identity_rows.all_agencies(conn)}
    days = {row.kind: row.days for row in retention_rows.rules(conn)}
    held = []
    for r in report_rows.records_of(conn, entity_id):
        kind = kinds.get(r.source)
        rule = days.get(kind) if kind is not None else None
        held.append(
            HeldRecord(
                f"{r.source}/{r.source_id}", r.source, kind, r.classification, list(r.caveats), r.status,
                r.version, utc(r.received_at).isoformat(), utc(r.updated_at).isoformat(),
                sorted(k for k, v in r.properties.items() if v),
                due(r.updated_at, rule).isoformat() if rule is not None else None,
            )
        )  # fmt: skip
    return held


def _naming(conn: sa.Connection, refs: set[str]) -> list[tuple[Entry, list[str]]]:
    """Audit entries naming any of ``refs``, with the ones each names."""
    found = []
    for row in report_rows.holding(conn, (mentions.fragment(r) for r in refs)):
        entry = Entry(*row)
        if names := mentions.named(entry.detail, refs):
            found.append((entry, names))
    return found


def _purged(entity_id: str, entries: list[tuple[Entry, list[str]]]) -> list[str]:
    """Records a purge erased from this entity, as the purge entries say (``service.retention``)."""
    refs: set[str] = set()
    for entry, names in entries:
        if entry.action == "purge" and entity_id in names:
            refs.update(orjson.loads(entry.detail).get("entities", {}).get(entity_id, []))
    return sorted(refs)


def report(store: Store, user: str | None, entity_id: str, out: Path) -> Report:
    """Write the report on ``entity_id`` to ``out`` (JSON) for an oversight user; recorded."""
    now = clock.now()
    watcher = identity.authorise(store, user, Role.OVERSIGHT, f"data-protection report on {entity_id}", now)
    with store.transaction() as conn:
        held = _held(conn, entity_id)
        refs = {entity_id, *(h.ref for h in held)}
        entries = _naming(conn, refs)
        purged = _purged(entity_id, entries)
        if set(purged) - refs:
            entries = _naming(conn, refs | set(purged))
        accesses = [
            Access(e.seq, e.at, e.actor, e.agency, e.unit, e.action, e.purpose, names) for e, names in entries
        ]
        made = Report(entity_id, held, purged, accesses)
        if held or accesses:
            _write(out, made, watcher.name, now.isoformat())
        detail = {"entity": entity_id, "records": [h.ref for h in held], "purged": purged,
                  "entries": len(accesses), "file": str(out) if held or accesses else None}  # fmt: skip
        audit.record(conn, identity.actor_of(watcher), "dp-report", detail, now, "oversight")
    if not (held or accesses):
        raise NotFoundError(f"no record is held under entity {entity_id!r} and no audit entry names it")
    return made


def _write(out: Path, made: Report, by: str, at: str) -> None:
    body: dict[str, Any] = {"generated_by": by, "generated_at": at, **asdict(made)}
    body["searched"] = (
        "every key and string value of each audit entry's detail, for the entity id and each record "
        "reference (SOURCE/ID), whole or as a whitespace-separated word"
    )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(orjson.dumps(body, option=orjson.OPT_INDENT_2))
    except OSError as exc:
        raise InputFileError(f"cannot write the report to {out}: {exc.strerror}") from exc
