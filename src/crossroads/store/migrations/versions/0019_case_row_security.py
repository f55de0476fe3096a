"""case row security and the kind of a quarantined row: on PostgreSQL the case tables (cases, their
transitions, follow-up actions and minors' reviews) and the indicator snapshots come under the
row-level security of migration 0010, so that a case read path's reader gets only the cases they
may learn exist; a quarantined row says which kind of record it was refused as (``person`` or
``relationship``), so that purging one kind of record erases only that kind's quarantined rows
when a person record and a relationship record share a source and an id

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

READER = "crossroads_reader"
CASE_TABLES = ("cases", "case_transitions", "case_actions", "case_minor_reviews")
#: The schemata of relationship records (``records.relations.SCHEMATA``, as of this migration).
RELATION_SCHEMATA = ("Family", "Associate")

# Who reads the cases (``service.case_views``), set per transaction by ``store.row_security``: an
# analyst (never a foreign partner's) the cases of persons one of whose active records they may
# learn exists (the records' own policy, migration 0010, applies inside the subquery); a
# prevention officer the cases their security cell follows (the cell's agency, and its unit when
# the officer has one); oversight every case. Unset settings read as NULL: nothing is returned.
_SETTING = "current_setting('crossroads.{}', true)"
_CASES = f"""
CASE {_SETTING.format("case_reader")}
    WHEN 'oversight' THEN true
    WHEN 'cell' THEN cell_agency = {_SETTING.format("agency")}
        AND (COALESCE({_SETTING.format("unit")}, '') = '' OR cell_unit = {_SETTING.format("unit")})
    WHEN 'analyst' THEN {_SETTING.format("agency_kind")} <> 'foreign-partner'
        AND EXISTS (
            SELECT 1 FROM records WHERE records.entity_id = cases.entity_id AND records.status = 'active'
        )
    ELSE false
END
"""
# A case's transitions, actions and reviews: those of the cases the reader may learn exist (which
# of them the reader may read, such as the transitions shared with a cell, stays with the views).
_OF_A_CASE = "EXISTS (SELECT 1 FROM cases WHERE cases.id = {}.case_id)"
# The snapshots: read by the threat-assessment centre's analysts and by oversight.
_SNAPSHOTS = f"""
{_SETTING.format("case_reader")} = 'oversight'
OR ({_SETTING.format("case_reader")} = 'analyst' AND {_SETTING.format("agency_kind")} = 'threat-assessment')
"""


def _kind_of(fmt: str, raw: bytes) -> str | None:
    """The kind a refused row was checked as (``service.ingest``): a CSV row is a person's; a JSON
    row is a relationship record's when its schema is one; None when the row is no JSON object."""
    if fmt == "csv":
        return "person"
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return "relationship" if data.get("schema") in RELATION_SCHEMATA else "person"


def _backfill_kinds() -> None:
    """The kind of every quarantined row that names a record (only those can be purged by one)."""
    conn = op.get_bind()
    quarantine = sa.table(
        "quarantine", *(sa.column(name) for name in ("id", "format", "raw", "record_id", "kind"))
    )
    found: dict[str, list[int]] = {"person": [], "relationship": []}
    query = sa.select(quarantine.c.id, quarantine.c.format, quarantine.c.raw)
    for row in conn.execute(
        query.where(quarantine.c.record_id.isnot(None)).execution_options(yield_per=2000)
    ):
        kind = _kind_of(row.format, bytes(row.raw))
        if kind is not None:
            found[kind].append(row.id)
    for kind, ids in found.items():
        for start in range(0, len(ids), 5000):
            part = ids[start : start + 5000]
            conn.execute(sa.update(quarantine).where(quarantine.c.id.in_(part)).values(kind=kind))


def upgrade() -> None:
    # A nullable column without a default: SQLite adds it in place, no table copy.
    op.add_column("quarantine", sa.Column("kind", sa.String(length=12), nullable=True))
    _backfill_kinds()
    if op.get_context().dialect.name != "postgresql":
        return  # the embedded store is one user's file: need-to-know is enforced above it only
    op.execute(f"GRANT SELECT ON {', '.join(CASE_TABLES)}, indicator_snapshots TO {READER}")
    op.execute("ALTER TABLE cases ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY need_to_know ON cases FOR SELECT TO {READER} USING ({_CASES})")
    for table in CASE_TABLES[1:]:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY need_to_know ON {table} FOR SELECT TO {READER} USING ({_OF_A_CASE.format(table)})"
        )
    op.execute("ALTER TABLE indicator_snapshots ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY need_to_know ON indicator_snapshots FOR SELECT TO {READER} USING ({_SNAPSHOTS})"
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table in (*CASE_TABLES, "indicator_snapshots"):
            op.execute(f"DROP POLICY IF EXISTS need_to_know ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
            op.execute(f"REVOKE ALL ON {table} FROM {READER}")
    with op.batch_alter_table("quarantine") as batch:
        batch.drop_column("kind")
