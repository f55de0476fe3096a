"""The letter counts that decide which spellings a batch tries, counted for many names at once in C,
are those counted name by name."""

from __future__ import annotations

import numpy as np
from numpy.dtypes import StringDType

from crossroads.names.batch import (
    REWRITES,
    WRITES,
    occurrences,
    occurrences_of,
    written_count,
    written_counts,
)

# Doubled and tripled letters, the digraphs an h stands in (sh, ch, kh, th, dh, gh, zh), names
# without any of them, and an empty one.
WRITTEN = [
    "rachid", "rashid", "rahid", "khalil", "chaouki", "moussa", "mousssa", "nedjdjar", "yassine",
    "jussuf", "kevsertaci", "hhamza", "dhahab", "ghazi", "zhor", "thabet", "", "abc", "cheikhh",
]  # fmt: skip


def test_counted_at_once_as_name_by_name() -> None:
    written = np.array(WRITTEN, dtype=StringDType())
    for reading in WRITES:
        expected = [written_count(reading, w) for w in WRITTEN]
        assert written_counts(reading, written).tolist() == expected, reading
    for letters in REWRITES.values():
        assert occurrences_of(written, letters).tolist() == [occurrences(w, letters) for w in WRITTEN]
    # Not all zero: the names above hold what each count looks for.
    assert all(written_counts(reading, written).any() for reading in WRITES)
