"""Compare two names (each possibly with aliases): a calibrated probability, which parts aligned
with which, and one line in plain words an analyst can check.

The probability comes from exactly the features and model the batch API uses; the alignment (an
optimal assignment of parts by key similarity) and the wording are for people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import JaroWinkler, Levenshtein
from scipy.optimize import linear_sum_assignment

from crossroads.names.batch import (
    AL_APART,
    ARABIC,
    CH_H,
    CH_KH,
    CONNECTOR,
    HARD_J,
    J_Y,
    KH_H,
    NO_ARTICLE,
    PLAIN,
    SOFT_C,
    SPELLINGS,
    may_read,
    pair_features,
)
from crossroads.names.features import FEATURES, KUNYA_NAMES_ALIKE
from crossroads.names.frequencies import NameFrequencies, make_room
from crossroads.names.keys import rule_label
from crossroads.names.model import NameModel, default_model
from crossroads.names.parse import ParsedName, Role, Token, named_key, parse
from crossroads.names.scripts import has_arabic
from crossroads.names.slips import SHORTEST_ONE, SHORTEST_TWO, SHORTEST_TWO_UNSEEN, slips
from crossroads.phrase import Phrase

_ROLE_WORDS = {
    Role.GIVEN: Phrase("given name"),
    Role.FAMILY: Phrase("family name"),
    Role.KUNYA: Phrase("kunya"),
    Role.NISBA: Phrase("nisba"),
    Role.INITIAL: Phrase("initial"),
    Role.PARTICLE: Phrase("particle"),
}
ALIGNED = 0.75  # key similarity from which two parts are shown as aligned
# Vowel letters differ in nearly every rendering: not worth saying.
_SILENT_RULES = frozenset({"ae", "ie"})
SAME = Phrase("same")
SAME_FOLDED = Phrase("same after case, accents and script are set aside")
CLOSE = Phrase("close spelling (a typo or a variant)")
SLIPS = Phrase("keyboard slips apart (a neighbouring key, or a dropped, doubled or swapped letter)")
DIFFERENT = Phrase("different")
UNVOWELED = Phrase("the same consonants, the short vowels being unwritten in Arabic script")
INITIAL = Phrase("initial of the name")
ONE_SIDE = Phrase("only on one side")
TYPED_BARE = Phrase("the same name typed without Turkish letters (ş, ç, ğ as s, c, g)")
READ_AS_J = Phrase("the same name with c or g read as j, as Turkish and Egyptian writers mean it")
READ_AS_S = Phrase("the same name with c before e or i read as s, as French and Dutch writers mean it")
KH_AS_H = Phrase("the same name with kh read as h, as Russian and Turkish writers may mean it")
CH_AS_KH = Phrase("the same name with ch read as kh, as German writers mean it")
CH_AS_H = Phrase("the same name with a German ch read as h, as Turkish and Russian writers render it")
J_AS_Y = Phrase("the same name with j read as y, as Dutch and German writers mean it")
TURKISH_FORM = Phrase("the Turkish form of the same Arabic name (Hatice for Khadija, Mehmet for Muhammad)")
CONNECTOR_SLIP = Phrase("a keyboard slip in a connector, read as the connector")
AL_WRITTEN_APART = Phrase("the same name with the article al glued on, read apart")
NO_COMPOUND_ARTICLE = Phrase(
    "the same name without the article after ben, bou or ait, as clerks often leave it out"
)
#: How the explanation names each further spelling the comparison may take (``batch.SPELLINGS``).
_SAID = {
    PLAIN: TYPED_BARE, HARD_J: READ_AS_J, SOFT_C: READ_AS_S, KH_H: KH_AS_H, CH_KH: CH_AS_KH, CH_H: CH_AS_H,
    ARABIC: TURKISH_FORM, CONNECTOR: CONNECTOR_SLIP, AL_APART: AL_WRITTEN_APART,
    NO_ARTICLE: NO_COMPOUND_ARTICLE, J_Y: J_AS_Y,
}  # fmt: skip
_PLAIN = Phrase("plain")


@dataclass(frozen=True)
class AlignedPart:
    a: str | None
    b: str | None
    role: Phrase
    similarity: float
    reason: Phrase


@dataclass(frozen=True)
class Comparison:
    score: float  # probability that both names belong to the same person
    name_a: str  # the names (among the aliases given) that compared best
    name_b: str
    parts: tuple[AlignedPart, ...]
    evidence: dict[str, float]  # feature -> contribution to the log-odds
    explanation: Phrase


def _names(value: str | Sequence[str]) -> list[str]:
    names = [v for v in ([value] if isinstance(value, str) else value) if v.strip()]
    if not names:
        raise ValueError("a name to compare is empty")
    return names


def _rules(token: Token, other: Token) -> Phrase:
    """The spelling rules that fired in ``token`` and not in ``other``, by their labels."""
    fired = sorted(token.key.rules - other.key.rules - _SILENT_RULES)
    return Phrase.listed(", ", [rule_label(r) for r in fired]) if fired else _PLAIN


def _why(ta: Token, tb: Token, similarity: float, frequencies: NameFrequencies, unvoweled: bool) -> Phrase:
    if ta.key.folded == tb.key.folded:
        return SAME if ta.text == tb.text else SAME_FOLDED
    if unvoweled and ta.key.skeletons & tb.key.skeletons and similarity < 0.8:
        # As the ``given`` feature reads them: against Arabic script, the consonants decide.
        return UNVOWELED
    if ta.key.phonetic == tb.key.phonetic or (ta.key.skeletons & tb.key.skeletons and similarity >= 0.8):
        if (ta.key.rules ^ tb.key.rules) - _SILENT_RULES:
            return Phrase(
                "the same name in another transliteration (%(rules_a)s in %(a)s vs %(rules_b)s in %(b)s)",
                rules_a=_rules(ta, tb), a=ta.text, rules_b=_rules(tb, ta), b=tb.text,
            )  # fmt: skip
        return Phrase("the same name in another transliteration")
    if _slips_apart(ta, tb, frequencies):
        if _slipped(ta.key.folded, tb.key.folded, _twice(ta, tb, None)):
            return SLIPS
        unmet = ta if not frequencies.seen(ta.key.phonetic) else tb
        # Two slips in a short given name count only where one side is no name met before: say so.
        return Phrase("keyboard slips apart, and %(unmet)s is no name met before", unmet=unmet.text)
    if similarity >= 0.85:
        return CLOSE
    return DIFFERENT


def _similarity(x: Token, y: Token) -> float:
    """How alike two parts sound: their keys' Jaro-Winkler, either side's j also read as y (Jussuf
    and Yousef), as the ``given`` feature reads them."""
    kx, ky = x.key, y.key
    alike = max(
        JaroWinkler.normalized_similarity(kx.phonetic, ky.phonetic),
        JaroWinkler.normalized_similarity(kx.phonetic_y, ky.phonetic),
        JaroWinkler.normalized_similarity(kx.phonetic, ky.phonetic_y),
    )
    if x.role is Role.KUNYA and y.role is Role.KUNYA:
        # Two kunyas made of two other names are as alike as those names (``features._kunyas_apart``).
        nx, ny = named_key(x), named_key(y)
        named = JaroWinkler.normalized_similarity(nx.phonetic, ny.phonetic)
        if named < KUNYA_NAMES_ALIKE and not nx.skeletons & ny.skeletons:
            return min(alike, named)
    return alike


def _slips_apart(x: Token, y: Token, frequencies: NameFrequencies | None) -> bool:
    """The two parts are one keyboard slip apart, or two in a given name of six letters or more
    (four, where one side is a name met before and the other is not) or a family name of seven or
    more: what the ``slip`` feature counts a clerk's typos (Ysuuf / Yusuf, Yqzmin / Yasmin, Ysjf /
    Yusuf), when the rest of the name agrees."""
    a, b = x.key.folded, y.key.folded
    # Most pairs of parts are further apart: no slip to look for.
    return Levenshtein.distance(a, b, score_cutoff=2) <= 2 and _slipped(a, b, _twice(x, y, frequencies))


def _twice(x: Token, y: Token, frequencies: NameFrequencies | None) -> int:
    """The shortest part in which two slips count a typo (``slips.typos_only``'s rule)."""
    if Role.FAMILY in (x.role, y.role):
        return SHORTEST_TWO["family"]
    if frequencies is not None and frequencies.seen(x.key.phonetic) != frequencies.seen(y.key.phonetic):
        return SHORTEST_TWO_UNSEEN
    return SHORTEST_TWO["given"]


@lru_cache(maxsize=100_000)
def _slipped(a: str, b: str, twice: int) -> bool:
    return bool(slips([a], [b], shortest=SHORTEST_ONE)[0] or slips([a], [b], shortest=twice, edits=2)[0])


def _align(pa: ParsedName, pb: ParsedName, frequencies: NameFrequencies) -> list[AlignedPart]:
    unvoweled = has_arabic(pa.original) or has_arabic(pb.original)
    ta, tb = pa.identity_tokens, pb.identity_tokens
    parts: list[AlignedPart] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    if ta and tb:
        sim = np.array([[_similarity(x, y) for y in tb] for x in ta])
        # Parts a slip or two apart are aligned however unlike their keys (Ysuuf / Yusuf).
        slipped = np.array([[_slips_apart(x, y, frequencies) for y in tb] for x in ta])
        for i, j in zip(
            *linear_sum_assignment(-np.where(slipped, np.maximum(sim, ALIGNED), sim)), strict=True
        ):
            if (
                sim[i, j] >= ALIGNED
                or slipped[i, j]
                or (ta[i].key.folded[:1] == tb[j].key.folded[:1] and Role.INITIAL in (ta[i].role, tb[j].role))
            ):
                used_a.add(int(i))
                used_b.add(int(j))
                role = ta[i].role if ta[i].role is not Role.INITIAL else tb[j].role
                reason = _why(ta[i], tb[j], float(sim[i, j]), frequencies, unvoweled)
                if Role.INITIAL in (ta[i].role, tb[j].role):
                    reason = INITIAL
                parts.append(AlignedPart(ta[i].text, tb[j].text, _ROLE_WORDS[role], float(sim[i, j]), reason))
    parts += [
        AlignedPart(t.text, None, _ROLE_WORDS[t.role], 0.0, ONE_SIDE)
        for i, t in enumerate(ta)
        if i not in used_a
    ]
    parts += [
        AlignedPart(None, t.text, _ROLE_WORDS[t.role], 0.0, ONE_SIDE)
        for j, t in enumerate(tb)
        if j not in used_b
    ]
    return parts


def _aligned(pa: ParsedName, pb: ParsedName, frequencies: NameFrequencies) -> list[AlignedPart]:
    """``_align``, or, where a side aligns better under a further spelling (``batch.SPELLINGS``:
    Çakır typed as Cakir, Gamal read as Jamal, Yacine as Yasine, Akhmed as Ahmed, Achmed as
    Akhmed, Hatice as Khadija), that alignment, its parts named as written and said to be the same
    name so read. A reading the comparison would not try (``batch.may_read``) is not tried here
    either."""
    best = _align(pa, pb, frequencies)
    for reading, spell in SPELLINGS.items():
        for side, parsed in ((0, pa), (1, pb)):
            read = spell(parsed.original)
            if read is None:
                continue
            other = parse(read)
            if not may_read(reading, parsed, other, pb if side == 0 else pa):
                continue  # the comparison does not try it either
            parts = _align(other, pb, frequencies) if side == 0 else _align(pa, other, frequencies)
            if sum(p.similarity for p in parts) <= sum(p.similarity for p in best):
                continue
            # A reading changes letters, seldom words: where its parts map one to one, they are
            # named as written; otherwise as read.
            ours, theirs = parsed.identity_tokens, other.identity_tokens
            same_count = len(ours) == len(theirs)
            written = {t.text: o.text for t, o in zip(theirs, ours, strict=True)} if same_count else {}
            best = [_written(p, side, written, _SAID[reading]) for p in parts]
            if reading == CONNECTOR:
                # The slipped word is no longer a part of the name: it is said where it went.
                particle = _ROLE_WORDS[Role.PARTICLE]
                best += [
                    AlignedPart(*((w, r) if side == 0 else (r, w)), particle, 1.0, CONNECTOR_SLIP)
                    for w, r in zip(parsed.original.split(), read.split(), strict=True)
                    if w != r
                ]
    return best


def _written(part: AlignedPart, side: int, written: dict[str, str], said: Phrase) -> AlignedPart:
    mine = part.a if side == 0 else part.b
    if mine is None or written.get(mine, mine) == mine:
        return part
    text = written[mine]
    # Alike under the reading (the same, or the same in another transliteration): said so, in
    # the words of the reading rather than of the letters it wrote in.
    # Slips (the unmet name's phrase included) are said as they are, not as the reading's words.
    kept = part.reason in (DIFFERENT, CLOSE, SLIPS, INITIAL) or "%(unmet)s" in part.reason.template
    reason = part.reason if kept else said
    if side == 0:
        return AlignedPart(text, part.b, part.role, part.similarity, reason)
    return AlignedPart(part.a, text, part.role, part.similarity, reason)


def _part_words(p: AlignedPart) -> Phrase:
    if p.a is None or p.b is None:
        if p.a is not None:
            return Phrase("%(role)s %(name)s only in the first name", role=p.role, name=p.a)
        return Phrase("%(role)s %(name)s only in the second", role=p.role, name=p.b)
    sign = "=" if p.reason in (SAME, SAME_FOLDED) else ("≈" if p.reason != DIFFERENT else "≠")
    if p.reason == SAME:
        return Phrase.layout("%(role)s %(a)s %(sign)s %(b)s", role=p.role, a=p.a, sign=sign, b=p.b)
    return Phrase.layout(
        "%(role)s %(a)s %(sign)s %(b)s: %(reason)s", role=p.role, a=p.a, sign=sign, b=p.b, reason=p.reason
    )


def _sentence(
    parts: list[AlignedPart], pa: ParsedName, pb: ParsedName, frequencies: NameFrequencies
) -> Phrase:
    bits = [_part_words(p) for p in parts]
    for parsed in (pa, pb):
        if has_arabic(parsed.original):
            latin = " ".join(t.key.folded for t in parsed.tokens)
            bits.append(Phrase("'%(original)s' read from Arabic script as '%(latin)s'",
                               original=parsed.original, latin=latin))  # fmt: skip
    given = [t for t in pa.of(Role.GIVEN) if t.key.phonetic]
    if given and frequencies.rarity(given[0].key.phonetic) < 0.35:
        bits.append(Phrase("%(name)s is a common given name, so it weighs little", name=given[0].text))
    return Phrase.listed("; ", bits)


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
    parts = _aligned(pa, pb, frequencies)
    evidence = model.contributions(features[best])
    return Comparison(
        score=float(scores[best]),
        name_a=name_a,
        name_b=name_b,
        parts=tuple(parts),
        evidence={k: round(v, 3) for k, v in evidence.items() if k in FEATURES},
        explanation=_sentence(parts, pa, pb, frequencies),
    )


def explanation(a: str, b: str, frequencies: NameFrequencies | None = None) -> Phrase:
    """``compare(a, b).explanation`` of two single names, without scoring them: the words depend
    only on the parsed parts and how they align. A search that has already scored its hits (in a
    batch) needs only the words, and scoring each pair again cost ten times the sentence."""
    frequencies = frequencies or default_model().frequencies
    kept = frequencies.sentences.get((a, b))
    if kept is None:
        pa, pb = parse(a), parse(b)
        kept = _sentence(_aligned(pa, pb, frequencies), pa, pb, frequencies)
        make_room(frequencies.sentences, frequencies.pair_limit)
        frequencies.sentences[a, b] = kept
    return kept
