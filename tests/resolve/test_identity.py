"""Stable entity ids: kept across re-runs, merges and splits, with a lineage event for each change."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crossroads.resolve.identity import CREATED, MERGED, SPLIT, assign, new_id

NAMES = [f"src/{i}" for i in range(6)]


def test_first_run_names_each_person_after_its_smallest_record() -> None:
    ids, events = assign(NAMES[:3], [0, 0, 1], [None, None, None])
    assert ids == [new_id("src/0"), new_id("src/0"), new_id("src/2")]
    assert [e.event for e in events] == [CREATED, CREATED]


def test_a_rerun_with_the_same_groups_changes_nothing() -> None:
    first, _ = assign(NAMES[:4], [0, 0, 1, 1], [None] * 4)
    again, events = assign(NAMES[:4], [5, 5, 9, 9], first)
    assert again == first and events == []


def test_a_new_record_joining_a_person_does_not_rename_it() -> None:
    """The newcomer sorts first ("src/0" < "src/1"): naming by smallest member would rename."""
    ids, events = assign(NAMES[:3], [0, 0, 0], [None, "E-old", "E-old"])
    assert ids == ["E-old"] * 3 and events == []


def test_a_merge_keeps_the_larger_persons_id_and_says_which_went_into_it() -> None:
    ids, events = assign(NAMES[:5], [0] * 5, ["E-a", "E-a", "E-a", "E-b", "E-b"])
    assert set(ids) == {"E-a"}
    assert [(e.entity_id, e.event, e.other, e.records) for e in events] == [("E-b", MERGED, "E-a", 2)]


def test_a_split_keeps_the_id_on_the_larger_part_and_names_the_other() -> None:
    ids, events = assign(NAMES[:5], [0, 0, 0, 1, 1], ["E-a"] * 5)
    assert ids[:3] == ["E-a"] * 3 and ids[3] == ids[4] == new_id("src/3")
    assert [(e.event, e.other) for e in events] == [(SPLIT, "E-a")]


@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=12),
    st.lists(st.sampled_from([None, "E-x", "E-y", "E-z"]), min_size=12, max_size=12),
)
def test_every_group_gets_one_id_and_no_id_names_two_groups(
    labels: list[int], previous: list[str | None]
) -> None:
    ids, _ = assign([f"src/{i}" for i in range(12)], labels, previous[: len(labels)])
    by_label: dict[int, set[str]] = {}
    for label, entity in zip(labels, ids, strict=True):
        by_label.setdefault(label, set()).add(entity)
    assert all(len(v) == 1 for v in by_label.values())
    assert len({next(iter(v)) for v in by_label.values()}) == len(by_label)


def test_a_part_split_off_never_takes_an_id_still_in_use() -> None:
    """E named after src/3 kept its id when src/0..2 joined; src/3 now leaves with src/4."""
    old = new_id("src/3")
    ids, _ = assign(NAMES[:5], [0, 0, 0, 1, 1], [old] * 5)
    assert ids[0] == old and ids[3] != old
