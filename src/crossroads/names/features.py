"""The evidence a comparison of two names weighs, as named features in [0, 1], computed for many
pairs at once (rapidfuzz ``cpdist`` runs in C over parallel lists). The single comparison and the
batch API call the same functions, so they give the same score.

Each feature stands for one piece of evidence:
- ``family_key``: the family names share a key exactly (1) or a consonant skeleton under some
  reading of ambiguous letters (0.9: Chajjari read as Khayyari);
- ``given``: the first given names sound alike (Jaro-Winkler on convention-neutral keys, either
  side's plain j also read as the y a Dutch or German writer means; an initial agrees with the
  name it abbreviates; against a name read from Arabic script, which writes no short vowels, the
  same consonant skeleton is agreement);
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
  consonant in a short skeleton (Bakkali BKL / Bakkari BKR) is strong evidence of another family;
- ``given_skeleton``: the first given names share a consonant skeleton under some reading of
  ambiguous letters (Iljas / Ilyas / الياس), weighted by how rare the name is;
- ``slip``: the names differ only by keyboard slips (a dropped, doubled or swapped letter, or a
  neighbouring key): one in the whole name, or at most one in each of the family and the first
  given name with the other the same: a clerk's typos, not another name. Such a pair's given-name
  features are then taken as agreeing (``_mend_slips``), its family features as measured unless
  two neighbouring letters were swapped in it or a vowel was typed for a consonant;
- ``second_differs``: both names carry a second given name and they differ (Mohamed Amine / Mohamed
  Karim Tahiri): evidence of two people, the only one that may lower the score.

Five rapidfuzz passes per batch and a few numpy passes are the cost of a comparison; features
that needed more passes and earned no weight in training (Jaro-Winkler on whole family keys,
given/family crossed over) were dropped, and token-set ratios replaced by key counting (see
BENCHMARKS.md for the speed this gives).
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from crossroads.names.slips import typos_only
from crossroads.names.table import NamePairs, NameTable, gather, indel, jw, lev
from crossroads.names.vectors import SHORT_SKELETON

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
    "given_skeleton",
    "slip",
    "second_differs",
)


def feature_matrix(names: NameTable, ia: np.ndarray, ib: np.ndarray, mend: bool = True) -> np.ndarray:
    """One row per pair ``(names[ia[k]], names[ib[k]])``, one column per name in ``FEATURES``;
    with ``mend``, the given name (and a family name with two letters swapped, or a vowel typed for
    a consonant) of a pair apart only by slips compared as mended (``_mend_slips``)."""
    measured = _measured(names, ia, ib)
    return _mend_slips(names, ia, ib, measured) if mend else measured


#: Second given names one edit apart in five (Ibrahim / Ebrahim, Zahra / Zohra, Fatma / Fatima)
#: are one name, if their consonant skeletons agree too: names of one Arabic root share a skeleton
#: but are other names (Hasan / Husayn, Ahmad / Hamid, Asma / Sumayya).
SECOND_ALIKE = 0.8


def _second_agrees(table: NamePairs) -> np.ndarray:
    """Per pair, whether the second given names do not tell two people apart: one side has none,
    they have one key, or their keys are ``SECOND_ALIKE`` and their skeletons agree."""
    second_a, second_b = table.codes("second_code")
    same = (second_a == second_b) | (second_a < 0) | (second_b < 0)
    todo = np.flatnonzero(~same)  # few pairs: the skeletons are compared for those alone
    if len(todo):
        ia, ib = table.ia[todo], table.ib[todo]
        todo = todo[NamePairs(table.table, ia, ib).overlap("second_skeleton_codes")]
    if len(todo):
        keys = table.table.strings("second")
        alike = lev(gather(keys, table.ia[todo].tolist()), gather(keys, table.ib[todo].tolist()))
        same[todo[alike >= SECOND_ALIKE]] = True
    return np.asarray(same)


def _measured(names: NameTable, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    table = NamePairs(names, ia, ib)
    has_fam, has_giv = table.flags("family_code"), table.flags("given_code")
    giv_a, giv_b = table.strings("given")
    given = np.where(has_giv, jw(giv_a, giv_b), 0.0)
    # A Dutch or German writer's j is y (Jussuf, Joenes): such a given name is also compared read so.
    given = np.maximum(given, _given_as_y(table, has_giv))
    # Arabic script leaves short vowels out (محمد reads "mhmd"): against such a name, given names
    # agree when their consonant skeletons do, whatever vowels the other side wrote.
    unvoweled = np.maximum(*table.numbers("unvoweled")) > 0
    skeleton_given = table.overlap("given_skeleton_codes") & has_giv
    given = np.where(unvoweled & skeleton_given, np.maximum(given, 0.95), given)
    given = _kunyas_apart(table, given)
    # An initial on one side agrees with a given name starting with that letter on the other.
    init_a, init_b = table.codes("initial_code")
    initial_ok = (init_a == init_b) & (init_a >= 0)
    given = np.where(~has_giv & initial_ok, 0.9, given)
    code_a, code_b = table.codes("family_code")
    exact = (code_a == code_b) & (code_a >= 0)
    family_key = np.where(exact, 1.0, np.where(table.overlap("family_skeleton_codes"), 0.9, 0.0))
    consonants = np.where(has_fam, lev(*table.strings("family_skeleton")), 0.0)
    family_key, consonants = _short_families(table, has_fam & ~exact, family_key, consonants)
    rare = np.minimum(*table.numbers("family_rarity"))
    rare_given = np.minimum(*table.numbers("given_rarity"))
    second_same = _second_agrees(table)
    second_differs = ~second_same
    bag_a, bag_b = table.strings("bag")
    return np.column_stack(
        [
            family_key,
            given,
            table.shared_share("bag_codes"),
            indel(bag_a, bag_b),  # the bag is sorted already: this is token_sort_ratio
            table.shared_share("skeleton_codes"),
            jw(*table.strings("folded")),
            (~has_fam | ~(has_giv | initial_ok)).astype(np.float64),
            rare * consonants**4,
            rare_given * given**4,
            np.minimum(np.maximum(family_key, consonants), given) ** 4,
            consonants,
            skeleton_given * rare_given,
            typos_only(table, has_fam, has_giv, second_same),
            second_differs.astype(np.float64),
        ]
    )


def _short_families(
    table: NamePairs, rows: np.ndarray, family_key: np.ndarray, consonants: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For family names with a one-consonant skeleton on either side whose whole keys (vowels
    included) and letters as written are both less than half alike, agreement by skeleton does not
    count: "Merve Kaya" and "Merve Ak" scored 0.98, each family name being the skeleton K (KAYA /
    AK: 0.25), while Issa / Aissa (ISA / AISA) and Alawi / Alaoui (ALAWI / ALAUI) keep theirs."""
    lengths, _ = table.table.letters("family_skeleton")
    short = rows & ((lengths[table.ia] <= SHORT_SKELETON) | (lengths[table.ib] <= SHORT_SKELETON))
    todo = np.flatnonzero(short)
    if not len(todo):
        return family_key, consonants
    left, right = table.ia[todo].tolist(), table.ib[todo].tolist()
    # As keys and as written: "aKya" (a slip for Kaya) is the key AKIA, KAYA's equal by its letters.
    keys, written = table.table.strings("family"), table.table.strings("family_folded")
    whole = np.maximum(
        lev(gather(keys, left), gather(keys, right)), lev(gather(written, left), gather(written, right))
    )
    far = todo[whole < 0.5]
    family_key[far] = 0.0
    consonants[far] = np.minimum(consonants[far], whole[whole < 0.5])
    return family_key, consonants


