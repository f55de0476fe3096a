"""What every command shares: the Rich consoles, the store in force, and error rendering."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from crossroads.errors import CrossroadsError
from crossroads.store.store import Store

out = Console()
err = Console(stderr=True)

#: Exit codes scripts can rely on (also listed in the README).
EXIT_OK = 0
EXIT_QUARANTINED = 1  # the work was done, but some input rows were quarantined
EXIT_USAGE = 2  # bad arguments or unreadable input; nothing was changed


@contextmanager
def guarded() -> Iterator[None]:
    """Render a domain error as one clear line and its exit code, instead of a traceback."""
    try:
        yield
    except CrossroadsError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(exc.exit_code) from exc


def open_store() -> Store:
    return Store.open()
