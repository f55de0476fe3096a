"""Clustering: strongest links first, and no merge that a clear non-match between the groups forbids."""

from __future__ import annotations

import numpy as np

from crossroads.resolve.clusters import cluster


def groups(n: int, pairs: list[tuple[int, int, float]]) -> list[set[int]]:
    ia = np.array([a for a, _, _ in pairs], dtype=np.int64)
    ib = np.array([b for _, b, _ in pairs], dtype=np.int64)
    p = np.array([q for _, _, q in pairs])
    labels = cluster(n, ia, ib, p).labels.tolist()
    found: dict[int, set[int]] = {}
    for record, label in enumerate(labels):
        found.setdefault(label, set()).add(record)
    return sorted(found.values(), key=min)


def test_one_record_like_two_brothers_does_not_glue_them_together() -> None:
    """0 and 2 are brothers (a clear non-match); 1 is a record like both. Components would chain."""
    result = groups(3, [(0, 1, 0.97), (1, 2, 0.95), (0, 2, 0.001)])
    assert result == [{0, 1}, {2}]


def test_a_person_with_several_records_is_one_group() -> None:
    pairs = [(0, 1, 0.99), (1, 2, 0.98), (0, 2, 0.93), (2, 3, 0.95), (4, 5, 0.99)]
    assert groups(6, pairs) == [{0, 1, 2, 3}, {4, 5}]


def test_links_below_the_threshold_join_nothing() -> None:
    assert groups(2, [(0, 1, 0.89)]) == [{0}, {1}]


def test_weak_average_between_groups_refuses_the_merge_and_says_why() -> None:
    ia, ib = np.array([0, 2, 0, 1]), np.array([1, 3, 2, 3])
    p = np.array([0.99, 0.99, 0.91, 0.06])  # the only strong cross pair is outvoted (mean 0.485)
    result = cluster(4, ia, ib, p)
    assert len(set(result.labels.tolist())) == 2
    assert result.refused and "average" in result.refused[0][2]


def test_only_pairs_with_evidence_against_vote_when_told_which_speak() -> None:
    """0 and 1 are one person's dated records; 2 is undated and shares a phone with 1 (0.99), and
    only its name with 0 (0.04: the prior makes it unlikely, nothing in it disagrees). Told that
    the pair 0-2 has nothing against it, the person takes 2; told that it speaks (its dates
    differ, say), or told nothing, the pair is a clear non-match and 2 stays apart."""
    ia, ib, p = np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([0.99, 0.99, 0.04])
    silent = cluster(3, ia, ib, p, speaks=np.array([False, False, False]))
    assert len(set(silent.labels.tolist())) == 1 and not silent.refused
    for speaks in (np.array([False, False, True]), None):
        kept = cluster(3, ia, ib, p, speaks=speaks)
        assert len(set(kept.labels.tolist())) == 2
        assert "clear non-match (0.040)" in kept.refused[0][2]


def test_the_link_itself_votes_whether_or_not_it_speaks() -> None:
    """The weak average between two groups counts the link even where only the other pairs speak:
    0.91 and two speaking pairs at 0.06 average 0.343 and refuse; the link left out, 0.06 would."""
    ia, ib = np.array([0, 2, 0, 1, 1]), np.array([1, 3, 2, 3, 2])
    p = np.array([0.99, 0.99, 0.91, 0.06, 0.06])
    refused = cluster(4, ia, ib, p, speaks=np.array([True, True, False, True, True])).refused
    assert refused and "average only 0.34" in refused[0][2]


def test_labels_cover_every_record_once() -> None:
    rng = np.random.default_rng(1)
    ia = rng.integers(0, 50, 400)
    ib = rng.integers(0, 50, 400)
    keep = ia < ib
    result = cluster(50, ia[keep], ib[keep], rng.random(int(keep.sum())))
    assert len(result.labels) == 50 and result.labels.min() == 0


def test_an_analysts_judgement_overrides_the_model_both_ways() -> None:
    ia, ib = np.array([0, 1, 0]), np.array([1, 2, 2])
    p = np.array([0.99, 0.97, 0.001])
    # The model would keep 2 apart (0~2 is a clear non-match); an analyst says 0 and 2 are one person.
    joined = cluster(3, ia, ib, p, same=[(0, 2)])
    assert len(set(joined.labels.tolist())) == 1
    # The model would link 0 and 1; an analyst says they are different persons.
    split = cluster(3, ia, ib, p, different=[(0, 1)])
    assert split.labels[0] != split.labels[1]
    assert any("analyst" in why for _, _, why in split.refused)


