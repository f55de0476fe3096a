"""Every read path under need-to-know, over generated worlds, on SQLite and on PostgreSQL (with its
row-level security on): random agencies' users (roles, clearance, active or not), records (source,
classification, caveats, an intelligence note or none, a birth date or none, a child's or an
adult's), grants made through real requests for information, and queries (export, search, person
view, explanation, review queue, lineage, the minors' list) by random users for random purposes.
For each query the suite asserts that nothing forbidden is returned, nothing permitted is
withheld, and the call left exactly one audit entry naming what it returned.

The expectation for each (reader, record) is ``access.policy`` applied to what the test generated
(not to what the store returns); ``tests/access/test_policy.py`` holds the policy itself to the
issue's rules. Cases a run: 2 backends x EXAMPLES worlds x QUERIES queries.
"""

from __future__ import annotations

import json
import re
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossroads.access import audit
from crossroads.access.model import AgencyKind, Clearance, NotAllowedError, Role, User
from crossroads.access.policy import NODISCOVERY, Grant, Holding, Purpose, Reader, discoverable, readable
from crossroads.errors import NotFoundError
from crossroads.service import admin, requests
from crossroads.service.explain import COMPARISON_FIELDS, explain_for
from crossroads.service.export import export_records
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.service.minors import flagged
from crossroads.service.person import lineage, view
from crossroads.service.review import pending
from crossroads.service.search import Query, search
from crossroads.store import audit_rows, record_rows, resolution_runs, review_rows
from crossroads.store.store import Store
from identity_factory import ROOT, agency, steward
from records_factory import write_jsonl
from scratch_databases import scratch_database

EXAMPLES = 20  # worlds per backend
QUERIES = 250  # queries per world: 2 x 20 x 250 = 10,000 cases a run

KINDS = {
    "police.zone": AgencyKind.LOCAL_POLICE, "police.federal": AgencyKind.FEDERAL_POLICE,
    "intel.civil": AgencyKind.CIVIL_INTELLIGENCE, "intel.military": AgencyKind.MILITARY_INTELLIGENCE,
    "ocam": AgencyKind.THREAT_ASSESSMENT, "prison.service": AgencyKind.PRISON_SERVICE,
    "prosecutor": AgencyKind.PROSECUTOR, "prevention.cell": AgencyKind.PREVENTION,
    "partner.fr": AgencyKind.FOREIGN_PARTNER, "committee.i": AgencyKind.OVERSIGHT_BODY,
}  # fmt: skip
HOLDERS = sorted(set(KINDS) - {"committee.i"})
UNREGISTERED = "police.unregistered"  # a source nobody registered: fail closed
PERSONS = [
    ("EL AMRANI Youssef", "1991-04-12", "male"),
    ("BAKKALI Samira", "1985-02-03", "female"),
    ("TAHIRI Bilal", "1978-11-30", "male"),
    ("EL AMRANI Nour", "2021-06-01", "female"),  # a child: a victim, kept out of watchlists
]
CHILD = 3
ADDRESS = "Rue Haute 12, 1000 Bruxelles"
CAVEATS = ["NOFORN", "ORCON", "PREVENTION", NODISCOVERY, "EYES-ONLY"]
PURPOSES = [Purpose.INVESTIGATION, Purpose.THREAT_ASSESSMENT, Purpose.PREVENTION, Purpose.OVERSIGHT]
FAR = datetime.now(UTC) + timedelta(days=365)  # a grant of a day outlives the run


@dataclass(frozen=True)
class GenRecord:
    id: str
    source: str
    person: int
    classification: Clearance
    caveats: tuple[str, ...]
    notes: bool
    dated: bool  # without a birth date, pairs of the person's records wait for an analyst

    @property
    def ref(self) -> str:
        return f"{self.source}/{self.id}"

    def properties(self) -> dict[str, list[str]]:
        name, born, gender = PERSONS[self.person]
        notes = {"notes": ["reporting on contacts"]} if self.notes else {}
        if not self.dated:  # the other way round, no date, no address: pairs the model is unsure of
            family, _, given = name.rpartition(" ")
            return {"name": [f"{given} {family}"], "gender": [gender]} | notes
        return {"name": [name], "birthDate": [born], "gender": [gender], "address": [ADDRESS]} | notes

    @property
    def written(self) -> str:
        return self.properties()["name"][0]

    def holding(self) -> Holding:
        return Holding(self.source, self.id, KINDS[self.source], self.classification, frozenset(self.caveats),
                       NODISCOVERY in self.caveats)  # fmt: skip


