"""The pages for people: sign-in, search (live as one types, any script), a person, and the
language switch. Work pages (requests, review, upload, quarantine, audit) are in ``work_pages``,
case follow-up in ``case_pages``.
Each page calls the use case the API calls, so need-to-know and the audit trail are the same."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from crossroads.access.credentials import CredentialError, TooManyAttemptsError
from crossroads.access.model import Role
from crossroads.access.policy import Purpose
from crossroads.api.callers import COOKIE, Caller, in_search_lane, store_of
from crossroads.api.routes_session import client_of, set_cookie
from crossroads.errors import CrossroadsError
from crossroads.service import person, relationships, search, sign_in
from crossroads.service.search import Found
from crossroads.service.search import Query as SearchQuery
from crossroads.web import case_pages, i18n, network_svg, relation_pages, statistics_pages, work_pages
from crossroads.web.labels import FIELDS, LINEAGE_EVENTS, PURPOSES, TITLES
from crossroads.web.rendering import LANGUAGE_COOKIE, TEMPLATES, SignInNeededError, language, page, signed

router = APIRouter(include_in_schema=False)
Signed = Annotated[Caller, Depends(signed)]


#: A path on this site and its query, in plain URL characters: no scheme, no "//" host, no backslash,
#: whitespace or control character (browsers drop tabs and newlines, so "/\t/host" would become "//host").
_LOCAL_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9/_.~%?=&+:;,@!$'()*-]*")


def safe_next(value: str | None) -> str:
    """Only a path on this site: a sign-in must never send the browser elsewhere."""
    return value if value and _LOCAL_PATH.fullmatch(value) else "/"


def default_purpose(who: Caller) -> Purpose:
    reads_all = who.user.has(Role.ANALYST)
    return Purpose.INVESTIGATION if reads_all else Purpose.PREVENTION


def purposes(request: Request, who: Caller) -> list[tuple[str, str]]:
    words = i18n.translations(language(request))
    allowed = PURPOSES if who.user.has(Role.ANALYST) else {Purpose.PREVENTION: PURPOSES[Purpose.PREVENTION]}
    return [(p.value, words.gettext(label)) for p, label in allowed.items()]


@router.get("/")
def home(who: Signed) -> RedirectResponse:
    if who.user.has(Role.ANALYST) or who.user.has(Role.PREVENTION_OFFICER):
        return RedirectResponse("/search", 303)
    if who.user.has(Role.DATA_STEWARD):
        return RedirectResponse("/upload", 303)
    if who.user.has(Role.OVERSIGHT):
        return RedirectResponse("/audit", 303)
    return RedirectResponse("/me", 303)


@router.get("/docs", response_class=HTMLResponse)
def api_documentation(request: Request) -> HTMLResponse:
    """The API's documentation (Swagger UI over ``/openapi.json``), from this service's own files."""
    return TEMPLATES.TemplateResponse(request, "docs.html", {})


@router.get("/me", response_class=HTMLResponse)
def me(request: Request, who: Signed) -> HTMLResponse:
    words = i18n.translations(language(request))
    return page(request, "error.html", who, title=words.gettext("Nothing to show"),
                message=words.gettext("Your roles give you no page here."))  # fmt: skip


#: The sign-in form's own token (double submit): a cookie only this site's pages can have set, and
#: the same value in the form. Without it, another site could post its own user name and password
#: here and have an analyst work, unknowingly, in a session of the attacker's (login CSRF).
FORM_COOKIE = "crossroads_sign_in"


def sign_in_page(request: Request, next_url: str, name: str = "", message: str | None = None,
                 status: int = 200, renew: bool = False) -> HTMLResponse:  # fmt: skip
    """The form, with the token of the cookie it is sent with (a new one when there is none, or
    when ``renew``)."""
    token = (None if renew else request.cookies.get(FORM_COOKIE)) or secrets.token_urlsafe(32)
    answer = page(request, "sign_in.html", status=status, next_url=next_url, name=name, message=message,
                  form_token=token)  # fmt: skip
    answer.set_cookie(FORM_COOKIE, token, max_age=3600, httponly=True, samesite="strict",
                      secure=request.app.state.secure_cookies, path="/sign-in")  # fmt: skip
    return answer


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_form(request: Request, next: str = "/") -> HTMLResponse:
    return sign_in_page(request, safe_next(next))


@router.post("/sign-in", response_model=None)
def sign_in_submit(
    request: Request,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2000)] = "/",
    form_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    words = i18n.translations(language(request))
    expected = request.cookies.get(FORM_COOKIE, "")
    if not expected or not secrets.compare_digest(expected.encode(), form_token.encode()):
        message = words.gettext(
            "This sign-in form has expired or was not sent from this site; sign in again here."
        )
        return sign_in_page(request, safe_next(next), name, message, status=403, renew=True)
    try:
        session = sign_in.sign_in(store_of(request), name, password, client_of(request))
    except TooManyAttemptsError as error:
        message = words.gettext("Sign-in is locked after repeated failures; try again in %(s)d seconds.") % {
            "s": error.retry_after
        }
        return sign_in_page(request, safe_next(next), name, message, status=429)
    except CredentialError:
        message = words.gettext("Wrong user name or password.")
        return sign_in_page(request, safe_next(next), name, message, status=401)
    response = RedirectResponse(safe_next(next), 303)
    set_cookie(response, request, session)
    response.delete_cookie(FORM_COOKIE, path="/sign-in")
    return response


@router.post("/sign-out")
def sign_out(request: Request, who: Signed) -> RedirectResponse:
    secret = request.cookies.get(COOKIE)
    if secret:
        sign_in.sign_out(store_of(request), secret)
    response = RedirectResponse("/sign-in", 303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/language")
def switch_language(code: str, next: str = "/") -> RedirectResponse:
    response = RedirectResponse(safe_next(next), 303)
    if code in i18n.LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 86400, samesite="lax", path="/")
    return response


def _search(
    request: Request, who: Caller, name: str, birth_date: str, nationality: str, purpose: str | None
) -> dict[str, Any]:
    chosen = purpose or default_purpose(who).value
    query = SearchQuery(
        name.strip(), birth_date.strip() or None, (nationality.strip(),) if nationality.strip() else ()
    )
    found: Found | None = None
    message = None
    if query.name or query.birth_date:
        try:
            found = search.search(store_of(request), who.name, chosen, query)
        except CrossroadsError as error:
            message = str(error)
    return {"query": query, "found": found, "message": message, "purpose": chosen,
            "purposes": purposes(request, who)}  # fmt: skip


SearchText = Annotated[str, Query(max_length=300)]
Short = Annotated[str, Query(max_length=60)]


async def _searched(
    template: str,
    request: Request,
    who: Caller,
    name: str,
    birth_date: str,
    nationality: str,
    purpose: str | None,
) -> HTMLResponse:
    """A search page (whole, or its live results), searched and made in the searches' lane."""
    values = (request, who, name, birth_date, nationality, purpose)
    return await in_search_lane(request, lambda: page(request, template, who, **_search(*values)))