def test_a_judged_difference_wins_over_a_judged_sameness_that_would_break_it() -> None:
    ia, ib = np.array([0]), np.array([1])
    result = cluster(3, ia, ib, np.array([0.2]), same=[(0, 1), (1, 2)], different=[(0, 2)])
    labels = result.labels.tolist()
    assert labels[0] == labels[1] and labels[2] != labels[0]


def test_a_near_certain_link_merges_over_one_mistyped_record_and_says_so() -> None:
    """1 and 2 are one person; 0 is too, near-certainly (same register number, say), but 2 gives
    another birth date, so the pair 0-2 looks like a clear non-match. The evidence between the
    groups, weighed as log-odds, still says one person: they merge, and the objection is kept."""
    pairs = [(1, 2, 0.99995), (0, 1, 0.9995), (0, 2, 0.03)]
    result = cluster(3, *(np.array(c) for c in zip(*pairs, strict=True)))  # type: ignore[arg-type]
    assert len(set(result.labels.tolist())) == 1
    assert result.overruled and "clear non-match" in result.overruled[0][2] and not result.refused


def test_a_near_certain_link_does_not_merge_over_an_overwhelming_non_match() -> None:
    assert groups(3, [(1, 2, 0.99995), (0, 1, 0.9995), (0, 2, 1e-6)]) == [{0}, {1, 2}]


def test_only_a_near_certain_link_merges_over_a_clear_non_match() -> None:
    assert groups(3, [(1, 2, 0.99995), (0, 1, 0.995), (0, 2, 0.03)]) == [{0}, {1, 2}]


def _lone(n: int, pairs: list[tuple[int, int, float]], dated: list[bool]) -> tuple[list[set[int]], list[str]]:
    ia, ib, p = (np.array(c) for c in zip(*pairs, strict=True))
    result = cluster(n, ia, ib, p, dated=np.array(dated))  # type: ignore[arg-type]
    found: dict[int, set[int]] = {}
    for record, label in enumerate(result.labels.tolist()):
        found.setdefault(label, set()).add(record)
    return sorted(found.values(), key=min), [why for _, _, why in result.sole]


def test_a_lone_dated_record_joins_the_only_person_it_could_be_and_says_why() -> None:
    """2 gives the same name and only the year of 0 and 1's person: uncertain (0.7), but nobody
    else is near it."""
    found, why = _lone(3, [(0, 1, 0.98), (0, 2, 0.7), (1, 2, 0.6)], [True, True, True])
    assert found == [{0, 1, 2}]
    assert why == [
        "joined the only person it could be: best pair 0.700, no other person at 0.5 or above, "
        "both records dated"
    ]


def test_a_lone_record_near_two_persons_stays_alone() -> None:
    found, why = _lone(5, [(0, 1, 0.98), (3, 4, 0.97), (2, 0, 0.7), (2, 3, 0.55)], [True] * 5)
    assert found == [{0, 1}, {2}, {3, 4}] and not why


def test_namesakes_without_birth_dates_never_join_as_lone_records() -> None:
    """The same uncertain pair, with the lone record or its partner undated, or both."""
    for dated in ([True, True, False], [False, True, True], [False, False, False]):
        pairs = [(0, 1, 0.98), (1, 2, 0.7)] if dated[0] else [(0, 1, 0.98), (0, 2, 0.7)]
        found, _ = _lone(3, pairs, dated)
        assert len(found) == 2, dated
    assert _lone(2, [(0, 1, 0.8)], [False, False])[0] == [{0}, {1}]


def test_a_lone_record_does_not_join_over_a_clear_non_match() -> None:
    found, why = _lone(3, [(0, 1, 0.98), (0, 2, 0.7), (1, 2, 0.01)], [True, True, True])
    assert found == [{0, 1}, {2}] and not why


def test_a_lone_record_joins_only_from_the_uncertain_band_up() -> None:
    assert _lone(3, [(0, 1, 0.98), (0, 2, 0.45)], [True] * 3)[0] == [{0, 1}, {2}]
    assert groups(3, [(0, 1, 0.98), (0, 2, 0.7)]) == [{0, 1}, {2}]  # without dates given: no second pass
