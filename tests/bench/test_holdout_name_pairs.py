"""The second independent name-pair set (bench/holdout_name_pairs.py) and its harness
(bench/holdout_name_quality.py):
deterministic, large enough per category, honest about spelling, independent of the engine, and scored
by metric functions that are right on cases worked out by hand."""

from __future__ import annotations

import ast
import random
import sys
import types
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import holdout_name_pairs  # noqa: E402
import holdout_name_quality  # noqa: E402


@pytest.fixture(scope="module")
def pairs() -> list[holdout_name_pairs.Pair]:
    return holdout_name_pairs.generate(4000, 5)


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    first, again, other = (holdout_name_pairs.generate(1600, seed) for seed in (3, 3, 4))
    assert first == again
    assert first != other


def test_every_category_has_at_least_500_pairs_labelled_by_its_side(
    pairs: list[holdout_name_pairs.Pair],
) -> None:
    counts = Counter(p.category for p in pairs)
    assert set(counts) == set(holdout_name_pairs.CATEGORIES)
    assert min(counts.values()) >= 500
    assert {p.same for p in pairs} == {0, 1}
    for p in pairs:
        assert p.same == (p.category in holdout_name_pairs.POSITIVE)


def test_the_two_sides_are_spelt_differently(pairs: list[holdout_name_pairs.Pair]) -> None:
    assert all(p.a != p.b for p in pairs)
    for category in ("conventions", "scripts", "typos", "alias"):
        inside = [p for p in pairs if p.category == category]
        differ = sum(p.a.casefold().replace("-", " ") != p.b.casefold().replace("-", " ") for p in inside)
        assert differ / len(inside) > 0.9, category
    reordered = [p for p in pairs if p.category == "reordered"]
    assert (
        sum(p.a.split()[0].casefold() != p.b.split()[0].casefold() for p in reordered) / len(reordered) > 0.9
    )


def test_scripts_pairs_put_arabic_script_on_one_side(pairs: list[holdout_name_pairs.Pair]) -> None:
    def arabic(text: str) -> bool:
        return any("\u0600" <= ch <= "\u06ff" for ch in text)

    for p in pairs:
        if p.category == "scripts":
            assert arabic(p.a) != arabic(p.b)


def test_the_generator_imports_nothing_from_the_engine() -> None:
    tree = ast.parse((BENCH / "holdout_name_pairs.py").read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported and not [name for name in imported if name.split(".")[0] == "crossroads"]
    held = [v for v in vars(holdout_name_pairs).values() if isinstance(v, types.ModuleType)]
    held += [v for v in vars(holdout_name_pairs).values() if getattr(v, "__module__", "") and callable(v)]
    assert not [v for v in held if (getattr(v, "__module__", None) or v.__name__).startswith("crossroads")]


def test_the_tables_give_arabic_script_and_a_canonical_latin_spelling() -> None:
    assert holdout_name_pairs.canonical("yuusuf") == ("يوسف", "Yusuf")
    assert holdout_name_pairs.canonical("al-'amraanii") == ("العمراني", "al-Amrani")
    assert holdout_name_pairs.canonical("'abd_al-qaadir") == ("عبد القادر", "Abd al-Qadir")


def test_similar_family_names_are_another_name_one_consonant_away() -> None:
    rng = random.Random(1)
    made = {holdout_name_pairs.similar_family("bakkaalii", False, rng) for _ in range(60)}
    assert "bakkaarii" in made and "bakkaalii" not in made
    tokens = holdout_name_pairs.TOKEN.findall("bakkaalii")
    for name in made:
        assert name is not None
        other = holdout_name_pairs.TOKEN.findall(name)
        assert len(other) == len(tokens)
        assert len({t for t, u in zip(tokens, other, strict=True) if t != u}) == 1
    assert "bannaanii" in {holdout_name_pairs.similar_family("bin-'alii", False, rng) for _ in range(20)}


def test_auc_is_one_for_a_perfect_ranking_zero_reversed_and_half_for_ties() -> None:
    labels = np.array([1, 1, 0, 0])
    assert holdout_name_quality.auc(np.array([0.9, 0.8, 0.2, 0.1]), labels) == 1.0
    assert holdout_name_quality.auc(np.array([0.1, 0.2, 0.8, 0.9]), labels) == 0.0
    assert holdout_name_quality.auc(np.array([0.5, 0.5, 0.5, 0.5]), labels) == 0.5
    # one positive below one negative out of four comparisons
    assert holdout_name_quality.auc(np.array([0.9, 0.3, 0.4, 0.1]), labels) == 0.75


def test_recall_at_precision_on_cases_worked_by_hand() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    labels = np.array([1, 1, 0, 1, 0])
    # accept >= 0.8: 2 of 2 right, 2 of 3 positives; any lower threshold lets the 0.7 negative in
    assert holdout_name_quality.recall_at_precision(scores, labels) == pytest.approx(2 / 3)
    # a tie between a positive and a negative at the top cannot be split: no threshold reaches 0.99
    assert holdout_name_quality.recall_at_precision(np.array([0.9, 0.9, 0.5]), np.array([1, 0, 1])) == 0.0
    # at precision 0.5: accept >= 0.7 keeps 2 of 3 right and finds both positives
    scores, labels = np.array([0.9, 0.8, 0.7, 0.6]), np.array([0, 1, 1, 0])
    found = holdout_name_quality.recall_at_precision(scores, labels, 0.5)
    assert found == 1.0


def test_each_category_is_ranked_against_the_other_side_only() -> None:
    categories = np.array(["conventions", "typos", "siblings", "namesakes"])
    labels = np.array([1, 1, 0, 0])
    scores = np.array([0.9, 0.1, 0.5, 0.2])  # conventions above every negative, typos below both
    got = holdout_name_quality.figures(scores, labels, categories)
    assert got["conventions"]["auc"] == 1.0
    assert got["typos"]["auc"] == 0.0
    assert got["siblings"]["auc"] == 0.5  # the sibling sits between the two positives
    assert got["namesakes"]["auc"] == 0.5
    assert "namesakes" not in holdout_name_quality.figures(scores, labels, categories, ("namesakes",))
