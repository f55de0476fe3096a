"""Administration use cases: agencies, units and users. Every change is done by an administrator
and recorded in the audit trail; the very first administrator is made by an explicit bootstrap,
never by a default account."""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.access import audit, identity
from crossroads.access.model import (
    Agency,
    IdentityError,
    Role,
    Unit,
    User,
    checked_agency,
    checked_clearance,
    checked_code,
    checked_roles,
)
from crossroads.service import clock
from crossroads.store import identity_rows
from crossroads.store.store import Store


@dataclass(frozen=True)
class Directory:
    agencies: list[Agency]
    units: list[Unit]
    users: list[User]


def bootstrap(
    store: Store, name: str, agency_code: str, agency_name: str, kind: str, country: str | None
) -> User:
    """The first administrator, with the agency they work for; refused once any user exists."""
    user_name = checked_code(name, "user name")
    agency = checked_agency(agency_code, agency_name, kind, country)
    now = clock.now()
    with store.transaction() as conn:
        if identity_rows.count_users(conn):
            raise IdentityError(
                "users exist already: an administrator adds the next ones (crossroads users add)"
            )
        if identity_rows.agency(conn, agency.code) is None:
            identity_rows.add_agency(conn, agency.code, agency.name, agency.kind.value, agency.country, now)
        identity_rows.add_user(conn, user_name, agency.code, None, "unclassified", [Role.ADMIN.value], now)
        made = identity.find(conn, user_name)
        assert made is not None
        detail = {"bootstrap": True, "user": user_name, "agency": agency.code, "roles": [Role.ADMIN.value]}
        audit.record(conn, identity.actor_of(made), "admin", detail, now)
    return made


def add_agency(
    store: Store, admin: str | None, code: str, name: str, kind: str, country: str | None
) -> Agency:
    agency = checked_agency(code, name, kind, country)
    now = clock.now()
    acting = identity.authorise(store, admin, Role.ADMIN, f"add agency {agency.code}", now)
    with store.transaction() as conn:
        if identity_rows.agency(conn, agency.code) is not None:
            raise IdentityError(f"agency {agency.code} exists already")
        identity_rows.add_agency(conn, agency.code, agency.name, agency.kind.value, agency.country, now)
        detail = {"add_agency": agency.code, "kind": agency.kind.value, "country": agency.country}
        audit.record(conn, identity.actor_of(acting), "admin", detail, now)
    return agency


def add_unit(
    store: Store, admin: str | None, agency_code: str, code: str, name: str, contact: bool = False
) -> Unit:
    """A unit of an agency; ``contact``: the unit a hit on the agency's records names (the agency
    itself is named while it has none)."""
    unit = Unit(checked_code(agency_code, "agency code"), checked_code(code, "unit code"), name.strip())
    if not unit.name:
        raise IdentityError("a unit needs a name (e.g. 'Local Task Force Antwerp')")
    now = clock.now()
    acting = identity.authorise(store, admin, Role.ADMIN, f"add unit {unit.code} to {unit.agency}", now)
    with store.transaction() as conn:
        if identity_rows.agency(conn, unit.agency) is None:
            raise IdentityError(f"no agency {unit.agency}: add it first (crossroads agencies add)")
        if identity_rows.unit(conn, unit.agency, unit.code) is not None:
            raise IdentityError(f"unit {unit.code} of {unit.agency} exists already")
        identity_rows.add_unit(conn, unit.agency, unit.code, unit.name)
        if contact:
            identity_rows.set_contact_unit(conn, unit.agency, unit.code)
        detail = {"add_unit": f"{unit.agency}/{unit.code}", "contact": contact}
        audit.record(conn, identity.actor_of(acting), "admin", detail, now)
    return unit


def add_user(
    store: Store,
    admin: str | None,
    name: str,
    agency_code: str,
    unit_code: str | None,
    clearance: str,
    roles: list[str],
) -> User:
    user_name = checked_code(name, "user name")
    level = checked_clearance(clearance)
    granted = checked_roles(roles)
    if not granted:
        raise IdentityError("a user needs at least one role (--role)")
    now = clock.now()
    acting = identity.authorise(store, admin, Role.ADMIN, f"add user {user_name}", now)
    with store.transaction() as conn:
        if identity_rows.agency(conn, agency_code) is None:
            raise IdentityError(f"no agency {agency_code}: add it first (crossroads agencies add)")
        if unit_code is not None and identity_rows.unit(conn, agency_code, unit_code) is None:
            raise IdentityError(
                f"no unit {unit_code} in {agency_code}: add it first (crossroads agencies add-unit)"
            )
        if identity_rows.user(conn, user_name) is not None:
            raise IdentityError(f"user {user_name} exists already")
        identity_rows.add_user(
            conn, user_name, agency_code, unit_code, level.value, [r.value for r in granted], now
        )
        detail = {
            "add_user": user_name, "agency": agency_code, "unit": unit_code, "clearance": level.value,
            "roles": sorted(r.value for r in granted),
        }  # fmt: skip
        audit.record(conn, identity.actor_of(acting), "admin", detail, now)
        made = identity.find(conn, user_name)
    assert made is not None
    return made


def change_user(
    store: Store,
    admin: str | None,
    name: str,
    roles: list[str] | None = None,
    clearance: str | None = None,
    active: bool | None = None,
) -> User:
    """New roles, clearance or activation for a user (users are deactivated, never deleted)."""
    values: dict[str, object] = {}
    if roles is not None:
        granted = checked_roles(roles)
        if not granted:
            raise IdentityError("a user keeps at least one role; deactivate them instead (--deactivate)")
        values["roles"] = sorted(r.value for r in granted)
    if clearance is not None:
        values["clearance"] = checked_clearance(clearance).value
    if active is not None:
        values["active"] = active
    if not values:
        raise IdentityError("nothing to change: give --role, --clearance, --deactivate or --activate")
    now = clock.now()
    acting = identity.authorise(store, admin, Role.ADMIN, f"change user {name}", now)
    with store.transaction() as conn:
        if identity_rows.user(conn, name) is None:
            raise IdentityError(f"no user {name}")
        keeps_admin = roles is None or Role.ADMIN.value in roles
        loses_admin = active is False or not keeps_admin
        if name == acting.name and loses_admin:
            raise IdentityError("an administrator cannot remove their own administration: ask another one")
        identity_rows.update_user(conn, name, **values)
        audit.record(conn, identity.actor_of(acting), "admin", {"change_user": name, **values}, now)
        changed = identity.find(conn, name)
    assert changed is not None
    return changed


def directory(store: Store, admin: str | None) -> Directory:
    """Every agency, unit and user, for an administrator (the listing is recorded too)."""
    now = clock.now()
    acting = identity.authorise(store, admin, Role.ADMIN, "list agencies, units and users", now)
    with store.transaction() as conn:
        agencies = [
            checked_agency(r.code, r.name, r.kind, r.country) for r in identity_rows.all_agencies(conn)
        ]
        units = [Unit(r.agency, r.code, r.name) for r in identity_rows.all_units(conn)]
        users = [identity.to_user(r) for r in identity_rows.all_users(conn)]
        audit.record(conn, identity.actor_of(acting), "admin", {"listed": "directory"}, now)
    return Directory(agencies, units, users)
