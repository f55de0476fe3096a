"""Review use cases: the pairs waiting for an analyst, and an analyst's judgement of a pair.

A judgement names who made it and why; it is kept for ever (a later one on the same pair
supersedes it, both stay), and it overrides the model for its pair from the next resolution on.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import Role
from crossroads.access.policy import Purpose, checked_purpose
from crossroads.errors import CrossroadsError, NotFoundError
from crossroads.resolve.linker import VERDICTS
from crossroads.service import clock
from crossroads.service.explain import (
    NotResolvedError,
    ShownExplanation,
    explain_for,
    explain_unchecked,
    parse_ref,
)
from crossroads.store import record_rows, review_rows
from crossroads.store.review_rows import QueuedPair
from crossroads.store.store import Store


class JudgementError(CrossroadsError):
    """A judgement cannot be recorded as given (unknown verdict, no analyst, no reason)."""


@dataclass(frozen=True)
class Recorded:
    verdict: str
    probability: float | None  # what the model said of the pair when it was judged
    takes_effect: str


def _known(conn: sa.Connection, lens: reading.Lens, ref: tuple[str, str]) -> bool:
    return lens.find(conn, *ref) is not None


def pending(
    store: Store, user: str | None, limit: int | None = None, purpose: str = "investigation"
) -> list[QueuedPair]:
    """The waiting pairs the analyst may judge: both records ones they may learn exist (a pair
    with a record hidden from them waits for an analyst who may); the listing is recorded."""
    why = checked_purpose(purpose)
    now = clock.now()
    analyst = identity.authorise(store, user, Role.ANALYST, "read the review queue", now)
    with store.transaction() as conn:
        queued = review_rows.queued(conn)  # before the lens: the reader's role does not read the queue
        lens = reading.Lens(conn, reading.reader(conn, analyst, why), now)
        shown: list[QueuedPair] = []
        for item in queued:
            if limit is not None and len(shown) >= limit:
                break
            if _known(conn, lens, item.a) and _known(conn, lens, item.b):
                shown.append(item)
        detail = {"review_queue": [["/".join(i.a), "/".join(i.b)] for i in shown]}
        audit.record(conn, identity.actor_of(analyst), "view", detail, now, why.value)
    return shown


def explain_queued(store: Store, item: QueuedPair, analyst: str) -> ShownExplanation:
    """A waiting pair's evidence as the analyst may see it (recorded like every explanation)."""
    return explain_for(store, analyst, "investigation", "/".join(item.a), "/".join(item.b))


@dataclass(frozen=True)
class Side:
    """One record of a waiting pair, as the analyst may read it (for the side-by-side view)."""

    ref: str
    agency: str
    classification: str
    caveats: tuple[str, ...]
    content: dict[str, list[str]]  # the readable fields only
    reason: str  # the need-to-know decision in words


def sides(store: Store, item: QueuedPair, analyst: str | None) -> tuple[Side, Side]:
    """Both records of a waiting pair, each trimmed to what the analyst may read; recorded as a view."""
    now = clock.now()
    reader = identity.authorise(store, analyst, Role.ANALYST, "compare a waiting pair", now)
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, reader, Purpose.INVESTIGATION), now)
        found = [lens.find(conn, *ref) for ref in (item.a, item.b)]
        hidden = ["/".join(ref) for ref, f in zip((item.a, item.b), found, strict=True) if f is None]
        detail: dict[str, object] = {"compared": ["/".join(item.a), "/".join(item.b)]}
        if hidden:
            detail["refused"] = hidden
        else:
            detail["read"] = [seen.ref for _, seen in filter(None, found) if seen.decision.reads]
        audit.record(conn, identity.actor_of(reader), "view", detail, now, Purpose.INVESTIGATION.value)
    if hidden:
        raise NotFoundError(record_rows.absent(*parse_ref(hidden[0])))
    shown = []
    for stored, seen in filter(None, found):
        record = stored.record
        content = seen.content(record)
        shown.append(
            Side(
                seen.ref,
                record.source,
                record.classification.value,
                tuple(record.caveats),
                content,
                seen.decision.reason,
            )
        )
    return shown[0], shown[1]


def judge(store: Store, ref_a: str, ref_b: str, verdict: str, analyst: str | None, reason: str) -> Recorded:
    if verdict not in VERDICTS:
        raise JudgementError(f"{verdict!r} is not a verdict: use one of {', '.join(VERDICTS)}")
    if not analyst or not analyst.strip():
        raise JudgementError("a judgement needs the analyst who makes it: pass --user or set CROSSROADS_USER")
    if not reason.strip():
        raise JudgementError("a judgement needs a reason an oversight body can read: pass --why")
    a, b = parse_ref(ref_a), parse_ref(ref_b)
    if a == b:
        raise JudgementError("a record cannot be judged against itself")
    now = clock.now()
    judge_ = identity.authorise(store, analyst, Role.ANALYST, f"judge {ref_a} against {ref_b}", now)
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, judge_, Purpose.INVESTIGATION), now)
        unknown = [ref for ref in (a, b) if not _known(conn, lens, ref)]
        if unknown:
            # A typo and a record the analyst may not know of are answered alike, and recorded.
            refused = {"a": ref_a, "b": ref_b, "refused": ["/".join(r) for r in unknown]}
            audit.record(
                conn, identity.actor_of(judge_), "judgement", refused, now, Purpose.INVESTIGATION.value
            )
    if unknown:
        raise NotFoundError(record_rows.absent(*unknown[0]))
    try:
        probability: float | None = explain_unchecked(store, ref_a, ref_b).explanation.probability
    except NotResolvedError:
        probability = None
    with store.transaction() as conn:
        now = clock.now()
        review_rows.add_judgement(conn, a, b, verdict, judge_.name, reason.strip(), probability, now)
        review_rows.dequeue(conn, a, b)
        detail = {"a": "/".join(a), "b": "/".join(b), "verdict": verdict, "model_probability": probability}
        audit.record(conn, identity.actor_of(judge_), "judgement", detail, now)
    return Recorded(verdict, probability, "from the next `crossroads resolve` on, for this pair")
