"""Batch linking end to end: demo data resolved without labels, and the hard cases it must not merge."""

from __future__ import annotations

import csv
import gc
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from crossroads.demo.generate import generate
from crossroads.records.model import Record
from crossroads.records.readers import read_rows
from crossroads.records.validate import validate
from crossroads.resolve import linker
from crossroads.resolve.comparisons import ONLY_NOMS, RULES
from crossroads.resolve.evaluate import bcubed, pairwise
from crossroads.resolve.profile import profile


def load(root: Path) -> tuple[list[Record], list[str]]:
    records = []
    for path in sorted(root.glob("*.jsonl")):
        for row in read_rows(path, "jsonl"):
            checked = validate(row.data, line=row.line, default_source=None, today=date(2026, 12, 1))
            assert checked.record is not None
            records.append(checked.record)
    with (root / "truth" / "truth.csv").open(newline="", encoding="utf-8") as handle:
        truth = {(r["source"], r["id"]): r["person_id"] for r in csv.DictReader(handle)}
    return records, [truth[(r.source, r.id)] for r in records]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], list[str]]:
    root = tmp_path_factory.mktemp("demo-link")
    generate(1_500, 41, root)  # about 3,800 records: the model is estimated from them
    return load(root)


def test_demo_data_links_with_high_precision_and_recall_without_labels(
    demo: tuple[list[Record], list[str]],
) -> None:
    records, truth = demo
    linkage = linker.link(records)
    assert len(records) >= linker.MIN_RECORDS_TO_ESTIMATE
    assert linkage.model.provenance["records"] == len(records)  # estimated here, not shipped
    scores = pairwise(linkage.entity_ids, truth)
    assert scores.precision >= 0.97, scores
    assert scores.recall >= 0.88, scores
    assert bcubed(linkage.entity_ids, truth).f1 >= 0.95


def test_entity_ids_do_not_depend_on_the_order_of_the_records(demo: tuple[list[Record], list[str]]) -> None:
    records, _ = demo
    first = dict(zip(((r.source, r.id) for r in records), linker.link(records).entity_ids, strict=True))
    reordered = list(reversed(records))
    model = linker.link(records).model
    second = dict(
        zip(((r.source, r.id) for r in reordered), linker.link(reordered, model).entity_ids, strict=True)
    )
    agree = sum(first[k] == second[k] for k in first) / len(first)
    assert agree > 0.995


def record(rid: str, source: str, **props: Any) -> Record:
    properties = {k: v if isinstance(v, list) else [v] for k, v in props.items()}
    checked = validate(
        {"id": rid, "source": source, "properties": properties},
        line=1,
        default_source=None,
        today=date(2026, 12, 1),
    )
    assert checked.record is not None, checked.problems
    return checked.record


def entities(records: list[Record]) -> dict[str, str]:
    linkage = linker.link(records)
    return {r.id: e for r, e in zip(records, linkage.entity_ids, strict=True)}


HOME = {"address": "Rue de Ribaucourt 12, 1080 Molenbeek-Saint-Jean", "phone": "+32 2 411 22 33"}


def test_brothers_sharing_a_family_name_and_a_home_stay_apart() -> None:
    ids = entities(
        [
            record(
                "a", "police.federal", name="EL AMRANI Youssef", birthDate="1991-04-12", gender="male", **HOME
            ),
            record(
                "b", "intel.civil", name="El Amrani, Yassine", birthDate="1994-09-30", gender="male", **HOME
            ),
            record("c", "police.zone.brussels-west", name="Youssef ELAMRANI", birthDate="1991-04-12", **HOME),
        ]
    )
    assert ids["a"] == ids["c"]
    assert ids["a"] != ids["b"]


def test_namesakes_without_birth_dates_are_left_unlinked() -> None:
    ids = entities(
        [
            record("a", "police.federal", name="Mohamed Benali", gender="male"),
            record("b", "intel.civil", name="BENALI Mohamed", gender="male"),
        ]
    )
    assert ids["a"] != ids["b"]


def test_a_transliterated_name_with_the_same_birth_date_links_across_scripts() -> None:
    ids = entities(
        [
            record("a", "foreign.ma", name="يوسف العمراني", birthDate="1991-04-12"),
            record("b", "police.federal", name="Youssef El Amrani", birthDate="1991-04-12"),
            record("c", "foreign.tr", name="Yusuf Amrani", birthDate="1991-04-12", nationality="ma"),
        ]
    )
    assert ids["a"] == ids["b"] == ids["c"]


def test_a_birth_year_written_a_year_off_still_links_and_two_years_off_does_not() -> None:
    """A year worked out from an age is often a year off: one record's "1976" against another's
    full date in 1977 is a level of its own, not two persons' dates."""
    same = {"gender": "male", "nationality": "ma", "birthPlace": "Nador"}
    ids = entities(
        [
            record("a", "foreign.fr", name="BOUZIROUCHI Mohamad", birthDate="1977-09-24", **same),
            record("b", "intel.civil", name="Bouzirouchi, Mohammed", birthDate="1976", **same),
            record("c", "police.federal", name="BOUZIROUCHI, Mohamed", birthDate="1974", **same),
        ]
    )
    assert ids["a"] == ids["b"]
    assert ids["c"] not in (ids["a"], ids["b"])


