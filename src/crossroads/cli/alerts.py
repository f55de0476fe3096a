"""``crossroads watch``, ``crossroads alerts`` and ``crossroads webhooks``: watched persons, the
alerts records raise on them, and where a unit's alerts are pushed."""

from __future__ import annotations

import time
from datetime import date

import typer
from rich.table import Table

from crossroads.api import courier
from crossroads.cli.console import guarded, open_store, out
from crossroads.service import alerts as use
from crossroads.settings import load_settings

watch_app = typer.Typer(
    help="The watchlist: persons whose every new record alerts a unit.", no_args_is_help=True
)
alerts_app = typer.Typer(
    help="Alerts to your agency: list, explain, acknowledge, assign, close.", no_args_is_help=True
)
webhooks_app = typer.Typer(
    help="Where a unit's alerts are pushed (signed), besides the inbox.", no_args_is_help=True
)
USER = typer.Option(None, "--user", help="Who acts (else CROSSROADS_USER).")


def _user(user: str | None) -> str | None:
    return user or load_settings().user


@watch_app.command("add")
def add(
    entity: str = typer.Argument(..., help="The person's entity id (every alias and spelling is covered)."),
    reason: str = typer.Option(..., "--reason", help="Why, for the responsible unit and oversight."),
    review_on: str = typer.Option(..., "--review-on", help="When the watch must be reviewed (YYYY-MM-DD)."),
    unit: str | None = typer.Option(
        None, "--unit", help="The responsible unit of your agency (default: yours)."
    ),
    user: str | None = USER,
) -> None:
    """Watch a person: any record that resolves to them, or comes close, alerts the unit at once."""
    try:
        review = date.fromisoformat(review_on)
    except ValueError:
        raise typer.BadParameter(
            f"{review_on!r}: a date such as 2027-06-30", param_hint="--review-on"
        ) from None
    with guarded(), open_store() as store:
        made = use.watch(store, _user(user), entity, reason, review, unit)
    out.print(
        f"watch {made.id}: {made.entity} for {made.agency}{'/' + made.unit if made.unit else ''}, "
        f"review on {made.review_on}"
    )


@watch_app.command("list")
def list_watches(user: str | None = USER) -> None:
    """The watches your agency answers for, the next review first."""
    with guarded(), open_store() as store:
        found = use.watches(store, _user(user))
    table = Table("watch", "person", "unit", "review on", "reason", "by")
    for w in found:
        review = f"[bold red]{w.review_on} (due)[/]" if w.due else str(w.review_on)
        table.add_row(str(w.id), w.entity, w.unit or "", review, w.reason, w.listed_by)
    out.print(table)
    if any(w.due for w in found):
        out.print("watches due for review: renew them (watch add) or end them (watch end)")


@watch_app.command("end")
def end(
    watch_id: int = typer.Argument(...), reason: str = typer.Option(..., "--reason"), user: str | None = USER
) -> None:
    """End a watch (kept, with who ended it and why)."""
    with guarded(), open_store() as store:
        use.unwatch(store, _user(user), watch_id, reason)
    out.print(f"watch {watch_id} ended")


@alerts_app.command("list")
def list_alerts(
    status: str | None = typer.Option(None, "--status", help="open, acknowledged or closed."),
    user: str | None = USER,
) -> None:
    """Alerts to your agency, newest first, each record as far as you may read it."""
    with guarded(), open_store() as store:
        found = use.inbox(store, _user(user), status)
    table = Table(
        "alert", "kind", "person", "record", "score", "status", "assignee", "raised", "what you may read"
    )
    for a in found:
        content = "; ".join(f"{k}: {', '.join(v)}" for k, v in a.content.items()) or a.reason
        table.add_row(str(a.id), a.kind, a.entity, a.record, f"{a.score:.3f}", a.status, a.assignee or "",
                      f"{a.raised_at:%Y-%m-%d %H:%M:%S}", content)  # fmt: skip
    out.print(table)


