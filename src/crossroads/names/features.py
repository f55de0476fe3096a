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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from sys import intern
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, JaroWinkler, Levenshtein

from crossroads.names.frequencies import NameFrequencies
from crossroads.names.parse import ParsedName, Role, Token, has_article, named_key
from crossroads.names.scripts import has_arabic
from crossroads.names.slips import letter_bits, slips, typos_only

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


#: Every key and skeleton the engine has met, as a small integer, so that batches compare integers.
#: It grows with the vocabulary of name parts (tens of thousands), not with the number of names.
_INTERNED: dict[str, int] = {}


def _code(value: str) -> int:
    """The integer standing for ``value``; -1 for the empty string, which agrees with nothing."""
    return _INTERNED.setdefault(value, len(_INTERNED)) if value else -1


#: Tuples of codes and rarities many names share (a common given name's skeletons and rarity): one
#: object each, up to this many of each kind (a tuple or float of its own is 24 to 64 bytes).
SHARED = 500_000
_SHARED_CODES: dict[tuple[int, ...], tuple[int, ...]] = {}
_SHARED_FLOATS: dict[float, float] = {}


def _codes(values: Iterable[str]) -> tuple[int, ...]:
    made = tuple(sorted({_code(v) for v in values if v}))
    return _SHARED_CODES.setdefault(made, made) if len(_SHARED_CODES) < SHARED else made


def _float(value: float) -> float:
    return _SHARED_FLOATS.setdefault(value, value) if len(_SHARED_FLOATS) < SHARED else value


@dataclass(frozen=True, slots=True)
class NameVector:
    """What the features compare of one parsed name: strings for rapidfuzz, integer codes for the
    exact agreements (keys and skeletons, see ``_code``), and the parts' rarities."""

    family: str
    family_code: int
    family_skeleton: str
    family_skeleton_codes: tuple[int, ...]
    given: str
    given_y: str  # ``given`` with a plain j read as y (``TokenKey.phonetic_y``)
    given_code: int
    given_skeleton_codes: tuple[int, ...]
    second: str  # the second given name's key ("" if none)
    second_code: int
    #: The second given name's consonant skeletons (``TokenKey.skeletons``): Ibrahim and Ebrahim,
    #: Zahra and Zohra, are one name in two renderings, not two names.
    second_skeleton_codes: tuple[int, ...]
    initial_code: int
    bag: str
    bag_codes: tuple[int, ...]
    skeleton_codes: tuple[int, ...]
    folded: str
    written: str  # every letter as written, in the written order, without spaces
    family_folded: str
    family_written: str  # the family name with the article or particles written before it
    given_folded: str
    family_rarity: float
    given_rarity: float
    given_seen: float  # 1 if the first given name is a name people bear (``NameFrequencies.seen``)
    unvoweled: float  # 1 for a name read from Arabic script: its short vowels were never written
    articled: bool  # the name writes an article apart (``parse.has_article``)
    #: For a name led by a kunya, the key of the name it is made of ("Abou Talha": TALHA) and its
    #: code and skeletons (``parse.named_key``); "", -1 and none otherwise.
    kunya_named: str
    kunya_named_code: int
    kunya_named_skeleton_codes: tuple[int, ...]


def written_letters(parsed: ParsedName) -> str:
    """Every letter of a name as written, in the written order, without spaces (``NameVector.written``)."""
    return "".join(t.key.folded for t in parsed.tokens)


