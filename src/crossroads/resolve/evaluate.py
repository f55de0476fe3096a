"""Quality of a clustering against ground truth: pairwise precision, recall and F1.

Counted from cluster-size contingencies (no pair enumeration), so it is exact and fast on 1M records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PairwiseScores:
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(sizes: Counter[Hashable]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> PairwiseScores:
    """``predicted[i]`` and ``truth[i]`` are the cluster labels of record i."""
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth must label the same records")
    return PairwiseScores(
        true_pairs=_pairs(Counter(truth)),
        predicted_pairs=_pairs(Counter(predicted)),
        correct_pairs=_pairs(Counter(zip(predicted, truth, strict=True))),
    )


@dataclass(frozen=True)
class BCubedScores:
    """B-cubed precision and recall: per record, the share of its predicted group that is truly its
    person, and of its person that is in its predicted group, averaged over records. Unlike the
    pairwise scores, a large wrongly merged group weighs by its records, not by its pairs squared."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> BCubedScores:
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth must label the same records")
    if not predicted:
        return BCubedScores(1.0, 1.0)
    both = Counter(zip(predicted, truth, strict=True))
    by_predicted, by_truth = Counter(predicted), Counter(truth)
    # Each record of the cell (predicted p, truth t) has |cell| records in common with both groups.
    precision = sum(n * n / by_predicted[p] for (p, _), n in both.items()) / len(predicted)
    recall = sum(n * n / by_truth[t] for (_, t), n in both.items()) / len(predicted)
    return BCubedScores(precision, recall)
