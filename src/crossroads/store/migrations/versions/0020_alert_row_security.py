"""watchlist and alert row security: on PostgreSQL the watchlist, the alerts and their handling
events come under the row-level security of migration 0010, so that an alert read path's reader
gets only their own agency's watches and alerts, as ``service.alerts`` already filters them

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

READER = "crossroads_reader"
ALERT_TABLES = ("watchlist", "alerts", "alert_events")

# Who reads the watchlist and the alerts (``service.alerts``, ``service.relationships.cells``), set
# per transaction by ``store.row_security``: an analyst, of any agency, the watches and alerts of
# their own agency, every unit's, ended or closed ones too (which of them a list shows stays with
# the read path). No other reader (a case reader, oversight) gets any: no read path shows them an
# alert row; the indicators' national count of alerts is read by the application's own role. Unset
# settings read as NULL: nothing is returned.
_OF_THE_AGENCY = """
current_setting('crossroads.alert_reader', true) = 'analyst'
AND agency = current_setting('crossroads.agency', true)
"""
# An alert's handling events: those of the alerts the reader may see.
_OF_AN_ALERT = "EXISTS (SELECT 1 FROM alerts WHERE alerts.id = alert_events.alert_id)"


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return  # the embedded store is one user's file: need-to-know is enforced above it only
    op.execute(f"GRANT SELECT ON {', '.join(ALERT_TABLES)} TO {READER}")
    for table in ("watchlist", "alerts"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY need_to_know ON {table} FOR SELECT TO {READER} USING ({_OF_THE_AGENCY})")
    op.execute("ALTER TABLE alert_events ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY need_to_know ON alert_events FOR SELECT TO {READER} USING ({_OF_AN_ALERT})")


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table in ALERT_TABLES:
        op.execute(f"DROP POLICY IF EXISTS need_to_know ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON {table} FROM {READER}")