def vector(parsed: ParsedName, frequencies: NameFrequencies) -> NameVector:
    # A nom de guerre has no family name; its nisba ("al-Beljiki") plays that part.
    family_tokens = parsed.of(Role.FAMILY) or parsed.of(Role.NISBA)
    given_tokens = parsed.of(Role.GIVEN, Role.KUNYA)
    initials = parsed.of(Role.INITIAL)
    identity = [t for t in parsed.identity_tokens if t.key.phonetic]
    family_key = "".join(t.key.phonetic for t in family_tokens)
    if len(family_tokens) == 1:
        family_skeletons = list(family_tokens[0].key.skeletons)
    else:
        family_skeletons = ["".join(t.key.skeleton for t in family_tokens)] if family_tokens else []
    given_key = given_tokens[0].key.phonetic if given_tokens else ""
    second_key = given_tokens[1].key.phonetic if len(given_tokens) > 1 else ""
    second_skeletons = given_tokens[1].key.skeletons if len(given_tokens) > 1 else frozenset()
    first = given_tokens[0] if given_tokens else initials[0] if initials else None
    named = named_key(given_tokens[0]) if given_tokens and given_tokens[0].role is Role.KUNYA else None
    # The parts' keys and skeletons recur across names (a common given name's in thousands): one
    # string each, as a server keeps the vectors of hundreds of thousands of names.
    return NameVector(
        family=intern(family_key),
        family_code=_code(family_key),
        family_skeleton=intern("".join(t.key.skeleton for t in family_tokens)),
        family_skeleton_codes=_codes(family_skeletons),
        given=intern(given_key),
        given_y=intern(given_tokens[0].key.phonetic_y if given_tokens else ""),
        given_code=_code(given_key),
        given_skeleton_codes=_codes(given_tokens[0].key.skeletons if given_tokens else ()),
        second=intern(second_key),
        second_code=_code(second_key),
        # Not a one-consonant skeleton: Ali and Alaa are both L.
        second_skeleton_codes=_codes(s for s in second_skeletons if len(s) > SHORT_SKELETON),
        initial_code=_code(first.key.folded[:1] if first is not None else ""),
        bag=" ".join(sorted(t.key.phonetic for t in identity)),
        bag_codes=_codes(t.key.phonetic for t in identity),
        skeleton_codes=_codes(t.key.skeleton for t in identity),
        folded=" ".join(sorted(t.key.folded for t in identity)),
        written=written_letters(parsed),
        family_folded=intern("".join(t.key.folded for t in family_tokens)),
        family_written=_with_particles(parsed, family_tokens),
        given_folded=intern(given_tokens[0].key.folded if given_tokens else ""),
        family_rarity=_float(frequencies.rarity(family_key)),
        given_rarity=_float(frequencies.rarity(given_key)),
        given_seen=1.0 if given_key and frequencies.seen(given_key) else 0.0,
        unvoweled=1.0 if has_arabic(parsed.original) else 0.0,
        articled=has_article(parsed),
        kunya_named=intern(named.phonetic if named else ""),
        kunya_named_code=_code(named.phonetic if named else ""),
        kunya_named_skeleton_codes=_codes(named.skeletons if named else ()),
    )


def _with_particles(parsed: ParsedName, family: list[Token]) -> str:
    """The family name's letters with the particles written just before it ("El Amrani" ->
    "elamrani"): a slip can move letters across that boundary ("aLhlou" for Lahlou reads as
    al-Hlou), and then only the two written out whole are one slip apart."""
    if not family:
        return ""
    at = parsed.tokens.index(family[0])
    start = at
    while start > 0 and parsed.tokens[start - 1].role is Role.PARTICLE:
        start -= 1
    return "".join(t.key.folded for t in parsed.tokens[start:at]) + "".join(t.key.folded for t in family)


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


