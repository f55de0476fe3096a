"""Domain errors as HTTP answers (RFC 9457 problem details): the status says what kind of failure,
``detail`` is the same message the command line prints, which names the field and what to do."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from crossroads.access.credentials import CredentialError, TooManyAttemptsError
from crossroads.access.model import NotAllowedError
from crossroads.api.callers import CsrfError, NotSignedInError
from crossroads.errors import CrossroadsError, NotFoundError, StoreError
from crossroads.service.explain import NotResolvedError

#: Most specific first; anything else a user did wrong is 422 (the request cannot be carried out as given).
STATUS: tuple[tuple[type[CrossroadsError], int], ...] = (
    (NotSignedInError, 401),
    (CsrfError, 403),
    (TooManyAttemptsError, 429),
    (CredentialError, 401),
    (NotAllowedError, 403),
    (NotFoundError, 404),
    (NotResolvedError, 409),
    (StoreError, 503),
)


MEDIA_TYPE = "application/problem+json"


class Problem(BaseModel):
    """An error answer (RFC 9457); ``errors`` lists each invalid part of a request that was refused."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None


#: What every route of the API may answer besides its success (documented in the OpenAPI document).
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Not signed in: no valid API token or session."},
    403: {
        "model": Problem,
        "description": "Refused: a role is missing, or the session's CSRF token (recorded).",
    },
    404: {"model": Problem, "description": "Absent, or not to be known of by the caller (answered alike)."},
    409: {"model": Problem, "description": "The store has not been resolved yet."},
    422: {
        "model": Problem,
        "description": "The request cannot be carried out as given: the detail says why.",
    },
    429: {"model": Problem, "description": "Sign-in locked for a while after repeated failures."},
    503: {"model": Problem, "description": "The store cannot be reached."},
}


def status_of(error: CrossroadsError) -> int:
    return next((status for kind, status in STATUS if isinstance(error, kind)), 422)


def problem(
    status: int,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    errors: list[Any] | None = None,
) -> JSONResponse:
    body = Problem(title=title, status=status, detail=detail, errors=errors).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)


async def crossroads_error(request: Request, error: Exception) -> Response:
    """Under ``/api/`` a problem document; elsewhere the web interface's error page."""
    assert isinstance(error, CrossroadsError)
    status = status_of(error)
    render = getattr(request.app.state, "render_error", None)
    if render is not None and not request.url.path.startswith("/api/"):
        page: Response = render(request, error, status)
        return page
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyAttemptsError) else None
    if status == 401 and headers is None:
        headers = {"WWW-Authenticate": 'Bearer realm="crossroads"'}
    return problem(status, type(error).__name__, str(error), headers)


async def invalid_request(request: Request, error: Exception) -> Response:
    """A request the schema refuses (a missing field, a value too long): each fault with its place."""
    assert isinstance(error, RequestValidationError)
    faults = jsonable_encoder(error.errors(), custom_encoder={bytes: lambda b: b.decode("utf-8", "replace")})
    where = "; ".join(f"{'.'.join(str(p) for p in f.get('loc', ()))}: {f.get('msg', '')}" for f in faults[:5])
    return problem(
        422, "RequestValidationError", where or "the request does not match the API's schema", errors=faults
    )


def document_problems(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with every error answer as ``application/problem+json`` of ``Problem``
    (FastAPI writes its own validation error schema and ``application/json`` for them)."""
    for path in document.get("paths", {}).values():
        for operation in path.values():
            for status, answer in operation.get("responses", {}).items():
                if status.isdigit() and int(status) >= 400:
                    answer["content"] = {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    schemas = document.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return document
