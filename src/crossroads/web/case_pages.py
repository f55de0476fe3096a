"""Case pages: the cases the user may see with their reminders, and one case's timeline, actions
and minors' decisions, with forms to record a transition, add an action and mark one done. Thin:
each page calls the use case, which decides what the reader may see and writes the audit trail."""

from __future__ import annotations

import gettext
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from crossroads.api.callers import Caller, store_of
from crossroads.api.routes_work import RowId
from crossroads.errors import InputFileError
from crossroads.service import case_views, cases
from crossroads.service.case_lifecycle import STATUSES
from crossroads.web import i18n
from crossroads.web.labels import ACTION_KINDS, CASE_CATEGORIES, CASE_STATUSES, REVIEW_DECISIONS
from crossroads.web.rendering import language, page, signed

router = APIRouter(include_in_schema=False)
Signed = Annotated[Caller, Depends(signed)]
Text = Annotated[str, Form(max_length=2000)]


def _words(request: Request) -> gettext.NullTranslations:
    return i18n.translations(language(request))


def _labels(request: Request) -> dict[str, Any]:
    words = _words(request)
    return {
        "statuses": {k: words.gettext(v) for k, v in CASE_STATUSES.items()},
        "categories": {k: words.gettext(v) for k, v in CASE_CATEGORIES.items()},
        "kinds": {k: words.gettext(v) for k, v in ACTION_KINDS.items()},
        "decisions": {k: words.gettext(v) for k, v in REVIEW_DECISIONS.items()},
    }


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputFileError(f"{field} {text!r}: a date such as 2016-03-04") from None


@router.get("/cases", response_class=HTMLResponse)
def case_list(
    request: Request,
    who: Signed,
    status: Annotated[str, Query(max_length=30)] = "",
    municipality: Annotated[str, Query(max_length=200)] = "",
    unit: Annotated[str, Query(max_length=201)] = "",
) -> HTMLResponse:
    store = store_of(request)
    found = case_views.list_cases(store, who.name, status or None, unit or None, municipality or None)
    reminders = case_views.due(store, who.name)
    return page(request, "cases.html", who, found=found, reminders=reminders, chosen=status,
                municipality=municipality, unit=unit, order=STATUSES, **_labels(request))  # fmt: skip


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(case_id: RowId, request: Request, who: Signed, notice: str | None = None) -> HTMLResponse:
    view = case_views.show(store_of(request), who.name, case_id)
    return page(request, "case.html", who, view=view, notice=notice, order=STATUSES,
                today=date.today().isoformat(), **_labels(request))  # fmt: skip


def _back(case_id: int, notice: str) -> RedirectResponse:
    return RedirectResponse(f"/cases/{case_id}?{urlencode({'notice': notice})}", 303)


@router.post("/cases/{case_id}/transitions")
def move(
    case_id: RowId,
    request: Request,
    who: Signed,
    status: Annotated[str, Form(max_length=30)],
    on: Annotated[str, Form(max_length=10)],
    note: Text = "",
    override: Text = "",
    share: Annotated[str, Form(max_length=3)] = "",
) -> RedirectResponse:
    cases.move(store_of(request), who.name, case_id, status, _day(on, "date"), note, None,
               override or None, share == "yes")  # fmt: skip
    words = _words(request)
    label = words.gettext(CASE_STATUSES.get(status, status))
    return _back(case_id, words.gettext("Transition recorded: %(status)s.") % {"status": label})


@router.post("/cases/{case_id}/actions")
def add_action(
    case_id: RowId,
    request: Request,
    who: Signed,
    kind: Annotated[str, Form(max_length=30)],
    description: Text,
    due_on: Annotated[str, Form(max_length=10)],
) -> RedirectResponse:
    made = cases.add_action(store_of(request), who.name, case_id, kind, description, _day(due_on, "due date"))
    return _back(case_id, _words(request).gettext("Action %(id)d added.") % {"id": made})


@router.post("/cases/{case_id}/actions/{action_id}/done")
def done(case_id: RowId, action_id: RowId, request: Request, who: Signed, outcome: Text) -> RedirectResponse:
    cases.complete_action(store_of(request), who.name, action_id, outcome)
    return _back(case_id, _words(request).gettext("Action %(id)d done.") % {"id": action_id})