class NameTable:
    """The distinct names of a batch as one array per field, each built once on first use.

    The linker scores many pairs over far fewer distinct names, so per-name work (codes, rarities,
    padded sets) is done once per name, however many pair subsets are scored against the table.
    """

    def __init__(self, names: Sequence[NameVector]) -> None:
        self.names = names
        self._cache: dict[tuple[str, str], Any] = {}

    def _memo(self, kind: str, attr: str, build: Any) -> Any:
        key = (kind, attr)
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def strings(self, attr: str) -> list[str]:
        return self._memo("strings", attr, lambda: [getattr(v, attr) for v in self.names])  # type: ignore[no-any-return]

    def numbers(self, attr: str) -> np.ndarray:
        return self._memo(  # type: ignore[no-any-return]
            "numbers", attr, lambda: np.array([getattr(v, attr) for v in self.names], dtype=np.float64)
        )

    def codes(self, attr: str) -> np.ndarray:
        """An integer field (``*_code``) of every name."""
        return self._memo(  # type: ignore[no-any-return]
            "codes", attr, lambda: np.fromiter((getattr(v, attr) for v in self.names), dtype=np.int64)
        )

    def tested(self, name: str, test: Callable[[NameVector], bool]) -> np.ndarray:
        """Per name, whether ``test`` holds; built once under ``name``."""
        return self._memo(  # type: ignore[no-any-return]
            "flags", name, lambda: np.fromiter(map(test, self.names), dtype=bool, count=len(self.names))
        )

    def letters(self, attr: str) -> tuple[np.ndarray, np.ndarray]:
        """A string field's lengths and letters (``slips.letter_bits``) of every name."""

        def build() -> tuple[np.ndarray, np.ndarray]:
            values = self.strings(attr)
            return np.fromiter(map(len, values), dtype=np.int64, count=len(values)), letter_bits(values)

        return self._memo("letters", attr, build)  # type: ignore[no-any-return]

    def interned(self, attr: str) -> np.ndarray:
        """A string field of every name as integers, equal where the strings are."""

        def build() -> np.ndarray:
            seen: dict[str, int] = {}
            values = self.strings(attr)
            codes = (seen.setdefault(v, len(seen)) for v in values)
            return np.fromiter(codes, dtype=np.int64, count=len(values))

        return self._memo("interned", attr, build)  # type: ignore[no-any-return]

    def sets(self, attr: str) -> tuple[np.ndarray, np.ndarray]:
        """A set-valued field (``*_codes``), one row per name padded with -1, and the set sizes."""

        def build() -> tuple[np.ndarray, np.ndarray]:
            rows = [getattr(v, attr) for v in self.names]
            sizes = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
            width = int(sizes.max(initial=0)) or 1
            codes = np.full((len(rows), width), -1, dtype=np.int32)
            for row, values in enumerate(rows):
                codes[row, : len(values)] = values
            return codes, sizes.astype(np.float64)

        return self._memo("sets", attr, build)  # type: ignore[no-any-return]


def _gather(values: list[str], rows: list[int]) -> tuple[str, ...]:
    got = itemgetter(*rows)(values)
    return got if len(rows) > 1 else (got,)


