"""Export use case: the store's active records as interchange JSON Lines or FollowTheMoney entities.

Until the access layer (issue #5) exists this reads everything; when it lands, exports must pass
through its single enforcement point like every other read.
"""

from __future__ import annotations

from pathlib import Path

from crossroads.errors import InputFileError
from crossroads.records import writers
from crossroads.store import record_rows
from crossroads.store.store import Store

EXPORT_FORMATS = ("jsonl", "ftm")


def export_records(store: Store, out: Path, fmt: str = "jsonl", source: str | None = None) -> int:
    if fmt not in EXPORT_FORMATS:
        raise InputFileError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    write = writers.write_jsonl if fmt == "jsonl" else writers.write_ftm
    out.parent.mkdir(parents=True, exist_ok=True)
    with store.transaction() as conn, out.open("wb") as handle:
        return write(record_rows.iter_active(conn, source=source), handle)
