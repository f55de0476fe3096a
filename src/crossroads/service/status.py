"""Status use case: where the store is and what it holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa

from crossroads.store import quarantine_rows, record_rows
from crossroads.store.schema import batches, record_versions, records
from crossroads.store.store import Store


@dataclass
class StatusReport:
    location: str
    backend: str
    records: int
    withdrawn: int
    versions: int
    quarantined: int
    entities: int
    batches: int
    sources: dict[str, int] = field(default_factory=dict)
    quarantine_by_code: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def status(store: Store) -> StatusReport:
    with store.transaction() as conn:
        by_status: dict[str, int] = dict(
            conn.execute(sa.select(records.c.status, sa.func.count()).group_by(records.c.status)).all()
        )
        sources: dict[str, int] = dict(
            conn.execute(
                sa.select(records.c.source, sa.func.count())
                .where(records.c.status == record_rows.ACTIVE)
                .group_by(records.c.source)
                .order_by(records.c.source)
            ).all()
        )
        entities = conn.execute(
            sa.select(sa.func.count(sa.distinct(records.c.entity_id))).where(
                records.c.status == record_rows.ACTIVE, records.c.entity_id.is_not(None)
            )
        ).scalar_one()
        versions = conn.execute(sa.select(sa.func.count()).select_from(record_versions)).scalar_one()
        n_batches = conn.execute(sa.select(sa.func.count()).select_from(batches)).scalar_one()
        by_code = quarantine_rows.count_by_code(conn)
    return StatusReport(
        location=store.location,
        backend=store.dialect,
        records=int(by_status.get(record_rows.ACTIVE, 0)),
        withdrawn=int(by_status.get(record_rows.WITHDRAWN, 0)),
        versions=int(versions),
        quarantined=sum(by_code.values()),
        entities=int(entities),
        batches=int(n_batches),
        sources={k: int(v) for k, v in sources.items()},
        quarantine_by_code=by_code,
    )


def reachable(store: Store) -> str:
    """The store's kind if one trivial query answers (a health check; reads no case data)."""
    with store.transaction() as conn:
        conn.execute(sa.text("SELECT 1"))
    return store.dialect
