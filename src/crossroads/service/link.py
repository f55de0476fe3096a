"""Linking use cases: resolve a JSON Lines file into persons (the ``crossroads link`` contract),
or resolve everything in the store and record each record's entity."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crossroads.access import audit
from crossroads.access import identity as users
from crossroads.access.model import Role
from crossroads.records.model import Problem, Record
from crossroads.records.readers import read_rows
from crossroads.records.relations import is_relation
from crossroads.records.validate import validate
from crossroads.resolve import identity, linker
from crossroads.resolve.contacts import contact_keys
from crossroads.resolve.linker import Progress
from crossroads.service import alerts, clock
from crossroads.store import (
    alert_rows,
    case_rows,
    key_rows,
    record_rows,
    relationship_rows,
    resolution_runs,
    review_rows,
)
from crossroads.store.store import Store


@dataclass
class LinkFileReport:
    records: int
    entities: int
    written: int
    unlinked_invalid: list[Problem] = field(default_factory=list)
    unwritable: list[Problem] = field(default_factory=list)
    relationships: int = 0  # relationship records in the file: not persons, so not linked or written


def link_file(
    path: Path,
    out: Path,
    today: date | None = None,
    progress: Progress | None = None,
    engine: str = "duckdb",
    processes: int = linker.PROCESSES,
) -> LinkFileReport:
    """Write ``id,entity_id`` for every record of ``path`` (FORMAT.md, 'Batch linking').

    A row that fails validation but has an id still gets a line, as its own entity, and is
    reported; a row without a readable id cannot be written and is reported with its line.
    """
    today = today or clock.today()
    invalid_ids: list[str] = []
    report = LinkFileReport(0, 0, 0)

    def valid_records() -> Iterator[Record]:
        # Streamed into the linker, which keeps what it compares of each record, not the record.
        for row in read_rows(path, "jsonl"):
            if row.problem is not None:
                report.unwritable.append(row.problem)
                continue
            if is_relation(row.data):
                report.relationships += 1  # a Family / Associate record names persons; it is none
                continue
            checked = validate(row.data, line=row.line, default_source=None, today=today)
            if checked.record is not None:
                yield checked.record
            elif checked.record_id is not None:
                invalid_ids.append(checked.record_id)
                report.unlinked_invalid.extend(checked.problems)
            else:
                report.unwritable.extend(checked.problems)

    linkage = linker.link(valid_records(), progress=progress, engine=engine, processes=processes)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "entity_id"])
        for (_, record_id), entity in zip(linkage.refs, linkage.entity_ids, strict=True):
            writer.writerow([record_id, entity])
        for record_id in invalid_ids:
            writer.writerow([record_id, f"U-{record_id}"])
    report.records = len(linkage.refs) + len(invalid_ids)
    report.entities = linkage.entities + len(invalid_ids)
    report.written = report.records
    return report


@dataclass(frozen=True)
class ResolveReport:
    run_id: str
    records: int
    entities: int
    lineage: Counter[str]  # events by kind: created, merged, split
    queued: int  # pairs waiting for an analyst
    model_origin: str


#: Who may re-link the store: those who bring its records in.
RESOLVING = Role.DATA_STEWARD
#: Merges and splits named one by one in a run's audit entry; beyond this, counted only.
NAMED_EVENTS = 1000


def resolve_store(
    store: Store,
    user: str | None,
    progress: Progress | None = None,
    engine: str = "duckdb",
    processes: int = linker.PROCESSES,
) -> ResolveReport:
    """Link every active record in the store with the analysts' judgements in force, save each
    record's entity id, keep the run's context (model, name frequencies) so that every decision can
    be explained later, and refill the review queue with the pairs an analyst should judge. Done by
    a data steward; the run, with its merges and splits, is one audit entry in the transaction
    that writes it."""
    started = clock.now()
    steward = users.authorise(store, user, RESOLVING, "resolve the store", started)
    with store.transaction() as conn:
        # Streamed: the linker keeps what it compares of each record, not the record.
        profiled = linker.profile_all(record_rows.iter_active(conn), progress)
        verdicts = review_rows.in_force(conn)
        before = record_rows.entity_ids(conn)
    refs = profiled.refs
    index = {ref: i for i, ref in enumerate(refs)}
    judged = [(index[j.a], index[j.b], j.verdict) for j in verdicts if j.a in index and j.b in index]
    linkage = linker.link_profiled(
        profiled, progress=progress, judgements=judged, engine=engine, processes=processes
    )
    # Stable ids: each person keeps the id its records held, whatever records joined or left it.
    members = [f"{source}/{record_id}" for source, record_id in refs]
    previous = [before.get(ref) for ref in refs]
    entity_ids, events = identity.assign(members, linkage.clustering.labels.tolist(), previous)
    already = {review_rows.ordered(j.a, j.b) for j in verdicts}
    queue = []
    for a, b, probability, why in linkage.to_review():
        ref_a, ref_b = refs[a], refs[b]
        if review_rows.ordered(ref_a, ref_b) not in already:
            queue.append((ref_a, ref_b, probability, why))
    with store.transaction() as conn:
        record_rows.assign_entities(
            conn,
            (
                (source, record_id, e)
                for (source, record_id), e, old in zip(refs, entity_ids, previous, strict=True)
                if e != old
            ),
        )
        run_id = resolution_runs.save(
            conn,
            started_at=started,
            finished_at=clock.now(),
            records=len(refs),
            entities=linkage.entities,
            model_origin=linkage.context.origin,
            context=linkage.context.to_json(),
        )
        resolution_runs.add_lineage(
            conn, run_id, ((e.entity_id, e.event, e.other, e.records, e.why) for e in events), clock.now()
        )
        queued = review_rows.replace_queue(conn, run_id, queue)
        changed = [
            (e.event, e.entity_id, e.other) for e in events if e.event in (identity.MERGED, identity.SPLIT)
        ]
        detail = {
            "run": run_id, "engine": engine, "records": len(refs), "entities": linkage.entities,
            "events": dict(Counter(e.event for e in events)), "queued": queued,
            "merges_and_splits": [list(c) for c in changed[:NAMED_EVENTS]],
        }  # fmt: skip
        audit.record(conn, users.actor_of(steward), "resolve", detail, clock.now())
        for event in events:  # a merged person's watches and case follow it
            if event.event == identity.MERGED and event.other is not None:
                alert_rows.move_watches(conn, event.entity_id, event.other)
                case_rows.follow_merge(conn, event.entity_id, event.other, steward.name, clock.now())
        # Records linked for the first time to a watched person alert. The watched persons are
        # read first: a first run links every record, too many for one IN list.
        watched = alert_rows.watched_entities(conn)
        arrived = [
            (record_rows.get(conn, *ref).record, e)
            for ref, e, old in zip(refs, entity_ids, previous, strict=True)
            if old is None and e in watched
        ]
        if arrived:
            alerts.after_batch(conn, users.actor_of(steward), arrived, linkage.context, clock.now())
        # The keys the real-time path looks new records' candidates up by.
        pk_of = record_rows.active_pks(conn)
        pks = [pk_of[ref] for ref in refs]
        key_rows.replace_all(
            conn,
            (
                (pks[r], key)
                for r, key in zip(linkage.keys.rec.tolist(), linkage.keys.key.tolist(), strict=True)
            ),
        )
        # The keys shared-address and shared-phone relations are found by (never read by linking).
        relationship_rows.replace_contacts(
            conn,
            (
                (pk, key)
                for pk, row in relationship_rows.active_with_pks(conn)
                for key in sorted(contact_keys(row.properties))
            ),
        )
    return ResolveReport(
        run_id,
        len(refs),
        len(set(entity_ids)),
        Counter(e.event for e in events),
        queued,
        linkage.context.origin,
    )
