"""Pairs left unscored by name keep the most their names could give; those it could lift above a
clear non-match are compared after all."""

from __future__ import annotations

import numpy as np

from crossroads.resolve import name_sparing
from crossroads.resolve.clusters import REJECT
from crossroads.resolve.comparisons import COMPARISONS, NULL
from crossroads.resolve.fellegi_sunter import default_model
from crossroads.resolve.name_scores import NameScores

# Per pair, every comparison but the name: birth dates differ (4); pair 0 also differs in gender,
# nationality and birth place and comes from one agency, pair 1 shares a national register number
# and a passport, which the best names could carry above a clear non-match.
OTHERS = np.array([[4, NULL, NULL, 1, 1, 2, 3, 1], [4, 0, 0, 0, 0, NULL, 3, 0]], dtype=np.int8)


def test_only_pairs_the_best_names_could_lift_are_compared_after_all() -> None:
    model = default_model()
    bound = name_sparing.best_names(model, OTHERS)
    assert bound[0] < REJECT <= bound[1]
    asked: list[list[int]] = []

    def levels_of(ia: np.ndarray, ib: np.ndarray, others: np.ndarray) -> tuple[np.ndarray, NameScores]:
        asked.append(ia.tolist())
        assert others.tolist() == OTHERS[ia].tolist()  # each pair's other levels, as given
        levels = np.column_stack([np.full(len(ia), 5, dtype=np.int8), others])
        n = len(ia)
        alike = np.full(n, 0.1)
        return levels, NameScores(alike, ["a"] * n, ["b"] * n, np.zeros(n, dtype=bool), alike)

    ia = ib = np.arange(2)
    waiting = name_sparing.compare(ia, ib, levels_of, OTHERS, skip=np.array([True, True]))
    assert asked == [[]] and waiting.levels[:, 0].tolist() == [NULL, NULL]
    lifted = name_sparing.lift(waiting, model, ia, ib, levels_of)
    assert asked[-1] == [1]
    assert lifted.scored.tolist() == [1] and lifted.waiting.tolist() == [0]
    assert lifted.levels[1, 0] == 5 and lifted.names.name_a == [None, "a"]
    assert lifted.levels.shape == (2, len(COMPARISONS))
