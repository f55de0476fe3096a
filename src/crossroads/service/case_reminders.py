"""Reminders of follow-up actions that fall due: each goes once, through the same signed webhook
outbox as alerts (``alerts.deliver_due`` sends it, with retries and back-off, and nothing is lost
when a receiver is down), to the webhooks of the case's task force and of its security cell.

A reminder carries what the units need to act and no case content: the action and case numbers,
the kind of action, its due date and the person's entity id; the units read the rest in
Crossroads, through need-to-know. Each round of reminders is one audit entry ("case").
"""

from __future__ import annotations

from datetime import datetime

import orjson

from crossroads.access import audit
from crossroads.service import clock
from crossroads.store import alert_rows, case_rows
from crossroads.store.store import Store

#: Who the audit trail names for reminders: the service itself, not a user.
SENDER = audit.Actor("crossroads.reminders")


def send_reminders(store: Store, now: datetime | None = None) -> int:
    """Queue a reminder for every open action due today or earlier that has had none; how many
    actions were reminded (an action whose units have no webhook is marked reminded all the same:
    the Cases page lists it as due)."""
    now = now or clock.now()
    with store.transaction() as conn:
        due = case_rows.unreminded_due(conn, now.date())
        sent: list[dict[str, object]] = []
        for action in due:
            payload = orjson.dumps(
                {
                    "reminder": action.id,
                    "case": action.case_id,
                    "kind": action.kind,
                    "due_on": action.due_on.isoformat(),
                    "entity": action.entity_id,
                }
            ).decode()
            hooks = {
                hook.id
                for agency, unit in (
                    (action.taskforce_agency, action.taskforce_unit),
                    (action.cell_agency, action.cell_unit),
                )
                if agency is not None
                for hook in alert_rows.webhooks_for(conn, agency, unit)
            }
            for hook_id in sorted(hooks):
                alert_rows.enqueue(conn, None, hook_id, payload, now, action_id=action.id)
            case_rows.reminded(conn, action.id, now)
            sent.append({"action": action.id, "case": action.case_id, "webhooks": sorted(hooks)})
        if sent:
            audit.record(conn, SENDER, "case", {"reminders": sent}, now)
    return len(sent)
