"""One arriving record against everything stored: attach it to a person, create one, or merge two.

The same model as the batch (the context of the last resolution: weights, name frequencies, name-key
counts), the same comparisons and the same rule for joining a group as the clustering: a person
takes the record when its best pair reaches the link threshold and nothing objects
(``clusters.objection``: none of its records is a clear non-match, and on average they say "same
person", counting as the clustering does only the pairs with enough against one person and the best
pair, ``clusters.DISAGREE``), or when a near-certain best pair outweighs the objection
(``clusters.overrides``). A record no person takes joins the only person it could be, as a lone
record does in the batch (``clusters.SOLE``): its pairs from the uncertain band up all with that
person, the best of them between two dated records, and nothing objecting.
Several persons qualifying means the record shows them to be one: they merge, the one with most
records keeping its id. The decision names the pairs an analyst should judge, as a batch run queues
them (``_to_review``): they wait at once, not until the next run. Pure: the caller
(``service.realtime``) looks the candidates up and writes the decision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from crossroads.resolve import reasons, term_frequency
from crossroads.resolve.blocking import contradicted, name_only_keys
from crossroads.resolve.clusters import DISAGREE, LINK, REJECT, SOLE, objection, overrides
from crossroads.resolve.comparisons import RULES
from crossroads.resolve.context import LinkContext
from crossroads.resolve.linker import DIFFERENT, REVIEW_FROM, SAME, comparison_levels
from crossroads.resolve.name_sparing import best_names
from crossroads.resolve.profile import Profile

ATTACHED, CREATED, MERGED = "attached", "created", "merged"
_BIRTH_DATE = [comparison.name for comparison, _ in RULES].index("birth_date")


@dataclass(frozen=True)
class Decision:
    action: str  # attached, created or merged
    entity: str | None  # the person the record joins (None: a new one, the caller names it)
    merged: tuple[str, ...]  # persons merged into ``entity``
    best: float  # the highest probability against any stored record
    why: str
    #: Candidates whose pair with the record waits for an analyst, with why (``_to_review``).
    review: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Scored:
    """Per candidate: the probability, the two names that compared best (None where the
    candidate was not compared by name, or a side has none), and whether its evidence against one
    person is enough for a vote (``clusters.DISAGREE``)."""

    probability: np.ndarray
    name_a: list[str | None]
    name_b: list[str | None]
    speaks: np.ndarray


def score(
    new: Profile, candidates: Sequence[Profile], context: LinkContext, kinds: Sequence[int] | None = None
) -> np.ndarray:
    """Probability that ``new`` and each candidate are one person, as the batch would score them
    (``scored`` says which names compared best too)."""
    return scored(new, candidates, context, kinds).probability


def scored(
    new: Profile, candidates: Sequence[Profile], context: LinkContext, kinds: Sequence[int] | None = None
) -> Scored:
    """``score``, with the names behind each candidate's name evidence.

    ``kinds`` (per candidate, the bits of the kinds of key it shares with ``new``) lets the
    candidates that names alone found and whose birth dates differ go without a name comparison
    where even the best names would leave them a clear non-match: they keep that bound, as in the
    batch (``name_sparing``).
    """
    probability = np.zeros(len(candidates))
    name_a: list[str | None] = [None] * len(candidates)
    name_b: list[str | None] = [None] * len(candidates)
    # A candidate spared its names keeps its vote, as in the batch: its birth dates differ.
    speaks = np.ones(len(candidates), dtype=bool)
    if not candidates:
        return Scored(probability, name_a, name_b, speaks)
    compared = np.arange(len(candidates))
    others = None
    if kinds is not None:
        # Every comparison but the name, once per candidate: the birth dates say which can be
        # spared, the rest bound them, and the candidates compared by name reuse them (a search
        # leveled each compared candidate's birth dates twice, the slowest of these comparisons).
        others = np.array([[rule(new, c) for _, rule in RULES] for c in candidates], dtype=np.int8)
        maybe = np.flatnonzero(contradicted(np.asarray(kinds, dtype=np.int64), others[:, _BIRTH_DATE]))
        if len(maybe):
            bound = best_names(context.model, others[maybe])
            low = bound < REJECT
            probability[maybe[low]] = bound[low]
            compared = np.setdiff1d(compared, maybe[low])
    if not len(compared):
        return Scored(probability, name_a, name_b, speaks)
    chosen = [candidates[k] for k in compared.tolist()]
    profiles = [new, *chosen]
    ia = np.zeros(len(chosen), dtype=np.int64)
    ib = np.arange(1, len(profiles), dtype=np.int64)
    known = None if others is None else others[compared]
    levels, names = comparison_levels(profiles, ia, ib, context.frequencies, others=known)
    # Only a pair whose names agree at an adjusted level weighs the keys it shares; the others'
    # keys are never looked at. Most of a common name's candidates met by other keys are at lower
    # levels, and their names' keys were the misses of ``name_only_keys``'s cache: at a million
    # records, 1.4 ms of a 17 ms search.
    adjusted = np.isin(levels[:, 0], term_frequency.ADJUSTED_LEVELS).tolist()
    rarity = term_frequency.adjustments_against(
        name_only_keys(new),
        [name_only_keys(c) if weighed else set() for c, weighed in zip(chosen, adjusted, strict=True)],
        context.key_counts,
        context.records,
        levels[:, 0],
        context.tf_centres,
    )
    probability[compared] = context.model.probability(levels, rarity)
    speaks[compared] = context.model.against(levels) <= DISAGREE
    for j, k in enumerate(compared.tolist()):
        name_a[k], name_b[k] = names.name_a[j], names.name_b[j]
    return Scored(probability, name_a, name_b, speaks)


def decide(
    probabilities: Sequence[float],
    entities: Sequence[str | None],
    sizes: Callable[[Collection[str]], Mapping[str, int]],
    judged: dict[int, str] | None = None,
    dated: Sequence[bool] | None = None,
    speaks: Sequence[bool] | None = None,
) -> Decision:
    """The decision for one record from its candidates' probabilities and persons; ``judged``
    maps a candidate's position to an analyst's verdict on the pair (it overrides the model);
    ``dated`` says whether the record (first) and each candidate give a birth date: without it, no
    record joins its only possible person (``clusters.SOLE``); ``speaks`` says which candidates'
    pairs vote on joining their person (``Scored.speaks``; without it, every pair does), besides
    the best pair with each person.
    ``sizes`` tells how many records some persons hold; it is asked only when several persons
    take the record (the largest keeps its id), which is rare: counting every candidate's person
    cost an arrival a query of its own."""
    judged = judged or {}
    pairs_with: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    vetoed: set[str] = set()
    forced: set[str] = set()
    for k, (p, entity) in enumerate(zip(probabilities, entities, strict=True)):
        if entity is None:
            continue
        verdict = judged.get(k)
        if verdict == DIFFERENT:
            vetoed.add(entity)
        elif verdict == SAME:
            forced.add(entity)
        pairs_with[entity].append((float(p), True if speaks is None else bool(speaks[k])))
    by_entity = {entity: _votes(pairs) for entity, pairs in pairs_with.items()}
    qualifying = {
        entity for entity, votes in by_entity.items()
        if max(votes) >= LINK and (objection(votes) is None or overrides(max(votes), votes))
    }  # fmt: skip
    chosen = sorted((qualifying | forced) - vetoed)
    if len(chosen) > 1:
        held = sizes(chosen)
        chosen.sort(key=lambda e: (-held.get(e, 0), e))
    best = max(probabilities, default=0.0)
    decision, lone = _decision(probabilities, entities, chosen, best, by_entity, vetoed, dated)
    review = _to_review(decision, lone, probabilities, entities, judged, by_entity, vetoed, forced)
    return replace(decision, review=review)


def _votes(pairs: Sequence[tuple[float, bool]]) -> list[float]:
    """The votes on joining one person: its pairs with the record that speak (``decide``), and the
    best of them whatever it says, as the link a batch merge rests on."""
    best = max(range(len(pairs)), key=lambda j: pairs[j][0])
    return [p for j, (p, speaking) in enumerate(pairs) if speaking or j == best]


def _decision(
    probabilities: Sequence[float],
    entities: Sequence[str | None],
    chosen: list[str],
    best: float,
    by_entity: Mapping[str, list[float]],
    vetoed: set[str],
    dated: Sequence[bool] | None,
) -> tuple[Decision, int | None]:
    """The decision, and the candidate a lone record's join rests on (None if it did not join so)."""
    if not chosen and dated is not None and dated[0]:
        near = {e for p, e in zip(probabilities, entities, strict=True) if e is not None and p >= SOLE}
        if len(near) == 1 and not near & vetoed:
            (only,) = near
            pairs = zip(probabilities, entities, dated[1:], strict=True)
            dated_pairs = [(p, k) for k, (p, e, d) in enumerate(pairs) if e == only and d and p >= SOLE]
            if dated_pairs and objection(by_entity[only]) is None:
                p, k = max(dated_pairs)
                return Decision(ATTACHED, only, (), float(best), reasons.sole(p, SOLE)), k
    if not chosen:
        why = reasons.NOTHING_CLOSE if best < LINK else reasons.CLOSE_PERSONS_OBJECT
        return Decision(CREATED, None, (), float(best), why), None
    if len(chosen) == 1:
        return Decision(ATTACHED, chosen[0], (), float(best), reasons.best_pair(best, LINK)), None
    return Decision(MERGED, chosen[0], tuple(chosen[1:]), float(best), reasons.LINKS_PERSONS), None


