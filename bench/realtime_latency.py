"""Real-time resolution latency: one arriving record resolved against everything stored.

    .venv/bin/python bench/realtime_latency.py --persons 40000 [--arrivals 500] [--stores sqlite postgresql]

Generates demo data (temporary directory, never committed), holds back a random sample of its
records, ingests and resolves the rest in a fresh store, then ingests the held-back records and
resolves each on its own (``service.realtime.resolve_arrivals`` with one record), timing each
call: candidate lookup in the stored blocking keys, scoring with the last run's model, and the
write of the decision. Target (issue #4): p95 at most 20 ms with 1M records stored.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.demo import directory
from crossroads.demo.generate import generate
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.service.realtime import resolve_arrivals
from crossroads.store.store import Store
from machine import describe
from scratch_database import scratch_database


def split(root: Path, arrivals: int, seed: int) -> tuple[list[Path], Path]:
    """Agency files without the held-back lines, and one file of the held-back lines."""
    lines = [(path, line) for path in sorted(root.glob("*.jsonl")) for line in path.read_bytes().splitlines()]
    held = set(random.Random(seed).sample(range(len(lines)), arrivals))
    kept: dict[Path, list[bytes]] = {}
    for k, (path, line) in enumerate(lines):
        if k not in held:
            kept.setdefault(path, []).append(line)
    out = root / "kept"
    out.mkdir()
    files = []
    for path, rows in kept.items():
        files.append(out / path.name)
        files[-1].write_bytes(b"\n".join(rows) + b"\n")
    arriving = root / "arrivals.jsonl"
    arriving.write_bytes(b"\n".join(lines[k][1] for k in sorted(held)) + b"\n")
    return files, arriving


def run(url: str, label: str, files: list[Path], arriving: Path) -> None:
    with Store(url) as store:
        directory.seed(store)  # ingest is done by a registered data steward, as in production
        stored = sum(ingest_file(store, path, user="demo.steward").counts.inserted for path in files)
        started = time.perf_counter()
        resolve_store(store, "demo.steward")
        batch = time.perf_counter() - started
        report = ingest_file(store, arriving, user="demo.steward")
        timings: list[float] = []
        actions: Counter[str] = Counter()
        for ref in report.touched:
            t0 = time.perf_counter()
            (arrival,) = resolve_arrivals(store, "demo.steward", [ref])
            timings.append((time.perf_counter() - t0) * 1000)
            actions[arrival.decision.action] += 1
    p50, p95, p99 = np.percentile(timings, [50, 95, 99])
    print(
        f"{label:<11} {stored:>9,} stored (batch resolve {batch:5.1f} s)  {len(timings)} arrivals: "
        f"p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  p99 {p99:5.1f} ms  max {max(timings):6.1f} ms  "
        + ", ".join(f"{n} {a}" for a, n in sorted(actions.items())),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, nargs="+", default=[40_000])
    parser.add_argument("--arrivals", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stores", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite"])
    parser.add_argument("--postgres", action="store_true", help="the same as --stores sqlite postgresql")
    args = parser.parse_args()
    print(describe())
    for persons in args.persons:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "demo"
            generate(persons, args.seed, root)
            files, arriving = split(root, args.arrivals, args.seed)
            stores = ["sqlite", "postgresql"] if args.postgres else args.stores
            if "sqlite" in stores:
                run(f"sqlite:///{Path(tmp) / 'rt.sqlite'}", "sqlite", files, arriving)
            if "postgresql" in stores:
                with scratch_database("crossroads_rt") as url:
                    run(url, "postgresql", files, arriving)


if __name__ == "__main__":
    main()
