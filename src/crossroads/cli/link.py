from __future__ import annotations

from pathlib import Path

import typer

from crossroads.cli.console import EXIT_QUARANTINED, err, guarded, open_store, out
from crossroads.errors import InputFileError
from crossroads.resolve.linker import ENGINES
from crossroads.service.link import link_file, resolve_store
from crossroads.settings import load_settings

ENGINE = typer.Option(
    "duckdb", "--engine", help="duckdb (embedded, one machine) or spark (local mode or a cluster)."
)


def _engine(name: str) -> str:
    if name not in ENGINES:
        raise InputFileError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
    return name


def link(
    input_file: Path = typer.Argument(..., help="Records as JSON Lines (FORMAT.md)."),
    out_file: Path = typer.Option(..., "--out", help="CSV to write: id,entity_id, one row per record."),
    engine: str = ENGINE,
) -> None:
    """Resolve the records of one file into persons and write id,entity_id (embedded engine)."""
    with guarded(), err.status(f"linking {input_file.name}") as status:
        report = link_file(
            input_file,
            out_file,
            progress=lambda step: status.update(f"linking: {step}"),
            engine=_engine(engine),
            processes=load_settings().link_processes,
        )
    out.print(f"{report.records:,} records → {report.entities:,} persons, written to {out_file}")
    for problem in report.unlinked_invalid[:10]:
        err.print(f"[yellow]not linked (invalid, kept as its own person):[/] {problem}")
    for problem in report.unwritable[:10]:
        err.print(f"[red]no row written (no readable id):[/] {problem}")
    if report.unlinked_invalid or report.unwritable:
        raise typer.Exit(EXIT_QUARANTINED)


def resolve(
    engine: str = ENGINE,
    user: str | None = typer.Option(
        None, "--user", help="The data steward resolving (else CROSSROADS_USER)."
    ),
) -> None:
    """Resolve every active record in the store into persons and record each one's entity."""
    with guarded(), open_store() as store, err.status("resolving the store") as status:
        report = resolve_store(
            store,
            user or load_settings().user,
            progress=lambda step: status.update(f"resolving: {step}"),
            engine=_engine(engine),
            processes=load_settings().link_processes,
        )
    changes = ", ".join(f"{n:,} {kind}" for kind, n in sorted(report.lineage.items())) or "no change"
    out.print(
        f"{report.records:,} records → {report.entities:,} persons ({changes}); model {report.model_origin}"
    )
    if report.queued:
        out.print(f"{report.queued:,} pairs wait for an analyst: crossroads review")
