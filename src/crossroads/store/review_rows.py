"""Judgements and the review queue: rows keyed by the two records' (source, id), lower pair first,
so a verdict follows the records through every re-run, whatever entity ids they get."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import judgements, review_queue

Ref = tuple[str, str]  # (source, id)


def ordered(a: Ref, b: Ref) -> tuple[Ref, Ref]:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Judgement:
    a: Ref
    b: Ref
    verdict: str
    analyst: str
    reason: str
    probability: float | None
    judged_at: datetime


def _judgement(row: sa.Row[Any]) -> Judgement:
    return Judgement(
        (row.source_a, row.id_a), (row.source_b, row.id_b), row.verdict, row.analyst, row.reason,
        row.probability, row.judged_at,
    )  # fmt: skip


def add_judgement(
    conn: sa.Connection,
    a: Ref,
    b: Ref,
    verdict: str,
    analyst: str,
    reason: str,
    probability: float | None,
    now: datetime,
) -> None:
    (sa_, ia), (sb, ib) = ordered(a, b)
    conn.execute(
        sa.insert(judgements).values(
            source_a=sa_, id_a=ia, source_b=sb, id_b=ib, verdict=verdict, analyst=analyst,
            reason=reason, probability=probability, judged_at=now,
        )
    )  # fmt: skip


def in_force(conn: sa.Connection, involving: Ref | None = None) -> list[Judgement]:
    """The newest judgement of every judged pair (of the pairs one record is in, if given)."""
    query = sa.select(judgements).order_by(judgements.c.judged_at, judgements.c.id)
    if involving is not None:
        source, rid = involving
        query = query.where(
            sa.or_(
                sa.and_(judgements.c.source_a == source, judgements.c.id_a == rid),
                sa.and_(judgements.c.source_b == source, judgements.c.id_b == rid),
            )
        )
    rows = conn.execute(query).all()
    newest: dict[tuple[Ref, Ref], Judgement] = {}
    for r in rows:
        judgement = _judgement(r)
        newest[(judgement.a, judgement.b)] = judgement
    return list(newest.values())


def history(conn: sa.Connection, a: Ref, b: Ref) -> list[Judgement]:
    (sa_, ia), (sb, ib) = ordered(a, b)
    rows = conn.execute(
        sa.select(judgements)
        .where(
            judgements.c.source_a == sa_,
            judgements.c.id_a == ia,
            judgements.c.source_b == sb,
            judgements.c.id_b == ib,
        )
        .order_by(judgements.c.judged_at, judgements.c.id)
    ).all()
    return [_judgement(r) for r in rows]


def replace_queue(conn: sa.Connection, run_id: str, items: Iterable[tuple[Ref, Ref, float, str]]) -> int:
    """The queue becomes this run's pairs (earlier runs' open pairs are re-derived, not kept)."""
    conn.execute(sa.delete(review_queue))
    return _insert_queued(conn, run_id, items)


def requeue_record(
    conn: sa.Connection, run_id: str, ref: Ref, items: Iterable[tuple[Ref, float, str]]
) -> int:
    """The open pairs of the record ``ref`` become ``items`` (partner, probability, why), under the
    run whose model decided them: a record resolved on arrival, whose pairs queued for an earlier
    version of it are taken off first."""
    dequeue_record(conn, ref)
    return _insert_queued(conn, run_id, [(ref, partner, p, why) for partner, p, why in items])


def dequeue_record(conn: sa.Connection, ref: Ref) -> int:
    """Take every open pair of the record ``ref`` off the queue (it is being scored again); how
    many there were."""
    source, record_id = ref
    either = sa.or_(
        sa.and_(review_queue.c.source_a == source, review_queue.c.id_a == record_id),
        sa.and_(review_queue.c.source_b == source, review_queue.c.id_b == record_id),
    )  # one statement, each side from its index (ix_review_queue_a, ix_review_queue_b)
    return int(conn.execute(sa.delete(review_queue).where(either)).rowcount)


def dequeue_between(conn: sa.Connection, one: Sequence[Ref], other: Sequence[Ref]) -> int:
    """Take off the open pairs with a record in ``one`` and the other in ``other``: two persons'
    records once a merge made them one person, whose pairs a batch run would no longer ask about.
    How many there were."""
    if not one or not other:
        return 0
    first = sa.tuple_(review_queue.c.source_a, review_queue.c.id_a)
    second = sa.tuple_(review_queue.c.source_b, review_queue.c.id_b)
    across = sa.or_(sa.and_(first.in_(one), second.in_(other)), sa.and_(first.in_(other), second.in_(one)))
    return int(conn.execute(sa.delete(review_queue).where(across)).rowcount)


def _insert_queued(conn: sa.Connection, run_id: str, items: Iterable[tuple[Ref, Ref, float, str]]) -> int:
    rows = []
    for a, b, probability, reason in items:
        (sa_, ia), (sb, ib) = ordered(a, b)
        rows.append({"run_id": run_id, "source_a": sa_, "id_a": ia, "source_b": sb, "id_b": ib,
                     "probability": probability, "reason": reason})  # fmt: skip
    if rows:
        conn.execute(sa.insert(review_queue), rows)
    return len(rows)


@dataclass(frozen=True)
class QueuedPair:
    id: int
    a: Ref
    b: Ref
    probability: float
    reason: str


def queued(conn: sa.Connection, limit: int | None = None) -> list[QueuedPair]:
    """Open pairs, the closest calls first (probability nearest 0.5 means the model knows least)."""
    query = sa.select(review_queue).order_by(sa.func.abs(review_queue.c.probability - 0.5), review_queue.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [QueuedPair(r.id, (r.source_a, r.id_a), (r.source_b, r.id_b), r.probability, r.reason)
            for r in conn.execute(query)]  # fmt: skip


def dequeue(conn: sa.Connection, a: Ref, b: Ref) -> None:
    (sa_, ia), (sb, ib) = ordered(a, b)
    conn.execute(
        sa.delete(review_queue).where(
            review_queue.c.source_a == sa_, review_queue.c.id_a == ia,
            review_queue.c.source_b == sb, review_queue.c.id_b == ib,
        )
    )  # fmt: skip
