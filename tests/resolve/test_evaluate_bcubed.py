"""B-cubed scores counted from contingencies agree with the per-record definition."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crossroads.resolve.evaluate import bcubed


def _per_record(predicted: list[int], truth: list[int]) -> tuple[float, float]:
    n = len(truth)
    precision = recall = 0.0
    for i in range(n):
        group = {j for j in range(n) if predicted[j] == predicted[i]}
        person = {j for j in range(n) if truth[j] == truth[i]}
        precision += len(group & person) / len(group)
        recall += len(group & person) / len(person)
    return precision / n, recall / n


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=25))
def test_bcubed_matches_the_per_record_definition(labels: list[tuple[int, int]]) -> None:
    predicted, truth = [p for p, _ in labels], [t for _, t in labels]
    scores = bcubed(predicted, truth)
    expected = _per_record(predicted, truth)
    assert abs(scores.precision - expected[0]) < 1e-9
    assert abs(scores.recall - expected[1]) < 1e-9


def test_one_wrong_merge_of_two_persons() -> None:
    scores = bcubed(["x", "x", "x", "x"], ["a", "a", "b", "b"])
    assert scores.recall == 1.0
    assert scores.precision == 0.5
