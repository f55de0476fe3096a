"""The whole-run term-frequency adjustment gives what the pair-by-pair definition gives."""

from __future__ import annotations

from collections import Counter

import numpy as np

from crossroads.resolve import term_frequency


def test_run_adjustments_equal_the_pairwise_definition() -> None:
    rng = np.random.default_rng(11)
    records = 300
    vocabulary = [f"n:{k}" for k in range(40)]
    # Skewed: a few keys are held by many records, most by few.
    weights = 1 / np.arange(1, len(vocabulary) + 1)
    keys = [
        set(rng.choice(vocabulary, size=int(rng.integers(0, 4)), p=weights / weights.sum()).tolist())
        for _ in range(records)
    ]
    rows = sorted((r, k) for r, held in enumerate(keys) for k in held)
    rec = np.array([r for r, _ in rows], dtype=np.int64)
    key = np.array([k for _, k in rows], dtype=object)
    ia = rng.integers(0, records, 2_000)
    ib = (ia + rng.integers(1, records, 2_000)) % records
    level = rng.integers(0, 4, 2_000)  # levels 0 and 1 are adjusted, 2 and 3 not
    counts = Counter(k for held in keys for k in held)

    want, want_centres = term_frequency.adjustments(keys, counts, ia, ib, level)
    got, centres, got_counts = term_frequency.run_adjustments(rec, key, records, ia, ib, level)

    assert got_counts == counts
    assert centres.keys() == want_centres.keys() == {0, 1}
    for lvl, centre in want_centres.items():
        assert abs(centres[lvl] - centre) < 1e-12
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    assert np.count_nonzero(got) > 100  # shared keys were found, rare and common ones
    assert (got > 0).any() and (got < 0).any()
    assert not got[level >= 2].any()


def test_no_pairs_at_adjusted_levels() -> None:
    rec = np.array([0, 1], dtype=np.int64)
    key = np.array(["n:a", "n:a"], dtype=object)
    got, centres, counts = term_frequency.run_adjustments(
        rec, key, 2, np.array([0]), np.array([1]), np.array([3])
    )
    assert got.tolist() == [0.0] and centres == {} and counts == Counter({"n:a": 2})


def test_one_record_against_many_equals_pair_by_pair() -> None:
    rng = np.random.default_rng(5)
    vocabulary = [f"n:{k}" for k in range(12)]
    counts = Counter({key: int(rng.integers(1, 500)) for key in vocabulary})
    mine = {"n:0", "n:3", "n:7"}
    others = [set(rng.choice(vocabulary, size=int(rng.integers(0, 4))).tolist()) for _ in range(300)]
    levels = rng.integers(0, 4, len(others))
    for centres in ({0: 4.5, 1: 6.0}, {0: 4.5}):  # a run may have found no centre for a level
        want = [
            term_frequency.adjustment_of_pair(mine, other, counts, 10_000, int(level), centres)
            for other, level in zip(others, levels.tolist(), strict=True)
        ]
        got = term_frequency.adjustments_against(mine, others, counts, 10_000, levels, centres)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
        assert np.count_nonzero(got) > 20
