"""The linkage model: Fellegi–Sunter match weights per comparison level, estimated without labels.

For each comparison level, ``m`` is how often the records of one person show it and ``u`` how
often two different persons' records do; a pair's match weight is the prior log-odds plus the sum
of log2(m/u) over its comparisons (a ``NULL`` level adds nothing). ``u`` comes from random pairs
of records (almost all of them different persons), ``m`` and the share of matches among the
candidate pairs from expectation–maximisation over the candidate pairs, as Splink does.

Why not Splink's own estimator: its comparisons are SQL over record columns, and the name evidence
here is the name engine's calibrated score over every name and alias (Python, batch), which
Splink's SQL would have to call once per level. EM over the distinct comparison patterns (a few
hundred rows with their counts) is short and exact, so it is written here.

The model is data: ``to_json`` / ``from_json``, with its provenance.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import numpy as np
import orjson

from crossroads.resolve.comparisons import COMPARISONS, NAME, NOTHING_ALIKE, NULL, ONLY_NOMS, YEARS_APART

#: No level is impossible: among one person's records every disagreement happens now and then
#: (a clerk's slip, an old address), so ``m`` never falls below 1 in 1000 and no single comparison
#: becomes a veto; ``u`` may be smaller (two strangers sharing a passport number).
M_FLOOR = 1e-3
U_FLOOR = 1e-6
#: Comparisons whose last level was split in two after models were saved with one, and how many
#: levels such a model has (the name's "names differ", 2026-12-04: "differ" and "nothing alike").
SPLIT_LAST = {"name": NOTHING_ALIKE}
#: Levels added after models were saved without them: where each was put, and the level of such a
#: model whose weight it gets. The name's "only noms de guerre agree" (2026-12-06), whose pairs an
#: older model weighed mostly as names matching closely; the birth date's "years one apart"
#: (2026-12-06), whose pairs it weighed as different dates.
ADDED = {"name": (ONLY_NOMS, 1), "birth_date": (YEARS_APART, YEARS_APART)}
#: Pairs weighed at a time (``LinkageModel.match_weight``).
ROWS_AT_ONCE = 1_000_000


@dataclass(frozen=True)
class LinkageModel:
    prior: float  # share of matches among candidate pairs
    m: dict[str, list[float]]
    u: dict[str, list[float]]
    provenance: dict[str, Any] = field(default_factory=dict)

    def level_weights(self, comparison: str) -> np.ndarray:
        m = np.maximum(np.asarray(self.m[comparison]), M_FLOOR)
        u = np.maximum(np.asarray(self.u[comparison]), U_FLOOR)
        return np.asarray(np.log2(m / u))

    def prior_weight(self) -> float:
        return float(np.log2(self.prior / (1 - self.prior)))

    def weights(self, levels: np.ndarray) -> np.ndarray:
        """Per comparison and pair, the weight its level contributes (0 for ``NULL``)."""
        out = np.zeros(levels.shape, dtype=np.float64)
        for column, comparison in enumerate(COMPARISONS):
            w = self.level_weights(comparison.name)
            col = levels[:, column]
            known = col != NULL
            out[known, column] = w[col[known]]
        return out

    def match_weight(self, levels: np.ndarray, adjustment: np.ndarray | None = None) -> np.ndarray:
        """Prior plus every comparison's weight, plus a per-pair ``adjustment`` (term frequencies).
        ``ROWS_AT_ONCE`` pairs at a time: the weights of a million records' 10.8M scored pairs at
        once were a matrix of 740 MiB."""
        prior = self.prior_weight()
        total = np.empty(len(levels), dtype=np.float64)
        for at in range(0, len(levels), ROWS_AT_ONCE):
            total[at : at + ROWS_AT_ONCE] = prior + self.weights(levels[at : at + ROWS_AT_ONCE]).sum(axis=1)
        if adjustment is not None:
            total += adjustment  # in place: a copy of every pair's weight was 82 MiB at 10.8M pairs
        return total

    def probability(self, levels: np.ndarray, adjustment: np.ndarray | None = None) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp2(-self.match_weight(levels, adjustment))))

    def against(self, levels: np.ndarray) -> np.ndarray:
        """Per pair, the weight of the evidence against one person: the sum of its comparisons'
        negative weights (log2; 0 where nothing disagrees). The prior is left out: a pair unlikely
        only because it shares little (a name, no birth date on one side) has nothing against it.
        Summed a column at a time: a matrix of every pair's weights took 2.3 GiB more at 1M records."""
        out = np.zeros(len(levels), dtype=np.float64)
        for column, table in self._against_tables:
            out += table[levels[:, column]]
        return out

    @cached_property
    def _against_tables(self) -> list[tuple[int, np.ndarray]]:
        """Per comparison with a negative weight, its column and its levels' negative weights, with
        a last entry 0 for what ``NULL`` (-1) picks: a comparison not made says nothing. Made once
        per model: making them took as long as a search's probabilities for its candidates."""
        tables = []
        for column, comparison in enumerate(COMPARISONS):
            table = np.append(np.minimum(self.level_weights(comparison.name), 0.0), 0.0)
            if table.any():
                tables.append((column, table))
        return tables

    def for_records(self, n: int) -> LinkageModel:
        """The model for a data set of ``n`` records: with the same rate of duplication, the prior
        (the chance that two random records match) falls as ``1 / (n - 1)`` for a larger set. For
        a smaller one it is not raised: a handful of records is no reason to expect more of them
        to be one person, and a higher prior would let a shared name alone link two namesakes."""
        estimated_on = int(self.provenance.get("records", 0))
        if estimated_on < 2 or n <= estimated_on:
            return self
        prior = float(np.clip(self.prior * (estimated_on - 1) / (n - 1), 1e-12, 0.5))
        return LinkageModel(prior, self.m, self.u, {**self.provenance, "prior_rescaled_for_records": n})

    def to_json(self) -> bytes:
        return orjson.dumps(
            {"prior": self.prior, "m": self.m, "u": self.u, "provenance": self.provenance},
            option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS,
        )

    @classmethod
    def from_json(cls, data: bytes) -> LinkageModel:
        """A saved model. A model saved before a change of comparisons weighs every pair as the run
        that saved it did, so that run's probabilities are recomputed as it made them: a comparison
        added since (``source``, 2026-12-04) gets the same ``m`` and ``u`` at every level, so weight
        0; a level split in two since (the name's last, ``SPLIT_LAST``) gives each half its share
        of the old level, so both halves weigh what it weighed; a level added since (``ADDED``)
        weighs what the level most of its pairs had then weighed (close to, not exactly, that
        run's probabilities)."""
        raw = orjson.loads(data)
        for comparison in COMPARISONS:
            if comparison.name not in raw["m"] and comparison.name not in raw["u"]:
                even = [1 / len(comparison.levels)] * len(comparison.levels)
                raw["m"][comparison.name], raw["u"][comparison.name] = list(even), list(even)
            for part in ("m", "u"):
                values = raw[part].get(comparison.name)
                if values is None:
                    continue
                if len(values) == SPLIT_LAST.get(comparison.name):
                    values = [*values[:-1], values[-1] / 2, values[-1] / 2]
                if comparison.name in ADDED and len(values) == len(comparison.levels) - 1:
                    at, like = ADDED[comparison.name]
                    values = [*values[:at], values[like], *values[at:]]  # the same m and u: weight
                raw[part][comparison.name] = values
            for part in ("m", "u"):
                values = raw[part].get(comparison.name)
                if values is None or len(values) != len(comparison.levels):
                    raise ValueError(
                        f"the linkage model's {part} for {comparison.name!r} does not fit its "
                        f"{len(comparison.levels)} levels; re-estimate the model"
                    )
        return cls(float(raw["prior"]), raw["m"], raw["u"], raw.get("provenance", {}))


