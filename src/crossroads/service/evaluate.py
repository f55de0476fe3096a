"""Measure the store's persons against a ground-truth file (demo data, labelled benchmarks)."""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa

from crossroads.errors import InputFileError
from crossroads.resolve.evaluate import PairwiseScores, pairwise
from crossroads.store import record_rows
from crossroads.store.schema import records
from crossroads.store.store import Store


def read_truth(path: Path) -> dict[tuple[str, str], str]:
    """``source,id,person_id`` rows, as written by ``crossroads demo-data``."""
    if not path.is_file():
        raise InputFileError(f"{path}: no such file")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"source", "id", "person_id"} - set(reader.fieldnames or [])
        if missing:
            raise InputFileError(f"{path}: line 1: missing column(s) {', '.join(sorted(missing))}")
        return {(row["source"], row["id"]): row["person_id"] for row in reader}


def evaluate_store(store: Store, truth_path: Path) -> tuple[PairwiseScores, int]:
    """Pairwise scores over the active, resolved records that the truth file knows; and their count."""
    truth = read_truth(truth_path)
    with store.transaction() as conn:
        rows = conn.execute(
            sa.select(records.c.source, records.c.source_id, records.c.entity_id).where(
                records.c.status == record_rows.ACTIVE, records.c.entity_id.is_not(None)
            )
        ).all()
    known = [(truth[(s, i)], e) for s, i, e in rows if (s, i) in truth]
    return pairwise([e for _, e in known], [t for t, _ in known]), len(known)
