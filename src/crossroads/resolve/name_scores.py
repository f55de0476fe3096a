"""The name evidence of candidate pairs: the name engine's best score over every name and alias of
one record against every name and alias of the other, in one batch.

Which two names compared best is kept, so an explanation can say "alias Abou Hamza ≈ name Abu
Hamza" and the benchmark can count links that only an alias made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from crossroads.names.batch import PreparedNames
from crossroads.names.fold import sorted_tokens
from crossroads.names.frequencies import NameFrequencies, make_room
from crossroads.names.model import NameModel, default_model
from crossroads.names.parse import has_kunya, parse
from crossroads.resolve.profile import Profile


@dataclass(frozen=True)
class NameScores:
    """Per candidate pair: the best score (NaN when a side has no name) and the names behind it."""

    score: np.ndarray
    name_a: list[str | None]
    name_b: list[str | None]
    via_alias: np.ndarray  # the best pair involved an alias or nom de guerre on either side
    #: The best score between the two records' civil names alone, neither an alias nor a kunya
    #: (NaN when a side has none): two persons who share a common nom de guerre have civil names
    #: that differ (``comparisons``).
    civil: np.ndarray


def _distinct(names: Sequence[str], folded: dict[str, str] | None = None) -> list[str]:
    """Names that fold to the same sorted words ("EL AMRANI Youssef", "El Amrani, Youssef") are
    compared once; the first written (separate fields put theirs first) is kept. ``folded``, each
    name's sorted words met so far, when the caller meets the same names again and again."""
    if len(names) < 2:
        return list(names)  # nothing to fold: most records write one name, or none
    folded = {} if folded is None else folded
    seen: dict[str, str] = {}
    for name in names:
        words = folded.get(name)
        if words is None:
            words = folded[name] = sorted_tokens(name)
        seen.setdefault(words, name)
    return list(seen.values())


def compared_names(profile: Profile) -> list[str]:
    """The names of one record as its comparisons meet them (``NameIndex.of``)."""
    return _distinct(profile.names) + _distinct(profile.aliases)


def civil_names(profile: Profile) -> tuple[str, ...]:
    """A record's civil names: its names that hold no kunya (Abu Hamza, Oum Yahya). A kunya recurs
    across persons as an alias does, wherever it was written: a search typed "Abu Hamza al-Beljiki",
    and an agency may file a kunya as the name."""
    return tuple(name for name in profile.names if not has_kunya(name))


def frequencies_of(profiles: Sequence[Profile]) -> NameFrequencies:
    """How common each name part is among these records: the engine weighs a shared name by the
    data it is linking, not by the demo data its model was fitted on (whose names differ)."""
    frequencies = NameFrequencies(vector_limit=None)  # a run's own: it ends with the run
    folded: dict[str, str] = {}
    return frequencies.update(parse(n) for p in profiles for n in _distinct(p.all_names, folded))


@dataclass(frozen=True)
class NameIndex:
    """Every record's distinct names and aliases as numbers into ``names``, record after record:
    built once per run (``of``), so that each batch of pairs is index arithmetic."""

    names: list[str]
    flat: np.ndarray  # name numbers, record after record
    alias: np.ndarray  # per flat entry: an alias or nom de guerre
    #: Per flat entry: a civil name, that is a name (not an alias) that is no nom de guerre either:
    #: a search typed "Abu Hamza al-Beljiki", and an agency may file a kunya as the name.
    civil: np.ndarray
    starts: np.ndarray
    counts: np.ndarray
    #: ``names`` prepared for scoring against the frequencies last asked for (``prepared``).
    _prepared: list[tuple[NameFrequencies, PreparedNames]] = field(
        default_factory=list, repr=False, compare=False
    )

    def is_prepared(self, frequencies: NameFrequencies) -> bool:
        """Whether ``prepared(frequencies)`` is built already."""
        return bool(self._prepared) and self._prepared[0][0] is frequencies

    def prepared(self, frequencies: NameFrequencies) -> PreparedNames:
        """Every name made ready to score, once per run's frequencies: each chunk of pairs of the
        run is then scored against the same table."""
        if not self._prepared or self._prepared[0][0] is not frequencies:
            self._prepared[:] = [(frequencies, PreparedNames(self.names, frequencies))]
        return self._prepared[0][1]

    @classmethod
    def of(cls, profiles: Sequence[Profile]) -> NameIndex:
        # Each distinct name folded and asked for a kunya once: at 1,007,819 demo records 1,625,479
        # names are written, 690,993 of them distinct.
        index: dict[str, int] = {}
        folded: dict[str, str] = {}
        civil: dict[str, bool] = {}  # as ``civil_names``: a name that holds no kunya
        flat: list[int] = []
        flat_alias: list[bool] = []
        flat_civil: list[bool] = []
        sizes: list[int] = []
        for p in profiles:
            before = len(flat)
            for alias, group in ((False, p.names), (True, p.aliases)):
                for name in _distinct(group, folded):
                    flat.append(index.setdefault(name, len(index)))
                    flat_alias.append(alias)
                    if alias:
                        flat_civil.append(False)
                        continue
                    plain = civil.get(name)
                    if plain is None:
                        plain = civil[name] = not has_kunya(name)
                    flat_civil.append(plain)
            sizes.append(len(flat) - before)
        counts = np.asarray(sizes, dtype=np.int64).reshape(len(profiles))
        starts = (np.cumsum(counts) - counts).astype(np.int64)
        return cls(
            list(index),
            np.asarray(flat, dtype=np.int64),
            np.asarray(flat_alias, dtype=bool),
            np.asarray(flat_civil, dtype=bool),
            starts,
            counts,
        )


