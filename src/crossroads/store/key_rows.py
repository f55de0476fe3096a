"""Blocking keys in the store: written at each resolution and for each record resolved on arrival."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import sqlalchemy as sa

from crossroads.store import record_rows
from crossroads.store.schema import blocking_keys

_CHUNK = 5000


def replace_all(conn: sa.Connection, keys: Iterable[tuple[int, str]]) -> int:
    """The table becomes these (record pk, key) rows; the planner's statistics are refreshed, since
    the real-time path's lookups must use the key and entity indexes, not scan."""
    conn.execute(sa.delete(blocking_keys))
    written = add(conn, keys)
    record_rows.changed(conn)
    for table in ("blocking_keys", "records"):
        conn.exec_driver_sql(f"ANALYZE {table}")
    return written


def add(conn: sa.Connection, keys: Iterable[tuple[int, str]]) -> int:
    written = insert_keyed(conn, blocking_keys, keys)
    if written:
        record_rows.changed(conn)
    return written


#: Rows per statement of ``insert_keyed`` on a server: two arrays of this length.
_ARRAY_CHUNK = 50_000


def insert_keyed(conn: sa.Connection, table: sa.Table, keys: Iterable[tuple[int, str]]) -> int:
    """Insert (record pk, key) rows into a table of keys (blocking or contact keys); how many.

    On a server the rows go as two arrays into one statement per chunk. The driver's executemany
    ran one statement per row: a batch resolution of a million records on PostgreSQL, which writes
    12 million keys, took 1,157 s so and 784 s this way, its entity ids written as arrays too
    (``record_rows.assign_entities``; BENCHMARKS.md), and an arrival's dozen keys took a dozen
    statements. SQLite runs in this process, where executemany costs no round trips."""
    rows = list(keys)
    if conn.dialect.name != "postgresql":
        for start in range(0, len(rows), _CHUNK):
            conn.execute(
                sa.insert(table), [{"record_pk": pk, "key": key} for pk, key in rows[start : start + _CHUNK]]
            )
        return len(rows)
    statement = (
        f"INSERT INTO {table.name} (record_pk, key) SELECT * FROM unnest(%s::integer[], %s::varchar[])"
    )
    for start in range(0, len(rows), _ARRAY_CHUNK):
        chunk = rows[start : start + _ARRAY_CHUNK]
        conn.exec_driver_sql(statement, ([pk for pk, _ in chunk], [key for _, key in chunk]))
    return len(rows)


def forget(conn: sa.Connection, record_pk: int) -> None:
    conn.execute(sa.delete(blocking_keys).where(blocking_keys.c.record_pk == record_pk))
    record_rows.changed(conn)


def sharing(conn: sa.Connection, keys: Sequence[str], limit_of: Callable[[str], int]) -> dict[int, set[str]]:
    """Records holding any of ``keys`` (each key held by at most ``limit_of(key)`` records, the
    batch blocking's limits), with the keys each shares."""
    # Each key's rows read from the key index up to one past its limit (``held_by_each``: one short
    # statement per key on SQLite, one for all on a server): a common name's key is held by tens of
    # thousands of records at a million, and a key found too common is dropped. A search asks about
    # six keys, of which one in forty is too common; a counting query per key compounded with a
    # second one to read them cost a search at a million records 3 ms, most of it building and
    # compiling the statement, against about 0.5 ms then.
    return by_record(held_by_each(conn, [(key, limit_of(key)) for key in dict.fromkeys(keys)]))


def by_record(held: dict[str, tuple[int, ...] | None]) -> dict[int, set[str]]:
    """The records holding each key (None: a key too common to use), turned into the keys each
    record holds. A withdrawn record may keep its keys until the next resolution: ``by_pks`` drops it."""
    found: dict[int, set[str]] = {}
    for key, pks in held.items():
        for pk in pks or ():
            found.setdefault(pk, set()).add(key)
    return found


