"""Many name comparisons at once: the linker's and the benchmarks' entry point.

Each distinct name is parsed once; features for all pairs are computed column by column in C
(rapidfuzz ``cpdist``); the calibrated model turns them into probabilities with numpy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass

import numpy as np
from numpy.dtypes import StringDType

from crossroads.names.features import FEATURES, feature_matrix
from crossroads.names.frequencies import NameFrequencies, make_room
from crossroads.names.model import NameModel, default_model
from crossroads.names.parse import (
    ParsedName,
    al_apart,
    compound_article_dropped,
    has_article,
    other_reading,
    parse,
)
from crossroads.names.scripts import (
    arabic_forms,
    ch_as_h,
    ch_as_kh,
    hard_j,
    j_as_y,
    kh_as_h,
    soft_c,
    unmarked,
)
from crossroads.names.slips import connector_slip
from crossroads.names.table import NamePairs, NameTable
from crossroads.names.vectors import NameVector, Recoding, part_skeletons, vector, vector_row, written_letters

#: The readings of a name beyond its own: read the other way round (``other_reading``), and written
#: otherwise (``SPELLINGS``): typed without Turkish letters, with a Turkish c or an Egyptian g read
#: as j, with a French c read as s, with a Russian or Turkish kh read as h, with a German ch read as
#: kh or as h, with a Turkish form read as the Arabic name, with a slipped connector read as the
#: connector (Benn as Ben), with "al" glued before a vowel written apart (Alobeidi as Al-Obeidi),
#: without the article after a connector (آيت الطالب as Ait Taleb), with a Dutch or German j read
#: as y (Jussuf as Yussuf). The explanation (``compare``) says each in words.
OTHER, PLAIN, HARD_J, SOFT_C, KH_H, CH_KH, CH_H, ARABIC, CONNECTOR, AL_APART, NO_ARTICLE, J_Y = (
    "other", "plain", "hard_j", "soft_c", "kh_h", "ch_kh", "ch_h", "arabic", "connector", "al_apart",
    "no_article", "j_y",
)  # fmt: skip
SPELLINGS: dict[str, Callable[[str], str | None]] = {
    PLAIN: unmarked, HARD_J: hard_j, SOFT_C: soft_c, KH_H: kh_as_h, CH_KH: ch_as_kh, CH_H: ch_as_h,
    ARABIC: arabic_forms,
    CONNECTOR: connector_slip, AL_APART: al_apart, NO_ARTICLE: compound_article_dropped, J_Y: j_as_y,
}  # fmt: skip
READINGS = (OTHER, *SPELLINGS)
#: A spelling that writes a letter in can only bring a name nearer one that has that letter (Gamal /
#: Jamal, Yacine / Yassine): it is tried only against such names. A c read as s must also find as
#: many s as the reading then has: Kevser Taci (Turkish: Taji) read as Kevser Tasi would otherwise
#: meet Kevser Tazi, whose z the keys read as s. Not so for j, which the reading writes as dj, one
#: j per c, where the other side may write a doubled jim once (Neccar, Nedjdjar / Nedjar).
WRITES = {HARD_J: "j", SOFT_C: "s", KH_H: "h", CH_KH: "kh", CH_H: "h", J_Y: "y"}
AS_OFTEN = frozenset({SOFT_C, KH_H, CH_KH, CH_H, J_Y})
#: What a spelling rewrites, where both sides commonly have it (Khalid / Khalil, Rachid / Chaouki):
#: it is tried only against a name that has it fewer times, since the two would otherwise read it
#: alike already. Most names have an h, and one pass more over every pair with a kh cost a fifth
#: of the batch's speed.
REWRITES = {KH_H: "kh", CH_KH: "ch", CH_H: "ch", J_Y: "j"}
#: Spellings tried only where the name so read shares more of its parts with the other by consonant
#: skeleton (``FEATURES``' ``skeleton``): a j read as y changes a skeleton only where the j stood for
#: a y (Jussuf / Youssef: SF), and most names with a j meet names with a y that it brings no nearer
#: (Khadija / Yassine). Tried against every name with a y, it cost a sixth of the batch's speed.
GAINS_SKELETON = frozenset({J_Y})
_SKELETON = FEATURES.index("skeleton")


def occurrences(written: str, letters: str) -> int:
    """How often ``letters`` stand in a name's letters as written, a doubled one once: Benmoussa
    has the s of بنموسى once, not twice (a tripled one, a rare slip, counts twice). Two string
    counts, not a regular expression: the linker asks this of every name it meets, five times."""
    return written.count(letters) - written.count(letters * 2)


#: Letters h stands after as the second letter of one sound (sh, ch, kh, th, dh, gh, zh).
_H_DIGRAPHS = ("sh", "ch", "kh", "th", "dh", "gh", "zh")


def written_count(reading: str, written: str) -> int:
    """How often the letter the spelling ``reading`` writes in (``WRITES``) stands in ``written``.
    For a German ch read as h only an h standing alone counts: Rachid is read as Rahid against
    Rahid, not against Rashid, whose h is part of sh."""
    if reading == CH_H:
        return written.count("h") - sum(written.count(pair) for pair in _H_DIGRAPHS)
    return occurrences(written, WRITES[reading])


def _strings(values: Iterable[str]) -> np.ndarray:
    return np.array(list(values), dtype=StringDType())


def occurrences_of(written: np.ndarray, letters: str) -> np.ndarray:
    """``occurrences`` in each of many names at once (``written``, a numpy string array): counted
    in C (preparing 252,255 records' names took 1.45 s counted one by one, 0.92 s so)."""
    return np.asarray(
        np.strings.count(written, letters) - np.strings.count(written, letters * 2), dtype=np.int64
    )


def written_counts(reading: str, written: np.ndarray) -> np.ndarray:
    """``written_count`` in each of many names at once (``written``, a numpy string array)."""
    if reading != CH_H:
        return occurrences_of(written, WRITES[reading])
    digraphs = sum(
        (np.strings.count(written, pair) for pair in _H_DIGRAPHS), np.zeros(len(written), dtype=np.int64)
    )
    return np.asarray(np.strings.count(written, "h") - digraphs, dtype=np.int64)


def needs(reading: str, read: str) -> int:
    """How often the other side must have the letter a spelling writes in (``WRITES``) for the
    spelling to be tried, given the name as so read (its letters as written)."""
    return written_count(reading, read) if reading in AS_OFTEN else 1


def may_read(reading: str, own: ParsedName, read: ParsedName, other: ParsedName) -> bool:
    """Whether the comparison tries the spelling ``reading`` of ``own`` (giving ``read``) against
    ``other``: what ``PreparedNames.features`` decides for a pair, for one pair of parsed names."""
    if reading == AL_APART:
        return has_article(other)  # only against a name that writes its article apart
    if reading in REWRITES:
        rewritten = REWRITES[reading]
        if occurrences(written_letters(other), rewritten) >= occurrences(written_letters(own), rewritten):
            return False
    if reading in GAINS_SKELETON and _skeleton_share(read, other) <= _skeleton_share(own, other):
        return False
    if reading not in WRITES:
        return True
    return written_count(reading, written_letters(other)) >= needs(reading, written_letters(read))


def _skeleton_share(a: ParsedName, b: ParsedName) -> float:
    """``FEATURES``' ``skeleton`` of two parsed names: of the name with fewer parts (by consonant
    skeleton), the share found in the other (``NameVector.skeleton_codes``)."""
    mine, theirs = part_skeletons(a), part_skeletons(b)
    fewer = min(len(mine), len(theirs))
    return len(mine & theirs) / fewer if fewer else 0.0


def _vectors(name: str, frequencies: NameFrequencies) -> tuple[NameVector | None, ...]:
    """A name's comparison vectors: its own, then one per further reading (``READINGS``; None
    where it has no such reading), kept with the frequencies they were built against: the linker
    and a server meet the same names again and again. One entry per name, not one per reading: a
    search looked each name up eleven times, and each entry cost its own key and slot."""
    cache = frequencies.vectors
    found = cache.get(name)  # one look-up: another thread may empty the cache meanwhile
    if found is not None:
        return found  # type: ignore[no-any-return]
    parsed = parse(name)
    made: list[NameVector | None] = [vector(parsed, frequencies)]
    for reading in READINGS:
        if reading == OTHER:
            read: ParsedName | None = other_reading(parsed)
        else:
            altered = SPELLINGS[reading](name)
            read = parse(altered) if altered is not None else None
        made.append(vector(read, frequencies) if read is not None else None)
    make_room(cache, frequencies.vector_limit)
    cache[name] = kept = tuple(made)
    return kept


def remember(names: Iterable[str], frequencies: NameFrequencies) -> None:
    """Make and keep the comparison vectors of ``names`` now (a server's warm-up), as a comparison
    would on first meeting them."""
    for name in names:
        _vectors(name, frequencies)


@dataclass(frozen=True)
class MadeApart:
    """Names' comparison vectors made in a forked child (``made_apart``), to be sent to its parent
    and kept there (``adopt``): each vector costs tens of microseconds of Python, and a large run
    makes hundreds of thousands of them (320,869 at 252,255 records), so both cores make half each.
    Per name, its vectors' rows (``vectors.vector_row``; None where a reading does not apply), one
    after another."""

    names: list[str]
    rows: list[tuple[object, ...] | None]
    recoding: Recoding


def made_apart(names: Sequence[str], frequencies: NameFrequencies, base: int) -> MadeApart:
    """The comparison vectors of ``names``, made in a child forked when ``vectors.coded()`` was
    ``base``."""
    rows = [None if v is None else vector_row(v) for name in names for v in _vectors(name, frequencies)]
    return MadeApart(list(names), rows, Recoding.since(base))


def adopt(made: MadeApart, frequencies: NameFrequencies) -> None:
    """Keep vectors made in a child as if made here: with this process's codes, each name's vectors
    go to the frequencies' cache unless this process has made them already."""
    vectors = made.recoding.vectors(made.rows)
    width = 1 + len(READINGS)
    cache = frequencies.vectors
    for at, name in enumerate(made.names):
        if name not in cache:
            make_room(cache, frequencies.vector_limit)
            cache[name] = tuple(vectors[at * width : (at + 1) * width])


def pair_features(
    a: Sequence[str], b: Sequence[str], frequencies: NameFrequencies, model: NameModel | None = None
) -> np.ndarray:
    """The feature matrix of the pairs ``(a[i], b[i])``: each distinct name is prepared once.

    A name with no cue to its order ("Tahiri Youssef") is also read family-name-first; with a
    ``model``, each pair keeps the reading of either side that the model finds most alike (the
    roles are unknown, so the better alignment is the fair one).
    """
    _same_length(a, b)
    index: dict[str, int] = {}
    ia = np.array([index.setdefault(name, len(index)) for name in a], dtype=np.int64)
    ib = np.array([index.setdefault(name, len(index)) for name in b], dtype=np.int64)
    return indexed_features(list(index), ia, ib, frequencies, model)


#: Pairs whose features are held at once (``PreparedNames.scores``).
CHUNK = 500_000


_SLIP = FEATURES.index("slip")


def _slips_capped(
    rows: NameTable, ia: np.ndarray, ib: np.ndarray, features: np.ndarray, model: NameModel
) -> np.ndarray:
    """Two names apart only by slips are never more alike than either name is with itself.

    ``slip`` earns its weight by making up for what a slip costs the family features, which are
    not mended (``features._mend_slips``); where the slip cost nothing (a doubled vowel the keys
    drop: Moaadh / Moadh), that weight came on top of full agreement, and a slipped pair outranked
    the same name written twice (0.996 against 0.987). Its value is lowered until the pair's
    log-odds are at most the lower of the two names' own, so the explanation shows what it added."""
    weight = model.weights.get("slip", 0.0)
    at = np.flatnonzero(features[:, _SLIP] > 0)
    if not len(at) or weight <= 0:
        return features
    # Each name met once, both sides in one call: a search's few slipped pairs paid a call's fixed
    # cost per side.
    names, back = np.unique(np.concatenate([ia[at], ib[at]]), return_inverse=True)
    alone = model.logit(feature_matrix(rows, names, names))[back]
    own = np.minimum(alone[: len(at)], alone[len(at) :])
    excess = model.logit(features[at]) - own
    over = excess > 0
    features[at[over], _SLIP] = np.maximum(0.0, features[at[over], _SLIP] - excess[over] / weight)
    return features


def _same_length(ia: Sized, ib: Sized) -> None:
    if len(ia) != len(ib):
        raise ValueError(f"score_pairs needs two lists of equal length, got {len(ia)} and {len(ib)}")


class PreparedNames:
    """Distinct names made ready to be scored against one another: every name's comparison vector
    under its own reading and under each further reading it has (``READINGS``), in one
    ``NameTable`` whose columns are built once. The linker prepares a run's names once and
    scores its pairs against them chunk by chunk; per-name work is not repeated per chunk."""

    def __init__(self, names: Sequence[str], frequencies: NameFrequencies) -> None:
        made = [_vectors(name, frequencies) for name in names]
        table: list[NameVector] = [own for own, *_ in made]  # type: ignore[misc]  # never None
        # Per name, the row of each further reading (its own row where it has none).
        self.readings: list[np.ndarray] = []
        for at in range(1, len(READINGS) + 1):
            rows = np.arange(len(names))
            for row, vectors in enumerate(made):
                alternative = vectors[at]
                if alternative is not None:
                    rows[row] = len(table)
                    table.append(alternative)
            self.readings.append(rows)
        self.rows = NameTable(table)
        # Per spelling that writes a letter in (``WRITES``): how often each name has that letter, and
        # how often the other side must have it for the spelling to be tried (``AS_OFTEN``).
        own = table[: len(names)]
        written = _strings(v.written for v in own)
        self.has: dict[str, np.ndarray] = {}
        self.needs: dict[str, np.ndarray] = {}
        for reading in WRITES:
            rows_of = self.readings[READINGS.index(reading)]
            self.has[reading] = written_counts(reading, written)
            # Only names that have this reading need a count: the others are never read so.
            self.needs[reading] = np.zeros(len(names), dtype=np.int64)
            read = np.flatnonzero(rows_of != np.arange(len(names)))
            if reading not in AS_OFTEN:
                self.needs[reading][read] = 1
            elif len(read):
                self.needs[reading][read] = written_counts(
                    reading, _strings(table[row].written for row in rows_of[read].tolist())
                )
        self.rewrites = {reading: occurrences_of(written, letters) for reading, letters in REWRITES.items()}
        # Which names write an article apart: only against those is a glued "al" read apart.
        glued = self.readings[READINGS.index(AL_APART)] != np.arange(len(names))
        self.articled = np.zeros(len(names), dtype=bool)
        if glued.any():
            self.articled[:] = [v.articled for v in own]

    def features(self, ia: np.ndarray, ib: np.ndarray, model: NameModel | None = None) -> np.ndarray:
        """The feature matrix of the pairs ``(ia[k], ib[k])`` of names; with a ``model``, each pair
        under the reading of either side that the model finds most alike."""
        _same_length(ia, ib)
        if not len(ia):
            return np.zeros((0, len(FEATURES)))
        rows = self.rows
        features = feature_matrix(rows, ia, ib)
        if model is None:
            return features
        best = model.logit(features)
        # The other order only moves the role-bound features; a pair that shares no part at all
        # (by consonant skeleton) cannot come close under it, so it is not scored again. Typed
        # without Turkish letters, or with c and g read as j, a name may share parts it did not
        # (Çakır / Cakir, Gamal / Jamal, Yacine / Yassine).
        shares = features[:, FEATURES.index("skeleton")] > 0
        # Every further reading of either side that applies, gathered first and measured in two
        # calls (with and without mending), not one call per reading and side: a search's few
        # hundred pairs paid each call's fixed cost about five times over.
        todos: list[np.ndarray] = []
        lefts: list[np.ndarray] = []
        rights: list[np.ndarray] = []
        for reading, rows_of in zip(READINGS, self.readings, strict=True):
            for left, right, side, other_side in ((rows_of[ia], ib, ia, ib), (ia, rows_of[ib], ib, ia)):
                only = shares if reading == OTHER else True
                if reading in WRITES:
                    only = self.has[reading][other_side] >= self.needs[reading][side]
                if reading in REWRITES:
                    only = only & (self.rewrites[reading][other_side] < self.rewrites[reading][side])
                if reading == AL_APART:
                    only = self.articled[other_side]
                todo = np.flatnonzero(((left != ia) | (right != ib)) & only)
                if reading in GAINS_SKELETON and len(todo):
                    shared = NamePairs(rows, left[todo], right[todo]).shared_share("skeleton_codes")
                    todo = todo[shared > features[todo, _SKELETON]]
                todos.append(todo)
                lefts.append(left[todo])
                rights.append(right[todo])
        if not sum(len(todo) for todo in todos):
            return _slips_capped(rows, ia, ib, features, model)
        # The other order (the first reading, both sides) is not mended: read the other way,
        # "Magomed Magomedov" / "Magomed Magonedov" would make the family names the given names,
        # and a family slip would pass for a given one.
        unmended = len(todos[0]) + len(todos[1])
        pairs, left, right = np.concatenate(todos), np.concatenate(lefts), np.concatenate(rights)
        # At most as many rows at once as the pairs themselves: a linking run's chunk holds no more.
        step = max(len(ia), 1_000)
        parts = [(0, unmended, False), (unmended, len(pairs), True)]
        alt = np.concatenate(
            [
                feature_matrix(rows, left[at : min(at + step, stop)], right[at : min(at + step, stop)], mend)
                for start, stop, mend in parts
                for at in range(start, stop, step)
            ]
        )
        # Each pair keeps its most alike reading: the first of the highest (the readings in the
        # order of ``READINGS``), where it is more alike than the pair as written.
        alike = model.logit(alt)
        order = np.lexsort((np.arange(len(pairs)), -alike, pairs))
        first = order[np.r_[True, pairs[order][1:] != pairs[order][:-1]]]
        better = first[alike[first] > best[pairs[first]]]
        features[pairs[better]] = alt[better]
        return _slips_capped(rows, ia, ib, features, model)

    def scores(self, ia: np.ndarray, ib: np.ndarray, model: NameModel, chunk: int = CHUNK) -> np.ndarray:
        """Probability that names ``ia[k]`` and ``ib[k]`` are one person, ``chunk`` pairs at a time
        (each pair's features are a row of floats: millions at once would be gigabytes)."""
        out = np.zeros(len(ia))
        for at in range(0, len(ia), chunk):
            part = self.features(ia[at : at + chunk], ib[at : at + chunk], model)
            out[at : at + chunk] = model.predict(part)
        return out


def indexed_features(
    names: Sequence[str],
    ia: np.ndarray,
    ib: np.ndarray,
    frequencies: NameFrequencies,
    model: NameModel | None = None,
) -> np.ndarray:
    """``pair_features`` for pairs given as row numbers into ``names`` (distinct names): the
    linker's form, which knows its candidate pairs as record numbers already."""
    _same_length(ia, ib)
    if not len(ia):
        return np.zeros((0, len(FEATURES)))
    return PreparedNames(names, frequencies).features(ia, ib, model)


def score_pairs(
    a: Sequence[str],
    b: Sequence[str],
    model: NameModel | None = None,
    frequencies: NameFrequencies | None = None,
) -> np.ndarray:
    """Probability that ``a[i]`` and ``b[i]`` name the same person, for every i."""
    model = model or default_model()
    frequencies = frequencies or model.frequencies
    features = pair_features(a, b, frequencies, model)
    return model.predict(features) if len(features) else np.zeros(0)


def score_indexed(
    names: Sequence[str],
    ia: np.ndarray,
    ib: np.ndarray,
    model: NameModel | None = None,
    frequencies: NameFrequencies | None = None,
) -> np.ndarray:
    """Probability that ``names[ia[k]]`` and ``names[ib[k]]`` are one person, for every k."""
    model = model or default_model()
    _same_length(ia, ib)
    if not len(ia):
        return np.zeros(0)
    return PreparedNames(names, frequencies or model.frequencies).scores(ia, ib, model)
