"""The independent name-pair benchmark: deterministic, balanced, independent of the engine, and
scored by metric functions that are right on cases worked out by hand."""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import name_pair_set  # noqa: E402
import name_quality  # noqa: E402


def test_same_seed_same_pairs_other_seed_other_pairs() -> None:
    first, again, other = (name_pair_set.generate(1600, s) for s in (3, 3, 4))
    assert first == again
    assert first != other


def test_every_category_is_large_and_labelled_as_it_should_be() -> None:
    pairs = name_pair_set.generate(4000, 5)
    counts = Counter(p.category for p in pairs)
    assert set(counts) == set(name_quality.POSITIVE) | set(name_quality.NEGATIVE)
    assert min(counts.values()) >= 500
    for p in pairs:
        assert p.same == (p.category in name_quality.POSITIVE)
    for category in ("conventions", "scripts", "typos", "alias"):
        spelled_apart = [p.a != p.b for p in pairs if p.category == category]
        assert sum(spelled_apart) / len(spelled_apart) > 0.9, category
    scripts = [p.a for p in pairs if p.category == "scripts"]
    assert any("\u0600" <= c <= "\u06ff" for name in scripts for c in name)  # Arabic
    assert any("\u0400" <= c <= "\u04ff" for name in scripts for c in name)  # Cyrillic


def test_the_generator_does_not_use_the_engine() -> None:
    tree = ast.parse((BENCH / "name_pair_set.py").read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert "crossroads" not in imported


def test_conventions_render_sounds_their_own_way() -> None:
    rng = name_pair_set.random.Random(1)
    spelled = {c: name_pair_set.render("shukrii", c, rng) for c in name_pair_set.CONVENTIONS}
    assert spelled["fr"].startswith("Ch") and spelled["nl"].startswith("Sj")
    assert spelled["de"].startswith("Sch") and spelled["tr"].startswith("Ş")


def test_auc_on_hand_made_rankings() -> None:
    labels = np.array([1, 1, 0, 0])
    assert name_quality.auc(np.array([0.9, 0.8, 0.2, 0.1]), labels) == 1.0
    assert name_quality.auc(np.array([0.1, 0.2, 0.8, 0.9]), labels) == 0.0
    assert name_quality.auc(np.array([0.5, 0.5, 0.5, 0.5]), labels) == 0.5  # ties count half
    assert name_quality.auc(np.array([0.9, 0.3, 0.5, 0.1]), labels) == 0.75


def test_recall_at_precision_on_a_hand_made_case() -> None:
    # Ranked: + + - + + ... a threshold after the first two keeps precision 1 (recall 2/4); taking
    # all four positives costs one negative (precision 0.8), below 0.99.
    scores = np.array([0.95, 0.9, 0.85, 0.8, 0.7, 0.1])
    labels = np.array([1, 1, 0, 1, 1, 0])
    assert name_quality.recall_at_precision(scores, labels) == pytest.approx(0.5)
    assert name_quality.recall_at_precision(scores, labels, precision=0.8) == pytest.approx(1.0)
    # A tie between a positive and a negative cannot be split by any threshold.
    assert name_quality.recall_at_precision(np.array([0.9, 0.9]), np.array([1, 0])) == 0.0
