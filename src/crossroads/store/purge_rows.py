"""Erasing records' content from every table that holds it (the purge of ``service.retention``).

What goes for a person record: the record row, its earlier versions, its blocking and contact keys,
its quarantined rows (same source and id, refused as a person record: they hold its raw text),
request items still open for it, review-queue pairs and judgements naming it (their reasons are
free text about it), and reviewed decisions on it. For a relationship record: the row, its earlier
versions and its quarantined rows (refused as a relationship record). A person record and a
relationship record may share a source and an id: the purge of one leaves the other's quarantined
rows; a row whose kind is not known (none could be read from it) goes with either. What stays:
answered request items (who released or refused what, when: the holders' accountability, no
content) and the audit log, which is append-only and never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa

from crossroads.store.quarantine_rows import PERSON, RELATIONSHIP
from crossroads.store.schema import (
    blocking_keys,
    contact_keys,
    judgements,
    minor_decisions,
    quarantine,
    record_versions,
    records,
    relationship_versions,
    relationships,
    request_items,
    review_queue,
)

_CHUNK = 2000  # (source, id) pairs per statement: two bound parameters each

#: What to delete, table by table in order, for one chunk of (source, id) pairs and their primary keys.
_Deletes = list[tuple[sa.Table, sa.ColumnElement[bool]]]
_Targets = Callable[[list[tuple[str, str]], list[int]], _Deletes]


def _quarantined(part: list[tuple[str, str]], kind: str) -> tuple[sa.Table, sa.ColumnElement[bool]]:
    """The quarantined rows of these records refused as ``kind`` (or of no known kind)."""
    of_kind = sa.or_(quarantine.c.kind == kind, quarantine.c.kind.is_(None))
    return quarantine, sa.and_(sa.tuple_(quarantine.c.source, quarantine.c.record_id).in_(part), of_kind)


def _record_rows(part: list[tuple[str, str]], keys: list[int]) -> _Deletes:
    pair = sa.tuple_
    names = [f"{s}/{i}" for s, i in part]
    # Rows that point at a record go before it (foreign keys).
    return [
        (blocking_keys, blocking_keys.c.record_pk.in_(keys)),
        (contact_keys, contact_keys.c.record_pk.in_(keys)),
        (record_versions, record_versions.c.record_pk.in_(keys)),
        _quarantined(part, PERSON),
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


def _relationship_rows(part: list[tuple[str, str]], keys: list[int]) -> _Deletes:
    return [
        (relationship_versions, relationship_versions.c.relationship_pk.in_(keys)),
        _quarantined(part, RELATIONSHIP),
        (relationships, relationships.c.pk.in_(keys)),
    ]


def _erase(
    conn: sa.Connection, pks: Sequence[int], refs: Sequence[tuple[str, str]], targets: _Targets
) -> dict[str, int]:
    removed: dict[str, int] = {}
    for start in range(0, len(refs), _CHUNK):
        for table, where in targets(list(refs[start : start + _CHUNK]), list(pks[start : start + _CHUNK])):
            gone = conn.execute(sa.delete(table).where(where)).rowcount
            name = str(table.name)  # a plain str: the audit detail's JSON takes no subclass as a key
            removed[name] = removed.get(name, 0) + max(gone, 0)
    return removed


def erase(conn: sa.Connection, pks: Sequence[int], refs: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Delete the person records ``refs`` (their primary keys ``pks``) everywhere; returns rows
    removed per table."""
    return _erase(conn, pks, refs, _record_rows)


def erase_relationships(
    conn: sa.Connection, pks: Sequence[int], refs: Sequence[tuple[str, str]]
) -> dict[str, int]:
    """Delete the relationship records ``refs`` (their primary keys ``pks``) everywhere; returns
    rows removed per table."""
    return _erase(conn, pks, refs, _relationship_rows)
