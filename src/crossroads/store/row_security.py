"""PostgreSQL row-level security for one transaction: the read path's reader as settings the
database's policies (migration 0010) read, under the role those policies bind. On SQLite, an
embedded single-user file, there is nothing beneath ``access.policy``: this does nothing."""

from __future__ import annotations

import sqlalchemy as sa

READER = "crossroads_reader"


def enter(conn: sa.Connection, agency: str, agency_kind: str, discovers: bool) -> None:
    """From here to the end of the transaction the connection sees only the rows such a reader
    may learn exist (``SET LOCAL`` and ``set_config(..., true)`` end with the transaction)."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(f"SET LOCAL ROLE {READER}")
    conn.execute(
        sa.text(
            "SELECT set_config('crossroads.agency', :agency, true),"
            " set_config('crossroads.agency_kind', :kind, true),"
            " set_config('crossroads.discovers', :discovers, true)"
        ),
        {"agency": agency, "kind": agency_kind, "discovers": "on" if discovers else "off"},
    )
