"""review: analysts' judgements on record pairs, and the queue of pairs waiting for one

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_a", sa.String(length=100), nullable=False),
        sa.Column("id_a", sa.String(length=200), nullable=False),
        sa.Column("source_b", sa.String(length=100), nullable=False),
        sa.Column("id_b", sa.String(length=200), nullable=False),
        sa.Column("verdict", sa.String(length=12), nullable=False),
        sa.Column("analyst", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=True),
        sa.Column("judged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_judgements_pair", "judgements", ["source_a", "id_a", "source_b", "id_b"])
    op.create_table(
        "review_queue",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("source_a", sa.String(length=100), nullable=False),
        sa.Column("id_a", sa.String(length=200), nullable=False),
        sa.Column("source_b", sa.String(length=100), nullable=False),
        sa.Column("id_b", sa.String(length=200), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["resolution_runs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_review_queue_run", "review_queue", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_review_queue_run", table_name="review_queue")
    op.drop_table("review_queue")
    op.drop_index("ix_judgements_pair", table_name="judgements")
    op.drop_table("judgements")
