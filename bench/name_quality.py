"""Name-matching quality per category: the engine beside plain baselines, on the independent set.

    .venv/bin/pip install -e ".[bench]"    # once: nomenklatura, to compare with its name matcher
    .venv/bin/python bench/name_quality.py --pairs 8000 --seed 7 [--json bench/out/name_quality.json]

Pairs come from ``bench/name_pair_set.py`` (generated without the engine's code). For each positive
category, its pairs are ranked together with all negative pairs; for each negative category, its
pairs together with all positive pairs. Reported per category and method: ROC AUC (Mann-Whitney,
ties count half) and recall at precision >= 0.99 (the largest share of positives found at any
threshold that keeps at least 99 % of what it accepts correct).

Methods: the engine (``crossroads.names.batch.score_pairs``); rapidfuzz ``token_sort_ratio`` on the
names as written (with rapidfuzz's default processor: lower case, punctuation removed);
Jaro-Winkler on anyascii-folded, lower-cased names; and nomenklatura's name matcher when it is
importable (it is not a dependency; see BENCHMARKS.md for whether it installs here).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import orjson
from anyascii import anyascii
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import JaroWinkler
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.names.batch import score_pairs
from machine import describe
from name_pair_set import Pair, generate

POSITIVE = ("conventions", "scripts", "typos", "reordered", "alias")
NEGATIVE = ("siblings", "namesakes", "similar_family")
Method = Callable[[Sequence[str], Sequence[str]], np.ndarray]


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """ROC AUC as the Mann-Whitney statistic: the chance a positive outranks a negative."""
    ranks = rankdata(scores)
    positive = labels.astype(bool)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def recall_at_precision(scores: np.ndarray, labels: np.ndarray, precision: float = 0.99) -> float:
    """The highest recall over thresholds (accept score >= t) whose precision is at least ``precision``."""
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], labels[order].astype(bool)
    true_pos = np.cumsum(y)
    accepted = np.arange(1, len(y) + 1)
    # A threshold can only sit between different scores: keep the last index of each tie group.
    last = np.r_[s[1:] != s[:-1], True]
    ok = last & (true_pos / accepted >= precision)
    return float(true_pos[ok].max() / y.sum()) if ok.any() else 0.0


def engine(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return score_pairs(a, b)


def token_sort(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    scores = process.cpdist(a, b, scorer=fuzz.token_sort_ratio, processor=utils.default_process, workers=1)
    return np.asarray(scores, dtype=np.float64) / 100.0


def jaro_winkler_folded(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    fa = [anyascii(x).lower() for x in a]
    fb = [anyascii(x).lower() for x in b]
    return np.asarray(process.cpdist(fa, fb, scorer=JaroWinkler.normalized_similarity, workers=1))


def nomenklatura_method() -> Method | None:
    """nomenklatura's name matcher ("name-based": Jaro-Winkler and Soundex over name parts)."""
    try:
        from followthemoney import model
        from nomenklatura.matching.name_based.model import NameMatcher
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        return None
    config = ScoringConfig.defaults()

    def score(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        out = []
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            left, right = model.make_entity("Person"), model.make_entity("Person")
            left.id, right.id = f"a{k}", f"b{k}"  # nomenklatura caches some analyses by entity id
            left.add("name", x)
            right.add("name", y)
            out.append(NameMatcher.compare(left, right, config).score)
        return np.array(out, dtype=np.float64)

    return score


def evaluate(pairs: list[Pair], methods: dict[str, Method]) -> dict[str, dict[str, dict[str, float]]]:
    a, b = [p.a for p in pairs], [p.b for p in pairs]
    labels = np.array([p.same for p in pairs])
    categories = np.array([p.category for p in pairs])
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, method in methods.items():
        scores = np.asarray(method(a, b), dtype=np.float64)
        per: dict[str, dict[str, float]] = {}
        for category in POSITIVE + NEGATIVE:
            other = ~labels if category in POSITIVE else labels
            inside = (categories == category) | other
            per[category] = {
                "auc": auc(scores[inside], labels[inside]),
                "recall_at_p99": recall_at_precision(scores[inside], labels[inside]),
            }
        per["all"] = {"auc": auc(scores, labels), "recall_at_p99": recall_at_precision(scores, labels)}
        results[name] = per
    return results


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    methods = list(results)
    header = "| category | " + " | ".join(f"{m} AUC | {m} R@P.99" for m in methods) + " |"
    lines = [header, "|---|" + "---:|" * (2 * len(methods))]
    for category in (*POSITIVE, *NEGATIVE, "all"):
        cells = []
        for m in methods:
            r = results[m][category]
            cells += [f"{r['auc']:.3f}", f"{r['recall_at_p99']:.3f}"]
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    print(describe())
    pairs = generate(args.pairs, args.seed)
    methods: dict[str, Method] = {
        "engine": engine,
        "token_sort_ratio": token_sort,
        "jaro_winkler_folded": jaro_winkler_folded,
    }
    nomenklatura = nomenklatura_method()
    if nomenklatura is not None:
        methods["nomenklatura"] = nomenklatura
    else:
        print("nomenklatura is not importable here: its column is left out")
    results = evaluate(pairs, methods)
    print(f"{len(pairs):,} pairs, seed {args.seed}\n")
    print(table(results))
    print()
    for m in methods:
        if m == "engine":
            continue
        lost = [
            c
            for c in (*POSITIVE, *NEGATIVE)
            if results["engine"][c]["auc"] <= results[m][c]["auc"]
            or results["engine"][c]["recall_at_p99"] < results[m][c]["recall_at_p99"]
        ]
        print(f"engine vs {m}: " + ("better in every category" if not lost else f"not better in {lost}"))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))


if __name__ == "__main__":
    main()