def test_an_alias_links_a_nom_de_guerre_record_to_its_person() -> None:
    ids = entities(
        [
            record(
                "a",
                "intel.civil",
                name="Karim Hamdaoui",
                alias="Abou Hamza al-Beljiki",
                birthDate="1989-02-03",
            ),
            record("b", "europol", alias="Abu Hamza al-Beljiki", birthDate="1989-02-03"),
        ]
    )
    assert ids["a"] == ids["b"]


def shares_nom_de_guerre() -> list[Record]:
    """Two men born in 1992 who both took "Abu Zubair al-Faransi" (in two spellings), and a third
    record of the first under his civil name and the same nom de guerre."""
    return [
        record("a", "intel.civil", name="ARSLAN Hakan", alias="Abu Zubair al-Faransi", birthDate="1992",
               gender="male", nationality="be"),
        record("b", "europol", name="BENABDALLAH, Yousef Adil", alias="Abou Zoubeir al-Faransi",
               birthDate="1992", gender="male", nationality="be"),
        record("c", "police.federal", name="Hakan Arslan", alias="Aboe Zoubeir al-Faransi",
               birthDate="1992-11-09", gender="male", nationality="be"),
    ]  # fmt: skip


def test_two_men_sharing_a_nom_de_guerre_and_a_birth_year_stay_apart() -> None:
    """A nom de guerre recurs across persons: where the civil names differ, its agreement is a level
    of its own, weighed far below the same name (it alone merged whole groups of two men)."""
    records = shares_nom_de_guerre()
    linkage = linker.link(records)
    ids = linkage.entity_ids
    assert ids[0] != ids[1] and ids[0] == ids[2]
    pairs = linkage.pairs
    levels = {(int(i), int(j)): int(r[0]) for i, j, r in zip(pairs.ia, pairs.ib, pairs.levels, strict=True)}
    assert levels[(0, 1)] == ONLY_NOMS and levels[(1, 2)] == ONLY_NOMS
    assert levels[(0, 2)] in (0, 1)  # civil names alike: the names match


def test_analysts_same_verdicts_re_estimate_the_model(demo: tuple[list[Record], list[str]]) -> None:
    """Enough "same" judgements move m towards what the judged pairs show, and say so."""
    records, truth = demo
    by_person: dict[str, list[int]] = {}
    for i, person in enumerate(truth):
        by_person.setdefault(person, []).append(i)
    judged = [(g[0], g[1], "same") for g in by_person.values() if len(g) >= 2][:60]
    plain = linker.link(records).model
    refit = linker.link(records, judgements=judged).model
    assert plain.provenance["judged_same_pairs_used"] == 0
    assert refit.provenance["judged_same_pairs_used"] == len(judged) >= linker.MIN_JUDGED_TO_REFIT
    assert refit.m != plain.m
    few = linker.link(records, judgements=judged[: linker.MIN_JUDGED_TO_REFIT - 1]).model
    assert few.provenance["judged_same_pairs_used"] == 0


def test_a_nom_de_guerre_alone_says_nothing_against_a_civil_name() -> None:
    """One record knows the person only as 'Abou Daoud al-Beljiki', another only by his civil name:
    their names neither support nor contradict, so a third record carrying both joins all three."""
    records = [
        record("a", "intel.civil", alias="Abou Daoud al-Beljiki", birthDate="1989-06-05", gender="male"),
        record("b", "police.federal", name="EL OUAHOUCHI Abdelhaq", birthDate="1989-06-05", gender="male"),
        record(
            "c",
            "europol",
            name="Abdelhaq El-Ouahouchi",
            alias="Abu Dawud al-Beljiki",
            birthDate="1989-06-05",
            gender="male",
        ),
    ]
    linkage = linker.link(records)
    assert len(set(linkage.entity_ids)) == 1
    k = next(
        k for k, (i, j) in enumerate(zip(linkage.pairs.ia, linkage.pairs.ib, strict=True)) if {i, j} == {0, 1}
    )
    assert linkage.pairs.levels[k][0] == -1  # the name comparison gives no evidence for this pair


def test_linking_leaves_the_cycle_collector_as_it_found_it() -> None:
    records = [record("a", "police.federal", name="Mohamed Benali"), record("b", "intel.civil", name="X")]
    assert gc.isenabled()
    linker.link(records)
    assert gc.isenabled()
    gc.disable()
    try:
        linker.link(records)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_levels_made_by_the_caller_give_the_levels_of_the_columns_however_many_pairs(
    demo: tuple[list[Record], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A search passes its candidates' other levels (``realtime.scored``): past FEW_PAIRS they are
    # compared pair by pair instead of numbered as columns, and must come out the same.
    profiles = [profile(r) for r in demo[0][:40]]
    ia = np.repeat(np.arange(len(profiles), dtype=np.int64), len(profiles))
    ib = np.tile(np.arange(len(profiles), dtype=np.int64), len(profiles))
    monkeypatch.setattr(linker, "FEW_PAIRS", 10)
    by_columns, names = linker.comparison_levels(profiles, ia, ib)
    pairs = zip(ia.tolist(), ib.tolist(), strict=True)
    others = np.array([[rule(profiles[a], profiles[b]) for _, rule in RULES] for a, b in pairs])
    given, given_names = linker.comparison_levels(profiles, ia, ib, others=others.astype(np.int8))
    assert given.tolist() == by_columns.tolist()
    assert given_names.name_a == names.name_a and given_names.name_b == names.name_b
    # What the caller gives is what counts: the other levels are not made again.
    others[:, 0] = 3
    assert (linker.comparison_levels(profiles, ia, ib, others=others.astype(np.int8))[0][:, 1] == 3).all()
