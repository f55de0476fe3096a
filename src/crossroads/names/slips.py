"""Keyboard slips: two names that differ only by a clerk's typos (a dropped, doubled or swapped
letter, or a neighbouring key) are one name written twice, not two names (``features.FEATURES``'
``slip``). No library knows AZERTY and QWERTY neighbours or where a slip may fall in a parsed name,
so these few rules are written here; the edit distances are rapidfuzz's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from crossroads.names.fold import fold
from crossroads.names.parse import ARTICLES, CONNECTORS


class Pairs(Protocol):
    """What the slip test asks of pairs of names (``table.NamePairs``)."""

    def slips(
        self, attr: str, shortest: int | np.ndarray, rows: np.ndarray | None = None, edits: int = 1
    ) -> np.ndarray: ...
    def near(self, attr: str, edits: int = 1) -> np.ndarray: ...
    def same(self, attr: str) -> np.ndarray: ...
    def codes(self, attr: str) -> tuple[np.ndarray, np.ndarray]: ...
    def numbers(self, attr: str) -> tuple[np.ndarray, np.ndarray]: ...


#: The letter rows of AZERTY and QWERTY keyboards, top to bottom; each row sits half a key to the
#: right of the one above, so a key touches two keys of each neighbouring row.
_LAYOUTS = (("azertyuiop", "qsdfghjklm", "wxcvbn"), ("qwertyuiop", "asdfghjkl", "zxcvbnm"))


def _touching(layout: tuple[str, ...]) -> set[tuple[str, str]]:
    touching: set[tuple[str, str]] = set()
    for r, row in enumerate(layout):
        for c, key in enumerate(row):
            near = [(r, c - 1), (r, c + 1), (r - 1, c), (r - 1, c + 1), (r + 1, c - 1), (r + 1, c)]
            for nr, nc in near:
                if 0 <= nr < len(layout) and 0 <= nc < len(layout[nr]):
                    touching.add((key, layout[nr][nc]))
    return touching


#: The shortest part in which one slip counts a typo, and two (a first given name, a family name):
#: in shorter parts that many edits are too often another name. The explanations use the same.
SHORTEST_ONE = 4
SHORTEST_TWO = {"given": 6, "family": 7}
#: Two slips in a shorter first given name count only when one side is a name people bear and the
#: other is not (``NameFrequencies.seen``): Ysuo or Ysjf for Yusuf is a clerk's, while Samir and
#: Said, Hasan and Hamsa, are each a name of its own, two keyboard slips apart.
SHORTEST_TWO_UNSEEN = 4

#: Keys a slipping finger lands on, on either keyboard.
_NEIGHBOURS = frozenset(pair for layout in _LAYOUTS for pair in _touching(layout))


def slips(a: Sequence[str], b: Sequence[str], shortest: int | np.ndarray, edits: int = 1) -> np.ndarray:
    """1 where the two strings are ``edits`` keyboard slips apart (one, or two) and long enough
    (``shortest``: one length, or one per pair) for that to mean a typo."""
    least = np.broadcast_to(np.asarray(shortest), (len(a),))
    apart = np.asarray(process.cpdist(a, b, scorer=OSA.distance, workers=1)) == edits
    out = np.zeros(len(a), dtype=np.float64)
    for k in np.flatnonzero(apart).tolist():
        x, y = a[k], b[k]
        if min(len(x), len(y)) >= least[k]:
            out[k] = float(_all_slips(x, y, edits))
    return out


def _all_slips(x: str, y: str, edits: int) -> bool:
    """Each of the ``edits`` edits (OSA) turning ``x`` into ``y`` is a slip. Two swapped letters are
    one slip, though Levenshtein counts them two: they are undone first, and the rest checked."""
    ops = Levenshtein.editops(x, y).as_list()  # (tag, position in x, position in y)
    if len(ops) == edits:
        return all(_slip(x, y, str(tag), int(i), int(j)) for tag, i, j in ops)
    for i in range(len(x) - 1):
        swapped = x[:i] + x[i + 1] + x[i] + x[i + 2 :]
        if x[i] != x[i + 1] and OSA.distance(swapped, y) == edits - 1:
            return edits == 1 or _all_slips(swapped, y, edits - 1)
    return False


def _slip(x: str, y: str, tag: str, i: int, j: int) -> bool:
    """One edit turning ``x`` into ``y`` is a keyboard slip: a neighbouring key, or a dropped or
    doubled letter that does not make another sound of the one before it."""
    if tag == "replace":
        return (x[i], y[j]) in _NEIGHBOURS
    longer, at = (y, j) if tag == "insert" else (x, i)
    return not _makes_another_sound(longer, at)


#: Letters that, written after another, make one sound with it: the h of sh, ch, kh, gh, dh, th,
#: zh and the j of Dutch sj, dj, tj. Yusupov / Yushupov, Idrisov / Idrisjov, Hasan / Hashan are
#: other names (s is not sh), not a clerk's dropped or doubled letter.
_SECOND_LETTERS = {"h": frozenset("sckgdtz"), "j": frozenset("sdt")}


def _makes_another_sound(word: str, at: int) -> bool:
    """The letter at ``at`` of ``word`` joins the letter before it into one sound."""
    follows = _SECOND_LETTERS.get(word[at])
    return follows is not None and at > 0 and word[at - 1] in follows


def letter_bits(values: Sequence[str]) -> np.ndarray:
    """The letters of each string as the bits of an integer (letters 63 apart share a bit). Two
    strings one edit apart differ in at most two letters, so in at most two bits: a cheap test that
    spares most pairs the edit distance (``table.NamePairs.near``). Computed for all strings at once: their
    code points in one array, each string's bits or-ed together with ``reduceat``."""
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    letters = np.zeros(len(values), dtype=np.int64)
    if not lengths.sum():
        return letters
    points = np.frombuffer("".join(values).encode("utf-32-le"), dtype=np.uint32)
    bits = np.left_shift(np.int64(1), (points % 63).astype(np.int64))
    starts = np.cumsum(lengths) - lengths
    filled = lengths > 0
    letters[filled] = np.bitwise_or.reduceat(bits, starts[filled])
    return letters


