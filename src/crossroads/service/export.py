"""Export use case: the store's active records as interchange JSON Lines or FollowTheMoney entities,
as far as the user exporting may read them.

An export is a read like any other: each record passes need-to-know (``access.reading``). A record
the user may not learn exists is neither written nor counted, one they may not read is left out,
one they may read in part is written with those fields only (its marking kept), and the trail
records which records were written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crossroads.access import audit, identity, reading
from crossroads.access.model import Role
from crossroads.access.policy import FIELDS, checked_purpose
from crossroads.errors import InputFileError
from crossroads.records import writers
from crossroads.records.model import Record
from crossroads.service import clock
from crossroads.store import record_rows
from crossroads.store.store import Store

EXPORT_FORMATS = ("jsonl", "ftm")


@dataclass(frozen=True)
class Exported:
    written: int
    trimmed: int  # written with some fields withheld
    left_out: int  # known of but not written: nothing readable (what may not be known of is not counted)


def _trimmed(record: Record, fields: frozenset[str], own: bool) -> Record:
    """The record with only ``fields``; its own agency also keeps properties the rules do not name."""
    kept = {k: v for k, v in record.properties.items() if k in fields or (own and k not in FIELDS)}
    return record if kept == record.properties else record.model_copy(update={"properties": kept})


def export_records(
    store: Store, user: str | None, purpose: str, out: Path, fmt: str = "jsonl", source: str | None = None
) -> Exported:
    if fmt not in EXPORT_FORMATS:
        raise InputFileError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    why = checked_purpose(purpose)
    now = clock.now()
    acting = identity.authorise(store, user, (Role.ANALYST, Role.DATA_STEWARD), "export records", now)
    write = writers.write_jsonl if fmt == "jsonl" else writers.write_ftm
    out.parent.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    trimmed = left_out = 0
    with store.transaction() as conn, out.open("wb") as handle:
        lens = reading.Lens(conn, reading.reader(conn, acting, why), now)

        def shown() -> Iterator[Record]:
            nonlocal trimmed, left_out
            for record in record_rows.iter_active(conn, source=source):
                seen = lens.see(record)
                if not seen.discoverable:
                    continue  # not even counted: a count would say that it exists
                if not seen.decision.reads:
                    left_out += 1
                    continue
                out_record = _trimmed(record, seen.decision.fields, record.source == acting.agency)
                trimmed += out_record is not record
                written.append(seen.ref)
                yield out_record

        write(shown(), handle)
        detail = {"format": fmt, "source": source, "file": str(out), "records": written,
                  "trimmed": trimmed, "left_out": left_out}  # fmt: skip
        audit.record(conn, identity.actor_of(acting), "export", detail, now, why.value)
    return Exported(len(written), trimmed, left_out)
