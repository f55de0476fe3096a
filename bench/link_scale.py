"""How batch linking grows with the data: time per stage and peak memory, demo data, DuckDB engine.

    .venv/bin/python bench/link_scale.py --persons 40000 100000 400000 [--methods crossroads splink]

Each size and method runs in a fresh child process (so peak memory is that run's: with the linker's
own forked child for the second core, the larger of its resident peak and what both processes held
together, ``_TreePeak``), on records generated
into a temporary directory. The linker reads them as ``crossroads link`` does, streamed: read and
validated as it asks for them; that reading's time is measured apart and left out of the linking
time (it is ingest's work), and said beside it. Plain Splink takes a table, so its records are read
first and held. Pairwise precision, recall and F1 against the generator's truth are computed after
(not timed). Target (issue #4): 1M records linked
in at most 3 minutes and 8 GiB on this 2-core machine, with the ratio to the plain Splink setup
(``plain_splink``: comparison library defaults on flattened columns, DuckDB) on the same records.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
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


def _validated(folder: Path, spent: list[float]) -> Iterator[Record]:
    """The generated records, read and validated as the linker asks for them (``crossroads link``
    streams its input the same way); the time this takes is added to ``spent``."""
    for path in sorted(folder.glob("*.jsonl")):
        rows = read_rows(path, "jsonl")
        while True:
            started = time.perf_counter()
            row = next(rows, None)
            checked = (
                None
                if row is None
                else validate(row.data, line=row.line, default_source=None, today=date(2026, 12, 1))
            )
            spent[0] += time.perf_counter() - started
            if row is None:
                break
            if checked is not None and checked.record is not None:
                yield checked.record


def one(persons: int, seed: int, method: str) -> None:
    tmp = tempfile.mkdtemp()
    try:
        generate(persons, seed, Path(tmp))
        with (Path(tmp) / "truth" / "truth.csv").open(newline="", encoding="utf-8") as handle:
            person_of = {(r["source"], r["id"]): r["person_id"] for r in csv.DictReader(handle)}
        if method == "splink":
            _plain_splink(Path(tmp), person_of)
        else:
            _crossroads(Path(tmp), person_of)
    finally:
        shutil.rmtree(tmp)


def _plain_splink(folder: Path, person_of: dict[tuple[str, str], str]) -> None:
    spent = [0.0]
    records = list(_validated(folder, spent))  # Splink takes a table: the records are held
    truth = [person_of[(r.source, r.id)] for r in records]
    started = time.perf_counter()
    clusters = plain_splink.link(records, memory_limit=SPLINK_MEMORY)
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    quality = pairwise([str(c) for c in clusters], truth)
    print(
        f"{len(records):>9,} records  {total:7.1f} s  peak {peak:5.2f} GiB  plain Splink  "
        f"{len(set(clusters)):,} persons  precision {quality.precision:.4f} recall {quality.recall:.4f} "
        f"F1 {quality.f1:.4f}  (reading and validating before: {spent[0]:.1f} s)",
        flush=True,
    )


def _available_gib() -> float:
    """The machine's available memory (``MemAvailable``: free, and the page cache it can reclaim)."""
    with open("/proc/meminfo", encoding="ascii") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("MemAvailable:")) / 2**20


def _resident_gib() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**30


class _TreePeak:
    """The largest memory this process and its forked children held together: what this process
    held at the start, plus the most the machine's available memory fell below its level then
    (sampled five times a second; nothing else may run). A page a forked child shares with this
    process counts once, one it copies or allocates counts too. Reading /proc/meminfo costs
    microseconds; the sum of both processes' proportional set sizes, read before, walked their page
    tables (0.1-0.2 s per read at 7 GiB) and held their memory maps' locks meanwhile: at 1M records
    the samples made the run 238.5 s (204.8 s unsampled, 213.4 s sampled once a second)."""

    def __init__(self) -> None:
        self.start = _resident_gib()
        self._available = _available_gib()
        self.fall = 0.0
        self.stage = ""  # the linker's stage when it is told one (``during``)
        self.peak_stage = ""  # the stage the largest fall was read in
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def during(self, stage: str) -> None:
        self.stage = stage

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            fall = self._available - _available_gib()
            if fall > self.fall:
                self.fall, self.peak_stage = fall, self.stage

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.start + self.fall


def _crossroads(folder: Path, person_of: dict[tuple[str, str], str]) -> None:
    spent = [0.0]
    stages: list[tuple[str, float]] = []
    tree = _TreePeak()
    started = time.perf_counter()

    def progress(step: str) -> None:
        stages.append((step, time.perf_counter()))
        tree.during(step.split(" ")[0])

    linkage = linker.link(_validated(folder, spent), progress=progress)
    end_to_end = time.perf_counter() - started
    total = end_to_end - spent[0]
    alone = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
    peak = max(alone, tree.stop())
    marks = [*stages, ("done", time.perf_counter())]
    steps = [(name.split(" ")[0], b - a) for (name, a), (_, b) in itertools.pairwise(marks)]
    steps[0] = (steps[0][0], steps[0][1] - spent[0])  # profiling, without the reading and validating
    shown = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in steps)
    quality = pairwise(linkage.entity_ids, [person_of[ref] for ref in linkage.refs])
    print(
        f"{len(linkage.refs):>9,} records  {total:7.1f} s  peak {peak:5.2f} GiB (this process alone "
        f"{alone:.2f}; both processes' peak while {tree.peak_stage or 'starting'})  crossroads  "
        f"{len(linkage.pairs.ia):>10,} candidate pairs ({int(linkage.pairs.name_unscored.sum()):,} not "
        f"compared by name)  {linkage.entities:,} persons  precision {quality.precision:.4f} "
        f"recall {quality.recall:.4f} F1 {quality.f1:.4f}  [{shown}]  (reading and validating "
        f"streamed in: {spent[0]:.1f} s more, {end_to_end:.1f} s end to end)",
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
    print("(peak memory is the whole process: for plain Splink it includes the records it is given)")
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
