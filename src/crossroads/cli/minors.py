"""``crossroads minors``: records of child victims, and reviewed decisions on watchlist-style processing."""

from __future__ import annotations

import typer
from rich.table import Table

from crossroads.access.safeguard import Reviewed
from crossroads.cli.console import guarded, open_store, out
from crossroads.service import minors as use
from crossroads.service.minors import MinorsError
from crossroads.settings import load_settings

app = typer.Typer(
    help="Children under ten are victims: the records flagged, and reviewed decisions on them.",
    no_args_is_help=True,
)
USER = typer.Option(None, "--user", help="The analyst (else CROSSROADS_USER).")
PURPOSE = typer.Option("investigation", "--purpose", help="investigation or threat-assessment.")


def _user(user: str | None) -> str | None:
    return user or load_settings().user


def _said(d: Reviewed | None) -> str:
    if d is None:
        return "none"
    return f"{'allowed' if d.allowed else 'denied'} by {d.by} {d.at:%Y-%m-%d}: {d.reason}"


@app.command("list")
def list_flagged(purpose: str = PURPOSE, user: str | None = USER) -> None:
    """Records made while their subject was under ten, that you may learn exist, with the decisions
    in force (without a decision allowing it, their entity is out of watchlist-style processing)."""
    with guarded(), open_store() as store:
        found = use.flagged(store, _user(user), purpose)
    table = Table("record", "entity", "received", "decision on record", "decision on entity")
    for f in found:
        table.add_row(
            f.ref, f.entity_id or "", f"{f.received_at:%Y-%m-%d}", _said(f.on_record), _said(f.on_entity)
        )
    out.print(table)
    out.print(f"{len(found):,} records of children under ten at receipt")


@app.command("decide")
def decide(
    ref: str = typer.Argument(..., help="A record SOURCE/ID or an entity id."),
    allow: bool | None = typer.Option(
        None, "--allow/--deny", help="Whether watchlist-style processing may take it."
    ),
    reason: str = typer.Option(..., "--reason", help="Why, for oversight."),
    purpose: str = PURPOSE,
    user: str | None = USER,
) -> None:
    """Record a reviewed decision on a minor's record or entity (analyst)."""
    with guarded():
        if allow is None:
            raise MinorsError("say --allow or --deny")
        with open_store() as store:
            made = use.decide(store, _user(user), ref, allow, reason, purpose)
    out.print(f"decision {made.id} on {made.ref}: {'allowed' if made.allowed else 'denied'}")
