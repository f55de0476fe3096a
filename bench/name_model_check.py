"""The shipped name model checked again on the training script's hold-out pairs, with the features as
the code computes them now: a parser or feature change since the last fit shows here as a shift in
AUC, Brier score or calibration, without fitting anything.

    .venv/bin/python bench/name_model_check.py [--persons 6000] [--holdout-seed 12]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.names.model import default_model
from train_name_model import auc, calibration_table, features_of, pairs_for


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=6000)
    parser.add_argument("--holdout-seed", type=int, default=12)
    args = parser.parse_args()
    model = default_model()
    holdout = pairs_for(args.persons, args.holdout_seed)
    labels = np.array([p.same for p in holdout], dtype=float)
    scores = model.predict(features_of(holdout, model.frequencies, model))
    brier = float(np.mean((scores - labels) ** 2))
    print(f"{len(holdout):,} hold-out pairs: AUC {auc(scores, labels):.4f}, Brier {brier:.4f}")
    for row in calibration_table(scores, labels):
        print(row)


if __name__ == "__main__":
    main()
