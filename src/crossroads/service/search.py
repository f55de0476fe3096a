"""Search use case: who knows about a person. A name in any script and spelling (with a birth date,
nationalities or identifiers when known) is scored against the stored records with the model of
the last resolution, and each matching person comes back with the agencies that hold records on
them: agency, contact unit, how many records, how recent, even where the searcher may not read
them (the point of hit/no-hit discovery: they know whom to ask).

Need-to-know decides everything shown (``access.reading``): a record the searcher may not learn
exists does not count, does not score and does not bring its person in; names are shown only
from records whose name fields the searcher may read; the one-line reason shows only evidence
drawn on readable fields. Each search, with its terms and every record it counted or showed, is
one entry in the audit trail.
"""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import Role
from crossroads.access.policy import checked_purpose
from crossroads.access.reading import Seen
from crossroads.errors import CrossroadsError
from crossroads.names.batch import remember
from crossroads.phrase import Phrase
from crossroads.records.model import Record
from crossroads.records.national_register import reads_as_belgian
from crossroads.records.validate import validate
from crossroads.resolve import realtime
from crossroads.resolve.blocking import (
    block_limit,
    keyed_by_year,
    kind_bits,
    name_keys,
    record_keys,
)
from crossroads.resolve.context import LinkContext
from crossroads.resolve.explain import name_sentences, pair_words
from crossroads.resolve.fellegi_sunter import LinkageModel
from crossroads.resolve.name_scores import compared_names
from crossroads.resolve.profile import Profile, profile
from crossroads.service import clock, record_cache
from crossroads.service.explain import latest_context, why_withheld, withheld
from crossroads.settings import load_settings
from crossroads.store import key_rows, record_rows
from crossroads.store.record_rows import StoredRecord
from crossroads.store.store import Store

#: A person is a hit when a record the searcher may know of scores at least this against the query.
#: Low on purpose: a name alone gives the model little evidence, and a missed hit is the failure
#: this system exists to prevent; the score and its reason say how strong each hit is.
MIN_SCORE = 0.001
#: ... or when the evidence in its pair, the prior left out, favours one person by at least this
#: many bits (eight to one). The probability alone falls as the store grows (the prior is the chance
#: that two random records are one person: ``LinkageModel.for_records``): at a million demo records
#: "ELAMRANI Fatima", the commonest name, found nobody, its exact namesakes scoring 0.00094 on 8.8
#: bits of evidence. A record's own evidence does not depend on how many others are stored. Three
#: bits is below every level of names that agree, the commonest name's rarity weighed (4.5 bits at
#: the least with the model of the million records), and below a nom de guerre alone (3.6); above
#: names that merely differ (-3.0).
MIN_EVIDENCE = 3.0
#: A search looks further than the batch: a key shared by up to this many records is used. The
#: batch leaves out keys held by more than 50 (a common name without a date makes pairs of
#: namesakes by the thousand), but a search that gave nothing for a common name would be the very
#: miss this system exists to prevent. At 100,954 demo records, the batch's limits left
#: name-only searches for common names (EL-AMRANI Fatima, ALAOUI Mohamed) with no hit at all.
SEARCH_BLOCK = 1000
#: A name's own key (``n:``: its family and given names as keyed, in any order) is used up to this
#: many records: every record under it is a namesake, a hit however common the name. At a million
#: demo records "EL AMRANI Mohamed" found nobody: its key, held by 1,153 records, was left out.
#: No other name's key passed 1,000 there (the next, 922); a search for it weighs them all (about
#: 0.1 s).
NAME_BLOCK = 5000
#: Kinds of key a search uses only within the batch's limits: a given name with a birth year and
#: two letters of the family name (``gf``) finds a family name changed past recognition, but a
#: common given name makes blocks of namesakes whose names the search would compare one by one.
BATCH_LIMITED = frozenset({"gf"})


def search_limit(key: str) -> int:
    """How many records may hold a key for a search to use it (``NAME_BLOCK``, ``SEARCH_BLOCK``,
    ``BATCH_LIMITED``)."""
    kind = key.partition(":")[0]
    if kind == "n":
        return NAME_BLOCK
    return block_limit(kind) if kind in BATCH_LIMITED else SEARCH_BLOCK


NAME_FIELDS = record_cache.SHOWN_FIELDS
QUERY_SOURCE = "query"
#: A server keeps warm the records of names held by at least this many records: the candidates
#: that common names bring, which many searches share and whose reading costs the most.
WARM_FROM = 20
#: Records read at a time when the rest of the store is warmed.
WARM_STEP = 5_000


