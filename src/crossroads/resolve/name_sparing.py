"""Which candidate pairs have their names compared, and what the others keep instead (pure).

A name comparison is the costliest step of linking. Pairs that only a key of names alone brought
together and whose birth dates differ beyond any slip (``blocking.contradicted``: namesakes,
mostly; more than half the candidates of 100,000 demo records) are first left unscored by name:
every other comparison is made, and the pair keeps the probability the best possible names would
give it (``best_names``). Once the model is known, the waiting pairs that this bound lifts to a
clear non-match's threshold or above are compared after all (``lift``). So every pair the
clustering could take for anything but a clear non-match has its exact probability, and the rest
still hold groups apart, as their exact probability would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from crossroads.resolve import term_frequency
from crossroads.resolve.clusters import REJECT
from crossroads.resolve.comparisons import COMPARISONS, NULL
from crossroads.resolve.fellegi_sunter import LinkageModel
from crossroads.resolve.name_scores import NameScores

#: Levels (one column per comparison) and name evidence of the pairs ``(ia[k], ib[k])``, given the
#: levels of every comparison but the name (a column per ``comparisons.RULES``).
LevelsOf = Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, NameScores]]


@dataclass(frozen=True)
class Evidence:
    """Every candidate pair's levels and name evidence, and which pairs had their names compared."""

    levels: np.ndarray
    names: NameScores
    scored: np.ndarray  # positions whose names were compared
    waiting: np.ndarray  # positions whose names were not (their name level is NULL)


def best_names(model: LinkageModel, others: np.ndarray) -> np.ndarray:
    """The most a pair's names could make of it: matching at the best level, the rarest name
    (``others``: the levels of every other comparison)."""
    best = np.column_stack([np.zeros(len(others), dtype=np.int8), others])
    return model.probability(best, np.full(len(best), term_frequency.BOUND))


def compare(
    ia: np.ndarray, ib: np.ndarray, levels_of: LevelsOf, others: np.ndarray, skip: np.ndarray
) -> Evidence:
    """Levels of every pair, given every comparison's but the name's (``others``, a row per pair);
    the names only of the pairs not in ``skip``."""
    scored, waiting = np.flatnonzero(~skip), np.flatnonzero(skip)
    levels = np.full((len(ia), len(COMPARISONS)), NULL, dtype=np.int8)
    levels[scored], names = levels_of(ia[scored], ib[scored], others[scored])
    levels[waiting, 1:] = others[waiting]
    return Evidence(levels, _fill(len(ia), scored, names), scored, waiting)


def lift(
    evidence: Evidence, model: LinkageModel, ia: np.ndarray, ib: np.ndarray, levels_of: LevelsOf
) -> Evidence:
    """The waiting pairs that the best names could lift to ``REJECT`` or above, compared after all."""
    lifted = best_names(model, evidence.levels[evidence.waiting, 1:]) >= REJECT
    if not lifted.any():
        return evidence
    late = evidence.waiting[lifted]
    levels = evidence.levels.copy()
    levels[late], names = levels_of(ia[late], ib[late], levels[late, 1:])
    scored = np.sort(np.concatenate([evidence.scored, late]))
    return Evidence(levels, _fill(evidence.names, late, names), scored, evidence.waiting[~lifted])


def _fill(names: NameScores | int, at: np.ndarray, part: NameScores) -> NameScores:
    """``names`` (or, given a count, no evidence for that many pairs) with ``part`` written at the
    positions ``at``."""
    if isinstance(names, int):
        names = NameScores(
            np.full(names, np.nan),
            [None] * names,
            [None] * names,
            np.zeros(names, dtype=bool),
            np.full(names, np.nan, dtype=np.float32),
        )
    score, via, civil = names.score.copy(), names.via_alias.copy(), names.civil.copy()
    name_a, name_b = list(names.name_a), list(names.name_b)
    score[at], via[at], civil[at] = part.score, part.via_alias, part.civil
    for k, x, y in zip(at.tolist(), part.name_a, part.name_b, strict=True):
        name_a[k], name_b[k] = x, y
    return NameScores(score, name_a, name_b, via, civil)
