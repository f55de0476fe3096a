"""Quarantine use cases for a data steward: look at refused rows, replay them fixed, or discard them.

A refused row is the agency's input as received, content included: only a data steward (those who
bring records in) may list, show, export, replay or discard one, and each of these is one audit
entry naming the entries it touched and the records it stored.

A replay re-reads the row exactly as the ingest did (JSON, or a CSV row through the batch's own
mapping), validates it again and stores it under a new batch, so the fixed record carries its full
provenance: the original refused row, who replayed it through which batch, and when.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import orjson
import sqlalchemy as sa

from crossroads.access import audit, identity
from crossroads.access.model import Role, User
from crossroads.errors import CrossroadsError
from crossroads.records.model import Problem
from crossroads.records.readers.base import RawRow
from crossroads.records.readers.csv_mapped import row_from_cells
from crossroads.records.readers.jsonl import parse_json_row
from crossroads.records.relations import is_relation, validate_relation
from crossroads.records.validate import validate
from crossroads.service import clock
from crossroads.store import batch_rows, quarantine_rows, record_rows, relationship_rows
from crossroads.store.quarantine_rows import Entry
from crossroads.store.record_rows import Incoming
from crossroads.store.store import Store

RETRY_FILE = "(quarantine retry)"


@dataclass
class RetryOutcome:
    entry_id: int
    accepted: bool
    record_id: str | None
    problems: list[Problem] = field(default_factory=list)


def _steward(store: Store, user: str | None, what: str) -> User:
    return identity.authorise(store, user, Role.DATA_STEWARD, what, clock.now())


def _record(conn: sa.Connection, steward: User, detail: dict[str, object]) -> None:
    audit.record(conn, identity.actor_of(steward), "quarantine", detail, clock.now())


def list_entries(store: Store, user: str | None, **filters: object) -> list[Entry]:
    steward = _steward(store, user, "list quarantined rows")
    with store.transaction() as conn:
        found = quarantine_rows.list_entries(conn, **filters)  # type: ignore[arg-type]
        _record(
            conn,
            steward,
            {"listed": [e.id for e in found], "filters": {k: str(v) for k, v in filters.items()}},
        )
    return found


def export_entries(store: Store, user: str | None, source: str | None = None) -> list[Entry]:
    """Every open entry (of one agency), rows included, to correct by hand."""
    steward = _steward(store, user, "export quarantined rows")
    with store.transaction() as conn:
        found = quarantine_rows.list_entries(conn, source=source, limit=1_000_000)
        _record(conn, steward, {"exported": [e.id for e in found], "source": source})
    return found


def show(store: Store, user: str | None, entry_id: int) -> Entry:
    steward = _steward(store, user, f"show quarantine entry {entry_id}")
    with store.transaction() as conn:
        entry = quarantine_rows.get(conn, entry_id)
        _record(conn, steward, {"shown": entry_id})
    return entry


def _reparse(entry: Entry, raw: str, mapping_text: str | None) -> RawRow:
    if entry.format != "csv":
        return parse_json_row(entry.line, raw.encode("utf-8"))
    if mapping_text is None:
        raise CrossroadsError(f"quarantine entry {entry.id} came from a CSV file ingested without a mapping")

    try:
        cells = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CrossroadsError(f"entry {entry.id}: a CSV row is replayed as a JSON object of cells") from exc
    return row_from_cells(cells, mapping_text, entry.line)


def retry(
    store: Store,
    user: str | None,
    entry_ids: Iterable[int],
    replacements: Mapping[int, str] | None = None,
    today: date | None = None,
    every_open: bool = False,
    source: str | None = None,
) -> list[RetryOutcome]:
    """Validate each entry again (with its corrected row when one is given) and store what passes;
    ``every_open``: every open entry too (of ``source`` only, when given)."""
    steward = _steward(store, user, "replay quarantined rows")
    replacements = replacements or {}
    today = today or clock.today()
    outcomes: list[RetryOutcome] = []
    with store.transaction() as conn:
        wanted = list(dict.fromkeys(entry_ids))
        if every_open:
            opened = quarantine_rows.list_entries(conn, source=source, limit=1_000_000)
            wanted += [e.id for e in opened if e.id not in wanted]
        entries = [quarantine_rows.get(conn, i) for i in wanted]
        open_entries = [e for e in entries if e.status == quarantine_rows.OPEN]
        if not open_entries:
            _record(conn, steward, {"retried": [], "asked": wanted})
            return outcomes
        batch_id = batch_rows.start(
            conn,
            source=None,
            file_name=RETRY_FILE,
            file_sha256="-" * 64,
            fmt="retry",
            mapping=None,
            full_export=False,
            now=clock.now(),
        )
        counts = batch_rows.BatchCounts()
        stored: list[str] = []
        for entry in open_entries:
            batch = batch_rows.get(conn, entry.batch_id) or {}
            raw = replacements.get(entry.id, entry.raw)
            row = _reparse(entry, raw, batch.get("mapping"))
            counts.rows_read += 1
            if row.problem is not None:
                _still_failing(conn, entry, raw, [row.problem], None, replaced=entry.id in replacements)
                outcomes.append(RetryOutcome(entry.id, False, entry.record_id, [row.problem]))
                continue
            if is_relation(row.data):
                assert isinstance(row.data, dict)
                related = validate_relation(
                    row.data, line=entry.line, default_source=batch.get("source"), today=today
                )
                if related.relation is None:
                    _still_failing(
                        conn, entry, raw, related.problems, quarantine_rows.RELATIONSHIP,
                        replaced=entry.id in replacements,
                    )  # fmt: skip
                    outcomes.append(RetryOutcome(entry.id, False, related.record_id, related.problems))
                    continue
                done = relationship_rows.upsert(
                    conn,
                    batch_id,
                    [relationship_rows.Incoming(related.relation, raw, entry.line)],
                    clock.now(),
                )
                counts.inserted += done.inserted
                counts.updated += done.updated + done.reactivated
                counts.unchanged += done.unchanged
                resolution = f"replayed in batch {batch_id} as relationship record {related.relation.ref}"
                quarantine_rows.close(conn, entry.id, quarantine_rows.RESOLVED, resolution, clock.now())
                outcomes.append(RetryOutcome(entry.id, True, related.relation.id))
                stored.append(related.relation.ref)
                continue
            checked = validate(row.data, line=entry.line, default_source=batch.get("source"), today=today)
            if checked.record is None:
                _still_failing(
                    conn, entry, raw, checked.problems, quarantine_rows.PERSON,
                    replaced=entry.id in replacements,
                )  # fmt: skip
                outcomes.append(RetryOutcome(entry.id, False, checked.record_id, checked.problems))
                continue
            upserted = record_rows.upsert(
                conn, batch_id, [Incoming(checked.record, raw, entry.line)], clock.now()
            )
            counts.inserted += upserted.inserted
            counts.updated += upserted.updated + upserted.reactivated
            counts.unchanged += upserted.unchanged
            resolution = (
                f"replayed {'with a corrected row ' if entry.id in replacements else ''}"
                f"in batch {batch_id} as record {checked.record.source}/{checked.record.id}"
            )
            quarantine_rows.close(conn, entry.id, quarantine_rows.RESOLVED, resolution, clock.now())
            outcomes.append(RetryOutcome(entry.id, True, checked.record.id))
            stored.append(f"{checked.record.source}/{checked.record.id}")
        counts.quarantined = sum(not o.accepted for o in outcomes)
        batch_rows.finish(conn, batch_id, batch_rows.DONE, counts, clock.now())
        refused = [o.entry_id for o in outcomes if not o.accepted]
        retried = [e.id for e in open_entries]
        _record(
            conn, steward, {"retried": retried, "batch": batch_id, "stored": stored, "still_refused": refused}
        )
    return outcomes


def _still_failing(
    conn: sa.Connection, entry: Entry, raw: str, problems: list[Problem], kind: str | None, *, replaced: bool
) -> None:
    """Keep a corrected row that still fails, with its current problems and what it was checked as
    (``kind``), so the next fix starts there."""
    if replaced:
        quarantine_rows.revise(conn, entry.id, raw.encode("utf-8"), problems, kind)


def discard(store: Store, user: str | None, entry_id: int, reason: str) -> None:
    """Close an entry without storing it (e.g. a test row sent by mistake); the reason is kept."""
    if not reason.strip():
        raise CrossroadsError("say why the row is discarded (--reason)")
    steward = _steward(store, user, f"discard quarantine entry {entry_id}")
    with store.transaction() as conn:
        entry = quarantine_rows.get(conn, entry_id)
        if entry.status != quarantine_rows.OPEN:
            raise CrossroadsError(f"quarantine entry {entry_id} is already {entry.status}")
        quarantine_rows.close(conn, entry_id, quarantine_rows.DISCARDED, f"discarded: {reason}", clock.now())
        _record(conn, steward, {"discarded": entry_id, "reason": reason.strip()})