class QueryError(CrossroadsError):
    """A search asks with a value that cannot be read (a malformed birth date, an unknown country)."""


@dataclass(frozen=True)
class Query:
    name: str
    birth_date: str | None = None
    nationality: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()  # national register or passport numbers

    def terms(self) -> dict[str, object]:
        """The terms as the audit trail keeps them."""
        return {
            "name": self.name, "birth_date": self.birth_date,
            "nationality": list(self.nationality), "identifiers": list(self.identifiers),
        }  # fmt: skip


def lone_name_prefixes(asked: Profile) -> list[str]:
    """For a query without a birth date: the ``gy`` key of each name keyed by year (a nom de guerre,
    "Abou Hamza" or "Abu Hamza al-Beljiki", or a lone given name: ``blocking.keyed_by_year``) with
    any year. The store keeps such a name only with a birth year (a lone name alone would make
    blocks of thousands in the batch); a search still finds it."""
    if asked.births:
        return []
    keyed = ((name, name_keys(name)) for name in asked.all_names)
    return sorted({f"gy:{s}|" for name, k in keyed if keyed_by_year(name, k.families) for s in k.givens})


def probe(query: Query, today: date) -> Record:
    """The query as a record, validated like any record: a value it cannot read is an error naming
    the field, never silently dropped from the search."""
    if not query.name.strip() and not query.identifiers:
        raise QueryError("a search needs a name or an identifier")
    properties: dict[str, list[str]] = {}
    if query.name.strip():
        properties["name"] = [query.name]
    if query.birth_date:
        properties["birthDate"] = [query.birth_date]
    if query.nationality:
        properties["nationality"] = list(query.nationality)
    for number in query.identifiers:
        properties.setdefault("idNumber" if reads_as_belgian(number) else "passportNumber", []).append(number)
    data = {"id": "q", "source": QUERY_SOURCE, "properties": properties}
    checked = validate(data, line=1, default_source=None, today=today)
    if checked.record is None:
        raise QueryError("; ".join(f"{p.field}: {p.message}" for p in checked.problems))
    return checked.record


@dataclass(frozen=True)
class Holder:
    """One agency's holding on one person, as a hit shows it."""

    agency: str
    agency_name: str
    contact: str  # the unit to ask (the agency itself when it names none)
    records: int
    latest: datetime  # the newest update among them
    readable: int  # how many of them the searcher may read


@dataclass(frozen=True)
class Hit:
    entity: str
    score: float  # the best probability against a record the searcher may know of
    why: Phrase  # the best pair's names, as far as the searcher may read them
    names: tuple[str, ...]  # names as written in the records the searcher may read
    holders: tuple[Holder, ...]
    records: tuple[str, ...] = field(default=())  # SOURCE/ID counted in the holdings


@dataclass(frozen=True)
class Found:
    hits: list[Hit]  # the best ``limit`` persons, best first
    matched: int  # how many persons matched in all (more than ``hits`` when the limit cut)
    #: How many of the query's keys (its name in other spellings, with a year or a date) more
    #: records hold than a search weighs (``search_limit``): the records found only through them
    #: are not weighed, and the searcher is told to add a detail.
    too_common: int = 0


@dataclass(frozen=True)
class Member:
    stored: StoredRecord
    seen: Seen


def members(
    conn: sa.Connection,
    lens: reading.Lens,
    entities: list[str],
    cache: record_cache.RecordCache | None = None,
) -> dict[str, list[Member]]:
    """The active records of these persons that the reader may learn exist (through ``cache``
    when the caller keeps one)."""
    out: dict[str, list[Member]] = defaultdict(list)
    rows = (
        [s for s, _ in cache.stored(conn, entity_ids=entities)]
        if cache is not None
        else record_rows.of_entities(conn, entities)
    )
    for stored in rows:
        seen = lens.see(stored.record)
        if seen.discoverable:
            out[stored.entity_id or ""].append(Member(stored, seen))
    return out


def contacts(lens: reading.Lens) -> dict[str, tuple[str, str]]:
    """Each agency's name and the contact a hit names: its contact unit, else the agency."""
    out = {}
    for code, row in lens.agencies.items():
        unit = row.contact_unit_name  # read with the agencies (``identity_rows.all_agencies``)
        out[code] = (row.name, f"{unit} ({code}/{row.contact_unit})" if unit is not None else row.name)
    return out


