"""Statistics on the demo data (issue #7): do the seeded cases' figures reproduce BRIEF.md's
magnitudes (per 900 watch-listed people, Belgium late 2015 to 2016)?

    .venv/bin/python bench/statistics_demo.py [--persons 10000] [--seed 2016] [--all-exports] [--postgresql]

Demo data is generated into a temporary directory; the threat-assessment centre's export (which
carries every watch-listed person's dated statuses, in French notes) is ingested into a fresh
embedded store (``--postgresql``: a scratch database on the local server, read under its row
security; ``--all-exports``: every agency's export) and resolved; cases are seeded from every
record's statuses by the threat-assessment analyst, as ``scripts/demo.sh`` does but for every
municipality; then the figures are read through ``service.statistics`` as that analyst and
compared, scaled to 900 watch-listed, with the brief's numbers within the stated tolerances.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.demo import directory
from crossroads.demo.generate import generate
from crossroads.demo.statuses import AS_OF, REFERENCE_WATCH_LIST, WATCH_SHARE
from crossroads.service import case_seeding, case_views, clock, figures, indicators, statistics
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import case_rows
from crossroads.store.store import Store
from machine import describe
from scratch_database import scratch_database

ANALYST = "demo.analyst"


@dataclass(frozen=True)
class Check:
    figure: str
    brief: str  # what BRIEF.md says, per 900 watch-listed
    measured: float  # in the seeded store
    per_900: float  # scaled to 900 watch-listed
    low: float  # tolerance, per 900
    high: float

    @property
    def ok(self) -> bool:
        return self.low <= self.per_900 <= self.high


def measure(store: Store, watch_listed: int) -> tuple[list[Check], dict[str, float]]:
    """The brief's figures as the seeded cases give them (``store`` seeded already)."""
    scale = REFERENCE_WATCH_LIST / watch_listed
    flows = statistics.read(store, ANALYST, "flows", "2012-01", f"{AS_OF:%Y-%m}")
    stock = {
        row[0]: int(row[1]) for row in statistics.read(store, ANALYST, "stock", end=f"{AS_OF:%Y-%m}").rows
    }
    summaries = case_views.list_cases(store, ANALYST, closed=True)
    adults = [c for c in summaries if c.category != "child_returnee"]
    never = sum(c.category in ("home_grown", "propagandist") for c in summaries)
    by_month = {str(row[0]): row for row in flows.rows}
    per_year = {
        year: sum(int(by_month[f"{year}-{m:02d}"][1]) for m in range(1, 13)) / 12 for year in (2015, 2016)
    }
    departed = _cases_with(store, "departures")
    returned = _cases_with(store, "returns")

    def check(figure: str, brief: str, value: float, low: float, high: float) -> Check:
        return Check(figure, brief, value, round(value * scale, 1), low, high)

    checks = [
        check("watch-listed persons with a case", "about 900", len(adults), 855, 945),
        check("never travelled (home-grown, radicalised, sympathisers, propagandists)",
              "close to a third (about 300)", never, 255, 345),
        check("left for Syria (cases with a departure)", "about 500", departed["adults"], 450, 550),
        check("still there (in the conflict zone on 2016-12-31)", "about 200", stock["in_conflict_zone"],
              170, 230),
        check("in transit (on 2016-12-31)", "about 100", stock["in_transit"], 80, 120),
        check("killed (presumed deceased on 2016-12-31)", "about 70", stock["presumed_deceased"], 56, 84),
        check("returned (cases with a return, adults)", "at least 128", returned["adults"], 128, 160),
        check("departures per month in 2016", "6-8", per_year[2016], 5, 9),
        check("departures per month in 2015 (2016 is about half)", "12-16", per_year[2015], 10, 18),
    ]  # fmt: skip
    extra = {"cases": len(summaries), "child returnee cases": len(summaries) - len(adults),
             "children returned": returned["children"],
             "2016 departure rate / 2015's": round(per_year[2016] / per_year[2015], 2)}  # fmt: skip
    return checks, extra


