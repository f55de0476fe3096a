"""Estimate the shipped linkage model from demo data (no labels used) and write
src/crossroads/resolve/model.json.

    .venv/bin/python bench/train_linkage_model.py --persons 5000 --seed 11 --holdout-seed 12

The model is estimated exactly as ``crossroads link`` estimates one on a large enough file (random
pairs for ``u``, EM for ``m``); the ground truth of the demo data is read only to report, in the
model's provenance, how well it links a second data set generated with another seed. The shipped
model serves data sets too small to estimate their own (``linker.MIN_RECORDS_TO_ESTIMATE``).
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.demo.generate import generate
from crossroads.records.model import Record
from crossroads.records.readers import read_rows
from crossroads.records.validate import validate
from crossroads.resolve import linker
from crossroads.resolve.evaluate import pairwise
from crossroads.resolve.fellegi_sunter import LinkageModel
from crossroads.resolve.name_scores import frequencies_of
from crossroads.resolve.profile import profile
from machine import describe

MODEL = Path(__file__).resolve().parents[1] / "src" / "crossroads" / "resolve" / "model.json"


def demo_records(persons: int, seed: int, out: Path) -> tuple[list[Record], list[str]]:
    """Every valid record of a generated demo set, and each one's true person id."""
    generate(persons, seed, out)
    records: list[Record] = []
    for path in sorted(out.glob("*.jsonl")):
        for row in read_rows(path, "jsonl"):
            checked = validate(row.data, line=row.line, default_source=None, today=date(2026, 12, 1))
            if checked.record is not None:
                records.append(checked.record)
    with (out / "truth" / "truth.csv").open(newline="", encoding="utf-8") as handle:
        truth = {(r["source"], r["id"]): r["person_id"] for r in csv.DictReader(handle)}
    return records, [truth[(r.source, r.id)] for r in records]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--holdout-seed", type=int, default=12)
    args = parser.parse_args()
    print(describe())
    with tempfile.TemporaryDirectory() as tmp:
        records, _ = demo_records(args.persons, args.seed, Path(tmp) / "train")
        held, truth = demo_records(args.persons, args.holdout_seed, Path(tmp) / "holdout")
    profiles = [profile(r) for r in records]
    found = linker.candidate_pairs(linker.KeyTable.of(profiles))
    frequencies = frequencies_of(profiles)
    levels, _ = linker.comparison_levels(profiles, found.ia, found.ib, frequencies)
    estimated = linker.estimate_model(profiles, levels, seed=args.seed, frequencies=frequencies)
    scores = pairwise(linker.link(held, estimated.for_records(len(held))).entity_ids, truth)
    provenance = {
        **estimated.provenance,
        "estimated": datetime.now(UTC).strftime("%Y-%m-%d"),
        "command": " ".join(["bench/train_linkage_model.py", *sys.argv[1:]]),
        "data": f"crossroads demo-data --persons {args.persons} --seed {args.seed}",
        "holdout": {
            "data": f"crossroads demo-data --persons {args.persons} --seed {args.holdout_seed}",
            "records": len(held),
            "precision": round(scores.precision, 4),
            "recall": round(scores.recall, 4),
            "f1": round(scores.f1, 4),
        },
    }
    model = LinkageModel(estimated.prior, estimated.m, estimated.u, provenance)
    MODEL.write_bytes(model.to_json() + b"\n")
    print(f"estimated on {len(records):,} records; hold-out ({len(held):,} records, another seed):")
    print(f"  precision {scores.precision:.4f}  recall {scores.recall:.4f}  F1 {scores.f1:.4f}")
    print(f"written {MODEL}")


if __name__ == "__main__":
    main()
