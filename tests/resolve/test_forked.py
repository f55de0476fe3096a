"""Work shared with a forked child: the same result as in one piece, and nothing lost when the child
fails; a whole linking run gives the same persons and scores on one core or two."""

from __future__ import annotations

import os
import random

import numpy as np
import pytest
from test_linker import load

from crossroads.demo.generate import generate
from crossroads.names import vectors
from crossroads.names.batch import READINGS, _vectors, adopt, made_apart, remember
from crossroads.names.frequencies import NameFrequencies
from crossroads.names.parse import parse
from crossroads.resolve import forked, linker


def squares(start: int, stop: int) -> np.ndarray:
    return np.arange(start, stop, dtype=np.int64) ** 2


def join(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.concatenate([a, b])


def test_two_halves_give_what_one_piece_gives_and_the_second_comes_from_a_child() -> None:
    here = os.getpid()
    where: list[int] = []

    def work(start: int, stop: int) -> tuple[np.ndarray, list[int]]:
        return squares(start, stop), [os.getpid()]

    result, pids = forked.in_two(
        work, 1_001, lambda a, b: (join(a[0], b[0]), a[1] + b[1]), processes=2, least=1
    )
    where.extend(pids)
    assert np.array_equal(result, squares(0, 1_001))
    assert where[0] == here and where[1] != here  # the second half ran in another process


def test_one_process_or_little_work_runs_in_one_piece_here() -> None:
    calls: list[tuple[int, int, int]] = []

    def work(start: int, stop: int) -> np.ndarray:
        calls.append((start, stop, os.getpid()))
        return squares(start, stop)

    assert np.array_equal(forked.in_two(work, 500, join, processes=1, least=1), squares(0, 500))
    assert np.array_equal(forked.in_two(work, 500, join, processes=2, least=501), squares(0, 500))
    assert calls == [(0, 500, os.getpid())] * 2


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_failed_child_loses_nothing_the_parent_does_its_half(how: str) -> None:
    parent = os.getpid()

    def work(start: int, stop: int) -> np.ndarray:
        if os.getpid() != parent:
            if how == "raises":
                raise MemoryError("the child ran out of memory")
            os._exit(9)  # killed, as the kernel's OOM killer would
        return squares(start, stop)

    assert np.array_equal(forked.in_two(work, 1_000, join, processes=2, least=1), squares(0, 1_000))


def test_an_error_in_the_parents_half_is_raised_and_the_child_reaped(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    children: list[int] = []
    fork = os.fork

    def noted_fork() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", noted_fork)

    def work(start: int, stop: int) -> np.ndarray:
        if os.getpid() == parent:
            raise ValueError("bad input in the first half")
        return squares(start, stop)

    with pytest.raises(ValueError, match="first half"):
        forked.in_two(work, 1_000, join, processes=2, least=1)
    assert len(children) == 1
    with pytest.raises(ChildProcessError):  # this child was reaped (other tests' children may live on)
        os.waitpid(children[0], os.WNOHANG)


def test_names_vectors_made_half_in_a_child_are_those_one_process_makes() -> None:
    # Name parts no other test meets (some with a j, ch or kh, which have further readings), each in
    # both halves: parent and child code them first, each in its own order.
    rng = random.Random(41)
    syllables = [c + v for c in ("b", "d", "f", "j", "k", "ch", "kh", "m", "r", "z") for v in "aiou"]
    parts = ["".join(rng.choice(syllables) for _ in range(4)).capitalize() for _ in range(60)]
    pairs = rng.sample([(i, j) for i in range(60) for j in range(60)], 200)
    names = [f"{parts[i]} {parts[j]}" for i, j in pairs]
    frequencies = NameFrequencies(vector_limit=None).update(parse(n) for n in names)
    base, parent = vectors.coded(), os.getpid()
    mine, made = forked.beside(
        lambda: (remember(names[:100], frequencies), os.getpid())[1],
        lambda: made_apart(names[100:], frequencies, base),
    )
    assert mine == parent and made.recoding.values  # the child coded values of its own
    assert len(set(names)) == 200 and not set(made.names) & set(frequencies.vectors)
    adopt(made, frequencies)
    # Parent and child numbered new values differently, so the child's codes had to be changed.
    assert any(vectors._INTERNED[v] != base + at for at, v in enumerate(made.recoding.values))
    again = NameFrequencies(vector_limit=None).update(parse(n) for n in names)
    assert any(v is not None for name in names[100:] for v in frequencies.vectors[name][1:])
    for name in names:
        kept = frequencies.vectors[name]
        assert len(kept) == 1 + len(READINGS)
        assert kept == _vectors(name, again), name  # every field, codes included


@pytest.mark.slow
def test_linking_on_two_cores_gives_what_one_core_gives(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path_factory.mktemp("demo-forked")
    generate(900, 53, root)  # above the size at which the model is estimated from the records
    records, _ = load(root)
    alone = linker.link(records, processes=1)
    monkeypatch.setattr(forked, "LEAST", 50)  # small enough for this data to be split
    shared = linker.link(records, processes=2)
    assert alone.entity_ids == shared.entity_ids
    assert np.array_equal(alone.pairs.ia, shared.pairs.ia) and np.array_equal(alone.pairs.ib, shared.pairs.ib)
    assert np.array_equal(alone.pairs.probability, shared.pairs.probability)
    assert alone.pairs.names.name_a == shared.pairs.names.name_a
    assert np.array_equal(alone.keys.key, shared.keys.key) and np.array_equal(alone.keys.rec, shared.keys.rec)
