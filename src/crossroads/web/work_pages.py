"""Work pages: requests for information (file, grant, refuse), the review queue (one key press per
judgement), uploads with their quarantine report, quarantined rows, and the audit browser."""

from __future__ import annotations

import gettext
from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from crossroads.access.audit import ACTIONS
from crossroads.api.callers import Caller, store_of
from crossroads.api.routes_work import RowId, ingest_upload, shown_entry
from crossroads.errors import InputFileError
from crossroads.resolve import reasons
from crossroads.resolve.comparisons import SAID
from crossroads.service import alerts, audit, quarantine, requests, review
from crossroads.service.review import explain_queued
from crossroads.web import i18n
from crossroads.web.labels import ALERT_KINDS, ALERT_STATUSES, ARRIVAL_ACTIONS, FIELDS
from crossroads.web.rendering import language, page, signed

router = APIRouter(include_in_schema=False)
Signed = Annotated[Caller, Depends(signed)]
Text = Annotated[str, Form(max_length=2000)]


def _words(request: Request) -> gettext.NullTranslations:
    return i18n.translations(language(request))


@router.get("/requests", response_class=HTMLResponse)
def inbox(request: Request, who: Signed, notice: str | None = None) -> HTMLResponse:
    words = _words(request)
    found = requests.inbox(store_of(request), who.name)
    verdicts = {"granted": words.gettext("granted"), "refused": words.gettext("refused")}
    return page(request, "requests.html", who, inbox=found, verdicts=verdicts, notice=notice)


@router.post("/requests")
def file_request(
    request: Request,
    who: Signed,
    reason: Text,
    entity: Annotated[str, Form(max_length=100)],
    purpose: Annotated[str, Form(max_length=40)] = "investigation",
    records: Annotated[list[str], Form(max_length=100)] = [],  # noqa: B006
) -> RedirectResponse:
    requests.file(store_of(request), who.name, purpose, records, reason)
    return RedirectResponse(f"/persons/{entity}?purpose={purpose}&filed=1", 303)


@router.post("/requests/{request_id}/answer")
def answer(
    request_id: RowId,
    request: Request,
    who: Signed,
    record: Annotated[str, Form(max_length=301)],
    reason: Text,
    grant: Annotated[str, Form(pattern="^(yes|no)$")],
    days: Annotated[int, Form(ge=1, le=90)] = 30,
) -> RedirectResponse:
    item = requests.answer(store_of(request), who.name, request_id, record, grant == "yes", reason, days)
    words = _words(request)
    notice = words.gettext("%(ref)s: %(verdict)s.") % {
        "ref": item.ref,
        "verdict": words.gettext(item.verdict or ""),
    }
    return RedirectResponse(f"/requests?{urlencode({'notice': notice})}", 303)


@router.get("/review", response_class=HTMLResponse)
def queue(request: Request, who: Signed, notice: str | None = None) -> HTMLResponse:
    store = store_of(request)
    waiting = review.pending(store, who.name)
    item = waiting[0] if waiting else None
    shown = explain_queued(store, item, who.name) if item is not None else None
    pair = review.sides(store, item, who.name) if item is not None else None
    labels = {k: _words(request).gettext(v) for k, v in FIELDS.items()}
    why = reasons.reread(item.reason) if item is not None else None  # said in the reader's language
    return page(request, "review.html", who, item=item, why=why, shown=shown, pair=pair, field_labels=labels,
                comparisons=SAID, waiting=len(waiting), notice=notice)  # fmt: skip


@router.post("/review")
def judge(
    request: Request,
    who: Signed,
    a: Annotated[str, Form(max_length=301)],
    b: Annotated[str, Form(max_length=301)],
    verdict: Annotated[str, Form(pattern="^(same|different|unsure)$")],
    reason: Text,
) -> RedirectResponse:
    review.judge(store_of(request), a, b, verdict, who.name, reason)
    notice = _words(request).gettext("Judgement recorded: %(a)s / %(b)s.") % {"a": a, "b": b}
    return RedirectResponse(f"/review?{urlencode({'notice': notice})}", 303)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, who: Signed) -> HTMLResponse:
    return page(request, "upload.html", who, report=None, message=None)


@router.post("/upload", response_class=HTMLResponse)
def upload(
    request: Request,
    who: Signed,
    file: Annotated[UploadFile, File()],
    mapping: Annotated[UploadFile | None, File()] = None,
    source: Annotated[str, Form(max_length=100)] = "",
) -> HTMLResponse:
    has_mapping = mapping is not None and bool(mapping.filename)
    try:
        report = ingest_upload(
            store_of(request), who.name, file, mapping if has_mapping else None, source or None, False
        )
    except InputFileError as error:
        return page(request, "upload.html", who, status=422, report=None, message=str(error))
    return page(request, "upload.html", who, report=report, message=None, actions=ARRIVAL_ACTIONS)


