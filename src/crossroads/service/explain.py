"""Explain use case: why two stored records are, or are not, one person, as the last resolution saw it."""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.errors import CrossroadsError, NotFoundError
from crossroads.resolve.context import LinkContext
from crossroads.resolve.explain import PairExplanation, explain
from crossroads.store import record_rows, resolution_runs
from crossroads.store.store import Store


class NotResolvedError(CrossroadsError):
    """The store has never been resolved: there is no decision to explain yet."""


def stored_context(run_id: str, raw: bytes) -> LinkContext:
    """The context a stored resolution used; a resolution made with other comparisons (an older
    version's levels) cannot be reused: the store must be resolved again."""
    try:
        return LinkContext.from_json(raw)
    except (ValueError, KeyError) as error:
        raise NotResolvedError(
            f"the store's last resolution ({run_id}) was made with comparisons this version no longer "
            f"has ({error}): run `crossroads resolve` again"
        ) from error


@dataclass(frozen=True)
class StoredPairExplanation:
    explanation: PairExplanation
    run_id: str
    same_entity_now: bool  # what the store holds now (a later ingest may have changed a record)


def parse_ref(text: str) -> tuple[str, str]:
    """``SOURCE/ID`` (agency codes hold no slash; the id may)."""
    source, slash, record_id = text.partition("/")
    if not slash or not source or not record_id:
        raise NotFoundError(
            f"{text!r} is not a record reference: write SOURCE/ID, e.g. police.federal/fed-0004796"
        )
    return source, record_id


def explain_stored(store: Store, ref_a: str, ref_b: str) -> StoredPairExplanation:
    (source_a, id_a), (source_b, id_b) = parse_ref(ref_a), parse_ref(ref_b)
    with store.transaction() as conn:
        a = record_rows.get(conn, source_a, id_a)
        b = record_rows.get(conn, source_b, id_b)
        run = resolution_runs.latest(conn)
    if run is None:
        raise NotResolvedError("the store has not been resolved yet: run `crossroads resolve` first")
    run_id, context = run
    same = a.entity_id is not None and a.entity_id == b.entity_id
    return StoredPairExplanation(explain(a.record, b.record, stored_context(run_id, context)), run_id, same)
