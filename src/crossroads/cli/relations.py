"""``crossroads relations``: a person's kin and associates, their network two steps out, and the
cells of your agency's watched persons (each as need-to-know lets you see it; each call audited)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import orjson
import typer

from crossroads.cli.console import guarded, open_store, out
from crossroads.service import relationships as use
from crossroads.settings import load_settings

app = typer.Typer(
    help="Relationships between persons: kin, associates, shared address or phone; networks and cells.",
    no_args_is_help=True,
)
USER = typer.Option(None, "--user", help="Who asks (else CROSSROADS_USER).")
PURPOSE = typer.Option(
    "investigation", "--purpose", help="investigation, threat-assessment or prevention-follow-up."
)
AS_JSON = typer.Option(False, "--json", help="Print the result as JSON.")
DEPTH = typer.Option(use.MAX_DEPTH, "--depth", min=1, max=use.MAX_DEPTH, help="How many steps out (1 or 2).")


def _user(user: str | None) -> str | None:
    return user or load_settings().user


def _json(value: Any) -> None:
    out.print_json(orjson.dumps(value, default=str).decode())


def _edges(edges: tuple[use.Edge, ...], names: dict[str, str]) -> None:
    for e in edges:
        out.print(
            f"  {e.a} ({names.get(e.a) or '?'}) -- {e.kind} --> {e.b} ({names.get(e.b) or '?'})"
            f"  [{', '.join(e.evidence)}]",
            highlight=False, markup=False,
        )  # fmt: skip


@app.command("show")
def show(
    entity: str = typer.Argument(..., help="A person's entity id."),
    as_json: bool = AS_JSON,
    user: str | None = USER,
    purpose: str = PURPOSE,
) -> None:
    """A person's relations, grouped by kind, each with the records it is drawn from."""
    with guarded(), open_store() as store:
        found = use.relations_of(store, _user(user), purpose, entity)
    if as_json:
        _json(asdict(found))
        return
    out.print(f"[bold]{found.entity}[/]  {found.name or '(no name you may read)'}")
    if not found.relations:
        out.print("no relation you may see")
    for group in use.GROUP_ORDER:
        shown = [r for r in found.relations if r.group == group]
        if shown:
            out.print(f"\n[bold]{group}[/]")
        for r in shown:
            out.print(f"  {r.kind}: {r.other}", highlight=False)
            for line in r.detail:
                out.print(f"    {line}", highlight=False, markup=False)


@app.command("network")
def network(
    entity: str = typer.Argument(..., help="A person's entity id."),
    depth: int = DEPTH,
    as_json: bool = AS_JSON,
    user: str | None = USER,
    purpose: str = PURPOSE,
) -> None:
    """The persons related to a person up to two steps out, and the relations among them."""
    with guarded(), open_store() as store:
        found = use.network(store, _user(user), purpose, entity, depth)
    if as_json:
        _json(asdict(found))
        return
    names = {n.entity: n.name for n in found.nodes}
    out.print(f"[bold]network of {found.root}[/], {len(found.nodes)} persons, depth {found.depth}")
    for n in found.nodes:
        out.print(f"  [{n.depth}] {n.entity}  {n.name or '(no name you may read)'}", highlight=False)
    _edges(found.edges, names)
    if found.truncated:
        out.print(f"cut at {use.MAX_NODES} persons: look at one of them for the rest")


@app.command("cells")
def cells(depth: int = DEPTH, as_json: bool = AS_JSON, user: str | None = USER) -> None:
    """Your agency's watched persons with their connected associates, grouped into cells."""
    with guarded(), open_store() as store:
        found = use.cells(store, _user(user), depth)
    if as_json:
        _json([asdict(c) for c in found])
        return
    if not found:
        out.print("no watched person you may see")
    for number, cell in enumerate(found, start=1):
        names = {n.entity: n.name for n in cell.nodes}
        out.print(
            f"\n[bold]cell {number}[/]: {len(cell.watched)} watched, {len(cell.nodes)} persons: "
            + ", ".join(f"{w} ({names.get(w) or '?'})" for w in cell.watched),
            highlight=False,
        )
        _edges(cell.edges, names)
