"""Case follow-up (``/api/v1/cases``): the cases the caller may see and their timelines, opening a
case, dated transitions, responsible units, follow-up actions and their reminders, minors' reviews,
closing, and seeding cases from the records' notes. (``routes_cases`` is the persons' routes.)"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from crossroads.api.callers import Caller, caller, store_of
from crossroads.api.routes_work import RowId
from crossroads.service import case_seeding, case_views, cases
from crossroads.service.case_lifecycle import ACTION_KINDS, CATEGORIES, STATUSES

router = APIRouter(prefix="/api/v1", tags=["case follow-up"])
Signed = Annotated[Caller, Depends(caller)]
UnitRef = Field(None, max_length=201, description="AGENCY or AGENCY/UNIT.")


class NewCase(BaseModel):
    entity: str = Field(max_length=64, description="The person's entity id.")
    category: str = Field(max_length=30, description=f"One of {', '.join(CATEGORIES)}.")
    taskforce: str | None = Field(None, max_length=201, description="AGENCY/UNIT (default: the caller's).")
    cell: str | None = Field(None, max_length=201, description="The security cell: AGENCY/UNIT.")
    municipality: str | None = Field(None, max_length=200)


class Move(BaseModel):
    status: str = Field(max_length=30, description=f"One of {', '.join(STATUSES)}.")
    on: date = Field(description="The day it happened: not in the future, not before the latest one.")
    note: str = Field("", max_length=2000)
    source: str | None = Field(None, max_length=100, description="The reporting agency (default: caller's).")
    override: str | None = Field(
        None, max_length=2000, description="Why a move the lifecycle does not allow is recorded anyway."
    )
    share: bool = Field(False, description="Show it to the case's security cell.")


class Units(BaseModel):
    taskforce: str | None = UnitRef
    cell: str | None = UnitRef


class NewAction(BaseModel):
    kind: str = Field(max_length=30, description=f"One of {', '.join(ACTION_KINDS)}.")
    description: str = Field(min_length=1, max_length=2000)
    due_on: date = Field(description="When it is due: today or later.")


class Done(BaseModel):
    outcome: str = Field(min_length=1, max_length=2000)


class Review(BaseModel):
    decision: str = Field(max_length=20, description="victim or follow-up.")
    reason: str = Field(min_length=1, max_length=2000)


class Closing(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class Seeding(BaseModel):
    taskforce: str | None = UnitRef
    cell: str | None = UnitRef
    cell_municipality: str | None = Field(None, max_length=200, description="The cell gets only these.")


class Created(BaseModel):
    id: int


@router.get("/cases", response_model=list[case_views.CaseSummary], summary="The cases the caller may see")
def list_cases(
    who: Signed,
    request: Request,
    status: Annotated[str | None, Query(max_length=30, description="The latest status shown.")] = None,
    unit: Annotated[str | None, Query(max_length=201, description="AGENCY/UNIT or UNIT.")] = None,
    municipality: Annotated[str | None, Query(max_length=200, description="Part of it.")] = None,
    closed: bool = False,
) -> list[case_views.CaseSummary]:
    return case_views.list_cases(store_of(request), who.name, status, unit, municipality, closed)


@router.post("/cases", response_model=Created, status_code=201, summary="Open a person's case")
def open_case(body: NewCase, who: Signed, request: Request) -> Created:
    made = cases.open_case(
        store_of(request), who.name, body.entity, body.category, body.taskforce, body.cell, body.municipality
    )
    return Created(id=made)


@router.get("/cases/{case_id}", response_model=case_views.CaseView, summary="A case's timeline and actions")
def show(case_id: RowId, who: Signed, request: Request) -> case_views.CaseView:
    return case_views.show(store_of(request), who.name, case_id)


@router.post(
    "/cases/{case_id}/transitions", response_model=Created, status_code=201, summary="Record a transition"
)
def move(case_id: RowId, body: Move, who: Signed, request: Request) -> Created:
    made = cases.move(store_of(request), who.name, case_id, body.status, body.on, body.note, body.source,
                      body.override, body.share)  # fmt: skip
    return Created(id=made)


@router.put("/cases/{case_id}/units", status_code=204, summary="Give a case to a task force or a cell")
def units(case_id: RowId, body: Units, who: Signed, request: Request) -> None:
    cases.set_units(store_of(request), who.name, case_id, body.taskforce, body.cell)


@router.post(
    "/cases/{case_id}/actions", response_model=Created, status_code=201, summary="Add a follow-up action"
)
def add_action(case_id: RowId, body: NewAction, who: Signed, request: Request) -> Created:
    made = cases.add_action(store_of(request), who.name, case_id, body.kind, body.description, body.due_on)
    return Created(id=made)


@router.post("/case-actions/{action_id}/done", status_code=204, summary="Mark a follow-up action done")
def done(action_id: RowId, body: Done, who: Signed, request: Request) -> None:
    cases.complete_action(store_of(request), who.name, action_id, body.outcome)


@router.get("/case-actions/due", response_model=list[case_views.ActionView], summary="Reminders: actions due")
def due(
    who: Signed,
    request: Request,
    within_days: Annotated[int, Query(ge=0, le=366, description="Also those due in the next N days.")] = 0,
) -> list[case_views.ActionView]:
    return case_views.due(store_of(request), who.name, within_days)


@router.post(
    "/cases/{case_id}/minor-reviews", response_model=Created, status_code=201, summary="Review a minor"
)
def review(case_id: RowId, body: Review, who: Signed, request: Request) -> Created:
    made = cases.review_minor(store_of(request), who.name, case_id, body.decision, body.reason)
    return Created(id=made)


@router.post("/cases/{case_id}/close", status_code=204, summary="Close a case, with the reason")
def close(case_id: RowId, body: Closing, who: Signed, request: Request) -> None:
    cases.close_case(store_of(request), who.name, case_id, body.reason)


@router.post(
    "/case-seeding", response_model=case_seeding.SeedReport, summary="Open cases from the records' notes"
)
def seed(body: Seeding, who: Signed, request: Request) -> case_seeding.SeedReport:
    return case_seeding.seed(store_of(request), who.name, body.taskforce, body.cell, body.cell_municipality)
