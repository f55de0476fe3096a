"""Fit the name model on demo-data ground truth and write src/crossroads/names/model.json.

    .venv/bin/python bench/train_name_model.py --persons 6000 --seed 11 --holdout-seed 12

Trains on pairs mined from one generated data set, checks calibration on another (different seed),
and records both in the model's provenance. Generated data is written to a temporary directory.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.demo.generate import generate
from crossroads.names.batch import pair_features
from crossroads.names.frequencies import NameFrequencies
from crossroads.names.model import Calibration, NameModel, fit
from crossroads.names.parse import parse
from name_training_pairs import LabelledPair, mine

MODEL = Path(__file__).resolve().parents[1] / "src" / "crossroads" / "names" / "model.json"


def pairs_for(persons: int, seed: int) -> list[LabelledPair]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(persons, seed, Path(tmp))
        return mine(Path(tmp), seed)


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Mann-Whitney form of the ROC AUC (ties count half)."""
    ranks = rankdata(scores)
    pos = labels.astype(bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def calibration_table(scores: np.ndarray, labels: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    edges = np.linspace(0, 1, bins + 1)
    table = []
    for lo, hi in itertools.pairwise(edges):
        inside = (scores >= lo) & (scores < hi if hi < 1 else scores <= hi)
        if inside.sum():
            table.append(
                {
                    "from": round(float(lo), 2),
                    "to": round(float(hi), 2),
                    "pairs": int(inside.sum()),
                    "predicted": round(float(scores[inside].mean()), 3),
                    "observed": round(float(labels[inside].mean()), 3),
                }
            )
    return table


def features_of(
    pairs: list[LabelledPair], frequencies: NameFrequencies, model: NameModel | None = None
) -> np.ndarray:
    return pair_features([p.a for p in pairs], [p.b for p in pairs], frequencies, model)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--holdout-seed", type=int, default=12)
    args = parser.parse_args()
    mined = pairs_for(args.persons, args.seed)
    holdout = pairs_for(args.persons, args.holdout_seed)
    # Weights from 70 % of the mined pairs, the probability calibration from the other 30 %.
    random.Random(args.seed).shuffle(mined)
    cut = int(len(mined) * 0.7)
    train, calibrate = mined[:cut], mined[cut:]
    frequencies = NameFrequencies().update(parse(n) for p in mined for n in (p.a, p.b))
    y = np.array([p.same for p in train])
    # Names without an order cue are scored under their best reading, which depends on the model:
    # fit on the parser's reading first, then again on the readings that first model picks.
    first = NameModel(*fit(features_of(train, frequencies), y), frequencies)
    intercept, weights = fit(features_of(train, frequencies, first), y)
    raw = NameModel(intercept, weights, frequencies)
    cx, cy = features_of(calibrate, frequencies, raw), np.array([p.same for p in calibrate])
    calibration = Calibration.fit(raw.logit(cx), cy)
    model = NameModel(intercept, weights, frequencies, calibration=calibration)
    hx = features_of(holdout, frequencies, model)
    hy = np.array([p.same for p in holdout], dtype=float)
    scores = model.predict(hx)
    brier = float(np.mean((scores - hy) ** 2))
    provenance = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "command": " ".join(["bench/train_name_model.py", *sys.argv[1:]]),
        "training": {
            "persons": args.persons,
            "seed": args.seed,
            "pairs": len(train),
            "positives": int(y.sum()),
            "calibration_pairs": len(calibrate),
        },
        "holdout": {
            "seed": args.holdout_seed,
            "pairs": len(holdout),
            "auc": round(auc(scores, hy), 4),
            "brier": round(brier, 4),
            "calibration": calibration_table(scores, hy),
        },
    }
    model = NameModel(intercept, weights, frequencies, provenance, calibration)
    MODEL.write_bytes(model.to_json() + b"\n")
    print(f"trained on {len(train):,} pairs; hold-out AUC {provenance['holdout']['auc']}, Brier {brier:.4f}")
    for row in provenance["holdout"]["calibration"]:  # type: ignore[index]
        print(row)
    print({k: round(v, 2) for k, v in weights.items()}, round(intercept, 2))
    print(f"written {MODEL}")


if __name__ == "__main__":
    main()