@alerts_app.command("explain")
def explain(alert_id: int = typer.Argument(...), user: str | None = USER) -> None:
    """Why the alert was raised: the record against the watched person's closest record."""
    with guarded(), open_store() as store:
        shown = use.explain_alert(store, _user(user), alert_id)
    for line in shown.explanation.lines():
        out.print(line, markup=False, highlight=False)


def _handle(alert_id: int, action: str, note: str, assignee: str | None, user: str | None) -> None:
    with guarded(), open_store() as store:
        status = use.handle(store, _user(user), alert_id, action, note, assignee)
    out.print(f"alert {alert_id}: {status}")


@alerts_app.command("ack")
def acknowledge(
    alert_id: int = typer.Argument(...), note: str = typer.Option("", "--note"), user: str | None = USER
) -> None:
    """Acknowledge an alert (it becomes yours unless assigned)."""
    _handle(alert_id, "acknowledge", note, None, user)


@alerts_app.command("assign")
def assign(
    alert_id: int = typer.Argument(...),
    to: str = typer.Option(..., "--to"),
    note: str = typer.Option("", "--note"),
    user: str | None = USER,
) -> None:  # fmt: skip
    """Assign an alert to an analyst of your agency."""
    _handle(alert_id, "assign", note, to, user)


@alerts_app.command("close")
def close(
    alert_id: int = typer.Argument(...), note: str = typer.Option(..., "--note"), user: str | None = USER
) -> None:
    """Close an alert, saying what was done."""
    _handle(alert_id, "close", note, None, user)


@alerts_app.command("deliver")
def deliver(
    loop: bool = typer.Option(
        False, "--loop", help="Keep delivering until interrupted (crossroads serve does this too)."
    ),
) -> None:
    """Send the webhooks waiting in the outbox (failed ones are retried with a growing wait), after
    queueing the reminders of follow-up actions that fell due and, when CROSSROADS_SNAPSHOT_ANALYST
    names an analyst, taking last month's indicator snapshot if it is not there yet (as ``crossroads
    serve`` does: run this from a timer where no server runs)."""

    analyst = load_settings().snapshot_analyst
    with guarded(), open_store() as store:
        rounds = courier.Courier(store, analyst, use.http_post)  # the server's rounds, one by one
        while True:
            done = rounds.round(time.monotonic())
            if done.reminded is not None and (done.reminded or not loop):
                out.print(f"{done.reminded} reminder(s) of due follow-up actions queued")
            if done.snapshot is not None:
                out.print(f"last month's indicator snapshot taken ({done.snapshot}) as {analyst} sees it")
            if done.refused is not None:
                setting = f"CROSSROADS_SNAPSHOT_ANALYST={analyst}"
                out.print(
                    f"[yellow]warning:[/] no indicator snapshot as {setting}: {done.refused}", highlight=False
                )
            if done.delivered is not None and (any(done.delivered) or not loop):
                out.print(f"{done.delivered[0]} delivered, {done.delivered[1]} failed (to be retried)")
            if not loop:
                if done.failed:
                    raise typer.Exit(code=1)  # each failure logged above, with its cause
                return
            time.sleep(0.5)


@webhooks_app.command("add")
def add_webhook(
    agency: str = typer.Argument(..., help="The agency whose alerts are pushed."),
    url: str = typer.Argument(..., help="https:// address of the receiver."),
    unit: str | None = typer.Option(None, "--unit", help="Only this unit's alerts."),
    user: str | None = USER,
) -> None:
    """Push an agency's (or a unit's) alerts to a receiver; prints the signing secret once."""
    with guarded(), open_store() as store:
        hook, secret = use.add_webhook(store, _user(user), agency, url, unit)
    out.print(
        f"webhook {hook}; signing secret (give it to the receiver, shown once): {secret}", highlight=False
    )
    out.print(
        f"each delivery: headers {use.TIMESTAMP_HEADER} and {use.SIGNATURE_HEADER}"
        " = sha256=HMAC(secret, timestamp.body)"
    )
