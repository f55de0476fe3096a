"""Scoring candidate pairs' names in chunks gives what scoring them at once gives."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from crossroads.names.frequencies import NameFrequencies
from crossroads.names.parse import parse
from crossroads.resolve import name_scores
from crossroads.resolve.name_scores import score_names
from crossroads.resolve.profile import Profile

_EMPTY = frozenset[str]()


def _person(names: tuple[str, ...], aliases: tuple[str, ...] = ()) -> Profile:
    return Profile(names, aliases, (), _EMPTY, _EMPTY, _EMPTY, None, _EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY)


def test_chunks_change_nothing() -> None:
    profiles = [
        _person(("EL AMRANI Youssef",), ("Abou Hamza al-Beljiki",)),
        _person(("Youssef el-Amrani", "Amrani, Yusuf")),
        _person(("Bakkari, Samira",)),
        _person(("BAKKALI Samira",), ("Oum Yahya",)),
        _person(()),
        _person(("عبد القادر الحمداوي",)),
        _person(("Hamdaoui, Abdelkader",), ("Abu Hamza",)),
    ]
    n = len(profiles)
    ia = np.array([a for a in range(n) for b in range(a + 1, n)], dtype=np.int64)
    ib = np.array([b for a in range(n) for b in range(a + 1, n)], dtype=np.int64)
    whole = score_names(profiles, ia, ib)
    assert np.isnan(whole.score).sum() == n - 1  # the nameless record's pairs
    assert np.nanmax(whole.score) > 0.9 and np.nanmin(whole.score) < 0.1
    for chunk in (1, 4, 7, len(ia)):
        part = score_names(profiles, ia, ib, chunk=chunk)
        np.testing.assert_allclose(part.score, whole.score, rtol=0, atol=1e-12)
        assert part.name_a == whole.name_a and part.name_b == whole.name_b
        assert part.via_alias.tolist() == whole.via_alias.tolist()
        np.testing.assert_array_equal(part.civil, whole.civil)
    assert whole.via_alias.any() and not whole.via_alias.all()


def test_the_civil_names_best_leaves_noms_de_guerre_out() -> None:
    """Beside the best over every name and alias, each pair keeps the best of its civil names
    alone: what two men sharing a nom de guerre do not share."""
    profiles = [
        _person(("ARSLAN Hakan",), ("Abu Zubair al-Faransi",)),
        _person(("BENABDALLAH, Yousef Adil",), ("Abou Zoubeir al-Faransi",)),
        _person(("Hakan Arslan", "ARSLAN, Hakan"), ("Aboe Zoubeir",)),
        _person((), ("Abu Zubair al-Faransi",)),
    ]
    n = len(profiles)
    ia = np.array([a for a in range(n) for b in range(a + 1, n)], dtype=np.int64)
    ib = np.array([b for a in range(n) for b in range(a + 1, n)], dtype=np.int64)
    got = score_names(profiles, ia, ib)
    alone = score_names([replace(p, aliases=()) for p in profiles], ia, ib)
    pair = {(a, b): k for k, (a, b) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True))}
    for (a, b), k in pair.items():
        if 3 in (a, b):  # no civil name on one side
            assert np.isnan(got.civil[k])
        else:
            assert got.civil[k] == pytest.approx(alone.score[k], abs=1e-6)
    arslan_benabdallah = pair[(0, 1)]
    assert got.via_alias[arslan_benabdallah] and got.score[arslan_benabdallah] >= 0.5
    assert got.civil[arslan_benabdallah] < 0.2
    assert got.civil[pair[(0, 2)]] > 0.9


def test_a_kunya_written_as_the_name_is_no_civil_name() -> None:
    """A search for "Abu Hamza al-Beljiki" (or an agency filing the kunya as the name) meets a
    person by his nom de guerre: nothing says his civil name differs."""
    query = _person(("Abu Hamza al-Beljiki",))
    person = _person(("EL JAZIRI, Houcine",), ("Abu Hamza al-Belgiki",))
    stranger = _person(("Abou Hamza",), ("Abu Hamza al-Beljiki",))
    got = score_names([query, person, stranger], np.array([0, 0]), np.array([1, 2]))
    assert got.score[0] > 0.9 and got.via_alias[0]
    assert np.isnan(got.civil).all()


def test_no_pairs() -> None:
    empty = np.zeros(0, dtype=np.int64)
    got = score_names([_person(("Amrani, Youssef",))], empty, empty, chunk=3)
    assert len(got.score) == 0 and got.name_a == [] and got.via_alias.dtype == bool


def test_remembered_scores_are_the_scores_and_are_forgotten_when_the_frequencies_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A few pairs' scores are remembered with the frequencies (a server meets them again); a
    linking run's many are not; remembered or not, the scores are those of the whole batch."""
    profiles = [
        _person(("EL AMRANI Youssef",), ("Abou Hamza al-Beljiki",)),
        _person(("Youssef el-Amrani", "Amrani, Yusuf")),
        _person(("Bakkari, Samira",)),
        _person(("BAKKALI Samira",), ("Oum Yahya",)),
        _person(("عبد القادر الحمداوي",)),
        _person(("Hamdaoui, Abdelkader",), ("Abu Hamza",)),
    ]
    n = len(profiles)
    ia = np.array([a for a in range(n) for b in range(a + 1, n)], dtype=np.int64)
    ib = np.array([b for a in range(n) for b in range(a + 1, n)], dtype=np.int64)
    frequencies = NameFrequencies().update(parse(p.names[0]) for p in profiles)
    with monkeypatch.context() as few:
        few.setattr(name_scores, "REMEMBERED", 3)
        unremembered = score_names(profiles, ia, ib, frequencies=frequencies)
    assert frequencies.pair_scores == {}  # more distinct pairs than a search's: none remembered
    first = score_names(profiles, ia[:5], ib[:5], frequencies=frequencies)
    assert ("EL AMRANI Youssef", "Youssef el-Amrani") in frequencies.pair_scores
    remembered = dict(frequencies.pair_scores)
    again = score_names(profiles, ia, ib, frequencies=frequencies)  # five pairs met before, the rest not
    np.testing.assert_array_equal(again.score, unremembered.score)
    np.testing.assert_array_equal(first.score, unremembered.score[:5])
    assert remembered.items() <= frequencies.pair_scores.items()
    frequencies.add(parse("Tahiri Youssef"))
    assert frequencies.pair_scores == {} and frequencies.sentences == {}
