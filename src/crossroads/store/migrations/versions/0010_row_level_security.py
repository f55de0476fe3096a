"""PostgreSQL row-level security beneath need-to-know: read paths run as the role crossroads_reader
with the reader's agency, agency kind and whether they may discover case data at all as per-request
settings, and the database returns only the records (and their keys) such a reader may learn exist

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

READER = "crossroads_reader"

# Roles belong to the whole server, not one database: made once, then granted per database.
_ROLE = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READER}') THEN
        CREATE ROLE {READER} NOLOGIN;
    END IF;
END $$
"""

#: What a read path reads (never the audit log, the users, quarantined rows or earlier versions),
#: and the audit entry it writes.
_SELECTS = (
    "records", "blocking_keys", "agencies", "units", "info_requests", "request_items",
    "resolution_runs", "entity_lineage", "audit_head",
)  # fmt: skip

# The part of ``access.policy.discoverable`` that is a row's own: its originator's own agency
# always; else not hidden from discovery, not NOFORN to a foreign partner, and from a registered
# agency. The reader's part (active, a role that reads case data, not for oversight) is the
# setting crossroads.discovers. Unset settings read as NULL: nothing is returned.
_DISCOVERABLE = """
current_setting('crossroads.discovers', true) = 'on'
AND (
    source = current_setting('crossroads.agency', true)
    OR (
        NOT (caveats ? 'NODISCOVERY')
        AND NOT (caveats ? 'NOFORN' AND current_setting('crossroads.agency_kind', true) = 'foreign-partner')
        AND EXISTS (SELECT 1 FROM agencies WHERE agencies.code = records.source)
    )
)
"""


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return  # the embedded store is one user's file: need-to-know is enforced above it only
    op.execute(_ROLE)
    op.execute(f"GRANT {READER} TO CURRENT_USER")  # so the application may SET ROLE to it
    op.execute(f"GRANT USAGE ON SCHEMA public TO {READER}")
    op.execute(f"GRANT SELECT ON {', '.join(_SELECTS)} TO {READER}")
    op.execute(f"GRANT INSERT ON audit_log TO {READER}")
    op.execute(f"GRANT UPDATE ON audit_head TO {READER}")
    op.execute("ALTER TABLE records ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY need_to_know ON records FOR SELECT TO {READER} USING ({_DISCOVERABLE})")
    op.execute("ALTER TABLE blocking_keys ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY need_to_know ON blocking_keys FOR SELECT TO {READER} "
        "USING (EXISTS (SELECT 1 FROM records WHERE records.pk = blocking_keys.record_pk))"
    )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table in ("blocking_keys", "records"):
        op.execute(f"DROP POLICY IF EXISTS need_to_know ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute(f"REVOKE ALL ON {', '.join(_SELECTS)}, audit_log FROM {READER}")
    op.execute(f"REVOKE USAGE ON SCHEMA public FROM {READER}")
