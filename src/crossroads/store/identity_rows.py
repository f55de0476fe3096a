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


def agency(conn: sa.Connection, code: str) -> sa.Row[Any] | None:
    return conn.execute(sa.select(agencies).where(agencies.c.code == code)).first()


def all_agencies(conn: sa.Connection) -> list[sa.Row[Any]]:
    """Every agency, with the name of its contact unit (``contact_unit_name``, None where it has
    none): a search names it beside each holder, and read here it costs no statement of its own."""
    contact = units.alias("contact")
    joined = agencies.outerjoin(
        contact, sa.and_(contact.c.agency == agencies.c.code, contact.c.code == agencies.c.contact_unit)
    )
    query = sa.select(agencies, contact.c.name.label("contact_unit_name")).select_from(joined)
    return list(conn.execute(query.order_by(agencies.c.code)).all())


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
    return conn.execute(sa.select(users).where(users.c.name == name)).first()


def all_users(conn: sa.Connection) -> list[sa.Row[Any]]:
    return list(conn.execute(sa.select(users).order_by(users.c.agency, users.c.name)).all())


def count_users(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one())


def update_user(conn: sa.Connection, name: str, **values: Any) -> None:
    if "roles" in values:
        values["roles"] = ",".join(sorted(values["roles"]))
    conn.execute(sa.update(users).where(users.c.name == name).values(**values))
