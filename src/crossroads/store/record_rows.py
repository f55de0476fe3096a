"""Stored records: insert-or-update by (source, id) keeping every earlier version, withdrawal, reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from secrets import token_hex
from typing import Any, NamedTuple

import orjson
import sqlalchemy as sa

from crossroads.errors import NotFoundError
from crossroads.records.model import Classification, Record
from crossroads.store import lifecycle_rows
from crossroads.store.lifecycle_rows import ACTIVE as ACTIVE
from crossroads.store.lifecycle_rows import WITHDRAWN as WITHDRAWN
from crossroads.store.schema import record_changes, record_versions, records

_CHUNK = 5000  # bound on bound parameters per statement (SQLite allows 32,766)

_INSERT_COLUMNS = (
    "source", "source_id", "schema", "classification", "caveats", "properties", "extra", "original",
    "content_hash", "version", "status", "batch_id", "line", "received_at", "updated_at",
)  # fmt: skip
#: New rows go straight to the driver's ``executemany`` as tuples, with values already in the form
#: the database takes (JSON serialised once by orjson, the batch timestamp converted once by the
#: real column type): SQLAlchemy then compiles nothing and runs no per-row or per-value processing.
#: Storing a new row was the largest part of ingest after validation; this cuts it by a third.
#: PostgreSQL casts the JSON text into JSONB on assignment.


def _insert_sql(conn: sa.Connection) -> str:
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    columns = ", ".join(_INSERT_COLUMNS)
    return f"INSERT INTO {records.name} ({columns}) VALUES ({', '.join([marker] * len(_INSERT_COLUMNS))})"


def _insert_new(
    conn: sa.Connection, batch_id: str, source: str, items: list[tuple[Incoming, str]], now: datetime
) -> None:
    stamp = records.c.received_at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    when = stamp(now) if stamp is not None else now
    dumps = orjson.dumps
    params = [
        (
            source, item.record.id, item.record.schema_name, item.record.classification.value,
            dumps(item.record.caveats).decode(), dumps(item.record.properties).decode(),
            dumps(item.record.extra).decode(), item.original, digest, 1, ACTIVE, batch_id, item.line,
            when, when,
        )
        for item, digest in items
    ]  # fmt: skip
    conn.exec_driver_sql(_insert_sql(conn), params)


class Incoming(NamedTuple):
    """A validated record with where it came from (a named tuple: one is made per stored row)."""

    record: Record
    original: str
    line: int


@dataclass
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    reactivated: int = 0
    updated_ids: list[str] = field(default_factory=list)
    #: (source, id) of every record this upsert inserted, changed or reactivated
    touched: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: UpsertCounts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.reactivated += other.reactivated
        self.touched += other.touched


def _row_values(item: Incoming, content_hash: str) -> dict[str, Any]:
    record = item.record
    return {
        "classification": record.classification.value,
        "caveats": record.caveats,
        "properties": record.properties,
        "extra": record.extra,
        "original": item.original,
        "content_hash": content_hash,
        "line": item.line,
    }


def upsert(conn: sa.Connection, batch_id: str, items: Sequence[Incoming], now: datetime) -> UpsertCounts:
    """Store new records, update changed ones (old version kept), leave unchanged ones untouched.

    Idempotent by construction: the unique (source, source_id) key and the content hash make a
    replay of the same rows a no-op, which is what lets an interrupted ingest simply run again.
    """
    counts = UpsertCounts()
    by_source: dict[str, list[Incoming]] = defaultdict(list)
    for item in items:
        by_source[item.record.source].append(item)
    for source, group in by_source.items():
        for start in range(0, len(group), _CHUNK):
            counts.add(_upsert_group(conn, batch_id, source, group[start : start + _CHUNK], now))
    return counts


def _upsert_group(
    conn: sa.Connection, batch_id: str, source: str, group: Sequence[Incoming], now: datetime
) -> UpsertCounts:
    counts = UpsertCounts()
    ids = [item.record.id for item in group]
    existing = {
        row.source_id: row
        for row in conn.execute(
            sa.select(records.c.pk, records.c.source_id, records.c.content_hash, records.c.status).where(
                records.c.source == source, records.c.source_id.in_(ids)
            )
        )
    }
    inserts: list[tuple[Incoming, str]] = []
    changes: list[dict[str, Any]] = []
    reactivations: list[int] = []
    for item in group:
        digest = item.record.content_hash()
        row = existing.get(item.record.id)
        if row is None:
            inserts.append((item, digest))
            counts.touched.append((source, item.record.id))
        elif row.content_hash != digest:
            values = {f"v_{k}": v for k, v in _row_values(item, digest).items()}
            changes.append({"b_pk": row.pk, **values})
            counts.updated_ids.append(item.record.id)
            counts.touched.append((source, item.record.id))
        elif row.status != ACTIVE:
            reactivations.append(row.pk)
            counts.touched.append((source, item.record.id))
        else:
            counts.unchanged += 1
    if inserts:
        _insert_new(conn, batch_id, source, inserts, now)
    if changes:
        lifecycle_rows.keep_versions(conn, records, [c["b_pk"] for c in changes], batch_id, now)
        conn.execute(
            sa.update(records)
            .where(records.c.pk == sa.bindparam("b_pk"))
            .values(
                {
                    **{k: sa.bindparam(f"v_{k}") for k in _row_values(group[0], "")},
                    "version": records.c.version + 1,
                    "status": ACTIVE,
                    "withdrawn_at": None,
                    "batch_id": batch_id,
                    "updated_at": now,
                }
            ),
            changes,
        )
    if reactivations:
        conn.execute(
            sa.update(records)
            .where(records.c.pk.in_(reactivations))
            .values(status=ACTIVE, withdrawn_at=None, updated_at=now)
        )
    counts.inserted = len(inserts)
    counts.updated = len(changes)
    counts.reactivated = len(reactivations)
    return counts


def withdraw_missing(conn: sa.Connection, source: str, present_ids: set[str], now: datetime) -> int:
    """Mark active records of ``source`` absent from a full export as withdrawn (never deleted)."""
    return lifecycle_rows.withdraw_missing(conn, records, source, present_ids, now)


def _to_record(row: Any) -> Record:
    # Checked when it was stored: validated again, a record read back cost a search at a million
    # records, which reads hundreds of candidates it has not met before, more than a quarter of its
    # time (``tests/store/test_store_records.py`` holds it equal to the validated record).
    return Record.trusted(
        id=row.source_id,
        source=row.source,
        schema_name=row.schema,
        properties=row.properties,
        classification=Classification(row.classification),
        caveats=row.caveats,
        extra=row.extra,
    )


@dataclass(frozen=True)
class StoredRecord:
    """A record with its provenance as the store keeps it."""

    record: Record
    version: int
    status: str
    batch_id: str
    line: int | None
    received_at: datetime
    updated_at: datetime
    entity_id: str | None
    original: str
    pk: int = 0


def get(conn: sa.Connection, source: str, source_id: str) -> StoredRecord:
    found = find(conn, source, source_id)
    if found is None:
        raise NotFoundError(absent(source, source_id))
    return found


def absent(source: str, source_id: str) -> str:
    """The words for a record that is not there, or that the reader may not learn exists: the same."""
    return f"no record {source_id!r} from source {source!r}"


def find(conn: sa.Connection, source: str, source_id: str) -> StoredRecord | None:
    row = conn.execute(
        sa.select(records).where(records.c.source == source, records.c.source_id == source_id)
    ).first()
    return _stored(row) if row is not None else None


def stored_by_pks(conn: sa.Connection, pks: Iterable[int]) -> list[StoredRecord]:
    """Active records by primary key, with their provenance."""
    return [stored for _, stored in loaded_by_pks(conn, pks)]


def loaded_by_pks(
    conn: sa.Connection, pks: Iterable[int], original: bool = True
) -> list[tuple[Head, StoredRecord]]:
    """Active records by primary key with their heads, read in one statement: a copy of the record
    kept elsewhere is then known to be of that head. Without ``original``, the line as received is
    not read (it is given as ""): a copy for searches and arrivals never shows it."""
    statement = _RECORDS_BY_PK if original else _RECORDS_BY_PK_WITHOUT_ORIGINAL
    return [(_head(row), _stored(row)) for row in _active_by_pks(conn, statement, pks)]


def _active_by_pks(conn: sa.Connection, statement: sa.Select[Any], pks: Iterable[int]) -> list[sa.Row[Any]]:
    """The rows ``statement`` (selecting ``status``, keyed by the expanding parameter ``wanted``)
    gives for the active records among ``pks``, a chunk of keys at a time."""
    wanted = list(pks)
    out: list[sa.Row[Any]] = []
    for start in range(0, len(wanted), _CHUNK):
        # Status is checked here, not in SQL: given both, SQLite's planner may pick the status
        # index (half the table) over the primary key (a few rows).
        rows = conn.execute(statement, {"wanted": wanted[start : start + _CHUNK]})
        out += [row for row in rows if row.status == ACTIVE]
    return out


def _head(row: sa.Row[Any]) -> Head:
    return Head(
        row.pk, row.source, row.source_id, row.version, row.content_hash, row.status, row.entity_id,
        row.updated_at,
    )  # fmt: skip


#: Records by number: the expanding parameter ``wanted`` (``_active_by_pks``).
_WANTED = records.c.pk.in_(sa.bindparam("wanted", expanding=True))
_RECORDS_BY_PK = sa.select(records).where(_WANTED)
_RECORDS_BY_PK_WITHOUT_ORIGINAL = sa.select(
    *(column for column in records.c if column.name != "original"), sa.literal("").label("original")
).where(_WANTED)


class Head(NamedTuple):
    """What a record is now, without its content: enough to tell whether a copy of its content
    kept elsewhere (a server's cache) is still this record's, and where it belongs now."""

    pk: int
    source: str
    source_id: str
    version: int
    content_hash: str
    status: str
    entity_id: str | None
    updated_at: datetime


_HEAD = (
    records.c.pk, records.c.source, records.c.source_id, records.c.version, records.c.content_hash,
    records.c.status, records.c.entity_id, records.c.updated_at,
)  # fmt: skip


#: The heads' two statements, built once: a list of values given to ``in_`` is coerced value by
#: value each time, which cost a search at a million records (about 500 heads) 2 ms; an expanding
#: parameter is bound as one value.
_HEADS_BY = {
    column.name: sa.select(*_HEAD).where(column.in_(sa.bindparam("wanted", expanding=True)))
    for column in (records.c.pk, records.c.entity_id)
}


def active_heads(conn: sa.Connection, pks: Iterable[int] = (), entity_ids: Iterable[str] = ()) -> list[Head]:
    """The heads of the active records among ``pks`` and of the persons ``entity_ids``, in key order."""
    out: dict[int, Head] = {}
    for column, wanted in (("pk", sorted(set(pks))), ("entity_id", sorted(set(entity_ids)))):
        for start in range(0, len(wanted), _CHUNK):
            rows = conn.execute(_HEADS_BY[column], {"wanted": wanted[start : start + _CHUNK]}).all()
            out.update((row[0], Head(*row)) for row in rows if row[5] == ACTIVE)
    return [out[pk] for pk in sorted(out)]


def of_entities(conn: sa.Connection, entity_ids: Iterable[str]) -> list[StoredRecord]:
    """The active records of these entities, with their provenance, in key order."""
    wanted = sorted(set(entity_ids))
    out: list[StoredRecord] = []
    for start in range(0, len(wanted), _CHUNK):
        query = sa.select(records).where(records.c.entity_id.in_(wanted[start : start + _CHUNK]))
        out += [_stored(row) for row in conn.execute(query.order_by(records.c.pk)) if row.status == ACTIVE]
    return out


class Marking(NamedTuple):
    """Whose a record is and how it is marked, without its content: all need-to-know weighs to
    say whether a reader may learn it exists and which fields they may read (``Lens.see_marked``)."""

    entity_id: str
    source: str
    source_id: str
    classification: Classification
    caveats: list[str]


_MARKINGS = sa.select(
    records.c.entity_id, records.c.source, records.c.source_id, records.c.classification,
    records.c.caveats, records.c.status,
).where(records.c.entity_id.in_(sa.bindparam("wanted", expanding=True)))  # fmt: skip


def active_markings(conn: sa.Connection, entity_ids: Iterable[str]) -> list[Marking]:
    """The markings of the active records of these entities. Reading whole records to weigh only
    their markings cost the statistics of 3,586 cases 1.4 s of 1.9 (parsing 18,319 records' content)."""
    wanted = sorted(set(entity_ids))
    out: list[Marking] = []
    for start in range(0, len(wanted), _CHUNK):
        rows = conn.execute(_MARKINGS, {"wanted": wanted[start : start + _CHUNK]}).all()
        out += [Marking(*row[:3], Classification(row[3]), row[4]) for row in rows if row[5] == ACTIVE]
    return out


def _stored(row: sa.Row[Any]) -> StoredRecord:
    return StoredRecord(
        _to_record(row),
        row.version,
        row.status,
        row.batch_id,
        row.line,
        row.received_at,
        row.updated_at,
        row.entity_id,
        row.original,
        row.pk,
    )


def by_pks(conn: sa.Connection, pks: Iterable[int]) -> list[tuple[int, Record, str | None]]:
    """Active records by primary key, with their entity ids (the real-time path's candidates):
    the record's columns only, without its provenance (the payload as received, the batch, three
    moments), which an arrival at 100k records read for every candidate and never used."""
    return [(row.pk, _to_record(row), row.entity_id) for row in _active_by_pks(conn, _CANDIDATES_BY_PK, pks)]


_CANDIDATE_COLUMNS = (
    "pk", "source", "source_id", "schema", "classification", "caveats", "properties", "extra", "status",
    "entity_id",
)  # fmt: skip
_CANDIDATES_BY_PK = sa.select(*(records.c[name] for name in _CANDIDATE_COLUMNS)).where(_WANTED)


def last_pk(conn: sa.Connection) -> int:
    """The highest record number given so far (0 in an empty store)."""
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(records.c.pk), 0))).scalar_one())


