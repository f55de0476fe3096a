"""The store's tables (SQLAlchemy Core). Alembic migrations under ``migrations/`` create them.

Records keep their provenance (source, source id, ingest batch, line, received at), the payload as
received (``original``) and the normalised one; every earlier version lives in ``record_versions``.
Rows that could not be accepted live in ``quarantine`` until a data steward replays or discards them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(sa.types.TypeDecorator[datetime]):
    """A moment, stored with its time zone on PostgreSQL and as UTC text on SQLite; read back as an
    aware UTC datetime on both (SQLite's driver hands back naive ones, which the API would show as
    local times without an offset, breaking RFC 3339)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


Timestamp = UtcDateTime()

batches = sa.Table(
    "ingest_batches",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("source", sa.String(100), nullable=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("format", sa.String(10), nullable=False),
    sa.Column("mapping", sa.Text, nullable=True),
    sa.Column("full_export", sa.Boolean, nullable=False, default=False),
    sa.Column("started_at", Timestamp, nullable=False),
    sa.Column("finished_at", Timestamp, nullable=True),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("rows_read", sa.Integer, nullable=False, default=0),
    sa.Column("inserted", sa.Integer, nullable=False, default=0),
    sa.Column("updated", sa.Integer, nullable=False, default=0),
    sa.Column("unchanged", sa.Integer, nullable=False, default=0),
    sa.Column("quarantined", sa.Integer, nullable=False, default=0),
    sa.Column("withdrawn", sa.Integer, nullable=False, default=0),
)

records = sa.Table(
    "records",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(100), nullable=False),
    sa.Column("source_id", sa.String(200), nullable=False),
    sa.Column("schema", sa.String(50), nullable=False),
    sa.Column("classification", sa.String(20), nullable=False),
    sa.Column("caveats", JSONType, nullable=False),
    sa.Column("properties", JSONType, nullable=False),
    sa.Column("extra", JSONType, nullable=False),
    sa.Column("original", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("batch_id", sa.String(36), sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.Column("line", sa.Integer, nullable=True),
    sa.Column("received_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
    sa.Column("withdrawn_at", Timestamp, nullable=True),
    sa.Column("entity_id", sa.String(64), nullable=True),
    sa.UniqueConstraint("source", "source_id", name="uq_records_source_id"),
    sa.Index("ix_records_entity_id", "entity_id"),
    sa.Index("ix_records_status", "status"),
)

record_versions = sa.Table(
    "record_versions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_pk", sa.Integer, sa.ForeignKey("records.pk"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("classification", sa.String(20), nullable=False),
    sa.Column("caveats", JSONType, nullable=False),
    sa.Column("properties", JSONType, nullable=False),
    sa.Column("extra", JSONType, nullable=False),
    sa.Column("original", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("batch_id", sa.String(36), sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.Column("line", sa.Integer, nullable=True),
    sa.Column("received_at", Timestamp, nullable=False),
    sa.Column("superseded_at", Timestamp, nullable=False),
    sa.Column("superseded_by_batch", sa.String(36), sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.UniqueConstraint("record_pk", "version", name="uq_record_versions_version"),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("batch_id", sa.String(36), sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.Column("source", sa.String(100), nullable=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("format", sa.String(10), nullable=False),
    sa.Column("line", sa.Integer, nullable=False),
    sa.Column("record_id", sa.String(200), nullable=True),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("code", sa.String(40), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("problems", JSONType, nullable=False),
    # the refused row as exact bytes: it may hold NUL or invalid UTF-8, which text columns refuse
    sa.Column("raw", sa.LargeBinary, nullable=False),
    sa.Column("raw_sha256", sa.String(64), nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("resolved_at", Timestamp, nullable=True),
    sa.Column("resolution", sa.Text, nullable=True),
    sa.Index("ix_quarantine_open", "status", "raw_sha256"),
    # what the row was checked as: person / relationship (None: no record could be read from it)
    sa.Column("kind", sa.String(12), nullable=True),
)

#: One row per resolution of the store: the model, name frequencies and name-key counts it used,
#: so that an explanation of any pair recomputes exactly what that run decided.
resolution_runs = sa.Table(
    "resolution_runs",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("started_at", Timestamp, nullable=False),
    sa.Column("finished_at", Timestamp, nullable=False),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("entities", sa.Integer, nullable=False),
    sa.Column("model_origin", sa.String(20), nullable=False),  # "estimated" or "shipped"
    sa.Column("context", sa.Text, nullable=False),  # JSON: model, name frequencies, key counts
)

#: Analysts' verdicts on pairs of records, never deleted: the newest one per pair is in force and
#: overrides the model for that pair in every later resolution.
judgements = sa.Table(
    "judgements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_a", sa.String(100), nullable=False),
    sa.Column("id_a", sa.String(200), nullable=False),
    sa.Column("source_b", sa.String(100), nullable=False),
    sa.Column("id_b", sa.String(200), nullable=False),
    sa.Column("verdict", sa.String(12), nullable=False),
    sa.Column("analyst", sa.String(100), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("probability", sa.Float, nullable=True),  # what the model said when judged
    sa.Column("judged_at", Timestamp, nullable=False),
    sa.Index("ix_judgements_pair", "source_a", "id_a", "source_b", "id_b"),
)

#: Pairs waiting for an analyst, as the newest resolution run left them.
review_queue = sa.Table(
    "review_queue",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.String(36), sa.ForeignKey("resolution_runs.id"), nullable=False),
    sa.Column("source_a", sa.String(100), nullable=False),
    sa.Column("id_a", sa.String(200), nullable=False),
    sa.Column("source_b", sa.String(100), nullable=False),
    sa.Column("id_b", sa.String(200), nullable=False),
    sa.Column("probability", sa.Float, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Index("ix_review_queue_run", "run_id"),
    sa.Index("ix_review_queue_a", "source_a", "id_a", "source_b", "id_b"),  # migration 0022
    sa.Index("ix_review_queue_b", "source_b", "id_b"),
)

#: What became of entity ids at each resolution: created, merged into another, split out of another.
entity_lineage = sa.Table(
    "entity_lineage",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.String(36), sa.ForeignKey("resolution_runs.id"), nullable=False),
    sa.Column("entity_id", sa.String(64), nullable=False),
    sa.Column("event", sa.String(12), nullable=False),
    sa.Column("other_entity_id", sa.String(64), nullable=True),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("why", sa.Text, nullable=False),
    sa.Column("at", Timestamp, nullable=False),
    sa.Index("ix_entity_lineage_entity", "entity_id"),
    sa.Index("ix_entity_lineage_other", "other_entity_id"),
)

#: Every active record's blocking keys (``resolve.blocking``), so a new record finds its candidates
#: with an index lookup instead of a batch join: the real-time path.
blocking_keys = sa.Table(
    "blocking_keys",
    metadata,
    sa.Column("key", sa.String(300), nullable=False),
    sa.Column("record_pk", sa.Integer, sa.ForeignKey("records.pk"), nullable=False),
    sa.Index("ix_blocking_keys_key", "key"),
    sa.Index("ix_blocking_keys_record", "record_pk"),
)

#: One row whose token changes with every change to ``records`` (by triggers, whoever writes) and to
#: ``blocking_keys`` (by ``key_rows``; a purge deletes keys only with their records), on the embedded
#: store: a server's search cache trusts what it checked against the store while the token is the one
#: it checked under (``record_rows.generation``). A random token, not a counter: a rolled-back change
#: would give a counter back its old value, and a copy checked inside that transaction would pass
#: for current.
record_changes = sa.Table(
    "record_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("token", sa.String(32), nullable=False),
)

#: Every access, append-only (triggers refuse UPDATE and DELETE) and hash-chained: each entry's hash
#: covers its content and the previous entry's hash (``access.audit_chain``). Times and details are
#: stored as the exact strings that were hashed, so no database round trip can change them.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(40), nullable=False),  # ISO 8601, UTC
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("agency", sa.String(100), nullable=True),
    sa.Column("unit", sa.String(100), nullable=True),
    sa.Column("purpose", sa.String(40), nullable=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),  # canonical JSON: what was asked, what was returned
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Index("ix_audit_log_actor", "actor"),
)

#: The chain's newest (seq, hash), one row: appenders lock it, so entries are numbered one at a time.
#: A convenience for appending only; verification never trusts it.
audit_head = sa.Table(
    "audit_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

#: Agencies taking part, their units (the Local Task Force of an area, a contact unit) and users.
agencies = sa.Table(
    "agencies",
    metadata,
    sa.Column("code", sa.String(100), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("country", sa.String(2), nullable=True),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("contact_unit", sa.String(100), nullable=True),  # the unit a hit names; None: the agency
)

units = sa.Table(
    "units",
    metadata,
    sa.Column("agency", sa.String(100), sa.ForeignKey("agencies.code"), primary_key=True),
    sa.Column("code", sa.String(100), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("agency", sa.String(100), sa.ForeignKey("agencies.code"), nullable=False),
    sa.Column("unit", sa.String(100), nullable=True),
    sa.Column("clearance", sa.String(20), nullable=False),
    sa.Column("roles", sa.Text, nullable=False),  # sorted, comma-separated
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
)

#: Sign-in of local users (docs/decisions/010): a password hash per user; API tokens and browser
#: sessions kept only as the SHA-256 digest of their secret; attempts, which the rate limit counts.
passwords = sa.Table(
    "passwords",
    metadata,
    sa.Column("user", sa.String(100), sa.ForeignKey("users.name"), primary_key=True),
    sa.Column("hash", sa.Text, nullable=False),
    sa.Column("set_by", sa.String(100), nullable=False),
    sa.Column("set_at", Timestamp, nullable=False),
)
api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("prefix", sa.String(12), nullable=False),
    sa.Column("user", sa.String(100), sa.ForeignKey("users.name"), nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("expires_at", Timestamp, nullable=False),
    sa.Column("revoked_at", Timestamp, nullable=True),
    sa.Index("ix_api_tokens_user", "user"),
)
web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("user", sa.String(100), sa.ForeignKey("users.name"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("seen_at", Timestamp, nullable=False),
    sa.Column("expires_at", Timestamp, nullable=False),
    sa.Column("ended_at", Timestamp, nullable=True),
)
sign_in_attempts = sa.Table(
    "sign_in_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("client", sa.String(100), nullable=False),
    sa.Column("at", Timestamp, nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Index("ix_sign_in_attempts_name", "name", "at"),
    sa.Index("ix_sign_in_attempts_client", "client", "at"),
)

#: Requests for information: an analyst who had a hit asks the holding agency for records' content.
info_requests = sa.Table(
    "info_requests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("requester", sa.String(100), nullable=False),
    sa.Column("requester_agency", sa.String(100), nullable=False),
    sa.Column("holder_agency", sa.String(100), nullable=False),
    sa.Column("purpose", sa.String(40), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("filed_at", Timestamp, nullable=False),
    sa.Index("ix_info_requests_holder", "holder_agency"),
)

#: Each requested record and the holder's answer: a grant (for the request's purpose, to the
#: requester's agency, until a time) or a refusal, with who and why; None while open.
request_items = sa.Table(
    "request_items",
    metadata,
    sa.Column("request_id", sa.Integer, sa.ForeignKey("info_requests.id"), primary_key=True),
    sa.Column("source", sa.String(100), primary_key=True),
    sa.Column("record_id", sa.String(200), primary_key=True),
    sa.Column("verdict", sa.String(10), nullable=True),
    sa.Column("answered_by", sa.String(100), nullable=True),
    sa.Column("answer_reason", sa.Text, nullable=True),
    sa.Column("answered_at", Timestamp, nullable=True),
    sa.Column("until", Timestamp, nullable=True),
    sa.Index("ix_request_items_record", "source", "record_id"),
)

#: Data protection (docs/decisions/009): how long a record is kept after its last update, by the
#: kind of its originating agency; the purge finds expired records by (source, updated_at).
retention_rules = sa.Table(
    "retention_rules",
    metadata,
    sa.Column("kind", sa.String(40), primary_key=True),
    sa.Column("days", sa.Integer, nullable=False),
    sa.Column("set_by", sa.String(100), nullable=True),  # None: the shipped default
    sa.Column("set_at", Timestamp, nullable=False),
)
sa.Index("ix_records_source_updated", records.c.source, records.c.updated_at)

#: Reviewed decisions on minors, never deleted while their record is held: the newest one per
#: reference (a record SOURCE/ID or an entity id) says whether watchlist-style processing may go on.
minor_decisions = sa.Table(
    "minor_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ref", sa.String(301), nullable=False),
    sa.Column("ref_kind", sa.String(10), nullable=False),  # record / entity
    sa.Column("allowed", sa.Boolean, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("decided_by", sa.String(100), nullable=False),
    sa.Column("decided_at", Timestamp, nullable=False),
    sa.Index("ix_minor_decisions_ref", "ref"),
)

#: The watchlist and its alerts (issue #7, docs/decisions/011): a watched person (an entity, so
#: every alias and spelling is covered), who answers for it, and the alerts records raised on it.
watchlist = sa.Table(
    "watchlist",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entity_id", sa.String(64), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("agency", sa.String(100), nullable=False),
    sa.Column("unit", sa.String(100), nullable=True),
    sa.Column("review_on", sa.Date, nullable=False),
    sa.Column("listed_by", sa.String(100), nullable=False),
    sa.Column("listed_at", Timestamp, nullable=False),
    sa.Column("ended_by", sa.String(100), nullable=True),
    sa.Column("ended_at", Timestamp, nullable=True),
    sa.Column("end_reason", sa.Text, nullable=True),
    sa.Index("ix_watchlist_entity", "entity_id"),
)
alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("watch_id", sa.Integer, sa.ForeignKey("watchlist.id"), nullable=False),
    sa.Column("entity_id", sa.String(64), nullable=False),
    sa.Column("source", sa.String(100), nullable=False),
    sa.Column("record_id", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("agency", sa.String(100), nullable=False),
    sa.Column("unit", sa.String(100), nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("assignee", sa.String(100), nullable=True),
    sa.Column("raised_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
    sa.Index("ix_alerts_agency_status", "agency", "status"),
)
alert_events = sa.Table(
    "alert_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=False),
    sa.Column("at", Timestamp, nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Index("ix_alert_events_alert", "alert_id"),
)
webhooks = sa.Table(
    "webhooks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("agency", sa.String(100), nullable=False),
    sa.Column("unit", sa.String(100), nullable=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("secret", sa.String(100), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
)
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=True),  # or the action reminded
    sa.Column("webhook_id", sa.Integer, sa.ForeignKey("webhooks.id"), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("due_at", Timestamp, nullable=False),
    sa.Column("delivered_at", Timestamp, nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Index("ix_outbox_due", "delivered_at", "due_at"),
    sa.Column(
        "action_id", sa.Integer, sa.ForeignKey("case_actions.id", name="fk_outbox_action"), nullable=True
    ),
)


def _relationship_content() -> list[sa.Column[Any]]:
    """A relationship record's content: kept by ``relationships`` and, for each earlier version,
    by ``relationship_versions``."""
    return [
        sa.Column("schema", sa.String(50), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("person_source", sa.String(100), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False),
        sa.Column("other_source", sa.String(100), nullable=False),
        sa.Column("other_id", sa.String(200), nullable=False),
        sa.Column("classification", sa.String(20), nullable=False),
        sa.Column("caveats", JSONType, nullable=False),
        sa.Column("properties", JSONType, nullable=False),
        sa.Column("extra", JSONType, nullable=False),
        sa.Column("original", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
    ]


#: Relationships between persons (issue #7, docs/decisions/013): the relationship records agencies
#: send (FollowTheMoney Family and Associate), kept apart from person records so that nothing that
#: links, searches or shows persons can take one for a person. Each names two person records by
#: their reference; the persons they belong to are looked up when a relationship is read.
relationships = sa.Table(
    "relationships",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(100), nullable=False),
    sa.Column("source_id", sa.String(200), nullable=False),
    *_relationship_content(),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("batch_id", sa.String(36), sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.Column("line", sa.Integer, nullable=True),
    sa.Column("received_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
    sa.Column("withdrawn_at", Timestamp, nullable=True),
    sa.UniqueConstraint("source", "source_id", name="uq_relationships_source_id"),
    sa.Index("ix_relationships_person", "person_source", "person_id"),
    sa.Index("ix_relationships_other", "other_source", "other_id"),
    sa.Index("ix_relationships_source_updated", "source", "updated_at"),
)

#: Every earlier version of a relationship record, as ``record_versions`` keeps a person record's.
relationship_versions = sa.Table(
    "relationship_versions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("relationship_pk", sa.Integer, sa.ForeignKey("relationships.pk"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    *_relationship_content(),
    sa.Column("batch_id", sa.String(36), sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.Column("line", sa.Integer, nullable=True),
    sa.Column("received_at", Timestamp, nullable=False),
    sa.Column("superseded_at", Timestamp, nullable=False),
    sa.Column("superseded_by_batch", sa.String(36), sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.UniqueConstraint("relationship_pk", "version", name="uq_relationship_versions_version"),
)

#: Each active record's normalised address and phone keys (``resolve.contacts``), written where
#: blocking keys are (batch resolution, arrival), so that the persons sharing an address or a phone
#: are found with an index lookup when a relationship view asks.
contact_keys = sa.Table(
    "contact_keys",
    metadata,
    sa.Column("key", sa.String(300), nullable=False),
    sa.Column("record_pk", sa.Integer, sa.ForeignKey("records.pk"), nullable=False),
    sa.Index("ix_contact_keys_key", "key"),
    sa.Index("ix_contact_keys_record", "record_pk"),
)
#: Case follow-up (issue #7, docs/decisions/012): one case per person (an entity), the units that
#: follow it, its dated status transitions with who reported each, follow-up actions with due
#: dates, and the minors' review decisions for children.
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entity_id", sa.String(64), nullable=False),
    sa.Column("category", sa.String(30), nullable=False),
    sa.Column("taskforce_agency", sa.String(100), nullable=True),
    sa.Column("taskforce_unit", sa.String(100), nullable=True),
    sa.Column("cell_agency", sa.String(100), nullable=True),
    sa.Column("cell_unit", sa.String(100), nullable=True),
    sa.Column("municipality", sa.String(200), nullable=True),
    sa.Column("opened_by", sa.String(100), nullable=False),
    sa.Column("opened_at", Timestamp, nullable=False),
    sa.Column("closed_by", sa.String(100), nullable=True),
    sa.Column("closed_at", Timestamp, nullable=True),
    sa.Column("close_reason", sa.Text, nullable=True),
    sa.UniqueConstraint("entity_id", name="uq_cases_entity"),
    sa.Index("ix_cases_cell", "cell_agency", "cell_unit"),
)
case_transitions = sa.Table(
    "case_transitions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("happened_on", sa.Date, nullable=False),
    sa.Column("source_agency", sa.String(100), nullable=True),
    sa.Column("source_record", sa.String(301), nullable=True),
    sa.Column("reported_by", sa.String(100), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("override", sa.Text, nullable=True),
    sa.Column("shared", sa.Boolean, nullable=False),
    sa.Column("recorded_at", Timestamp, nullable=False),
    sa.Index("ix_case_transitions_case", "case_id"),
)
case_actions = sa.Table(
    "case_actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("done_by", sa.String(100), nullable=True),
    sa.Column("done_at", Timestamp, nullable=True),
    sa.Column("outcome", sa.Text, nullable=True),
    sa.Index("ix_case_actions_due", "done_at", "due_on"),
    sa.Column("reminded_at", Timestamp, nullable=True),  # its reminder went to the units' webhooks
)
case_minor_reviews = sa.Table(
    "case_minor_reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("decision", sa.String(20), nullable=False),
    sa.Column("automatic", sa.Boolean, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("decided_by", sa.String(100), nullable=False),
    sa.Column("decided_at", Timestamp, nullable=False),
    sa.Index("ix_case_minor_reviews_case", "case_id"),
)
indicator_snapshots = sa.Table(
    "indicator_snapshots",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("snapshot", sa.String(36), nullable=False),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("indicator", sa.String(40), nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("previous", sa.Integer, nullable=True),
    sa.Column("taken_by", sa.String(100), nullable=False),
    sa.Column("agency", sa.String(100), nullable=False),
    sa.Column("taken_at", Timestamp, nullable=False),
    # the server's own snapshot of a month that is over: one per month and indicator
    sa.Column("monthly", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_indicator_snapshots_as_of", "as_of", "taken_at"),
    sa.Index(
        "ux_indicator_snapshots_monthly",
        "as_of",
        "indicator",
        unique=True,
        sqlite_where=sa.text("monthly"),
        postgresql_where=sa.text("monthly"),
    ),
)
