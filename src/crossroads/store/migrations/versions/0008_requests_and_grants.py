"""requests for information and the holders' answers: grants (time-limited, purpose-bound) and refusals

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "info_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requester", sa.String(length=100), nullable=False),
        sa.Column("requester_agency", sa.String(length=100), nullable=False),
        sa.Column("holder_agency", sa.String(length=100), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_info_requests_holder", "info_requests", ["holder_agency"])
    op.create_table(
        "request_items",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=True),  # granted / refused; None: open
        sa.Column("answered_by", sa.String(length=100), nullable=True),
        sa.Column("answer_reason", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["request_id"], ["info_requests.id"]),
        sa.PrimaryKeyConstraint("request_id", "source", "record_id"),
    )
    op.create_index("ix_request_items_record", "request_items", ["source", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_request_items_record", table_name="request_items")
    op.drop_table("request_items")
    op.drop_index("ix_info_requests_holder", table_name="info_requests")
    op.drop_table("info_requests")
