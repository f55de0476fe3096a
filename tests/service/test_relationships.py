"""Relationships on a real store (SQLite and PostgreSQL): Family and Associate records are read
apart from person records, shared addresses and phones relate persons, need-to-know hides or
withholds what the reader may not learn, the network stops at its depth, the cells group watched
persons, every view is in the audit trail, and no relationship ever merges two persons."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads.access import audit
from crossroads.errors import NotFoundError
from crossroads.records.relations import kind_of, validate_relation
from crossroads.service import alerts, relationships
from crossroads.service.ingest import ingest_file
from crossroads.service.link import link_file, resolve_store
from crossroads.store import audit_rows, record_rows, relationship_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl

FED, INTEL = "police.federal", "intel.civil"
TODAY = date(2026, 12, 4)


def person(rid: str, name: str, born: str, source: str = FED, **props: str) -> dict[str, Any]:
    properties = {"name": [name], "birthDate": [born], "gender": ["male"]}
    properties.update({k: [v] for k, v in props.items()})
    return {"id": rid, "source": source, "schema": "Person", "properties": properties}


def family(rid: str, a: str, b: str, word: str, source: str = FED, **marking: Any) -> dict[str, Any]:
    props = {"person": [a], "relative": [b], "relationship": [word]}
    return {"id": rid, "source": source, "schema": "Family", "properties": props, **marking}


def associate(rid: str, a: str, b: str, word: str, source: str = FED) -> dict[str, Any]:
    props = {"person": [a], "associate": [b], "relationship": [word]}
    return {"id": rid, "source": source, "schema": "Associate", "properties": props}


BROTHERS = [
    person("a", "EL AMRANI Youssef", "1991-04-12", address="Rue de Ribaucourt 12, 1080 Molenbeek"),
    person("b", "EL AMRANI Bilal", "1993-08-02", address="Ribaucourtstraat 12, 1080 Sint-Jans-Molenbeek"),
    person("c", "EL AMRANI Hamza", "1989-01-20"),
    person("f", "TAHIRI Karim", "1990-05-05", phone="+32 470 12 34 56"),
    person("g", "BOUZIDI Anouar", "1970-03-03", phone="0470/12.34.56"),
    person("h", "LAHLOU Soufiane", "1995-09-09"),
]
LINKS = [
    family("rel-1", f"{FED}/a", f"{FED}/c", "broer"),  # Dutch: c is a's brother
    family("rel-2", f"{FED}/c", f"{FED}/g", "father"),  # g is c's father
    associate("rel-3", f"{FED}/a", f"{FED}/f", "ami d'enfance"),
]


def entity(store: Store, rid: str, source: str = FED) -> str:
    with store.transaction() as conn:
        found = record_rows.get(conn, source, rid).entity_id
    assert found is not None
    return found


@pytest.fixture
def world(store: Store, tmp_path: Path) -> Store:
    agency(store, FED, "federal-police")
    agency(store, INTEL, "civil-intelligence")
    rows = BROTHERS + LINKS
    report = ingest_file(store, write_jsonl(tmp_path / "in.jsonl", rows), user=steward(store))
    assert report.relationships == 3 and report.counts.quarantined == 0
    assert len(report.touched) == len(BROTHERS)  # relationship records are never resolved
    resolve_store(store, steward(store))
    register(store, "ltf", "analyst", agency="police.zone", kind="local-police")
    register(store, "intel", "analyst", agency=INTEL, kind="civil-intelligence")
    return store


def trail(store: Store) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        entries = [audit.Entry(*r) for r in audit_rows.entries(conn)]
    return [orjson.loads(e.detail) for e in entries if e.action == "view"]


def test_family_and_associate_rows_are_read_as_relations_never_as_persons() -> None:
    checked = validate_relation(
        family("r", "police.zone/x-1", "x-2", "Sœur", source="police.zone", caveats=["noforn"]),
        line=3, default_source=None, today=TODAY,
    )  # fmt: skip
    relation = checked.relation
    assert relation is not None and checked.problems == []
    assert (relation.person, relation.other, relation.kind) == (
        ("police.zone", "x-1"), ("police.zone", "x-2"), "sibling")  # fmt: skip
    assert relation.caveats == ["NOFORN"]
    bad = validate_relation(family("r", "x-1", "x-1", "cousin"), line=4, default_source=None, today=TODAY)
    assert bad.relation is None and [p.code for p in bad.problems] == ["self_relation"]
    missing = validate_relation(
        {"id": "r", "source": FED, "schema": "Associate", "properties": {"person": ["a"]}},
        line=5, default_source=None, today=TODAY,
    )  # fmt: skip
    assert [(p.code, p.field) for p in missing.problems] == [("missing_reference", "properties.associate")]
    assert kind_of("Family", ["cousine"]) == "cousin" and kind_of("Family", ["oncle"]) == "relative"
    assert kind_of("Associate", ["samen gearresteerd"]) == "co-arrest"
    assert kind_of("Associate", ["brother"]) == "associate"  # kin words do not make an Associate kin


def test_the_stored_persons_do_not_include_relationship_records(world: Store) -> None:
    with store_conn(world) as conn:
        ids = {r.id for r in record_rows.iter_active(conn)}
        assert ids == {"a", "b", "c", "f", "g", "h"}
        assert relationship_rows.count(conn) == 3


def store_conn(store: Store) -> Any:
    return store.transaction()


def test_stated_and_derived_relations_of_a_person(world: Store) -> None:
    a, b, c, f, g = (entity(world, x) for x in "abcfg")
    assert len({a, b, c, f, g}) == 5  # brothers and a shared phone merged nobody
    shown = relationships.relations_of(world, "ltf", "investigation", a)
    by_kind = {(r.other, r.kind): r for r in shown.relations}
    assert set(by_kind) == {(c, "sibling"), (f, "friend"), (b, "shared-address")}
    assert by_kind[(c, "sibling")].group == "kinship"
    assert by_kind[(c, "sibling")].evidence == (f"{FED}/rel-1", f"{FED}/a", f"{FED}/c")
    assert by_kind[(b, "shared-address")].evidence == (f"{FED}/a", f"{FED}/b")
    # seen from the other side, the father is a parent and the son a child
    of_c = {(r.other, r.kind) for r in relationships.relations_of(world, "ltf", "investigation", c).relations}
    assert of_c == {(a, "sibling"), (g, "parent")}
    of_g = {(r.other, r.kind) for r in relationships.relations_of(world, "ltf", "investigation", g).relations}
    assert of_g == {(c, "child"), (f, "shared-phone")}
    assert trail(world)[0]["relations"] == a and f"{FED}/rel-1" in trail(world)[0]["drawn_on"]


def test_need_to_know_hides_or_withholds_relations(store: Store, tmp_path: Path) -> None:
    agency(store, FED, "federal-police")
    agency(store, INTEL, "civil-intelligence")
    rows = [
        person("a", "EL AMRANI Youssef", "1991-04-12"),
        person("c", "EL AMRANI Hamza", "1989-01-20"),
        person("k", "BENALI Karim", "1985-07-01"),
        person("z", "AZZOUZI Leila", "1992-02-02"),
        person("s", "TAHIRI Nadia", "1994-06-06", source=INTEL),
        family("hidden", f"{FED}/a", f"{FED}/c", "brother", source=INTEL, caveats=["NODISCOVERY"]),
        family("secret", f"{FED}/a", f"{FED}/k", "cousin", source=INTEL, classification="secret"),
        associate("names-hidden", f"{FED}/a", f"{INTEL}/s", "friend", source=FED),
        associate("open", f"{FED}/a", f"{FED}/z", "friend", source=FED),
    ]
    for row in rows:
        if row["source"] == INTEL and row["schema"] == "Person":
            row["caveats"] = ["NODISCOVERY"]
    ingest_file(store, write_jsonl(tmp_path / "in.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "low", "analyst", agency="police.zone", kind="local-police", clearance="confidential")
    register(store, "intel", "analyst", agency=INTEL, kind="civil-intelligence")
    a, c, k, z = (entity(store, x) for x in "ackz")
    seen = {(r.other, r.kind) for r in relationships.relations_of(store, "low", "investigation", a).relations}
    # hidden from discovery: not shown; secret above the clearance: withheld; a record naming a
    # person record the reader may not learn exists: not shown
    assert seen == {(k, "withheld"), (z, "friend")}
    [withheld] = [r for r in relationships.relations_of(store, "low", "investigation", a).relations
                  if r.kind == "withheld"]  # fmt: skip
    assert withheld.evidence == (f"{INTEL}/secret",) and "cleared confidential" in withheld.detail[0]
    assert "cousin" not in " ".join(withheld.detail)
    inside = {
        (r.other, r.kind) for r in relationships.relations_of(store, "intel", "investigation", a).relations
    }
    assert {(c, "sibling"), (k, "cousin"), (entity(store, "s", INTEL), "friend")} <= inside
    last = trail(store)[-2]
    assert last["withheld"] == [f"{INTEL}/secret"] and f"{INTEL}/hidden" not in str(last)


def test_the_network_stops_at_its_depth_and_its_size(world: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c, f, g = (entity(world, x) for x in "abcfg")
    one = relationships.network(world, "ltf", "investigation", a, depth=1)
    assert {n.entity for n in one.nodes} == {a, b, c, f}
    two = relationships.network(world, "ltf", "investigation", a, depth=2)
    assert {n.entity: n.depth for n in two.nodes} == {a: 0, b: 1, c: 1, f: 1, g: 2}
    assert not two.truncated
    kinds = {(e.a, e.b): e.kind for e in two.edges}
    pair = tuple(sorted((f, g)))
    assert kinds[pair] == "shared-phone" and len(two.edges) == 5  # f-g found from both sides, once
    with pytest.raises(relationships.RelationsError):
        relationships.network(world, "ltf", "investigation", a, depth=3)
    monkeypatch.setattr(relationships, "MAX_NODES", 3)
    cut = relationships.network(world, "ltf", "investigation", a, depth=2)
    assert len(cut.nodes) == 3 and cut.truncated
    assert all(
        e.a in {n.entity for n in cut.nodes} and e.b in {n.entity for n in cut.nodes} for e in cut.edges
    )
    with pytest.raises(NotFoundError):
        relationships.network(world, "ltf", "investigation", "E-nobody")


def test_cells_group_watched_persons_with_their_connected_associates(world: Store) -> None:
    a, b, c, f, g, h = (entity(world, x) for x in "abcfgh")
    later = date.today() + timedelta(days=90)
    for watched in (a, g, h):
        alerts.watch(world, "ltf", watched, "returned", later)
    found = relationships.cells(world, "ltf")
    assert [cell.watched for cell in found] == [tuple(sorted((a, g))), (h,)]
    assert {n.entity for n in found[0].nodes} == {a, b, c, f, g}
    assert {n.entity for n in found[0].nodes if n.watched} == {a, g}
    assert found[1].edges == ()
    assert relationships.cells(world, "intel") == []  # another agency's watches are not its cells
    with pytest.raises(Exception, match="analyst"):
        relationships.cells(world, steward(world))


def test_relationship_records_never_change_who_is_who(store: Store, tmp_path: Path) -> None:
    """The linker's answer (entity ids) is the same with and without relationship records, in a
    file and in the store; the relations name persons the linker kept apart."""
    plain = write_jsonl(tmp_path / "plain.jsonl", BROTHERS)
    related = write_jsonl(tmp_path / "related.jsonl", BROTHERS + LINKS)
    report = link_file(related, tmp_path / "related.csv", today=TODAY)
    link_file(plain, tmp_path / "plain.csv", today=TODAY)
    assert report.relationships == 3
    assert (tmp_path / "related.csv").read_text() == (tmp_path / "plain.csv").read_text()
    agency(store, FED)
    ingest_file(store, plain, user=steward(store))
    resolve_store(store, steward(store))
    with store.transaction() as conn:
        before = record_rows.entity_ids(conn)
    ingest_file(store, write_jsonl(tmp_path / "links.jsonl", LINKS), user=steward(store))
    resolve_store(store, steward(store))
    with store.transaction() as conn:
        assert record_rows.entity_ids(conn) == before
    assert len(set(before.values())) == len(BROTHERS)


def test_a_refused_relationship_record_is_quarantined_and_replayed_once_fixed(
    store: Store, tmp_path: Path
) -> None:
    from crossroads.service import quarantine
    from crossroads.store import quarantine_rows

    agency(store, FED)
    broken = family("rel-9", f"{FED}/a", "", "cousin")
    report = ingest_file(store, write_jsonl(tmp_path / "bad.jsonl", [broken]), user=steward(store))
    assert report.counts.quarantined == 1 and report.problems_by_code["missing_reference"] == 1
    with store.transaction() as conn:
        [entry] = quarantine_rows.list_entries(conn)
        assert relationship_rows.count(conn) == 0
    fixed = orjson.dumps(family("rel-9", f"{FED}/a", f"{FED}/b", "cousin")).decode()
    [outcome] = quarantine.retry(store, steward(store), [entry.id], {entry.id: fixed})
    assert outcome.accepted
    with store.transaction() as conn:
        assert relationship_rows.count(conn) == 1
        assert not list(record_rows.iter_active(conn))  # still no person record


def test_a_changed_relationship_record_keeps_its_earlier_version(world: Store, tmp_path: Path) -> None:
    a, c = entity(world, "a"), entity(world, "c")
    changed = family("rel-1", f"{FED}/a", f"{FED}/c", "cousin")  # was "broer"
    report = ingest_file(world, write_jsonl(tmp_path / "changed.jsonl", [changed]), user=steward(world))
    assert (report.counts.updated, report.relationships) == (1, 1)
    again = ingest_file(world, write_jsonl(tmp_path / "again.jsonl", [changed]), user=steward(world))
    assert (again.counts.unchanged, again.counts.updated) == (1, 0)  # the same again: no new version
    with world.transaction() as conn:
        [earlier] = relationship_rows.history(conn, FED, "rel-1")
        assert relationship_rows.count(conn) == 3  # updated in place, never duplicated
    assert (earlier["version"], earlier["kind"]) == (1, "sibling")
    assert orjson.loads(earlier["original"])["properties"]["relationship"] == ["broer"]
    assert earlier["superseded_by_batch"] == report.batch_id
    now = relationships.relations_of(world, "ltf", "investigation", a)
    shown = {(r.other, r.kind) for r in now.relations}
    assert (c, "cousin") in shown and (c, "sibling") not in shown  # the view reads the current version


def test_a_full_export_withdraws_the_relationship_records_it_omits(world: Store, tmp_path: Path) -> None:
    a, b, c, f, g, h = (entity(world, x) for x in "abcfgh")
    for watched in (a, g):
        alerts.watch(world, "ltf", watched, "returned", date.today() + timedelta(days=90))
    assert [cell.watched for cell in relationships.cells(world, "ltf")] == [tuple(sorted((a, g)))]
    full = write_jsonl(tmp_path / "full.jsonl", BROTHERS + LINKS[:1])  # rel-2 and rel-3 left out
    report = ingest_file(world, full, user=steward(world), source=FED, full=True)
    assert (report.relationships_withdrawn, report.counts.withdrawn) == (2, 2)  # no person record
    with world.transaction() as conn:
        assert relationship_rows.count(conn) == 3  # marked, never deleted
        assert {r.ref for r in relationship_rows.involving(conn, [(FED, "c")])} == {f"{FED}/rel-1"}
    two = relationships.network(world, "ltf", "investigation", a, depth=2)
    assert {n.entity for n in two.nodes} == {a, b, c}  # no friend f, no father g through c
    # a and g are no longer one cell: only the shared phone still relates g to f
    cells = relationships.cells(world, "ltf")
    assert sorted(cell.watched for cell in cells) == [(a,), (g,)]
    assert {n.entity for cell in cells for n in cell.nodes} == {a, b, c, f, g} and h not in str(cells)
    back = ingest_file(world, write_jsonl(tmp_path / "back.jsonl", [LINKS[1]]), user=steward(world))
    assert (back.counts.updated, back.reactivated) == (1, 1)  # sent again unchanged: active again
    of_c = {(r.other, r.kind) for r in relationships.relations_of(world, "ltf", "investigation", c).relations}
    assert of_c == {(a, "sibling"), (g, "parent")}


def test_a_full_export_of_one_kind_withdraws_nothing_of_the_other(world: Store, tmp_path: Path) -> None:
    """A source exporting its persons and its relationships in separate files: each full export
    withdraws only records of the kind it carries."""

    def active_persons() -> int:
        with world.transaction() as conn:
            return len(list(record_rows.iter_active(conn)))

    persons = active_persons()
    only_relations = write_jsonl(tmp_path / "relations.jsonl", LINKS[:1])
    report = ingest_file(world, only_relations, user=steward(world), source=FED, full=True)
    assert (report.relationships_withdrawn, report.counts.withdrawn) == (2, 2)  # rel-2, rel-3 only
    assert active_persons() == persons == len(BROTHERS)  # no person record withdrawn
    only_persons = write_jsonl(tmp_path / "persons.jsonl", BROTHERS[:-1])  # h left out
    report = ingest_file(world, only_persons, user=steward(world), source=FED, full=True)
    assert (report.relationships_withdrawn, report.counts.withdrawn) == (0, 1)
    assert active_persons() == persons - 1
    with world.transaction() as conn:  # rel-1 is still active
        assert {r.ref for r in relationship_rows.involving(conn, [(FED, "c")])} == {f"{FED}/rel-1"}
