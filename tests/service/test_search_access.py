"""Hit/no-hit discovery and the person view pass need-to-know: a searcher learns which agencies hold
records on a matching person (agency, contact unit, count, recency) even where they may not read
them, never learns of a record hidden from discovery (NODISCOVERY) or, as a foreign partner, of a
NOFORN one, and every search and view is one audit entry with its terms and what it returned."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.errors import NotFoundError
from crossroads.service import admin
from crossroads.service import search as search_service
from crossroads.service.explain import latest_context
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.service.person import view
from crossroads.service.search import MIN_SCORE, Query, QueryError, search
from crossroads.store import audit_rows, resolution_runs
from crossroads.store.store import Store
from identity_factory import ROOT, agency, register, steward
from records_factory import write_jsonl

NOW = datetime(2026, 12, 1, tzinfo=UTC)
PERSON = {"birthDate": "1991-04-12", "gender": "male", "birthPlace": "Anderlecht"}


def rec(rid: str, source: str, name: str, classification: str = "restricted",
        caveats: list[str] | None = None, **props: str) -> dict[str, Any]:  # fmt: skip
    properties = {k: [v] for k, v in {"name": name, **PERSON, **props}.items()}
    return {"id": rid, "source": source, "properties": properties, "classification": classification,
            "caveats": caveats or []}  # fmt: skip


@pytest.fixture
def stored(store: Store, tmp_path: Path) -> Store:
    for code, kind in [("police.federal", "federal-police"), ("intel.civil", "civil-intelligence"),
                       ("prison.service", "prison-service")]:  # fmt: skip
        agency(store, code, kind)
    admin.add_unit(store, ROOT, "police.federal", "dir-ct", "Counter-terrorism directorate", contact=True)
    rows = [
        rec("a", "police.federal", "EL AMRANI Youssef", notes="seen at the station"),
        rec("b", "intel.civil", "Youssef Elamrani", "secret", ["NOFORN"], notes="source reporting"),
        rec("c", "prison.service", "Yusuf al-Amrani", "restricted", ["NODISCOVERY"], alias="Abou Hamza"),
        rec("d", "police.federal", "BAKKALI Samira", birthDate="1985-02-03", gender="female"),
    ]
    ingest_file(store, write_jsonl(tmp_path / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(
        store, "ltf.analyst", "analyst", agency="police.zone", kind="local-police", clearance="restricted"
    )
    register(store, "ocam.analyst", "analyst", agency="ocam", kind="threat-assessment", clearance="secret")
    register(store, "partner", "analyst", agency="partner.fr", kind="foreign-partner", country="FR")
    register(store, "prison.analyst", "analyst", agency="prison.service", kind="prison-service")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    return store


def entries(store: Store, action: str) -> list[audit.Entry]:
    with store.transaction() as conn:
        return [e for e in (audit.Entry(*r) for r in audit_rows.entries(conn)) if e.action == action]


def test_a_hit_names_every_holder_even_where_the_searcher_may_not_read(stored: Store) -> None:
    hits = search(stored, "ltf.analyst", "investigation", Query("Youssef El Amrani")).hits
    assert len(hits) == 1, hits
    hit = hits[0]
    held = {h.agency: h for h in hit.holders}
    assert set(held) == {"police.federal", "intel.civil"}  # prison.service hides its record
    assert held["police.federal"].contact == "Counter-terrorism directorate (police.federal/dir-ct)"
    assert held["intel.civil"].contact == "intel.civil"  # no contact unit named: the agency
    assert (held["police.federal"].records, held["police.federal"].readable) == (1, 1)
    assert (held["intel.civil"].records, held["intel.civil"].readable) == (1, 0)  # secret > restricted
    assert hit.names == ("EL AMRANI Youssef",)  # not the secret record's spelling, not the hidden alias
    assert "Abou Hamza" not in json.dumps(hit.__dict__, default=str)
    assert set(hit.records) == {"police.federal/a", "intel.civil/b"}
    [entry] = entries(stored, "search")
    detail = json.loads(entry.detail)
    assert entry.actor == "ltf.analyst" and entry.purpose == "investigation"
    assert detail["terms"]["name"] == "Youssef El Amrani"
    assert detail["hits"] == [
        {"entity": hit.entity, "records": sorted(hit.records, key=list(hit.records).index),
         "read": ["police.federal/a"]}
    ]  # fmt: skip


def test_a_record_hidden_from_discovery_gives_no_hit_outside_its_originator(stored: Store) -> None:
    # Only the hidden record carries the alias: outside the prison service the alias finds nobody.
    alias = Query("Abou Hamza", birth_date="1991")
    assert search(stored, "ocam.analyst", "investigation", alias).hits == []
    [own] = search(stored, "prison.analyst", "investigation", alias).hits
    assert {h.agency for h in own.holders} == {"police.federal", "intel.civil", "prison.service"}
    assert "Abou Hamza" in own.names
    [lone] = search(stored, "prison.analyst", "investigation", Query("Abu Hamza")).hits  # no birth year
    assert lone.entity == own.entity
    # The nom de guerre asked with a nisba, still without a year, finds the one stored without it.
    [nisba] = search(stored, "prison.analyst", "investigation", Query("Abu Hamza al-Beljiki")).hits
    assert nisba.entity == own.entity
    first = entries(stored, "search")[0]
    assert json.loads(first.detail)["hits"] == []  # no hit, yet recorded


def namesakes(store: Store, tmp_path: Path) -> None:
    """Sixty namesakes born on different days, resolved; an analyst to search them."""
    rows = [rec(f"n{k}", "police.federal", "ALAOUI Mohamed", birthDate=f"{1950 + k}-01-0{1 + k % 9}")
            for k in range(60)]  # fmt: skip
    ingest_file(store, write_jsonl(tmp_path / "n.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "an.analyst", "analyst")


def test_a_common_name_finds_every_namesake_and_says_when_the_limit_cuts(
    store: Store, tmp_path: Path
) -> None:
    # More namesakes than the batch's blocking would compare (50), all of them hits for a search,
    # the best few shown and the rest counted.
    namesakes(store, tmp_path)
    found = search(store, "an.analyst", "investigation", Query("Mohamed Alaoui"), limit=5)
    assert len(found.hits) == 5 and found.matched == 60
    everyone = search(store, "an.analyst", "investigation", Query("Mohamed Alaoui"), limit=100)
    assert len({r for h in everyone.hits for r in h.records}) == 60
    dated = search(store, "an.analyst", "investigation", Query("Mohamed Alaoui", birth_date="1953-01-04"))
    assert dated.hits[0].records == ("police.federal/n3",)


def test_a_common_name_finds_its_namesakes_however_many_records_are_stored(
    store: Store, tmp_path: Path
) -> None:
    # The same records weighed with the model of a store of a hundred million records: the prior (the
    # chance that two random records are one person) and every namesake's probability are eight
    # thousand times lower; the name stays as common as it is here. The evidence, the same as
    # before, still makes each a hit. (With the model estimated at a million demo records, the
    # commonest name's exact namesakes fell below ``MIN_SCORE`` at a million records already.)
    namesakes(store, tmp_path)
    with store.transaction() as conn:
        _, context = latest_context(conn)
        large = replace(context, model=context.model.for_records(100_000_000))
        assert large.model.prior_weight() < context.model.prior_weight() - 12
        now = datetime.now(UTC)
        resolution_runs.save(conn, started_at=now, finished_at=now, records=60, entities=60,
                             model_origin=large.origin, context=large.to_json())  # fmt: skip
    found = search(store, "an.analyst", "investigation", Query("Mohamed Alaoui"), limit=100)
    assert found.matched == 60
    assert max(hit.score for hit in found.hits) < MIN_SCORE  # the probability alone would find none
    # A namesake's evidence is the same as in the small store: its date still picks the one asked for.
    dated = search(store, "an.analyst", "investigation", Query("Mohamed Alaoui", birth_date="1953-01-04"))
    assert dated.hits[0].records == ("police.federal/n3",)


def test_a_name_held_by_more_records_than_a_search_weighs_still_finds_its_namesakes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sixty namesakes as if sixty were more than a search weighs for a key: the name's own key
    # is still used, the looser spelling keys are left out, and the answer says how many were.
    namesakes(store, tmp_path)
    monkeypatch.setattr(search_service, "SEARCH_BLOCK", 30)
    found = search(store, "an.analyst", "investigation", Query("Mohamed Alaoui"))
    assert found.matched == 60 and found.too_common >= 1
    # Past the name's own limit too, nobody is found, and the answer and its audit entry say why.
    monkeypatch.setattr(search_service, "NAME_BLOCK", 30)
    empty = search(store, "an.analyst", "investigation", Query("Mohamed Alaoui"))
    assert empty.matched == 0 and empty.too_common > found.too_common
    assert json.loads(entries(store, "search")[-1].detail)["too_common"] == empty.too_common


def test_a_nom_de_guerre_alone_held_by_more_records_than_weighed_is_said_to_be(
    stored: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Abu Hamza" without a year is looked up by its skeleton with any birth year, within the name's
    # own limit; past it, the search says so instead of finding nobody in silence.
    [found] = search(stored, "prison.analyst", "investigation", Query("Abu Hamza")).hits
    assert "Abou Hamza" in found.names
    monkeypatch.setattr(search_service, "NAME_BLOCK", 0)
    crowded = search(stored, "prison.analyst", "investigation", Query("Abu Hamza"))
    assert crowded.hits == [] and crowded.too_common == 1


def test_a_foreign_partner_learns_nothing_of_a_noforn_record(stored: Store) -> None:
    hits = search(stored, "partner", "investigation", Query("Youssef Elamrani")).hits
    assert all("intel.civil" not in {h.agency for h in hit.holders} for hit in hits)
    assert all("intel.civil/b" not in hit.records for hit in hits)


def test_the_person_view_shows_readable_content_only_and_explains_each_link(stored: Store) -> None:
    [hit] = search(stored, "ltf.analyst", "investigation", Query("Youssef El Amrani")).hits
    person = view(stored, "ltf.analyst", "investigation", hit.entity)
    shown = {r.ref: r for r in person.records}
    assert set(shown) == {"police.federal/a", "intel.civil/b"}
    assert shown["police.federal/a"].content["name"] == ["EL AMRANI Youssef"]
    assert shown["intel.civil/b"].content == {} and "secret" in shown["intel.civil/b"].reason
    assert shown["intel.civil/b"].link == ()
    link = "\n".join(shown["police.federal/a"].link)
    assert "police.federal/a ~ intel.civil/b" in link and "withheld" in link and "Elamrani" not in link
    text = json.dumps([r.__dict__ for r in person.records], default=str)
    assert "source reporting" not in text and "prison.service" not in text and "Abou Hamza" not in text
    full = view(stored, "ocam.analyst", "threat-assessment", hit.entity)
    assert {r.ref for r in full.records} == {"police.federal/a", "intel.civil/b"}
    assert all(r.content for r in full.records)
    assert "notes" not in {k for r in full.records for k in r.content if r.agency == "intel.civil"}
    views = entries(stored, "view")
    assert [(e.actor, json.loads(e.detail)["read"]) for e in views] == [
        ("ltf.analyst", ["police.federal/a"]),
        ("ocam.analyst", ["intel.civil/b", "police.federal/a"]),
    ]


def test_a_person_with_nothing_the_reader_may_know_of_is_answered_as_absent(stored: Store) -> None:
    [own] = search(stored, "prison.analyst", "investigation", Query("Abou Hamza", birth_date="1991")).hits
    hidden_only = [r for r in own.records if r.startswith("prison.service/")]
    assert hidden_only
    with pytest.raises(NotFoundError, match="no person 'E-nobody'"):
        view(stored, "ocam.analyst", "investigation", "E-nobody")
    refused = entries(stored, "view")
    assert json.loads(refused[-1].detail) == {
        "entity": "E-nobody",
        "refused": "no record the reader may know of",
    }


def test_oversight_searches_no_case_data_and_bad_terms_name_the_field(stored: Store) -> None:
    with pytest.raises(NotAllowedError, match="analyst or prevention-officer"):
        search(stored, "watcher", "oversight", Query("Youssef"))
    with pytest.raises(QueryError, match=r"birthDate\[0\]: '1991-13' has month 13"):
        search(stored, "ocam.analyst", "investigation", Query("Youssef", birth_date="1991-13"))
    with pytest.raises(QueryError, match="a name or an identifier"):
        search(stored, "ocam.analyst", "investigation", Query("  "))
    assert [e.actor for e in entries(stored, "refusal")] == ["watcher"]
    assert entries(stored, "search") == []  # nothing was searched


def test_lineage_withholds_a_reason_naming_a_record_the_reader_may_not_know_of(stored: Store) -> None:
    from crossroads.service.person import lineage
    from crossroads.store import resolution_runs

    [hit] = search(stored, "ocam.analyst", "investigation", Query("Youssef El Amrani")).hits
    with stored.transaction() as conn:  # a merge on arrival names the record that made it
        run = resolution_runs.latest_id(conn)
        assert run is not None
        why = "prison.service/c: its best pair reaches the link threshold"
        resolution_runs.add_lineage(conn, run, [("E-gone", "merged", hit.entity, 1, why)], NOW)
    outside = lineage(stored, "ocam.analyst", "investigation", hit.entity)
    assert [e.why for e in outside if e.entity == "E-gone"] == [
        "reason withheld: it names a record you may not know of"
    ]
    inside = lineage(stored, "prison.analyst", "investigation", "E-gone")  # merged away: still told
    assert [e.why for e in inside] == [why]
    with pytest.raises(NotFoundError, match="no resolution ever named 'E-nothing'"):
        lineage(stored, "ocam.analyst", "investigation", "E-nothing")
    assert [json.loads(e.detail).get("refused") for e in entries(stored, "view")][-1] is not None


def test_the_public_python_api_reads_through_need_to_know(stored: Store) -> None:
    import crossroads

    found = crossroads.search(stored, "ltf.analyst", "investigation", crossroads.Query("Youssef El Amrani"))
    person = crossroads.person(stored, "ltf.analyst", "investigation", found.hits[0].entity)
    assert {r.ref for r in person.records} == {"police.federal/a", "intel.civil/b"}  # not the hidden one
    assert [e.action for e in entries(stored, "search") + entries(stored, "view")] == ["search", "view"]
    with pytest.raises(AttributeError):
        crossroads.record_rows  # noqa: B018  (the store's rows are not an API)


def test_a_family_name_with_its_article_glued_on_finds_the_person(store: Store, tmp_path: Path) -> None:
    from crossroads.service.search import Query, search

    rows = [
        {
            "id": "g",
            "source": "police.federal",
            "properties": {"name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"]},
        },
        {
            "id": "h",
            "source": "police.federal",
            "properties": {
                "firstName": ["Fatma-Zahra"],
                "lastName": ["Bennani"],
                "birthDate": ["1993-02-11"],
            },
        },
    ]
    agency(store, "police.federal", "federal-police")
    ingest_file(store, write_jsonl(tmp_path / "g.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "glue.analyst", "analyst", agency="ocam", kind="threat-assessment")
    for typed in ("Youssef Elamrani", "ELAMRANI Youssef"):
        hits = search(store, "glue.analyst", "investigation", Query(typed, "1991")).hits
        assert [h.records for h in hits] == [("police.federal/g",)], typed
    # Family name first with nothing to say so: read given name first, "Elamrani" keeps its article;
    # the search also keys the name read the other way round.
    for year in ("1991", None):
        hits = search(store, "glue.analyst", "investigation", Query("Elamrani Youssef", year)).hits
        assert [h.records for h in hits] == [("police.federal/g",)], year
    # So with a compound given name: read given name first, "Bennani" would be the given name.
    hits = search(store, "glue.analyst", "investigation", Query("Bennani Fatma-Zahra")).hits
    assert [h.records for h in hits] == [("police.federal/h",)]
