"""The analysts' journey in a real browser: Debian's Chromium, headless, driven by Playwright against
``crossroads serve`` running as its own process on a real store.

A local task-force analyst searches a name written in another convention and in Arabic script,
finds the person, sees that intelligence holds a record but not its content (NOFORN, ORCON), files
a request; the intelligence holder grants it; the analyst then reads it; a prevention officer sees
only the prevention-marked fields; oversight finds every step in the audit trail. Screenshots of
the key pages go to ``$CROSSROADS_SCREENSHOTS`` (``docs/screenshots`` refreshes the committed ones).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from crossroads.service import cases, sign_in
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl
from serving import serving

PASSWORD = "a long demo passphrase"
TOKENS: dict[str, str] = {}
CHROMIUM = os.environ.get("CROSSROADS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def person(rid: str, source: str, caveats: list[str], **properties: list[str]) -> dict[str, Any]:
    base = {"birthDate": ["1988-02-03"], "gender": ["male"]}
    return {"id": rid, "source": source, "classification": "restricted", "caveats": caveats,
            "properties": {**base, **properties}}  # fmt: skip


RECORDS = [
    person(
        "z-1",
        "police.zone.brussels-west",
        ["PREVENTION"],  # the zone shares it with prevention services
        name=["BAKKALI Karim"],
        address=["Rue de la Gare 12, 1080 Molenbeek"],
        phone=["+32 470 12 34 56"],
    ),
    person(
        "ic-7",
        "intel.civil",
        ["NOFORN", "ORCON"],
        name=["Karim El Bakkali", "كريم البقالي"],
        notes=["travel to the border region planned for March"],
    ),
    person("pv-3", "prevention.molenbeek", [], name=["Karim Bakkali"]),
    person(
        "z-2",
        "police.zone.brussels-west",
        [],
        name=["BAKKALI Samira"],
        birthDate=["1991-07-22"],
        gender=["female"],
    ),
    {
        "id": "z-9",
        "source": "police.zone.antwerp",
        "properties": {"name": ["Kareem BAKALI"], "gender": ["male"]},
    },
]  # z-9, without a birth date, is a close call: it waits in the review queue (from another zone:
# two records of one agency are seldom one person, and it would not be close enough to wait)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``crossroads serve`` on a prepared SQLite store; its base URL."""
    root = tmp_path_factory.mktemp("served")
    url = f"sqlite:///{root / 'store.sqlite'}"
    with Store(url) as store:
        agency(store, "police.zone.brussels-west", "local-police")
        agency(store, "police.zone.antwerp", "local-police")
        agency(store, "intel.civil", "civil-intelligence")
        agency(store, "prevention.molenbeek", "prevention")
        ingest_file(store, write_jsonl(root / "records.jsonl", RECORDS), user=steward(store))
        resolve_store(store, steward(store))
        register(store, "ltf.analyst", "analyst", agency="police.zone.brussels-west", kind="local-police")
        register(store, "intel.holder", "analyst", agency="intel.civil", kind="civil-intelligence")
        register(
            store, "prev.officer", "prevention-officer", agency="prevention.molenbeek", kind="prevention"
        )
        register(store, "oversight", "oversight", agency="committee.i", kind="oversight-body")
        for name in ("ltf.analyst", "intel.holder", "prev.officer", "oversight"):
            sign_in.set_password(store, ROOT, name, PASSWORD)
        TOKENS["steward"] = sign_in.issue_token(store, steward(store), "browser test uploads")
        with store.transaction() as conn:
            followed = record_rows.get(conn, "police.zone.brussels-west", "z-1").entity_id
        assert followed is not None
        case = cases.open_case(store, "ltf.analyst", followed, "foreign_fighter", municipality="Molenbeek")
        for status, on in (("in_transit", date(2015, 3, 10)), ("in_conflict_zone", date(2015, 4, 1)),
                           ("returned", date(2016, 5, 2))):  # fmt: skip
            cases.move(store, "ltf.analyst", case, status, on, note="from the zone's reports")
    with serving(url, root / "serve.log") as base:
        yield base


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: scripts/setup.sh installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