#: Below this, the names two kunyas are made of are two names (Talha / Khattab: 0.47), unless their
#: consonant skeletons agree (Hisham / Hechame).
KUNYA_NAMES_ALIKE = 0.7


def _kunyas_apart(table: NamePairs, given: np.ndarray) -> np.ndarray:
    """Two noms de guerre whose kunyas are made of two other names (Abou Talha / Abou Khattab) are
    no more alike by their given part than those names: the "Abu" every kunya starts with lifted
    their keys' Jaro-Winkler to 0.91, and two fighters with one nisba scored 0.52. Kunyas whose
    names are alike keep the whole key's score, as the model was fitted on it."""
    rows = np.flatnonzero(table.flags("kunya_named_code"))
    if not len(rows):
        return given
    pairs = NamePairs(table.table, table.ia[rows], table.ib[rows])
    alike = jw(*pairs.strings("kunya_named"))
    apart = (alike < KUNYA_NAMES_ALIKE) & ~pairs.overlap("kunya_named_skeleton_codes")
    out = given.copy()
    out[rows[apart]] = np.minimum(given[rows[apart]], alike[apart])
    return out


def _given_as_y(table: NamePairs, has_giv: np.ndarray) -> np.ndarray:
    """Per pair, the best Jaro-Winkler of the first given names with either side's j read as y
    (0 where neither side has such a j): only those few pairs are compared again."""
    out = np.zeros(len(has_giv))
    names = table.table
    read_y = names.tested("given_y", lambda v: v.given_y != v.given)
    rows = np.flatnonzero(has_giv & (read_y[table.ia] | read_y[table.ib]))
    if len(rows):
        ia, ib = table.ia[rows].tolist(), table.ib[rows].tolist()
        given, as_y = names.strings("given"), names.strings("given_y")
        out[rows] = np.maximum(
            jw(gather(as_y, ia), gather(given, ib)), jw(gather(given, ia), gather(as_y, ib))
        )
    return out


