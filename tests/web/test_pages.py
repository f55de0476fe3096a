"""The web interface over a real store (SQLite and PostgreSQL) through FastAPI's test client: pages
need a session, forms need its CSRF token, search and the person page show holdings but not
withheld content, a request is filed and granted from the pages, and the pages speak French and
Dutch. (The same journey in a real browser: tests/browser.)"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from crossroads.api.app import create_app
from crossroads.service import realtime, search, sign_in
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl
from search_lane import lane_taken
from sign_in_form import post_sign_in

PASSWORD = "a long demo passphrase"


def rec(rid: str, source: str, caveats: list[str], **extra: list[str]) -> dict[str, Any]:
    properties = {"name": ["BAKKALI Karim"], "birthDate": ["1988-02-03"], "gender": ["male"], **extra}
    return {"id": rid, "source": source, "properties": properties, "classification": "restricted",
            "caveats": caveats}  # fmt: skip


@pytest.fixture
def app_store(store: Store, tmp_path: Path) -> Store:
    agency(store, "police.federal", "federal-police")
    agency(store, "intel.civil", "civil-intelligence")
    rows = [
        rec("a", "police.federal", []),
        rec("n", "intel.civil", ["NOFORN", "ORCON"], notes=["travel plans"]),
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "ltf", "analyst", agency="police.zone", kind="local-police", clearance="secret")
    register(store, "intel", "analyst", agency="intel.civil", kind="civil-intelligence")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    for name in ("ltf", "intel", "watcher"):
        sign_in.set_password(store, ROOT, name, PASSWORD)
    return store


@pytest.fixture
def browser(app_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(app_store), follow_redirects=False) as client:
        yield client


def signed_in(client: TestClient, name: str) -> str:
    """Signs ``name`` in through the form; the CSRF token the pages carry."""
    answer = post_sign_in(client, name, PASSWORD, "/search")
    assert answer.status_code == 303 and answer.headers["location"] == "/search"
    page = client.get("/search").text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_a_page_without_a_session_sends_to_sign_in_and_back(browser: TestClient) -> None:
    answer = browser.get("/persons/E1?purpose=investigation")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=/persons/E1%3Fpurpose%3Dinvestigation"
    assert post_sign_in(browser, "ltf", "wrong password!").status_code == 401
    away = post_sign_in(browser, "ltf", PASSWORD, "//evil.example/")
    assert away.headers["location"] == "/"  # never to another site


def test_a_sign_in_posted_without_the_forms_token_is_refused(browser: TestClient) -> None:
    """Login CSRF: another site's page can post a name and password here, but cannot read or set
    the form's cookie; the post is refused, no session is opened, and the form shown anew works."""
    forged = browser.post("/sign-in", data={"name": "ltf", "password": PASSWORD, "next": "/search"})
    assert forged.status_code == 403
    assert "crossroads_session" not in forged.cookies
    browser.get("/sign-in")  # the cookie now set, but a token not taken from the form
    guessed = browser.post("/sign-in", data={"name": "ltf", "password": PASSWORD, "form_token": "guess"})
    assert guessed.status_code == 403
    assert browser.get("/search").status_code == 303  # still signed out
    assert post_sign_in(browser, "ltf", PASSWORD, "/search").status_code == 303


def test_search_and_person_show_holders_but_not_withheld_content_and_a_request_goes_through(
    browser: TestClient,
) -> None:
    csrf = signed_in(browser, "ltf")
    results = browser.get("/search/results", params={"name": "Karim Bakkali", "birth_date": "1988"}).text
    assert "intel.civil" in results and "police.federal" in results
    entity = re.search(r'href="/persons/(E[0-9a-f]+)\?', results)
    assert entity
    person = browser.get(f"/persons/{entity.group(1)}").text
    assert "travel plans" not in person and 'value="intel.civil/n"' in person
    form = {
        "entity": entity.group(1),
        "purpose": "investigation",
        "records": ["intel.civil/n"],
        "reason": "joint file",
    }
    assert browser.post("/requests", data=form).status_code == 403  # no CSRF token: refused
    filed = browser.post("/requests", data={**form, "csrf": csrf})
    assert filed.status_code == 303 and "filed=1" in filed.headers["location"]
    browser.cookies.clear()
    holder_csrf = signed_in(browser, "intel")
    inbox = browser.get("/requests").text
    request_id = re.search(r'action="/requests/(\d+)/answer"', inbox)
    assert request_id
    answer = {
        "csrf": holder_csrf,
        "record": "intel.civil/n",
        "reason": "released",
        "days": "10",
        "grant": "yes",
    }
    assert browser.post(f"/requests/{request_id.group(1)}/answer", data=answer).status_code == 303
    browser.cookies.clear()
    signed_in(browser, "ltf")
    # NOFORN does not bind a Belgian local police zone; ORCON is released by the grant.
    assert "travel plans" in browser.get(f"/persons/{entity.group(1)}").text


