"""Watchlist and alerts: an analyst flags a person (an entity, so every alias and spelling is
covered) for a responsible unit; every record that then arrives and resolves to that person, or
comes close to them without joining, raises an alert to that unit at once, in the arrival's own
transaction, with an outbox row per webhook of the unit so that no delivery is lost when the
receiver is down or the service restarts. Alerts are handled (acknowledged, assigned, closed) by
the responsible agency's analysts; every step is in the audit trail.

What an alert shows is need-to-know's business at the moment it is read: the alert keeps only
which record, which watched person, which of their records it came closest to and how close; the
inbox reads the record and explains the pair through the reader's lens. A webhook carries no
record content at all, only what to fetch.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import orjson
import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import AgencyKind, Role, User
from crossroads.access.policy import NODISCOVERY, Holding, Purpose, discoverable_by
from crossroads.access.safeguard import watchlist_eligible
from crossroads.errors import CrossroadsError, NotFoundError
from crossroads.phrase import Phrase
from crossroads.records.model import Record
from crossroads.resolve import realtime
from crossroads.resolve.context import LinkContext
from crossroads.resolve.profile import profile
from crossroads.service import clock
from crossroads.service.explain import ShownExplanation, explain_for
from crossroads.service.search import members
from crossroads.store import alert_rows, identity_rows, record_rows, row_security
from crossroads.store.store import Store

#: A record scoring at least this against a watched person's record alerts even when it does not
#: join them: the review band's floor, where the model says "as likely the same as not".
ALERT_AT = 0.5
RESOLVED, CLOSE = "resolved", "close"
OPEN, ACKNOWLEDGED, CLOSED = "open", "acknowledged", "closed"
HANDLING = {"acknowledge": ACKNOWLEDGED, "assign": ACKNOWLEDGED, "close": CLOSED}
#: Webhook retries wait 2, 4, 8... seconds, at most an hour; they never stop (nothing is dropped).
MAX_BACKOFF = 3600
LEASE = timedelta(seconds=60)  # a delivery being attempted is not taken by another process meanwhile
SIGNATURE_HEADER, TIMESTAMP_HEADER = "X-Crossroads-Signature", "X-Crossroads-Timestamp"


class WatchError(CrossroadsError):
    """A watch or an alert cannot be made or handled as asked."""


@dataclass(frozen=True)
class Watch:
    id: int
    entity: str
    reason: str
    agency: str
    unit: str | None
    review_on: date
    listed_by: str
    listed_at: datetime
    due: bool = False  # the review date has come: renew (watch again) or end it


@dataclass(frozen=True)
class AlertView:
    id: int
    kind: str  # resolved: the record joined the watched person; close: it came close without joining
    entity: str  # the watched person
    record: str  # SOURCE/ID of the record that raised it
    against: str  # the watched person's record it came closest to ("": one the reader may not know of)
    score: float
    status: str
    assignee: str | None
    unit: str | None
    raised_at: datetime
    content: dict[str, list[str]]  # the record's fields the reader may read
    reason: Phrase  # need-to-know's decision on the record, in words


def _watch(row: sa.Row[Any]) -> Watch:
    due = row.review_on <= clock.today()
    return Watch(
        row.id,
        row.entity_id,
        row.reason,
        row.agency,
        row.unit,
        row.review_on,
        row.listed_by,
        row.listed_at,
        due,
    )


def watch(
    store: Store, user: str | None, entity: str, reason: str, review_on: date, unit: str | None = None
) -> Watch:
    """Flag ``entity`` for the user's agency (and ``unit``, default theirs); refused for a person the
    user may not know of, and for a child victim without a reviewed decision (the minors' rule)."""
    if not reason.strip():
        raise WatchError("a watch needs a reason the responsible unit and oversight can read")
    now = clock.now()
    if review_on <= now.date():
        raise WatchError(f"review date {review_on}: a date after today, when the watch must be reviewed")
    analyst = identity.authorise(store, user, Role.ANALYST, f"watch {entity}", now)
    unit = unit or analyst.unit
    with store.transaction() as conn:
        if unit is not None and identity_rows.unit(conn, analyst.agency, unit) is None:
            raise WatchError(f"unit {unit!r} is not a unit of {analyst.agency}")
        lens = reading.Lens(conn, reading.reader(conn, analyst, Purpose.INVESTIGATION), now)
        known = bool(members(conn, lens, [entity]).get(entity))
    if not known:
        raise NotFoundError(f"no person {entity!r}")
    with store.transaction() as conn:
        eligible, why = watchlist_eligible(conn, entity, now)
        detail: dict[str, object] = {
            "entity": entity,
            "reason": reason.strip(),
            "unit": unit,
            "review_on": str(review_on),
        }
        if not eligible:
            detail["refused"] = why
        else:
            watch_id = alert_rows.add_watch(
                conn, entity, reason.strip(), analyst.agency, unit, review_on, analyst.name, now
            )
            detail["watch"] = watch_id
        audit.record(conn, identity.actor_of(analyst), "watch", detail, now, Purpose.INVESTIGATION.value)
    if not eligible:
        raise WatchError(f"refused: {why} (the minors' rule; recorded in the audit trail)")
    return Watch(watch_id, entity, reason.strip(), analyst.agency, unit, review_on, analyst.name, now)


def enter(conn: sa.Connection, analyst: User, now: datetime) -> reading.Lens:
    """The analyst's lens, made before any watch or alert row is read: from here to the end of the
    transaction PostgreSQL's row security returns only the records they may learn exist and their
    own agency's watches, alerts and alerts' events (migration 0020), so that a read path that
    forgets its agency filter still cannot fetch another agency's watch or alert."""
    lens = reading.Lens(conn, reading.reader(conn, analyst, Purpose.INVESTIGATION), now)
    row_security.enter_alerts(conn)
    return lens


def watches(store: Store, user: str | None) -> list[Watch]:
    """The active watches the user's agency answers for, the next review first."""
    now = clock.now()
    analyst = identity.authorise(store, user, Role.ANALYST, "list the watchlist", now)
    with store.transaction() as conn:
        enter(conn, analyst, now)
        found = [_watch(row) for row in alert_rows.all_watches(conn, analyst.agency)]
        audit.record(conn, identity.actor_of(analyst), "watch", {"listed": [w.id for w in found]}, now)
    return found


def unwatch(store: Store, user: str | None, watch_id: int, reason: str) -> None:
    if not reason.strip():
        raise WatchError("ending a watch needs a reason")
    now = clock.now()
    analyst = identity.authorise(store, user, Role.ANALYST, f"end watch {watch_id}", now)
    with store.transaction() as conn:
        enter(conn, analyst, now)
        row = alert_rows.watch(conn, watch_id)
    if row is None or row.agency != analyst.agency or row.ended_at is not None:
        raise NotFoundError(f"no active watch {watch_id} of {analyst.agency}")
    with store.transaction() as conn:  # the write, as the application's own role
        alert_rows.end_watch(conn, watch_id, analyst.name, reason.strip(), now)
        audit.record(
            conn, identity.actor_of(analyst), "watch", {"ended": watch_id, "reason": reason.strip()}, now
        )


def on_arrival(
    conn: sa.Connection,
    actor: audit.Actor,
    record: Record,
    entity: str,
    candidates: Sequence[tuple[Record, str | None]],
    probabilities: Sequence[float],
    now: datetime,
) -> list[int]:
    """Alerts for one arriving record, in its resolution's transaction: one per active watch on the
    person it joined (``resolved``) or on a person one of whose records it scores at least
    ``ALERT_AT`` against without joining (``close``); with an outbox row per webhook."""
    best: dict[str, tuple[float, str]] = {}
    for (candidate, owner), p in zip(candidates, probabilities, strict=True):
        if owner is not None and (owner == entity or p >= ALERT_AT) and p > best.get(owner, (-1.0, ""))[0]:
            best[owner] = (float(p), f"{candidate.source}/{candidate.id}")
    raised = []
    ref = f"{record.source}/{record.id}"
    for row in alert_rows.active_watches(conn, {entity, *best}):
        score, against = best.get(row.entity_id, (0.0, ""))
        kind = RESOLVED if row.entity_id == entity else CLOSE
        detail: dict[str, object] = {
            "watch": row.id,
            "entity": row.entity_id,
            "record": ref,
            "kind": kind,
            "score": score,
        }
        withheld = _withheld(conn, record, row, now)
        if withheld is not None:
            detail["withheld"] = withheld
            audit.record(conn, actor, "alert", detail, now)
            continue
        evidence = orjson.dumps({"against": against}).decode()
        alert_id = alert_rows.add_alert(
            conn, watch_id=row.id, entity_id=row.entity_id, source=record.source, record_id=record.id,
            kind=kind, score=score, evidence=evidence, agency=row.agency, unit=row.unit, status=OPEN,
            assignee=None, raised_at=now, updated_at=now,
        )  # fmt: skip
        payload = orjson.dumps(
            {
                "alert": alert_id,
                "kind": kind,
                "entity": row.entity_id,
                "record": ref,
                "score": round(score, 4),
                "agency": row.agency,
                "unit": row.unit,
                "raised_at": now.isoformat(),
                "fetch": f"/api/v1/alerts/{alert_id}",
            }
        ).decode()
        for hook in alert_rows.webhooks_for(conn, row.agency, row.unit):
            alert_rows.enqueue(conn, alert_id, hook.id, payload, now)
        detail["alert"] = alert_id
        audit.record(conn, actor, "alert", detail, now)
        raised.append(alert_id)
    return raised


def _withheld(conn: sa.Connection, record: Record, watch_row: Any, now: datetime) -> str | None:
    """Why no alert is raised to the watch's unit (None: one is): the minors' rule (no watchlist
    processing for a child victim), or a record the unit's agency may not learn exists (hidden from
    discovery by its originator, NOFORN to a foreign partner, from an unregistered agency): an alert
    names the record, in the inbox and in the webhook, before anyone reads it."""
    eligible, why = watchlist_eligible(conn, watch_row.entity_id, now)
    if not eligible:
        return why
    originator = identity_rows.agency(conn, record.source)
    watcher = identity_rows.agency(conn, watch_row.agency)
    if originator is None or watcher is None:
        return f"the record's agency {record.source} is not registered: its records are not shown"
    marks = frozenset(record.caveats)
    holding = Holding(record.source, record.id, AgencyKind(originator.kind), record.classification, marks,
                      hidden=NODISCOVERY in marks)  # fmt: skip
    if not discoverable_by(watch_row.agency, AgencyKind(watcher.kind), holding):
        return f"{watch_row.agency} may not learn that the record exists (need-to-know)"
    return None


def after_batch(
    conn: sa.Connection,
    actor: audit.Actor,
    arrived: Sequence[tuple[Record, str]],
    context: LinkContext,
    now: datetime,
) -> list[int]:
    """Alerts for the records a batch run linked for the first time to a watched person (``arrived``:
    each with that person), in the run's own transaction, as they would have alerted on arrival.
    (A batch does not look for records that only came close.)"""
    raised: list[int] = []
    for record, entity in arrived:
        ref = f"{record.source}/{record.id}"
        others = [
            s.record
            for s in record_rows.of_entities(conn, [entity])
            if f"{s.record.source}/{s.record.id}" != ref
        ]
        probabilities = realtime.score(profile(record), [profile(o) for o in others], context).tolist()
        raised += on_arrival(conn, actor, record, entity, [(o, entity) for o in others], probabilities, now)
    return raised


def _reader_of_alerts(store: Store, user: str | None, what: str) -> User:
    return identity.authorise(store, user, Role.ANALYST, what, clock.now())


def _alert_to(store: Store, analyst: User, alert_id: int) -> sa.Row[Any]:
    """The alert if it was raised to the analyst's agency, read through their lens; else
    NotFoundError (absent and another agency's are answered alike)."""
    with store.transaction() as conn:
        enter(conn, analyst, clock.now())
        row = alert_rows.alert(conn, alert_id)
    if row is None or row.agency != analyst.agency:
        raise NotFoundError(f"no alert {alert_id} to {analyst.agency}")
    return row


GONE = Phrase("the record is no longer held, or not to be known of by you")


def inbox(store: Store, user: str | None, status: str | None = None, limit: int = 100) -> list[AlertView]:
    """The alerts to the user's agency, newest first, each record shown as need-to-know allows."""
    now = clock.now()
    analyst = _reader_of_alerts(store, user, "read the alert inbox")
    with store.transaction() as conn:
        lens = enter(conn, analyst, now)
        rows = alert_rows.alerts_of(conn, analyst.agency, status, limit)
        shown = []
        for row in rows:
            found = lens.find(conn, row.source, row.record_id)
            content, reason = {}, GONE
            if found is not None:
                stored, seen = found
                content = seen.content(stored.record)
                reason = seen.decision.reason
            against = str(orjson.loads(row.evidence).get("against", ""))
            if against and lens.find(conn, *against.split("/", 1)) is None:
                against = ""  # a record of the watched person the reader may not learn exists
            ref = f"{row.source}/{row.record_id}"
            shown.append(
                AlertView(row.id, row.kind, row.entity_id, ref, against, row.score, row.status, row.assignee,
                          row.unit, row.raised_at, content, reason)
            )  # fmt: skip
        detail = {"alerts": [a.id for a in shown], "read": [a.record for a in shown if a.content]}
        audit.record(conn, identity.actor_of(analyst), "view", detail, now, Purpose.INVESTIGATION.value)
    return shown


def explain_alert(store: Store, user: str | None, alert_id: int) -> ShownExplanation:
    """Why the record raised the alert: the pair with the watched person's closest record, as the
    reader may see it (recorded like every explanation)."""
    analyst = _reader_of_alerts(store, user, f"explain alert {alert_id}")
    row = _alert_to(store, analyst, alert_id)
    against = str(orjson.loads(row.evidence).get("against", ""))
    if not against:
        raise NotFoundError(f"alert {alert_id} has no record to compare with")
    return explain_for(store, analyst.name, "investigation", f"{row.source}/{row.record_id}", against)


def handle(
    store: Store, user: str | None, alert_id: int, action: str, note: str = "", assignee: str | None = None
) -> str:
    """Acknowledge, assign (to a user of the same agency) or close an alert; the new status."""
    if action not in HANDLING:
        raise WatchError(f"{action!r}: one of {', '.join(HANDLING)}")
    if action == "close" and not note.strip():
        raise WatchError("closing an alert needs a note saying what was done")
    now = clock.now()
    analyst = _reader_of_alerts(store, user, f"{action} alert {alert_id}")
    row = _alert_to(store, analyst, alert_id)
    if row.status == CLOSED:
        raise WatchError(f"alert {alert_id} is closed")
    with store.transaction() as conn:  # the write, as the application's own role
        values: dict[str, object] = {"status": HANDLING[action]}
        if action == "assign":
            target = identity.find(conn, assignee or "")
            if target is None or target.agency != analyst.agency or not target.has(Role.ANALYST):
                raise WatchError(f"{assignee!r} is not an analyst of {analyst.agency}")
            values["assignee"] = target.name
        elif row.assignee is None:
            values["assignee"] = analyst.name
        alert_rows.update_alert(conn, alert_id, now, **values)
        alert_rows.add_event(conn, alert_id, analyst.name, action, note.strip() or None, now)
        detail = {
            "alert": alert_id,
            "action": action,
            "note": note.strip(),
            "assignee": values.get("assignee"),
        }
        audit.record(conn, identity.actor_of(analyst), "alert", detail, now)
    return str(values["status"])


def add_webhook(
    store: Store, admin: str | None, agency: str, url: str, unit: str | None = None
) -> tuple[int, str]:
    """A webhook for an agency's (or one unit's) alerts; its signing secret, shown once to share
    with the receiver."""
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise WatchError(f"{url!r}: an https:// address (plain http only on this machine, for tests)")
    now = clock.now()
    acting = identity.authorise(store, admin, Role.ADMIN, f"add a webhook for {agency}", now)
    secret = secrets.token_urlsafe(32)
    with store.transaction() as conn:
        if identity_rows.agency(conn, agency) is None:
            raise WatchError(f"no agency {agency!r}")
        hook = alert_rows.add_webhook(conn, agency, unit, url, secret, acting.name, now)
        audit.record(
            conn,
            identity.actor_of(acting),
            "admin",
            {"webhook": hook, "agency": agency, "unit": unit, "url": url},
            now,
        )
    return hook, secret


def signature(secret: str, timestamp: str, body: str) -> str:
    """What the receiver recomputes: HMAC-SHA256 of "timestamp.body" with the shared secret."""
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()


#: Sends one delivery: (url, body, headers) -> HTTP status; raises on a network failure.
Post = Callable[[str, str, dict[str, str]], int]


def http_post(url: str, body: str, headers: dict[str, str]) -> int:
    """The delivery the courier makes: one POST, five seconds at most."""
    return httpx.post(url, content=body, headers=headers, timeout=5.0).status_code


def deliver_due(store: Store, post: Post, limit: int = 50) -> tuple[int, int]:
    """Send the outbox's due deliveries once each: (delivered, failed). A delivery is taken under a
    lease so that two server processes never send it at once; a failure is retried later with a
    doubling wait, without end."""
    done = failed = 0
    now = clock.now()
    with store.transaction() as conn:
        items = alert_rows.due(conn, now, limit)
        for item in items:
            alert_rows.failed(conn, item.id, item.attempts, now + LEASE, item.last_error or "")
    for item in items:
        with store.transaction() as conn:
            hook = alert_rows.webhook(conn, item.webhook_id)
        assert hook is not None
        stamp = str(int(clock.now().timestamp()))
        headers = {"Content-Type": "application/json", TIMESTAMP_HEADER: stamp,
                   SIGNATURE_HEADER: signature(hook.secret, stamp, item.payload)}  # fmt: skip
        attempts = item.attempts + 1
        try:
            status = post(hook.url, item.payload, headers)
            error = None if 200 <= status < 300 else f"HTTP {status}"
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
        with store.transaction() as conn:
            if error is None:
                alert_rows.delivered(conn, item.id, attempts, clock.now())
                done += 1
            else:
                wait = timedelta(seconds=min(2**attempts, MAX_BACKOFF))
                alert_rows.failed(conn, item.id, attempts, clock.now() + wait, error)
                failed += 1
    return done, failed
