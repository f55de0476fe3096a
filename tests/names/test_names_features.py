"""The shortcuts in the features' batch path give exactly what the plain definitions give."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA, Levenshtein

from crossroads.names.frequencies import NameFrequencies
from crossroads.names.parse import parse
from crossroads.names.slips import letter_bits, slips
from crossroads.names.table import FEW, NamePairs, NameTable
from crossroads.names.vectors import vector

LETTERS = "abcdeghiklmnorstuyzéşüğ' -"
words = st.text(alphabet=LETTERS, min_size=0, max_size=12)


def _edited(draw: st.DrawFn, a: str) -> str:
    """``a`` with one edit or so (or any other string)."""
    kind = draw(st.sampled_from(["drop", "add", "swap", "change", "other", "same"]))
    at = draw(st.integers(0, max(len(a) - 1, 0)))
    letter = draw(st.sampled_from(LETTERS))
    if kind == "drop" and a:
        return a[:at] + a[at + 1 :]
    if kind == "add":
        return a[:at] + letter + a[at:]
    if kind == "swap" and len(a) > 1 and at < len(a) - 1:
        return a[:at] + a[at + 1] + a[at] + a[at + 2 :]
    if kind == "change" and a:
        return a[:at] + letter + a[at + 1 :]
    if kind == "other":
        return draw(words)
    return a


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A string and another one or two edits or so away from it (or any other string)."""
    a = draw(words)
    b = _edited(draw, a)
    return a, (_edited(draw, b) if draw(st.booleans()) else b)


@settings(max_examples=600, deadline=None)
@given(st.lists(edited_pairs(), min_size=1, max_size=30))
def test_the_letters_test_never_rules_out_strings_up_to_two_edits_apart(pairs: list[tuple[str, str]]) -> None:
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    bits_a, bits_b = letter_bits(a), letter_bits(b)
    for k, (x, y) in enumerate(pairs):
        assert bits_a[k] == sum({1 << (ord(c) % 63) for c in x})  # the vectorised bits are each string's
        differ = int(bits_a[k] ^ bits_b[k]).bit_count()
        if OSA.distance(x, y) <= 1:  # what ``near`` lets through for one slip
            assert abs(len(x) - len(y)) <= 1 and differ <= 2, (x, y)
        if Levenshtein.distance(x, y) <= 2:  # and for two
            assert abs(len(x) - len(y)) <= 2 and differ <= 4, (x, y)


NAMES = [
    "Youssef Bakkali",
    "Youssef Bakkaki",
    "Yousef Bakkali",
    "Youssef Bakkail",
    "Ysouuf Bakkali",
    "Khadija Ben Youssouf",
    "Khadija Benn Youssouf",
    "Lahlou, Ismail",
    "Ismail aLhlou",
    "Kawthar Zaynab Haddad",
    "Kawtar Zaynab Hadad",
    "Kawtar Malika Hadad",
    "Mohamed",
    "EL AMRANI Youssef",
    "يوسف العمراني",
    "Yasmin Kabiri",
    "Yqzmin Kabiri",
    "Yasmina Kabiri",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(NAMES) - 1), st.integers(0, len(NAMES) - 1)), min_size=1))
def test_slips_computed_only_where_near_are_the_slips_of_every_pair(pairs: list[tuple[int, int]]) -> None:
    frequencies = NameFrequencies()
    table = NameTable([vector(parse(n), frequencies) for n in NAMES])
    ia = np.array([a for a, _ in pairs], dtype=np.int64)
    ib = np.array([b for _, b in pairs], dtype=np.int64)
    both = NamePairs(table, ia, ib)
    for attr, shortest in (("folded", 6), ("written", 6), ("family_folded", 4), ("given_folded", 4)):
        values = table.strings(attr)
        for edits in (1, 2):
            plain = slips([values[i] for i in ia], [values[i] for i in ib], shortest, edits)
            assert np.array_equal(both.slips(attr, shortest, edits=edits), plain)
            rows = np.arange(0, len(ia), 2)
            assert np.array_equal(both.slips(attr, shortest, rows=rows, edits=edits), plain[rows])
        same = np.array([values[i] == values[j] for i, j in zip(ia, ib, strict=True)])
        assert np.array_equal(both.same(attr), same)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.frozensets(st.integers(0, 30), max_size=12), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), min_size=1, max_size=40),
)
def test_set_shares_are_those_of_plain_sets_however_wide_some_sets_are(
    sets: list[frozenset[int]], pairs: list[tuple[int, int]]
) -> None:
    """Narrow sets are compared over their own width, wide ones apart, and a few pairs one at a
    time (``NamePairs._shared``): the same shares each way."""
    frequencies = NameFrequencies()
    base = vector(parse("Youssef Bakkali"), frequencies)
    table = NameTable([replace(base, skeleton_codes=tuple(sorted(s))) for s in sets])
    pairs = [(a % len(sets), b % len(sets)) for a, b in pairs]
    ia = np.array([a for a, _ in pairs], dtype=np.int64)
    ib = np.array([b for _, b in pairs], dtype=np.int64)
    both = NamePairs(table, ia, ib)
    overlap = [bool(sets[a] & sets[b]) for a, b in pairs]
    share = [len(sets[a] & sets[b]) / min(len(sets[a]), len(sets[b])) if sets[a] and sets[b] else 0.0
             for a, b in pairs]  # fmt: skip
    assert len(pairs) <= FEW  # one pair at a time
    assert both.overlap("skeleton_codes").tolist() == overlap
    assert np.allclose(both.shared_share("skeleton_codes"), share)
    times = FEW // len(pairs) + 1  # the same pairs, repeated past FEW: slot by slot in numpy
    many = NamePairs(table, np.tile(ia, times), np.tile(ib, times))
    assert many.overlap("skeleton_codes").tolist() == overlap * times
    assert np.allclose(many.shared_share("skeleton_codes"), share * times)
