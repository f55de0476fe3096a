"""Real-time resolution latency: one arriving record resolved against everything stored.

    .venv/bin/python bench/realtime_latency.py --persons 40000 [--arrivals 500] [--stores sqlite postgresql]
        [--processes fresh server]

Generates demo data (temporary directory, never committed), holds back a random sample of its
records, ingests and resolves the rest in a store, then ingests the held-back records and resolves
each on its own (``service.realtime.resolve_arrivals`` with one record), timing each call:
candidate lookup in the stored blocking keys, scoring with the last run's model, and the write of
the decision. Target (issue #4): p95 at most 20 ms with 1M records stored.

The arrivals are resolved in a child process, on a copy of the resolved store, once per kind of
process (``--processes``, both by default, on the same arrivals and the same store):

- ``fresh``: a process that has done nothing before, as ``crossroads ingest`` is: it meets every
  candidate record and name for the first time;
- ``server``: a ``crossroads serve`` process after its warm-up (``search.warm``: the records and
  their names made ready at start; then ``search.settle``: the kept objects left out of the garbage
  collector's passes; its arrivals then read their candidates through that cache), as an upload
  through the API is resolved.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.demo import directory
from crossroads.demo.generate import generate
from crossroads.service import search
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


def run(url: str, label: str, files: list[Path], arriving: Path, processes: list[str]) -> None:
    with Store(url) as store:
        directory.seed(store)  # ingest is done by a registered data steward, as in production
        stored = sum(ingest_file(store, path, user="demo.steward").counts.inserted for path in files)
        started = time.perf_counter()
        resolve_store(store, "demo.steward")
        batch = time.perf_counter() - started
    print(f"{label:<11} {stored:>9,} stored (batch resolve {batch:5.1f} s)", flush=True)
    for kind in processes:
        with _copy(url) as copy:
            out = subprocess.run(
                [sys.executable, __file__, "--arrive", copy, str(arriving), "--process", kind],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
        measured = json.loads(out.stdout.splitlines()[-1])
        timings = measured["ms"]
        p50, p95, p99 = np.percentile(timings, [50, 95, 99])
        warm = f" (warm-up {measured['warm_s']:.0f} s first)" if kind == "server" else ""
        print(
            f"{label:<11} {kind:<6} process{warm}  {len(timings)} arrivals: p50 {p50:5.1f} ms  "
            f"p95 {p95:5.1f} ms  p99 {p99:5.1f} ms  max {max(timings):6.1f} ms  "
            + ", ".join(f"{n} {a}" for a, n in sorted(measured["actions"].items())),
            flush=True,
        )


@contextmanager
def _copy(url: str) -> Iterator[str]:
    """A copy of the resolved store, so that each kind of process resolves the same arrivals
    against the same store."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        copy = path.with_name(f"copy-{path.name}")
        shutil.copyfile(path, copy)
        try:
            yield f"sqlite:///{copy}"
        finally:
            copy.unlink()
    else:
        with scratch_database("crossroads_rt_copy", copy_of=url) as copied:
            yield copied


def arrive(url: str, arriving: Path, kind: str) -> None:
    """In this (child) process: ingest the held-back records, then resolve and time each; one line
    of JSON on standard output."""
    warm_s = 0.0
    with Store(url) as store:
        if kind == "server":
            started = time.perf_counter()
            search.warm(store)
            search.settle()  # as the server does after its warm-up
            warm_s = time.perf_counter() - started
        report = ingest_file(store, arriving, user="demo.steward")
        timings: list[float] = []
        actions: Counter[str] = Counter()
        for ref in report.touched:
            t0 = time.perf_counter()
            (arrival,) = resolve_arrivals(store, "demo.steward", [ref])
            timings.append((time.perf_counter() - t0) * 1000)
            actions[arrival.decision.action] += 1
    print(json.dumps({"ms": timings, "actions": actions, "warm_s": warm_s}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, nargs="+", default=[40_000])
    parser.add_argument("--arrivals", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stores", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite"])
    parser.add_argument("--postgres", action="store_true", help="the same as --stores sqlite postgresql")
    parser.add_argument("--processes", nargs="+", choices=("fresh", "server"), default=["fresh", "server"])
    parser.add_argument("--arrive", nargs=2, metavar=("URL", "ARRIVALS"), help=argparse.SUPPRESS)
    parser.add_argument("--process", choices=("fresh", "server"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.arrive:
        arrive(args.arrive[0], Path(args.arrive[1]), args.process)
        return
    print(describe())
    for persons in args.persons:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "demo"
            generate(persons, args.seed, root)
            files, arriving = split(root, args.arrivals, args.seed)
            stores = ["sqlite", "postgresql"] if args.postgres else args.stores
            if "sqlite" in stores:
                run(f"sqlite:///{Path(tmp) / 'rt.sqlite'}", "sqlite", files, arriving, args.processes)
            if "postgresql" in stores:
                with scratch_database("crossroads_rt") as url:
                    run(url, "postgresql", files, arriving, args.processes)


if __name__ == "__main__":
    main()
