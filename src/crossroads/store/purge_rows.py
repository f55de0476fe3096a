"""Erasing records' content from every table that holds it (the purge of ``service.retention``).

What goes: the record row, its earlier versions, its blocking and contact keys, its quarantined rows (same
source and id: they hold its raw text), request items still open for it, review-queue pairs and
judgements naming it (their reasons are free text about it), and reviewed decisions on it. What
stays: answered request items (who released or refused what, when: the holders' accountability,
no content) and the audit log, which is append-only and never touched.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from crossroads.store.schema import (
    blocking_keys,
    contact_keys,
    judgements,
    minor_decisions,
    quarantine,
    record_versions,
    records,
    request_items,
    review_queue,
)

_CHUNK = 2000  # (source, id) pairs per statement: two bound parameters each


def erase(conn: sa.Connection, pks: Sequence[int], refs: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Delete ``refs`` (their primary keys ``pks``) everywhere; returns rows removed per table."""
    removed: dict[str, int] = {}
    pair = sa.tuple_
    for start in range(0, len(refs), _CHUNK):
        part = list(refs[start : start + _CHUNK])
        keys = list(pks[start : start + _CHUNK])
        names = [f"{s}/{i}" for s, i in part]
        # Rows that point at a record go before it (foreign keys).
        targets: list[tuple[sa.Table, sa.ColumnElement[bool]]] = [
            (blocking_keys, blocking_keys.c.record_pk.in_(keys)),
            (contact_keys, contact_keys.c.record_pk.in_(keys)),
            (record_versions, record_versions.c.record_pk.in_(keys)),
            (quarantine, pair(quarantine.c.source, quarantine.c.record_id).in_(part)),
            (
                request_items,
                sa.and_(
                    request_items.c.verdict.is_(None),
                    pair(request_items.c.source, request_items.c.record_id).in_(part),
                ),
            ),
            *(
                (t, sa.or_(pair(t.c.source_a, t.c.id_a).in_(part), pair(t.c.source_b, t.c.id_b).in_(part)))
                for t in (review_queue, judgements)
            ),
            (minor_decisions, minor_decisions.c.ref.in_(names)),
            (records, records.c.pk.in_(keys)),
        ]
        for table, where in targets:
            gone = conn.execute(sa.delete(table).where(where)).rowcount
            name = str(table.name)  # a plain str: the audit detail's JSON takes no subclass as a key
            removed[name] = removed.get(name, 0) + max(gone, 0)
    return removed
