from __future__ import annotations

from pathlib import Path

import typer

from crossroads.cli.console import guarded, open_store, out
from crossroads.service.export import EXPORT_FORMATS, export_records
from crossroads.settings import load_settings


def export(
    out_file: Path = typer.Option(..., "--out", help="File to write (JSON Lines)."),
    fmt: str = typer.Option("jsonl", "--format", help=f"One of {', '.join(EXPORT_FORMATS)}."),
    source: str | None = typer.Option(None, "--source", help="Only this agency's records."),
    user: str | None = typer.Option(
        None, "--user", help="The analyst or data steward (else CROSSROADS_USER)."
    ),
    purpose: str = typer.Option("investigation", "--purpose", help="investigation or threat-assessment."),
) -> None:
    """Write the active records you may read as interchange JSON Lines or FollowTheMoney entities
    (fields you may not read are left out; the export is recorded in the audit trail)."""
    with guarded(), open_store() as store:
        done = export_records(store, user or load_settings().user, purpose, out_file, fmt, source)
    out.print(
        f"{done.written:,} records written to {out_file} ({fmt}); {done.trimmed:,} with fields withheld, "
        f"{done.left_out:,} left out (need-to-know)"
    )
