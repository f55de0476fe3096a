"""Writing the audit trail and checking it in the store.

``record`` is called inside the transaction of the action it records, so the action and its entry
are committed together or not at all: no access without its entry, no entry for an access that
did not happen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from crossroads.access.audit_chain import Anchor, Entry, Verdict, canonical_detail, entry_hash, verify

__all__ = ["ACTIONS", "Actor", "Anchor", "AuditError", "Entry", "Verdict", "check", "head", "record"]
from crossroads.errors import CrossroadsError
from crossroads.store import audit_rows

#: What an entry may record. Later capabilities (search, view, grant, refusal, login, admin)
#: add theirs here, so an oversight body has one list of what the trail can hold.
ACTIONS = frozenset(
    {
        "ingest",
        "quarantine",
        "resolve",
        "judgement",
        "explain",
        "export",
        "search",
        "view",
        "audit-verify",
        "audit-anchor",
        "audit-read",
        "rfi-file",
        "grant",
        "rfi-refusal",
        "admin",
        "refusal",
        "purge",
        "minor-decision",
        "minor-list",
        "dp-report",
        "sign-in",
        "sign-out",
        "token",
        "watch",
        "alert",
        "case",
    }
)


class AuditError(CrossroadsError):
    """An audit entry cannot be written as asked (no actor, an action the trail does not know)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: a user, with the agency and unit they act for when known."""

    user: str
    agency: str | None = None
    unit: str | None = None


def record(
    conn: sa.Connection,
    actor: Actor,
    action: str,
    detail: Mapping[str, Any],
    now: datetime,
    purpose: str | None = None,
) -> Entry:
    """Append one entry after the chain's head, in the caller's transaction."""
    if not actor.user.strip():
        raise AuditError("an audit entry needs the user who acts: pass --user or set CROSSROADS_USER")
    if action not in ACTIONS:
        raise AuditError(
            f"{action!r} is not an action the audit trail records: one of {', '.join(sorted(ACTIONS))}"
        )
    seq, previous = audit_rows.lock_head(conn)
    at = now.astimezone(UTC).isoformat(timespec="microseconds")
    text = canonical_detail(detail)
    user = actor.user.strip()
    digest = entry_hash(seq + 1, at, user, actor.agency, actor.unit, purpose, action, text, previous)
    entry = Entry(seq + 1, at, user, actor.agency, actor.unit, purpose, action, text, previous, digest)
    audit_rows.append(conn, asdict(entry))
    return entry


def check(conn: sa.Connection, anchors: list[Anchor]) -> Verdict:
    return verify((Entry(*row) for row in audit_rows.entries(conn)), anchors)


def head(conn: sa.Connection) -> Anchor | None:
    """The newest entry as an anchor to keep outside the store; None for an empty trail."""
    row = audit_rows.last(conn)
    if row is None:
        return None
    entry = Entry(*row)
    return Anchor(entry.seq, entry.hash, entry.at)
