"""Review use cases: the pairs waiting for an analyst, and an analyst's judgement of a pair.

A judgement names who made it and why; it is kept for ever (a later one on the same pair
supersedes it, both stay), and it overrides the model for its pair from the next resolution on.
"""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.access import audit, identity
from crossroads.access.model import Role
from crossroads.errors import CrossroadsError
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


def pending(store: Store, limit: int | None = None) -> list[QueuedPair]:
    with store.transaction() as conn:
        return review_rows.queued(conn, limit)


def explain_queued(store: Store, item: QueuedPair, analyst: str) -> ShownExplanation:
    """A waiting pair's evidence as the analyst may see it (recorded like every explanation)."""
    return explain_for(store, analyst, "investigation", "/".join(item.a), "/".join(item.b))


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
    judge_ = identity.authorise(store, analyst, Role.ANALYST, f"judge {ref_a} against {ref_b}", clock.now())
    try:
        probability: float | None = explain_unchecked(store, ref_a, ref_b).explanation.probability
    except NotResolvedError:
        probability = None
    with store.transaction() as conn:
        record_rows.get(conn, *a)  # both must exist: a typo in a reference is an error, not a verdict
        record_rows.get(conn, *b)
        now = clock.now()
        review_rows.add_judgement(conn, a, b, verdict, judge_.name, reason.strip(), probability, now)
        review_rows.dequeue(conn, a, b)
        detail = {"a": "/".join(a), "b": "/".join(b), "verdict": verdict, "model_probability": probability}
        audit.record(conn, identity.actor_of(judge_), "judgement", detail, now)
    return Recorded(verdict, probability, "from the next `crossroads resolve` on, for this pair")
