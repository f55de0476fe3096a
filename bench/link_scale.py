"""How batch linking grows with the data: time per stage and peak memory, demo data, DuckDB engine.

    .venv/bin/python bench/link_scale.py --persons 40000 100000 400000 [--methods crossroads splink]

Each size and method runs in a fresh child process (so peak memory is that run's), on records generated
into a temporary directory and validated first (not timed); pairwise precision, recall and F1
against the generator's truth are computed after (not timed). Target (issue #4): 1M records linked
in at most 3 minutes and 8 GiB on this 2-core machine, with the ratio to the plain Splink setup
(``plain_splink``: comparison library defaults on flattened columns, DuckDB) on the same records.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import plain_splink
from crossroads.demo.generate import generate
from crossroads.records.model import Record
from crossroads.records.readers import read_rows
from crossroads.records.validate import validate
from crossroads.resolve import linker
from crossroads.resolve.evaluate import pairwise
from machine import describe

#: DuckDB's memory limit for the plain Splink setup: past it, DuckDB spills to disk.
SPLINK_MEMORY = "12GB"


def one(persons: int, seed: int, method: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        generate(persons, seed, Path(tmp))
        records: list[Record] = []
        for path in sorted(Path(tmp).glob("*.jsonl")):
            for row in read_rows(path, "jsonl"):
                checked = validate(row.data, line=row.line, default_source=None, today=date(2026, 12, 1))
                if checked.record is not None:
                    records.append(checked.record)
        with (Path(tmp) / "truth" / "truth.csv").open(newline="", encoding="utf-8") as handle:
            person_of = {(r["source"], r["id"]): r["person_id"] for r in csv.DictReader(handle)}
    truth = [person_of[(r.source, r.id)] for r in records]
    if method == "splink":
        started = time.perf_counter()
        clusters = plain_splink.link(records, memory_limit=SPLINK_MEMORY)
        total = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        quality = pairwise([str(c) for c in clusters], truth)
        print(
            f"{len(records):>9,} records  {total:7.1f} s  peak {peak:5.2f} GiB  plain Splink  "
            f"{len(set(clusters)):,} persons  precision {quality.precision:.4f} recall {quality.recall:.4f} "
            f"F1 {quality.f1:.4f}",
            flush=True,
        )
        return
    stages: list[tuple[str, float]] = []
    started = time.perf_counter()
    linkage = linker.link(records, progress=lambda step: stages.append((step, time.perf_counter())))
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
    marks = [*stages, ("done", time.perf_counter())]
    steps = ", ".join(f"{name.split(' ')[0]} {b - a:.1f}s" for (name, a), (_, b) in itertools.pairwise(marks))
    quality = pairwise(linkage.entity_ids, truth)
    print(
        f"{len(records):>9,} records  {total:7.1f} s  peak {peak:5.2f} GiB  crossroads  "
        f"{len(linkage.pairs.ia):>10,} candidate pairs ({int(linkage.pairs.name_unscored.sum()):,} not "
        f"compared by name)  {linkage.entities:,} persons  precision {quality.precision:.4f} "
        f"recall {quality.recall:.4f} F1 {quality.f1:.4f}  [{steps}]",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, nargs="+", default=[40_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--methods", nargs="+", choices=("crossroads", "splink"), default=["crossroads"])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's own size
    parser.add_argument("--method", default="crossroads", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.seed, args.method)
        return
    print(describe())
    print("(peak memory includes the generated records held in the process)")
    for persons in args.persons:
        for method in args.methods:
            child = [
                sys.executable,
                __file__,
                "--one",
                str(persons),
                "--seed",
                str(args.seed),
                "--method",
                method,
            ]
            subprocess.run(child, check=True)


if __name__ == "__main__":
    main()
