"""Finding persons and seeing them as need-to-know allows: search, person view, lineage, and why two
records are (or are not) one person. Each answer is the use case's, already trimmed and audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from crossroads.access.policy import Purpose
from crossroads.api.callers import Caller, caller, in_search_lane, store_of
from crossroads.service import person, search
from crossroads.service.explain import ShownExplanation, explain_for

router = APIRouter(prefix="/api/v1", tags=["persons"])
Signed = Annotated[Caller, Depends(caller)]
PurposeParam = Annotated[Purpose, Query(description="Why the data is looked at: need-to-know weighs it.")]


@router.get(
    "/search", response_model=search.Found, summary="Persons matching a name, date, nationality or number"
)
async def find(
    who: Signed,
    request: Request,
    name: Annotated[str, Query(max_length=300, description="A name in any script, spelling and order.")] = "",
    birth_date: Annotated[
        str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    nationality: Annotated[list[str], Query(max_length=10, description="Country codes or names.")] = [],  # noqa: B006
    identifier: Annotated[
        list[str], Query(max_length=10, description="National register or passport numbers.")
    ] = [],  # noqa: B006
    purpose: PurposeParam = Purpose.INVESTIGATION,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> search.Found:
    query = search.Query(name, birth_date, tuple(nationality), tuple(identifier))
    store = store_of(request)
    return await in_search_lane(request, lambda: search.search(store, who.name, purpose.value, query, limit))


@router.get(
    "/persons/{entity}", response_model=person.PersonView, summary="One person as the caller may see them"
)
def view(
    entity: str, who: Signed, request: Request, purpose: PurposeParam = Purpose.INVESTIGATION
) -> person.PersonView:
    return person.view(store_of(request), who.name, purpose.value, entity)


@router.get(
    "/persons/{entity}/lineage", response_model=list[person.Event], summary="What became of an entity id"
)
def lineage(
    entity: str, who: Signed, request: Request, purpose: PurposeParam = Purpose.INVESTIGATION
) -> list[person.Event]:
    return list(person.lineage(store_of(request), who.name, purpose.value, entity))


@router.get(
    "/explain", response_model=ShownExplanation, summary="Why two records are, or are not, one person"
)
def explain(
    who: Signed,
    request: Request,
    a: Annotated[str, Query(max_length=301, description="SOURCE/ID of one record.")],
    b: Annotated[str, Query(max_length=301, description="SOURCE/ID of the other.")],
    purpose: PurposeParam = Purpose.INVESTIGATION,
) -> ShownExplanation:
    return explain_for(store_of(request), who.name, purpose.value, a, b)
