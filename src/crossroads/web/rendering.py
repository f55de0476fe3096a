"""Rendering a page: the template environment, the reader's language, and who is signed in.

Templates translate their own words with ``_``, and say the engine's sentences (explanations,
need-to-know's reasons, the audit chain's verdict: ``crossroads.phrase``) with ``say``.

A page that needs a signed-in user gets it from ``signed``; without a live session the browser is
sent to the sign-in page and back afterwards. Forms carry the session's CSRF token (``csrf``), and
htmx sends it as a header (``hx-headers`` on the body), which ``api.callers`` checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from crossroads.access.model import Role
from crossroads.api.callers import Caller, NotSignedInError, caller
from crossroads.phrase import said
from crossroads.web import i18n

LANGUAGE_COOKIE = "crossroads_lang"
TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")  # autoescapes HTML


class SignInNeededError(Exception):
    """A page asked for without a live session: answered by a redirect to the sign-in page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


async def signed(request: Request) -> Caller:
    """FastAPI dependency for pages: the signed-in caller, else a redirect to sign in."""
    try:
        return await caller(request)
    except NotSignedInError:
        raise SignInNeededError(
            request.url.path + (f"?{request.url.query}" if request.url.query else "")
        ) from None


def language(request: Request) -> str:
    return i18n.chosen(request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language"))


def page(
    request: Request, template: str, who: Caller | None = None, status: int = 200, **values: Any
) -> HTMLResponse:
    lang = language(request)
    words = i18n.translations(lang)
    context = {
        "request": request, "_": words.gettext, "ngettext": words.ngettext, "lang": lang,
        "say": lambda value: said(value, words),  # the engine's sentences (``Phrase``), in the reader's words
        "languages": i18n.LANGUAGES, "who": who, "csrf": who.csrf if who else None, "Role": Role,
        "here": quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""), safe="/?=&"),
        **values,
    }  # fmt: skip
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)
