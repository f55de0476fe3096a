"""``crossroads search`` (who holds records on a person) and ``crossroads person`` (one person as
you may see them): parse, call the use case, render."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import orjson
import typer
from rich.table import Table

from crossroads.cli.console import guarded, open_store, out
from crossroads.service.person import Event, lineage, view
from crossroads.service.search import Query, search
from crossroads.settings import load_settings

USER = typer.Option(None, "--user", help="Who asks (else CROSSROADS_USER).")
PURPOSE = typer.Option(
    "investigation", "--purpose", help="investigation, threat-assessment or prevention-follow-up."
)
AS_JSON = typer.Option(False, "--json", help="Print the result as JSON.")


def _json(value: Any) -> None:
    out.print_json(orjson.dumps(value, default=str).decode())


def search_command(
    name: str = typer.Argument("", help="A name in any script, spelling and order."),
    birth_date: str | None = typer.Option(None, "--birth-date", help="YYYY, YYYY-MM or YYYY-MM-DD."),
    nationality: list[str] = typer.Option([], "--nationality", help="A country code or name (repeatable)."),
    identifier: list[str] = typer.Option([], "--id", help="A national register or passport number."),
    limit: int = typer.Option(20, "--limit", min=1, max=200, help="At most this many persons."),
    as_json: bool = AS_JSON,
    user: str | None = USER,
    purpose: str = PURPOSE,
) -> None:
    """Which agencies hold records on the persons matching a name: agency, contact unit, how many
    records, how recent, even where you may not read them (then file a request: crossroads rfi file)."""
    query = Query(name, birth_date, tuple(nationality), tuple(identifier))
    with guarded(), open_store() as store:
        found = search(store, user or load_settings().user, purpose, query, limit)
    hits = found.hits
    if as_json:
        _json({"matched": found.matched, "hits": [asdict(h) for h in hits]})
        return
    if not hits:
        out.print("no person matches (as far as you may know)")
        return
    if found.matched > len(hits):
        out.print(
            f"[yellow]{found.matched:,} persons match; the best {len(hits)} are shown:[/] add --birth-date, "
            "--nationality or --id to narrow, or raise --limit",
            highlight=False,
        )
    for hit in hits:
        names = "; ".join(hit.names) or "(no name you may read)"
        out.print(f"[bold]{hit.entity}[/]  score {hit.score:.3f}  {names}", highlight=False)
        out.print(f"  {hit.why}", highlight=False, markup=False)
        table = Table("agency", "contact", "records", "you may read", "latest update")
        for h in hit.holders:
            table.add_row(h.agency, h.contact, str(h.records), str(h.readable), f"{h.latest:%Y-%m-%d}")
        out.print(table)


def person_command(
    entity: str = typer.Argument(..., help="A person's entity id, e.g. E3f2a9c1b0d4e5f6."),
    as_json: bool = AS_JSON,
    user: str | None = USER,
    purpose: str = PURPOSE,
) -> None:
    """One person as you may see them: names, holdings, the content you may read, how each record
    joined the person, and the history of merges."""
    with guarded(), open_store() as store:
        person = view(store, user or load_settings().user, purpose, entity)
    if as_json:
        _json(asdict(person))
        return
    out.print(f"[bold]{person.entity}[/]  {'; '.join(person.names) or '(no name you may read)'}")
    for h in person.holders:
        out.print(
            f"  {h.agency}: {h.records} record(s), {h.readable} readable; ask {h.contact}", highlight=False
        )
    for r in person.records:
        marks = ", ".join([r.classification, *r.caveats])
        out.print(
            f"\n[bold]{r.ref}[/] ({marks}; updated {r.updated_at:%Y-%m-%d}): {r.reason}", highlight=False
        )
        for key, values in sorted(r.content.items()):
            out.print(f"  {key}: {'; '.join(values)}", highlight=False, markup=False)
        for line in r.link:
            out.print(f"  {line}", highlight=False, markup=False)
    if person.history:
        out.print("\n[bold]history[/]")
        _events(person.history)


def _events(events: tuple[Event, ...]) -> None:
    for e in events:
        other = f" {'into' if e.event == 'merged' else 'from'} {e.other}" if e.other else ""
        line = f"  {e.at:%Y-%m-%d %H:%M} {e.entity} {e.event}{other}: {e.why}"
        out.print(line, highlight=False, markup=False)


def lineage_command(
    entity: str = typer.Argument(..., help="An entity id, e.g. E3f2a9c1b0d4e5f6."),
    as_json: bool = AS_JSON,
    user: str | None = USER,
    purpose: str = PURPOSE,
) -> None:
    """What became of an entity id at each resolution (created, merged into or split from
    another), as far as you may know of its records."""
    with guarded(), open_store() as store:
        events = lineage(store, user or load_settings().user, purpose, entity)
    if as_json:
        _json([asdict(e) for e in events])
        return
    _events(events)