def active_pks(conn: sa.Connection) -> dict[tuple[str, str], int]:
    query = sa.select(records.c.source, records.c.source_id, records.c.pk).where(records.c.status == ACTIVE)
    return {(r.source, r.source_id): r.pk for r in conn.execute(query)}


def set_entity(conn: sa.Connection, pks: Iterable[int], entity_id: str) -> None:
    wanted = list(pks)
    for start in range(0, len(wanted), _CHUNK):
        conn.execute(
            sa.update(records)
            .where(records.c.pk.in_(wanted[start : start + _CHUNK]))
            .values(entity_id=entity_id)
        )


def members_of(conn: sa.Connection, entity_id: str) -> dict[int, tuple[str, str]]:
    """The active records of an entity: primary key -> (source, id) (status checked in Python:
    see ``by_pks``)."""
    query = sa.select(records.c.pk, records.c.source, records.c.source_id, records.c.status).where(
        records.c.entity_id == entity_id
    )
    return {r.pk: (r.source, r.source_id) for r in conn.execute(query) if r.status == ACTIVE}


def sizes(conn: sa.Connection, entity_ids: Iterable[str]) -> dict[str, int]:
    """How many active records each of these entities holds (absent: none)."""
    wanted = sorted(set(entity_ids))
    out: dict[str, int] = {}
    active = sa.func.sum(sa.case((records.c.status == ACTIVE, 1), else_=0))
    for start in range(0, len(wanted), _CHUNK):
        query = (
            sa.select(records.c.entity_id, active)
            .where(records.c.entity_id.in_(wanted[start : start + _CHUNK]))
            .group_by(records.c.entity_id)
        )
        out.update({entity: int(n) for entity, n in conn.execute(query) if n})
    return out


