"""The evidence a comparison of two names weighs, as named features in [0, 1], computed for many
pairs at once (rapidfuzz ``cpdist`` runs in C over parallel lists). The single comparison and the
batch API call the same functions, so they give the same score.

Each feature stands for one piece of evidence:
- ``family_key``: the family names share a key exactly (1) or a consonant skeleton under some
  reading of ambiguous letters (0.5);
- ``given``: the first given names sound alike (Jaro-Winkler on convention-neutral keys; an initial
  agrees with the name it abbreviates);
- ``bag_set``: the share of the shorter name's parts (by phonetic key) found in the longer one
  (extra middle names, a dropped particle);
- ``bag_sort``: the parts agree in any order (swapped order: "Amrani Youssef");
- ``skeleton``: the same share by consonant skeleton (vowels are where renderings and Arabic
  script differ most);
- ``folded``: plain spelling similarity after folding case, accents and script;
- ``missing``: one side lacks a family or a given name (less evidence either way);
- ``rare_family``: the family names agree and that name is rare (a shared Bakkali says more than a
  shared El Amrani, which many unrelated families carry);
- ``rare_given``: the given names agree and that name is rare (a shared Mohamed says little);
- ``both``: family and given names agree together, the family by its key or consonant skeleton (a
  linear model cannot express "and" alone: one strong part must not carry a pair whose other part
  disagrees);
- ``family_consonants``: edit similarity of the family names' consonant skeletons; one changed
  consonant in a short skeleton (Bakkali BKL / Bakkari BKR) is strong evidence of another family.

Four rapidfuzz passes per batch and a few numpy passes are the cost of a comparison; features
that needed more passes and earned no weight in training (Jaro-Winkler on whole family keys,
given/family crossed over) were dropped, and token-set ratios replaced by key counting, to keep
the batch API above 200,000 comparisons a second on one core.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, JaroWinkler, Levenshtein

from crossroads.names.frequencies import NameFrequencies
from crossroads.names.parse import ParsedName, Role

FEATURES = (
    "family_key",
    "given",
    "bag_set",
    "bag_sort",
    "skeleton",
    "folded",
    "missing",
    "rare_family",
    "rare_given",
    "both",
    "family_consonants",
)


@dataclass(frozen=True)
class NameVector:
    """The strings of one parsed name that the features compare, plus its part rarities."""

    family: str
    family_skeleton: str
    family_skeletons: frozenset[str]
    given: str
    initial: str
    bag: str
    bag_tokens: frozenset[str]
    skeleton_tokens: frozenset[str]
    folded: str
    family_rarity: float
    given_rarity: float


def vector(parsed: ParsedName, frequencies: NameFrequencies) -> NameVector:
    # A nom de guerre has no family name; its nisba ("al-Beljiki") plays that part.
    family = [t.key.phonetic for t in parsed.of(Role.FAMILY) or parsed.of(Role.NISBA)]
    given_tokens = parsed.of(Role.GIVEN, Role.KUNYA)
    initials = parsed.of(Role.INITIAL)
    identity = [t for t in parsed.identity_tokens if t.key.phonetic]
    family_key = "".join(family)
    family_tokens = parsed.of(Role.FAMILY) or parsed.of(Role.NISBA)
    skeletons = frozenset(s for t in family_tokens for s in t.key.skeletons if len(family_tokens) == 1) or (
        frozenset({"".join(t.key.skeleton for t in family_tokens)}) if family_tokens else frozenset()
    )
    given_key = given_tokens[0].key.phonetic if given_tokens else ""
    return NameVector(
        family=family_key,
        family_skeleton="".join(t.key.skeleton for t in family_tokens),
        family_skeletons=skeletons,
        given=given_key,
        initial=(
            given_tokens[0].key.folded[:1] if given_tokens else initials[0].key.folded[:1] if initials else ""
        ),
        bag=" ".join(sorted(t.key.phonetic for t in identity)),
        bag_tokens=frozenset(t.key.phonetic for t in identity),
        skeleton_tokens=frozenset(t.key.skeleton for t in identity if t.key.skeleton),
        folded=" ".join(sorted(t.key.folded for t in identity)),
        family_rarity=frequencies.rarity(family_key),
        given_rarity=frequencies.rarity(given_key),
    )


def _jw(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return np.asarray(
        process.cpdist(a, b, scorer=JaroWinkler.normalized_similarity, workers=1), dtype=np.float64
    )


def _lev(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return np.asarray(
        process.cpdist(a, b, scorer=Levenshtein.normalized_similarity, workers=1), dtype=np.float64
    )


def _indel(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return np.asarray(process.cpdist(a, b, scorer=Indel.normalized_similarity, workers=1), dtype=np.float64)


class _Table:
    """The distinct names of a batch, one array per field, and each pair's two row numbers.

    The linker scores many pairs over far fewer distinct names, so per-name work (codes, rarities)
    is done once per name and the per-pair work is numpy indexing and rapidfuzz in C.
    """

    def __init__(self, names: Sequence[NameVector], ia: np.ndarray, ib: np.ndarray) -> None:
        self.names = names
        self.ia, self.ib = ia, ib
        self._ia_list, self._ib_list = ia.tolist(), ib.tolist()

    def strings(self, attr: str) -> tuple[list[str], list[str]]:
        values = [getattr(v, attr) for v in self.names]
        return [values[i] for i in self._ia_list], [values[i] for i in self._ib_list]

    def numbers(self, attr: str) -> tuple[np.ndarray, np.ndarray]:
        values = np.array([getattr(v, attr) for v in self.names], dtype=np.float64)
        return values[self.ia], values[self.ib]

    def flags(self, attr: str) -> np.ndarray:
        """Both names have a non-empty ``attr``."""
        values = np.array([bool(getattr(v, attr)) for v in self.names], dtype=bool)
        return np.asarray(values[self.ia] & values[self.ib])

    def codes(self, attr: str) -> tuple[np.ndarray, np.ndarray]:
        """Equal strings get equal integer codes; the empty string gets -1 (it agrees with nothing)."""
        index: dict[str, int] = {"": -1}
        values = np.array([index.setdefault(getattr(v, attr), len(index)) for v in self.names])
        return values[self.ia], values[self.ib]

    def shared_share(self, attr: str) -> np.ndarray:
        """Of the name with fewer parts, the share of its parts the other name has too.

        rapidfuzz's token_set_ratio says much the same with fuzzy credit, but at 1.5 µs a pair it
        alone would cost more than half of the comparison budget; exact agreement of convention-
        neutral keys, counted with integer codes in numpy, costs a few hundredths of that.
        """
        index: dict[str, int] = {}
        width = max((len(getattr(v, attr)) for v in self.names), default=0) or 1
        codes = np.full((len(self.names), width), -1, dtype=np.int64)
        sizes = np.zeros(len(self.names), dtype=np.float64)
        for row, v in enumerate(self.names):
            tokens = getattr(v, attr)
            sizes[row] = len(tokens)
            for col, token in enumerate(tokens):
                codes[row, col] = index.setdefault(token, len(index))
        left, right = codes[self.ia], codes[self.ib]
        shared = np.zeros(len(self.ia), dtype=np.float64)
        for i in range(width):
            valid = left[:, i] >= 0
            hit = np.zeros(len(self.ia), dtype=bool)
            for j in range(width):
                hit |= left[:, i] == right[:, j]
            shared += hit & valid
        fewer = np.minimum(sizes[self.ia], sizes[self.ib])
        return np.asarray(np.where(fewer > 0, shared / np.maximum(fewer, 1), 0.0))

    def skeleton_overlap(self) -> np.ndarray:
        """Whether the two family names share a consonant skeleton under some reading."""
        index: dict[str, int] = {}
        width = max((len(v.family_skeletons) for v in self.names), default=0) or 1
        padded = np.full((len(self.names), width), -1, dtype=np.int64)
        for row, v in enumerate(self.names):
            for col, skeleton in enumerate(sorted(v.family_skeletons)):
                padded[row, col] = index.setdefault(skeleton, len(index))
        left, right = padded[self.ia], padded[self.ib]
        overlap = np.zeros(len(self.ia), dtype=bool)
        for i in range(width):
            for j in range(width):
                overlap |= (left[:, i] == right[:, j]) & (left[:, i] >= 0)
        return overlap


def feature_matrix(names: Sequence[NameVector], ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """One row per pair ``(names[ia[k]], names[ib[k]])``, one column per name in ``FEATURES``."""
    table = _Table(names, ia, ib)
    has_fam, has_giv = table.flags("family"), table.flags("given")
    giv_a, giv_b = table.strings("given")
    given = np.where(has_giv, _jw(giv_a, giv_b), 0.0)
    # An initial on one side agrees with a given name starting with that letter on the other.
    init_a, init_b = table.codes("initial")
    initial_ok = (init_a == init_b) & (init_a >= 0)
    given = np.where(~has_giv & initial_ok, 0.9, given)
    code_a, code_b = table.codes("family")
    exact = (code_a == code_b) & (code_a >= 0)
    family_key = np.where(exact, 1.0, np.where(table.skeleton_overlap(), 0.5, 0.0))
    consonants = np.where(has_fam, _lev(*table.strings("family_skeleton")), 0.0)
    rare = np.minimum(*table.numbers("family_rarity"))
    rare_given = np.minimum(*table.numbers("given_rarity"))
    bag_a, bag_b = table.strings("bag")
    return np.column_stack(
        [
            family_key,
            given,
            table.shared_share("bag_tokens"),
            _indel(bag_a, bag_b),  # the bag is sorted already: this is token_sort_ratio
            table.shared_share("skeleton_tokens"),
            _jw(*table.strings("folded")),
            (~has_fam | ~(has_giv | initial_ok)).astype(np.float64),
            rare * consonants**4,
            rare_given * given**4,
            np.minimum(np.maximum(family_key, consonants), given) ** 4,
            consonants,
        ]
    )
