"""Retention as values: how long a record is kept, by the kind of the agency that made it.

A record's "type" for retention is its originating agency's kind (``AgencyKind``): the legal basis
an agency processes personal data on, and so how long it may keep it, follows what the agency is
(a police zone, an intelligence service, a prevention cell), not what one record happens to say.
A record is due for purge ``days`` after its last update (a change of content, a withdrawal or a
reactivation); sending it again unchanged is not an update. Pure: no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from crossroads.access.model import AgencyKind
from crossroads.errors import CrossroadsError

#: The longest rule an administrator may set: a hundred years is "keep", said explicitly.
MAX_DAYS = 36_500


class RetentionError(CrossroadsError):
    """A retention rule cannot be set as given."""


@dataclass(frozen=True)
class Rule:
    kind: AgencyKind
    days: int
    set_by: str | None  # None: the default the store shipped with
    set_at: datetime


def checked_kind(value: str) -> AgencyKind:
    try:
        return AgencyKind(value)
    except ValueError:
        raise RetentionError(
            f"agency kind {value!r}: one of {', '.join(k.value for k in AgencyKind)}"
        ) from None


def checked_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise RetentionError(
            f"DAYS {days}: a rule keeps records 1 to {MAX_DAYS} days after their last update"
        )
    return days


def utc(value: datetime) -> datetime:
    """SQLite hands back naive times; the store writes them in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def due(updated_at: datetime, days: int) -> datetime:
    """When a record last updated at ``updated_at`` becomes due for purge under a ``days`` rule."""
    return utc(updated_at) + timedelta(days=days)


def cutoff(now: datetime, days: int) -> datetime:
    """Records last updated before this are expired under a ``days`` rule (UTC, as stored)."""
    return now.astimezone(UTC) - timedelta(days=days)