class _Pairs:
    """Pairs of rows of a ``NameTable``: each field gathered for both sides."""

    def __init__(self, table: NameTable, ia: np.ndarray, ib: np.ndarray) -> None:
        self.table = table
        self.ia, self.ib = ia, ib
        self._ia_list, self._ib_list = ia.tolist(), ib.tolist()

    def strings(self, attr: str) -> tuple[Sequence[str], Sequence[str]]:
        values = self.table.strings(attr)
        if not self._ia_list:
            return [], []
        # itemgetter gathers in C; a tuple of one item for a single pair
        return _gather(values, self._ia_list), _gather(values, self._ib_list)

    def numbers(self, attr: str) -> tuple[np.ndarray, np.ndarray]:
        values = self.table.numbers(attr)
        return values[self.ia], values[self.ib]

    def codes(self, attr: str) -> tuple[np.ndarray, np.ndarray]:
        values = self.table.codes(attr)
        return values[self.ia], values[self.ib]

    def same(self, attr: str) -> np.ndarray:
        """The two names' string field ``attr`` is the same."""
        codes = self.table.interned(attr)
        return np.asarray(codes[self.ia] == codes[self.ib])

    def near(self, attr: str, edits: int = 1) -> np.ndarray:
        """The two names' string field ``attr`` may be ``edits`` edits apart: their lengths differ
        by at most ``edits`` and their letters (``slips.letter_bits``) by at most twice as many.
        Never false where they are."""
        lengths, letters = self.table.letters(attr)
        close = np.abs(lengths[self.ia] - lengths[self.ib]) <= edits
        return np.asarray(close & (np.bitwise_count(letters[self.ia] ^ letters[self.ib]) <= 2 * edits))

    def slips(
        self, attr: str, shortest: int | np.ndarray, rows: np.ndarray | None = None, edits: int = 1
    ) -> np.ndarray:
        """``slips.slips`` of the field ``attr`` for the pairs ``rows`` (all pairs if None), in their
        order, ``shortest`` one length or one per pair; the edit distance is computed only for pairs
        that may be ``edits`` edits apart."""
        near = self.near(attr, edits)
        if rows is not None:
            near = near[rows]
        out = np.zeros(len(near), dtype=np.float64)
        todo = np.flatnonzero(near)
        if len(todo):
            values = self.table.strings(attr)
            at = todo if rows is None else rows[todo]
            least = shortest if isinstance(shortest, int) else shortest[todo]
            out[todo] = slips(
                _gather(values, self.ia[at].tolist()), _gather(values, self.ib[at].tolist()), least, edits
            )
        return out

    def flags(self, attr: str) -> np.ndarray:
        """Both names have a non-empty ``attr``."""
        a, b = self.codes(attr)
        return np.asarray((a >= 0) & (b >= 0))

    def _hits(self, attr: str) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
        """Per slot of the first name's set ``attr``: does the second name's set hold that value?

        Padding is -1 on the first side and -2 on the second, so it never matches; rows are laid
        out slot-major so each comparison runs over contiguous memory. Also returns the set sizes.
        """
        codes, sizes = self.table.sets(attr)
        left = np.ascontiguousarray(codes[self.ia].T)
        right = np.ascontiguousarray(codes[self.ib].T)
        right[right == -1] = -2
        hits: list[np.ndarray] = []
        scratch = np.empty(len(self.ia), dtype=bool)
        for i in range(codes.shape[1]):
            hit = np.zeros(len(self.ia), dtype=bool)
            for j in range(codes.shape[1]):
                np.equal(left[i], right[j], out=scratch)
                hit |= scratch
            hits.append(hit)
        return hits, sizes[self.ia], sizes[self.ib]

    def shared_share(self, attr: str) -> np.ndarray:
        """Of the name with fewer parts, the share of its parts the other name has too.

        rapidfuzz's token_set_ratio says much the same with fuzzy credit, but at 1.5 µs a pair it
        alone would cost more than half of the comparison budget; exact agreement of convention-
        neutral keys, counted with integer codes in numpy, costs a few hundredths of that.
        """
        hits, size_a, size_b = self._hits(attr)
        shared = np.sum(hits, axis=0, dtype=np.float64)
        fewer = np.minimum(size_a, size_b)
        return np.asarray(np.where(fewer > 0, shared / np.maximum(fewer, 1), 0.0))

    def overlap(self, attr: str) -> np.ndarray:
        """Whether the two names' sets ``attr`` share a value."""
        hits, _, _ = self._hits(attr)
        return np.asarray(np.logical_or.reduce(hits, axis=0))


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


def _second_agrees(table: _Pairs) -> np.ndarray:
    """Per pair, whether the second given names do not tell two people apart: one side has none,
    they have one key, or their keys are ``SECOND_ALIKE`` and their skeletons agree."""
    second_a, second_b = table.codes("second_code")
    same = (second_a == second_b) | (second_a < 0) | (second_b < 0)
    todo = np.flatnonzero(~same)  # few pairs: the skeletons are compared for those alone
    if len(todo):
        ia, ib = table.ia[todo], table.ib[todo]
        todo = todo[_Pairs(table.table, ia, ib).overlap("second_skeleton_codes")]
    if len(todo):
        keys = table.table.strings("second")
        alike = _lev(_gather(keys, table.ia[todo].tolist()), _gather(keys, table.ib[todo].tolist()))
        same[todo[alike >= SECOND_ALIKE]] = True
    return np.asarray(same)


