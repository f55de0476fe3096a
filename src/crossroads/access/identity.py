"""Who is acting, and whether they may: every command names a registered user (``--user`` or
``CROSSROADS_USER``), and a user without the role an action needs is refused, with the refusal
in the audit trail (committed on its own: the refused action leaves nothing else behind)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from crossroads.access import audit
from crossroads.access.model import Clearance, IdentityError, NotAllowedError, Role, User, checked_roles
from crossroads.store import identity_rows
from crossroads.store.store import Store


def to_user(row: sa.Row[Any]) -> User:
    roles = checked_roles([r for r in row.roles.split(",") if r])
    return User(row.name, row.agency, row.unit, Clearance(row.clearance), roles, bool(row.active))


def actor_of(user: User) -> audit.Actor:
    return audit.Actor(user.name, user.agency, user.unit)


def find(conn: sa.Connection, name: str) -> User | None:
    row = identity_rows.user(conn, name)
    return to_user(row) if row is not None else None


def authorise(store: Store, name: str | None, role: Role | tuple[Role, ...], action: str, now: Any) -> User:
    """The registered, active user ``name`` if they hold ``role`` (or one of several); else the
    refusal is recorded and raised. ``action`` says in words what was asked (it goes to the trail)."""
    roles = role if isinstance(role, tuple) else (role,)
    needs = " or ".join(r.value for r in roles)
    if not name or not name.strip():
        raise IdentityError("every action is done by a registered user: pass --user or set CROSSROADS_USER")
    name = name.strip()
    with store.transaction() as conn:
        user = find(conn, name)
        if user is not None and any(user.has(r) for r in roles):
            return user
        if user is None:
            why = f"{name[:200]!r} is not a registered user"
            actor = audit.Actor(name[:100])  # as long as a user name may be; the reason keeps more
        elif not user.active:
            why = f"{name!r} is deactivated"
            actor = actor_of(user)
        else:
            why = f"{name!r} does not hold the {needs} role"
            actor = actor_of(user)
        audit.record(conn, actor, "refusal", {"asked": action, "needs": needs, "why": why}, now)
    raise NotAllowedError(f"refused: {why}; {action} needs the {needs} role (recorded in the audit trail)")
