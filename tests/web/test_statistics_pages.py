"""The Statistics and Indicators pages over a real store (SQLite and PostgreSQL): charts drawn as
inline SVG with a title, a description and the same figures in a table, labelled filters, CSV
download links, oversight's small counts as "<5", the nav links by role, and French and Dutch."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crossroads.api.app import create_app
from crossroads.service import indicators, sign_in
from crossroads.store.store import Store
from identity_factory import ROOT, register
from returnees_world import two_returnees
from sign_in_form import post_sign_in

PASSWORD = "a long demo passphrase"


@pytest.fixture
def browser(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    two_returnees(store, tmp_path)
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    for name in ("fusion", "watcher"):
        sign_in.set_password(store, ROOT, name, PASSWORD)
    indicators.snapshot(store, "fusion", "2016-02")
    indicators.snapshot(store, "fusion", "2016-05")
    with TestClient(create_app(store), follow_redirects=False) as client:
        yield client


def sign(client: TestClient, name: str, language: str = "en") -> None:
    client.cookies.set("crossroads_lang", language)
    answer = post_sign_in(client, name, PASSWORD, "/statistics")
    assert answer.status_code == 303


def test_the_statistics_page_draws_each_chart_with_its_text_and_table(browser: TestClient) -> None:
    sign(browser, "fusion")
    page = browser.get("/statistics", params={"from": "2015-03", "to": "2016-05"}).text
    assert page.count("<svg") >= 3 and page.count("<desc id=") == 3 and 'role="img"' in page
    assert re.search(r'aria-labelledby="flows-chart-t flows-chart-d"', page)
    assert "<title>2015-03 · Departures: 2</title>" in page  # the bar says its figure
    assert '<th scope="row">2015-03</th><td>2</td>' in page  # and the table gives it too
    assert '<th scope="row">in the conflict zone</th><td>1</td>' in page  # stock at 2016-05's end
    assert '<label for="from">From month</label>' in page and 'id="from" name="from" type="month"' in page
    assert 'href="/api/v1/statistics/flows?from=2015-03&amp;to=2016-05&amp;format=csv"' in page
    assert 'href="/statistics"' in page and 'href="/indicators"' in page  # in the nav
    csv = browser.get("/api/v1/statistics/flows?from=2015-03&to=2016-05&format=csv")
    assert csv.status_code == 200 and csv.text.startswith("month,departures")
    bad = browser.get("/statistics", params={"from": "2016-13"})
    assert bad.status_code == 422 and "a month such as 2016-03" in bad.text


def test_the_indicators_page_shows_values_trends_and_history(browser: TestClient) -> None:
    sign(browser, "fusion")
    page = browser.get("/indicators").text  # the latest snapshot's month: 2016-05
    assert '<th scope="row">Returns (last 3 months)</th><td>1</td><td>0</td>' in page
    assert "↑</span> up" in page and "<polyline points=" in page
    assert page.count("2016-02-29") == 5 and page.count("2016-05-31") >= 5  # the snapshots' rows


def test_oversight_sees_small_counts_suppressed(browser: TestClient) -> None:
    sign(browser, "watcher")
    page = browser.get("/statistics").text
    assert "Counts from 1 to 4 are shown as &lt;5." in page
    assert '<th scope="row">2015-03</th><td>&lt;5</td>' in page and "-hatch)" in page


@pytest.mark.parametrize(("language", "words"), [
    ("fr", ("Statistiques", "Départs et retours par mois", "Télécharger en CSV", "Indicateurs")),
    ("nl", ("Statistieken", "Vertrekken en terugkeren per maand", "Downloaden als CSV", "Indicatoren")),
])  # fmt: skip
def test_the_pages_in_french_and_dutch(browser: TestClient, language: str, words: tuple[str, ...]) -> None:
    sign(browser, "fusion", language)
    page = browser.get("/statistics").text + browser.get("/indicators").text
    assert all(w in page for w in words), [w for w in words if w not in page]


def test_the_chart_layout_scales_bars_and_draws_a_suppressed_count_as_a_stub() -> None:
    from crossroads.web import chart_svg

    chart = chart_svg.columns(["2016-01", "2016-02"], [[4, "<5"], [0, 2]])
    [a, zero, hidden, two] = chart.bars  # by month, then by series
    assert (a.label, a.value, zero.height, hidden.value, hidden.suppressed) == ("2016-01", 4, 0.0, "<5", True)
    assert two.height == a.height / 2 and two.height < hidden.height < a.height  # a stub, not a figure
    assert [t.text for t in chart.scale] == ["0", "2", "4"]
    assert chart_svg.sparkline([1]) == "" and len(chart_svg.sparkline([1, 3, 2]).split()) == 3


def test_month_labels_under_a_column_chart_never_overlap() -> None:
    from crossroads.web import chart_svg

    for months in (3, 15, 24, 60):
        names = [f"{2012 + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
        chart = chart_svg.columns(names, [[1] * months, [0] * months])
        xs = [tick.x for tick in chart.labels]
        assert xs and names[0] == chart.labels[0].text
        assert all(b - a >= chart_svg.LABEL_WIDTH for a, b in itertools.pairwise(xs)), months
        assert len(xs) == months or months > 10  # short series keep every label
