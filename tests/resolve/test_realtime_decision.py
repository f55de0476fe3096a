"""The real-time decision: attach, create or merge, by the clustering's own rule; and the same
scores as the batch for the same pairs."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping

import numpy as np
import pytest
from test_explain import linked  # noqa: F401  (the module fixture: a linked demo set)

from crossroads.records.model import Record
from crossroads.resolve import linker, reasons
from crossroads.resolve.clusters import DISAGREE, LINK
from crossroads.resolve.linker import REVIEW_FROM
from crossroads.resolve.profile import profile
from crossroads.resolve.realtime import ATTACHED, CREATED, MERGED, decide, score, scored


def _sizes(held: dict[str, int]) -> Callable[[Collection[str]], Mapping[str, int]]:
    """How many records each person holds, as the store would say; asking for a person the
    decision has not chosen fails the test (only the persons merging need counting)."""

    def asked(chosen: Collection[str]) -> Mapping[str, int]:
        assert len(chosen) > 1, "sizes are asked only when several persons take the record"
        return {e: held[e] for e in chosen if e in held}

    return asked


def test_a_strong_pair_attaches_the_record_to_that_person() -> None:
    d = decide([0.99, 0.2], ["E1", "E2"], _sizes({"E1": 3, "E2": 1}))
    assert (d.action, d.entity) == (ATTACHED, "E1")


def test_nothing_close_enough_creates_a_person() -> None:
    d = decide([0.6, 0.1], ["E1", "E2"], _sizes({}))
    assert (d.action, d.entity) == (CREATED, None) and "close enough" in d.why


def test_a_person_holding_a_clear_non_match_does_not_take_the_record() -> None:
    d = decide([0.99, 0.001], ["E1", "E1"], _sizes({"E1": 2}))
    assert d.action == CREATED and "non-match" in d.why


def test_a_record_linking_two_persons_merges_them_into_the_larger() -> None:
    # The smaller comes first by name: only the sizes put the larger first.
    d = decide([0.97, 0.95], ["E-a-small", "E-z-big"], _sizes({"E-a-small": 1, "E-z-big": 4}))
    assert (d.action, d.entity, d.merged) == (MERGED, "E-z-big", ("E-a-small",))


def test_judgements_override_the_model_both_ways() -> None:
    assert decide([0.99], ["E1"], _sizes({"E1": 1}), judged={0: "different"}).action == CREATED
    forced = decide([0.3], ["E1"], _sizes({"E1": 1}), judged={0: "same"})
    assert (forced.action, forced.entity) == (ATTACHED, "E1")


def test_real_time_scores_are_the_batch_scores(linked: tuple[list[Record], linker.Linkage]) -> None:  # noqa: F811
    """One model, two paths: scoring a record against stored ones, told which kinds of key each
    candidate shares, gives the batch's probabilities, the bound of the pairs the batch left
    unscored by name included; without the kinds every name is compared, and the exact score never
    exceeds that bound."""
    records, linkage = linked
    pairs = linkage.pairs
    unscored = np.flatnonzero(pairs.name_unscored).tolist()
    scored = np.flatnonzero(~pairs.name_unscored).tolist()
    assert unscored and scored
    rng = random.Random(3)
    for k in rng.sample(unscored, min(40, len(unscored))) + rng.sample(scored, 40):
        a, b = profile(records[int(pairs.ia[k])]), profile(records[int(pairs.ib[k])])
        batch = float(pairs.probability[k])
        assert float(score(a, [b], linkage.context, [int(pairs.kinds[k])])[0]) == pytest.approx(
            batch, abs=1e-9
        )
        exact = float(score(a, [b], linkage.context)[0])
        if pairs.name_unscored[k]:
            assert exact <= batch + 1e-12
        else:
            assert exact == pytest.approx(batch, abs=1e-9)


def test_a_dated_record_joins_the_only_person_it_could_be() -> None:
    """No pair reaches the link threshold, but every uncertain one is with one person: as a lone
    record does in the batch (``clusters.SOLE``)."""
    d = decide([0.6, 0.7, 0.2], ["E1", "E1", "E2"], _sizes({}), dated=[True, True, True, True])
    assert (d.action, d.entity) == (ATTACHED, "E1") and d.why.startswith("joined the only person")
    assert d.review == ((1, d.why),)  # the pair it rests on waits for an analyst, with the reason
    assert decide([0.99], ["E1"], _sizes({}), dated=[True, True]).review == ()


def test_an_arrival_queues_what_a_batch_run_would_queue_for_an_analyst() -> None:
    """The pairs a batch run puts before an analyst (``Linkage.to_review``), on arrival: uncertain
    with another person, linked but kept apart by an objection or by a judgement, and merged over
    an objection; never a pair analysts judged, nor one with the person the record joins."""
    uncertain = decide([0.95, 0.7, 0.3], ["E1", "E2", "E3"], _sizes({}))
    assert (uncertain.entity, uncertain.review) == ("E1", ((1, reasons.uncertain(REVIEW_FROM, LINK)),))
    kept_apart = decide([0.95, 0.01], ["E1", "E1"], _sizes({}))
    assert kept_apart.action == CREATED
    assert kept_apart.review == ((0, reasons.kept_apart(reasons.clear_non_match(0.01))),)
    over = decide([0.9995, 0.02], ["E1", "E1"], _sizes({}))
    assert (over.entity, over.review) == (
        "E1",
        ((0, reasons.overruled(0.9995, reasons.clear_non_match(0.02))),),
    )
    vetoed = decide([0.95, 0.96], ["E1", "E2"], _sizes({}), judged={0: "different"})
    assert vetoed.entity == "E2" and vetoed.review == ()  # the judged pair itself is not asked again
    vetoed_other = decide([0.95, 0.92, 0.96], ["E1", "E1", "E2"], _sizes({}), judged={0: "different"})
    assert vetoed_other.review == ((1, reasons.kept_apart(reasons.JUDGED_APART)),)
    merged = decide([0.95, 0.95, 0.6], ["E1", "E2", "E2"], _sizes({"E1": 3}))
    assert merged.action == MERGED and merged.review == ()  # E2's uncertain pair is now within E1
    unsure = decide([0.95, 0.7], ["E1", "E2"], _sizes({}), judged={1: "unsure"})
    assert unsure.review == ()


def test_only_pairs_with_evidence_against_and_the_best_pair_vote_as_in_the_batch() -> None:
    """A record sharing a phone with one of a person's records (0.95) and only its name with the
    other (0.01, nothing in it disagreeing) joins the person; where the low pair speaks against
    (its birth dates differ, say), or nobody says which pairs speak, it objects. The best pair
    votes whether or not it speaks, as the link of a batch merge does."""
    assert decide([0.95, 0.01], ["E1", "E1"], _sizes({}), speaks=[False, False]).entity == "E1"
    for speaks in ([False, True], [True, True], None):
        kept = decide([0.95, 0.01], ["E1", "E1"], _sizes({}), speaks=speaks)
        assert kept.action == CREATED and kept.review == (
            (0, reasons.kept_apart(reasons.clear_non_match(0.01))),
        )
    # The best pair's 0.91 and a speaking 0.06 average 0.485, below one half: a weak average.
    weak = decide([0.91, 0.3, 0.06], ["E1", "E1", "E1"], _sizes({}), speaks=[False, False, True])
    assert weak.action == CREATED and weak.review == ((0, reasons.kept_apart(reasons.weak_average(0.485))),)


def test_an_arrivals_pairs_speak_where_the_batchs_same_pairs_do(
    linked: tuple[list[Record], linker.Linkage],  # noqa: F811
) -> None:
    """Which pairs vote is decided from the same levels on both paths: a record's pairs scored on
    arrival speak exactly where the batch's evidence against them reaches ``DISAGREE`` (or its
    names were spared, their birth dates differing)."""
    records, linkage = linked
    pairs = linkage.pairs
    checked = 0
    for first in sorted(set(pairs.ia.tolist()))[:40]:
        mine = np.flatnonzero(pairs.ia == first)
        batch = (linkage.model.against(pairs.levels[mine]) <= DISAGREE) | pairs.name_unscored[mine]
        arrival = scored(
            profile(records[first]), [profile(records[int(pairs.ib[k])]) for k in mine], linkage.context
        )
        assert arrival.speaks.tolist() == batch.tolist(), first
        checked += int(batch.sum()) * int((~batch).sum() > 0)
    assert checked  # some record had pairs on both sides of the line


def test_no_sole_join_without_dates_near_two_persons_over_an_objection_or_a_veto() -> None:
    undated = decide([0.7], ["E1"], _sizes({}), dated=[False, True])
    partner_undated = decide([0.7], ["E1"], _sizes({}), dated=[True, False])
    two = decide([0.7, 0.55], ["E1", "E2"], _sizes({}), dated=[True, True, True])
    objected = decide([0.7, 0.01], ["E1", "E1"], _sizes({}), dated=[True, True, True])
    vetoed = decide([0.7], ["E1"], _sizes({}), judged={0: "different"}, dated=[True, True])
    # As in the batch, the pair it rests on is one from the band up between two dated records.
    weak_dated = decide([0.7, 0.3], ["E1", "E1"], _sizes({}), dated=[True, False, True])
    decided = {undated, partner_undated, two, objected, vetoed, weak_dated}
    assert {d.action for d in decided} == {CREATED}


def test_many_candidates_at_once_score_as_each_alone(linked: tuple[list[Record], linker.Linkage]) -> None:  # noqa: F811
    """A search or an arrival scores all its candidates in one call; each must get the score it
    gets alone, whatever its name level (only pairs at an adjusted level weigh their shared name
    keys, so a candidate's keys misplaced onto another's row would show here)."""
    records, linkage = linked
    pairs = linkage.pairs
    rng = random.Random(5)
    a = profile(records[int(pairs.ia[0])])
    others = [profile(records[k]) for k in rng.sample(range(len(records)), 60)]
    # The record's own pairs first: names that agree, so some rows are at adjusted levels.
    own = [profile(records[int(pairs.ib[k])]) for k in np.flatnonzero(pairs.ia == pairs.ia[0]).tolist()]
    candidates = own + others
    together = score(a, candidates, linkage.context)
    alone = [float(score(a, [c], linkage.context)[0]) for c in candidates]
    assert together.tolist() == pytest.approx(alone, abs=1e-12)
    assert max(alone) >= LINK > min(alone)  # both near and far candidates were weighed
