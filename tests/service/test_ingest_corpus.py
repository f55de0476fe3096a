"""The malformed corpus through the real ingest, on both stores: each bad row lands in quarantine
with its specific problem (line, code, field), and every good record of the file is stored."""

from __future__ import annotations

import sqlalchemy as sa

from crossroads.service.ingest import ingest_file
from crossroads.store import quarantine_rows
from crossroads.store.schema import batches, quarantine, record_versions, records
from crossroads.store.store import Store
from identity_factory import steward
from malformed_corpus import TODAY, load_cases

CASES = [c for c in load_cases() if c.xfail_reason is None]


def _empty(store: Store) -> None:
    with store.transaction() as conn:
        for table in (record_versions, records, quarantine, batches):
            conn.execute(sa.delete(table))


def test_every_corpus_file_quarantines_its_bad_rows_and_keeps_the_good(store: Store) -> None:
    assert len(CASES) >= 40
    failures: list[str] = []
    for case in CASES:
        _empty(store)
        report = ingest_file(store, case.path, user=steward(store), source=case.source, today=TODAY)
        with store.transaction() as conn:
            stored = set(conn.execute(sa.select(records.c.source_id)).scalars())
            entries = quarantine_rows.list_entries(conn, limit=1000)
        refused = {e.line: sorted((p["code"], p["field"]) for p in e.problems) for e in entries}
        expected = {line: sorted(problems) for line, problems in case.bad.items()}
        if refused != expected:
            failures.append(f"{case.file}: quarantined {refused}, expected {expected}")
        if stored != set(case.good):
            failures.append(f"{case.file}: stored {sorted(stored)}, expected {sorted(case.good)}")
        if report.counts.quarantined != len(case.bad) or report.counts.inserted != len(case.good):
            failures.append(f"{case.file}: report counts {report.counts}")
        if any(not e.raw for e in entries):
            failures.append(f"{case.file}: a quarantined row lost its original text")
    assert not failures, "\n".join(failures)
