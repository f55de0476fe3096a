"""Who calls: the user an API token (``Authorization: Bearer``) or a browser session cookie stands
for. A request with the session cookie that changes anything must carry that session's CSRF token
(header ``X-CSRF-Token`` or form field ``csrf``); a token in a header cannot be sent by another
site's page, so token calls need none. The store is never read here but through ``service.sign_in``.
Also the threads a caller's search runs in (``in_search_lane``), shared by the API and the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from crossroads.access.credentials import CredentialError, same_secret
from crossroads.access.model import User
from crossroads.service import sign_in
from crossroads.store.store import Store

T = TypeVar("T")

COOKIE = "crossroads_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NotSignedInError(CredentialError):
    """No valid token or session: answered 401."""


class CsrfError(CredentialError):
    """A session request that changes something without its CSRF token: answered 403."""


@dataclass(frozen=True)
class Caller:
    user: User
    csrf: str | None  # the session's CSRF token; None for a token call

    @property
    def name(self) -> str:
        return self.user.name


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def search_lane(request: Request) -> CapacityLimiter | None:
    """The threads a server process runs its searches in (``app.create_app``); None, where the
    application was started without its lifespan: the default threads."""
    lane: CapacityLimiter | None = getattr(request.app.state, "search_lane", None)
    return lane


async def in_search_lane(request: Request, work: Callable[[], T]) -> T:
    """``work`` (a search, with what a page makes of it) in the search lane, beside the process's
    other requests: on the embedded store by default its searches one after another. A search is
    Python work holding the GIL, and the sqlite3 module lets go of the lock at every row it reads:
    searches run side by side in one process were cut into about a thousand slices each, and each
    cost more CPU than alone (BENCHMARKS.md, issue #6). On PostgreSQL a search also waits on its
    round trips, and the lane is wider (``app.lane_width``)."""
    return await to_thread.run_sync(work, limiter=search_lane(request))


def _identify(store: Store, bearer: str | None, cookie: str | None) -> Caller:
    if bearer is not None:
        return Caller(sign_in.token_user(store, bearer), None)
    if cookie:
        user, csrf = sign_in.session_user(store, cookie)
        return Caller(user, csrf)
    raise NotSignedInError("sign in first: an API token (Authorization: Bearer ...) or a session")


BEARER = HTTPBearer(
    auto_error=False, description="An API token (crossroads users token, or POST /api/v1/tokens)."
)
SESSION = APIKeyCookie(name=COOKIE, auto_error=False, description="A browser session (POST /api/v1/session).")


async def caller(
    request: Request,
    token: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)] = None,
    _session: Annotated[str | None, Depends(SESSION)] = None,
) -> Caller:
    """FastAPI dependency: the calling user, or 401; for a session's unsafe request, its CSRF token
    checked (a form's ``csrf`` field is read only when no header carries it). The two security
    schemes are named for the OpenAPI document; the values are read here either way."""
    bearer = token.credentials if token is not None else None
    try:
        found = await run_in_threadpool(_identify, store_of(request), bearer, request.cookies.get(COOKIE))
    except CredentialError as error:
        raise NotSignedInError(str(error)) from None
    if found.csrf is not None and request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            form = await request.form()
            value = form.get("csrf")
            sent = value if isinstance(value, str) else None
        if not same_secret(sent, found.csrf):
            raise CsrfError("this request needs the session's CSRF token (reload the page and try again)")
    return found