def shot(page: Page, name: str) -> None:
    folder = os.environ.get("CROSSROADS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def signed_in(browser: Browser, base: str, name: str) -> Page:
    page = browser.new_page(locale="en-GB", viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/")
    expect(page).to_have_url(f"{base}/sign-in?next=/")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {name}")).to_be_visible()
    page.wait_for_load_state("load")  # htmx listens from here on; someone typing earlier just presses Enter
    return page


def test_a_request_from_a_task_force_to_intelligence_end_to_end(served: str, chromium: Browser) -> None:
    analyst = signed_in(chromium, served, "ltf.analyst")
    shot(analyst, "01-search")
    search = analyst.get_by_label("Name, in any script or spelling")
    search.fill("Kariem Bakali")  # Dutch habits, one k dropped: typed live, no button pressed
    results = analyst.locator("#results")
    expect(results.get_by_role("cell", name="intel.civil", exact=True)).to_be_visible()
    search.fill("كريم البقالي")  # Arabic script
    expect(results.get_by_role("cell", name="intel.civil", exact=True)).to_be_visible()
    expect(results.get_by_role("cell", name="prevention.molenbeek", exact=True)).to_be_visible()
    shot(analyst, "02-results-arabic")
    results.get_by_role("link").first.click()
    withheld = analyst.get_by_role("article", name="intel.civil/ic-7", exact=True)
    expect(withheld).to_contain_text("ORCON: released only with the originator's grant")
    expect(analyst.get_by_text("travel to the border region")).to_have_count(0)
    withheld.get_by_label("Ask the holder for this record").check()
    analyst.get_by_label("Reason for the request").fill("same man as our zone's file; joint follow-up")
    shot(analyst, "03-person-withheld")
    analyst.get_by_role("button", name="File the request").click()
    expect(analyst.get_by_role("status")).to_contain_text("Request filed")
    person_url = analyst.url.split("?")[0]

    holder = signed_in(chromium, served, "intel.holder")
    holder.get_by_role("link", name="Requests").click()
    expect(holder.get_by_text("to answer")).to_be_visible()
    holder.get_by_label("Reason").fill("released for the joint follow-up")
    shot(holder, "04-requests-holder")
    holder.get_by_role("button", name="Grant").click()
    expect(holder.get_by_role("status")).to_contain_text("granted")

    analyst.goto(person_url)
    expect(analyst.get_by_text("travel to the border region planned for March")).to_be_visible()
    shot(analyst, "05-person-granted")

    prevention = signed_in(chromium, served, "prev.officer")
    prevention.get_by_label("Name, in any script or spelling").fill("Karim Bakkali")
    prevention.locator("#results").get_by_role("link").first.click()
    marked = prevention.get_by_role("article", name="police.zone.brussels-west/z-1", exact=True)
    expect(marked).to_contain_text("Rue de la Gare 12")
    expect(marked).not_to_contain_text("+32 470")  # a phone is not a prevention field
    expect(prevention.get_by_role("article", name="intel.civil/ic-7", exact=True)).to_contain_text(
        "Content not shown"
    )
    expect(prevention.get_by_text("travel to the border region")).to_have_count(0)
    shot(prevention, "06-person-prevention")

    oversight = signed_in(chromium, served, "oversight")
    rows = oversight.locator("table.audit tbody tr")
    steps = [("ltf.analyst", "search"), ("ltf.analyst", "rfi-file"), ("intel.holder", "grant")]
    steps += [("ltf.analyst", "view"), ("prev.officer", "view"), ("ltf.analyst", "sign-in")]
    for actor, action in steps:
        expect(rows.filter(has_text=actor).filter(has_text=action).first).to_be_visible()
    oversight.get_by_role("button", name="Verify the whole chain").click()
    expect(oversight.get_by_role("status")).to_contain_text("intact")
    shot(oversight, "07-audit")


def test_live_search_asks_once_per_change_and_a_click_on_a_result_is_not_raced(
    served: str, chromium: Browser
) -> None:
    """Every field searches as it is typed in, and leaving a field for a result does not search
    again. That late answer, with its history entry, raced the navigation to the person: once in
    CI the page stayed on the results after the click."""
    page = signed_in(chromium, served, "ltf.analyst")
    asked: list[str] = []
    page.on("request", lambda asking: asked.append(asking.url) if "/search/results" in asking.url else None)
    page.get_by_label("Name, in any script or spelling").fill("Karim Bakkali")
    expect(page.locator("#results").get_by_role("link").first).to_be_visible()
    with page.expect_response(lambda response: "birth_date=1988" in response.url):
        page.get_by_label("Birth date (YYYY, YYYY-MM or YYYY-MM-DD)").fill("1988")
    page.wait_for_timeout(400)  # past the trigger's delay: a late third ask would show here
    assert len(asked) == 2 and "birth_date=1988" in asked[1], asked
    page.locator("#results").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/persons/E[0-9a-f]{15}"))
    assert len(asked) == 2, asked  # the birth date field lost its focus to the click: no search


def test_the_review_page_takes_one_key_per_judgement_and_the_language_switches(
    served: str, chromium: Browser
) -> None:
    page = signed_in(chromium, served, "ltf.analyst")
    page.get_by_label("Language").select_option("nl")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name="Een persoon zoeken")).to_be_visible()
    page.get_by_label("Taal").select_option("fr")  # at once: the menu's listener is in place already
    expect(page.get_by_role("heading", name="Rechercher une personne")).to_be_visible()
    page.goto(f"{served}/review")  # the engine's evidence in the reader's language too
    evidence = page.locator("table").filter(has_text="Comparaison")
    expect(evidence.get_by_role("cell", name="date de naissance", exact=True)).to_be_visible()
    expect(evidence.get_by_role("cell", name="numéro de registre national", exact=True)).to_be_visible()
    expect(evidence).not_to_contain_text("birth_date")
    expect(evidence).not_to_contain_text("a record has no")
    page.get_by_label("Langue").select_option("en")
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    expect(page.get_by_text("3 pairs wait.")).to_be_visible()
    first = page.locator("h2").first.inner_text()
    shot(page, "08-review")
    page.get_by_role("heading", name="Review queue").click()  # out of the text field
    page.keyboard.press("d")  # one key, as soon as the page shows: different persons
    expect(page.get_by_role("status")).to_contain_text(f"Judgement recorded: {first}")
    expect(page.get_by_text("2 pairs wait.")).to_be_visible()


