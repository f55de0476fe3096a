"""Many name comparisons at once: the linker's and the benchmarks' entry point.

Each distinct name is parsed once; features for all pairs are computed column by column in C
(rapidfuzz ``cpdist``); the calibrated model turns them into probabilities with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from crossroads.names.features import NameVector, feature_matrix, vector
from crossroads.names.frequencies import NameFrequencies
from crossroads.names.model import NameModel, default_model
from crossroads.names.parse import parse


def vectors(names: Sequence[str], frequencies: NameFrequencies) -> list[NameVector]:
    cache: dict[str, NameVector] = {}
    out: list[NameVector] = []
    for name in names:
        v = cache.get(name)
        if v is None:
            v = cache[name] = vector(parse(name), frequencies)
        out.append(v)
    return out


def score_pairs(
    a: Sequence[str],
    b: Sequence[str],
    model: NameModel | None = None,
    frequencies: NameFrequencies | None = None,
) -> np.ndarray:
    """Probability that ``a[i]`` and ``b[i]`` name the same person, for every i."""
    if len(a) != len(b):
        raise ValueError(f"score_pairs needs two lists of equal length, got {len(a)} and {len(b)}")
    model = model or default_model()
    frequencies = frequencies or model.frequencies
    if not a:
        return np.zeros(0)
    return model.predict(feature_matrix(vectors(a, frequencies), vectors(b, frequencies)))