def history(conn: sa.Connection, source: str, source_id: str) -> list[dict[str, Any]]:
    """Earlier versions of one record, oldest first."""
    current = get(conn, source, source_id)
    rows = conn.execute(
        sa.select(record_versions)
        .join(records, records.c.pk == record_versions.c.record_pk)
        .where(records.c.source == current.record.source, records.c.source_id == source_id)
        .order_by(record_versions.c.version)
    )
    return [dict(row._mapping) for row in rows]


def iter_active(conn: sa.Connection, source: str | None = None, batch: int = 10_000) -> Iterator[Record]:
    """Every active record (optionally of one source), streamed in key order."""
    last = 0
    while True:
        query = (
            sa.select(records)
            .where(records.c.status == ACTIVE, records.c.pk > last)
            .order_by(records.c.pk)
            .limit(batch)
        )
        if source is not None:
            query = query.where(records.c.source == source)
        rows = conn.execute(query).all()
        if not rows:
            return
        for row in rows:
            yield _to_record(row)
        last = rows[-1].pk


def entity_ids(conn: sa.Connection) -> dict[tuple[str, str], str]:
    """The entity id the last resolution gave each active record that has one."""
    query = sa.select(records.c.source, records.c.source_id, records.c.entity_id).where(
        records.c.status == ACTIVE, records.c.entity_id.is_not(None)
    )
    return {(r.source, r.source_id): r.entity_id for r in conn.execute(query)}