def read_times(store: Store, rounds: int = 3) -> dict[str, float]:
    """Milliseconds to read each table and the indicator panel as the analyst (the best of
    ``rounds``; each read is a full one: authorisation, every case's timeline under the reader's
    lens, the audit entry). Statistics are computed on every read: this is what a page waits for."""
    end = f"{AS_OF:%Y-%m}"
    reads: dict[str, Callable[[], object]] = {
        "flows 2012-01..2016-12": lambda: statistics.read(store, ANALYST, "flows", "2012-01", end),
        "stock": lambda: statistics.read(store, ANALYST, "stock", end=end),
        "by municipality": lambda: statistics.read(store, ANALYST, "by-municipality"),
        "by agency": lambda: statistics.read(store, ANALYST, "by-agency"),
        "indicator panel": lambda: indicators.show(store, ANALYST, end),
    }
    out = {}
    for name, read in reads.items():
        best = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            read()
            best = min(best, time.perf_counter() - started)
        out[name] = round(best * 1000, 1)
    return out


def _cases_with(store: Store, kind: str) -> dict[str, int]:
    """How many cases (adults, children) have at least one flow of ``kind``, over all time."""
    who = case_views.viewer(store, ANALYST, "statistics bench")
    with store.transaction() as conn:
        categories = {r.id: r.category for r in case_rows.all_cases(conn, open_only=False)}
        seen = statistics.timelines(conn, who, clock.now())  # under the reader's lens from here
    counts = {"adults": 0, "children": 0}
    for t in seen:
        if any(k == kind for k, _ in figures.moves(t)):
            counts["children" if categories[t.case_id] == "child_returnee" else "adults"] += 1
    return counts


def seeded_store(persons: int, seed: int, root: Path, all_exports: bool, url: str | None = None) -> Store:
    store = Store(url or f"sqlite:///{root / 'store.sqlite'}")
    seed_demo(store, persons, seed, root, all_exports)
    return store


def seed_demo(store: Store, persons: int, seed: int, root: Path, all_exports: bool) -> None:
    """Generate the demo data into ``root``, ingest, resolve and seed every person's case."""
    generate(persons, seed, root / "demo")
    directory.seed(store)
    exports = sorted((root / "demo").glob("*.jsonl")) if all_exports else [root / "demo" / "ocam.jsonl"]
    for export in exports:
        ingest_file(store, export, user="demo.steward")
    resolve_store(store, "demo.steward")
    case_seeding.seed(store, ANALYST)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--all-exports", action="store_true")
    parser.add_argument("--postgresql", action="store_true", help="a scratch database on the local server")
    args = parser.parse_args()
    watch_listed = round(args.persons * WATCH_SHARE)
    print(describe())
    server = scratch_database("crossroads_stats") if args.postgresql else nullcontext(None)
    with tempfile.TemporaryDirectory() as tmp, server as url:
        started = time.perf_counter()
        store = seeded_store(args.persons, args.seed, Path(tmp), args.all_exports, url)
        built = time.perf_counter() - started
        with store:
            checks, extra = measure(store, watch_listed)
            reads = read_times(store)
    exports = "every agency's export" if args.all_exports else "the threat-assessment centre's export"
    exports += ", PostgreSQL" if args.postgresql else ", embedded SQLite"
    print(f"{args.persons} persons, {watch_listed} watch-listed, seed {args.seed}, {exports}; "
          f"generated, ingested, resolved and seeded in {built:.0f} s")  # fmt: skip
    print("| figure | BRIEF.md (per 900) | measured | per 900 | tolerance | |")
    print("|---|---|---:|---:|---|---|")
    for c in checks:
        print(f"| {c.figure} | {c.brief} | {c.measured:g} | {c.per_900:g} | {c.low:g}-{c.high:g} | "
              f"{'ok' if c.ok else 'OFF'} |")  # fmt: skip
    print("; ".join(f"{k}: {v}" for k, v in extra.items()))
    print("read as the analyst (best of 3): " + "; ".join(f"{k} {v:g} ms" for k, v in reads.items()))


if __name__ == "__main__":
    main()
