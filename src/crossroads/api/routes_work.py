"""Daily work beside search: uploading an agency's records (with the quarantine report), the
quarantined rows, requests for information and their answers, and the review queue."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from crossroads.access.policy import Purpose
from crossroads.api.callers import Caller, caller, store_of
from crossroads.errors import InputFileError
from crossroads.service import quarantine, realtime, requests, review
from crossroads.service.ingest import ingest_file
from crossroads.store.quarantine_rows import Entry
from crossroads.store.store import Store

router = APIRouter(prefix="/api/v1", tags=["work"])
Signed = Annotated[Caller, Depends(caller)]

#: Row numbers are 32-bit in the store (SQLite and PostgreSQL INTEGER); larger ones are refused as invalid.
MAX_ID = 2**31 - 1
RowId = Annotated[int, PathParam(ge=1, le=MAX_ID)]

#: The largest upload taken over HTTP; larger exports go through ``crossroads ingest``.
MAX_UPLOAD = 512 * 1024 * 1024
SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv")


class RowProblem(BaseModel):
    field: str = Field(description="Where in the row, e.g. properties.birthDate[0].")
    code: str
    message: str


class RefusedRow(RowProblem):
    line: int


class UploadReport(BaseModel):
    batch_id: str
    file: str
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    withdrawn: int
    quarantined: int
    problems_by_code: dict[str, int]
    first_refused: list[RefusedRow] = Field(description="The first refused rows; all are in the quarantine.")
    resolved: dict[str, int] = Field(
        description="What resolution on arrival did: attached, created, merged..."
    )
    changed: int = Field(0, description="Records this upload added, changed or brought back.")
    queued_for_review: int = Field(
        0, description="Pairs the arrivals put in the review queue for an analyst's judgement."
    )
    note: str | None = None


def _saved(upload: UploadFile, folder: Path) -> Path:
    name = Path(upload.filename or "upload.jsonl").name
    if not name.lower().endswith(SUFFIXES):
        raise InputFileError(f"{name}: upload JSON Lines (.jsonl) or CSV (.csv, with its mapping)")
    return _copied(upload, folder / name)


def _copied(upload: UploadFile, path: Path) -> Path:
    """The upload written to ``path``, refused as soon as it passes ``MAX_UPLOAD`` (not after)."""
    written = 0
    with path.open("wb") as out:
        while chunk := upload.file.read(1024 * 1024):
            written += len(chunk)
            if written > MAX_UPLOAD:
                raise InputFileError(
                    f"{path.name}: larger than {MAX_UPLOAD // 2**20} MiB; use crossroads ingest"
                )
            out.write(chunk)
    return path


@router.post(
    "/records", response_model=UploadReport, summary="Upload an agency's records; bad rows go to quarantine"
)
def upload(
    who: Signed,
    request: Request,
    file: Annotated[UploadFile, File(description="JSON Lines (FORMAT.md) or CSV with a mapping.")],
    mapping: Annotated[UploadFile | None, File(description="The CSV column mapping (TOML).")] = None,
    source: Annotated[str | None, Form(max_length=100)] = None,
    full: Annotated[bool, Form(description="The file is the agency's complete export.")] = False,
) -> UploadReport:
    return ingest_upload(store_of(request), who.name, file, mapping, source, full)


def ingest_upload(
    store: Store, user: str, file: UploadFile, mapping: UploadFile | None, source: str | None, full: bool
) -> UploadReport:
    """An uploaded file ingested as ``crossroads ingest`` does it, then resolved on arrival."""
    with tempfile.TemporaryDirectory(prefix="crossroads-upload-") as folder:
        path = _saved(file, Path(folder))
        mapping_path = _saved_mapping(mapping, Path(folder)) if mapping is not None else None
        report = ingest_file(store, path, user=user, source=source, mapping=mapping_path, full=full)
    resolved: Counter[str] = Counter()
    queued, note = 0, None
    if report.touched and realtime.resolved_before(store):
        note = realtime.too_many_to_resolve(len(report.touched))
        if note is None:
            arrivals = realtime.resolve_arrivals(store, user, report.touched)
            resolved.update(a.decision.action for a in arrivals)
            queued = realtime.queued_for_review(arrivals)
    c = report.counts
    return UploadReport(
        batch_id=report.batch_id, file=report.file, rows_read=c.rows_read, inserted=c.inserted,
        updated=c.updated, unchanged=c.unchanged, withdrawn=c.withdrawn, quarantined=c.quarantined,
        problems_by_code=dict(report.problems_by_code),
        first_refused=[RefusedRow(line=r.line, field=p.field, code=p.code, message=p.message)
                       for r in report.samples[:50] for p in r.problems[:1]],
        resolved=dict(resolved), changed=len(report.touched), queued_for_review=queued, note=note,
    )  # fmt: skip


def _saved_mapping(upload: UploadFile, folder: Path) -> Path:
    return _copied(upload, folder / "mapping.toml")


class QuarantineEntry(BaseModel):
    id: int
    batch_id: str
    source: str | None
    file_name: str
    line: int
    record_id: str | None
    field: str
    code: str
    message: str
    problems: list[RowProblem]
    raw: str = Field(description="The row as received (undecodable bytes shown as U+FFFD).")
    status: str
    created_at: datetime


def shown_entry(e: Entry) -> QuarantineEntry:
    return QuarantineEntry(
        id=e.id, batch_id=e.batch_id, source=e.source, file_name=e.file_name, line=e.line,
        record_id=e.record_id, field=e.field, code=e.code, message=e.message,
        problems=[RowProblem(field=p["field"], code=p["code"], message=p["message"]) for p in e.problems],
        raw=e.raw_bytes.decode("utf-8", errors="replace"), status=e.status, created_at=e.created_at,
    )  # fmt: skip


@router.get("/quarantine", response_model=list[QuarantineEntry], summary="Quarantined rows, oldest first")
def list_quarantine(
    who: Signed,
    request: Request,
    source: Annotated[str | None, Query(max_length=100)] = None,
    code: Annotated[str | None, Query(max_length=100)] = None,
    status: Literal["open", "resolved", "discarded"] = "open",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> list[QuarantineEntry]:
    found = quarantine.list_entries(
        store_of(request), who.name, status=status, source=source, code=code, limit=limit, offset=offset
    )
    return [shown_entry(e) for e in found]


@router.get("/quarantine/{entry_id}", response_model=QuarantineEntry, summary="One quarantined row")
def show_quarantine(entry_id: RowId, who: Signed, request: Request) -> QuarantineEntry:
    return shown_entry(quarantine.show(store_of(request), who.name, entry_id))


class Correction(BaseModel):
    row: str | None = Field(
        None,
        max_length=1_000_000,
        description="The corrected row (JSON; a CSV row as its cells); none: as it was.",
    )


class Retried(BaseModel):
    accepted: bool
    record_id: str | None
    problems: list[RowProblem] = Field(description="What is still wrong, when it was refused again.")


@router.post(
    "/quarantine/{entry_id}/retry", response_model=Retried, summary="Replay one row, corrected or not"
)
def retry_quarantine(entry_id: RowId, body: Correction, who: Signed, request: Request) -> Retried:
    replacements = {entry_id: body.row} if body.row is not None else None
    [outcome] = quarantine.retry(store_of(request), who.name, [entry_id], replacements)
    problems = [RowProblem(field=p.field, code=p.code, message=p.message) for p in outcome.problems]
    return Retried(accepted=outcome.accepted, record_id=outcome.record_id, problems=problems)


class NewRequest(BaseModel):
    records: list[str] = Field(
        min_length=1, max_length=100, description="SOURCE/ID of each record asked for."
    )
    reason: str = Field(min_length=1, max_length=2000)
    purpose: Purpose = Purpose.INVESTIGATION


class Filed(BaseModel):
    requests: list[int]


class Answer(BaseModel):
    record: str = Field(max_length=301)
    grant: bool
    reason: str = Field(min_length=1, max_length=2000)
    days: int = Field(30, ge=1, le=90)


@router.get(
    "/requests", response_model=list[requests.Request], summary="Requests one's agency filed or must answer"
)
def inbox(who: Signed, request: Request) -> list[requests.Request]:
    return requests.inbox(store_of(request), who.name)


@router.post("/requests", response_model=Filed, status_code=201, summary="Ask holders for records' content")
def file_request(body: NewRequest, who: Signed, request: Request) -> Filed:
    ids = requests.file(store_of(request), who.name, body.purpose.value, body.records, body.reason)
    return Filed(requests=ids)


@router.post(
    "/requests/{request_id}/answers", response_model=requests.Item, summary="Grant or refuse one record"
)
def answer(request_id: RowId, body: Answer, who: Signed, request: Request) -> requests.Item:
    return requests.answer(
        store_of(request), who.name, request_id, body.record, body.grant, body.reason, body.days
    )


class Waiting(BaseModel):
    id: int
    a: str
    b: str
    probability: float
    reason: str


class Judgement(BaseModel):
    a: str = Field(max_length=301)
    b: str = Field(max_length=301)
    verdict: Literal["same", "different", "unsure"]
    reason: str = Field(min_length=1, max_length=2000)


@router.get(
    "/review", response_model=list[Waiting], summary="Pairs waiting for an analyst, closest calls first"
)
def waiting(who: Signed, request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[Waiting]:
    found = review.pending(store_of(request), who.name, limit)
    return [
        Waiting(id=q.id, a="/".join(q.a), b="/".join(q.b), probability=q.probability, reason=q.reason)
        for q in found
    ]


@router.post("/review/judgements", response_model=review.Recorded, status_code=201, summary="Judge one pair")
def judge(body: Judgement, who: Signed, request: Request) -> review.Recorded:
    return review.judge(store_of(request), body.a, body.b, body.verdict, who.name, body.reason)
