"""Retention use cases: an administrator sets how long each kind of agency's records are kept; a
purge erases the records past it, by hand (``crossroads purge``) and at the end of every ingest.
Person records and relationship records (``Family``, ``Associate``) follow the same rules: the
kind of the agency that sent them, counted from their last update.

A purge erases content (``store.purge_rows``) and writes one audit entry, in the same transaction,
naming the records purged (SOURCE/ID, grouped by the rule applied, with the entity each left;
relationship records apart, under ``relationships``), never their content. The automatic purge
after an ingest writes nothing when nothing expired, so it costs two indexed lookups. Records of
an agency nobody registered have no kind, so no rule: they are kept (and ``retention list`` says
how many there are) until their agency is registered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.access import audit, identity
from crossroads.access.model import AgencyKind, Role
from crossroads.access.retention import Rule, checked_days, checked_kind, cutoff, utc
from crossroads.service import clock
from crossroads.store import identity_rows, purge_rows, retention_rows
from crossroads.store.schema import relationships
from crossroads.store.store import Store

PURGING = (Role.DATA_STEWARD, Role.ADMIN)
READING_RULES = (Role.ADMIN, Role.DATA_STEWARD, Role.OVERSIGHT)


@dataclass(frozen=True)
class Purged:
    dry_run: bool
    by_kind: dict[str, list[str]]  # agency kind -> person records SOURCE/ID purged (or due, in a dry run)
    removed: dict[str, int] = field(default_factory=dict)  # table -> rows erased
    relationships: dict[str, list[str]] = field(default_factory=dict)  # agency kind -> relationship records

    @property
    def count(self) -> int:
        """Person and relationship records purged (or due)."""
        return sum(len(refs) for refs in (*self.by_kind.values(), *self.relationships.values()))


def _rules(conn: sa.Connection) -> list[Rule]:
    return [Rule(AgencyKind(r.kind), r.days, r.set_by, utc(r.set_at)) for r in retention_rows.rules(conn)]


@dataclass(frozen=True)
class Rules:
    rules: list[Rule]
    unruled: int  # records of agencies nobody registered: no kind, so no rule; kept


def list_rules(store: Store, user: str | None) -> Rules:
    now = clock.now()
    acting = identity.authorise(store, user, READING_RULES, "list retention rules", now)
    with store.transaction() as conn:
        found = Rules(_rules(conn), retention_rows.count_unregistered(conn))
        audit.record(conn, identity.actor_of(acting), "admin", {"listed": "retention"}, now)
    return found


def set_rule(store: Store, user: str | None, kind: str, days: int) -> Rule:
    """The rule for one kind of agency from now on; the next purge applies it."""
    agency_kind, kept = checked_kind(kind), checked_days(days)
    now = clock.now()
    acting = identity.authorise(store, user, Role.ADMIN, f"set the retention of {agency_kind.value}", now)
    with store.transaction() as conn:
        before = retention_rows.set_rule(conn, agency_kind.value, kept, acting.name, now)
        detail = {"retention": agency_kind.value, "days": kept, "was": before}
        audit.record(conn, identity.actor_of(acting), "admin", detail, now)
    return Rule(agency_kind, kept, acting.name, now)


def _sweep(
    conn: sa.Connection, actor: audit.Actor, now: datetime, dry_run: bool, trigger: dict[str, Any]
) -> Purged:
    """Find the expired records, erase them unless ``dry_run``, and record it (nothing when an
    automatic purge finds nothing)."""
    days = {r.kind.value: r.days for r in _rules(conn)}
    kind_of = {row.code: row.kind for row in identity_rows.all_agencies(conn) if row.kind in days}
    cutoffs = {code: cutoff(now, days[k]) for code, k in kind_of.items()}
    rows = retention_rows.expired(conn, cutoffs)
    related = retention_rows.expired(conn, cutoffs, relationships)
    by_kind, related_by_kind = _by_kind(rows, kind_of), _by_kind(related, kind_of)
    entities: dict[str, list[str]] = {}
    for row in rows:
        if row.entity_id is not None:
            entities.setdefault(row.entity_id, []).append(f"{row.source}/{row.source_id}")
    if not rows and not related and trigger["trigger"] == "ingest":
        return Purged(dry_run, {})
    removed: dict[str, int] = {}
    if not dry_run:
        for erase, found in ((purge_rows.erase, rows), (purge_rows.erase_relationships, related)):
            gone = erase(conn, [r.pk for r in found], [(r.source, r.source_id) for r in found])
            for table, n in gone.items():
                removed[table] = removed.get(table, 0) + n
    rules = {k: {"days": days[k], "cutoff": cutoff(now, days[k]).isoformat()}
             for k in sorted({*by_kind, *related_by_kind})}  # fmt: skip
    detail = {**trigger, "dry_run": dry_run, "rules": rules, "purged": by_kind,
              "relationships": related_by_kind, "entities": entities, "removed": removed}  # fmt: skip
    audit.record(conn, actor, "purge", detail, now)
    return Purged(dry_run, by_kind, removed, related_by_kind)


def _by_kind(rows: list[Any], kind_of: dict[str, str]) -> dict[str, list[str]]:
    """The references SOURCE/ID of ``rows``, grouped by the kind of their agency (the rule applied)."""
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(kind_of[row.source], []).append(f"{row.source}/{row.source_id}")
    return found


def purge(store: Store, user: str | None, dry_run: bool = False) -> Purged:
    """Erase every record past its rule (``dry_run``: only say which); always recorded."""
    now = clock.now()
    what = "list records due for purge" if dry_run else "purge expired records"
    acting = identity.authorise(store, user, PURGING, what, now)
    with store.transaction() as conn:
        return _sweep(conn, identity.actor_of(acting), now, dry_run, {"trigger": "purge"})


def purge_after_ingest(store: Store, steward: audit.Actor, batch_id: str) -> Purged:
    """The automatic purge at the end of an ingest, by the steward who ingested (recorded only
    when something expired)."""
    with store.transaction() as conn:
        return _sweep(conn, steward, clock.now(), False, {"trigger": "ingest", "batch": batch_id})
