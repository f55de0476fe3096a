"""The watchlist and the alert inbox of the caller's agency: flag a person, end a watch, read the
alerts (each record as need-to-know allows), see why one was raised, and handle it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from crossroads.api.callers import Caller, caller, store_of
from crossroads.api.routes_work import RowId
from crossroads.service import alerts
from crossroads.service.explain import ShownExplanation

router = APIRouter(prefix="/api/v1", tags=["watchlist and alerts"])
Signed = Annotated[Caller, Depends(caller)]


class NewWatch(BaseModel):
    entity: str = Field(
        max_length=64, description="The person's entity id: every alias and spelling is covered."
    )
    reason: str = Field(min_length=1, max_length=2000)
    review_on: date = Field(description="When the watch must be reviewed (after today).")
    unit: str | None = Field(None, max_length=100, description="The responsible unit of the caller's agency.")


class EndWatch(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class Handling(BaseModel):
    action: Literal["acknowledge", "assign", "close"]
    note: str = Field("", max_length=2000, description="Required to close: what was done.")
    assignee: str | None = Field(
        None, max_length=100, description="For assign: an analyst of the same agency."
    )


class Status(BaseModel):
    status: str


@router.post("/watchlist", response_model=alerts.Watch, status_code=201, summary="Watch a person")
def add_watch(body: NewWatch, who: Signed, request: Request) -> alerts.Watch:
    return alerts.watch(store_of(request), who.name, body.entity, body.reason, body.review_on, body.unit)


@router.get("/watchlist", response_model=list[alerts.Watch], summary="The watches one's agency answers for")
def list_watches(who: Signed, request: Request) -> list[alerts.Watch]:
    return alerts.watches(store_of(request), who.name)


@router.post("/watchlist/{watch_id}/end", status_code=204, summary="End a watch, with the reason")
def end_watch(watch_id: RowId, body: EndWatch, who: Signed, request: Request) -> None:
    alerts.unwatch(store_of(request), who.name, watch_id, body.reason)


@router.get("/alerts", response_model=list[alerts.AlertView], summary="Alerts to one's agency, newest first")
def inbox(
    who: Signed,
    request: Request,
    status: Literal["open", "acknowledged", "closed"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[alerts.AlertView]:
    return alerts.inbox(store_of(request), who.name, status, limit)


@router.get(
    "/alerts/{alert_id}/explanation", response_model=ShownExplanation, summary="Why the alert was raised"
)
def explain(alert_id: RowId, who: Signed, request: Request) -> ShownExplanation:
    return alerts.explain_alert(store_of(request), who.name, alert_id)


@router.post(
    "/alerts/{alert_id}/handling", response_model=Status, summary="Acknowledge, assign or close an alert"
)
def handle(alert_id: RowId, body: Handling, who: Signed, request: Request) -> Status:
    return Status(
        status=alerts.handle(store_of(request), who.name, alert_id, body.action, body.note, body.assignee)
    )