def level_shares(levels: np.ndarray, weights: np.ndarray | None = None) -> dict[str, list[float]]:
    """Per comparison, the (weighted) share of each level among the pairs where it is not NULL."""
    weights = np.ones(len(levels)) if weights is None else weights
    shares: dict[str, list[float]] = {}
    for column, comparison in enumerate(COMPARISONS):
        col = levels[:, column]
        known = col != NULL
        counts = np.bincount(col[known], weights=weights[known], minlength=len(comparison.levels))
        smoothed = counts.astype(np.float64) + 1e-3  # a level never seen keeps a small probability
        shares[comparison.name] = (smoothed / smoothed.sum()).tolist()
    return shares


BITS = 4  # a comparison's level in a packed pattern (``level_patterns``)


def level_patterns(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a level matrix and how often each occurs.

    Each row is packed into one integer (4 bits a comparison: levels run from NULL = -1 to 7), so
    this is a 1-D ``np.unique``; the row-wise form sorts millions of rows far more slowly.
    """
    if not len(levels):
        return levels.reshape(0, len(COMPARISONS)), np.zeros(0, dtype=np.int64)
    width = levels.shape[1]
    codes = np.zeros(len(levels), dtype=np.int64)
    for column in range(width):  # the first column in the highest bits: rows come out sorted
        # A column at a time: the whole matrix widened to 64 bits was 740 MiB at 10.8M pairs, twice.
        codes |= (levels[:, column].astype(np.int64) + 1) << (BITS * (width - 1 - column))
    unique, counts = np.unique(codes, return_counts=True)
    rows = np.stack([((unique >> (BITS * (width - 1 - c))) & 15) - 1 for c in range(width)], axis=1)
    return rows.astype(np.int8), counts


def initial_m() -> dict[str, list[float]]:
    """A starting point for EM: a person's records mostly agree, levels fall off quickly."""
    m: dict[str, list[float]] = {}
    for comparison in COMPARISONS:
        raw = np.array([0.6 * 0.35**k for k in range(len(comparison.levels))])
        raw[-1] = max(raw[-1], 0.02)
        if comparison is NAME:  # the disagreement before the level apart
            raw[NOTHING_ALIKE] = max(raw[NOTHING_ALIKE], 0.02)
        m[comparison.name] = (raw / raw.sum()).tolist()
    return m


def estimate(
    levels: np.ndarray,
    u: dict[str, list[float]],
    m: dict[str, list[float]],
    free: Collection[str],
    ignore: Collection[str] = (),
    iterations: int = 50,
    prior: float = 0.3,
) -> tuple[float, dict[str, list[float]], list[float]]:
    """EM over one training set of pairs: ``m`` of the comparisons in ``free`` and the share of
    matches are estimated, ``u`` and every other ``m`` held fixed.

    As in Splink's training sessions, a comparison the training pairs were chosen by (all pairs
    sharing a birth date agree on it) says nothing inside that set: the caller names it in
    ``ignore``. Runs over the distinct level patterns with their counts, so
    its cost does not grow with the number of pairs. Returns the share of matches, ``m``, and the
    change of that share at each iteration.
    """
    used = [c.name not in ignore for c in COMPARISONS]
    patterns, counts = level_patterns(levels)
    patterns = patterns.copy()
    patterns[:, [not k for k in used]] = NULL
    weights = counts.astype(np.float64)
    m = {name: list(values) for name, values in m.items()}
    trace: list[float] = []
    for _ in range(iterations):
        p = LinkageModel(prior, m, u).probability(patterns)
        shares = level_shares(patterns, weights * p)
        for name in free:
            m[name] = shares[name]
        new_prior = float(np.clip((weights * p).sum() / weights.sum(), 1e-6, 1 - 1e-6))
        trace.append(abs(new_prior - prior))
        prior = new_prior
        if trace[-1] < 1e-6:
            break
    return prior, m, trace


def prior_over_all_pairs(
    candidate_levels: np.ndarray,
    u: dict[str, list[float]],
    m: dict[str, list[float]],
    all_pairs: int,
    iterations: int = 100,
) -> float:
    """The chance that two records drawn at random match, the population ``u`` was measured on.

    EM's update of that share over *all* pairs, where every pair blocking did not propose counts
    as a non-match (its evidence would be all disagreement): a fixed point of
    ``prior = sum of the candidates' probabilities under prior / all pairs``. Close to the true
    rate when the evidence is decisive (identifiers, full dates: 1.78e-4 against 1.82e-4 on demo
    data); it underestimates when most matches are only weakly supported.
    """
    patterns, counts = level_patterns(candidate_levels)
    prior = 1.0 / max(all_pairs, 1)
    for _ in range(iterations):
        expected = float((counts * LinkageModel(prior, m, u).probability(patterns)).sum())
        new = float(np.clip(expected / max(all_pairs, 1), 1e-12, 0.5))
        if abs(new - prior) < 1e-3 * prior:
            return new
        prior = new
    return prior


@lru_cache(maxsize=1)
def default_model() -> LinkageModel:
    """The model shipped with the package (``bench/train_linkage_model.py``, from demo data): used
    where a data set is too small to estimate its own."""
    return LinkageModel.from_json(resources.files("crossroads.resolve").joinpath("model.json").read_bytes())