def typos_only(table: Pairs, has_fam: np.ndarray, has_giv: np.ndarray, second_same: np.ndarray) -> np.ndarray:
    """1 where the names differ only by slips: one in the whole name, or one in the family name
    and one in the first given name (each of the two the same or one slip off, and any second
    given names one name: ``second_same``), or two in a first given name of six letters or more,
    or in a family name of seven or more, with the rest the same.

    The whole name is taken both as its parts in sorted order (a slip in a reordered name) and as
    written, spaces and all particles included: a slip in a connector or an article ("Benn
    Youssouf", "Abudl Kaadir", "Eli Chadheli") changes how the name splits into parts, so the parts
    no longer line up, though the letters are one slip apart."""
    whole = np.maximum(table.slips("folded", shortest=6), table.slips("written", shortest=6))
    fam_same, giv_same = table.same("family_folded"), table.same("given_folded")
    # Only pairs whose family and given names are each the same or may be one edit apart can be
    # slips in both parts; the rest are spared the edit distances.
    fam_near = fam_same | table.near("family_folded") | table.near("family_written")
    giv_near = giv_same | table.near("given_folded")
    candidates = has_fam & has_giv & ~(fam_same & giv_same) & fam_near & giv_near
    rows = np.flatnonzero(candidates)
    parts = np.zeros(len(fam_same), dtype=np.float64)
    if len(rows):
        fam_slip = np.maximum(
            table.slips("family_folded", shortest=SHORTEST_ONE, rows=rows),
            table.slips("family_written", shortest=SHORTEST_ONE, rows=rows),
        )
        giv_slip = table.slips("given_folded", shortest=SHORTEST_ONE, rows=rows)
        # Slips in the family and the first given name, but another second given name: two people
        # (Kawthar Zaynab Haddad / Kawtar Malika Haddad), not a clerk's typos.
        ok = (fam_same[rows] | (fam_slip > 0)) & (giv_same[rows] | (giv_slip > 0)) & second_same[rows]
        parts[rows] = ok.astype(np.float64)
    # Two slips in one long part, the other part and any second given names the same: Yasmin Kabiri
    # / Yqzmin Kabiri, Youssef Benkirane / Bemkieane. A clerk's typos, not a sibling's name.
    for part, same, other_same in (("given", giv_same, fam_same), ("family", fam_same, giv_same)):
        attr = f"{part}_folded"
        twice = np.flatnonzero(has_fam & has_giv & other_same & ~same & second_same & table.near(attr, 2))
        if len(twice):
            shortest: int | np.ndarray = SHORTEST_TWO[part]
            if part == "given":
                seen_a, seen_b = table.numbers("given_seen")
                shortest = np.where(seen_a[twice] != seen_b[twice], SHORTEST_TWO_UNSEEN, shortest)
            slipped = table.slips(attr, shortest=shortest, rows=twice, edits=2)
            parts[twice] = np.maximum(parts[twice], slipped)
    return np.asarray(np.maximum(whole, parts))


#: Connectors a slip most often hides, as words of their own between a given and a family name:
#: Benn, Bne, Bej or Been for Ben, Bi or Binn for Bin. Short ones (bu, de) are left out: one slip
#: from them is too many other words.
_SLIPPED_CONNECTORS = tuple(sorted(c for c in CONNECTORS if len(c) >= 3 and c.isalpha()))
_LONGEST_CONNECTOR = max(map(len, _SLIPPED_CONNECTORS))


def _connector_of(word: str) -> str | None:
    """The connector ``word`` is one slip from, beginning with the same letter (a slip seldom falls
    on the first, and El is no slipped Bel), if it is no article or connector itself."""
    low = fold(word)
    if len(low) < 2 or low in CONNECTORS or low in ARTICLES or not low.isalpha():
        return None
    near = [
        c
        for c in _SLIPPED_CONNECTORS
        if c[0] == low[0] and OSA.distance(low, c, score_cutoff=1) == 1 and _all_slips(low, c, 1)
    ]
    # Of several (Abo: abou or abi), the one the word begins like: the slip more often falls later.
    return max(near, key=lambda c: _shared_start(low, c), default=None)


def _shared_start(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def connector_slip(text: str) -> str | None:
    """``text`` with a word between its first and its last that is one keyboard slip from a
    connector (ben, bin, bou, abou...) written as that connector: "Khadija Benn Youssouf" read as
    Khadija Ben Youssouf. Otherwise the slipped word passes for a second given name, and the family
    name Ben Youssouf for Youssouf alone (0.08 against the name typed right). None when it has no
    such word: a further reading of the name, never its only one."""
    words = text.split()
    if len(words) < 3:
        return None
    changed = False
    for i in range(1, len(words) - 1):
        if not 2 <= len(words[i]) <= _LONGEST_CONNECTOR + 1:
            continue  # most words: too long to be a slipped connector
        connector = _connector_of(words[i])
        if connector is not None:
            words[i] = connector.capitalize() if words[i][:1].isupper() else connector
            changed = True
    return " ".join(words) if changed else None