def test_oversight_reads_the_audit_trail_and_an_analyst_may_not(browser: TestClient) -> None:
    signed_in(browser, "ltf")
    browser.get("/search/results", params={"name": "Karim Bakkali"})
    refused = browser.get("/audit")
    assert refused.status_code == 403 and "oversight" in refused.text
    browser.cookies.clear()
    post_sign_in(browser, "watcher", PASSWORD, "/audit")
    trail = browser.get("/audit", params={"actor": "ltf", "action": "search"}).text
    assert "Karim Bakkali" in trail and "read the audit trail" not in trail
    refusals = browser.get("/audit", params={"actor": "ltf", "action": "refusal"}).text
    assert "read the audit trail" in refusals and "Karim Bakkali" not in refusals


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "Rechercher une personne"), ("nl", "Een persoon zoeken")]
)
def test_the_pages_speak_the_chosen_language(browser: TestClient, language: str, words: str) -> None:
    signed_in(browser, "ltf")
    switched = browser.get("/language", params={"code": language, "next": "/search"})
    assert switched.status_code == 303
    page = browser.get("/search").text
    assert words in page and f'<html lang="{language}">' in page
    assert "Search for a person" not in page


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", ["ORCON : communiqué seulement avec l'accord de l'auteur", "  probabilité ", "créée",
                "fiches d'une personne jamais vue auparavant"]),
        ("nl", ["ORCON: alleen vrijgegeven met de toestemming van de opsteller", "  waarschijnlijkheid ",
                "aangemaakt", "records van een persoon die nog niet eerder gezien werd"]),
    ],
)  # fmt: skip
def test_the_engines_words_are_in_the_chosen_language_too(
    browser: TestClient, language: str, said: list[str]
) -> None:
    """A hit's reason, need-to-know's reason for withheld content, a link's explanation and the
    history's events and their reasons: the engine's sentences, said in the reader's language."""
    signed_in(browser, "ltf")
    browser.get("/language", params={"code": language, "next": "/search"})
    results = html.unescape(browser.get("/search/results", params={"name": "Karim Bakkali"}).text)
    why = re.findall(r'<p class="why" dir="auto">([^<]*)</p>', results)
    assert why and all("withheld (" not in w and "name " not in w for w in why), why
    entity = re.search(r'href="/persons/(E[0-9a-f]+)\?', results)
    assert entity
    person = html.unescape(browser.get(f"/persons/{entity.group(1)}").text)
    assert all(words in person for words in said), person
    for english in (
        "released only with",
        "probability ",
        "start: ",
        "no evidence",
        "withheld (",
        "not seen before",
    ):
        assert english not in person


def steward_on_upload(browser: TestClient, app_store: Store, language: str = "en") -> str:
    """The data steward signed in on the upload page, in ``language``; the page's CSRF token."""
    sign_in.set_password(app_store, ROOT, steward(app_store), PASSWORD)
    post_sign_in(browser, steward(app_store), PASSWORD, "/upload")
    browser.get("/language", params={"code": language, "next": "/upload"})
    found = re.search(r'name="csrf" value="([^"]+)"', browser.get("/upload").text)
    assert found
    return found.group(1)


def test_a_steward_uploads_sees_the_refused_row_and_fixes_it_on_the_page(
    browser: TestClient, app_store: Store
) -> None:
    csrf = steward_on_upload(browser, app_store)
    row = {
        "id": "q1",
        "source": "police.federal",
        "properties": {"name": ["X Y"], "birthDate": ["1990-02-31"]},
    }
    bad = orjson.dumps(row) + b"\n"
    report = browser.post("/upload", data={"csrf": csrf}, files={"file": ("fed.jsonl", bad)}).text
    assert "properties.birthDate[0]" in report and "<td>1</td>" in report  # line 1, the field named
    listed = browser.get("/quarantine").text
    entry = re.search(r'action="/quarantine/(\d+)/retry"', listed)
    assert entry and "1990-02-31" in listed
    still = browser.post(f"/quarantine/{entry.group(1)}/retry", data={"csrf": csrf, "row": bad.decode()})
    assert still.status_code == 422 and "still refused" in still.text
    fixed = bad.decode().replace("1990-02-31", "1990-02-28")
    done = browser.post(f"/quarantine/{entry.group(1)}/retry", data={"csrf": csrf, "row": fixed})
    assert done.status_code == 303 and "accepted" in done.headers["location"]
    assert "No open quarantined row." in browser.get("/quarantine").text


