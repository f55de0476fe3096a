"""Discovery: how fast and how completely a search says who holds records on a person.

    .venv/bin/python bench/search_latency.py --persons 40000 [--queries 300] [--stores sqlite postgresql]
    .venv/bin/python bench/search_latency.py --store /tmp/load1m [--queries 300]

Generates demo data (temporary directory, never committed), ingests and resolves it in a fresh
store as the demo data steward, then searches as a task-force analyst of a local police zone
(restricted clearance) and as a threat-assessment analyst (secret), each query the name of a
random record as its agency wrote it, alone and with the birth date when the record has one.
Each search is a real ``service.search.search`` call: need-to-know, audit entry and, on
PostgreSQL, row-level security included.

With ``--store DIR``, an embedded store built already (``bench/http_load.py --build-only``, which
keeps the demo data beside it) is searched instead: a million records take ten minutes to build.

Reported per store and searcher: latency p50/p95/p99, holder recall (of the true person's records
the searcher may know of, ``access.policy.discoverable`` over the ground truth, the share that the
hits list: a record missed is a holder the searcher would not know to ask), and how many searches
found nobody at all.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.access import identity, reading
from crossroads.access.policy import Purpose
from crossroads.demo import directory
from crossroads.demo.generate import generate
from crossroads.records.model import Record
from crossroads.service import clock
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.service.search import Query, search
from crossroads.store.store import Store
from machine import describe
from scratch_database import scratch_database

SEARCHERS = ("demo.police", "demo.analyst")


def load(root: Path) -> tuple[dict[str, Record], dict[str, list[str]], dict[str, str]]:
    """Every demo record by ref, the refs of each true person, and each ref's person."""
    records: dict[str, Record] = {}
    for path in sorted(root.glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            raw = orjson.loads(line)
            record = Record.model_validate(raw)
            records[f"{record.source}/{record.id}"] = record
    person_of = {}
    persons: dict[str, list[str]] = defaultdict(list)
    with (root / "truth" / "truth.csv").open() as handle:
        for row in csv.DictReader(handle):
            ref = f"{row['source']}/{row['id']}"
            person_of[ref] = row["person_id"]
            persons[row["person_id"]].append(ref)
    return records, persons, person_of


def _written_name(record: Record) -> str:
    """The name as the agency wrote it: the whole name, else its parts, else an alias."""
    props = record.properties
    parts = " ".join(props.get("lastName", []) + props.get("firstName", []))
    return (props.get("name") or [parts] if parts else props.get("name") or props.get("alias") or [""])[0]


def run(url: str, label: str, root: Path, queries: int, seed: int, built: bool = False) -> None:
    records, persons, person_of = load(root)
    with Store(url) as store:
        if not built:
            directory.seed(store)
            for path in sorted(root.glob("*.jsonl")):
                ingest_file(store, path, user="demo.steward", progress=None)
            resolve_store(store, "demo.steward")
        stored = len(records)
        picks = random.Random(seed).sample(sorted(r for r in records if r in person_of), queries)
        for searcher in SEARCHERS:
            with store.transaction() as conn:
                user = identity.find(conn, searcher)
                assert user is not None
                lens = reading.Lens(conn, reading.reader(conn, user, Purpose.INVESTIGATION), clock.now())
                known = {ref for ref, record in records.items() if lens.see(record).discoverable}
            for with_date in (False, True):
                timings, found, wanted, nobody = [], 0, 0, 0
                for ref in picks:
                    record = records[ref]
                    if ref not in known:
                        continue
                    births = record.properties.get("birthDate", [])
                    if with_date and not births:
                        continue
                    name = _written_name(record)
                    if not name:
                        continue
                    query = Query(name, births[0] if with_date else None)
                    t0 = time.perf_counter()
                    hits = search(store, searcher, "investigation", query).hits
                    timings.append((time.perf_counter() - t0) * 1000)
                    nobody += not hits
                    listed = {r for hit in hits for r in hit.records}
                    truth = [r for r in persons[person_of[ref]] if r in known]
                    wanted += len(truth)
                    found += sum(r in listed for r in truth)
                if not timings:
                    continue
                p50, p95, p99 = np.percentile(timings, [50, 95, 99])
                kind = "name + birth date" if with_date else "name only"
                print(
                    f"{label:<10} {stored:>9,} stored  {searcher:<13} {kind:<17} {len(timings):>4} searches: "
                    f"p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p99 {p99:6.1f} ms  "
                    f"holder recall {found / wanted:.3f} ({found:,}/{wanted:,} records), "
                    f"{nobody} found nobody",
                    flush=True,
                )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, nargs="+", default=[40_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stores", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite"])
    parser.add_argument("--store", type=Path, help="A folder holding a built store.sqlite and its data.")
    args = parser.parse_args()
    print(describe())
    if args.store is not None:
        url = f"sqlite:///{args.store / 'store.sqlite'}"
        run(url, "sqlite", args.store / "data", args.queries, args.seed, built=True)
        return
    for persons in args.persons:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "demo"
            generate(persons, args.seed, root)
            if "sqlite" in args.stores:
                run(f"sqlite:///{Path(tmp) / 'search.sqlite'}", "sqlite", root, args.queries, args.seed)
            if "postgresql" in args.stores:
                with scratch_database("crossroads_search") as url:
                    run(url, "postgresql", root, args.queries, args.seed)


if __name__ == "__main__":
    main()
