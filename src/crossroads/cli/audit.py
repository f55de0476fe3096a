"""``crossroads audit``: read the tamper-evident trail (oversight role), check it, export anchors of it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import orjson
import typer
from rich.table import Table

from crossroads.cli.console import err, guarded, open_store, out
from crossroads.service import audit as use
from crossroads.settings import load_settings

app = typer.Typer(help="The audit trail: read it, verify it, export anchors of it.", no_args_is_help=True)
USER = typer.Option(None, "--user", help="Who acts (else CROSSROADS_USER).")

#: ``audit verify`` found the trail altered (distinct from usage errors, 2, and store errors, 3).
EXIT_TAMPERED = 4


def _user(user: str | None) -> str | None:
    return user or load_settings().user


@app.command()
def verify(
    anchors: Path | None = typer.Option(None, "--anchors", help="Anchors exported earlier (`audit anchor`)."),
    user: str | None = USER,
) -> None:
    """Recompute the chain; exit 0 if intact, 4 naming the first bad entry if not."""
    with guarded(), open_store() as store:
        verdict = use.verify(store, _user(user), anchors)
    if verdict.ok:
        out.print(f"audit trail intact: {verdict.reason}")
        return
    err.print(f"[bold red]audit trail NOT intact:[/] {verdict.reason}")
    raise typer.Exit(EXIT_TAMPERED)


@app.command()
def anchor(
    to: Path = typer.Option(..., "--out", help="Append the anchor (a JSON line) to this file, kept apart."),
    user: str | None = USER,
) -> None:
    """Export the trail's head so that a later rewrite of the whole chain is caught."""
    with guarded(), open_store() as store:
        head = use.anchor(store, _user(user), to)
    out.print(f"anchored entry {head.seq} ({head.hash[:16]}…) to {to}")


@app.command()
def show(
    actor: str | None = typer.Option(None, "--actor", help="Only this user's entries."),
    action: str | None = typer.Option(
        None, "--action", help="Only this action (explain, export, refusal...)."
    ),
    since: datetime | None = typer.Option(
        None, "--since", help="Only entries from this time on (UTC if no zone)."
    ),
    limit: int = typer.Option(50, "--limit", help="At most this many entries, newest first."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object a line, as stored."),
    user: str | None = USER,
) -> None:
    """Read the audit trail (oversight role): who did what, when, for what purpose."""
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    with guarded(), open_store() as store:
        found = use.read_trail(store, _user(user), actor, action, since, limit)
    if as_json:
        for e in found:
            typer.echo(orjson.dumps(asdict(e)).decode())
        return
    table = Table("#", "at", "who", "agency", "purpose", "action", "detail")
    for e in found:
        table.add_row(str(e.seq), e.at[:19], e.actor, e.agency or "", e.purpose or "", e.action, e.detail)
    out.print(table)
