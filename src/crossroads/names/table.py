"""The distinct names of a batch as arrays (``NameTable``) and pairs of its rows (``NamePairs``):
what the features are computed over, each field gathered once and compared in C by rapidfuzz
(``cpdist`` over parallel lists) or numpy (integer codes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, JaroWinkler, Levenshtein

from crossroads.names.slips import letter_bits, slips
from crossroads.names.vectors import NameVector


def jw(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return np.asarray(
        process.cpdist(a, b, scorer=JaroWinkler.normalized_similarity, workers=1), dtype=np.float64
    )


def lev(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return np.asarray(
        process.cpdist(a, b, scorer=Levenshtein.normalized_similarity, workers=1), dtype=np.float64
    )


def indel(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
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
            sizes = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
            width = int(sizes.max(initial=0)) or 1
            codes = np.full((len(rows), width), -1, dtype=np.int32)
            # Every value placed at once: row by row, 252,255 records' four set fields took 0.89 s,
            # so 0.58 s.
            total = int(sizes.sum())
            values = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=total)
            owner = np.repeat(np.arange(len(rows), dtype=np.int64), sizes)
            place = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            codes[owner, place] = values
            return codes, sizes.astype(np.float64)

        return self._memo("sets", attr, build)  # type: ignore[no-any-return]


def gather(values: list[str], rows: list[int]) -> tuple[str, ...]:
    got = itemgetter(*rows)(values)
    return got if len(rows) > 1 else (got,)


#: Sets this small or smaller are compared over their own width (``NamePairs._shared``): most
#: names' sets of keys or skeletons hold one to four values.
NARROW = 4
#: Pairs this few or fewer have their sets compared one pair at a time (``NamePairs._shared``).
FEW = 64


class NamePairs:
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
        return gather(values, self._ia_list), gather(values, self._ib_list)

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
                gather(values, self.ia[at].tolist()), gather(values, self.ib[at].tolist()), least, edits
            )
        return out

    def flags(self, attr: str) -> np.ndarray:
        """Both names have a non-empty ``attr``."""
        a, b = self.codes(attr)
        return np.asarray((a >= 0) & (b >= 0))

    def _shared(self, attr: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per pair, how many values of the first name's set ``attr`` the second name's set holds,
        and the two set sizes.

        Sets are rows padded with -1 to the widest (``NameTable.sets``), -2 on the second side, so
        padding never matches, and compared slot by slot over contiguous memory: width² passes. A
        few names carry many readings (Haccac: twenty skeletons) and set the width for every pair,
        so pairs of narrow sets are compared over their own width, the others apart.
        """
        codes, sizes = self.table.sets(attr)
        size_a, size_b = sizes[self.ia], sizes[self.ib]
        if len(self.ia) <= FEW:
            # A handful of pairs (an arriving record's, a search's): the slot-by-slot passes below
            # are a few dozen numpy calls whatever the number of pairs, set intersections a
            # microsecond a pair. The sets hold distinct values (``vectors._codes``).
            names = self.table.names
            counts = [
                len(set(getattr(names[a], attr)).intersection(getattr(names[b], attr)))
                for a, b in zip(self._ia_list, self._ib_list, strict=True)
            ]
            return np.array(counts, dtype=np.float64), size_a, size_b
        shared = np.zeros(len(self.ia), dtype=np.float64)
        wide = np.maximum(size_a, size_b) > NARROW
        for group in (np.flatnonzero(~wide), np.flatnonzero(wide)):
            if not len(group):
                continue
            width = int(max(size_a[group].max(), size_b[group].max()))
            ia = self.ia if len(group) == len(self.ia) else self.ia[group]
            ib = self.ib if len(group) == len(self.ib) else self.ib[group]
            left = np.ascontiguousarray(codes[ia, :width].T)
            right = np.ascontiguousarray(codes[ib, :width].T)
            right[right == -1] = -2
            count = np.zeros(len(group), dtype=np.int64)
            hit = np.empty(len(group), dtype=bool)
            scratch = np.empty(len(group), dtype=bool)
            for i in range(width):
                hit[:] = False
                for j in range(width):
                    np.equal(left[i], right[j], out=scratch)
                    hit |= scratch
                count += hit
            shared[group] = count
        return shared, size_a, size_b

    def shared_share(self, attr: str) -> np.ndarray:
        """Of the name with fewer parts, the share of its parts the other name has too.

        rapidfuzz's token_set_ratio says much the same with fuzzy credit, but at 1.5 µs a pair it
        alone would cost more than half of the comparison budget; exact agreement of convention-
        neutral keys, counted with integer codes in numpy, costs a few hundredths of that.
        """
        shared, size_a, size_b = self._shared(attr)
        fewer = np.minimum(size_a, size_b)
        return np.asarray(np.where(fewer > 0, shared / np.maximum(fewer, 1), 0.0))

    def overlap(self, attr: str) -> np.ndarray:
        """Whether the two names' sets ``attr`` share a value."""
        shared, _, _ = self._shared(attr)
        return np.asarray(shared > 0)