def holders(known: dict[str, tuple[str, str]], found: list[Member]) -> tuple[Holder, ...]:
    """Per agency holding some of ``found``: how many, how recent, how many readable, whom to ask."""
    by_agency: dict[str, list[Member]] = defaultdict(list)
    for member in found:
        by_agency[member.stored.record.source].append(member)
    out = []
    for code, held in sorted(by_agency.items()):
        name, contact = known[code]  # a discoverable record's agency is registered (``Lens.see``)
        latest = max(m.stored.updated_at for m in held)
        readable = sum(m.seen.decision.reads for m in held)
        out.append(Holder(code, name, contact, len(held), latest, readable))
    return tuple(out)


def reasons(
    asked: Profile,
    best: list[Member],
    evidence: list[Profile],
    pairs: list[tuple[str | None, str | None]],
    context: LinkContext,
) -> list[Phrase]:
    """For each hit, its best pair of names in words, or why the names may not be shown: what
    ``explain_for`` would show of the name evidence. ``pairs`` are the names that compared best
    when the hits were scored; a hit scored without its names (its birth date ruled it out) has
    its names (``evidence``: each hit's profile) compared here."""
    out = [withheld(why_withheld(m.seen)) for m in best]
    shown = [k for k, m in enumerate(best) if m.seen.decision.fields >= NAME_FIELDS]
    for k in shown:
        if pairs[k][0] and pairs[k][1]:
            out[k] = pair_words(*pairs[k], context)
    again = [k for k in shown if not (pairs[k][0] and pairs[k][1])]
    for k, words in zip(again, name_sentences(asked, [evidence[k] for k in again], context), strict=True):
        out[k] = words
    return out


def names_of(found: list[Member]) -> tuple[str, ...]:
    """Every name and alias as written, from the name fields the reader may read."""
    names: dict[str, None] = {}
    for member in found:
        props = member.stored.record.properties
        for key in ("name", "alias", "weakAlias"):
            if key in member.seen.decision.fields:
                names.update(dict.fromkeys(props.get(key, [])))
        if not props.get("name") and {"firstName", "lastName"} <= member.seen.decision.fields:
            names[" ".join(props.get("firstName", []) + props.get("lastName", []))] = None
    return tuple(n for n in names if n.strip())


def is_hit(probability: np.ndarray, model: LinkageModel) -> np.ndarray:
    """Which candidates are hits: a probability of at least ``MIN_SCORE``, or evidence of at least
    ``MIN_EVIDENCE`` bits (the pair's log-odds less the prior). A probability of 0 or 1 is read as
    evidence without end, against or for."""
    with np.errstate(divide="ignore"):
        evidence = np.log2(probability) - np.log2(1.0 - probability) - model.prior_weight()
    return np.asarray((probability >= MIN_SCORE) | (evidence >= MIN_EVIDENCE))


def search(store: Store, user: str | None, purpose: str, query: Query, limit: int = 20) -> Found:
    """The persons matching ``query`` as ``user`` may see them, for ``purpose``, best first."""
    why = checked_purpose(purpose)
    now = clock.now()
    analyst = identity.authorise(store, user, (Role.ANALYST, Role.PREVENTION_OFFICER), "search", now)
    asked = probe(query, now.date())
    mine = profile(asked)
    keys = sorted(record_keys(mine))
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, analyst, why), now)
        _, context = latest_context(conn)
        cache = record_cache.of(store)
        keyed = cache.held(conn, keys, search_limit)
        found = key_rows.by_record(keyed)
        too_common = sum(1 for pks in keyed.values() if pks is None)
        for prefix in lone_name_prefixes(mine):
            # The name's own key when it is a nom de guerre or a given name alone: the name's limit.
            # At a million demo records, "Abou Obeida" without a year is held by 3,344 records, and
            # left out at the search's limit it found nobody.
            with_any_year = key_rows.with_prefix(conn, prefix, NAME_BLOCK)
            too_common += with_any_year is None
            for pk, shared in (with_any_year or {}).items():
                found.setdefault(pk, set()).update(shared)
        candidates = [
            (stored, seen, evidence)
            for stored, evidence in cache.stored(conn, found)
            if (seen := lens.see(stored.record)).discoverable
        ]
        kinds = [kind_bits(found[stored.pk]) for stored, _, _ in candidates]
        result = realtime.scored(mine, [evidence for _, _, evidence in candidates], context, kinds)
        hit = is_hit(result.probability, context.model).tolist()
        best: dict[str, tuple[float, StoredRecord, Seen, int]] = {}
        for k, ((stored, seen, _), score) in enumerate(
            zip(candidates, result.probability.tolist(), strict=True)
        ):
            entity = stored.entity_id or f"unresolved:{seen.ref}"
            if hit[k] and (entity not in best or score > best[entity][0]):
                best[entity] = (score, stored, seen, k)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
        people = members(conn, lens, [e for e, _ in ranked if not e.startswith("unresolved:")], cache)
        known = contacts(lens)
        why_of = reasons(
            mine,
            [Member(stored, seen) for _, (_, stored, seen, _) in ranked],
            [candidates[k][2] for _, (_, _, _, k) in ranked],
            [(result.name_a[k], result.name_b[k]) for _, (_, _, _, k) in ranked],
            context,
        )
        hits, returned = [], []
        for (entity, (score, stored, seen, _)), words in zip(ranked, why_of, strict=True):
            held = people.get(entity) or [Member(stored, seen)]
            refs = tuple(m.seen.ref for m in held)
            hits.append(Hit(entity, score, words, names_of(held), holders(known, held), refs))
            read = [m.seen.ref for m in held if m.seen.decision.reads]
            returned.append({"entity": entity, "records": list(refs), "read": read})
    # The entry is written in a short transaction of its own once the reading is done; the
    # answer is returned only after it is committed, so no search goes unrecorded.
    detail = {"terms": query.terms(), "hits": returned, "matched": len(best), "too_common": too_common}
    with store.short_write() as conn:
        audit.record(conn, identity.actor_of(analyst), "search", detail, now, why.value)
    return Found(hits, len(best), too_common)


