"""The Statistics page (flows per month, stock by status, figures by municipality and by agency,
each drawn as an inline SVG chart with its table) and the Indicators page (current values with
their trend, and each indicator's history from the snapshots). Thin: the use cases decide what the
reader may see, suppress small counts and write the audit trail; the CSV downloads are the API's."""

from __future__ import annotations

import gettext
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from crossroads.api.callers import Caller, store_of
from crossroads.service import indicators, statistics
from crossroads.service.figures import Figures
from crossroads.web import chart_svg, i18n
from crossroads.web.labels import CASE_STATUSES, FIGURE_COLUMNS, INDICATOR_NAMES, TRENDS
from crossroads.web.rendering import language, page, signed

router = APIRouter(include_in_schema=False)
Signed = Annotated[Caller, Depends(signed)]
MonthText = Annotated[str, Query(max_length=7)]


def _words(request: Request) -> gettext.NullTranslations:
    return i18n.translations(language(request))


def _column(name: str, words: gettext.NullTranslations) -> str:
    if name.startswith("at "):  # the stock's column: "at 2016-12-31"
        return words.gettext("At the end of %(day)s") % {"day": name[3:]}
    return words.gettext(FIGURE_COLUMNS.get(name, name))


def _columns(table: Figures, words: gettext.NullTranslations) -> list[str]:
    return [_column(c, words) for c in table.columns]


@router.get("/statistics", response_class=HTMLResponse)
def statistics_page(
    request: Request,
    who: Signed,
    start: Annotated[str, Query(alias="from", max_length=7)] = "",
    end: Annotated[str, Query(alias="to", max_length=7)] = "",
    municipality: Annotated[str, Query(max_length=200)] = "",
    agency: Annotated[str, Query(max_length=100)] = "",
) -> HTMLResponse:
    store, words = store_of(request), _words(request)
    asked = (start or None, end or None, municipality or None, agency or None)
    tables = {kind: statistics.read(store, who.name, kind, *asked) for kind in statistics.KINDS}
    flows, stock, places = tables["flows"], tables["stock"], tables["by-municipality"]
    statuses = {k: words.gettext(v) for k, v in CASE_STATUSES.items()}
    charts = {
        "flows": chart_svg.columns(
            [str(r[0]) for r in flows.rows], [[r[1] for r in flows.rows], [r[3] for r in flows.rows]]
        ),
        "stock": chart_svg.rows(
            [statuses.get(str(r[0]), str(r[0])) for r in stock.rows], [r[1] for r in stock.rows]
        ),
        "places": chart_svg.rows([str(r[0]) for r in places.rows], [r[1] for r in places.rows]),
    }
    query = {k: v for k, v in (("from", start), ("to", end), ("municipality", municipality),
                               ("agency", agency)) if v}  # fmt: skip
    downloads = {
        kind: f"/api/v1/statistics/{kind}?{urlencode({**query, 'format': 'csv'})}" for kind in tables
    }
    headers = {kind: _columns(t, words) for kind, t in tables.items()}
    return page(request, "statistics.html", who, tables=tables, charts=charts, headers=headers,
                downloads=downloads, statuses=statuses, start=start, end=end, municipality=municipality,
                agency=agency, suppressed=flows.suppressed)  # fmt: skip


@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, who: Signed, as_of: MonthText = "") -> HTMLResponse:
    """The panel for the month asked, else the latest snapshot's month, else this month."""
    store, words = store_of(request), _words(request)
    history = indicators.history(store, who.name)
    month = as_of or (f"{history[-1].as_of:%Y-%m}" if history else None)
    panel = indicators.show(store, who.name, month)
    latest: dict[str, dict[Any, Any]] = {name: {} for name in indicators.INDICATORS}
    for row in history:  # the last snapshot taken for each month
        latest.setdefault(row.indicator, {})[row.as_of] = row.value
    lines = {name: chart_svg.sparkline(list(by_month.values())) for name, by_month in latest.items()}
    names = {k: words.gettext(v) for k, v in INDICATOR_NAMES.items()}
    trends = {k: words.gettext(v) for k, v in TRENDS.items()}
    return page(request, "indicators.html", who, panel=panel, history=history, latest=latest, lines=lines,
                names=names, trends=trends, as_of=month or "")  # fmt: skip
