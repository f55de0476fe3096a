"""Need-to-know, as one pure decision: may this reader learn that a record exists, and which of its
fields may they read, for this purpose, now?

Every read path (search results, entity views, exports, alerts, explanations) is to ask these two
functions and show nothing else; the rules are those of issue #5:

- discovery: a record yields a hit (who holds something) even when its content may not be read,
  except a record its originator hides from discovery (source protection), which yields none
  outside the originator; a foreign partner gets no hit on a NOFORN record either, and oversight
  and administration search no case data at all;
- content: the reader's clearance covers the classification; NOFORN is never read by a foreign
  partner; ORCON (and any caveat this code does not know) needs the originator's grant, for this
  purpose and not expired; a prevention officer, for prevention follow-up, reads PREVENTION-marked
  records only, and their prevention fields only; an intelligence service's notes are read only
  inside intelligence services or with a grant. Within the originating agency clearance still
  applies, caveats do not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from crossroads.access.model import AgencyKind, Role, User, cleared_for
from crossroads.errors import CrossroadsError
from crossroads.phrase import Phrase
from crossroads.records.model import Classification


class Purpose(StrEnum):
    INVESTIGATION = "investigation"
    THREAT_ASSESSMENT = "threat-assessment"
    PREVENTION = "prevention-follow-up"
    OVERSIGHT = "oversight"


class PurposeError(CrossroadsError):
    """A query names a purpose the rules do not know."""


def checked_purpose(value: str) -> Purpose:
    try:
        return Purpose(value)
    except ValueError:
        raise PurposeError(f"purpose {value!r}: one of {', '.join(p.value for p in Purpose)}") from None


NOFORN, ORCON, PREVENTION, NODISCOVERY = "NOFORN", "ORCON", "PREVENTION", "NODISCOVERY"
KNOWN_CAVEATS = frozenset({NOFORN, ORCON, PREVENTION, NODISCOVERY})
INTELLIGENCE = frozenset({AgencyKind.CIVIL_INTELLIGENCE, AgencyKind.MILITARY_INTELLIGENCE})

#: What a record may hold (FORMAT.md), and the part of it a prevention officer may read.
FIELDS = frozenset(
    {
        "name", "firstName", "lastName", "alias", "weakAlias", "birthDate", "birthPlace", "nationality",
        "gender", "idNumber", "passportNumber", "address", "phone", "email", "notes",
    }
)  # fmt: skip
PREVENTION_FIELDS = frozenset({"name", "firstName", "lastName", "birthDate", "gender", "address"})

#: The purposes each role may read content for.
PURPOSES = {
    Role.ANALYST: frozenset({Purpose.INVESTIGATION, Purpose.THREAT_ASSESSMENT}),
    Role.PREVENTION_OFFICER: frozenset({Purpose.PREVENTION}),
    Role.DATA_STEWARD: frozenset({Purpose.INVESTIGATION}),  # own agency's records only (below)
}


@dataclass(frozen=True)
class Reader:
    user: User
    agency_kind: AgencyKind
    purpose: Purpose


@dataclass(frozen=True)
class Holding:
    """A stored record as need-to-know sees it: who made it and how it is marked."""

    source: str  # the originating agency's code
    record_id: str
    originator_kind: AgencyKind
    classification: Classification
    caveats: frozenset[str]
    hidden: bool  # the originator hides it from discovery (source protection): caveat NODISCOVERY


@dataclass(frozen=True)
class Grant:
    """The originator's release of one record to an agency, for one purpose, until a time."""

    source: str
    record_id: str
    to_agency: str
    purpose: Purpose
    until: datetime


@dataclass(frozen=True)
class Decision:
    fields: frozenset[str]  # empty: no content
    reason: Phrase  # in words, for the reader and for oversight

    @property
    def reads(self) -> bool:
        return bool(self.fields)


def _own(reader: Reader, holding: Holding) -> bool:
    return reader.user.agency == holding.source


