"""record changes: one row whose token changes with every change to the records, so that a server's
search cache can trust what it has checked while nothing has changed, instead of asking the store
for every candidate's version on every search (``record_rows.generation``)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

#: SQLite has row triggers only: one new token per changed row. On PostgreSQL no trigger is made:
#: every search there reads each candidate's head under the searcher's row security, and a counter
#: row updated by every writer would make concurrent writers wait on it.
_VERBS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.create_table(
        "record_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("token", sa.String(32), nullable=False),
    )
    op.execute("INSERT INTO record_changes (id, token) VALUES (1, 'none yet')")
    if op.get_context().dialect.name != "sqlite":
        return
    for verb in _VERBS:
        op.execute(
            f"CREATE TRIGGER records_changed_on_{verb.lower()} AFTER {verb} ON records "
            "BEGIN UPDATE record_changes SET token = lower(hex(randomblob(16))) WHERE id = 1; END"
        )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for verb in _VERBS:
            op.execute(f"DROP TRIGGER records_changed_on_{verb.lower()}")
    op.drop_table("record_changes")
