"""``crossroads quarantine``: the data steward's view of refused rows."""

from __future__ import annotations

from pathlib import Path

import orjson
import typer
from rich.table import Table

from crossroads.cli.console import EXIT_QUARANTINED, EXIT_USAGE, err, guarded, open_store, out
from crossroads.service import quarantine as use
from crossroads.settings import load_settings

USER = typer.Option(None, "--user", help="The data steward (else CROSSROADS_USER).")


def _user(user: str | None) -> str | None:
    return user or load_settings().user


app = typer.Typer(help="Refused input rows: list, show, replay fixed, or discard.", no_args_is_help=True)


@app.command("list")
def list_(
    source: str | None = typer.Option(None, help="Only rows from this agency."),
    code: str | None = typer.Option(None, help="Only rows with this problem code."),
    status: str = typer.Option("open", help="open, resolved, discarded, or all."),
    limit: int = typer.Option(50, min=1, help="At most this many rows."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    user: str | None = USER,
) -> None:
    """Refused rows with where they came from and the first problem of each."""
    with guarded(), open_store() as store:
        entries = use.list_entries(
            store, _user(user), status=None if status == "all" else status, source=source, code=code,
            limit=limit,
        )  # fmt: skip
    if as_json:
        rows = [
            {
                "id": e.id,
                "source": e.source,
                "file": e.file_name,
                "line": e.line,
                "record_id": e.record_id,
                "field": e.field,
                "code": e.code,
                "message": e.message,
                "status": e.status,
            }
            for e in entries
        ]
        typer.echo(orjson.dumps(rows).decode())
        return
    table = Table("id", "source", "file:line", "record", "field", "problem", title=f"Quarantine ({status})")
    for e in entries:
        table.add_row(
            str(e.id),
            e.source or "?",
            f"{Path(e.file_name).name}:{e.line}",
            e.record_id or "",
            e.field,
            f"{e.message} [dim][{e.code}][/]",
        )
    out.print(table)


@app.command()
def show(
    entry_id: int = typer.Argument(..., help="Quarantine entry id (see `list`)."), user: str | None = USER
) -> None:
    """One refused row: every problem, and the row exactly as received."""
    with guarded(), open_store() as store:
        e = use.show(store, _user(user), entry_id)
    out.print(
        f"[bold]Entry {e.id}[/] ({e.status}) from {e.source or 'unknown source'}, "
        f"{e.file_name} line {e.line}, batch {e.batch_id}, {e.created_at:%Y-%m-%d %H:%M}"
    )
    for p in e.problems:
        out.print(f"  [red]{p['field']}[/]: {p['message']} [dim][{p['code']}][/]")
    if e.resolution:
        out.print(f"  resolution: {e.resolution}")
    out.print("[bold]Row as received:[/]")
    out.print(e.raw, markup=False, highlight=False, soft_wrap=True)


@app.command()
def retry(
    entry_ids: list[int] = typer.Argument(None, help="Entries to replay (default: none; see --all)."),
    all_open: bool = typer.Option(
        False, "--all", help="Replay every open entry (after a rule or mapping fix)."
    ),
    source: str | None = typer.Option(None, help="With --all: only this agency's rows."),
    fixed: Path | None = typer.Option(
        None, "--fixed", help="A corrected row for the single entry named (a JSON object in a file)."
    ),
    from_file: Path | None = typer.Option(
        None, "--from-file", help="A file written by `quarantine export` and corrected by hand."
    ),
    user: str | None = USER,
) -> None:
    """Validate refused rows again and store those that now pass; the rest stay in quarantine."""
    replacements: dict[int, str] = {}
    ids = list(entry_ids or [])
    with guarded(), open_store() as store:
        if fixed is not None:
            if len(ids) != 1:
                err.print("[red]error:[/] --fixed replaces the row of exactly one entry id")
                raise typer.Exit(EXIT_USAGE)
            replacements[ids[0]] = fixed.read_text(encoding="utf-8").strip()
        if from_file is not None:
            replacements.update(_read_export(from_file))
            ids.extend(i for i in replacements if i not in ids)
        if not ids and not all_open:
            err.print("[red]error:[/] name entry ids, or use --all or --from-file")
            raise typer.Exit(EXIT_USAGE)
        outcomes = use.retry(store, _user(user), ids, replacements, every_open=all_open, source=source)
    for o in outcomes:
        if o.accepted:
            out.print(f"[green]entry {o.entry_id}: stored[/] as record {o.record_id}")
        else:
            for p in o.problems:
                out.print(f"[red]entry {o.entry_id}: still refused[/] {p.field}: {p.message} [{p.code}]")
    if any(not o.accepted for o in outcomes):
        raise typer.Exit(EXIT_QUARANTINED)


def _read_export(path: Path) -> dict[int, str]:
    replacements: dict[int, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = orjson.loads(line)
            replacements[int(item["quarantine_id"])] = (
                item["row"] if isinstance(item["row"], str) else (orjson.dumps(item["row"]).decode())
            )
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            err.print(
                f"[red]error:[/] {path} line {number}: expected "
                '{"quarantine_id": N, "row": {...}} as written by `quarantine export` '
                f"({exc})"
            )
            raise typer.Exit(EXIT_USAGE) from exc
    return replacements


@app.command()
def export(
    out_file: Path = typer.Option(..., "--out", help="Where to write the open entries, one per line."),
    source: str | None = typer.Option(None, help="Only this agency's rows."),
    user: str | None = USER,
) -> None:
    """Write open entries as JSON Lines to correct by hand, then `retry --from-file` the file."""
    with guarded(), open_store() as store:
        entries = use.export_entries(store, _user(user), source)
    with out_file.open("wb") as handle:
        for e in entries:
            try:
                row: object = orjson.loads(e.raw)
            except orjson.JSONDecodeError:
                row = e.raw  # unparsable rows travel as text, to be rewritten as an object
            handle.write(orjson.dumps({"quarantine_id": e.id, "problems": e.problems, "row": row}) + b"\n")
    out.print(f"{len(entries)} open entries written to {out_file}")


@app.command()
def discard(
    entry_id: int = typer.Argument(..., help="Quarantine entry id."),
    reason: str = typer.Option(..., "--reason", help="Why the row is dropped (kept with the entry)."),
    user: str | None = USER,
) -> None:
    """Close an entry without storing it; the row and the reason stay on file."""
    with guarded(), open_store() as store:
        use.discard(store, _user(user), entry_id, reason)
    out.print(f"entry {entry_id} discarded")
