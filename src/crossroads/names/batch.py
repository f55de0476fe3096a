"""Many name comparisons at once: the linker's and the benchmarks' entry point.

Each distinct name is parsed once; features for all pairs are computed column by column in C
(rapidfuzz ``cpdist``); the calibrated model turns them into probabilities with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from crossroads.names.features import FEATURES, NameVector, feature_matrix, vector
from crossroads.names.frequencies import NameFrequencies
from crossroads.names.model import NameModel, default_model
from crossroads.names.parse import parse


def vectors(names: Sequence[str], frequencies: NameFrequencies) -> list[NameVector]:
    """The comparison vector of each name (names are parsed once each, through the parse cache)."""
    return [vector(parse(name), frequencies) for name in names]


def pair_features(a: Sequence[str], b: Sequence[str], frequencies: NameFrequencies) -> np.ndarray:
    """The feature matrix of the pairs ``(a[i], b[i])``: each distinct name is prepared once."""
    if len(a) != len(b):
        raise ValueError(f"score_pairs needs two lists of equal length, got {len(a)} and {len(b)}")
    if not a:
        return np.zeros((0, len(FEATURES)))
    index: dict[str, int] = {}
    ia = np.array([index.setdefault(name, len(index)) for name in a], dtype=np.int64)
    ib = np.array([index.setdefault(name, len(index)) for name in b], dtype=np.int64)
    return feature_matrix(vectors(list(index), frequencies), ia, ib)


def score_pairs(
    a: Sequence[str],
    b: Sequence[str],
    model: NameModel | None = None,
    frequencies: NameFrequencies | None = None,
) -> np.ndarray:
    """Probability that ``a[i]`` and ``b[i]`` name the same person, for every i."""
    model = model or default_model()
    frequencies = frequencies or model.frequencies
    features = pair_features(a, b, frequencies)
    return model.predict(features) if len(features) else np.zeros(0)