@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request, who: Signed, name: SearchText = "", birth_date: Short = "", nationality: Short = "",
    purpose: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:  # fmt: skip
    return await _searched("search.html", request, who, name, birth_date, nationality, purpose)


@router.get("/search/results", response_class=HTMLResponse)
async def search_results(
    request: Request, who: Signed, name: SearchText = "", birth_date: Short = "", nationality: Short = "",
    purpose: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:  # fmt: skip
    return await _searched("_results.html", request, who, name, birth_date, nationality, purpose)


@router.get("/persons/{entity}", response_class=HTMLResponse)
def person_page(
    entity: str, request: Request, who: Signed, purpose: Annotated[str | None, Query(max_length=40)] = None,
    filed: int = 0, watched: int = 0,
) -> HTMLResponse:  # fmt: skip
    chosen = purpose or default_purpose(who).value
    view = person.view(store_of(request), who.name, chosen, entity)
    words = i18n.translations(language(request))
    labels = {k: words.gettext(v) for k, v in FIELDS.items()}
    purpose_label = words.gettext(PURPOSES.get(Purpose(chosen), chosen))
    network = relationships.network(store_of(request), who.name, chosen, entity)
    kinds, groups = relation_pages.kind_labels(request)
    return page(
        request, "person.html", who, view=view, purpose=chosen, purpose_label=purpose_label,
        field_labels=labels, can_request=who.user.has(Role.ANALYST), filed=filed, watched=watched,
        withheld=any(not r.content for r in view.records), network=network,
        drawing=network_svg.layout(network.nodes, network.edges), kinds=kinds, groups=groups,
        direct=relation_pages.direct_relations(network),
        events={k: words.gettext(v) for k, v in LINEAGE_EVENTS.items()},
    )  # fmt: skip


def render_error(request: Request, error: CrossroadsError, status: int) -> Response:
    """A domain error on a page: the page's frame with the message (the same words the API gives)."""
    if isinstance(error, CredentialError) and status == 401:
        return RedirectResponse(f"/sign-in?next={quote(request.url.path)}", 303)
    words = i18n.translations(language(request))
    return page(request, "error.html", None, status=status,
                title=words.gettext(TITLES.get(status, TITLES[422])), message=str(error))  # fmt: skip


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.include_router(router)
    app.include_router(work_pages.router)
    app.include_router(relation_pages.router)
    app.include_router(case_pages.router)
    app.include_router(statistics_pages.router)
    app.state.render_error = render_error

    async def to_sign_in(_request: Request, error: Exception) -> Response:
        assert isinstance(error, SignInNeededError)
        return RedirectResponse(f"/sign-in?next={quote(error.next_url)}", 303)

    app.add_exception_handler(SignInNeededError, to_sign_in)
