"""``crossroads dp-report``: what is held on one person, by whom, and who accessed it (oversight)."""

from __future__ import annotations

from pathlib import Path

import typer

from crossroads.cli.console import guarded, open_store, out
from crossroads.service.dp_report import report
from crossroads.settings import load_settings


def dp_report(
    entity_id: str = typer.Argument(..., help="The person's entity id."),
    out_file: Path = typer.Option(..., "--out", help="The report to write (JSON)."),
    user: str | None = typer.Option(None, "--user", help="The oversight user (else CROSSROADS_USER)."),
) -> None:
    """Write a data-protection report: the person's records (agency, marking, dates, property names,
    retention; no content) and every audit entry naming them. Recorded in the audit trail."""
    with guarded(), open_store() as store:
        made = report(store, user or load_settings().user, entity_id, out_file)
    out.print(
        f"{len(made.records):,} records held, {len(made.purged):,} purged, {len(made.accesses):,} audit "
        f"entries naming them: written to {out_file}"
    )
