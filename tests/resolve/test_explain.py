"""Explanations recompute exactly what the linking run decided, and say it in words."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from test_linker import load, shares_nom_de_guerre

from crossroads.demo.generate import generate
from crossroads.records.model import Record
from crossroads.resolve import linker
from crossroads.resolve.clusters import DISAGREE, REJECT
from crossroads.resolve.comparisons import COMPARISONS, ONLY_NOMS
from crossroads.resolve.context import LinkContext
from crossroads.resolve.explain import explain, name_sentences
from crossroads.resolve.name_scores import compared_names
from crossroads.resolve.profile import profile


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], linker.Linkage]:
    root = tmp_path_factory.mktemp("demo-explain")
    generate(1_000, 43, root)
    records, _ = load(root)
    return records, linker.link(records)


def test_an_explanation_gives_the_probability_the_run_used(
    linked: tuple[list[Record], linker.Linkage],
) -> None:
    records, linkage = linked
    pairs = linkage.pairs
    rng = random.Random(1)
    context = LinkContext.from_json(linkage.context.to_json())  # as stored with the run
    scored = np.flatnonzero(~pairs.name_unscored).tolist()
    for k in rng.sample(scored, 60):
        a, b = records[int(pairs.ia[k])], records[int(pairs.ib[k])]
        e = explain(a, b, context)
        assert e.probability == pytest.approx(float(pairs.probability[k]), abs=1e-9)
        assert [x.level for x in e.evidence] == [None if v < 0 else int(v) for v in pairs.levels[k]]


def test_a_name_typed_without_its_turkish_letters_is_explained_with_the_runs_probability(
    linked: tuple[list[Record], linker.Linkage],
) -> None:
    """The batch counts the name keys of a name's bare reading (KOÇ as KOC) in its rarities; an
    explanation that left them out weighed KOÇ Muhammet / Muhammet KOC as sharing no key (35 of
    this set's 3,425 scored pairs came out apart, by up to 0.001)."""
    records, linkage = linked
    pairs = linkage.pairs
    context = LinkContext.from_json(linkage.context.to_json())
    marked = [
        k
        for k in np.flatnonzero(~pairs.name_unscored).tolist()
        if any(re.search("[şçğŞÇĞ]", str(records[int(i)].properties)) for i in (pairs.ia[k], pairs.ib[k]))
    ]
    assert len(marked) >= 20
    for k in marked[:200]:
        e = explain(records[int(pairs.ia[k])], records[int(pairs.ib[k])], context)
        assert e.probability == pytest.approx(float(pairs.probability[k]), abs=1e-9)


def test_a_pair_left_unscored_by_name_is_a_clear_non_match_whatever_its_names(
    linked: tuple[list[Record], linker.Linkage],
) -> None:
    """Namesakes born on different dates are not compared by name; the run keeps the most their
    names could give them, and the full comparison never gives more, nor reaches a link."""
    records, linkage = linked
    pairs = linkage.pairs
    waiting = np.flatnonzero(pairs.name_unscored).tolist()
    assert len(waiting) > 20
    for k in random.Random(2).sample(waiting, 40):
        e = explain(records[int(pairs.ia[k])], records[int(pairs.ib[k])], linkage.context)
        assert e.probability <= float(pairs.probability[k]) + 1e-12
        assert float(pairs.probability[k]) < REJECT
        assert [x.level for x in e.evidence][1:] == [None if v < 0 else int(v) for v in pairs.levels[k][1:]]


def test_every_piece_of_evidence_is_in_words_and_the_weights_add_up(
    linked: tuple[list[Record], linker.Linkage],
) -> None:
    records, linkage = linked
    k = int(linkage.pairs.probability.argmax())
    e = explain(records[int(linkage.pairs.ia[k])], records[int(linkage.pairs.ib[k])], linkage.context)
    assert [x.comparison for x in e.evidence] == [c.name for c in COMPARISONS]
    assert all(x.says for x in e.evidence)
    assert all(x.weight == 0.0 for x in e.evidence if x.level is None)
    total = e.prior_weight + sum(x.weight for x in e.evidence) + e.name_rarity
    assert e.probability == pytest.approx(1 / (1 + 2 ** (-total)))
    assert "one person" in e.verdict and e.names
    text = "\n".join(e.lines())
    assert "start:" in text and "probability" in text


def test_a_clear_non_match_says_so(linked: tuple[list[Record], linker.Linkage]) -> None:
    records, linkage = linked
    k = int(linkage.pairs.probability.argmin())
    e = explain(records[int(linkage.pairs.ia[k])], records[int(linkage.pairs.ib[k])], linkage.context)
    assert e.probability < 0.05 and "different persons" in e.verdict
    assert any(x.weight < 0 for x in e.evidence)


def test_a_pair_unlikely_only_for_sharing_little_is_not_called_clearly_against(
    linked: tuple[list[Record], linker.Linkage],
) -> None:
    """Below the clear non-match line but with nothing weighing 4 bits against one person: the
    clustering does not count such a pair against a merge, and its explanation does not call it
    evidence against either; a pair whose disagreements reach the line is still called so."""
    records, linkage = linked
    pairs = linkage.pairs
    low = pairs.probability < REJECT
    against = linkage.model.against(pairs.levels)
    little = np.flatnonzero(low & (against > DISAGREE) & ~pairs.name_unscored)
    clear = np.flatnonzero(low & (against <= DISAGREE) & ~pairs.name_unscored)
    assert len(little) and len(clear)
    for k, words in ((int(little[0]), "share too little"), (int(clear[0]), "clearly against")):
        e = explain(records[int(pairs.ia[k])], records[int(pairs.ib[k])], linkage.context)
        assert e.probability == pytest.approx(float(pairs.probability[k])) and words in e.verdict, k
        assert (sum(min(x.weight, 0.0) for x in e.evidence) <= DISAGREE) == (words == "clearly against")


def test_a_nom_de_guerre_shared_across_differing_civil_names_is_explained_with_those_names() -> None:
    records = shares_nom_de_guerre()
    linkage = linker.link(records)
    e = explain(records[0], records[1], linkage.context)
    name = next(x for x in e.evidence if x.comparison == "name")
    assert name.level == ONLY_NOMS and "nom de guerre" in name.says
    assert "Zubair" in e.names and "Zoubeir" in e.names  # the noms de guerre that agree
    assert "ARSLAN Hakan" in e.civil_names and "BENABDALLAH" in e.civil_names  # the civil names that do not
    assert any(line.startswith("  civil names: ") for line in e.lines())
    same = explain(records[0], records[2], linkage.context)
    assert not same.civil_names and not any("civil names" in line for line in same.lines())


def test_the_names_of_many_pairs_are_explained_as_each_pair_alone(
    linked: tuple[list[Record], linker.Linkage],
) -> None:
    """``name_sentences`` (a search's hits) says of each pair's names what the pair's own
    explanation says, whether each side has one name (found without scoring) or several."""
    records, linkage = linked
    with_aliases = [r for r in records if len(compared_names(profile(r))) > 1]
    single = [r for r in records if len(compared_names(profile(r))) == 1]
    rng = random.Random(9)
    others = rng.sample(single, 40) + rng.sample(with_aliases, 20)
    for a in (rng.choice(single), rng.choice(with_aliases)):
        told = name_sentences(profile(a), [profile(b) for b in others], linkage.context)
        assert [str(t) for t in told] == [str(explain(a, b, linkage.context).names) for b in others]
