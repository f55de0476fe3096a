"""relationship lifecycle and monthly snapshots: relationship records live as person records do: a
change keeps the earlier version (``relationship_versions``), a full export that omits one
withdraws it (``withdrawn_at``), and retention finds the expired ones through an index on (source,
updated_at); the server's monthly indicator snapshot is marked ``monthly``, one per month and
indicator (a unique index over the monthly rows only), so that server processes racing to take it
leave one

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
MONTHLY = "ux_indicator_snapshots_monthly"


def upgrade() -> None:
    json_type = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    # A nullable column without a default: SQLite adds it in place, no table copy.
    op.add_column("relationships", sa.Column("withdrawn_at", TS, nullable=True))
    op.create_index("ix_relationships_source_updated", "relationships", ["source", "updated_at"])
    # Earlier versions are read by no read path: not granted to the reader role on PostgreSQL,
    # as record_versions is not (migration 0010).
    op.create_table(
        "relationship_versions",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("relationship_pk", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("schema", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("person_source", sa.String(length=100), nullable=False),
        sa.Column("person_id", sa.String(length=200), nullable=False),
        sa.Column("other_source", sa.String(length=100), nullable=False),
        sa.Column("other_id", sa.String(length=200), nullable=False),
        sa.Column("classification", sa.String(length=20), nullable=False),
        sa.Column("caveats", json_type, nullable=False),
        sa.Column("properties", json_type, nullable=False),
        sa.Column("extra", json_type, nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("superseded_at", TS, nullable=False),
        sa.Column("superseded_by_batch", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["relationship_pk"], ["relationships.pk"]),
        sa.ForeignKeyConstraint(["batch_id"], ["ingest_batches.id"]),
        sa.ForeignKeyConstraint(["superseded_by_batch"], ["ingest_batches.id"]),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("relationship_pk", "version", name="uq_relationship_versions_version"),
    )
    # Added in place on both stores (no table copy: the copy would drop the immutability triggers
    # of migration 0016, and adding a column with a constant default fires none of them).
    op.add_column(
        "indicator_snapshots", sa.Column("monthly", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_index(
        MONTHLY, "indicator_snapshots", ["as_of", "indicator"], unique=True,
        sqlite_where=sa.text("monthly"), postgresql_where=sa.text("monthly"),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index(MONTHLY, table_name="indicator_snapshots")
    op.execute("ALTER TABLE indicator_snapshots DROP COLUMN monthly")  # in place, triggers kept
    op.drop_table("relationship_versions")
    op.drop_index("ix_relationships_source_updated", table_name="relationships")
    with op.batch_alter_table("relationships") as batch:
        batch.drop_column("withdrawn_at")
