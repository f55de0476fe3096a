"""The third independent name-pair set (bench/third_name_pairs.py): deterministic, every category at the
requested size, labelled by category, and free of pairs that no name matcher could ever get right."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import third_name_pairs  # noqa: E402

PER_CATEGORY = 150


@pytest.fixture(scope="module")
def pairs() -> list[third_name_pairs.Pair]:
    return third_name_pairs.generate(PER_CATEGORY * len(third_name_pairs.CATEGORIES), 11)


def test_same_seed_same_pairs_other_seed_other_pairs(pairs: list[third_name_pairs.Pair]) -> None:
    total = PER_CATEGORY * len(third_name_pairs.CATEGORIES)
    assert third_name_pairs.generate(total, 11) == pairs
    assert third_name_pairs.generate(total, 12) != pairs


def test_every_category_at_the_requested_count(pairs: list[third_name_pairs.Pair]) -> None:
    assert Counter(p.category for p in pairs) == {c: PER_CATEGORY for c in third_name_pairs.CATEGORIES}
    assert len(third_name_pairs.generate(8000, 3)) == 8000
    uneven = Counter(p.category for p in third_name_pairs.generate(83, 1))
    assert sum(uneven.values()) == 83 and set(uneven) == set(third_name_pairs.CATEGORIES)


def test_labels_follow_the_category(pairs: list[third_name_pairs.Pair]) -> None:
    for p in pairs:
        assert p.label == (1 if p.category in third_name_pairs.POSITIVE else 0), p
    assert set(third_name_pairs.POSITIVE) == {"conventions", "scripts", "typos", "reordered", "alias"}
    assert set(third_name_pairs.NEGATIVE) == {"siblings", "namesakes", "similar_family"}


def test_no_pair_is_two_identical_strings(pairs: list[third_name_pairs.Pair]) -> None:
    assert all(p.a != p.b and p.a.strip() and p.b.strip() for p in pairs)


def test_namesakes_never_identical_after_lower_casing(pairs: list[third_name_pairs.Pair]) -> None:
    namesakes = [p for p in pairs if p.category == "namesakes"]
    assert namesakes and all(p.a.lower() != p.b.lower() for p in namesakes)
    negatives = [p for p in pairs if p.category in third_name_pairs.NEGATIVE]
    assert all(third_name_pairs.folded(p.a) != third_name_pairs.folded(p.b) for p in negatives)


def test_scripts_pairs_one_side_not_latin(pairs: list[third_name_pairs.Pair]) -> None:
    def latin(text: str) -> bool:
        return all(ord(ch) < 0x0370 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in text)

    for p in pairs:
        if p.category == "scripts":
            assert latin(p.a) != latin(p.b), p