records_st = st.lists(
    st.builds(
        lambda k, source, person, level, caveats, notes, dated: GenRecord(
            f"r{k}", source, person, level, tuple(sorted(caveats)), notes, dated
        ),
        st.integers(0, 10**6),
        st.sampled_from([*HOLDERS, UNREGISTERED]),
        st.integers(0, len(PERSONS) - 1),
        st.sampled_from(list(Clearance)),
        st.frozensets(st.sampled_from(CAVEATS), max_size=2),
        st.booleans(),
        st.booleans(),  # dated or not
    ),
    min_size=3,
    max_size=10,
    unique_by=lambda r: r.id,
)
users_st = st.lists(
    st.builds(
        lambda agency_code, level, roles, active: (agency_code, level, sorted(roles), active),
        st.sampled_from(sorted(KINDS)),
        st.sampled_from(list(Clearance)),
        # Mostly users who may read something, so that most queries reach the rules, not the door.
        st.tuples(
            st.sampled_from([Role.ANALYST] * 3 + [Role.PREVENTION_OFFICER, Role.DATA_STEWARD]),
            st.sampled_from(list(Role)),
        ).map(frozenset),
        st.sampled_from([True] * 5 + [False]),
    ),
    min_size=3,
    max_size=6,
)
grants_st = st.lists(
    st.tuples(st.integers(0, 9), st.sampled_from(HOLDERS), st.sampled_from(PURPOSES[:3])), max_size=4
)


@dataclass
class World:
    store: Store
    records: list[GenRecord]
    users: dict[str, User]
    grants: list[Grant] = field(default_factory=list)

    def reader(self, name: str, purpose: Purpose) -> Reader:
        user = self.users[name]
        return Reader(user, KINDS[user.agency], purpose)

    def known(self, reader: Reader, r: GenRecord) -> bool:
        return r.source != UNREGISTERED and discoverable(reader, r.holding())

    def fields(self, reader: Reader, r: GenRecord) -> frozenset[str]:
        if not self.known(reader, r):
            return frozenset()
        return readable(reader, r.holding(), self.grants, datetime.now(UTC)).fields

    def entities(self) -> dict[str, str]:
        with self.store.transaction() as conn:
            return {f"{s}/{i}": e for (s, i), e in record_rows.entity_ids(conn).items()}


@contextmanager
def fresh_store(backend: str) -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as where:
        sqlite = nullcontext(f"sqlite:///{Path(where) / 'store.sqlite'}")
        with (
            sqlite if backend == "sqlite" else scratch_database("crossroads_prop") as url,
            Store(url) as store,
        ):
            yield store