def test_watching_a_person_then_a_partners_notice_alerts_the_task_force(
    served: str, chromium: Browser
) -> None:
    analyst = signed_in(chromium, served, "ltf.analyst")
    analyst.get_by_label("Name, in any script or spelling").fill("Karim Bakkali")
    analyst.locator("#results").get_by_role("link").first.click()
    analyst.get_by_label("Reason (the responsible unit").fill("returned; judicial file opened")
    analyst.get_by_label("Review on").fill("2031-06-30")
    analyst.get_by_role("button", name="Watch", exact=True).click()
    expect(analyst.get_by_role("status")).to_contain_text("Watched")
    notice = {"id": "tr-88", "source": "prevention.molenbeek", "properties": {
        "name": ["Kerim BAKKALİ"], "birthDate": ["1988-02-03"], "gender": ["male"]}}  # fmt: skip
    sent = httpx.post(
        f"{served}/api/v1/records", files={"file": ("notice.jsonl", orjson.dumps(notice) + b"\n")},
        headers={"Authorization": f"Bearer {TOKENS['steward']}"}, timeout=30,
    )  # fmt: skip
    assert sent.status_code == 200 and sent.json()["resolved"] == {"attached": 1}, sent.text
    analyst.get_by_role("link", name="Alerts").click()
    alert = analyst.get_by_role("article").filter(has_text="prevention.molenbeek/tr-88")
    expect(alert).to_contain_text("a new record of the watched person")
    shot(analyst, "09-alerts")
    alert.get_by_label("Note").fill("seen by the zone's officers")
    alert.get_by_role("button", name="Acknowledge").click()
    expect(analyst.get_by_role("status")).to_contain_text("acknowledged")


def test_a_case_timeline_and_the_statistics_drawn_from_it(served: str, chromium: Browser) -> None:
    analyst = signed_in(chromium, served, "ltf.analyst")
    analyst.get_by_role("link", name="Cases", exact=True).click()
    analyst.locator("#list").locator("..").get_by_role("link").first.click()
    timeline = analyst.get_by_role("region", name="Timeline").get_by_role("listitem")
    expect(timeline).to_have_count(3)
    for entry, (on, status) in zip(timeline.all(), [("2015-03-10", "in transit"),
            ("2015-04-01", "in the conflict zone"), ("2016-05-02", "returned")], strict=True):  # fmt: skip
        expect(entry).to_contain_text(on)
        expect(entry).to_contain_text(status)
    shot(analyst, "10-case")
    analyst.get_by_role("link", name="Statistics", exact=True).click()
    flows = analyst.locator("svg").first
    expect(flows).to_be_visible()
    assert "2015-03" in analyst.locator("table").first.inner_text()  # the departure's month, as a figure
    shot(analyst, "11-statistics")


def test_the_api_documentation_renders_from_the_services_own_files(served: str, chromium: Browser) -> None:
    page = chromium.new_page()
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(f"{served}/docs")
    expect(page.get_by_text("/api/v1/search", exact=True)).to_be_visible(timeout=15000)
    expect(page.get_by_text("/api/v1/alerts", exact=True)).to_be_visible()
    assert not blocked, blocked
