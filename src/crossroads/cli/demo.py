from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from crossroads.cli.console import EXIT_USAGE, err, out
from crossroads.demo.generate import TRUTH_DIR, generate


def demo_data(
    persons: int = typer.Option(1_000, "--persons", "-n", min=1, help="How many persons to invent."),
    seed: int = typer.Option(1, "--seed", help="Same persons and seed give byte-identical files."),
    out_dir: Path = typer.Option(..., "--out", "-o", help="Directory to write the data set into."),
    defects: float = typer.Option(
        0.0, "--defects", min=0.0, max=0.5, help="Share of rows made malformed, to show the quarantine."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Write a synthetic multi-agency data set (one JSON Lines file per agency) and its ground truth."""
    if out_dir.exists() and not out_dir.is_dir():
        err.print(f"[bold red]error:[/] {out_dir} exists and is not a directory")
        raise typer.Exit(EXIT_USAGE)
    started = time.perf_counter()
    with Progress(
        TextColumn("[bold]persons"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, disable=quiet, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("persons", total=persons)
        manifest = generate(
            persons, seed, out_dir, defects=defects, progress=lambda n: bar.update(task, completed=n)
        )
    elapsed = time.perf_counter() - started
    table = Table("source", "records", title=f"Demo data in {out_dir}")
    for source, count in manifest.records_per_source.items():
        table.add_row(source, f"{count:,}")
    out.print(table)
    out.print(
        f"{manifest.persons:,} persons ({manifest.watch_listed:,} watch-listed), "
        f"{manifest.records:,} records, {manifest.defects:,} malformed on purpose; {elapsed:.1f} s "
        f"({manifest.records / max(elapsed, 1e-9):,.0f} records/s). "
        f"Ground truth in {out_dir / TRUTH_DIR}; see manifest.json."
    )


def demo_users(
    passwords: bool = typer.Option(
        False,
        "--passwords",
        help="Give every demo user a new random password for the web interface, printed once.",
    ),
) -> None:
    """Register the demo agencies and one user per role in the store (safe to run again)."""
    from crossroads.cli.console import guarded, open_store
    from crossroads.demo import directory

    with guarded(), open_store() as store:
        names = directory.seed(store)
        chosen = directory.new_passwords(store) if passwords else {}
    table = Table("user", "agency", "roles", "clearance")
    for name, agency, clearance, roles in directory.USERS:
        if name in names:
            table.add_row(name, agency, ", ".join(roles), clearance)
    out.print(table)
    out.print(f"administrator: {directory.ADMIN}; act as a user with --user NAME or CROSSROADS_USER")
    if chosen:  # plain lines, never cut to the terminal's width
        out.print("sign-ins for the web interface (user, password), new on each run:")
        for name, password in chosen.items():
            out.print(f"  {name:<18} {password}", soft_wrap=True, highlight=False, markup=False)
