"""relationships: the relationship records agencies send (FollowTheMoney Family and Associate),
apart from person records; and each record's normalised address and phone keys, from which
shared-address and shared-phone relations are derived

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
READER = "crossroads_reader"

# As for records (migration 0010): the row's originator always; else not hidden from discovery,
# not NOFORN to a foreign partner, and from a registered agency.
_DISCOVERABLE = """
current_setting('crossroads.discovers', true) = 'on'
AND (
    source = current_setting('crossroads.agency', true)
    OR (
        NOT (caveats ? 'NODISCOVERY')
        AND NOT (caveats ? 'NOFORN' AND current_setting('crossroads.agency_kind', true) = 'foreign-partner')
        AND EXISTS (SELECT 1 FROM agencies WHERE agencies.code = relationships.source)
    )
)
"""


def upgrade() -> None:
    json_type = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    op.create_table(
        "relationships",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=False),
        sa.Column("schema", sa.String(length=50), nullable=False),  # Family / Associate
        sa.Column("kind", sa.String(length=20), nullable=False),  # sibling, cousin, friend...
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
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["ingest_batches.id"]),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("source", "source_id", name="uq_relationships_source_id"),
    )
    op.create_index("ix_relationships_person", "relationships", ["person_source", "person_id"])
    op.create_index("ix_relationships_other", "relationships", ["other_source", "other_id"])
    op.create_table(
        "contact_keys",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("record_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["record_pk"], ["records.pk"]),
    )
    op.create_index("ix_contact_keys_key", "contact_keys", ["key"])
    op.create_index("ix_contact_keys_record", "contact_keys", ["record_pk"])
    if op.get_context().dialect.name != "postgresql":
        return
    # Read paths run as crossroads_reader (migration 0010): they read these tables under row security.
    op.execute(f"GRANT SELECT ON relationships, contact_keys TO {READER}")
    op.execute("ALTER TABLE relationships ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY need_to_know ON relationships FOR SELECT TO {READER} USING ({_DISCOVERABLE})")
    op.execute("ALTER TABLE contact_keys ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY need_to_know ON contact_keys FOR SELECT TO {READER} "
        "USING (EXISTS (SELECT 1 FROM records WHERE records.pk = contact_keys.record_pk))"
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table in ("contact_keys", "relationships"):
            op.execute(f"DROP POLICY IF EXISTS need_to_know ON {table}")
            op.execute(f"REVOKE ALL ON {table} FROM {READER}")
    op.drop_index("ix_contact_keys_record", table_name="contact_keys")
    op.drop_index("ix_contact_keys_key", table_name="contact_keys")
    op.drop_table("contact_keys")
    op.drop_index("ix_relationships_other", table_name="relationships")
    op.drop_index("ix_relationships_person", table_name="relationships")
    op.drop_table("relationships")
