"""Explain use case: why two stored records are, or are not, one person, as the last resolution saw it."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from crossroads.errors import CrossroadsError, NotFoundError
from crossroads.resolve.context import LinkContext
from crossroads.resolve.explain import PairExplanation, explain
from crossroads.store import record_rows, resolution_runs
from crossroads.store.store import Store


class NotResolvedError(CrossroadsError):
    """The store has never been resolved: there is no decision to explain yet."""


_CONTEXTS: dict[str, LinkContext] = {}


def stored_context(conn: sa.Connection, run_id: str) -> LinkContext:
    """The context a stored resolution used (model, every name's frequency: megabytes at 1M
    records). A run's context never changes, so it is read and parsed once per process, for the
    newest run only. One made with other comparisons (an older version's levels) cannot be reused:
    the store must be resolved again."""
    if run_id not in _CONTEXTS:
        raw = resolution_runs.context_of(conn, run_id)
        try:
            context = LinkContext.from_json(raw)
        except (ValueError, KeyError) as error:
            raise NotResolvedError(
                f"the store's last resolution ({run_id}) was made with comparisons this version no "
                f"longer has ({error}): run `crossroads resolve` again"
            ) from error
        _CONTEXTS.clear()
        _CONTEXTS[run_id] = context
    return _CONTEXTS[run_id]


def latest_context(conn: sa.Connection) -> tuple[str, LinkContext]:
    """The newest resolution's id and context; a store never resolved has none yet."""
    run_id = resolution_runs.latest_id(conn)
    if run_id is None:
        raise NotResolvedError("the store has not been resolved yet: run `crossroads resolve` first")
    return run_id, stored_context(conn, run_id)


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
        run_id, context = latest_context(conn)
    same = a.entity_id is not None and a.entity_id == b.entity_id
    return StoredPairExplanation(explain(a.record, b.record, context), run_id, same)
