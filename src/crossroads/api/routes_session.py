"""Signing in and out (browser sessions), the caller's own account, and their API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from crossroads.access import credentials
from crossroads.api.callers import COOKIE, Caller, caller, store_of
from crossroads.service import sign_in

router = APIRouter(prefix="/api/v1", tags=["session"])
Signed = Annotated[Caller, Depends(caller)]


class Credentials(BaseModel):
    name: str = Field(max_length=100)
    password: str = Field(max_length=credentials.MAX_PASSWORD)


class Me(BaseModel):
    name: str
    agency: str
    unit: str | None
    clearance: str
    roles: list[str]
    csrf: str | None = Field(
        None, description="Send it back as X-CSRF-Token on changes made with the session cookie."
    )


class NewToken(BaseModel):
    label: str = Field(min_length=1, max_length=200)
    days: int = Field(credentials.TOKEN_DAYS, ge=1, le=credentials.MAX_TOKEN_DAYS)


class IssuedToken(BaseModel):
    token: str = Field(description="Shown once: only its digest is kept.")
    prefix: str


class PasswordChange(BaseModel):
    current: str = Field(max_length=credentials.MAX_PASSWORD)
    new: str = Field(max_length=credentials.MAX_PASSWORD)


def client_of(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def set_cookie(response: Response, request: Request, session: credentials.Session) -> None:
    response.set_cookie(
        COOKIE, session.secret, expires=session.expires_at, httponly=True, samesite="strict",
        secure=request.app.state.secure_cookies, path="/",
    )  # fmt: skip


def me_of(who: Caller) -> Me:
    user = who.user
    return Me(
        name=user.name, agency=user.agency, unit=user.unit, clearance=user.clearance.value,
        roles=sorted(r.value for r in user.roles), csrf=who.csrf,
    )  # fmt: skip


@router.post("/session", response_model=Me, summary="Sign in: opens a browser session (cookie)")
def open_session(body: Credentials, request: Request, response: Response) -> Me:
    store = store_of(request)
    session = sign_in.sign_in(store, body.name, body.password, client_of(request))
    set_cookie(response, request, session)
    user, csrf = sign_in.session_user(store, session.secret)
    return me_of(Caller(user, csrf))


@router.delete("/session", status_code=204, summary="Sign out")
def close_session(who: Signed, request: Request, response: Response) -> None:
    secret = request.cookies.get(COOKIE)
    if secret:
        sign_in.sign_out(store_of(request), secret)
    response.delete_cookie(COOKIE, path="/")


@router.get("/me", response_model=Me, summary="Who the caller is")
def me(who: Signed) -> Me:
    return me_of(who)


@router.put(
    "/me/password", status_code=204, summary="Change one's own password (every session ends: sign in again)"
)
def change_password(body: PasswordChange, who: Signed, request: Request) -> None:
    sign_in.change_password(store_of(request), who.name, body.current, body.new)


@router.post("/tokens", response_model=IssuedToken, status_code=201, summary="Issue an API token for oneself")
def issue_token(body: NewToken, who: Signed, request: Request) -> IssuedToken:
    token = sign_in.issue_token(store_of(request), who.name, body.label, body.days)
    return IssuedToken(token=token, prefix=credentials.token_prefix(token))


class TokenView(BaseModel):
    prefix: str
    label: str
    created_at: datetime
    expires_at: datetime
    revoked: bool


@router.get("/tokens", response_model=list[TokenView], summary="One's API tokens (never their secrets)")
def list_tokens(who: Signed, request: Request) -> list[TokenView]:
    return [TokenView(**vars(t)) for t in sign_in.tokens(store_of(request), who.name)]


@router.delete("/tokens/{prefix}", status_code=204, summary="Revoke one of one's API tokens")
def revoke_token(prefix: str, who: Signed, request: Request) -> None:
    sign_in.revoke_token(store_of(request), who.name, prefix)
