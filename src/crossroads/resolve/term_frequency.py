"""Term-frequency adjustment of the name weight: a shared rare name says more than a shared common one.

The name level's weight is an average over all names: two records that both say "Mohamed El
Amrani" agree as often as the data holds Mohamed El Amranis, two that say "Wafae Bourachouni" almost
never by chance. As in Fellegi–Sunter with term frequencies (Splink's ``tf_adjustment``), a pair
whose names match and share a name key gets more weight the fewer records carry that key
(``-log2`` of their share), relative to the other pairs at its level: positive for rare names,
negative for common ones. Bounded, so one rare name alone cannot carry a link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from crossroads.resolve.level_columns import ValueSets

#: The name levels (``comparisons.NAME``) at which the names agree enough for their rarity to count.
ADJUSTED_LEVELS = (0, 1)
BOUND = 6.0  # at most a factor of 64 either way


def adjustments(
    keys: Sequence[set[str]],
    counts: Counter[str],
    ia: np.ndarray,
    ib: np.ndarray,
    name_level: np.ndarray,
    centres: dict[int, float] | None = None,
) -> tuple[np.ndarray, dict[int, float]]:
    """Per pair, the weight to add to its name level (0 where no key is shared or names differ),
    and the centre of each level (given, or the mean over these pairs).

    Centred per level: the level's own weight already stands for the pairs at that level on
    average, so the adjustment is the pair's rarity relative to theirs (it averages 0 over them).
    Counting records rather than persons makes every name look commoner than it is by the number
    of its bearer's own records; centring removes that bias too. An explanation of one pair passes
    the centres its resolution run found.
    """
    return _adjust(keys, counts, ia, ib, name_level, max(len(keys), 1), centres)


def _adjust(
    keys: Sequence[set[str]],
    counts: Counter[str],
    ia: np.ndarray,
    ib: np.ndarray,
    name_level: np.ndarray,
    n: int,
    centres: dict[int, float] | None,
) -> tuple[np.ndarray, dict[int, float]]:
    rarity = np.full(len(ia), np.nan)
    for k in np.flatnonzero(np.isin(name_level, ADJUSTED_LEVELS)).tolist():
        shared = keys[int(ia[k])] & keys[int(ib[k])]
        if shared:
            rarity[k] = -np.log2(max(min(counts[key] for key in shared), 1) / n)
    return _centred(rarity, name_level, centres)


def _centred(
    rarity: np.ndarray, name_level: np.ndarray, centres: dict[int, float] | None
) -> tuple[np.ndarray, dict[int, float]]:
    """Each pair's rarity relative to the centre of its level (given, or their mean), bounded."""
    out = np.zeros(len(rarity), dtype=np.float64)
    found: dict[int, float] = {}
    for level in ADJUSTED_LEVELS:
        rows = (name_level == level) & ~np.isnan(rarity)
        centre = centres.get(level) if centres is not None else None
        if centre is None and rows.any():
            centre = float(rarity[rows].mean())
        if centre is not None:
            found[level] = centre
            out[rows] = np.clip(rarity[rows] - centre, -BOUND, BOUND)
    return out, found


def run_adjustments(
    rec: np.ndarray, key: np.ndarray, records: int, ia: np.ndarray, ib: np.ndarray, name_level: np.ndarray
) -> tuple[np.ndarray, dict[int, float], Counter[str]]:
    """``adjustments`` of a whole run from its name-key rows (``rec``, ``key``: one row per record
    and key, records in order, as ``blocking.KeyTable`` holds them), and the key counts. The same
    figures as building each record's key set and intersecting pair by pair, with whole-array
    operations: at 1M records those sets and the loop over millions of pairs took seconds each."""
    index: dict[str, int] = {}
    code = np.fromiter((index.setdefault(k, len(index)) for k in key.tolist()), np.int64, count=len(key))
    per_key = np.bincount(code, minlength=len(index))
    counts = Counter(dict(zip(index, per_key.tolist(), strict=True)))
    held = np.bincount(rec, minlength=records)
    sets = ValueSets(code, np.cumsum(held) - held, held, max(len(index), 1))
    rarity = np.full(len(ia), np.nan)
    todo = np.flatnonzero(np.isin(name_level, ADJUSTED_LEVELS))
    if len(todo):
        # A record's keys are distinct, so a (pair, key) row both sides have is a key they share.
        owner_a, key_a = sets.explode(ia[todo])
        owner_b, key_b = sets.explode(ib[todo])
        both, seen = np.unique(
            np.concatenate([owner_a * sets.width + key_a, owner_b * sets.width + key_b]), return_counts=True
        )
        shared = both[seen > 1]
        owner, rarest = shared // sets.width, per_key[shared % sets.width]
        fewest = np.full(len(todo), np.iinfo(np.int64).max)
        np.minimum.at(fewest, owner, rarest)
        hit = fewest < np.iinfo(np.int64).max
        rarity[todo[hit]] = -np.log2(np.maximum(fewest[hit], 1) / max(records, 1))
    out, centres = _centred(rarity, name_level, None)
    return out, centres, counts


def adjustment_of_pair(
    keys_a: set[str],
    keys_b: set[str],
    counts: Counter[str],
    records: int,
    level: int,
    centres: dict[int, float],
) -> float:
    """The same weight for one pair, against the counts and centres of a resolution run."""
    out, _ = _adjust(
        [keys_a, keys_b], counts, np.array([0]), np.array([1]), np.array([level]), records, centres
    )
    return float(out[0])


def adjustments_against(
    keys_a: set[str],
    others: Sequence[set[str]],
    counts: Counter[str],
    records: int,
    levels: np.ndarray,
    centres: dict[int, float],
) -> np.ndarray:
    """``adjustment_of_pair`` of one record against each of ``others`` (at name ``levels``), in one
    pass: a search weighs hundreds of candidates. A level the run found no centre for gives 0, as
    it does pair by pair (the pair is then its own centre)."""
    ib = np.arange(1, len(others) + 1, dtype=np.int64)
    out, _ = _adjust(
        [keys_a, *others], counts, np.zeros(len(others), dtype=np.int64), ib, levels, records, centres
    )
    out[~np.isin(levels, list(centres))] = 0.0
    return out
