"""``crossroads cases``: the follow-up of foreign fighters, home-grown extremists and propagandists:
list and show cases, open one, record a dated transition, give it to units, add and complete
follow-up actions, list the due ones, review a minor, close it, and seed cases from records."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from crossroads.cli.console import guarded, open_store, out
from crossroads.service import case_seeding, case_views
from crossroads.service import cases as use
from crossroads.service.case_lifecycle import ACTION_KINDS, CATEGORIES, STATUSES
from crossroads.settings import load_settings

app = typer.Typer(
    help="Case follow-up: timelines of foreign fighters and returnees, actions, reminders.",
    no_args_is_help=True,
)
USER = typer.Option(None, "--user", help="Who acts (else CROSSROADS_USER).")


def _user(user: str | None) -> str | None:
    return user or load_settings().user


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r}: a date such as 2016-03-04", param_hint=option) from None


@app.command("list")
def list_cases(
    status: str | None = typer.Option(None, "--status", help=f"One of {', '.join(STATUSES)}."),
    unit: str | None = typer.Option(None, "--unit", help="A task force or cell: AGENCY/UNIT or UNIT."),
    municipality: str | None = typer.Option(None, "--municipality", help="Part of it: 1080, Molenbeek."),
    closed: bool = typer.Option(False, "--closed", help="Closed cases too."),
    ids: bool = typer.Option(False, "--ids", help="Only the case numbers, one a line (for scripts)."),
    user: str | None = USER,
) -> None:
    """The cases you may see, with the latest status you may see and how many actions are due."""
    with guarded(), open_store() as store:
        found = case_views.list_cases(store, _user(user), status, unit, municipality, closed)
    if ids:
        for c in found:
            out.print(str(c.id), highlight=False)
        return
    table = Table(
        "case", "person", "category", "status", "since", "task force", "cell", "municipality", "due"
    )
    for c in found:
        due = f"[bold red]{c.due_actions}[/]" if c.due_actions else ""
        table.add_row(str(c.id), c.entity, c.category, c.status or "", str(c.status_on or ""),
                      c.taskforce or "", c.cell or "", c.municipality or "", due)  # fmt: skip
    out.print(table)
    out.print(f"{len(found)} case(s)")


@app.command("show")
def show(case_id: int = typer.Argument(...), user: str | None = USER) -> None:
    """One case: its timeline, follow-up actions and minors' decisions, as far as you may see them."""
    with guarded(), open_store() as store:
        view = case_views.show(store, _user(user), case_id)
    c = view.case
    closed = f"; closed {c.closed_at:%Y-%m-%d}: {view.close_reason or ''}" if c.closed_at else ""
    opened = f"opened {c.opened_at:%Y-%m-%d} by {c.opened_by}"
    out.print(f"case {c.id}: {c.entity} ({c.category}), {opened}{closed}", highlight=False)
    out.print(f"task force: {c.taskforce or '-'}; security cell: {c.cell or '-'}; "
              f"municipality: {c.municipality or '-'}", highlight=False)  # fmt: skip
    timeline = Table("date", "status", "reported by", "from record", "recorded by", "note", title="timeline")
    for t in view.timeline:
        note = (t.note or "") + (f" [override: {t.override}]" if t.override else "")
        timeline.add_row(str(t.on), t.status, t.source_agency or "", t.source_record or "", t.reported_by,
                         note + (" (shared with the cell)" if t.shared else ""))  # fmt: skip
    out.print(timeline)
    if view.withheld:
        out.print(f"{view.withheld} transition(s) not shown: {view.withheld_reason}")
    actions = Table("action", "kind", "what", "due", "done", "outcome", title="follow-up actions")
    for a in view.actions:
        due = f"[bold red]{a.due_on} (due)[/]" if a.due else str(a.due_on)
        done = f"{a.done_at:%Y-%m-%d} {a.done_by}" if a.done_at else ""
        actions.add_row(str(a.id), a.kind, a.description or "", due, done, a.outcome or "")
    out.print(actions)
    for r in view.reviews:
        how = "by the minors' rule" if r.automatic else "reviewed"
        out.print(f"minor: {r.decision} ({how}, {r.decided_by}, {r.decided_at:%Y-%m-%d})"
                  f"{': ' + r.reason if r.reason else ''}", highlight=False)  # fmt: skip


@app.command("open")
def open_case(
    entity: str = typer.Argument(..., help="The person's entity id."),
    category: str = typer.Option(..., "--category", help=f"One of {', '.join(CATEGORIES)}."),
    taskforce: str | None = typer.Option(None, "--task-force", help="AGENCY/UNIT (default: yours)."),
    cell: str | None = typer.Option(None, "--cell", help="The security cell: AGENCY/UNIT."),
    municipality: str | None = typer.Option(None, "--municipality"),
    user: str | None = USER,
) -> None:
    """Open a person's case (a child under ten is recorded as a victim, by the minors' rule)."""
    with guarded(), open_store() as store:
        made = use.open_case(store, _user(user), entity, category, taskforce, cell, municipality)
    out.print(f"case {made} opened for {entity}")