def test_an_upload_says_in_the_readers_language_what_arrival_did_and_what_waits_for_review(
    browser: TestClient, app_store: Store
) -> None:
    """Karim's name without a birth date: a person of its own, and its pairs with his records wait
    for an analyst; the page says both in French and links to the review queue."""
    csrf = steward_on_upload(browser, app_store, language="fr")
    undated = {
        "id": "u1",
        "source": "police.federal",
        "properties": {"name": ["BAKKALI Karim"], "gender": ["male"]},
    }
    sent = orjson.dumps(undated) + b"\n"
    answer = browser.post("/upload", data={"csrf": csrf}, files={"file": ("fed.jsonl", sent)})
    report = html.unescape(answer.text)
    assert "Résolues à l'arrivée: nouvelle personne 1" in report
    waiting = re.search(r"Paires en attente du jugement d'un analyste: <a href=\"/review\">(\d+)</a>", report)
    assert waiting and int(waiting.group(1)) >= 1


def test_an_upload_too_large_to_resolve_record_by_record_says_so_in_the_readers_language(
    browser: TestClient, app_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``ARRIVALS_LIMIT`` changed records, one batch run links them better than one by one:
    the page says so in Dutch (the limit is lowered here so that one record is past it)."""
    monkeypatch.setattr(realtime, "ARRIVALS_LIMIT", 0)
    csrf = steward_on_upload(browser, app_store, language="nl")
    row = {"id": "big1", "source": "police.federal", "properties": {"name": ["BAKKALI Karim"]}}
    sent = orjson.dumps(row) + b"\n"
    answer = browser.post("/upload", data={"csrf": csrf}, files={"file": ("fed.jsonl", sent)})
    assert "1 dossiers gewijzigd: koppel ze in één keer (crossroads resolve)" in html.unescape(answer.text)


@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [
        ("/persons/E1?purpose=investigation", "/persons/E1?purpose=investigation"),
        ("//evil.example/", "/"),
        ("/\t/evil.example/", "/"),  # browsers drop the tab: it would become //evil.example/
        ("/\\evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_after_sign_in_the_browser_only_goes_to_a_path_of_this_site(asked: str, sent_to: str) -> None:
    from crossroads.web.pages import safe_next

    assert safe_next(asked) == sent_to


def test_the_review_queues_reason_is_said_in_the_chosen_language(
    browser: TestClient, app_store: Store, tmp_path: Path
) -> None:
    """The queue keeps its reasons as English text; the page says the waiting pair's in French."""
    rows = [
        rec("y", "police.federal", [], birthDate=["1988"]),  # the year only: uncertain
        rec("z", "police.federal", [], birthDate=["1988-09-30"]),  # a namesake born that year
    ]
    ingest_file(app_store, write_jsonl(tmp_path / "more.jsonl", rows), user=steward(app_store))
    resolve_store(app_store, steward(app_store))
    signed_in(browser, "ltf")
    browser.get("/language", params={"code": "fr", "next": "/review"})
    page = html.unescape(browser.get("/review").text)
    assert "incertain : entre 0.5 et le seuil de lien 0.9" in page
    assert "uncertain: between" not in page


def test_a_name_too_common_to_weigh_is_said_and_a_birth_date_asked_for(
    browser: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two records are held under each of the name's keys: as if that were more than a search weighs.
    monkeypatch.setattr(search, "SEARCH_BLOCK", 1)
    monkeypatch.setattr(search, "NAME_BLOCK", 1)
    signed_in(browser, "ltf")
    note = "add a birth date to weigh those too"
    page = html.unescape(browser.get("/search/results?name=Karim+Bakkali&purpose=investigation").text)
    assert note in page and "No person matches" in page
    dated = browser.get("/search/results?name=Karim+Bakkali&birth_date=1988-02-03&purpose=investigation")
    assert note not in html.unescape(dated.text)  # found by the name with its date: nothing to add
    assert "1 person matches" in html.unescape(dated.text)


def test_the_search_pages_wait_for_the_search_lane_like_the_api(browser: TestClient) -> None:
    """The search page and its live results run in the searches' lane (``callers.in_search_lane``):
    while it is taken they wait, and other pages are answered meanwhile."""
    signed_in(browser, "ltf")
    answers: list[Any] = []

    def ask(path: str) -> None:
        answers.append(browser.get(path, params={"name": "Karim Bakkali", "birth_date": "1988"}))

    waiting = [threading.Thread(target=ask, args=(path,)) for path in ("/search", "/search/results")]
    try:
        with lane_taken(browser):
            for thread in waiting:
                thread.start()
            waiting[-1].join(timeout=1.0)
            held_up = [thread.is_alive() for thread in waiting], len(answers)
            others = browser.get("/requests").status_code
    finally:  # the lane is free again: every request ends before the client closes, whatever happened
        for thread in waiting:
            thread.join(timeout=30)
    assert held_up == ([True, True], 0) and others == 200
    assert len(answers) == 2 and all(a.status_code == 200 and "police.federal" in a.text for a in answers)
