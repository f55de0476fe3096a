"""data protection: retention rules per agency kind (seeded with defaults), reviewed decisions on
minors, and the index the purge finds expired records by

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: Days after a record's last update, per originating agency's kind (docs/decisions/009).
DEFAULT_DAYS = {
    "local-police": 1825,
    "federal-police": 3650,
    "civil-intelligence": 3650,
    "military-intelligence": 3650,
    "threat-assessment": 3650,
    "prison-service": 1825,
    "prosecutor": 3650,
    "prevention": 1095,
    "foreign-partner": 1825,
    "oversight-body": 365,
}


def upgrade() -> None:
    rules = op.create_table(
        "retention_rules",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.String(length=100), nullable=True),  # None: the shipped default
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind"),
    )
    seeded = datetime(2026, 12, 1, tzinfo=UTC)
    op.bulk_insert(
        rules, [{"kind": k, "days": d, "set_by": None, "set_at": seeded} for k, d in DEFAULT_DAYS.items()]
    )
    op.create_table(
        "minor_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=301), nullable=False),  # SOURCE/ID or an entity id
        sa.Column("ref_kind", sa.String(length=10), nullable=False),  # record / entity
        sa.Column("allowed", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_minor_decisions_ref", "minor_decisions", ["ref"])
    op.create_index("ix_records_source_updated", "records", ["source", "updated_at"])
    if op.get_context().dialect.name == "postgresql":
        # ``crossroads minors`` reads and decides through the need-to-know lens, under the reader
        # role of row-level security (migration 0010).
        op.execute("GRANT SELECT, INSERT ON minor_decisions TO crossroads_reader")
        op.execute("GRANT USAGE ON SEQUENCE minor_decisions_id_seq TO crossroads_reader")


def downgrade() -> None:
    op.drop_index("ix_records_source_updated", table_name="records")
    op.drop_index("ix_minor_decisions_ref", table_name="minor_decisions")
    op.drop_table("minor_decisions")
    op.drop_table("retention_rules")
