"""The demo's agencies and one user for each role, so the demo data can be ingested and read as the
real system would be: by registered users, under need-to-know, into the audit trail.

All synthetic: the agency codes are the demo generator's sources; the users are role names.
"""

from __future__ import annotations

import secrets

from crossroads.demo.sources import SOURCE_CODES
from crossroads.service import admin, sign_in
from crossroads.store import identity_rows
from crossroads.store.store import Store

ADMIN = "demo.admin"

#: Kind (and country, for foreign partners) of every demo source, and the agencies demo users work for.
AGENCIES: dict[str, tuple[str, str | None]] = {
    "police.zone.brussels-west": ("local-police", None),
    "police.zone.brussels-north": ("local-police", None),
    "police.zone.antwerp": ("local-police", None),
    "police.federal": ("federal-police", None),
    "intel.civil": ("civil-intelligence", None),
    "intel.military": ("military-intelligence", None),
    "ocam": ("threat-assessment", None),
    "prison.radicalisation": ("prison-service", None),
    "prevention.molenbeek": ("prevention", None),
    "foreign.fr": ("foreign-partner", "FR"),
    "foreign.nl": ("foreign-partner", "NL"),
    "foreign.de": ("foreign-partner", "DE"),
    "foreign.ma": ("foreign-partner", "MA"),
    "foreign.tr": ("foreign-partner", "TR"),
    "europol": ("foreign-partner", "EU"),  # ISO 3166 reserves EU for the European Union
    "committee.i": ("oversight-body", None),
}

#: The unit a hit on each agency's records names (the others name the agency itself).
CONTACT_UNITS = {
    "police.zone.brussels-west": ("ltf-brussels-west", "Local Task Force Brussels-West"),
    "police.federal": ("dir-counter-terrorism", "Counter-terrorism directorate"),
    "intel.civil": ("liaison", "Liaison office"),
    "ocam": ("fighters-database", "Foreign terrorist fighters desk"),
    "prevention.molenbeek": ("security-cell", "Local integral security cell"),
}

#: One user per role: (name, agency, clearance, roles).
USERS = (
    ("demo.steward", "ocam", "secret", ["data-steward"]),
    ("demo.analyst", "ocam", "secret", ["analyst"]),
    ("demo.police", "police.zone.brussels-west", "restricted", ["analyst"]),
    ("demo.intel", "intel.civil", "secret", ["analyst"]),  # answers requests for intelligence records
    ("demo.prevention", "prevention.molenbeek", "restricted", ["prevention-officer"]),
    ("demo.oversight", "committee.i", "unclassified", ["oversight"]),
)


def seed(store: Store) -> list[str]:
    """Register what is missing (safe to run again); the names of the demo users."""
    missing = set(SOURCE_CODES) - set(AGENCIES)
    assert not missing, f"demo sources without a kind: {sorted(missing)}"
    with store.transaction() as conn:
        empty = identity_rows.count_users(conn) == 0
        agencies = {row.code for row in identity_rows.all_agencies(conn)}
        units = {(row.agency, row.code) for row in identity_rows.all_units(conn)}
        users = {row.name for row in identity_rows.all_users(conn)}
    if empty:
        admin.bootstrap(store, ADMIN, "ocam", "Threat assessment centre (demo)", "threat-assessment", None)
        agencies.add("ocam")
        users.add(ADMIN)
    for code, (kind, country) in AGENCIES.items():
        if code not in agencies:
            admin.add_agency(store, ADMIN, code, f"{code} (demo)", kind, country)
    for code, (unit, unit_name) in CONTACT_UNITS.items():
        if (code, unit) not in units:
            admin.add_unit(store, ADMIN, code, unit, unit_name, contact=True)
    for name, agency, clearance, roles in USERS:
        if name not in users:
            admin.add_user(store, ADMIN, name, agency, None, clearance, roles)
    return [name for name, *_ in USERS]


def new_passwords(store: Store) -> dict[str, str]:
    """A fresh random password for every demo user (the administrator included), to print once:
    a demo instance never has a password anyone could know in advance."""
    chosen = {}
    for name in [ADMIN, *(user for user, *_ in USERS)]:
        chosen[name] = f"demo-{secrets.token_urlsafe(12)}"
        sign_in.set_password(store, ADMIN, name, chosen[name])
    return chosen
