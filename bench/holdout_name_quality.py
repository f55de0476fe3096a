"""Name-matching quality per category on the second independent set (``bench/holdout_name_pairs.py``).

    .venv/bin/python bench/holdout_name_quality.py --pairs 8000 --seed 7
        [--csv bench/out/holdout_name_pairs.csv] [--json bench/out/holdout_name_quality.json] [--worst 10]

For each positive category, its pairs are ranked together with all negative pairs; for each negative
category, together with all positive pairs; "all" ranks every pair. Per category and method: ROC AUC
(Mann-Whitney, ties count half) and R@P.99, the largest share of positives accepted at any threshold
that keeps precision at 0.99 or more (0 if none does). A second table ranks the positive categories
against the negatives without ``namesakes``: half of those are the same name written twice, which
holds every name matcher's precision down, so this table shows what the rest of the ranking is worth.

Methods: the engine (``crossroads.names.batch.score_pairs``); rapidfuzz ``token_sort_ratio`` on the
names as written (rapidfuzz's ``default_process``: lower case, punctuation to spaces; no folding);
Jaro-Winkler on anyascii-folded, lower-cased names; and, when importable (``pip install -e ".[bench]"``),
nomenklatura's name matchers: ``logic-v2``'s ``name_match`` (its current one: name-part alignment with
cultural reference data, across scripts) and the deprecated ``name-based`` ``NameMatcher`` (Jaro-Winkler
and Soundex over name parts).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.names.batch import score_pairs
from holdout_name_pairs import NEGATIVE, POSITIVE, Pair, generate
from machine import describe
from name_quality import auc, jaro_winkler_folded, recall_at_precision, token_sort

Method = Callable[[Sequence[str], Sequence[str]], np.ndarray]
Figures = dict[str, dict[str, dict[str, float]]]
MEASURES = ("auc", "recall_at_p99")


def engine(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return np.asarray(score_pairs(a, b), dtype=np.float64)


def nomenklatura_methods() -> dict[str, Method]:
    """nomenklatura's name matchers on two Person entities with one name each; {} if not installed."""
    try:
        from followthemoney import EntityProxy, model
        from nomenklatura.matching.logic_v2.model import LogicV2
        from nomenklatura.matching.logic_v2.names.match import name_match
        from nomenklatura.matching.name_based.model import NameMatcher
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        return {}
    config, v2_config = ScoringConfig.defaults(), LogicV2.default_config()

    def people(a: Sequence[str], b: Sequence[str]) -> list[tuple[EntityProxy, EntityProxy]]:
        """Person entities with one name each and ids of their own: logic-v2 caches names by entity id."""
        made = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            left, right = model.make_entity("Person"), model.make_entity("Person")
            left.id, right.id = f"a{i}", f"b{i}"
            left.add("name", x)
            right.add("name", y)
            made.append((left, right))
        return made

    def logic_v2(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        return np.array([name_match(x, y, v2_config).score for x, y in people(a, b)])

    def name_based(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        return np.array([NameMatcher.compare(x, y, config).score for x, y in people(a, b)])

    return {"nk_logic_v2": logic_v2, "nk_name_based": name_based}


def figures(
    scores: np.ndarray, labels: np.ndarray, categories: np.ndarray, leave_out: tuple[str, ...] = ()
) -> dict[str, dict[str, float]]:
    """AUC and R@P.99 per category: a positive category against the negatives, and the reverse."""
    kept = ~np.isin(categories, leave_out)
    positive = labels.astype(bool)
    out = {}
    for category in (*POSITIVE, *NEGATIVE):
        if category in leave_out or not (categories == category).any():
            continue
        inside = kept & ((categories == category) | (~positive if category in POSITIVE else positive))
        out[category] = {
            "auc": auc(scores[inside], labels[inside]),
            "recall_at_p99": recall_at_precision(scores[inside], labels[inside]),
        }
    out["all"] = {
        "auc": auc(scores[kept], labels[kept]),
        "recall_at_p99": recall_at_precision(scores[kept], labels[kept]),
    }
    return out


def table(results: Figures) -> str:
    methods = list(results)
    lines = [
        "| category | " + " | ".join(f"{m} AUC | R@P.99" for m in methods) + " |",
        "|---|" + "---:|" * (2 * len(methods)),
    ]
    for category in next(iter(results.values())):
        shown = {(m, x): f"{results[m][category][x]:.3f}" for m in methods for x in MEASURES}
        best = {x: max(shown[m, x] for m in methods) for x in MEASURES}  # same width: text order is numeric
        cells = [
            f"**{shown[m, x]}**" if shown[m, x] == best[x] else shown[m, x] for m in methods for x in MEASURES
        ]
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdicts(results: Figures) -> list[str]:
    """One line per baseline: where the engine is not better, with both figures."""
    lines = []
    mine = results["engine"]
    for method, theirs in results.items():
        if method == "engine":
            continue
        lost = [
            f"{category} {label} {mine[category][measure]:.3f} vs {theirs[category][measure]:.3f}"
            for category in mine
            for measure, label in (("auc", "AUC"), ("recall_at_p99", "R@P.99"))
            if mine[category][measure] < theirs[category][measure]
            or (measure == "auc" and mine[category][measure] == theirs[category][measure])
        ]
        verdict = "beats it in every category by both measures" if not lost else "loses: " + "; ".join(lost)
        lines.append(f"engine vs {method}: {verdict}")
    return lines


def worst(pairs: list[Pair], scores: np.ndarray, category: str, count: int) -> list[str]:
    """The engine's worst calls in a category: lowest-scored positives or highest-scored negatives."""
    idx = [i for i, p in enumerate(pairs) if p.category == category]
    idx.sort(key=lambda i: scores[i] if pairs[i].same else -scores[i])
    return [
        f"    {pairs[i].a!r} ~ {pairs[i].b!r}  same={pairs[i].same}  engine={scores[i]:.3f}"
        for i in idx[:count]
    ]


def read_csv(path: Path) -> list[Pair]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [Pair(r["a"], r["b"], int(r["same"]), r["category"]) for r in csv.DictReader(handle)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--csv", type=Path, help="read the pairs from this file instead of generating them")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--worst", type=int, default=0, help="show the engine's N worst calls per category")
    args = parser.parse_args()
    print(describe())
    pairs = read_csv(args.csv) if args.csv else generate(args.pairs, args.seed)
    source = str(args.csv) if args.csv else f"bench/holdout_name_pairs.py, seed {args.seed}"
    methods: dict[str, Method] = {
        "engine": engine,
        "token_sort_ratio": token_sort,
        "jw_anyascii": jaro_winkler_folded,
    }
    extra = nomenklatura_methods()
    if not extra:
        print('nomenklatura is not importable: its columns are left out (pip install -e ".[bench]")')
    methods |= extra
    a, b = [p.a for p in pairs], [p.b for p in pairs]
    labels = np.array([p.same for p in pairs])
    categories = np.array([p.category for p in pairs])
    scores, results, without = {}, {}, {}
    for name, method in methods.items():
        start = time.perf_counter()
        scores[name] = np.asarray(method(a, b), dtype=np.float64)
        print(f"  {name}: {time.perf_counter() - start:.1f} s")
        results[name] = figures(scores[name], labels, categories)
        without[name] = figures(scores[name], labels, categories, leave_out=("namesakes",))
    print(f"\n{len(pairs):,} pairs from {source}\n")
    print(table(results))
    print("\nPositive categories against siblings and similar_family only (namesakes left out):\n")
    print(table(without))
    print()
    print("\n".join(verdicts(results)))
    if args.worst:
        for category in (*POSITIVE, *NEGATIVE):
            print(f"\nengine's worst in {category}:")
            print("\n".join(worst(pairs, scores["engine"], category, args.worst)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_bytes(
            orjson.dumps({"all_negatives": results, "without_namesakes": without}, option=orjson.OPT_INDENT_2)
        )


if __name__ == "__main__":
    main()
