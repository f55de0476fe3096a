"""Rows of agencies, units and users (``access.identity`` turns them into the access model)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import agencies, units, users


def add_agency(
    conn: sa.Connection, code: str, name: str, kind: str, country: str | None, now: datetime
) -> None:
    conn.execute(sa.insert(agencies).values(code=code, name=name, kind=kind, country=country, created_at=now))


# The statements every request makes (who calls, their agency, every agency for need-to-know) are
# built once, not per call: building one and finding its compiled form again cost more than SQLite
# took to run it (about a tenth of a request that finds nothing, under a profiler).
_AGENCY = sa.select(agencies).where(agencies.c.code == sa.bindparam("code"))
_CONTACT = units.alias("contact")
_ALL_AGENCIES = (
    sa.select(agencies, _CONTACT.c.name.label("contact_unit_name"))
    .select_from(
        agencies.outerjoin(
            _CONTACT,
            sa.and_(_CONTACT.c.agency == agencies.c.code, _CONTACT.c.code == agencies.c.contact_unit),
        )
    )
    .order_by(agencies.c.code)
)
_USER = sa.select(users).where(users.c.name == sa.bindparam("name"))


def agency(conn: sa.Connection, code: str) -> sa.Row[Any] | None:
    return conn.execute(_AGENCY, {"code": code}).first()


def all_agencies(conn: sa.Connection) -> list[sa.Row[Any]]:
    """Every agency, with the name of its contact unit (``contact_unit_name``, None where it has
    none): a search names it beside each holder, and read here it costs no statement of its own."""
    return list(conn.execute(_ALL_AGENCIES).all())


def add_unit(conn: sa.Connection, agency_code: str, code: str, name: str) -> None:
    conn.execute(sa.insert(units).values(agency=agency_code, code=code, name=name))


def set_contact_unit(conn: sa.Connection, agency_code: str, unit_code: str) -> None:
    conn.execute(sa.update(agencies).where(agencies.c.code == agency_code).values(contact_unit=unit_code))


def unit(conn: sa.Connection, agency_code: str, code: str) -> sa.Row[Any] | None:
    return conn.execute(sa.select(units).where(units.c.agency == agency_code, units.c.code == code)).first()


def all_units(conn: sa.Connection) -> list[sa.Row[Any]]:
    return list(conn.execute(sa.select(units).order_by(units.c.agency, units.c.code)).all())


def add_user(
    conn: sa.Connection,
    name: str,
    agency_code: str,
    unit_code: str | None,
    clearance: str,
    roles: list[str],
    now: datetime,
) -> None:
    conn.execute(
        sa.insert(users).values(
            name=name, agency=agency_code, unit=unit_code, clearance=clearance, roles=",".join(sorted(roles)),
            active=True, created_at=now,
        )
    )  # fmt: skip


def user(conn: sa.Connection, name: str) -> sa.Row[Any] | None:
    return conn.execute(_USER, {"name": name}).first()


def all_users(conn: sa.Connection) -> list[sa.Row[Any]]:
    return list(conn.execute(sa.select(users).order_by(users.c.agency, users.c.name)).all())


def count_users(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one())


def update_user(conn: sa.Connection, name: str, **values: Any) -> None:
    if "roles" in values:
        values["roles"] = ",".join(sorted(values["roles"]))
    conn.execute(sa.update(users).where(users.c.name == name).values(**values))
