"""The EM training sample of pairs sharing a key: only such pairs, each about equally likely."""

from __future__ import annotations

from collections import Counter

import numpy as np

from crossroads.resolve.blocking import KeyTable, candidate_pairs, sample_pairs


def _table(blocks: dict[str, list[int]]) -> KeyTable:
    rows = sorted((rec, key) for key, recs in blocks.items() for rec in recs)
    return KeyTable(
        np.array([r for r, _ in rows], dtype=np.int64),
        np.array([k for _, k in rows], dtype=object),
        np.full(len(rows), -1, dtype=np.int64),
    )


def test_few_pairs_are_all_taken() -> None:
    table = _table({"1990-01-02": [0, 3, 5], "1991-07-07": [1, 2], "1985-03-03": [4]})
    ia, ib = sample_pairs(table, 100)
    found = candidate_pairs(table)
    assert list(zip(ia.tolist(), ib.tolist(), strict=True)) == list(
        zip(found.ia.tolist(), found.ib.tolist(), strict=True)
    )
    assert set(zip(ia.tolist(), ib.tolist(), strict=True)) == {(0, 3), (0, 5), (3, 5), (1, 2)}


def test_a_sample_holds_only_pairs_sharing_a_usable_key_and_is_not_biased_to_small_blocks() -> None:
    # One block of 40 records (780 pairs), forty blocks of 2 (one pair each), one block too large.
    blocks = {"big": list(range(40))}
    blocks |= {f"small{k}": [100 + 2 * k, 101 + 2 * k] for k in range(40)}
    blocks["too-large"] = list(range(200, 520))
    table = _table(blocks)
    ia, ib = sample_pairs(table, 300, seed=3, max_block=200)
    assert len(ia) == 300 and np.all(ia < ib)
    assert np.all(np.diff(ia * 1000 + ib) > 0)  # sorted and distinct
    assert not np.any(ia >= 200)  # the block past max_block gives nothing
    where = Counter("big" if a < 40 else "small" for a in ia.tolist())
    # Uniform over the 820 usable pairs: about 300 * 780 / 820 = 285 from the big block.
    assert 265 <= where["big"] <= 300 and where["small"] >= 3
    assert all(
        (a < 40 and b < 40) or (b == a + 1 and a % 2 == 0)
        for a, b in zip(ia.tolist(), ib.tolist(), strict=True)
    )
    again = sample_pairs(table, 300, seed=3, max_block=200)
    assert again[0].tolist() == ia.tolist() and again[1].tolist() == ib.tolist()


def test_nothing_to_sample() -> None:
    assert len(sample_pairs(_table({"a": [0]}), 10)[0]) == 0
    assert len(sample_pairs(_table({}), 10)[0]) == 0