def _measured(names: NameTable, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    table = _Pairs(names, ia, ib)
    has_fam, has_giv = table.flags("family_code"), table.flags("given_code")
    giv_a, giv_b = table.strings("given")
    given = np.where(has_giv, _jw(giv_a, giv_b), 0.0)
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
    consonants = np.where(has_fam, _lev(*table.strings("family_skeleton")), 0.0)
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
            _indel(bag_a, bag_b),  # the bag is sorted already: this is token_sort_ratio
            table.shared_share("skeleton_codes"),
            _jw(*table.strings("folded")),
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


#: A family name whose consonant skeleton is this short or shorter (Kaya and Ak are both K, Issa
#: and Aissa both S) says little by its skeleton alone.
SHORT_SKELETON = 1


def _short_families(
    table: _Pairs, rows: np.ndarray, family_key: np.ndarray, consonants: np.ndarray
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
        _lev(_gather(keys, left), _gather(keys, right)), _lev(_gather(written, left), _gather(written, right))
    )
    far = todo[whole < 0.5]
    family_key[far] = 0.0
    consonants[far] = np.minimum(consonants[far], whole[whole < 0.5])
    return family_key, consonants


#: Below this, the names two kunyas are made of are two names (Talha / Khattab: 0.47), unless their
#: consonant skeletons agree (Hisham / Hechame).
KUNYA_NAMES_ALIKE = 0.7


def _kunyas_apart(table: _Pairs, given: np.ndarray) -> np.ndarray:
    """Two noms de guerre whose kunyas are made of two other names (Abou Talha / Abou Khattab) are
    no more alike by their given part than those names: the "Abu" every kunya starts with lifted
    their keys' Jaro-Winkler to 0.91, and two fighters with one nisba scored 0.52. Kunyas whose
    names are alike keep the whole key's score, as the model was fitted on it."""
    rows = np.flatnonzero(table.flags("kunya_named_code"))
    if not len(rows):
        return given
    pairs = _Pairs(table.table, table.ia[rows], table.ib[rows])
    alike = _jw(*pairs.strings("kunya_named"))
    apart = (alike < KUNYA_NAMES_ALIKE) & ~pairs.overlap("kunya_named_skeleton_codes")
    out = given.copy()
    out[rows[apart]] = np.minimum(given[rows[apart]], alike[apart])
    return out


def _given_as_y(table: _Pairs, has_giv: np.ndarray) -> np.ndarray:
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
            _jw(_gather(as_y, ia), _gather(given, ib)), _jw(_gather(given, ia), _gather(as_y, ib))
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
    mended = np.minimum(
        _measured(names, ia[rows], ia[rows])[:, _GIVEN_PARTS],
        _measured(names, ib[rows], ib[rows])[:, _GIVEN_PARTS],
    )
    part = matrix[rows]
    part[:, _GIVEN_PARTS] = np.maximum(part[:, _GIVEN_PARTS], mended)
    # Two neighbouring letters swapped in a family name (Rhamuni / Rahmuni), or a vowel typed for a
    # consonant (Bzkkali / Bakkali), are a slip, not another family: families one consonant apart
    # differ by a consonant put for another.
    family = names.strings("family_folded")
    fam_a, fam_b = _gather(family, ia[rows].tolist()), _gather(family, ib[rows].tolist())
    osa = np.asarray(process.cpdist(fam_a, fam_b, scorer=OSA.distance, workers=1))
    lev = np.asarray(process.cpdist(fam_a, fam_b, scorer=Levenshtein.distance, workers=1))
    typed = np.fromiter((_vowel_for_consonant(x, y) for x, y in zip(fam_a, fam_b, strict=True)), dtype=bool)
    family_slips = np.flatnonzero(((osa == 1) & (lev == 2)) | typed)
    if len(family_slips):
        at = rows[family_slips]
        fam = np.minimum(
            _measured(names, ia[at], ia[at])[:, _FAMILY_PARTS],
            _measured(names, ib[at], ib[at])[:, _FAMILY_PARTS],
        )
        part[np.ix_(family_slips, _FAMILY_PARTS)] = np.maximum(part[np.ix_(family_slips, _FAMILY_PARTS)], fam)
    given = part[:, FEATURES.index("given")]
    part[:, _BOTH] = np.minimum(np.maximum(part[:, _FAMILY_KEY], part[:, _CONSONANTS]), given) ** 4
    matrix[rows] = part
    return matrix
