"""Ingest use case: read a file, validate each row, store the good ones, quarantine the bad ones.

Guarantees a data steward relies on:
- bad rows never stop good ones and are never lost (each goes to quarantine with line, field, reason);
- idempotent: the same file twice changes nothing; a changed record gets a new version, the old kept;
- crash-safe: rows are committed in chunks keyed by (source, id), so after a kill the same command
  simply runs again and leaves exactly one copy of each record;
- ``full``: records of the source missing from a complete re-export are marked withdrawn, never
  deleted (person and relationship records alike, each kind only by a file that carries it);
- records past their retention are purged when the run ends (``service.retention``), audited.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from crossroads.access import audit, identity
from crossroads.access.model import Role
from crossroads.errors import InputFileError
from crossroads.records.model import Problem
from crossroads.records.readers import RawRow, detect_format, read_rows
from crossroads.records.relations import CheckedRelation, is_relation, validate_relation
from crossroads.records.validate import Validated, validate
from crossroads.service import clock, retention
from crossroads.store import batch_rows, quarantine_rows, record_rows, relationship_rows
from crossroads.store.record_rows import Incoming
from crossroads.store.schema import batches
from crossroads.store.store import Store

Progress = Callable[[int], None]
Checked = Validated | CheckedRelation  # a row checked as a person record or as a relationship record
SAMPLE_SIZE = 20


@dataclass
class IngestReport:
    batch_id: str
    file: str
    source: str | None
    counts: batch_rows.BatchCounts
    problems_by_code: Counter[str] = field(default_factory=Counter)
    samples: list[quarantine_rows.Refused] = field(default_factory=list)
    reactivated: int = 0
    #: (source, id) of the records this run inserted, changed or reactivated: to resolve on arrival
    touched: list[tuple[str, str]] = field(default_factory=list)
    relationships: int = 0  # Family / Associate records among the rows (stored apart, never resolved)
    relationships_withdrawn: int = 0  # of those withdrawn by --full (counted in counts.withdrawn too)
    purged: int = 0  # expired records the automatic purge erased after this run (service.retention)

    @property
    def clean(self) -> bool:
        return self.counts.quarantined == 0


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_lines(path: Path) -> int:
    """Physical lines, for a progress bar's total (rows may be fewer: blank lines, CSV header)."""
    with path.open("rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


class _Run:
    """The state of one ingest run: pending rows, refused rows, ids seen, running counts."""

    def __init__(self, store: Store, batch_id: str, path: Path, fmt: str, source: str | None) -> None:
        self.store = store
        self.batch_id = batch_id
        self.path = path
        self.fmt = fmt
        self.source = source
        self.counts = batch_rows.BatchCounts()
        self.pending: list[Incoming] = []
        self.relations: list[relationship_rows.Incoming] = []  # Family / Associate rows: not persons
        self.refused: list[quarantine_rows.Refused] = []
        self.first_line: dict[tuple[str, str], int] = {}
        self.present: set[str] = set()  # ids of the source's person records in the file
        self.present_relations: set[str] = set()  # and of its relationship records
        self.report = IngestReport(batch_id, str(path), source, self.counts)

    def take(self, row: RawRow, today: date) -> None:
        self.counts.rows_read += 1
        if row.problem is not None:
            self.refuse(row, self.source, None, [row.problem])
            return
        if is_relation(row.data):
            self.take_relation(row, today)
            return
        checked = validate(row.data, line=row.line, default_source=self.source, today=today)
        record = checked.record
        key = (record.source, record.id) if record is not None else None
        if self.accepted(row, checked, key, self.present, quarantine_rows.PERSON):
            assert record is not None
            self.pending.append(Incoming(record, row.raw, row.line))

    def take_relation(self, row: RawRow, today: date) -> None:
        """A relationship record: checked as such, stored apart from person records, never resolved."""
        assert isinstance(row.data, dict)
        checked = validate_relation(row.data, line=row.line, default_source=self.source, today=today)
        relation = checked.relation
        key = (relation.source, relation.id) if relation is not None else None
        present = self.present_relations
        if self.accepted(row, checked, key, present, quarantine_rows.RELATIONSHIP):
            assert relation is not None
            self.relations.append(relationship_rows.Incoming(relation, row.raw, row.line))

    def accepted(
        self, row: RawRow, checked: Checked, key: tuple[str, str] | None, present: set[str], kind: str
    ) -> bool:
        """Whether a row checked as ``kind`` (person or relationship; ``key``: its source and id,
        None when it failed its checks) is taken; a refused row goes to the quarantine, marked with
        its kind. A refused row still counts as ``present`` (the ids of its kind, for ``--full``);
        a second row with an id already seen in this file is refused."""
        source, record_id = checked.source, checked.record_id
        if record_id is not None and source == self.source:
            present.add(record_id)
        if key is None:
            self.refuse(row, source or self.source, record_id, checked.problems, kind)
            return False
        earlier = self.first_line.setdefault(key, row.line)
        if earlier != row.line:
            problem = Problem(
                row.line,
                "id",
                "duplicate_id",
                f"id {key[1]!r} already appeared at line {earlier} of this file; the first one was kept",
            )
            self.refuse(row, key[0], key[1], [problem], kind)
            return False
        return True

    def refuse(
        self, row: RawRow, source: str | None, record_id: str | None, problems: list[Problem],
        kind: str | None = None,
    ) -> None:  # fmt: skip
        refused = quarantine_rows.Refused(row.line, row.raw, source, record_id, problems, row.raw_bytes, kind)
        self.refused.append(refused)
        self.counts.quarantined += 1
        self.report.problems_by_code[problems[0].code] += 1
        if len(self.report.samples) < SAMPLE_SIZE:
            self.report.samples.append(refused)

    def flush(self) -> None:
        if not self.pending and not self.refused and not self.relations:
            return
        now = clock.now()
        with self.store.transaction() as conn:
            upserted = record_rows.upsert(conn, self.batch_id, self.pending, now)
            related = relationship_rows.upsert(conn, self.batch_id, self.relations, now)
            quarantine_rows.add(conn, self.batch_id, str(self.path), self.fmt, self.refused, now)
        for done in (related, upserted):
            self.counts.inserted += done.inserted
            self.counts.updated += done.updated + done.reactivated
            self.counts.unchanged += done.unchanged
            self.report.reactivated += done.reactivated
        self.report.relationships += related.inserted + related.updated + related.unchanged
        self.report.relationships += related.reactivated
        self.report.touched += upserted.touched
        self.pending.clear()
        self.refused.clear()
        self.relations.clear()

    @property
    def buffered(self) -> int:
        return len(self.pending) + len(self.refused) + len(self.relations)


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Bulk parsing allocates millions of short-lived, acyclic dicts that reference counting frees;
    the default cyclic-GC thresholds make Python rescan them constantly (about 30% of ingest time
    measured). Raise the thresholds for the run, restore them after."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def ingest_file(
    store: Store,
    path: Path,
    *,
    user: str | None,
    source: str | None = None,
    fmt: str | None = None,
    mapping: Path | None = None,
    full: bool = False,
    chunk: int = 5000,
    today: date | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest one file into ``store``; see the module docstring for what is guaranteed."""
    if full and source is None:
        raise InputFileError("--full needs --source: withdrawal applies to one agency's complete export")
    fmt = fmt or detect_format(path, mapping)
    rows = read_rows(path, fmt, mapping)  # whole-file problems (no file, bad mapping) raise here
    today = today or clock.today()
    file_digest = file_sha256(path)
    steward = identity.actor_of(
        identity.authorise(store, user, Role.DATA_STEWARD, f"ingest {path}", clock.now())
    )
    with store.transaction() as conn:
        _mark_interrupted(conn, source, file_digest)
        batch_id = batch_rows.start(
            conn,
            source=source,
            file_name=str(path),
            file_sha256=file_digest,
            fmt=fmt,
            mapping=mapping.read_text(encoding="utf-8") if mapping else None,
            full_export=full,
            now=clock.now(),
        )
        # Recorded as it starts, in the batch's own transaction: an ingest killed half-way has
        # written records, and its entry says who sent them.
        started = {"batch": batch_id, "file": str(path), "sha256": file_digest, "source": source,
                   "format": fmt, "full": full, "phase": "started"}  # fmt: skip
        audit.record(conn, steward, "ingest", started, clock.now())
    run = _Run(store, batch_id, path, fmt, source)
    with _fewer_gc_passes():
        try:
            for row in rows:
                run.take(row, today)
                if run.buffered >= chunk:
                    run.flush()
                    if progress:
                        progress(run.counts.rows_read)
            run.flush()
            if full and source is not None:
                with store.transaction() as conn:
                    # A source may export its person records and its relationship records in
                    # separate files: a file of relationship records alone says nothing of the
                    # persons, and one without relationship records nothing of those.
                    now = clock.now()
                    if run.present or not run.present_relations:
                        run.counts.withdrawn = record_rows.withdraw_missing(conn, source, run.present, now)
                    if run.present_relations:
                        run.report.relationships_withdrawn = relationship_rows.withdraw_missing(
                            conn, source, run.present_relations, now
                        )
                    run.counts.withdrawn += run.report.relationships_withdrawn
        except BaseException:
            with store.transaction() as conn:
                batch_rows.finish(conn, batch_id, batch_rows.FAILED, run.counts, clock.now())
            raise
    with store.transaction() as conn:
        batch_rows.finish(conn, batch_id, batch_rows.DONE, run.counts, clock.now())
        done = {"batch": batch_id, "phase": "done", "rows_read": run.counts.rows_read,
                "inserted": run.counts.inserted, "updated": run.counts.updated,
                "quarantined": run.counts.quarantined, "withdrawn": run.counts.withdrawn}  # fmt: skip
        audit.record(conn, steward, "ingest", done, clock.now())
    run.report.purged = retention.purge_after_ingest(store, steward, batch_id).count
    if progress:
        progress(run.counts.rows_read)
    return run.report


def _mark_interrupted(conn: sa.Connection, source: str | None, file_digest: str) -> None:
    """An earlier run of this same file still 'running' was killed; say so instead of leaving it open."""
    conn.execute(
        sa.update(batches)
        .where(
            batches.c.status == batch_rows.RUNNING,
            batches.c.file_sha256 == file_digest,
            batches.c.source.is_(None) if source is None else batches.c.source == source,
        )
        .values(status="interrupted")
    )
