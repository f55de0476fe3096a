"""The name evidence of candidate pairs: the name engine's best score over every name and alias of
one record against every name and alias of the other, in one batch.

Which two names compared best is kept, so an explanation can say "alias Abou Hamza ≈ name Abu
Hamza" and the benchmark can count links that only an alias made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crossroads.names.batch import score_indexed
from crossroads.names.fold import sorted_tokens
from crossroads.names.frequencies import NameFrequencies
from crossroads.names.model import NameModel, default_model
from crossroads.names.parse import parse
from crossroads.resolve.profile import Profile


@dataclass(frozen=True)
class NameScores:
    """Per candidate pair: the best score (NaN when a side has no name) and the names behind it."""

    score: np.ndarray
    name_a: list[str | None]
    name_b: list[str | None]
    via_alias: np.ndarray  # the best pair involved an alias or nom de guerre on either side


def _distinct(names: Sequence[str]) -> list[str]:
    """Names that fold to the same sorted words ("EL AMRANI Youssef", "El Amrani, Youssef") are
    compared once; the first written (separate fields put theirs first) is kept."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(sorted_tokens(name), name)
    return list(seen.values())


def frequencies_of(profiles: Sequence[Profile]) -> NameFrequencies:
    """How common each name part is among these records: the engine weighs a shared name by the
    data it is linking, not by the demo data its model was fitted on (whose names differ)."""
    return NameFrequencies().update(parse(n) for p in profiles for n in _distinct(p.all_names))


def score_names(
    profiles: Sequence[Profile],
    ia: np.ndarray,
    ib: np.ndarray,
    model: NameModel | None = None,
    frequencies: NameFrequencies | None = None,
) -> NameScores:
    model = model or default_model()
    index: dict[str, int] = {}
    per_record: list[list[tuple[int, bool]]] = []
    for p in profiles:
        entries = [(index.setdefault(n, len(index)), False) for n in _distinct(p.names)]
        entries += [(index.setdefault(n, len(index)), True) for n in _distinct(p.aliases)]
        per_record.append(entries)
    left: list[int] = []
    right: list[int] = []
    alias: list[bool] = []
    owner: list[int] = []
    for k, (i, j) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True)):
        for x, alias_x in per_record[i]:
            for y, alias_y in per_record[j]:
                left.append(x)
                right.append(y)
                alias.append(alias_x or alias_y)
                owner.append(k)
    names = list(index)
    n = len(ia)
    best = np.full(n, np.nan)
    best_at = np.full(n, -1, dtype=np.int64)
    if left:
        scores = score_indexed(names, np.asarray(left), np.asarray(right), model, frequencies)
        owners = np.asarray(owner)
        # Highest score per pair: sort by (pair, score) and take each pair's last row.
        order = np.lexsort((scores, owners))
        last = np.flatnonzero(np.r_[owners[order][1:] != owners[order][:-1], True])
        rows = order[last]
        best[owners[rows]] = scores[rows]
        best_at[owners[rows]] = rows
    aliases = np.asarray(alias)
    name_a: list[str | None] = [names[left[r]] if r >= 0 else None for r in best_at.tolist()]
    name_b: list[str | None] = [names[right[r]] if r >= 0 else None for r in best_at.tolist()]
    via = np.array([bool(aliases[r]) if r >= 0 else False for r in best_at.tolist()], dtype=bool)
    return NameScores(best, name_a, name_b, via)
