"""Oversight: the audit trail read and checked (the oversight role only; each reading is itself an
entry), the service's health and its metrics."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from crossroads.access.audit_chain import Anchor, Entry, Verdict
from crossroads.api.callers import Caller, caller, store_of
from crossroads.service import audit, record_cache, status

router = APIRouter(prefix="/api/v1", tags=["oversight"])
Signed = Annotated[Caller, Depends(caller)]


@router.get("/audit", response_model=list[Entry], summary="Audit entries, newest first (oversight)")
def trail(
    who: Signed,
    request: Request,
    actor: Annotated[str | None, Query(max_length=100, description="Only this user's entries.")] = None,
    action: Annotated[
        str | None, Query(max_length=40, description="Only this action (search, view, grant...).")
    ] = None,
    since: Annotated[datetime | None, Query(description="Only entries from this time on (ISO 8601).")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[Entry]:
    return audit.read_trail(store_of(request), who.name, actor, action, since, limit)


class Anchors(BaseModel):
    anchors: list[Anchor] = Field(default=[], max_length=10_000, description="Heads kept outside the store.")


@router.post("/audit/verify", response_model=Verdict, summary="Recompute the hash chain (oversight)")
def verify(body: Anchors, who: Signed, request: Request) -> Verdict:
    return audit.verify(store_of(request), who.name, given=body.anchors)


class Health(BaseModel):
    status: str
    store: str
    search_cache: int = Field(description="Records this server process keeps for searches.")
    warming: bool = Field(description="This process is still filling that cache (searches work meanwhile).")


@router.get(
    "/health", response_model=Health, tags=["service"], summary="Is the service up and its store reachable"
)
def health(request: Request) -> Health:
    store = store_of(request)
    warming = bool(getattr(request.app.state, "warming", False))
    return Health(
        status="ok", store=status.reachable(store), search_cache=len(record_cache.of(store)), warming=warming
    )
