"""action reminders: a follow-up action's reminder goes out through the webhook outbox like an
alert (an outbox row names the alert or the action it is for), and the action keeps when it was
reminded, so that each reminder is sent once

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("alert_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("action_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_outbox_action", "case_actions", ["action_id"], ["id"])
    with op.batch_alter_table("case_actions") as batch:
        batch.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_actions") as batch:
        batch.drop_column("reminded_at")
    op.execute("DELETE FROM outbox WHERE alert_id IS NULL")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint("fk_outbox_action", type_="foreignkey")
        batch.drop_column("action_id")
        batch.alter_column("alert_id", existing_type=sa.Integer(), nullable=False)
