"""The demo's directory: every demo source is a registered agency, one user per role, safe to re-run."""

from __future__ import annotations

from crossroads.access import identity
from crossroads.demo import directory
from crossroads.demo.sources import SOURCE_CODES
from crossroads.store import identity_rows
from crossroads.store.store import Store


def test_every_demo_source_is_registered_and_each_role_has_a_user(store: Store) -> None:
    names = directory.seed(store)
    assert directory.seed(store) == names  # a second run adds nothing and fails on nothing
    with store.transaction() as conn:
        codes = {row.code for row in identity_rows.all_agencies(conn)}
        users = [identity.find(conn, name) for name in names]
    assert set(SOURCE_CODES) <= codes
    roles = {role for user in users if user is not None for role in user.roles}
    assert {r.value for r in roles} == {"data-steward", "analyst", "prevention-officer", "oversight"}
