"""The demo's default generation, every agency's export ingested and every person's case seeded:
the statistics reproduce BRIEF.md's magnitudes per 900 watch-listed (about 900 followed, a third
never travelled, about 500 left, 200 still there, 100 in transit, 70 killed, at least 128
returned, 6-8 departures a month in 2016, about half 2015's rate), within the tolerances
``bench/statistics_demo.py`` states and prints."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from crossroads.store.store import Store

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import statistics_demo


@pytest.mark.slow
def test_the_seeded_demo_cases_give_the_briefs_magnitudes(store: Store, tmp_path: Path) -> None:
    statistics_demo.seed_demo(store, 10_000, 2016, tmp_path, all_exports=True)  # 900 watch-listed
    checks, extra = statistics_demo.measure(store, 900)
    off = [(c.figure, c.per_900, (c.low, c.high)) for c in checks if not c.ok]
    assert not off, off
    assert 0.4 <= float(extra["2016 departure rate / 2015's"]) <= 0.7
    assert extra["children returned"] >= 10  # the 20 children per 900 brought back, as far as seen
