"""Why two records are, or are not, one person: every comparison's level and weight in plain words.

The explanation recomputes the pair with the context of the run that decided it (model, name
frequencies, name-key counts), so its probability is the one that run used. It names the two names
that compared best and repeats the name engine's own sentence about them. It shows only what the
records say; the access layer (issue #5) decides who may read an explanation of which records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from crossroads.names.compare import explanation
from crossroads.phrase import Phrase
from crossroads.records.model import Record
from crossroads.resolve import term_frequency
from crossroads.resolve.blocking import name_only_keys
from crossroads.resolve.clusters import DISAGREE, LINK, REJECT
from crossroads.resolve.comparisons import COMPARISONS, NULL, ONLY_NOMS, SAID
from crossroads.resolve.context import LinkContext
from crossroads.resolve.linker import comparison_levels
from crossroads.resolve.name_scores import NameScores, civil_names, compared_names, score_names
from crossroads.resolve.profile import Profile, profile


@dataclass(frozen=True)
class Evidence:
    comparison: str
    level: int | None  # None: the records say nothing of it
    says: Phrase  # the level's words, or why there is no evidence
    weight: float  # in bits (log2 of the likelihood ratio); 0 when there is no evidence


@dataclass(frozen=True)
class PairExplanation:
    a: str  # "source/id"
    b: str
    probability: float
    prior_weight: float
    evidence: tuple[Evidence, ...]
    name_rarity: float  # bits added for a rare shared name (negative for a common one)
    names: Phrase  # the two names that compared best, and the name engine's sentence about them
    verdict: Phrase
    #: Where only a nom de guerre agreed (``ONLY_NOMS``): the civil names that compared best, which
    #: differ, and the name engine's sentence about them.
    civil_names: Phrase

    def lines(self) -> list[Phrase]:
        """The explanation as an analyst reads it, strongest evidence first."""
        out = [
            Phrase.layout("%(a)s ~ %(b)s: %(verdict)s", a=self.a, b=self.b, verdict=self.verdict),
            Phrase.layout("  %(line)s", line=Phrase("probability %(p)s", p=format(self.probability, ".3f"))),
            _weighed(self.prior_weight, Phrase("start: two records drawn at random are rarely one person")),
        ]
        items = [
            (e.weight, Phrase.layout("%(comparison)s: %(says)s", comparison=SAID[e.comparison], says=e.says))
            for e in self.evidence
            if e.level is not None
        ]
        if self.name_rarity:
            rare = self.name_rarity > 0
            items.append((self.name_rarity, RARE_NAME if rare else COMMON_NAME))
        out += [_weighed(weight, text) for weight, text in sorted(items, key=lambda i: -abs(i[0]))]
        silent = [e.says for e in self.evidence if e.level is None]
        if silent:
            line = Phrase("no evidence: %(silent)s", silent=Phrase.listed("; ", silent))
            out.append(Phrase.layout("    %(line)s", line=line))
        if self.names:
            out.append(Phrase.layout("  %(line)s", line=Phrase("names: %(names)s", names=self.names)))
        if self.civil_names:
            line = Phrase("civil names: %(names)s", names=self.civil_names)
            out.append(Phrase.layout("  %(line)s", line=line))
        return out


RARE_NAME = Phrase("name: the shared name is rare among the records")
COMMON_NAME = Phrase("name: the shared name is common among the records")
NO_NAMES = Phrase.layout("")


def _weighed(weight: float, text: Phrase) -> Phrase:
    """One line of evidence: its weight in bits, then its words."""
    return Phrase.layout("  %(weight)s  %(text)s", weight=f"{weight:+6.1f}", text=text)


def _verdict(probability: float, against: float) -> Phrase:
    """In words, what the pair says; ``against``: the weight of what disagrees in it (bits)."""
    if probability >= LINK:
        return Phrase("the evidence says one person (at or above the link threshold %(link)s)", link=LINK)
    if probability < REJECT and against > DISAGREE:
        # Unlikely mostly by the prior: the clustering does not count it against a merge either,
        # unless a run spared its names (its birth dates differ: ``linker``), where it votes still.
        return Phrase(
            "not linked: the records share too little to say; little in them weighs against one person"
        )
    if probability < REJECT:
        return Phrase("different persons: the evidence is clearly against")
    return Phrase(
        "not linked: the evidence is not strong enough (below %(link)s); an analyst may judge it", link=LINK
    )


def explain(a: Record, b: Record, context: LinkContext) -> PairExplanation:
    pa, pb = profile(a), profile(b)
    levels, names = comparison_levels([pa, pb], np.array([0]), np.array([1]), context.frequencies)
    row = levels[0]
    weights = context.model.weights(levels)[0]
    evidence = tuple(
        Evidence(c.name, None, c.null, 0.0)
        if row[i] == NULL
        else Evidence(c.name, int(row[i]), c.levels[int(row[i])], float(weights[i]))
        for i, c in enumerate(COMPARISONS)
    )
    rarity = 0.0
    if row[0] in term_frequency.ADJUSTED_LEVELS:
        rarity = term_frequency.adjustment_of_pair(
            name_only_keys(pa), name_only_keys(pb), context.key_counts, context.records,
            int(row[0]), context.tf_centres,
        )  # fmt: skip
    total = context.model.prior_weight() + float(weights.sum()) + rarity
    probability = float(1.0 / (1.0 + 2.0 ** (-total)))
    return PairExplanation(
        a=f"{a.source}/{a.id}",
        b=f"{b.source}/{b.id}",
        probability=probability,
        prior_weight=context.model.prior_weight(),
        evidence=evidence,
        name_rarity=rarity,
        names=_name_words(names, 0, context),
        verdict=_verdict(probability, float(context.model.against(levels)[0])),
        civil_names=_civil_words(pa, pb, context) if row[0] == ONLY_NOMS else NO_NAMES,
    )


def _civil_words(a: Profile, b: Profile, context: LinkContext) -> Phrase:
    """The civil names of two records that compared best, without their noms de guerre."""
    civil = [replace(p, names=civil_names(p), aliases=()) for p in (a, b)]
    names = score_names(civil, np.array([0]), np.array([1]), frequencies=context.frequencies)
    return _name_words(names, 0, context)


def _name_words(names: NameScores, k: int, context: LinkContext) -> Phrase:
    """The two names of pair ``k`` that compared best, and the name engine's sentence on them."""
    a = names.name_a[k] if names.name_a is not None else None
    b = names.name_b[k] if names.name_b is not None else None
    return pair_words(a, b, context)


