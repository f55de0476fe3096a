"""Registered users for tests: every action is done by one (there is no default account)."""

from __future__ import annotations

from crossroads.service import admin
from crossroads.store import identity_rows
from crossroads.store.store import Store

ROOT = "admin.root"
STEWARD = "data.steward"


def _bootstrapped(store: Store) -> None:
    with store.transaction() as conn:
        empty = identity_rows.count_users(conn) == 0
    if empty:
        admin.bootstrap(
            store, ROOT, "crossroads.admin", "Crossroads administration", "threat-assessment", None
        )


def agency(store: Store, code: str, kind: str = "federal-police", country: str | None = None) -> str:
    """Register the agency ``code`` (a record's source) if it is not yet; bootstraps when needed."""
    return _agency(store, code, kind, country)


def _agency(store: Store, code: str, kind: str, country: str | None) -> str:
    _bootstrapped(store)
    with store.transaction() as conn:
        known = identity_rows.agency(conn, code) is not None
    if not known:
        admin.add_agency(store, ROOT, code, code, kind, country)
    return code


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
    _agency(store, agency, kind, country)  # ``agency`` here is the parameter
    admin.add_user(store, ROOT, name, agency, None, clearance, list(roles))
    return name


def steward(store: Store) -> str:
    """The data steward who ingests in tests (registered on first use)."""
    with store.transaction() as conn:
        known = identity_rows.user(conn, STEWARD) is not None
    if not known:
        register(store, STEWARD, "data-steward", agency="crossroads.admin", kind="threat-assessment")
    return STEWARD