@router.get("/quarantine", response_class=HTMLResponse)
def quarantined(request: Request, who: Signed, notice: str | None = None) -> HTMLResponse:
    entries = [shown_entry(e) for e in quarantine.list_entries(store_of(request), who.name, limit=200)]
    return page(request, "quarantine.html", who, entries=entries, notice=notice)


@router.post("/quarantine/{entry_id}/retry", response_model=None)
def retry(
    entry_id: RowId, request: Request, who: Signed, row: Annotated[str, Form(max_length=1_000_000)]
) -> HTMLResponse | RedirectResponse:
    """A corrected row replayed: stored if it passes now, else the page again with what is still wrong."""
    [outcome] = quarantine.retry(store_of(request), who.name, [entry_id], {entry_id: row})
    words = _words(request)
    if outcome.accepted:
        notice = words.gettext("Row %(id)d accepted: record %(record)s stored.") % {
            "id": entry_id, "record": outcome.record_id or ""
        }  # fmt: skip
        return RedirectResponse(f"/quarantine?{urlencode({'notice': notice})}", 303)
    entries = [shown_entry(e) for e in quarantine.list_entries(store_of(request), who.name, limit=200)]
    problems = "; ".join(f"{p.field}: {p.message}" for p in outcome.problems)
    notice = words.gettext("Row %(id)d still refused: %(problems)s") % {"id": entry_id, "problems": problems}
    return page(request, "quarantine.html", who, status=422, entries=entries, notice=notice, failed=True)


@router.get("/audit", response_class=HTMLResponse)
def trail(
    request: Request,
    who: Signed,
    actor: Annotated[str, Query(max_length=100)] = "",
    action: Annotated[str, Query(max_length=40)] = "",
    since: Annotated[str, Query(max_length=25)] = "",
) -> HTMLResponse:
    after = _since(since)
    entries = audit.read_trail(store_of(request), who.name, actor or None, action or None, after, 200)
    return page(request, "audit.html", who, entries=entries, actions=sorted(ACTIONS), actor=actor,
                action=action, since=since, verdict=None)  # fmt: skip


@router.post("/audit/verify", response_class=HTMLResponse)
def verify(request: Request, who: Signed) -> HTMLResponse:
    verdict = audit.verify(store_of(request), who.name)
    entries = audit.read_trail(store_of(request), who.name, None, None, None, 200)
    return page(request, "audit.html", who, entries=entries, actions=sorted(ACTIONS), actor="", action="",
                since="", verdict=verdict)  # fmt: skip


def _since(text: str) -> datetime | None:
    if not text.strip():
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputFileError(
            f"since {text!r}: a date such as 2026-12-01, or a time such as 2026-12-01T08:00"
        ) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@router.get("/alerts", response_class=HTMLResponse)
def alert_inbox(
    request: Request,
    who: Signed,
    status: Annotated[str, Query(max_length=20)] = "",
    notice: str | None = None,
) -> HTMLResponse:
    words = _words(request)
    found = alerts.inbox(store_of(request), who.name, status or None)
    return page(
        request, "alerts.html", who, found=found, chosen=status, notice=notice,
        kinds={k: words.gettext(v) for k, v in ALERT_KINDS.items()},
        statuses={k: words.gettext(v) for k, v in ALERT_STATUSES.items()},
        field_labels={k: words.gettext(v) for k, v in FIELDS.items()},
    )  # fmt: skip


@router.post("/alerts/{alert_id}")
def handle_alert(
    alert_id: RowId,
    request: Request,
    who: Signed,
    action: Annotated[str, Form(pattern="^(acknowledge|assign|close)$")],
    note: Annotated[str, Form(max_length=2000)] = "",
    assignee: Annotated[str, Form(max_length=100)] = "",
) -> RedirectResponse:
    status = alerts.handle(store_of(request), who.name, alert_id, action, note, assignee or None)
    words = _words(request)
    notice = words.gettext("Alert %(id)d: %(status)s.") % {
        "id": alert_id,
        "status": words.gettext(ALERT_STATUSES[status]),
    }
    return RedirectResponse(f"/alerts?{urlencode({'notice': notice})}", 303)


@router.post("/watchlist")
def add_watch(
    request: Request,
    who: Signed,
    entity: Annotated[str, Form(max_length=64)],
    reason: Text,
    review_on: Annotated[str, Form(max_length=10)],
) -> RedirectResponse:
    try:
        review = date.fromisoformat(review_on)
    except ValueError:
        raise InputFileError(f"review date {review_on!r}: a date such as 2027-06-30") from None
    alerts.watch(store_of(request), who.name, entity, reason, review)
    return RedirectResponse(f"/persons/{entity}?watched=1", 303)