def assign_entities(conn: sa.Connection, assignments: Iterable[tuple[str, str, str]]) -> int:
    """Set ``entity_id`` for (source, source_id, entity_id) triples, each record named once;
    returns how many were given.

    On a server, each chunk is one statement joining the triples, sent as three arrays, to the
    records by their (source, id) index; the driver's executemany ran a statement per record."""
    given = list(assignments)
    for start in range(0, len(given), _CHUNK):
        chunk = given[start : start + _CHUNK]
        if conn.dialect.name == "postgresql":
            sources, ids, entities = ([row[k] for row in chunk] for k in range(3))
            conn.exec_driver_sql(_ASSIGN_FROM_ARRAYS, (sources, ids, entities))
        else:
            conn.execute(_ASSIGN, [{"b_source": s, "b_id": i, "b_entity": e} for s, i, e in chunk])
    return len(given)


_ASSIGN = (
    sa.update(records)
    .where(records.c.source == sa.bindparam("b_source"), records.c.source_id == sa.bindparam("b_id"))
    .values(entity_id=sa.bindparam("b_entity"))
)
_ASSIGN_FROM_ARRAYS = (
    "UPDATE records SET entity_id = given.entity_id "
    "FROM unnest(%s::varchar[], %s::varchar[], %s::varchar[]) AS given(source, source_id, entity_id) "
    "WHERE records.source = given.source AND records.source_id = given.source_id"
)


_TOKEN = sa.select(record_changes.c.token).where(record_changes.c.id == 1)


def generation(conn: sa.Connection) -> str | None:
    """What the records and their blocking keys are now, as a token that changes with every change
    to them (``schema.record_changes``); a copy checked against the store under one token is still
    current while the token is the same. None on PostgreSQL: there every read of a record goes
    through the reader's row security, so nothing may stand in for reading it."""
    if conn.dialect.name != "sqlite":
        return None
    return str(conn.execute(_TOKEN).scalar_one())


def changed(conn: sa.Connection) -> None:
    """Say that the records' blocking keys changed (the records' own changes are told by triggers)."""
    if conn.dialect.name == "sqlite":
        conn.execute(record_changes.update().where(record_changes.c.id == 1).values(token=token_hex(16)))
