"""Speed of the name engine: parsing + keys, and comparisons through the batch API, on one core.

    .venv/bin/python bench/names_speed.py --persons 20000 --pairs 1000000

Names come from a generated multi-agency demo set (temporary directory, never committed): every
`name`, `alias` and 'lastName, firstName' the agencies wrote. Parsing is measured cold (the parser's
and key builder's caches are cleared first) twice: each distinct name once (the strict figure), and
every name as the records carry it, repeats included (what ingest and the linker see). Comparisons
are random pairs of those names scored by ``score_pairs``: once from cold (parsing included), then
again on new random pairs of the same names (what the linker does: the names it scores have been
seen before, so their parses and comparison vectors are cached). Targets (issue #3): >= 50,000
names/s for parsing + keys, >= 200,000 comparisons/s. rapidfuzz runs with ``workers=1``: one core.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.demo.generate import generate
from crossroads.names import fold, keys, parse, scripts
from crossroads.names.batch import score_indexed, score_pairs
from crossroads.names.model import default_model
from machine import describe


def demo_stream(persons: int, seed: int) -> list[str]:
    """Every name the agencies wrote, record after record, repeats included."""
    stream: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        manifest = generate(persons, seed, Path(tmp))
        for source in manifest.records_per_source:
            for line in (Path(tmp) / f"{source}.jsonl").read_bytes().splitlines():
                props = orjson.loads(line)["properties"]
                stream.extend(props.get("name", []))
                stream.extend(props.get("alias", []))
                if props.get("lastName"):
                    stream.append(f"{props['lastName'][0]}, {' '.join(props.get('firstName', []))}")
    return stream


def demo_names(persons: int, seed: int) -> list[str]:
    return sorted(set(demo_stream(persons, seed)))


def clear_caches() -> None:
    parse._parsed.cache_clear()
    parse._token.cache_clear()
    parse._word.cache_clear()
    keys.token_key.cache_clear()
    scripts.to_latin.cache_clear()
    fold.fold.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    print(describe())
    stream = demo_stream(args.persons, args.seed)
    names = sorted(set(stream))
    model = default_model()
    print(f"{len(names):,} distinct names ({len(stream):,} written) from {args.persons:,} demo persons")

    for label, flow, note in (
        ("parse + keys (cold):       ", names, "each distinct name once"),
        ("parse + keys (record flow):", stream, "as written, repeats hit the cache"),
    ):
        clear_caches()
        started = time.perf_counter()
        for name in flow:
            parse.parse(name)
        rate = len(flow) / (time.perf_counter() - started)
        print(f"{label} {rate:>12,.0f} names/s ({note})")

    rng = random.Random(args.seed)
    a = [rng.choice(names) for _ in range(args.pairs)]
    b = [rng.choice(names) for _ in range(args.pairs)]

    clear_caches()
    model.frequencies.vectors.clear()
    started = time.perf_counter()
    score_pairs(a, b, model)
    elapsed = time.perf_counter() - started
    print(f"score_pairs, cold:          {args.pairs / elapsed:>12,.0f} comparisons/s (parsing included)")

    a = [rng.choice(names) for _ in range(args.pairs)]
    b = [rng.choice(names) for _ in range(args.pairs)]
    started = time.perf_counter()
    score_pairs(a, b, model)
    elapsed = time.perf_counter() - started
    print(f"score_pairs, names seen:    {args.pairs / elapsed:>12,.0f} comparisons/s")

    ia = np.array([rng.randrange(len(names)) for _ in range(args.pairs)])
    ib = np.array([rng.randrange(len(names)) for _ in range(args.pairs)])
    started = time.perf_counter()
    score_indexed(names, ia, ib, model)
    elapsed = time.perf_counter() - started
    print(f"score_indexed, names seen:  {args.pairs / elapsed:>12,.0f} comparisons/s (pairs as row numbers)")


if __name__ == "__main__":
    main()
