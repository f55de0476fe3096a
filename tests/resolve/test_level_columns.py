"""The integer columns give every pair the level that ``comparisons``' own functions give it."""

from __future__ import annotations

from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.resolve import level_columns
from crossroads.resolve.comparisons import RULES, names_say_nothing
from crossroads.resolve.level_columns import LevelColumns
from crossroads.resolve.profile import Profile

# Few distinct values, so that pairs share some, and several per record, so that the many-valued
# path runs as often as the one-valued one.
_DATES = st.sampled_from(
    ["1991", "1991-04", "1991-04-12", "1991-12-04", "1991-04-13", "1981-04-12", "1991-01-01",
     "1990-01-01", "1990-04-12", "1991-05", "2003-11-30", "2003-11-03", "1991-4-12", "1992", "1992-04",
     "1992-04-12", "1991-04-11", "1990-12-31", "1992-05-01"]
)  # fmt: skip
_VALUES = st.sampled_from(["a", "b", "c", "d"])


def _set() -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(_VALUES, max_size=3)


_PROFILE = st.builds(
    Profile,
    names=st.lists(st.sampled_from(["Amrani, Youssef", "Youssef Amrani"]), max_size=2).map(tuple),
    aliases=st.lists(st.sampled_from(["Abou Hamza"]), max_size=1).map(tuple),
    births=st.lists(_DATES, max_size=3).map(tuple),
    nrns=_set(),
    passports=_set(),
    nationalities=_set(),
    gender=st.sampled_from([None, "male", "female"]),
    birth_places=_set(),
    birth_place_skeletons=_set(),
    addresses=_set(),
    postcodes=_set(),
    phones=_set(),
    source=st.sampled_from(["", "police.federal", "intel.civil"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PROFILE, min_size=2, max_size=12), st.randoms(use_true_random=False))
def test_columns_agree_with_the_pairwise_rules(profiles: list[Profile], random: object) -> None:
    n = len(profiles)
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b]
    ia = np.array([a for a, _ in pairs], dtype=np.int64)
    ib = np.array([b for _, b in pairs], dtype=np.int64)
    columns = LevelColumns.encode(profiles)
    got, silent = columns.other_levels(ia, ib), columns.names_say_nothing(ia, ib)
    for k, (a, b) in enumerate(pairs):
        expected = [rule(profiles[a], profiles[b]) for _, rule in RULES]
        assert got[k].tolist() == expected, (profiles[a], profiles[b])
        assert bool(silent[k]) == names_say_nothing(profiles[a], profiles[b])


def test_a_nom_de_guerre_alone_says_nothing_against_a_civil_name_alone() -> None:
    base = dict(births=(), nrns=frozenset(), passports=frozenset(), nationalities=frozenset(),
                gender=None, birth_places=frozenset(), birth_place_skeletons=frozenset(),
                addresses=frozenset(), postcodes=frozenset(), phones=frozenset())  # fmt: skip
    civil = Profile(names=("Amrani, Youssef",), aliases=(), **base)  # type: ignore[arg-type]
    alias_only = Profile(names=(), aliases=("Abou Hamza",), **base)  # type: ignore[arg-type]
    both = Profile(names=("Amrani, Youssef",), aliases=("Abou Hamza",), **base)  # type: ignore[arg-type]
    columns = LevelColumns.encode([civil, alias_only, both])
    got = columns.names_say_nothing(np.array([0, 1, 0]), np.array([1, 2, 2]))
    assert got.tolist() == [True, False, False]


@settings(max_examples=30, deadline=None)
@given(st.lists(_PROFILE, min_size=2, max_size=12), st.integers(min_value=1, max_value=20))
def test_levels_made_a_slice_at_a_time_are_those_made_at_once(profiles: list[Profile], at_once: int) -> None:
    n = len(profiles)
    ia, ib = (
        np.array(side, dtype=np.int64)
        for side in zip(*[(a, b) for a in range(n) for b in range(a)], strict=True)
    )
    columns = LevelColumns.encode(profiles)
    whole = columns.other_levels(ia, ib)
    # A handful of pairs a slice: many slices, a short last one. (Hypothesis runs the test many times
    # per call, so pytest's function-scoped ``monkeypatch`` cannot be used here.)
    with mock.patch.object(level_columns, "PAIRS_AT_ONCE", at_once):
        sliced = columns.other_levels(ia, ib)
    assert sliced.tolist() == whole.tolist()
