"""``crossroads retention`` and ``crossroads purge``: how long records are kept, and erasing those past it."""

from __future__ import annotations

import typer
from rich.table import Table

from crossroads.cli.console import guarded, open_store, out
from crossroads.service import retention as use
from crossroads.settings import load_settings

app = typer.Typer(
    help="Retention rules: days a record is kept after its last update, per kind of agency.",
    no_args_is_help=True,
)
USER = typer.Option(None, "--user", help="Who acts (else CROSSROADS_USER).")


def _user(user: str | None) -> str | None:
    return user or load_settings().user


@app.command("set")
def set_rule(
    kind: str = typer.Argument(..., help="The originating agency's kind, e.g. local-police."),
    days: int = typer.Argument(..., help="Days a record is kept after its last update."),
    user: str | None = USER,
) -> None:
    """Set the retention of one kind of agency's records (administrator; the next purge applies it)."""
    with guarded(), open_store() as store:
        rule = use.set_rule(store, _user(user), kind, days)
    out.print(f"records of {rule.kind.value} agencies are kept {rule.days:,} days after their last update")


@app.command("list")
def list_rules(user: str | None = USER) -> None:
    """Every rule, who set it and when."""
    with guarded(), open_store() as store:
        found = use.list_rules(store, _user(user))
    table = Table("kind", "days", "set by", "set at")
    for r in found.rules:
        table.add_row(r.kind.value, f"{r.days:,}", r.set_by or "(default)", f"{r.set_at:%Y-%m-%d}")
    out.print(table)
    if found.unruled:
        out.print(
            f"{found.unruled:,} records come from agencies nobody registered: no rule applies, they are "
            "kept until their agency is registered (crossroads agencies add)"
        )


def purge(
    dry_run: bool = typer.Option(False, "--dry-run", help="Only say which records are due; erase nothing."),
    user: str | None = typer.Option(
        None, "--user", help="The data steward or administrator (else CROSSROADS_USER)."
    ),
) -> None:
    """Erase every record past its retention rule (content, versions, keys, quarantined rows, open
    requests), person and relationship records alike; one audit entry names the records purged."""
    with guarded(), open_store() as store:
        done = use.purge(store, _user(user), dry_run)
    verb = "due for purge" if dry_run else "purged"
    for kind, refs in sorted(done.by_kind.items()):
        out.print(f"  {kind}: {len(refs):,} {verb}")
    for kind, refs in sorted(done.relationships.items()):
        out.print(f"  {kind}: {len(refs):,} relationship records {verb}")
    out.print(f"{done.count:,} records {verb}{' (nothing erased)' if dry_run else ''}")