_GIVEN_PARTS = [FEATURES.index(f) for f in ("given", "rare_given", "given_skeleton")]
_FAMILY_PARTS = np.array([FEATURES.index(f) for f in ("family_key", "family_consonants", "rare_family")])
_SLIP, _BOTH = FEATURES.index("slip"), FEATURES.index("both")
_FAMILY_KEY, _CONSONANTS = FEATURES.index("family_key"), FEATURES.index("family_consonants")


#: A vowel typed where a consonant was meant, or the reverse (Bzkkali for Bakkali, Aeslan for Arslan:
#: a and e sit among consonants on the keyboard). Family names a letter apart differ by a consonant
#: (Bakkali / Bakkari) or a vowel (Tahiri / Tahari), not by one put for the other. Not y, w, j and h:
#: they stand for vowels in some conventions (Bakkaly, Bakrawi, Iljas, Fatimah).
_VOWELS, _CONSONANT_LETTERS = frozenset("aeiou"), frozenset("bcdfgklmnpqrstvxz")


def _vowel_for_consonant(a: str, b: str) -> bool:
    """The two spellings differ in one letter only, a vowel on one side and a consonant on the other."""
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    return (x in _VOWELS and y in _CONSONANT_LETTERS) or (y in _VOWELS and x in _CONSONANT_LETTERS)


def _each_with_itself(
    names: NameTable, ia: np.ndarray, ib: np.ndarray, parts: list[int] | np.ndarray
) -> np.ndarray:
    """The features ``parts`` of each side of the pairs compared with itself, the lower of the two
    sides: in one call, whose fixed cost is most of the cost for an arriving record's few pairs."""
    both = np.concatenate([ia, ib])
    itself = _measured(names, both, both)[:, parts]
    return np.asarray(np.minimum(itself[: len(ia)], itself[len(ia) :]))


def _mend_slips(names: NameTable, ia: np.ndarray, ib: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """In a pair apart only by slips, the first given names count as agreeing (as each agrees with
    itself; the commoner side's rarity), and ``both`` follows. A slip in a given name ("Ysuuf" for
    Yusuf) otherwise zeroes every given-name feature at once, and a linear model cannot let
    ``slip`` outvote them all without lifting real differences too. Family names are mended only
    where two neighbouring letters are swapped or a vowel was typed for a consonant (or the
    reverse): a consonant apart there is as often another family (Bakkali / Bakkari) as a slip."""
    rows = np.flatnonzero(matrix[:, _SLIP] > 0)
    if not len(rows):
        return matrix
    mended = _each_with_itself(names, ia[rows], ib[rows], _GIVEN_PARTS)
    part = matrix[rows]
    part[:, _GIVEN_PARTS] = np.maximum(part[:, _GIVEN_PARTS], mended)
    # Two neighbouring letters swapped in a family name (Rhamuni / Rahmuni), or a vowel typed for a
    # consonant (Bzkkali / Bakkali), are a slip, not another family: families one consonant apart
    # differ by a consonant put for another.
    family = names.strings("family_folded")
    fam_a, fam_b = gather(family, ia[rows].tolist()), gather(family, ib[rows].tolist())
    osa = np.asarray(process.cpdist(fam_a, fam_b, scorer=OSA.distance, workers=1))
    lev = np.asarray(process.cpdist(fam_a, fam_b, scorer=Levenshtein.distance, workers=1))
    typed = np.fromiter((_vowel_for_consonant(x, y) for x, y in zip(fam_a, fam_b, strict=True)), dtype=bool)
    family_slips = np.flatnonzero(((osa == 1) & (lev == 2)) | typed)
    if len(family_slips):
        at = rows[family_slips]
        fam = _each_with_itself(names, ia[at], ib[at], _FAMILY_PARTS)
        part[np.ix_(family_slips, _FAMILY_PARTS)] = np.maximum(part[np.ix_(family_slips, _FAMILY_PARTS)], fam)
    given = part[:, FEATURES.index("given")]
    part[:, _BOTH] = np.minimum(np.maximum(part[:, _FAMILY_KEY], part[:, _CONSONANTS]), given) ** 4
    matrix[rows] = part
    return matrix
