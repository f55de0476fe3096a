"""Pairwise scores counted from contingencies agree with brute-force pair enumeration."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from crossroads.resolve.evaluate import pairwise


def _brute(predicted: list[int], truth: list[int]) -> tuple[int, int, int]:
    pairs = list(combinations(range(len(truth)), 2))
    same_t = {p for p in pairs if truth[p[0]] == truth[p[1]]}
    same_p = {p for p in pairs if predicted[p[0]] == predicted[p[1]]}
    return len(same_t), len(same_p), len(same_t & same_p)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=30))
def test_matches_enumeration(labels: list[tuple[int, int]]) -> None:
    predicted = [p for p, _ in labels]
    truth = [t for _, t in labels]
    scores = pairwise(predicted, truth)
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == _brute(predicted, truth)
    assert 0.0 <= scores.f1 <= 1.0


def test_perfect_and_empty() -> None:
    assert pairwise(["a", "a", "b"], [1, 1, 2]).f1 == 1.0
    assert pairwise(["a", "b"], [1, 1]).recall == 0.0