#: Pairs scored at a time. Each pair makes a row per combination of names, each row its features:
#: the 9.5M pairs of a million-record run at once held 4.4 GiB more than they do in chunks.
CHUNK = 1_000_000


@dataclass(frozen=True)
class BestNames:
    """Per pair, as arrays (what a forked child sends back): the best score (NaN when a side has no
    name), which two names gave it (numbers into ``NameIndex.names``, -1 for none), whether an
    alias or nom de guerre was one of them, and the best score of the civil names alone."""

    score: np.ndarray
    left: np.ndarray
    right: np.ndarray
    via_alias: np.ndarray
    civil: np.ndarray

    @staticmethod
    def joined(parts: Sequence[BestNames]) -> BestNames:
        if len(parts) == 1:
            return parts[0]
        return BestNames(
            np.concatenate([p.score for p in parts]),
            np.concatenate([p.left for p in parts]),
            np.concatenate([p.right for p in parts]),
            np.concatenate([p.via_alias for p in parts]),
            np.concatenate([p.civil for p in parts]),
        )

    def named(self, index: NameIndex) -> NameScores:
        """The same evidence with the names written out."""
        every = index.names
        return NameScores(
            self.score,
            [every[i] if i >= 0 else None for i in self.left.tolist()],
            [every[i] if i >= 0 else None for i in self.right.tolist()],
            self.via_alias,
            self.civil,
        )


def best_names(
    index: NameIndex,
    ia: np.ndarray,
    ib: np.ndarray,
    model: NameModel | None = None,
    frequencies: NameFrequencies | None = None,
    chunk: int = CHUNK,
) -> BestNames:
    """The best name score of each pair ``(ia[k], ib[k])`` of records of ``index``, and the names
    behind it; pairs are scored ``chunk`` at a time."""
    model = model or default_model()
    frequencies = frequencies or model.frequencies
    parts = [
        _best(index, frequencies, ia[at : at + chunk], ib[at : at + chunk], model)
        for at in range(0, len(ia), chunk)
    ]
    return BestNames.joined(parts or [_best(index, frequencies, ia, ib, model)])


def before_fork(
    index: NameIndex, model: NameModel | None = None, frequencies: NameFrequencies | None = None
) -> None:
    """Build every table ``best_names`` needs now, so that a forked child shares them instead of
    both sides building them after the fork."""
    model = model or default_model()
    one = np.zeros(1, dtype=np.int64)
    index.prepared(frequencies or model.frequencies).scores(one, one, model)


def score_names(
    profiles: Sequence[Profile],
    ia: np.ndarray,
    ib: np.ndarray,
    model: NameModel | None = None,
    frequencies: NameFrequencies | None = None,
    index: NameIndex | None = None,
    chunk: int = CHUNK,
) -> NameScores:
    """The best name score of each pair ``(ia[k], ib[k])``, with the names behind it; ``index`` is
    ``NameIndex.of(profiles)`` when the caller has it already."""
    index = index or NameIndex.of(profiles)
    return best_names(index, ia, ib, model, frequencies, chunk).named(index)