def discovers(reader: Reader) -> bool:
    """Whether ``reader`` may learn of any record at all: active, with a role that reads case data
    (oversight and administration search none), and not asking for oversight."""
    if not reader.user.active or reader.purpose is Purpose.OVERSIGHT:
        return False
    return any(reader.user.has(role) for role in PURPOSES)


def discoverable(reader: Reader, holding: Holding) -> bool:
    """Whether ``holding`` may appear as a hit (agency, contact unit, count, recency) to ``reader``."""
    return discovers(reader) and discoverable_by(reader.user.agency, reader.agency_kind, holding)


def discoverable_by(agency: str, agency_kind: AgencyKind, holding: Holding) -> bool:
    """The record's part of ``discoverable``: whether ``holding`` may be learned of in ``agency``
    at all, by those of its readers who may learn of records (an alert raised to an agency's unit
    names the record before anyone reads it)."""
    if agency == holding.source:
        return True
    if holding.hidden:
        return False
    return not (NOFORN in holding.caveats and agency_kind is AgencyKind.FOREIGN_PARTNER)


def _granted(reader: Reader, holding: Holding, grants: Iterable[Grant], now: datetime) -> bool:
    return any(
        g.source == holding.source
        and g.record_id == holding.record_id
        and g.to_agency == reader.user.agency
        and g.purpose is reader.purpose
        and now < g.until
        for g in grants
    )


def readable(reader: Reader, holding: Holding, grants: Iterable[Grant], now: datetime) -> Decision:
    """Which fields of ``holding`` ``reader`` may read now; the reason either way."""
    none = frozenset[str]()
    user = reader.user
    roles = [r for r, purposes in PURPOSES.items() if user.has(r) and reader.purpose in purposes]
    if not roles:
        return Decision(none, Phrase("no role of %(user)s reads case content for %(purpose)s",
                                     user=user.name, purpose=reader.purpose.value))  # fmt: skip
    if not cleared_for(user.clearance, holding.classification):
        return Decision(none, Phrase("cleared %(clearance)s, the record is %(classification)s",
                                     clearance=user.clearance.value,
                                     classification=holding.classification.value))  # fmt: skip
    if _own(reader, holding):
        return Decision(FIELDS, Phrase("a record of the reader's own agency"))
    if holding.hidden:
        return Decision(none, Phrase("hidden from discovery by its originator (source protection)"))
    if roles == [Role.DATA_STEWARD]:
        return Decision(none, Phrase("a data steward reads their own agency's records only"))
    if NOFORN in holding.caveats and reader.agency_kind is AgencyKind.FOREIGN_PARTNER:
        return Decision(none, Phrase("NOFORN: never released to a foreign partner"))
    granted = _granted(reader, holding, grants, now)
    needs_grant = sorted(c for c in holding.caveats if c == ORCON or c not in KNOWN_CAVEATS)
    if needs_grant and not granted:
        return Decision(none, Phrase("%(caveats)s: released only with the originator's grant",
                                     caveats=", ".join(needs_grant)))  # fmt: skip
    fields = FIELDS
    reasons = []
    if Role.ANALYST not in roles:  # a prevention officer, for prevention follow-up
        if PREVENTION not in holding.caveats:
            return Decision(none, Phrase("not marked PREVENTION: not shown to prevention services"))
        fields = PREVENTION_FIELDS
        reasons.append(Phrase("prevention fields only"))
    if holding.originator_kind in INTELLIGENCE and reader.agency_kind not in INTELLIGENCE and not granted:
        fields = fields - {"notes"}
        reasons.append(
            Phrase("an intelligence note is not shown outside intelligence services without a grant")
        )
    if granted:
        reasons.append(Phrase("released by the originator's grant"))
    if not reasons:
        return Decision(fields, Phrase("cleared, and no caveat restricts it"))
    return Decision(fields, Phrase.listed("; ", reasons))
