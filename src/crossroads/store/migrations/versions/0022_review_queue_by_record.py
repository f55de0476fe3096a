"""review queue by record: the open pairs of one record are found through an index, not by reading
the whole queue (tens of thousands of pairs at a million records), as a record resolved on arrival
replaces its open pairs and a judgement takes its pair off

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_review_queue_a", "review_queue", ["source_a", "id_a", "source_b", "id_b"])
    op.create_index("ix_review_queue_b", "review_queue", ["source_b", "id_b"])


def downgrade() -> None:
    op.drop_index("ix_review_queue_b", table_name="review_queue")
    op.drop_index("ix_review_queue_a", table_name="review_queue")
