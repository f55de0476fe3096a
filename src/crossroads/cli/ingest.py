from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from crossroads.cli.console import EXIT_QUARANTINED, err, guarded, open_store, out
from crossroads.records.readers import FORMATS
from crossroads.service import realtime
from crossroads.service.ingest import IngestReport, count_lines, ingest_file
from crossroads.settings import load_settings
from crossroads.store.store import Store


def ingest(
    files: list[Path] = typer.Argument(..., help="JSON Lines, FollowTheMoney or CSV files.", exists=False),
    source: str | None = typer.Option(
        None, "--source", "-s", help="Agency code the rows come from (required for CSV and --full)."
    ),
    mapping: Path | None = typer.Option(
        None, "--mapping", "-m", help="Column-mapping file for a CSV export."
    ),
    fmt: str | None = typer.Option(
        None, "--format", help=f"One of {', '.join(FORMATS)}; guessed by default."
    ),
    full: bool = typer.Option(
        False, "--full", help="The file is the agency's complete export: mark its absent records withdrawn."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    resolve: bool = typer.Option(
        True,
        "--resolve/--no-resolve",
        help="Resolve new and changed records at once (once the store was resolved).",
    ),
    user: str | None = typer.Option(
        None, "--user", help="The data steward ingesting (else CROSSROADS_USER)."
    ),
) -> None:
    """Ingest agency records. Bad rows go to quarantine (exit code 1), good rows are never held back."""
    chunk = load_settings().ingest_chunk
    user = user or load_settings().user
    reports: list[IngestReport] = []
    with guarded(), open_store() as store:
        for path in files:
            total = count_lines(path) if path.is_file() else None
            with Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                disable=quiet,
                transient=True,
            ) as bar:
                task = bar.add_task(path.name, total=total)

                def advance(rows_done: int, task: TaskID = task) -> None:
                    bar.update(task, completed=rows_done)

                report = ingest_file(
                    store,
                    path,
                    user=user,
                    source=source,
                    fmt=fmt,
                    mapping=mapping,
                    full=full,
                    chunk=chunk,
                    progress=advance,
                )
            reports.append(report)
            _render(report)
            if resolve and report.touched:
                _resolve_on_arrival(store, user, report)
    if any(not r.clean for r in reports):
        raise typer.Exit(EXIT_QUARANTINED)


def _render(report: IngestReport) -> None:
    c = report.counts
    out.print(
        f"[bold]{report.file}[/]: {c.rows_read:,} rows read, {c.inserted:,} new, {c.updated:,} updated, "
        f"{c.unchanged:,} unchanged, {c.withdrawn:,} withdrawn, "
        f"{'[red]' if c.quarantined else ''}{c.quarantined:,} quarantined{'[/]' if c.quarantined else ''}"
        f"  (batch {report.batch_id})"
    )
    if report.purged:
        out.print(f"  {report.purged:,} records past their retention purged (in the audit trail)")
    if not report.clean:
        table = Table("problem", "rows", title="Quarantined rows by problem")
        for code, n in report.problems_by_code.most_common():
            table.add_row(code, f"{n:,}")
        out.print(table)
        examples = Table("line", "field", "reason", title="First quarantined rows")
        for refused in report.samples[:10]:
            first = refused.problems[0]
            examples.add_row(str(refused.line), first.field, first.message)
        out.print(examples)
        out.print("Fix them with [bold]crossroads quarantine list[/] / [bold]show[/] / [bold]retry[/].")


def _resolve_on_arrival(store: Store, user: str | None, report: IngestReport) -> None:
    if not realtime.resolved_before(store):
        return  # nothing to resolve against yet: the first `crossroads resolve` links everything
    if (note := realtime.too_many_to_resolve(len(report.touched))) is not None:
        out.print(f"  {note}", markup=False)
        return
    arrivals = realtime.resolve_arrivals(store, user, report.touched)
    actions = Counter(a.decision.action for a in arrivals)
    summary = ", ".join(f"{n:,} {action}" for action, n in sorted(actions.items()))
    out.print(f"  resolved on arrival: {summary}")
    if queued := realtime.queued_for_review(arrivals):
        out.print(f"  pairs waiting for an analyst's judgement: {queued:,} ([bold]crossroads review[/])")
