"""Registered users for tests: every action is done by one (there is no default account)."""

from __future__ import annotations

from crossroads.service import admin
from crossroads.store import identity_rows
from crossroads.store.store import Store

ROOT = "admin.root"


def register(
    store: Store,
    name: str,
    *roles: str,
    agency: str = "police.federal",
    kind: str = "federal-police",
    clearance: str = "secret",
    country: str | None = None,
) -> str:
    """Make ``name`` a user with ``roles`` (bootstrapping an administrator first when needed)."""
    with store.transaction() as conn:
        empty = identity_rows.count_users(conn) == 0
        has_agency = identity_rows.agency(conn, agency) is not None
    if empty:
        admin.bootstrap(
            store, ROOT, "crossroads.admin", "Crossroads administration", "threat-assessment", None
        )
    if not has_agency:
        admin.add_agency(store, ROOT, agency, agency, kind, country)
    admin.add_user(store, ROOT, name, agency, None, clearance, list(roles))
    return name


def agency(store: Store, code: str, kind: str = "federal-police", country: str | None = None) -> str:
    """Register the agency ``code`` (a record's source) if it is not yet; bootstraps when needed."""
    with store.transaction() as conn:
        empty = identity_rows.count_users(conn) == 0
        known = identity_rows.agency(conn, code) is not None
    if empty:
        admin.bootstrap(
            store, ROOT, "crossroads.admin", "Crossroads administration", "threat-assessment", None
        )
    if not known:
        admin.add_agency(store, ROOT, code, code, kind, country)
    return code
