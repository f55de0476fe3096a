"""PostgreSQL row-level security for one transaction: the read path's reader as settings the
database's policies (migrations 0010, 0014, 0019 and 0020) read, under the role those policies bind. On
SQLite, an embedded single-user file, there is nothing beneath ``access.policy``: this does nothing."""

from __future__ import annotations

import sqlalchemy as sa

READER = "crossroads_reader"
#: Who reads the cases (``service.case_views``): the policies of migration 0019 know these.
CASE_READERS = frozenset({"analyst", "cell", "oversight"})


def _settings(conn: sa.Connection, values: dict[str, str]) -> None:
    """Transaction-local settings ``crossroads.NAME`` (``set_config(..., true)``)."""
    calls = ", ".join(f"set_config('crossroads.{name}', :{name}, true)" for name in values)
    conn.execute(sa.text(f"SELECT {calls}"), values)


def enter(conn: sa.Connection, agency: str, agency_kind: str, discovers: bool) -> None:
    """From here to the end of the transaction the connection sees only the rows such a reader
    may learn exist (``SET LOCAL`` and ``set_config(..., true)`` end with the transaction)."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(f"SET LOCAL ROLE {READER}")
    _settings(conn, {"agency": agency, "agency_kind": agency_kind, "discovers": "on" if discovers else "off"})


def enter_cases(conn: sa.Connection, case_reader: str, unit: str | None) -> None:
    """After ``enter``: the cases (and their transitions, actions and reviews) and the indicator
    snapshots this reader may learn exist, as ``case_reader`` (analyst, cell or oversight) with
    the reader's ``unit`` (a cell's officer without one sees every cell of their agency)."""
    if conn.dialect.name != "postgresql":
        return
    assert case_reader in CASE_READERS, case_reader
    _settings(conn, {"case_reader": case_reader, "unit": unit or ""})


def enter_alerts(conn: sa.Connection) -> None:
    """After ``enter``, for an analyst: their agency's watches and alerts (with the alerts' handling
    events), the policies of migration 0020. Never for another reader: none reads an alert row."""
    if conn.dialect.name != "postgresql":
        return
    _settings(conn, {"alert_reader": "analyst"})