def build(store: Store, gen_records: list[GenRecord], gen_users: list[Any], gen_grants: list[Any]) -> World:
    for code, kind in KINDS.items():
        agency(store, code, kind.value, "FR" if kind is AgencyKind.FOREIGN_PARTNER else None)
    rows = [
        {"id": r.id, "source": r.source, "properties": r.properties(),
         "classification": r.classification.value, "caveats": list(r.caveats)}
        for r in gen_records
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as where:
        ingest_file(store, write_jsonl(Path(where) / "x.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    users = {}
    for k, (code, level, roles, active) in enumerate(gen_users):
        made = admin.add_user(store, ROOT, f"u{k}", code, None, level.value, [r.value for r in roles])
        if not active:
            made = admin.change_user(store, ROOT, made.name, active=False)
        users[made.name] = made
    world = World(store, gen_records, users)
    for index, to_agency, purpose in gen_grants:
        world.grants += grant(world, gen_records[index % len(gen_records)], to_agency, purpose)
    return world


def grant(world: World, r: GenRecord, to_agency: str, purpose: Purpose) -> list[Grant]:
    """A grant made the real way: an analyst of ``to_agency`` files, one of the holder grants."""
    if r.source in (to_agency, UNREGISTERED):
        return []
    asker, holder = f"ask.{to_agency}", f"hold.{r.source}"
    for name, code in ((asker, to_agency), (holder, r.source)):
        if name not in world.users:
            world.users[name] = admin.add_user(world.store, ROOT, name, code, None, "secret", ["analyst"])
    try:
        [request_id] = requests.file(world.store, asker, purpose.value, [r.ref], "joint file")
    except NotFoundError:
        assert not world.known(world.reader(asker, purpose), r)  # refused only what it may not know of
        return []
    requests.answer(world.store, holder, request_id, r.ref, True, "released", days=1)
    return [Grant(r.source, r.id, to_agency, purpose, FAR)]


def trail(store: Store) -> list[audit.Entry]:
    with store.transaction() as conn:
        return [audit.Entry(*row) for row in audit_rows.entries(conn)]


def one_entry(store: Store, before: int, action: str) -> dict[str, Any]:
    """The call left exactly one entry, of this action; its detail."""
    added = trail(store)[before:]
    assert [e.action for e in added] == [action], [e.action for e in added]
    detail: dict[str, Any] = json.loads(added[0].detail)
    return detail


def may(user: User, *roles: Role) -> bool:
    return any(user.has(r) for r in roles)


def check_export(world: World, name: str, purpose: Purpose, where: Path) -> None:
    who = world.reader(name, purpose)
    before = len(trail(world.store))
    out = where / f"{uuid.uuid4().hex}.jsonl"
    if not may(who.user, Role.ANALYST, Role.DATA_STEWARD):
        with pytest.raises(NotAllowedError):
            export_records(world.store, name, purpose.value, out)
        one_entry(world.store, before, "refusal")
        return
    done = export_records(world.store, name, purpose.value, out)
    written = {f"{row['source']}/{row['id']}": row for row in map(json.loads, out.read_text().splitlines())}
    expected = {r.ref: r for r in world.records if world.fields(who, r)}
    assert set(written) == set(expected)
    for ref, row in written.items():
        r = expected[ref]
        assert set(row["properties"]) == set(r.properties()) & world.fields(who, r), ref
    assert done.left_out == sum(world.known(who, r) and not world.fields(who, r) for r in world.records)
    assert sorted(one_entry(world.store, before, "export")["records"]) == sorted(expected)


def check_search(world: World, name: str, purpose: Purpose, person: int) -> None:
    who = world.reader(name, purpose)
    before = len(trail(world.store))
    query = Query(PERSONS[person][0], PERSONS[person][1])
    if not may(who.user, Role.ANALYST, Role.PREVENTION_OFFICER):
        with pytest.raises(NotAllowedError):
            search(world.store, name, purpose.value, query)
        one_entry(world.store, before, "refusal")
        return
    hits = search(world.store, name, purpose.value, query).hits
    entities = world.entities()
    known = [r for r in world.records if world.known(who, r)]
    for hit in hits:
        members = [r for r in known if entities.get(r.ref) == hit.entity]
        assert sorted(hit.records) == sorted(r.ref for r in members)  # all of them, and only them
        for holder in hit.holders:
            mine = [r for r in members if r.source == holder.agency]
            assert holder.records == len(mine)
            assert holder.readable == sum(bool(world.fields(who, r)) for r in mine)
        names = {r.written for r in members if "name" in world.fields(who, r)}
        assert set(hit.names) == names
    # Nothing withheld: every person holding a record of this name and birth date the searcher may
    # know of is a hit.
    expected = {entities[r.ref] for r in known if r.person == person}
    assert expected <= {h.entity for h in hits}
    detail = one_entry(world.store, before, "search")
    assert [h["records"] for h in detail["hits"]] == [list(h.records) for h in hits]
    for h in detail["hits"]:
        assert sorted(h["read"]) == sorted(r for r in h["records"] if any(
            x.ref == r and world.fields(who, x) for x in world.records))  # fmt: skip


def pick_entity(entities: dict[str, str], pick: int) -> str:
    """One of the store's persons, or one that does not exist."""
    choices = [*sorted(set(entities.values())), "E-none"]
    return choices[pick % len(choices)]


def check_view(world: World, name: str, purpose: Purpose, pick: int) -> None:
    who = world.reader(name, purpose)
    before = len(trail(world.store))
    entities = world.entities()
    entity = pick_entity(entities, pick)
    if not may(who.user, Role.ANALYST, Role.PREVENTION_OFFICER):
        with pytest.raises(NotAllowedError):
            view(world.store, name, purpose.value, entity)
        one_entry(world.store, before, "refusal")
        return
    members = [r for r in world.records if world.known(who, r) and entities.get(r.ref) == entity]
    if not members:
        with pytest.raises(NotFoundError):
            view(world.store, name, purpose.value, entity)
        assert "refused" in one_entry(world.store, before, "view")
        return
    shown = view(world.store, name, purpose.value, entity)
    by_ref = {r.ref: r for r in shown.records}
    assert set(by_ref) == {r.ref for r in members}
    for r in members:
        fields = world.fields(who, r)
        assert set(by_ref[r.ref].content) == set(r.properties()) & fields, (r, by_ref[r.ref].reason)
        if not fields:
            assert by_ref[r.ref].link == ()
    assert set(shown.names) == {r.written for r in members if "name" in world.fields(who, r)}
    detail = one_entry(world.store, before, "view")
    assert detail["records"] == sorted(r.ref for r in members)
    assert detail["read"] == sorted(r.ref for r in members if world.fields(who, r))


def check_explain(world: World, name: str, purpose: Purpose, i: int, j: int) -> None:
    who = world.reader(name, purpose)
    a, b = world.records[i % len(world.records)], world.records[j % len(world.records)]
    before = len(trail(world.store))
    if not may(who.user, Role.ANALYST):
        with pytest.raises(NotAllowedError):
            explain_for(world.store, name, purpose.value, a.ref, b.ref)
        one_entry(world.store, before, "refusal")
        return
    if not (world.known(who, a) and world.known(who, b)):
        with pytest.raises(NotFoundError):
            explain_for(world.store, name, purpose.value, a.ref, b.ref)
        assert "refused" in one_entry(world.store, before, "explain")
        return
    shown = explain_for(world.store, name, purpose.value, a.ref, b.ref)
    both = world.fields(who, a) & world.fields(who, b)
    assert set(shown.withheld) == {
        e.comparison for e in shown.explanation.evidence if not COMPARISON_FIELDS[e.comparison] <= both
    }
    if "name" not in both:
        assert a.written not in shown.explanation.names
    detail = one_entry(world.store, before, "explain")
    assert sorted(detail["withheld"]) == sorted(shown.withheld)


def check_queue(world: World, name: str, purpose: Purpose) -> None:
    who = world.reader(name, purpose)
    before = len(trail(world.store))
    if not may(who.user, Role.ANALYST):
        with pytest.raises(NotAllowedError):
            pending(world.store, name, purpose=purpose.value)
        one_entry(world.store, before, "refusal")
        return
    shown = {("/".join(i.a), "/".join(i.b)) for i in pending(world.store, name, purpose=purpose.value)}
    with world.store.transaction() as conn:
        queued = {("/".join(i.a), "/".join(i.b)) for i in review_rows.queued(conn)}
    by_ref = {r.ref: r for r in world.records}
    assert shown == {(a, b) for a, b in queued if world.known(who, by_ref[a]) and world.known(who, by_ref[b])}
    assert {tuple(p) for p in one_entry(world.store, before, "view")["review_queue"]} == shown


def check_lineage(world: World, name: str, purpose: Purpose, pick: int) -> None:
    who = world.reader(name, purpose)
    before = len(trail(world.store))
    entities = world.entities()
    entity = pick_entity(entities, pick)
    if not may(who.user, Role.ANALYST, Role.PREVENTION_OFFICER):
        with pytest.raises(NotAllowedError):
            lineage(world.store, name, purpose.value, entity)
        one_entry(world.store, before, "refusal")
        return
    if not any(world.known(who, r) and entities.get(r.ref) == entity for r in world.records):
        with pytest.raises(NotFoundError):
            lineage(world.store, name, purpose.value, entity)
        assert "refused" in one_entry(world.store, before, "view")
        return
    events = lineage(world.store, name, purpose.value, entity)
    with world.store.transaction() as conn:
        assert len(events) == len(resolution_runs.lineage(conn, entity))
    unknown = {r.ref for r in world.records if not world.known(who, r)}
    for event in events:  # a reason naming a record the reader may not know of is withheld
        assert not set(re.findall(r"[a-z0-9][a-z0-9.-]*/[^\s:;,]+", event.why)) & unknown, event.why
    assert one_entry(world.store, before, "view")["events"] == len(events)


def check_minors(world: World, name: str, purpose: Purpose) -> None:
    who = world.reader(name, purpose)
    before = len(trail(world.store))
    if not may(who.user, Role.ANALYST):
        with pytest.raises(NotAllowedError):
            flagged(world.store, name, purpose.value)
        one_entry(world.store, before, "refusal")
        return
    shown = {f.ref for f in flagged(world.store, name, purpose.value)}
    assert shown == {r.ref for r in world.records if r.person == CHILD and r.dated and world.known(who, r)}
    assert set(one_entry(world.store, before, "minor-list")["records"]) == shown


PATHS = ["export", "search", "view", "explain", "queue", "lineage", "minors"]
queries_st = st.lists(
    st.tuples(
        st.sampled_from(PATHS),
        st.integers(0, 20),  # the user
        st.sampled_from(PURPOSES),
        st.integers(0, 40),
        st.integers(0, 40),
    ),
    min_size=QUERIES,
    max_size=QUERIES,
)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(records_st, users_st, grants_st, queries_st)
def test_every_read_path_returns_what_need_to_know_allows_and_records_it_once(
    backend: str,
    gen_records: list[GenRecord],
    gen_users: list[Any],
    gen_grants: list[Any],
    queries: list[Any],
) -> None:
    with fresh_store(backend) as store, tempfile.TemporaryDirectory() as where:
        world = build(store, gen_records, gen_users, gen_grants)
        names = sorted(n for n in world.users if n.startswith("u"))
        for path, who, purpose, x, y in queries:
            name = names[who % len(names)]
            if path == "export":
                check_export(world, name, purpose, Path(where))
            elif path == "search":
                check_search(world, name, purpose, x % len(PERSONS))
            elif path == "view":
                check_view(world, name, purpose, x)
            elif path == "explain":
                check_explain(world, name, purpose, x, y)
            elif path == "queue":
                check_queue(world, name, purpose)
            elif path == "lineage":
                check_lineage(world, name, purpose, x)
            else:
                check_minors(world, name, purpose)
