"""The enforcement point for stored records: the reader and a record as need-to-know sees them, and
the decision ``access.policy`` gives. Read paths ask here and show nothing the decision withholds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from crossroads.access.model import AgencyKind, User
from crossroads.access.policy import (
    NODISCOVERY,
    Decision,
    Grant,
    Holding,
    Purpose,
    Reader,
    discoverable,
    discovers,
    readable,
)
from crossroads.phrase import Phrase
from crossroads.records.model import Classification, Record
from crossroads.store import identity_rows, record_rows, request_rows, row_security
from crossroads.store.record_rows import StoredRecord


@dataclass(frozen=True)
class Seen:
    """What one reader may learn of one stored record."""

    ref: str  # SOURCE/ID
    discoverable: bool  # False: the reader must not learn that it exists
    decision: Decision

    def content(self, record: Record) -> dict[str, list[str]]:
        """The fields of ``record`` this reader may read (empty when none)."""
        return {k: v for k, v in record.properties.items() if k in self.decision.fields}


def reader(conn: sa.Connection, user: User, purpose: Purpose) -> Reader:
    row = identity_rows.agency(conn, user.agency)
    assert row is not None  # a user's agency is a foreign key
    return Reader(user, AgencyKind(row.kind), purpose)


class Lens:
    """One reader's view of many records: the agencies' kinds are read once. Made at the start of
    a read path's transaction, it also puts the rest of that transaction under PostgreSQL's
    row-level security for this reader (``store.row_security``), so that a bug in a read path
    cannot fetch a row the reader may not learn exists."""

    def __init__(self, conn: sa.Connection, who: Reader, now: datetime) -> None:
        row_security.enter(conn, who.user.agency, who.agency_kind.value, discovers(who))
        self.who, self.now = who, now
        self.agencies = {row.code: row for row in identity_rows.all_agencies(conn)}
        self.kinds = {code: AgencyKind(row.kind) for code, row in self.agencies.items()}
        self.grants: dict[tuple[str, str], list[Grant]] = {}
        for row in request_rows.grants_to(conn, who.user.agency, now):
            grant = Grant(row.source, row.record_id, who.user.agency, Purpose(row.purpose), _aware(row.until))
            self.grants.setdefault((row.source, row.record_id), []).append(grant)
        # The policy's answer for a record without a grant of its own depends only on its agency,
        # classification and caveats: a search weighs thousands of records and meets few such kinds.
        self._ungranted: dict[tuple[str, str, frozenset[str]], tuple[bool, Decision]] = {}

    def see(self, record: Record) -> Seen:
        return self.see_marked(record.source, record.id, record.classification, record.caveats)

    def see_marked(
        self, source: str, record_id: str, classification: Classification, caveats: Iterable[str]
    ) -> Seen:
        """What the reader may learn of a record known by its origin and marking (a person record,
        or a relationship record, which is marked the same way)."""
        ref = f"{source}/{record_id}"
        kind = self.kinds.get(source)
        if kind is None:
            # Fail closed: an agency nobody registered has no kind, so no rule can release its records.
            why = Phrase("the originating agency %(agency)s is not registered: its records are not shown",
                         agency=source)  # fmt: skip
            return Seen(ref, False, Decision(frozenset(), why))
        marks = frozenset(caveats)
        grants = self.grants.get((source, record_id), [])
        alike = (source, classification.value, marks)
        if not grants and alike in self._ungranted:
            return Seen(ref, *self._ungranted[alike])
        holding = Holding(source, record_id, kind, classification, marks, hidden=NODISCOVERY in marks)
        answer = discoverable(self.who, holding), readable(self.who, holding, grants, self.now)
        if not grants:
            self._ungranted[alike] = answer
        return Seen(ref, *answer)

    def find(self, conn: sa.Connection, source: str, record_id: str) -> tuple[StoredRecord, Seen] | None:
        """The stored record and what the reader may learn of it; None when it is absent or the
        reader may not learn that it exists (the two are answered alike; under PostgreSQL's row
        security the store itself returns no row for the second)."""
        stored = record_rows.find(conn, source, record_id)
        if stored is None:
            return None
        seen = self.see(stored.record)
        return (stored, seen) if seen.discoverable else None


def _aware(value: datetime) -> datetime:
    """SQLite hands back naive times; the store writes them in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
