"""``crossroads agencies`` and ``crossroads users``: who takes part and who may do what."""

from __future__ import annotations

import typer
from rich.table import Table

from crossroads.cli.console import guarded, open_store, out
from crossroads.service import admin as use
from crossroads.service import sign_in
from crossroads.settings import load_settings

agencies_app = typer.Typer(help="Agencies taking part and their units.", no_args_is_help=True)
users_app = typer.Typer(
    help="Users, their roles and clearance; the first administrator.", no_args_is_help=True
)
USER = typer.Option(None, "--user", help="The administrator acting (else CROSSROADS_USER).")
KINDS = (
    "local-police, federal-police, civil-intelligence, military-intelligence, threat-assessment, "
    "prison-service, prosecutor, prevention, foreign-partner or oversight-body."
)
KIND = typer.Option(..., "--kind", help=KINDS)
COUNTRY = typer.Option(None, "--country", help="ISO 3166 alpha-2; required for a foreign partner.")


def _admin(user: str | None) -> str | None:
    return user or load_settings().user


@agencies_app.command("add")
def add_agency(
    code: str = typer.Argument(..., help="Short code, e.g. police.federal."),
    name: str = typer.Option(..., "--name"),
    kind: str = KIND,
    country: str | None = COUNTRY,
    user: str | None = USER,
) -> None:
    """Add an agency."""
    with guarded(), open_store() as store:
        agency = use.add_agency(store, _admin(user), code, name, kind, country)
    out.print(f"agency {agency.code} added ({agency.kind.value})")


@agencies_app.command("add-unit")
def add_unit(
    agency: str = typer.Argument(..., help="The agency's code."),
    code: str = typer.Argument(..., help="The unit's code, e.g. ltf-antwerp."),
    name: str = typer.Option(..., "--name", help="e.g. 'Local Task Force Antwerp'."),
    contact: bool = typer.Option(
        False, "--contact", help="The unit a hit on the agency's records names as the one to ask."
    ),
    user: str | None = USER,
) -> None:
    """Add a unit (a task force, a contact unit) to an agency."""
    with guarded(), open_store() as store:
        unit = use.add_unit(store, _admin(user), agency, code, name, contact)
    role = ", the agency's contact for hits" if contact else ""
    out.print(f"unit {unit.agency}/{unit.code} added{role}")


@agencies_app.command("list")
def list_agencies(user: str | None = USER) -> None:
    """Every agency and its units."""
    with guarded(), open_store() as store:
        found = use.directory(store, _admin(user))
    table = Table("agency", "kind", "country", "name", "units")
    for a in found.agencies:
        units = ", ".join(u.code for u in found.units if u.agency == a.code)
        table.add_row(a.code, a.kind.value, a.country or "", a.name, units)
    out.print(table)


@users_app.command("bootstrap")
def bootstrap(
    name: str = typer.Argument(..., help="The first administrator's user name."),
    agency: str = typer.Option(..., "--agency", help="Code of the agency they work for."),
    agency_name: str = typer.Option(..., "--agency-name"),
    kind: str = KIND,
    country: str | None = COUNTRY,
) -> None:
    """Make the first administrator; refused once any user exists. There is no default account."""
    with guarded(), open_store() as store:
        made = use.bootstrap(store, name, agency, agency_name, kind, country)
    out.print(
        f"administrator {made.name} of {made.agency} made; they add the other users (crossroads users add)"
    )


@users_app.command("add")
def add_user(
    name: str = typer.Argument(...),
    agency: str = typer.Option(..., "--agency"),
    unit: str | None = typer.Option(None, "--unit"),
    clearance: str = typer.Option(
        ..., "--clearance", help="unclassified, restricted, confidential or secret."
    ),
    role: list[str] = typer.Option(
        ..., "--role", help="admin, analyst, data-steward, prevention-officer, oversight."
    ),
    user: str | None = USER,
) -> None:
    """Add a user."""
    with guarded(), open_store() as store:
        made = use.add_user(store, _admin(user), name, agency, unit, clearance, role)
    out.print(f"user {made.name} added: {', '.join(sorted(made.roles))}, cleared {made.clearance.value}")


@users_app.command("change")
def change_user(
    name: str = typer.Argument(...),
    role: list[str] | None = typer.Option(None, "--role", help="The user's roles from now on (repeat)."),
    clearance: str | None = typer.Option(None, "--clearance"),
    deactivate: bool = typer.Option(
        False, "--deactivate", help="The user can no longer act (kept for the trail)."
    ),
    activate: bool = typer.Option(False, "--activate"),
    user: str | None = USER,
) -> None:
    """Change a user's roles or clearance, or deactivate them (users are never deleted)."""
    active = False if deactivate else True if activate else None
    with guarded(), open_store() as store:
        changed = use.change_user(store, _admin(user), name, role or None, clearance, active)
    state = "active" if changed.active else "deactivated"
    out.print(
        f"user {changed.name}: {', '.join(sorted(changed.roles))}, cleared {changed.clearance.value}, {state}"
    )


@users_app.command("list")
def list_users(user: str | None = USER) -> None:
    """Every user with agency, unit, roles and clearance."""
    with guarded(), open_store() as store:
        found = use.directory(store, _admin(user))
    table = Table("user", "agency", "unit", "roles", "clearance", "active")
    for u in found.users:
        table.add_row(
            u.name, u.agency, u.unit or "", ", ".join(sorted(u.roles)), u.clearance.value, str(u.active)
        )
    out.print(table)


@users_app.command("password")
def set_password(
    name: str = typer.Argument(..., help="Whose password to set."),
    password: str = typer.Option(
        ...,
        "--password",
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        envvar="CROSSROADS_NEW_PASSWORD",
        help="Asked for when not given (never echoed).",
    ),
    user: str | None = USER,
) -> None:
    """Set a user's password for the web interface and API (a first one or a reset); their sessions end."""
    with guarded(), open_store() as store:
        sign_in.set_password(store, _admin(user), name, password)
    out.print(f"password of {name} set (recorded in the audit trail)")


@users_app.command("token")
def issue_token(
    name: str = typer.Argument(..., help="Whose token: the API calls made with it act as this user."),
    label: str = typer.Option(..., "--label", help="What uses it, e.g. 'nightly export'."),
    days: int = typer.Option(90, "--days", min=1, max=365),
    user: str | None = USER,
) -> None:
    """Issue an API token for a user (an administrator's act); the token is printed once, never stored."""
    with guarded(), open_store() as store:
        token = sign_in.issue_token(store, name, label, days, by=_admin(user))
    out.print(token, highlight=False, soft_wrap=True)
