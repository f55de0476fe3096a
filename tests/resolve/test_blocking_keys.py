"""A common name's key is too full to use at scale; with a birth year or a postcode it finds pairs again."""

from __future__ import annotations

import numpy as np

from crossroads.resolve.blocking import (
    KINDS,
    NAME_ONLY_BLOCK,
    KeyTable,
    candidate_pairs,
    contradicted,
    name_only_keys,
    other_order_keys,
    record_keys,
)
from crossroads.resolve.comparisons import BIRTH_DATES_DIFFER
from crossroads.resolve.profile import Profile

_NONE = frozenset[str]()


def _record(name: str, birth: str = "", postcode: str = "") -> Profile:
    postcodes = frozenset({postcode}) if postcode else _NONE
    births = (birth,) if birth else ()
    return Profile((name,), (), births, _NONE, _NONE, _NONE, None, _NONE, _NONE, _NONE, postcodes, _NONE)


def _found(profiles: list[Profile]) -> dict[tuple[int, int], int]:
    got = candidate_pairs(KeyTable.of(profiles))
    return {(a, b): k for a, b, k in zip(got.ia.tolist(), got.ib.tolist(), got.kinds.tolist(), strict=True)}


def test_a_crowded_name_is_found_again_by_year_and_by_postcode() -> None:
    # More namesakes than a name-only key may hold, each born in another year and living elsewhere.
    crowd = [_record("Amrani, Youssef", f"{1950 + k}", f"{2000 + k}") for k in range(NAME_ONLY_BLOCK + 5)]
    same_year = [_record("Youssef AMRANI", "1960")]  # only a year on one side: no date key
    same_place = [_record("Youssef Amrani", postcode="2020")]  # no birth date at all
    found = _found(crowd + same_year + same_place)
    year_pair, place_pair = (10, len(crowd)), (20, len(crowd) + 1)
    assert year_pair in found and place_pair in found
    assert found[year_pair] & (1 << KINDS.index("ny"))
    assert found[place_pair] & (1 << KINDS.index("np"))
    assert (0, 1) not in found  # two namesakes of the crowd share only the crowded key
    # A postcode says nothing of the birth date: namesakes born years apart stay "contradicted".
    kinds = np.array([found[place_pair]])
    assert contradicted(kinds, np.array([BIRTH_DATES_DIFFER], dtype=np.int8)).tolist() == [True]
    kinds = np.array([found[year_pair]])
    assert contradicted(kinds, np.array([BIRTH_DATES_DIFFER], dtype=np.int8)).tolist() == [False]


def test_a_name_within_its_limit_keeps_no_refined_keys() -> None:
    few = [_record("Amrani, Youssef", "1960", "2000"), _record("Youssef AMRANI", "1960", "2000")]
    table = KeyTable.of(few)
    kinds = {KINDS[k] for k in table.kind.tolist() if k >= 0}
    assert "n" in kinds and not kinds & {"ny", "np"}
    found = _found(few)
    assert found[(0, 1)] & (1 << KINDS.index("n"))
    # A record on its own (real time) still makes them, to look up crowded names' stored keys.
    assert any(key.startswith(("ny:", "np:")) for key in record_keys(few[0]))


def test_a_turkish_name_typed_bare_shares_keys_with_it_written() -> None:
    # With ç spelt out (ch), Çakır and Cakir shared no skeleton: no key brought the two together.
    written, bare = _record("Emre Çakır", "1990"), _record("Emre Cakir", "1990")
    shared = record_keys(written) & record_keys(bare)
    assert any(k.startswith("n:") for k in shared), shared
    assert (0, 1) in _found([written, bare])


def test_a_name_with_an_article_after_its_connector_shares_keys_with_it_left_out() -> None:
    # آيت الطالب reads "ait al talb" (skeleton TLTLB); Ait Taleb is TLB: no key was shared.
    arabic, latin = _record("محمد آيت الطالب", "1990"), _record("Mohamed Ait Taleb", "1990")
    shared = record_keys(arabic) & record_keys(latin)
    assert any(k.startswith("fy:") for k in shared), shared
    assert (0, 1) in _found([arabic, latin])
    # Another family after the same connector shares nothing with it.
    assert not record_keys(_record("محمد آيت إبراهيم", "1990")) & record_keys(latin)


