"""Who may act: agencies, their units, users with roles and a clearance. Values only.

The kinds of agency and the levels of classification are those of the national effort (issue #5);
the roles are what a user may do, not which agency they belong to: an analyst of the threat-
assessment centre and one of a local task force hold the same role in different agencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from crossroads.errors import CrossroadsError
from crossroads.records.model import Classification


class AgencyKind(StrEnum):
    LOCAL_POLICE = "local-police"
    FEDERAL_POLICE = "federal-police"
    CIVIL_INTELLIGENCE = "civil-intelligence"
    MILITARY_INTELLIGENCE = "military-intelligence"
    THREAT_ASSESSMENT = "threat-assessment"
    PRISON_SERVICE = "prison-service"
    PROSECUTOR = "prosecutor"
    PREVENTION = "prevention"
    FOREIGN_PARTNER = "foreign-partner"
    OVERSIGHT_BODY = "oversight-body"  # the standing committees, the data-protection authority


#: A user's clearance is a level of the records' own classification scale.
Clearance = Classification


def cleared_for(clearance: Clearance, level: Classification) -> bool:
    """A user cleared for a level may read that level and every level below it."""
    return clearance.rank >= level.rank


class Role(StrEnum):
    ADMIN = "admin"  # manages agencies, units and users; reads no case content by that role
    ANALYST = "analyst"  # searches, reads what need-to-know allows, judges pairs
    DATA_STEWARD = "data-steward"  # ingests and fixes quarantined rows
    PREVENTION_OFFICER = "prevention-officer"  # prevention-marked fields only
    OVERSIGHT = "oversight"  # reads and checks the audit trail; reads no case content


class IdentityError(CrossroadsError):
    """An agency, unit or user cannot be made or used as given."""


class NotAllowedError(CrossroadsError):
    """The user exists but may not do this; the refusal is in the audit trail."""

    exit_code = 5


_CODE = re.compile(r"^[a-z0-9][a-z0-9.\-]{0,99}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Agency:
    code: str  # e.g. police.federal, the prefix its records' source codes use
    name: str
    kind: AgencyKind
    country: str | None  # ISO 3166 alpha-2; required for a foreign partner


@dataclass(frozen=True)
class Unit:
    agency: str
    code: str  # e.g. ltf-antwerp
    name: str  # e.g. Local Task Force Antwerp


@dataclass(frozen=True)
class User:
    name: str
    agency: str
    unit: str | None
    clearance: Clearance
    roles: frozenset[Role]
    active: bool

    def has(self, role: Role) -> bool:
        return self.active and role in self.roles


def checked_code(value: str, what: str) -> str:
    code = value.strip()
    if not _CODE.match(code):
        raise IdentityError(
            f"{what} {value!r}: use lower-case letters, digits, dots and hyphens (e.g. police.federal)"
        )
    return code


def checked_agency(code: str, name: str, kind: str, country: str | None) -> Agency:
    try:
        agency_kind = AgencyKind(kind)
    except ValueError:
        raise IdentityError(
            f"agency kind {kind!r}: one of {', '.join(k.value for k in AgencyKind)}"
        ) from None
    if not name.strip():
        raise IdentityError("an agency needs a name")
    if country is not None and not _COUNTRY.match(country):
        raise IdentityError(f"country {country!r}: an ISO 3166 alpha-2 code such as FR or TR")
    if agency_kind is AgencyKind.FOREIGN_PARTNER and country is None:
        raise IdentityError("a foreign partner needs its country (--country): NOFORN is decided on it")
    return Agency(checked_code(code, "agency code"), name.strip(), agency_kind, country)


def checked_roles(values: list[str]) -> frozenset[Role]:
    roles = set()
    for value in values:
        try:
            roles.add(Role(value))
        except ValueError:
            raise IdentityError(f"role {value!r}: one of {', '.join(r.value for r in Role)}") from None
    return frozenset(roles)


def checked_clearance(value: str) -> Clearance:
    try:
        return Clearance(value)
    except ValueError:
        raise IdentityError(f"clearance {value!r}: one of {', '.join(c.value for c in Clearance)}") from None
