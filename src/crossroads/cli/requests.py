"""``crossroads rfi``: requests for information, from a hit to a record's content on the holder's terms."""

from __future__ import annotations

import typer
from rich.table import Table

from crossroads.cli.console import guarded, open_store, out
from crossroads.service import requests as use
from crossroads.settings import load_settings

app = typer.Typer(
    help="Requests for information: file one, answer one, see your agency's.", no_args_is_help=True
)
USER = typer.Option(None, "--user", help="Who acts (else CROSSROADS_USER).")
WHY = typer.Option(..., "--why", help="The reason, read by the other side and by oversight.")


def _user(user: str | None) -> str | None:
    return user or load_settings().user


@app.command("file")
def file_request(
    records: list[str] = typer.Argument(..., help="Records as SOURCE/ID (one request per holding agency)."),
    purpose: str = typer.Option("investigation", "--purpose", help="investigation or threat-assessment."),
    why: str = WHY,
    user: str | None = USER,
) -> None:
    """Ask the holding agency for records you had a hit on."""
    with guarded(), open_store() as store:
        filed = use.file(store, _user(user), purpose, records, why)
    out.print(f"filed request{'s' if len(filed) > 1 else ''} {', '.join(str(i) for i in filed)}")


def _answer(request_id: int, record: str, grant: bool, why: str, days: int, user: str | None) -> None:
    with guarded(), open_store() as store:
        item = use.answer(store, _user(user), request_id, record, grant, why, days)
    until = f" until {item.until:%Y-%m-%d %H:%M} UTC" if item.until else ""
    out.print(f"request {request_id}, {record}: {item.verdict}{until}")


@app.command("grant")
def grant(
    request_id: int = typer.Argument(...),
    record: str = typer.Argument(..., help="One of the request's records, SOURCE/ID."),
    why: str = WHY,
    days: int = typer.Option(30, "--days", help=f"How long the grant lasts (at most {use.MAX_DAYS} days)."),
    user: str | None = USER,
) -> None:
    """Release a record to the requesting agency, for the request's purpose, for some days."""
    _answer(request_id, record, True, why, days, user)


@app.command("refuse")
def refuse(
    request_id: int = typer.Argument(...),
    record: str = typer.Argument(..., help="One of the request's records, SOURCE/ID."),
    why: str = WHY,
    user: str | None = USER,
) -> None:
    """Refuse to release a record, with the reason."""
    _answer(request_id, record, False, why, 0, user)


@app.command("list")
def list_requests(user: str | None = USER) -> None:
    """Requests your agency filed or must answer, newest first."""
    with guarded(), open_store() as store:
        found = use.inbox(store, _user(user))
    table = Table("#", "from", "to", "purpose", "why", "record", "answer")
    for r in found:
        for i in r.items:
            answer = f"{i.verdict} by {i.answered_by}: {i.reason}" if i.verdict else "open"
            table.add_row(str(r.id), f"{r.requester} ({r.requester_agency})", r.holder_agency, r.purpose,
                          r.reason, i.ref, answer)  # fmt: skip
    out.print(table)