def test_a_nom_de_guerre_without_its_nisba_meets_it_with_its_nisba() -> None:
    # "Abou Hassan" (1989) and "Abu Hassan al-Beldschiki" (1989): only the first made a kunya-and-
    # year key, so no key brought the two together.
    bare, full = _record("Abou Hassan", "1989"), _record("Abu Hassan al-Beldschiki", "1989-03-16")
    assert any(k.startswith("gy:") for k in record_keys(bare) & record_keys(full))
    assert (0, 1) in _found([bare, full])
    # A civil name makes no such key: its given name and year alone would gather thousands.
    assert not any(k.startswith("gy:") for k in record_keys(_record("Hassan Tahiri", "1989")))


def test_a_family_name_changed_past_its_skeleton_is_found_by_the_given_name_and_year() -> None:
    # One record gives only the year, so no full-date key is shared; BFX and BFK, BNTKB and BNTB
    # are other skeletons, so no family key is either.
    for year_only, full in (
        (_record("Khalid Bufakhi", "1983"), _record("KHALID BOUFAKI", "1983-12-12")),
        (_record("Youssef Ben Tqieb", "1987"), _record("Yousef BENTAIEB", "1987-01-01")),
    ):
        shared = record_keys(year_only) & record_keys(full)
        assert {k.partition(":")[0] for k in shared} == {"gf"}, shared
        assert (0, 1) in _found([year_only, full])
    # Another given name, another year, or a family name that starts or ends otherwise: no key.
    full = _record("KHALID BOUFAKI", "1983-12-12")
    for other in ("Rachid Bufakhi 1983", "Khalid Bufakhi 1984", "Khalid Tufakhi 1983", "Khalid Bufakha 1983"):
        name, year = other.rsplit(" ", 1)
        shared = record_keys(_record(name, year)) & record_keys(full)
        assert not any(k.startswith("gf:") for k in shared), other


def test_a_name_without_order_cue_is_keyed_read_both_ways() -> None:
    # Read given name first, "Elamrani Bilal" keeps its glued article (ALAMRANI); "Elamrani, Bilal"
    # is family name first, its article split off (AMRANI): as read, they share no name key.
    loose, ordered = _record("Elamrani Bilal"), _record("Elamrani, Bilal")
    as_read = record_keys(loose) - other_order_keys(loose)
    assert not {k for k in as_read & record_keys(ordered) if k.startswith(("n:", "ns:"))}
    assert any(k.startswith("n:") for k in other_order_keys(loose) & record_keys(ordered))
    assert (0, 1) in _found([loose, ordered])
    # A comma says which part is the family name: no other reading to key.
    assert other_order_keys(ordered) == set()
    # With a year, the reading's name-and-year key too (kept for a crowded name).
    assert any(k.startswith("ny:") for k in other_order_keys(_record("Elamrani Bilal", "1991")))


def test_the_name_keys_weighed_for_rarity_are_the_name_keys_the_batch_counts() -> None:
    # The batch counts a name's rarity from its records' "n:" rows (``record_keys``); a real-time
    # score or an explanation reads the same keys from ``name_only_keys``: they must be one set, or
    # an arrival's pair is weighed otherwise than the batch weighed the same pair.
    for name in ("Elamrani Bilal", "Elamrani, Bilal", "Bennani Fatma-Zahra", "Emre Çakır", "Abou Hassan"):
        record = _record(name, "1991")
        assert name_only_keys(record) == {k for k in record_keys(record) if k.startswith("n:")}, name
    assert any(
        k in name_only_keys(_record("Elamrani, Bilal")) for k in name_only_keys(_record("Elamrani Bilal"))
    )
