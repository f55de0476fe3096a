"""The case pages over a real store (SQLite and PostgreSQL): the list with its reminders, a case's
timeline, a transition and an action recorded from the forms (a refused one shows the reason on
the page), labelled controls, and the pages in French and Dutch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crossroads.api.app import create_app
from crossroads.service import cases, sign_in
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import ROOT, register, steward
from records_factory import write_jsonl
from sign_in_form import post_sign_in

PASSWORD = "a long demo passphrase"


@pytest.fixture
def browser(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    row = {"id": "a", "source": "police.federal",
           "properties": {"name": ["BAKKALI Karim"], "birthDate": ["1988-02-03"]}}  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", [row]), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "ltf", "analyst", agency="police.federal")
    sign_in.set_password(store, ROOT, "ltf", PASSWORD)
    with store.transaction() as conn:
        entity = str(record_rows.get(conn, "police.federal", "a").entity_id)
    case_id = cases.open_case(
        store, "ltf", entity, "foreign_fighter", municipality="1080 Molenbeek-Saint-Jean"
    )
    cases.move(store, "ltf", case_id, "in_conflict_zone", date(2015, 5, 1), note="seen in Raqqa")
    with TestClient(create_app(store), follow_redirects=False) as client:
        yield client


def signed_in(client: TestClient) -> str:
    answer = post_sign_in(client, "ltf", PASSWORD, "/cases")
    assert answer.status_code == 303
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/cases").text)
    assert found
    return found.group(1)


def test_the_case_list_and_page_show_the_timeline_and_the_forms_record_transitions_and_actions(
    browser: TestClient,
) -> None:
    csrf = signed_in(browser)
    listed = browser.get("/cases", params={"municipality": "molenbeek"}).text
    assert 'href="/cases/1"' in listed and "in the conflict zone" in listed and "No action due." in listed
    assert browser.get("/cases", params={"status": "returned"}).text.count('href="/cases/1"') == 0
    page = browser.get("/cases/1").text
    assert "2015-05-01" in page and "seen in Raqqa" in page
    for control in ("move-status", "move-on", "move-note", "move-override", "action-kind", "action-due"):
        assert f'<label for="{control}">' in page and f'id="{control}"' in page  # every field labelled
    moved = browser.post(
        "/cases/1/transitions", data={"csrf": csrf, "status": "returned", "on": "2016-02-01"}
    )
    assert moved.status_code == 303 and "Transition+recorded" in moved.headers["location"]
    refused = browser.post(
        "/cases/1/transitions", data={"csrf": csrf, "status": "in_transit", "on": "2016-03-01"}
    )
    assert refused.status_code == 422 and "not a move the lifecycle allows after" in refused.text
    today = date.today().isoformat()
    action = {"csrf": csrf, "kind": "prison", "description": "visit", "due_on": today}
    added = browser.post("/cases/1/actions", data=action)
    assert added.status_code == 303
    assert "visit" in browser.get("/cases").text.split('id="list"')[0]  # among the reminders
    done = browser.post("/cases/1/actions/1/done", data={"csrf": csrf, "outcome": "visited"})
    assert done.status_code == 303 and "No action due." in browser.get("/cases").text
    no_csrf = browser.post("/cases/1/transitions", data={"status": "arrested", "on": "2016-02-02"})
    assert no_csrf.status_code == 403


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", ["Chronologie", "en zone de conflit"]), ("nl", ["Tijdlijn", "in het conflictgebied"])],
)
def test_the_case_page_speaks_french_and_dutch(browser: TestClient, language: str, words: list[str]) -> None:
    signed_in(browser)
    page = browser.get("/cases/1", headers={"Accept-Language": language}).text
    assert all(w in page for w in words)
