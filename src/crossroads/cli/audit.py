"""``crossroads audit``: check the tamper-evident trail, and export anchors of it."""

from __future__ import annotations

from pathlib import Path

import typer

from crossroads.cli.console import err, guarded, open_store, out
from crossroads.service import audit as use
from crossroads.settings import load_settings

app = typer.Typer(help="The audit trail: verify it, export anchors of it.", no_args_is_help=True)
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
