"""blocking keys: each active record's keys, for the real-time path's candidate lookup

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blocking_keys",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("record_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["record_pk"], ["records.pk"]),
    )
    op.create_index("ix_blocking_keys_key", "blocking_keys", ["key"])
    op.create_index("ix_blocking_keys_record", "blocking_keys", ["record_pk"])


def downgrade() -> None:
    op.drop_index("ix_blocking_keys_record", table_name="blocking_keys")
    op.drop_index("ix_blocking_keys_key", table_name="blocking_keys")
    op.drop_table("blocking_keys")