def _to_review(
    decision: Decision,
    lone: int | None,
    probabilities: Sequence[float],
    entities: Sequence[str | None],
    judged: Mapping[int, str],
    by_entity: Mapping[str, list[float]],
    vetoed: set[str],
    forced: set[str],
) -> tuple[tuple[int, str], ...]:
    """The candidates whose pair with the arriving record an analyst should judge, with why: what
    a batch run queues (``Linkage.to_review``). The pair a lone join rests on; the best pair of each
    person merged over an objection; pairs left with another person that the model linked (kept
    apart) or found uncertain. A pair analysts judged is never queued."""
    out = [(lone, decision.why)] if lone is not None else []
    joined, merged = decision.entity, set(decision.merged)
    if joined is not None and lone is None:
        for taken in sorted({joined, *merged} - forced):
            against = objection(by_entity[taken]) if taken in by_entity else None
            if against is not None:  # taken by a near-certain link over the objection
                top, k = max((p, k) for k, (p, e) in enumerate(zip(probabilities, entities, strict=True))
                             if e == taken)  # fmt: skip
                if k not in judged:
                    out.append((k, reasons.overruled(top, against)))
    queued = {k for k, _ in out}
    for k, (p, person) in enumerate(zip(probabilities, entities, strict=True)):
        if person is None or k in judged or k in queued or p < REVIEW_FROM:
            continue
        if joined is not None and (person == joined or person in merged):
            continue
        if p < LINK:
            out.append((k, reasons.uncertain(REVIEW_FROM, LINK)))
        else:
            apart = reasons.JUDGED_APART if person in vetoed else objection(by_entity[person])
            out.append((k, reasons.kept_apart(apart) if apart else reasons.uncertain(REVIEW_FROM, LINK)))
    return tuple(out)
