"""The evidence a comparison of two names weighs, as named features in [0, 1], computed for many
pairs at once (rapidfuzz ``cpdist`` runs in C over parallel lists). The single comparison and the
batch API call the same functions, so they give the same score.

Each feature stands for one piece of evidence:
- ``family``: the family names sound alike under convention-neutral keys (Jaro-Winkler on keys);
- ``family_key``: the family names share a key exactly (1) or a consonant skeleton (0.5): sharper
  than ``family`` against near-misses such as Bakkali / Bakkari;
- ``given``: the first given names do (an initial agrees with the name it abbreviates);
- ``crossed``: family and given match the other way round (order unknown: "Amrani Youssef");
- ``bag_set``: every part of the shorter name is in the longer one (extra middle names, particles);
- ``bag_sort``: the parts agree in any order;
- ``skeleton``: the consonant skeletons agree (vowels are where renderings and Arabic script differ);
- ``folded``: plain spelling similarity after folding case, accents and script;
- ``missing``: one side lacks a family or a given name (less evidence either way);
- ``rare_family``: the family names agree and that name is rare (a shared Bakkali says more);
- ``common_given``: the given names agree but the name is common (a shared Mohamed says little);
- ``both``: family and given names agree together, the family by its key or consonant skeleton (a
  linear model cannot express "and" alone: one strong part must not carry a pair whose other part
  disagrees);
- ``family_consonants``: edit similarity of the family names' consonant skeletons; one changed
  consonant in a short skeleton (Bakkali BKL / Bakkari BKR) is strong evidence of another family.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from crossroads.names.frequencies import NameFrequencies
from crossroads.names.parse import ParsedName, Role

FEATURES = (
    "family",
    "family_key",
    "given",
    "crossed",
    "bag_set",
    "bag_sort",
    "skeleton",
    "folded",
    "missing",
    "rare_family",
    "common_given",
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
    skeleton: str
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
        skeleton=" ".join(sorted(t.key.skeleton for t in identity if t.key.skeleton)),
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


def _ratio(scorer: Any, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return np.asarray(process.cpdist(a, b, scorer=scorer, workers=1), dtype=np.float64) / 100.0


def feature_matrix(a: Sequence[NameVector], b: Sequence[NameVector]) -> np.ndarray:
    """One row per pair, one column per name in ``FEATURES``."""

    def col(attr: str, side: Sequence[NameVector]) -> list[str]:
        return [getattr(v, attr) for v in side]

    fam_a, fam_b, giv_a, giv_b = col("family", a), col("family", b), col("given", a), col("given", b)
    has_fam = np.array([bool(x and y) for x, y in zip(fam_a, fam_b, strict=True)])
    has_giv = np.array([bool(x and y) for x, y in zip(giv_a, giv_b, strict=True)])
    family = np.where(has_fam, _jw(fam_a, fam_b), 0.0)
    given = np.where(has_giv, _jw(giv_a, giv_b), 0.0)
    # An initial on one side agrees with a given name starting with that letter on the other.
    init_a, init_b = col("initial", a), col("initial", b)
    initial_ok = np.array([bool(x) and x == y for x, y in zip(init_a, init_b, strict=True)])
    given = np.where(~has_giv & initial_ok, 0.9, given)
    family_key = np.array(
        [
            1.0
            if x.family and x.family == y.family
            else 0.5
            if x.family_skeletons & y.family_skeletons
            else 0.0
            for x, y in zip(a, b, strict=True)
        ]
    )
    crossed = np.minimum(_jw(fam_a, giv_b), _jw(giv_a, fam_b))
    crossed = np.where(has_fam & has_giv, crossed, 0.0)
    consonants = np.where(has_fam, _lev(col("family_skeleton", a), col("family_skeleton", b)), 0.0)
    rare = np.array([min(x.family_rarity, y.family_rarity) for x, y in zip(a, b, strict=True)])
    common = np.array([1.0 - max(x.given_rarity, y.given_rarity) for x, y in zip(a, b, strict=True)])
    return np.column_stack(
        [
            family,
            family_key,
            given,
            crossed,
            _ratio(fuzz.token_set_ratio, col("bag", a), col("bag", b)),
            _ratio(fuzz.token_sort_ratio, col("bag", a), col("bag", b)),
            _ratio(fuzz.token_set_ratio, col("skeleton", a), col("skeleton", b)),
            _jw(col("folded", a), col("folded", b)),
            (~has_fam | ~(has_giv | initial_ok)).astype(np.float64),
            rare * family**4,
            common * given**4,
            np.minimum(np.maximum(family_key, consonants), given) ** 4,
            consonants,
        ]
    )
