"""entity lineage: which entity id became which at each resolution, and why

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_lineage",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=12), nullable=False),
        sa.Column("other_entity_id", sa.String(length=64), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["resolution_runs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_entity_lineage_entity", "entity_lineage", ["entity_id"])
    op.create_index("ix_entity_lineage_other", "entity_lineage", ["other_entity_id"])


def downgrade() -> None:
    op.drop_index("ix_entity_lineage_other", table_name="entity_lineage")
    op.drop_index("ix_entity_lineage_entity", table_name="entity_lineage")
    op.drop_table("entity_lineage")