def held_by(conn: sa.Connection, key: str, limit: int) -> tuple[int, ...] | None:
    """The records holding ``key``; None when more than ``limit`` do (a key too common to use).

    On SQLite the numbers come back as one row, joined by commas. Python 3.11's ``sqlite3`` lets go
    of the interpreter lock at every row it steps to and every column it reads, and a search at a
    million records read about 350 key rows one by one: in a server whose other threads wait for
    that lock, each let-go is a hand-over between threads. Read as one row, a search let go of the
    lock two fifths less often and switched threads nearly half as often (BENCHMARKS, issue #6).
    SQLite promises no order within ``group_concat``; no caller relies on one (``by_record`` makes
    sets of them).
    """
    if conn.dialect.name == "sqlite":
        ((count, joined),) = conn.exec_driver_sql(_HELD_BY_JOINED, (key, limit + 1)).fetchall()
        if count > limit:
            return None
        return tuple(int(pk) for pk in joined.split(",")) if count else ()
    statement = f"SELECT record_pk FROM blocking_keys WHERE key = {_param(conn)} LIMIT {_param(conn)}"
    rows = conn.exec_driver_sql(statement, (key, limit + 1)).fetchall()
    return tuple(pk for (pk,) in rows) if len(rows) <= limit else None


_HELD_BY_JOINED = (
    "SELECT count(*), group_concat(record_pk) "
    "FROM (SELECT record_pk FROM blocking_keys WHERE key = ? LIMIT ?)"
)


def held_by_each(conn: sa.Connection, asked: Sequence[tuple[str, int]]) -> dict[str, tuple[int, ...] | None]:
    """``held_by`` for each (key, limit), the keys distinct. On a server, one statement for all of
    them: a lateral join reads each key's rows from the key index as ``held_by`` does, in one round
    trip instead of one per key (an arrival at 1M records asks about a dozen keys: 2.9 ms of its
    7.6 ms of statements one by one, 1.1 ms so)."""
    if conn.dialect.name != "postgresql" or len(asked) < 2:
        return {key: held_by(conn, key, limit) for key, limit in asked}
    rows = conn.exec_driver_sql(_HELD_BY_EACH, ([key for key, _ in asked], [limit + 1 for _, limit in asked]))
    found: dict[str, list[int]] = {key: [] for key, _ in asked}
    for key, pk in rows:
        found[key].append(pk)
    return {key: tuple(found[key]) if len(found[key]) <= limit else None for key, limit in asked}


_HELD_BY_EACH = (
    "SELECT asked.key, held.record_pk FROM unnest(%s::varchar[], %s::integer[]) AS asked(key, lim) "
    "CROSS JOIN LATERAL (SELECT record_pk FROM blocking_keys WHERE blocking_keys.key = asked.key "
    "LIMIT asked.lim) AS held"
)


def _param(conn: sa.Connection) -> str:
    """The driver's placeholder for a positional parameter (SQLite's ``?``, psycopg's ``%s``)."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def with_prefix(conn: sa.Connection, prefix: str, limit: int) -> dict[int, set[str]] | None:
    """Records holding a key that starts with ``prefix`` (e.g. a lone name's skeleton with any
    birth year), with the keys each holds; None when more than ``limit`` records do, as for a key
    too common to use. A record holding several such keys (one per birth year it gives) counts
    once: counting its rows, a name held by no more than ``limit`` records could be refused.

    A range on the key index (byte order: SQLite's binary collation, PostgreSQL's C collation; under
    another collation the range may find fewer, never wrong, keys: they are checked here). Up to
    twice the limit's rows are read at once: far more than the limit's records hold them only when
    most records give several years, and then the records are chosen first (a slower statement: at
    a million records, about four times the plain read: 10-11 ms against 2.2-2.4 ms for a name
    held by 1,750 records, best of 15)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    in_range = (blocking_keys.c.key >= prefix, blocking_keys.c.key < upper)
    read = sa.select(blocking_keys.c.record_pk, blocking_keys.c.key).where(*in_range)
    cap = 2 * (limit + 1)
    rows = conn.execute(read.limit(cap)).all()
    found = _by_record_with(prefix, rows)
    if len(rows) == cap and len(found) <= limit:
        chosen = sa.select(blocking_keys.c.record_pk).where(*in_range).distinct().limit(limit + 1)
        rows = conn.execute(read.where(blocking_keys.c.record_pk.in_(chosen.scalar_subquery()))).all()
        found = _by_record_with(prefix, rows)
    return None if len(found) > limit else found


def _by_record_with(prefix: str, rows: Iterable[tuple[int, str]]) -> dict[int, set[str]]:
    """The keys each record holds among ``rows`` (record, key), only those starting with ``prefix``
    (the collation check of ``with_prefix``): records are counted after it, never before."""
    found: dict[int, set[str]] = {}
    for pk, key in rows:
        if key.startswith(prefix):
            found.setdefault(pk, set()).add(key)
    return found
