"""Blocking keys in the store: written at each resolution and for each record resolved on arrival."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import sqlalchemy as sa

from crossroads.store.schema import blocking_keys

_CHUNK = 5000


def replace_all(conn: sa.Connection, keys: Iterable[tuple[int, str]]) -> int:
    """The table becomes these (record pk, key) rows; the planner's statistics are refreshed, since
    the real-time path's lookups must use the key and entity indexes, not scan."""
    conn.execute(sa.delete(blocking_keys))
    written = add(conn, keys)
    for table in ("blocking_keys", "records"):
        conn.exec_driver_sql(f"ANALYZE {table}")
    return written


def add(conn: sa.Connection, keys: Iterable[tuple[int, str]]) -> int:
    rows = [{"record_pk": pk, "key": key} for pk, key in keys]
    for start in range(0, len(rows), _CHUNK):
        conn.execute(sa.insert(blocking_keys), rows[start : start + _CHUNK])
    return len(rows)


def forget(conn: sa.Connection, record_pk: int) -> None:
    conn.execute(sa.delete(blocking_keys).where(blocking_keys.c.record_pk == record_pk))


#: Selects per UNION ALL statement: SQLite allows at most 500 in one compound select.
_COMPOUND = 400


def sharing(conn: sa.Connection, keys: Sequence[str], limit_of: Callable[[str], int]) -> dict[int, set[str]]:
    """Records holding any of ``keys`` (each key held by at most ``limit_of(key)`` records, the
    batch blocking's limits), with the keys each shares."""
    if not keys:
        return {}
    # Each key counted only up to one past its limit: a common name's key is held by tens of
    # thousands of records at a million, and counting them all cost more than the rest of the lookup.
    counted = [
        sa.select(sa.literal(key).label("key"), sa.func.count().label("n")).select_from(
            sa.select(sa.literal(1).label("one"))
            .select_from(blocking_keys)
            .where(blocking_keys.c.key == key)
            .limit(limit_of(key) + 1)
            .subquery()
        )
        for key in dict.fromkeys(keys)
    ]
    sizes: dict[str, int] = {}
    for start in range(0, len(counted), _COMPOUND):
        sizes.update({key: n for key, n in conn.execute(sa.union_all(*counted[start : start + _COMPOUND]))})
    usable = [k for k, n in sizes.items() if 0 < n <= limit_of(k)]
    found: dict[int, set[str]] = {}
    if usable:
        # A withdrawn record may keep its keys until the next resolution: ``by_pks`` drops it.
        query = sa.select(blocking_keys.c.record_pk, blocking_keys.c.key).where(
            blocking_keys.c.key.in_(usable)
        )
        for pk, key in conn.execute(query):
            found.setdefault(pk, set()).add(key)
    return found


def with_prefix(conn: sa.Connection, prefix: str, limit: int) -> dict[int, set[str]]:
    """Records holding a key that starts with ``prefix`` (e.g. a lone name's skeleton with any
    birth year), unless more than ``limit`` do: then none, as for a key too common to use.

    A range on the key index (byte order: SQLite's binary collation, PostgreSQL's C collation; under
    another collation the range may find fewer, never wrong, keys: they are checked here)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    query = (
        sa.select(blocking_keys.c.record_pk, blocking_keys.c.key)
        .where(blocking_keys.c.key >= prefix, blocking_keys.c.key < upper)
        .limit(limit + 1)
    )
    rows = [(pk, key) for pk, key in conn.execute(query) if key.startswith(prefix)]
    found: dict[int, set[str]] = {}
    if len(rows) <= limit:
        for pk, key in rows:
            found.setdefault(pk, set()).add(key)
    return found
