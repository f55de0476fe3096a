"""Requests for information: from a hit to content, on the holder's terms.

An analyst who may learn that a record exists but not read it asks the holding agency; a user of
that agency (analyst or data steward) grants or refuses each record, with a reason. A grant is for
the request's purpose, to the requester's agency, for a number of days (at most ``MAX_DAYS``);
need-to-know then honours it (``access.reading``). Every filing, grant and refusal is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crossroads.access import audit, identity, reading
from crossroads.access.model import IdentityError, NotAllowedError, Role
from crossroads.access.policy import checked_purpose
from crossroads.errors import CrossroadsError, NotFoundError
from crossroads.service import clock
from crossroads.service.explain import parse_ref
from crossroads.store import record_rows, request_rows
from crossroads.store.store import Store

MAX_DAYS = 90
ANSWERING = (Role.ANALYST, Role.DATA_STEWARD)


class RequestError(CrossroadsError):
    """A request or an answer cannot be recorded as given."""


@dataclass(frozen=True)
class Item:
    ref: str
    verdict: str | None  # granted / refused; None while open
    answered_by: str | None
    reason: str | None
    until: datetime | None


@dataclass(frozen=True)
class Request:
    id: int
    requester: str
    requester_agency: str
    holder_agency: str
    purpose: str
    reason: str
    filed_at: datetime
    items: list[Item]


def file(store: Store, user: str | None, purpose: str, refs: list[str], reason: str) -> list[int]:
    """One request per holding agency for the records named; a record the user may not learn
    exists is answered as absent, and none is filed."""
    if not refs:
        raise RequestError("name at least one record (SOURCE/ID)")
    if not reason.strip():
        raise RequestError("a request needs a reason the holder can weigh: pass --why")
    why = checked_purpose(purpose)
    now = clock.now()
    asker = identity.authorise(store, user, Role.ANALYST, "file a request for information", now)
    parsed = [parse_ref(r) for r in refs]
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, asker, why), now)
        hidden = [(s, r) for s, r in parsed if lens.find(conn, s, r) is None]  # absent or not to be known of
        if hidden:
            # Answered as absent, but the attempt is on the trail like any refused access.
            attempt = {"refused": [f"{s}/{r}" for s, r in hidden], "asked": refs}
            audit.record(conn, identity.actor_of(asker), "rfi-file", attempt, now, why.value)
    if hidden:
        raise NotFoundError(record_rows.absent(*hidden[0]))
    with store.transaction() as conn:
        for source, record_id in parsed:
            if source == asker.agency:
                raise RequestError(f"{source}/{record_id} is your own agency's record: nothing to request")
        by_holder: dict[str, list[tuple[str, str]]] = {}
        for ref in dict.fromkeys(parsed):
            by_holder.setdefault(ref[0], []).append(ref)
        filed = []
        for holder, wanted in by_holder.items():
            request_id = request_rows.add_request(
                conn, asker.name, asker.agency, holder, why.value, reason.strip(), wanted, now
            )
            detail = {"request": request_id, "holder": holder, "records": [f"{s}/{r}" for s, r in wanted]}
            audit.record(conn, identity.actor_of(asker), "rfi-file", detail, now, why.value)
            filed.append(request_id)
    return filed


def answer(
    store: Store, user: str | None, request_id: int, ref: str, grant: bool, reason: str, days: int = 30
) -> Item:
    """The holder's grant or refusal of one requested record."""
    if not reason.strip():
        raise RequestError("an answer needs a reason the requester and oversight can read: pass --why")
    if grant and not 1 <= days <= MAX_DAYS:
        raise RequestError(f"--days: a grant lasts 1 to {MAX_DAYS} days")
    now = clock.now()
    holder = identity.authorise(store, user, ANSWERING, f"answer request {request_id}", now)
    source, record_id = parse_ref(ref)
    with store.transaction() as conn:
        row = request_rows.request(conn, request_id)
        if row is None:
            raise NotFoundError(f"no request {request_id}")
        if row.holder_agency != holder.agency:
            why = f"request {request_id} is addressed to {row.holder_agency}, not to {holder.agency}"
            audit.record(conn, identity.actor_of(holder), "refusal", {"asked": f"answer request {request_id}",
                                                                      "why": why}, now)  # fmt: skip
    if row.holder_agency != holder.agency:
        raise NotAllowedError(f"refused: {why} (recorded in the audit trail)")
    verdict = "granted" if grant else "refused"
    until = now + timedelta(days=days) if grant else None
    with store.transaction() as conn:
        if not any(
            (i.source, i.record_id) == (source, record_id) for i in request_rows.items(conn, request_id)
        ):
            raise NotFoundError(f"request {request_id} does not ask for {ref}")
        request_rows.answer(
            conn, request_id, (source, record_id), verdict, holder.name, reason.strip(), until, now
        )
        detail = {
            "request": request_id, "record": ref, "to": row.requester_agency, "purpose": row.purpose,
            "until": until.isoformat() if until else None, "reason": reason.strip(),
        }  # fmt: skip
        audit.record(conn, identity.actor_of(holder), "grant" if grant else "rfi-refusal", detail, now)
    return Item(ref, verdict, holder.name, reason.strip(), until)


def inbox(store: Store, user: str | None) -> list[Request]:
    """Requests the user's agency filed or must answer, newest first."""
    now = clock.now()
    who = identity.authorise(store, user, ANSWERING, "read requests for information", now)
    with store.transaction() as conn:
        found = [
            Request(
                r.id, r.requester, r.requester_agency, r.holder_agency, r.purpose, r.reason, r.filed_at,
                [Item(f"{i.source}/{i.record_id}", i.verdict, i.answered_by, i.answer_reason, i.until)
                 for i in request_rows.items(conn, r.id)],
            )
            for r in request_rows.involving(conn, who.agency)
        ]  # fmt: skip
    return found


__all__ = ["IdentityError", "Item", "Request", "RequestError", "answer", "file", "inbox"]
