"""Ingest throughput into the embedded store (and optionally PostgreSQL), on generated demo data.

    .venv/bin/python bench/ingest_throughput.py --persons 40000 [--postgres]

Generates a multi-agency demo set in a temporary directory (never committed) in a child process,
so that this process is what a fresh `crossroads ingest` is: nothing loaded yet but the code, and
the one-time costs (country-name tables, first compilation of statements) counted in the first
ingest. It ingests every agency file into a fresh store, then the same files again (the idempotent
replay), then once more into a second fresh store now that those tables are loaded (steady state),
and prints records per second for each. Target (issue #2): >= 20,000 records/s into the embedded
store.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.demo import directory
from crossroads.service.ingest import ingest_file
from crossroads.store.store import Store
from machine import describe
from scratch_database import scratch_database


def run(store: Store, files: list[Path], label: str, attempts: tuple[str, ...]) -> None:
    directory.seed(store)  # ingest is done by a registered data steward, as in production (not timed)
    for attempt in attempts:
        rows = 0
        started = time.perf_counter()
        for path in files:
            report = ingest_file(store, path, user="demo.steward")
            rows += report.counts.rows_read
        elapsed = time.perf_counter() - started
        rate = rows / elapsed
        print(f"{label:<11} {attempt:<30} {rows:>9,} records in {elapsed:6.1f} s = {rate:>8,.0f} records/s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", action="store_true", help="also measure the PostgreSQL store")
    args = parser.parse_args()
    print(describe())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "demo"
        subprocess.run(
            [str(Path(sys.executable).parent / "crossroads"), "demo-data", "--persons", str(args.persons),
             "--seed", str(args.seed), "--out", str(out), "--quiet"],
            check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        files = sorted(path for path in out.glob("*.jsonl"))
        total = sum(1 for path in files for _ in path.open("rb"))
        print(f"demo data: {args.persons:,} persons, {total:,} records in {len(files)} agency files")
        with Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}") as store:
            run(store, files, "sqlite", ("first ingest, fresh process", "replay (unchanged)"))
        with Store(f"sqlite:///{Path(tmp) / 'bench2.sqlite'}") as store:
            run(store, files, "sqlite", ("first ingest, tables loaded",))
        if args.postgres:
            with scratch_database("crossroads_bench") as url, Store(url) as store:
                run(store, files, "postgresql", ("first ingest", "replay (unchanged)"))


if __name__ == "__main__":
    main()
