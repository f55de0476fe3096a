"""Relationships between persons: a person's kin and associates, their network up to two steps
out, and the cells of the caller's agency's watched persons (need-to-know and the audit trail are
the use case's)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from crossroads.access.policy import Purpose
from crossroads.api.callers import Caller, caller, store_of
from crossroads.service import relationships

router = APIRouter(prefix="/api/v1", tags=["relationships"])
Signed = Annotated[Caller, Depends(caller)]
PurposeParam = Annotated[Purpose, Query(description="Why the data is looked at: need-to-know weighs it.")]
Depth = Annotated[
    int, Query(ge=1, le=relationships.MAX_DEPTH, description="How many relations out (1 or 2).")
]


@router.get(
    "/persons/{entity}/relations",
    response_model=relationships.PersonRelations,
    summary="A person's relations (kin, associates, shared address or phone) with their evidence",
)
def relations(
    entity: str, who: Signed, request: Request, purpose: PurposeParam = Purpose.INVESTIGATION
) -> relationships.PersonRelations:
    return relationships.relations_of(store_of(request), who.name, purpose.value, entity)


@router.get(
    "/network/cells",
    response_model=list[relationships.Cell],
    summary="The caller's agency's watched persons and their connected associates, as cells",
)
def cells(who: Signed, request: Request, depth: Depth = relationships.MAX_DEPTH) -> list[relationships.Cell]:
    return relationships.cells(store_of(request), who.name, depth)


@router.get(
    "/network/persons/{entity}",
    response_model=relationships.Network,
    summary="The persons related to a person up to two steps out, and the relations among them",
)
def network(
    entity: str,
    who: Signed,
    request: Request,
    depth: Depth = relationships.MAX_DEPTH,
    purpose: PurposeParam = Purpose.INVESTIGATION,
) -> relationships.Network:
    return relationships.network(store_of(request), who.name, purpose.value, entity, depth)
