"""cases: the follow-up of foreign fighters, home-grown extremists and propagandists: one case per
person with its responsible task force and security cell units, its dated status transitions
(each with the agency, record or user who reported it), its follow-up actions with due dates, and
the minors' review decisions for children

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),  # the person: one case each
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("taskforce_agency", sa.String(length=100), nullable=True),
        sa.Column("taskforce_unit", sa.String(length=100), nullable=True),
        sa.Column("cell_agency", sa.String(length=100), nullable=True),  # the local security cell
        sa.Column("cell_unit", sa.String(length=100), nullable=True),
        sa.Column("municipality", sa.String(length=200), nullable=True),
        sa.Column("opened_by", sa.String(length=100), nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity_id", name="uq_cases_entity"),
    )
    op.create_index("ix_cases_cell", "cases", ["cell_agency", "cell_unit"])
    op.create_table(
        "case_transitions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("source_agency", sa.String(length=100), nullable=True),  # the agency that reported it
        sa.Column("source_record", sa.String(length=301), nullable=True),  # SOURCE/ID it was read from
        sa.Column("reported_by", sa.String(length=100), nullable=False),  # the user who recorded it
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("override", sa.Text(), nullable=True),  # why a move outside the lifecycle was accepted
        sa.Column("shared", sa.Boolean(), nullable=False),  # shown to the security cell
        sa.Column("recorded_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_transitions_case", "case_transitions", ["case_id"])
    op.create_table(
        "case_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("done_by", sa.String(length=100), nullable=True),
        sa.Column("done_at", TS, nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_actions_due", "case_actions", ["done_at", "due_on"])
    op.create_table(
        "case_minor_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),  # victim / follow-up
        sa.Column("automatic", sa.Boolean(), nullable=False),  # recorded by the under-10 rule
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_minor_reviews_case", "case_minor_reviews", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_case_minor_reviews_case", table_name="case_minor_reviews")
    op.drop_table("case_minor_reviews")
    op.drop_index("ix_case_actions_due", table_name="case_actions")
    op.drop_table("case_actions")
    op.drop_index("ix_case_transitions_case", table_name="case_transitions")
    op.drop_table("case_transitions")
    op.drop_index("ix_cases_cell", table_name="cases")
    op.drop_table("cases")
