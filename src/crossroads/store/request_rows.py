"""Rows of requests for information and their answers (``service.requests`` is the use case)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import info_requests, request_items


def add_request(
    conn: sa.Connection,
    requester: str,
    requester_agency: str,
    holder_agency: str,
    purpose: str,
    reason: str,
    refs: list[tuple[str, str]],
    now: datetime,
) -> int:
    result = conn.execute(
        sa.insert(info_requests).values(
            requester=requester, requester_agency=requester_agency, holder_agency=holder_agency,
            purpose=purpose, reason=reason, filed_at=now,
        )
    )  # fmt: skip
    key = result.inserted_primary_key
    assert key is not None
    request_id = int(key[0])
    conn.execute(
        sa.insert(request_items), [{"request_id": request_id, "source": s, "record_id": r} for s, r in refs]
    )
    return request_id


def request(conn: sa.Connection, request_id: int) -> sa.Row[Any] | None:
    return conn.execute(sa.select(info_requests).where(info_requests.c.id == request_id)).first()


def items(conn: sa.Connection, request_id: int) -> list[sa.Row[Any]]:
    query = sa.select(request_items).where(request_items.c.request_id == request_id)
    return list(conn.execute(query.order_by(request_items.c.source, request_items.c.record_id)).all())


def answer(
    conn: sa.Connection,
    request_id: int,
    ref: tuple[str, str],
    verdict: str,
    by: str,
    reason: str,
    until: datetime | None,
    now: datetime,
) -> None:
    conn.execute(
        sa.update(request_items)
        .where(request_items.c.request_id == request_id, request_items.c.source == ref[0],
               request_items.c.record_id == ref[1])
        .values(verdict=verdict, answered_by=by, answer_reason=reason, answered_at=now, until=until)
    )  # fmt: skip


def involving(conn: sa.Connection, agency: str) -> list[sa.Row[Any]]:
    """Requests filed by or addressed to ``agency``, newest first."""
    query = sa.select(info_requests).where(
        sa.or_(info_requests.c.holder_agency == agency, info_requests.c.requester_agency == agency)
    )
    return list(conn.execute(query.order_by(info_requests.c.id.desc())).all())


#: Built once, as ``identity_rows``' statements of every request: every read of records asks it.
_GRANTS_TO = (
    sa.select(request_items.c.source, request_items.c.record_id, info_requests.c.purpose,
              request_items.c.until)
    .join(info_requests, info_requests.c.id == request_items.c.request_id)
    .where(info_requests.c.requester_agency == sa.bindparam("agency"), request_items.c.verdict == "granted",
           request_items.c.until > sa.bindparam("now"))
)  # fmt: skip


def grants_to(conn: sa.Connection, agency: str, now: datetime) -> list[Any]:
    """Grants in force for ``agency``: record, purpose and until."""
    return list(conn.execute(_GRANTS_TO, {"agency": agency, "now": now}).all())
