"""Name-matching quality per category on the third or fourth independent set, beside plain baselines.

    .venv/bin/pip install -e ".[bench]"    # once: nomenklatura, to compare with its name matchers
    .venv/bin/python bench/third_name_quality.py --pairs 8000 --seed 3 [--worst 8] [--csv bench/out/third.csv]
    .venv/bin/python bench/third_name_quality.py --set fourth --pairs 8000 --seed 4

Pairs come from ``bench/third_name_pairs.py`` or ``bench/fourth_name_pairs.py``, each written by a helper
session that read neither the engine nor the earlier sets.
For each positive category, its pairs are ranked together with all negative pairs; for each negative
category, its pairs together with all positive pairs. Reported per category and method: ROC AUC and
recall at precision >= 0.99 (``bench/name_quality.py``'s metric functions). Methods: the engine
(``crossroads.names.batch.score_pairs``), rapidfuzz ``token_sort_ratio``, Jaro-Winkler on
anyascii-folded names, and nomenklatura's matchers when importable. ``--worst N`` prints the engine's N
worst pairs per category (lowest-scored positives, highest-scored negatives); ``--csv`` writes every
pair with every method's score.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).parent))

from crossroads.names.batch import score_pairs
from machine import describe
from name_quality import auc, jaro_winkler_folded, recall_at_precision, token_sort
from third_name_pairs import CATEGORIES, NEGATIVE, POSITIVE, Pair

#: The independent sets this harness grades; both generators share third_name_pairs' interface.
SETS = {"third": "third_name_pairs", "fourth": "fourth_name_pairs"}


def generate(total: int, seed: int, which: str = "third") -> list[Pair]:
    module = importlib.import_module(SETS[which])
    assert (module.POSITIVE, module.NEGATIVE) == (POSITIVE, NEGATIVE), f"{which}: other categories"
    return module.generate(total, seed)  # type: ignore[no-any-return]


Scores = npt.NDArray[np.float64]
Method = Callable[[Sequence[str], Sequence[str]], Scores]


def methods() -> dict[str, Method]:
    """The engine first, then the baselines; nomenklatura's matchers only when it is installed."""
    found: dict[str, Method] = {
        "engine": lambda a, b: np.asarray(score_pairs(a, b), dtype=np.float64),
        "token_sort": lambda a, b: np.asarray(token_sort(a, b), dtype=np.float64),
        "jaro_winkler": lambda a, b: np.asarray(jaro_winkler_folded(a, b), dtype=np.float64),
    }
    try:
        from holdout_name_quality import nomenklatura_methods
    except ImportError:
        return found
    for name, method in nomenklatura_methods().items():
        found[name] = method
    return found


def score_all(pairs: list[Pair], chosen: dict[str, Method]) -> tuple[dict[str, Scores], dict[str, float]]:
    a, b = [p.a for p in pairs], [p.b for p in pairs]
    scores, seconds = {}, {}
    for name, method in chosen.items():
        start = time.perf_counter()
        scores[name] = np.asarray(method(a, b), dtype=np.float64)
        seconds[name] = time.perf_counter() - start
    return scores, seconds


def figures(pairs: list[Pair], scores: dict[str, Scores]) -> dict[str, dict[str, tuple[float, float]]]:
    """category -> method -> (ROC AUC, recall at precision 0.99)."""
    category = np.array([p.category for p in pairs])
    labels = np.array([p.label for p in pairs])
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for cat in CATEGORIES:
        other = NEGATIVE if cat in POSITIVE else POSITIVE
        keep = (category == cat) | np.isin(category, other)
        out[cat] = {
            name: (auc(s[keep], labels[keep]), recall_at_precision(s[keep], labels[keep], 0.99))
            for name, s in scores.items()
        }
    return out


def tables(pairs: list[Pair], results: dict[str, dict[str, tuple[float, float]]]) -> str:
    lines = []
    for cat, by_method in results.items():
        n = sum(p.category == cat for p in pairs)
        side = "positive" if cat in POSITIVE else "negative"
        against = sum(p.label != (cat in POSITIVE) for p in pairs)
        lines += [f"\n### {cat} ({n} {side} pairs, ranked with {against} of the other label)\n"]
        lines += ["| method | ROC AUC | recall @ P0.99 |", "|---|---:|---:|"]
        lines += [f"| {name} | {a:.4f} | {r:.3f} |" for name, (a, r) in by_method.items()]
    return "\n".join(lines)


def not_better(results: dict[str, dict[str, tuple[float, float]]]) -> str:
    """One line per baseline: the categories where the engine's AUC is not above the baseline's."""
    lines = ["\nCategories where the engine is not better by AUC:"]
    baselines = [name for name in next(iter(results.values())) if name != "engine"]
    for base in baselines:
        worse = [
            f"{cat} ({by['engine'][0]:.4f} vs {by[base][0]:.4f})"
            for cat, by in results.items()
            if by["engine"][0] <= by[base][0]
        ]
        lines.append(f"- vs {base}: {', '.join(worse) if worse else 'none'}")
    return "\n".join(lines)


def worst(pairs: list[Pair], engine: Scores, n: int) -> str:
    lines = [f"\nThe engine's {n} worst pairs per category (positives scored lowest, negatives highest):"]
    for cat in CATEGORIES:
        idx = [i for i, p in enumerate(pairs) if p.category == cat]
        idx.sort(key=lambda i: engine[i] if cat in POSITIVE else -engine[i])
        lines.append(f"\n{cat}:")
        lines += [f"  {engine[i]:.3f}  {pairs[i].a}  |  {pairs[i].b}   ({pairs[i].how})" for i in idx[:n]]
    return "\n".join(lines)


def write_csv(path: Path, pairs: list[Pair], scores: dict[str, Scores]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["category", "label", "a", "b", "how", *scores])
        for i, p in enumerate(pairs):
            out.writerow([p.category, p.label, p.a, p.b, p.how, *(f"{s[i]:.4f}" for s in scores.values())])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=list(SETS), default="third", help="which independent set")
    parser.add_argument("--pairs", type=int, default=8000, help="pairs in all, split evenly over categories")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--worst", type=int, default=0, help="print the engine's N worst pairs per category")
    parser.add_argument("--csv", type=Path, help="write every pair with every method's score here")
    args = parser.parse_args()
    print(describe())
    pairs = generate(args.pairs, args.seed, args.set)
    scores, seconds = score_all(pairs, methods())
    print(f"{args.set} set, {len(pairs)} pairs (seed {args.seed}); scoring seconds: ", end="")
    print(", ".join(f"{name} {s:.1f}" for name, s in seconds.items()))
    results = figures(pairs, scores)
    print(tables(pairs, results))
    print(not_better(results))
    if args.worst:
        print(worst(pairs, scores["engine"], args.worst))
    if args.csv:
        write_csv(args.csv, pairs, scores)
        print(f"\nwrote {args.csv}")


if __name__ == "__main__":
    main()