#: The garbage collector's thresholds in a warm server process (``settle``).
GC_THRESHOLDS = (30_000, 50, 100)


def settle() -> None:
    """After ``warm``, in a server process: the warm cache is millions of Python objects, and each
    full pass of the cyclic garbage collector walked them all and stalled every request of the
    process for up to two seconds. They live as long as the process (or are freed by reference
    counting when evicted): leave them out of the collector's passes. Records cached later are
    scanned while young: fewer, larger young passes (at most about 50 ms each, 1,000 searches at
    1M records) instead of Python's default, whose passes reached the old generation nine times
    in those searches, 0.6 s each."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def warm(store: Store, stop: threading.Event | None = None) -> int:
    """Fill this process's record cache (``record_cache``) with the records of the commonest
    names, most common first, then with the others until it is full, and make the kept records'
    names ready to compare (up to ``name_cache`` names); how many records it then keeps. A server
    does this once at start, beside its work: a cold search at a million records cost twice a warm
    one. Nothing is shown to anyone, so nothing is audited; every search still reads through the
    lens."""
    cache = record_cache.of(store)
    cache.warmed = True
    with store.transaction() as conn:
        try:
            _, context = latest_context(conn)
        except CrossroadsError:  # never resolved: nothing to warm
            return 0
    common = sorted(
        ((n, key) for key, n in context.key_counts.items() if WARM_FROM <= n <= SEARCH_BLOCK), reverse=True
    )
    budget, keys = cache.limit, []
    for n, key in common:
        if budget <= 0:
            break
        keys.append(key)
        budget -= n
    for start in range(0, len(keys), 100):
        if stop is not None and stop.is_set():
            break
        with store.transaction() as conn:
            cache.stored(conn, key_rows.sharing(conn, keys[start : start + 100], lambda key: SEARCH_BLOCK))
    # Then every other record, by number, while there is room: the rarer names' records are the
    # candidates a search meets for the first time, and reading them was a quarter of its time.
    with store.transaction() as conn:
        last = record_rows.last_pk(conn)
    for start in range(1, last + 1, WARM_STEP):
        if (stop is not None and stop.is_set()) or len(cache) + WARM_STEP > cache.limit:
            break
        with store.transaction() as conn:
            cache.stored(conn, range(start, min(start + WARM_STEP, last + 1)))
    # Then the kept records' names, made ready to compare: a search meets about seventy names for
    # the first time at a million records, each with its readings, a fifth of its time.
    frequencies, room = context.frequencies, load_settings().name_cache
    if frequencies.vector_limit is not None:  # None: every name's kept already
        frequencies.vector_limit = max(frequencies.vector_limit, room)
    names = list(dict.fromkeys(name for evidence in cache.profiles() for name in compared_names(evidence)))
    for start in range(0, min(len(names), room), WARM_STEP):
        if stop is not None and stop.is_set():
            break
        remember(names[start : start + WARM_STEP], frequencies)
    return len(cache)
