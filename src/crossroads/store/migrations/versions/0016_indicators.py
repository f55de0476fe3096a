"""indicator_snapshots: the threat-assessment indicators (departures, returns, new alerts, open
cases, new judicial files) as they stood when a snapshot was taken, so the indicator panel shows
how each moved over time. Snapshots are immutable: update and delete are refused by triggers.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_REFUSE_PG = """
CREATE FUNCTION crossroads_snapshots_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'indicator snapshots are immutable: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "indicator_snapshots",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("snapshot", sa.String(length=36), nullable=False),  # one id per snapshot taken
        sa.Column("as_of", sa.Date(), nullable=False),  # the month end the figures are for
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("previous", sa.Integer(), nullable=True),  # the same figure over the window before
        sa.Column("taken_by", sa.String(length=100), nullable=False),
        sa.Column("agency", sa.String(length=100), nullable=False),  # whose view of the cases
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_indicator_snapshots_as_of", "indicator_snapshots", ["as_of", "taken_at"])
    if op.get_context().dialect.name == "postgresql":
        op.execute(_REFUSE_PG)
        op.execute(
            "CREATE TRIGGER indicator_snapshots_immutable BEFORE UPDATE OR DELETE ON indicator_snapshots "
            "FOR EACH ROW EXECUTE FUNCTION crossroads_snapshots_immutable()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER indicator_snapshots_no_{verb.lower()} BEFORE {verb} ON indicator_snapshots "
                f"BEGIN SELECT RAISE(ABORT, 'indicator snapshots are immutable: {verb} refused'); END"
            )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER indicator_snapshots_immutable ON indicator_snapshots")
        op.execute("DROP FUNCTION crossroads_snapshots_immutable()")
    else:
        op.execute("DROP TRIGGER indicator_snapshots_no_update")
        op.execute("DROP TRIGGER indicator_snapshots_no_delete")
    op.drop_index("ix_indicator_snapshots_as_of", table_name="indicator_snapshots")
    op.drop_table("indicator_snapshots")