def pair_words(a: str | None, b: str | None, context: LinkContext) -> Phrase:
    """Two names that compared best, and the name engine's sentence on them ("" without both)."""
    if not a or not b:
        return NO_NAMES
    return Phrase.layout(
        "%(a)s ~ %(b)s: %(words)s", a=repr(a), b=repr(b), words=explanation(a, b, context.frequencies)
    )


def name_sentences(a: Profile, others: Sequence[Profile], context: LinkContext) -> list[Phrase]:
    """``explain(a, other).names`` for each of ``others`` (a search explains so each hit whose names
    it did not compare). Names only: the other comparisons, which a search made already, are not
    made again, nor are the profiles; the pairs that need scoring to find their best names are
    scored at once."""
    mine = compared_names(a)
    out: list[Phrase | None] = [None] * len(others)
    for k, other in enumerate(others):
        theirs = compared_names(other)
        if len(mine) == 1 and len(theirs) == 1:
            # One name on each side: those two compared best, with no scoring to find them. At a
            # million records, 49 searches in 100 made a name-scoring call here; 23 do now.
            out[k] = pair_words(mine[0], theirs[0], context)
    rest = [k for k, words in enumerate(out) if words is None]
    if rest:
        ia = np.zeros(len(rest), dtype=np.int64)
        ib = np.arange(1, len(rest) + 1, dtype=np.int64)
        names = score_names([a, *(others[k] for k in rest)], ia, ib, frequencies=context.frequencies)
        for j, k in enumerate(rest):
            out[k] = _name_words(names, j, context)
    return [words if words is not None else NO_NAMES for words in out]