#: At most this many distinct pairs of names scored at once have their scores remembered: a search,
#: an arriving record, an explanation. A linking run's millions are not.
REMEMBERED = 20_000


def _scores(
    index: NameIndex, frequencies: NameFrequencies, a: np.ndarray, b: np.ndarray, model: NameModel
) -> np.ndarray:
    """The scores of the pairs of names ``(a[k], b[k])`` of ``index``; the shipped model's scores of
    a few pairs are remembered with the frequencies (``NameFrequencies.pair_scores``). At a million
    records a server's searches scored the same pairs (a common name's spellings) again and again:
    a quarter of a repeated search's time."""
    if len(a) > REMEMBERED or model is not default_model():
        return index.prepared(frequencies).scores(a, b, model)
    names, kept = index.names, frequencies.pair_scores
    pairs = [(names[i], names[j]) for i, j in zip(a.tolist(), b.tolist(), strict=True)]
    out = np.array([kept.get(pair, -1.0) for pair in pairs])
    todo = np.flatnonzero(out < 0)
    if len(todo):
        # Only the names of the pairs not met before are made ready (each name's table rows are its
        # own, so the scores are the same as against every name of the index).
        used, at = np.unique(np.concatenate([a[todo], b[todo]]), return_inverse=True)
        ready = PreparedNames([names[i] for i in used.tolist()], frequencies)
        out[todo] = ready.scores(at[: len(todo)], at[len(todo) :], model)
        make_room(kept, frequencies.pair_limit)
        kept.update(zip([pairs[k] for k in todo.tolist()], out[todo].tolist(), strict=True))
    return out


def _best(
    index: NameIndex, frequencies: NameFrequencies, ia: np.ndarray, ib: np.ndarray, model: NameModel
) -> BestNames:
    counts, starts = index.counts, index.starts
    # Every name of one record against every name of the other, built with index arithmetic:
    # pair k has counts[ia[k]] * counts[ib[k]] combinations, laid out one after another.
    per_pair = counts[ia] * counts[ib]
    owners = np.repeat(np.arange(len(ia), dtype=np.int64), per_pair)
    offset = np.arange(len(owners), dtype=np.int64) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    width = counts[ib][owners]
    at_a = starts[ia][owners] + offset // np.maximum(width, 1)
    at_b = starts[ib][owners] + offset % np.maximum(width, 1)
    left, right = index.flat[at_a], index.flat[at_b]
    best = np.full(len(ia), np.nan)
    best_at = np.full(len(ia), -1, dtype=np.int64)
    civil = np.full(len(ia), np.nan, dtype=np.float32)
    if len(owners):
        # The same two names recur across many pairs of records: each combination is scored once.
        n = len(index.names)
        combos, inverse = np.unique(left * n + right, return_inverse=True)
        unique_scores = _scores(index, frequencies, combos // n, combos % n, model)
        scores = unique_scores[inverse]
        # Highest score per pair: sort by (pair, score) and take each pair's last row.
        order = np.lexsort((scores, owners))
        last = np.flatnonzero(np.r_[owners[order][1:] != owners[order][:-1], True])
        rows = order[last]
        best[owners[rows]] = scores[rows]
        best_at[owners[rows]] = rows
        # The civil names' best: each pair's rows are consecutive, so one reduction per pair; a
        # pair without a civil name on a side keeps -1, read as none.
        plain = index.civil[at_a] & index.civil[at_b]
        held = np.flatnonzero(per_pair)
        first = (np.cumsum(per_pair) - per_pair)[held]
        most = np.maximum.reduceat(np.where(plain, scores, -1.0), first)
        civil[held] = np.where(most >= 0, most, np.nan)
    found = best_at >= 0
    rows = best_at[found]
    best_left = np.full(len(ia), -1, dtype=np.int64)
    best_right = np.full(len(ia), -1, dtype=np.int64)
    best_left[found], best_right[found] = left[rows], right[rows]
    via = np.zeros(len(ia), dtype=bool)
    via[found] = index.alias[at_a[rows]] | index.alias[at_b[rows]]
    return BestNames(best, best_left, best_right, via, civil)
