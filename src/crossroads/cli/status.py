from __future__ import annotations

import orjson
import typer
from rich.table import Table

from crossroads.cli.console import guarded, open_store, out
from crossroads.service.status import status as status_report


def status(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output (integer counts)."),
) -> None:
    """Where the store is and what it holds: records, quarantined rows, entities, per source."""
    with guarded(), open_store() as store:
        report = status_report(store)
    if as_json:
        typer.echo(orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2).decode())
        return
    out.print(f"[bold]Store[/] {report.location} ({report.backend})")
    table = Table(show_header=False, box=None)
    for label, value in [
        ("records (active)", report.records),
        ("records withdrawn", report.withdrawn),
        ("earlier versions kept", report.versions),
        ("quarantined rows (open)", report.quarantined),
        ("entities (linked persons)", report.entities),
        ("ingest batches", report.batches),
    ]:
        table.add_row(label, f"{value:,}")
    out.print(table)
    if report.sources:
        per_source = Table("source", "records", title="Records per source")
        for source, n in report.sources.items():
            per_source.add_row(source, f"{n:,}")
        out.print(per_source)
