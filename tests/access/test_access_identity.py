"""Agencies, units and users: an explicit first administrator, every change by an administrator and
in the audit trail, refusals recorded, deactivated users unable to act (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from crossroads.access import audit
from crossroads.access.model import Clearance, IdentityError, NotAllowedError, Role
from crossroads.service import admin
from crossroads.store import audit_rows
from crossroads.store.store import Store


def actions(store: Store) -> list[tuple[str, str]]:
    with store.transaction() as conn:
        assert audit.check(conn, []).ok
        return [(e.actor, e.action) for e in (audit.Entry(*r) for r in audit_rows.entries(conn))]


@pytest.fixture
def run(store: Store) -> Store:
    admin.bootstrap(store, "root", "ocam", "Threat assessment centre", "threat-assessment", None)
    return store


def test_the_first_administrator_is_made_once_and_explicitly(run: Store) -> None:
    with pytest.raises(IdentityError, match="users exist already"):
        admin.bootstrap(run, "second", "ocam", "Threat assessment centre", "threat-assessment", None)
    found = admin.directory(run, "root")
    assert [(u.name, sorted(u.roles)) for u in found.users] == [("root", ["admin"])]
    assert actions(run) == [("root", "admin"), ("root", "admin")]  # the bootstrap, then the listing


def test_an_administrator_adds_agencies_units_and_users(run: Store) -> None:
    admin.add_agency(run, "root", "police.local.antwerp", "Police zone Antwerp", "local-police", None)
    admin.add_unit(run, "root", "police.local.antwerp", "ltf-antwerp", "Local Task Force Antwerp")
    made = admin.add_user(
        run, "root", "k.peeters", "police.local.antwerp", "ltf-antwerp", "confidential", ["analyst"]
    )
    assert made.unit == "ltf-antwerp" and made.clearance is Clearance.CONFIDENTIAL
    assert made.has(Role.ANALYST) and not made.has(Role.OVERSIGHT)
    assert [a for _, a in actions(run)] == ["admin"] * 4


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: admin.add_agency(s, "root", "dgsi", "DGSI", "foreign-partner", None), "needs its country"),
        (lambda s: admin.add_agency(s, "root", "Bad Code", "x", "prosecutor", None), "lower-case"),
        (lambda s: admin.add_agency(s, "root", "x", "x", "secret-police", None), "agency kind"),
        (lambda s: admin.add_unit(s, "root", "nowhere", "u", "U"), "no agency nowhere"),
        (lambda s: admin.add_user(s, "root", "a.b", "ocam", "ghost", "secret", ["analyst"]), "no unit ghost"),
        (lambda s: admin.add_user(s, "root", "a.b", "ocam", None, "top", ["analyst"]), "clearance 'top'"),
        (lambda s: admin.add_user(s, "root", "a.b", "ocam", None, "secret", ["spy"]), "role 'spy'"),
        (lambda s: admin.add_user(s, "root", "root", "ocam", None, "secret", ["analyst"]), "exists already"),
        (lambda s: admin.change_user(s, "root", "root", active=False), "their own administration"),
    ],
)
def test_bad_requests_are_refused_with_what_to_do(run: Store, call: object, message: str) -> None:
    with pytest.raises(IdentityError, match=message):
        call(run)  # type: ignore[operator]


def test_a_user_without_the_role_is_refused_and_the_refusal_recorded(run: Store) -> None:
    admin.add_user(run, "root", "a.analyst", "ocam", None, "secret", ["analyst"])
    with pytest.raises(NotAllowedError, match="admin role"):
        admin.add_agency(run, "a.analyst", "police.federal", "Federal police", "federal-police", None)
    with pytest.raises(NotAllowedError, match="not a registered user"):
        admin.directory(run, "somebody")
    assert actions(run)[-2:] == [("a.analyst", "refusal"), ("somebody", "refusal")]
    with run.transaction() as conn:
        assert not conn.execute(
            audit_rows.sa.text("SELECT 1 FROM agencies WHERE code = 'police.federal'")
        ).first()


def test_a_deactivated_user_can_no_longer_act(run: Store) -> None:
    admin.add_user(run, "root", "second.admin", "ocam", None, "unclassified", ["admin"])
    admin.change_user(run, "root", "second.admin", active=False)
    with pytest.raises(NotAllowedError, match="deactivated"):
        admin.directory(run, "second.admin")
    back = admin.change_user(run, "root", "second.admin", active=True, roles=["admin", "oversight"])
    assert back.active and back.has(Role.OVERSIGHT)
    assert admin.directory(run, "second.admin").users
