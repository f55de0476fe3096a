"""Statistics and indicators (``/api/v1/statistics``, ``/api/v1/indicators``): the case follow-up's
tables of figures and the threat-assessment panel, as JSON or, with ``format=csv`` or an
``Accept: text/csv`` header, as CSV. The use cases decide what the caller may see and audit it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel

from crossroads.api.callers import Caller, caller, store_of
from crossroads.service import figures, indicators, statistics
from crossroads.service.figures import Cell, Figures

router = APIRouter(prefix="/api/v1", tags=["statistics"])
Signed = Annotated[Caller, Depends(caller)]
Month = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$", description="A month, YYYY-MM.")]
Format = Annotated[
    Literal["json", "csv"] | None, Query(description="csv for a CSV file (or Accept: text/csv).")
]
CSV_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The figures."}
}


class Table(BaseModel):
    name: str
    columns: list[str]
    rows: list[list[int | str]]
    cases: int
    suppressed: bool
    filters: dict[str, str | None]


class IndicatorOut(BaseModel):
    name: str
    value: int | str
    previous: int | str
    trend: str


class PanelOut(BaseModel):
    as_of: date
    indicators: list[IndicatorOut]
    judicial_kind: str
    suppressed: bool


class SnapshotOut(BaseModel):
    snapshot: str
    as_of: date
    indicator: str
    value: int | str
    previous: int | str | None
    taken_by: str
    taken_at: datetime


class Taken(BaseModel):
    snapshot: str


def wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "csv"
    return "text/csv" in request.headers.get("accept", "")


def csv_answer(table: Figures, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response(figures.to_csv(table), media_type="text/csv; charset=utf-8", headers=headers)


def _answer(table: Figures, request: Request, fmt: str | None) -> Table | Response:
    if wants_csv(request, fmt):
        return csv_answer(table, table.name)
    rows = [list(row) for row in table.rows]
    return Table(name=table.name, columns=list(table.columns), rows=rows, cases=table.cases,
                 suppressed=table.suppressed, filters=table.filters)  # fmt: skip


def _route(kind: str, summary: str) -> None:
    def read(
        who: Signed,
        request: Request,
        start: Annotated[Month, Query(alias="from")] = None,
        end: Annotated[Month, Query(alias="to")] = None,
        municipality: Annotated[str | None, Query(max_length=200, description="Part of it.")] = None,
        agency: Annotated[str | None, Query(max_length=100, description="Only its reports.")] = None,
        format: Format = None,
    ) -> Table | Response:
        table = statistics.read(store_of(request), who.name, kind, start, end, municipality, agency)
        return _answer(table, request, format)

    read.__name__ = f"statistics_{kind.replace('-', '_')}"
    router.add_api_route(f"/statistics/{kind}", read, methods=["GET"], response_model=Table,
                         summary=summary, responses=CSV_ANSWER)  # fmt: skip


_route("flows", "Departures, returns and other flows per month")
_route("stock", "How many cases are in each status at the end of the last month")
_route("by-municipality", "Cases, departures, returns and stock per municipality")
_route("by-agency", "Cases, transitions, departures and returns per reporting agency")


@router.get("/indicators", response_model=PanelOut, summary="The threat-assessment indicators",
            responses=CSV_ANSWER)  # fmt: skip
def panel(who: Signed, request: Request, as_of: Month = None, format: Format = None) -> PanelOut | Response:
    shown = indicators.show(store_of(request), who.name, as_of)
    if wants_csv(request, format):
        rows: list[tuple[Cell, ...]] = [(i.name, i.value, i.previous, i.trend) for i in shown.indicators]
        return csv_answer(
            Figures("indicators", ("indicator", "value", "previous", "trend"), rows, 0), "indicators"
        )
    return PanelOut(as_of=shown.as_of, judicial_kind=shown.judicial_kind, suppressed=shown.suppressed,
                    indicators=[IndicatorOut(**vars(i)) for i in shown.indicators])  # fmt: skip


@router.post("/indicators/snapshots", response_model=Taken, status_code=201, summary="Take a snapshot")
def take(who: Signed, request: Request, as_of: Month = None) -> Taken:
    return Taken(snapshot=indicators.snapshot(store_of(request), who.name, as_of))


@router.get("/indicators/history", response_model=list[SnapshotOut], summary="Every snapshot, in order",
            responses=CSV_ANSWER)  # fmt: skip
def history(who: Signed, request: Request, format: Format = None) -> list[SnapshotOut] | Response:
    rows = indicators.history(store_of(request), who.name)
    if wants_csv(request, format):
        columns = ("as_of", "indicator", "value", "previous", "taken_by", "taken_at", "snapshot")
        table = Figures("history", columns,
                        [(str(r.as_of), r.indicator, r.value, "" if r.previous is None else r.previous,
                          r.taken_by, r.taken_at.isoformat(), r.snapshot) for r in rows], 0)  # fmt: skip
        return csv_answer(table, "indicator-history")
    return [SnapshotOut(**vars(r)) for r in rows]
