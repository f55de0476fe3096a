"""Real-time resolution use case: each record that arrives is resolved at once against the store.

Candidates come from the stored blocking keys (an index lookup, not a batch join), are scored with
the context of the last resolution, and the decision is written in the record's own transaction:
its entity id, merged persons' records moved to the surviving id, lineage events, its keys. A
store never resolved has no model in force yet: ``crossroads resolve`` must run first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from crossroads.access import audit
from crossroads.access import identity as users
from crossroads.phrase import Phrase
from crossroads.records.model import Record
from crossroads.resolve import identity, realtime, reasons
from crossroads.resolve.blocking import block_limit, kind_bits, record_keys
from crossroads.resolve.contacts import contact_keys
from crossroads.resolve.profile import Profile, profile
from crossroads.service import alerts, clock, record_cache
from crossroads.service.explain import latest_context
from crossroads.service.link import RESOLVING
from crossroads.store import (
    alert_rows,
    case_rows,
    key_rows,
    record_rows,
    relationship_rows,
    resolution_runs,
    review_rows,
)
from crossroads.store.store import Store


@dataclass(frozen=True)
class Arrival:
    source: str
    id: str
    decision: realtime.Decision
    entity: str
    candidates: int
    alerts: tuple[int, ...] = ()  # alerts the arrival raised (service.alerts)


#: More changed records than this in one ingest are better resolved by one batch run.
ARRIVALS_LIMIT = 20_000


def too_many_to_resolve(changed: int) -> Phrase | None:
    """What to tell whoever ingested ``changed`` records when they are more than resolution on
    arrival takes (``ARRIVALS_LIMIT``); None when it takes them. The command line, the API and the
    upload page say it in these words."""
    if changed <= ARRIVALS_LIMIT:
        return None
    return Phrase(
        "%(count)s records changed: resolve them in one batch (crossroads resolve)", count=f"{changed:,}"
    )


def queued_for_review(arrivals: Sequence[Arrival]) -> int:
    """How many pairs these arrivals put in the review queue."""
    return sum(len(a.decision.review) for a in arrivals)


def resolved_before(store: Store) -> bool:
    with store.transaction() as conn:
        return resolution_runs.latest_id(conn) is not None


def resolve_arrivals(store: Store, user: str | None, refs: Sequence[tuple[str, str]]) -> list[Arrival]:
    """Resolve each record at once, for the data steward whose ingest brought them; a merge is
    an audit entry in the transaction that makes it (an attach or a new person is the ingest's)."""
    steward = users.authorise(store, user, RESOLVING, "resolve records on arrival", clock.now())
    actor = users.actor_of(steward)
    return [_one(store, actor, source, record_id) for source, record_id in refs]


def _candidates(
    conn: sa.Connection, cache: record_cache.RecordCache, pks: Iterable[int]
) -> tuple[list[tuple[int, Record, str | None]], list[Profile]]:
    """The active records among ``pks`` (number, record, person) with their profiles, by number.

    A server keeps records for its searches (``record_cache``): its arrivals read them through that
    cache, and neither read nor profile again the candidates it keeps; a copy serves only while the
    store says it is current. A process that keeps none (``crossroads ingest``) reads them as
    they are, its candidates being new to it: through the cache they cost it more (their heads
    read with them, and each kept)."""
    if cache.warmed:
        read = cache.stored(conn, pks)
        return [(kept.pk, kept.record, kept.entity_id) for kept, _ in read], [p for _, p in read]
    candidates = sorted(record_rows.by_pks(conn, pks), key=lambda candidate: candidate[0])
    return candidates, [profile(record) for _, record, _ in candidates]


def _one(store: Store, actor: audit.Actor, source: str, record_id: str) -> Arrival:
    with store.transaction() as conn:
        # The newest run's model, read in the arrival's own transaction: an arrival after a batch
        # run committed is decided, and its pairs queued, under that run (the context is parsed
        # once per process: ``stored_context``).
        run_id, context = latest_context(conn)
        stored = record_rows.get(conn, source, record_id)
        mine = profile(stored.record)
        keys = sorted(record_keys(mine))
        key_rows.forget(conn, stored.pk)
        relationship_rows.forget_contacts(conn, stored.pk)
        found = key_rows.sharing(conn, keys, lambda key: block_limit(key.partition(":")[0]))
        found.pop(stored.pk, None)
        candidates, profiles = _candidates(conn, record_cache.of(store), found)
        kinds = [kind_bits(found[pk]) for pk, _, _ in candidates]
        scored = realtime.scored(mine, profiles, context, kinds)
        probabilities = scored.probability
        entities = [e for _, _, e in candidates]
        me = (source, record_id)
        verdicts = {
            review_rows.ordered(j.a, j.b): j.verdict for j in review_rows.in_force(conn, involving=me)
        }
        judged = {
            k: verdict
            for k, (_, r, _) in enumerate(candidates)
            if (verdict := verdicts.get(review_rows.ordered(me, (r.source, r.id)))) is not None
        }
        decision = realtime.decide(
            probabilities.tolist(),
            entities,
            lambda chosen: record_rows.sizes(conn, chosen),
            judged,
            dated=[bool(mine.births), *(bool(p.births) for p in profiles)],
            speaks=scored.speaks.tolist(),
        )
        now = clock.now()
        if decision.entity is None:
            entity = identity.new_id(f"{source}/{record_id}")
            resolution_runs.add_lineage(
                conn, run_id, [(entity, identity.CREATED, None, 1, decision.why)], now
            )
        else:
            entity = decision.entity
            for other in decision.merged:
                alert_rows.move_watches(conn, other, entity)
                case_rows.follow_merge(conn, other, entity, actor.user, now)
                # Their records are now one person's: what was queued between them is answered.
                moved = record_rows.members_of(conn, other)
                review_rows.dequeue_between(
                    conn, list(record_rows.members_of(conn, entity).values()), list(moved.values())
                )
                record_rows.set_entity(conn, moved, entity)
                why = reasons.on_arrival(f"{source}/{record_id}", decision.why)
                resolution_runs.add_lineage(
                    conn, run_id, [(other, identity.MERGED, entity, len(moved), why)], now
                )
                detail = {"arrival": f"{source}/{record_id}", "merged": other, "into": entity,
                          "records_moved": len(moved), "why": decision.why}  # fmt: skip
                audit.record(conn, actor, "resolve", detail, now)
        record_rows.set_entity(conn, [stored.pk], entity)
        # What waits for an analyst about this record is what this scoring says, at once, as a
        # batch run would queue it; pairs queued for an earlier version of it are taken off.
        review_rows.requeue_record(
            conn,
            run_id,
            me,
            [((candidates[k][1].source, candidates[k][1].id), float(probabilities[k]), why)
             for k, why in decision.review],
        )  # fmt: skip
        key_rows.add(conn, ((stored.pk, key) for key in keys))
        relationship_rows.add_contacts(
            conn, ((stored.pk, k) for k in sorted(contact_keys(stored.record.properties)))
        )
        owners = [entity if e in decision.merged else e for e in entities]
        pairs = [(r, e) for (_, r, _), e in zip(candidates, owners, strict=True)]
        raised = alerts.on_arrival(conn, actor, stored.record, entity, pairs, probabilities.tolist(), now)
    return Arrival(source, record_id, decision, entity, len(candidates), tuple(raised))
