from __future__ import annotations

from pathlib import Path

import typer

from crossroads.cli.console import guarded, open_store, out
from crossroads.service.export import EXPORT_FORMATS, export_records


def export(
    out_file: Path = typer.Option(..., "--out", help="File to write (JSON Lines)."),
    fmt: str = typer.Option("jsonl", "--format", help=f"One of {', '.join(EXPORT_FORMATS)}."),
    source: str | None = typer.Option(None, "--source", help="Only this agency's records."),
) -> None:
    """Write the store's active records as interchange JSON Lines or FollowTheMoney entities."""
    with guarded(), open_store() as store:
        n = export_records(store, out_file, fmt, source)
    out.print(f"{n:,} records written to {out_file} ({fmt})")
