"""Compare two names (each possibly with aliases): a calibrated probability, which parts aligned
with which, and one line in plain words an analyst can check.

The probability comes from exactly the features and model the batch API uses; the alignment (an
optimal assignment of parts by key similarity) and the wording are for people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import JaroWinkler
from scipy.optimize import linear_sum_assignment

from crossroads.names.batch import pair_features
from crossroads.names.features import FEATURES
from crossroads.names.frequencies import NameFrequencies
from crossroads.names.keys import rule_label
from crossroads.names.model import NameModel, default_model
from crossroads.names.parse import ParsedName, Role, Token, parse
from crossroads.names.scripts import has_arabic

_ROLE_WORDS = {
    Role.GIVEN: "given name",
    Role.FAMILY: "family name",
    Role.KUNYA: "kunya",
    Role.NISBA: "nisba",
    Role.INITIAL: "initial",
    Role.PARTICLE: "particle",
}
ALIGNED = 0.75  # key similarity from which two parts are shown as aligned
# Vowel letters differ in nearly every rendering: not worth saying.
_SILENT_RULES = frozenset({"ae", "ie"})


@dataclass(frozen=True)
class AlignedPart:
    a: str | None
    b: str | None
    role: str
    similarity: float
    reason: str


@dataclass(frozen=True)
class Comparison:
    score: float  # probability that both names belong to the same person
    name_a: str  # the names (among the aliases given) that compared best
    name_b: str
    parts: tuple[AlignedPart, ...]
    evidence: dict[str, float]  # feature -> contribution to the log-odds
    explanation: str


def _names(value: str | Sequence[str]) -> list[str]:
    names = [v for v in ([value] if isinstance(value, str) else value) if v.strip()]
    if not names:
        raise ValueError("a name to compare is empty")
    return names


def _why(ta: Token, tb: Token, similarity: float) -> str:
    if ta.key.folded == tb.key.folded:
        return "same" if ta.text == tb.text else "same after case, accents and script are set aside"
    if ta.key.phonetic == tb.key.phonetic or (ta.key.skeletons & tb.key.skeletons and similarity >= 0.8):
        only_a = sorted(ta.key.rules - tb.key.rules - _SILENT_RULES)
        only_b = sorted(tb.key.rules - ta.key.rules - _SILENT_RULES)
        detail = ""
        if only_a or only_b:
            detail = (
                f" ({', '.join(rule_label(r) for r in only_a) or 'plain'} in {ta.text} vs "
                f"{', '.join(rule_label(r) for r in only_b) or 'plain'} in {tb.text})"
            )
        return "the same name in another transliteration" + detail
    if similarity >= 0.85:
        return "close spelling (a typo or a variant)"
    return "different"


def _align(pa: ParsedName, pb: ParsedName) -> list[AlignedPart]:
    ta, tb = pa.identity_tokens, pb.identity_tokens
    parts: list[AlignedPart] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    if ta and tb:
        sim = np.array(
            [[JaroWinkler.normalized_similarity(x.key.phonetic, y.key.phonetic) for y in tb] for x in ta]
        )
        for i, j in zip(*linear_sum_assignment(-sim), strict=True):
            if sim[i, j] >= ALIGNED or (
                ta[i].key.folded[:1] == tb[j].key.folded[:1] and Role.INITIAL in (ta[i].role, tb[j].role)
            ):
                used_a.add(int(i))
                used_b.add(int(j))
                role = ta[i].role if ta[i].role is not Role.INITIAL else tb[j].role
                reason = _why(ta[i], tb[j], float(sim[i, j]))
                if Role.INITIAL in (ta[i].role, tb[j].role):
                    reason = "initial of the name"
                parts.append(AlignedPart(ta[i].text, tb[j].text, _ROLE_WORDS[role], float(sim[i, j]), reason))
    parts += [
        AlignedPart(t.text, None, _ROLE_WORDS[t.role], 0.0, "only on one side")
        for i, t in enumerate(ta)
        if i not in used_a
    ]
    parts += [
        AlignedPart(None, t.text, _ROLE_WORDS[t.role], 0.0, "only on one side")
        for j, t in enumerate(tb)
        if j not in used_b
    ]
    return parts


def _sentence(parts: list[AlignedPart], pa: ParsedName, pb: ParsedName, frequencies: NameFrequencies) -> str:
    bits: list[str] = []
    for p in parts:
        if p.a is not None and p.b is not None:
            sign = (
                "="
                if p.reason.startswith("same") and "transliteration" not in p.reason
                else ("≈" if p.reason != "different" else "≠")
            )
            bits.append(f"{p.role} {p.a} {sign} {p.b}" + ("" if p.reason == "same" else f": {p.reason}"))
        else:
            bits.append(f"{p.role} {p.a or p.b} {'only in the first name' if p.a else 'only in the second'}")
    for parsed in (pa, pb):
        if has_arabic(parsed.original):
            latin = " ".join(t.key.folded for t in parsed.tokens)
            bits.append(f"'{parsed.original}' read from Arabic script as '{latin}'")
    given = [t for t in pa.of(Role.GIVEN) if t.key.phonetic]
    if given and frequencies.rarity(given[0].key.phonetic) < 0.35:
        bits.append(f"{given[0].text} is a common given name, so it weighs little")
    return "; ".join(bits)


def compare(
    a: str | Sequence[str],
    b: str | Sequence[str],
    model: NameModel | None = None,
    frequencies: NameFrequencies | None = None,
) -> Comparison:
    """Compare two names or two lists of aliases; the best-matching pair of names decides."""
    model = model or default_model()
    frequencies = frequencies or model.frequencies
    names_a, names_b = _names(a), _names(b)
    pairs = [(x, y) for x in names_a for y in names_b]
    features = pair_features([x for x, _ in pairs], [y for _, y in pairs], frequencies, model)
    scores = model.predict(features)
    best = int(np.argmax(scores))
    name_a, name_b = pairs[best]
    pa, pb = parse(name_a), parse(name_b)
    parts = _align(pa, pb)
    evidence = model.contributions(features[best])
    return Comparison(
        score=float(scores[best]),
        name_a=name_a,
        name_b=name_b,
        parts=tuple(parts),
        evidence={k: round(v, 3) for k, v in evidence.items() if k in FEATURES},
        explanation=_sentence(parts, pa, pb, frequencies),
    )


def explanation(a: str, b: str, frequencies: NameFrequencies | None = None) -> str:
    """``compare(a, b).explanation`` of two single names, without scoring them: the words depend
    only on the parsed parts and how they align. A search that has already scored its hits (in a
    batch) needs only the words, and scoring each pair again cost ten times the sentence."""
    frequencies = frequencies or default_model().frequencies
    pa, pb = parse(a), parse(b)
    return _sentence(_align(pa, pb), pa, pb, frequencies)