@app.command("move")
def move(
    case_id: int = typer.Argument(...),
    status: str = typer.Argument(..., help=f"One of {', '.join(STATUSES)}."),
    on: str = typer.Option(..., "--on", help="The day it happened (YYYY-MM-DD)."),
    note: str = typer.Option("", "--note"),
    source: str | None = typer.Option(None, "--source", help="The agency that reported it (default: yours)."),
    override: str | None = typer.Option(
        None, "--override", help="Why a move the lifecycle does not allow is recorded anyway."
    ),
    share: bool = typer.Option(False, "--share-with-cell", help="Show it to the case's security cell."),
    user: str | None = USER,
) -> None:
    """Record a dated status transition, checked against the lifecycle."""
    when = _date(on, "--on")
    with guarded(), open_store() as store:
        made = use.move(store, _user(user), case_id, status, when, note, source, override, share)
    out.print(f"case {case_id}: {status} on {when} (transition {made})")


@app.command("units")
def units(
    case_id: int = typer.Argument(...),
    taskforce: str | None = typer.Option(None, "--task-force", help="AGENCY/UNIT."),
    cell: str | None = typer.Option(None, "--cell", help="AGENCY/UNIT of a prevention agency."),
    user: str | None = USER,
) -> None:
    """Give a case to a task force and/or a security cell."""
    with guarded(), open_store() as store:
        use.set_units(store, _user(user), case_id, taskforce, cell)
    out.print(f"case {case_id}: units set")


@app.command("action")
def action(
    case_id: int = typer.Argument(...),
    kind: str = typer.Option(..., "--kind", help=f"One of {', '.join(ACTION_KINDS)}."),
    what: str = typer.Option(..., "--what", help="What is to be done."),
    due: str = typer.Option(..., "--due", help="When it is due (YYYY-MM-DD, today or later)."),
    user: str | None = USER,
) -> None:
    """Add a follow-up action; it is reminded (cases due) from its due date until done."""
    when = _date(due, "--due")
    with guarded(), open_store() as store:
        made = use.add_action(store, _user(user), case_id, kind, what, when)
    out.print(f"action {made} on case {case_id}, due {when}")


@app.command("done")
def done(
    action_id: int = typer.Argument(...),
    outcome: str = typer.Option(..., "--outcome", help="What came of it."),
    user: str | None = USER,
) -> None:
    """Mark a follow-up action done."""
    with guarded(), open_store() as store:
        use.complete_action(store, _user(user), action_id, outcome)
    out.print(f"action {action_id} done")


@app.command("due")
def due(
    within: int = typer.Option(0, "--within", min=0, help="Also those due in the next N days."),
    user: str | None = USER,
) -> None:
    """Reminders: follow-up actions due (or overdue) on the cases you may see."""
    with guarded(), open_store() as store:
        found = case_views.due(store, _user(user), within)
    table = Table("action", "case", "person", "kind", "what", "due")
    for a in found:
        when = f"[bold red]{a.due_on} (due)[/]" if a.due else str(a.due_on)
        table.add_row(str(a.id), str(a.case_id), a.entity, a.kind, a.description or "", when)
    out.print(table)
    out.print(f"{sum(a.due for a in found)} action(s) due")


@app.command("minor-review")
def minor_review(
    case_id: int = typer.Argument(...),
    decision: str = typer.Option(..., "--decision", help="victim or follow-up."),
    reason: str = typer.Option(..., "--reason", help="Why, for oversight."),
    user: str | None = USER,
) -> None:
    """The case-by-case review of a child of ten or older (under ten: a victim, by rule)."""
    with guarded(), open_store() as store:
        made = use.review_minor(store, _user(user), case_id, decision, reason)
    out.print(f"case {case_id}: review {made} recorded ({decision})")


@app.command("close")
def close(
    case_id: int = typer.Argument(...), reason: str = typer.Option(..., "--reason"), user: str | None = USER
) -> None:
    """Close a case (kept, with who closed it and why)."""
    with guarded(), open_store() as store:
        use.close_case(store, _user(user), case_id, reason)
    out.print(f"case {case_id} closed")


@app.command("seed")
def seed(
    taskforce: str | None = typer.Option(None, "--task-force", help="AGENCY/UNIT for new cases."),
    cell: str | None = typer.Option(None, "--cell", help="AGENCY/UNIT of the cell for new cases."),
    cell_municipality: str | None = typer.Option(
        None, "--cell-municipality", help="Give the cell only new cases in this municipality."
    ),
    user: str | None = USER,
) -> None:
    """Open or complete cases from the dated statuses in the records' notes you may read."""
    with guarded(), open_store() as store:
        report = case_seeding.seed(store, _user(user), taskforce, cell, cell_municipality)
    out.print(
        f"{len(report.opened)} case(s) opened, {report.added} transition(s) recorded from "
        f"{report.records} record(s), {report.kept} already there, {len(report.conflicts)} conflict(s)"
    )
    for conflict in report.conflicts[:20]:
        out.print(f"  conflict: {conflict}", highlight=False, markup=False)
