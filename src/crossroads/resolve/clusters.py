"""From scored pairs to persons, without chaining.

Connected components over every link above a threshold chain: A~B and B~C glue A to C even when A
and C are plainly two people (two brothers who each resemble a cousin's record). Here links are
taken strongest first, and two groups merge only if the pairs scored between them agree: none of
them is a clear non-match (below ``reject``), and on average they still say "same person"
(``mean_cross``, more likely than not). Pairs between the groups that blocking never compared carry
no vote, and neither do pairs with little against them (``DISAGREE``): a pair is often unlikely only
because it shares little, a name and no birth date on one side, and that says nothing against a
person whom a strong link already ties to the other group. This is best-first agglomeration with
cannot-links (in the spirit of correlation clustering, greedy); a weak link can join two records,
but it cannot pull a whole family onto one person. One exception: a near-certain link (``certain``)
merges over those objections when the pairs between the groups, weighed as log-odds, still favour
one person on average. One record with a mistyped birth date otherwise kept a person split for good
(on demo data, 206 of 329 merges refused for a clear non-match were of one person; with the
exception F1 rose on every demo set at the same precision).

A second pass gives a lone record the one person it could be (``SOLE``): a record left alone whose
pairs at ``sole`` or above (the uncertain band's floor) all point into one group joins it, if both
records of its best such pair give a birth date and nothing between them objects. Such a pair is
more often one person than its probability says: the probability weighs every pair as if other
persons with that name and year could be around, and for this record there are none among
everything compared. On 100,998 demo records, 232 of the 254 lone records so joined were rightly
joined (most wrong ones are a person's only record meeting a namesake of the same year); of the
whole uncertain band at 1M, 46 % of the pairs are one person. Records without a birth date never
join this way: namesakes without dates stay apart. Each such join goes to the review queue with
its reason.

Every refused merge, every merge made over an objection and every lone record joined is kept with
its reason, for explanations and the review queue.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from crossroads.resolve import reasons

LINK = 0.9  # a pair at or above this probability is a link
REJECT = 0.05  # a pair below this is a clear non-match: groups holding such a pair stay apart
MEAN_CROSS = 0.5  # more likely the same person than not
CERTAIN = 0.999  # a link this strong merges over objections the evidence between the groups outweighs
SOLE = 0.5  # a lone record's pairs from this probability up say which persons it could be
#: A pair between two groups votes on their merge only if its evidence against one person weighs at
#: least this much (log2, ``LinkageModel.against``): 16 times likelier two persons by what
#: disagrees (a birth date, an identifier, gender, nationality, birth place, names nothing alike).
#: A different address, two records of one agency or names that merely differ weigh less, alone.
#: A pair that only shares little (a name, no birth date on one side) has nothing against it, yet
#: its probability is low: it counted as a clear non-match and kept a person's undated records
#: apart although one of them shared a phone with it (on 1,007,819 demo records, F1 0.9601 ->
#: 0.9651; -3 bits, with the different address voting, gave 0.9641).
DISAGREE = -4.0


@dataclass
class Clustering:
    labels: np.ndarray  # one group number per record
    refused: list[tuple[int, int, str]] = field(default_factory=list)  # (record, record, why)
    overruled: list[tuple[int, int, str]] = field(default_factory=list)  # merged over an objection
    sole: list[tuple[int, int, str]] = field(default_factory=list)  # a lone record joined its only person


def cluster(
    n: int,
    ia: np.ndarray,
    ib: np.ndarray,
    probability: np.ndarray,
    link: float = LINK,
    reject: float = REJECT,
    mean_cross: float = MEAN_CROSS,
    certain: float = CERTAIN,
    same: Collection[tuple[int, int]] = (),
    different: Collection[tuple[int, int]] = (),
    dated: np.ndarray | None = None,
    sole: float = SOLE,
    speaks: np.ndarray | None = None,
) -> Clustering:
    """Groups of records. ``same`` and ``different`` are analysts' judgements (record pairs, lower
    number first): a "same" pair is merged first, whatever the model says of the pairs around it,
    and no merge ever puts a "different" pair in one group. With ``dated`` (per record, whether it
    gives a birth date), a lone record joins the only group it could belong to (``SOLE``). With
    ``speaks`` (per pair, whether its evidence against one person reaches ``DISAGREE``), only such
    pairs and the link itself vote on a merge; without it, every pair between the groups does."""
    # Pairs as sorted integer keys, looked up only for the merges that need votes: a dict of every
    # pair cost more time than the merges and about 2 GiB at 1M records.
    keys = np.minimum(ia, ib).astype(np.int64) * n + np.maximum(ia, ib)
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_probability = keys[order], probability[order]
    sorted_speaks = None if speaks is None else np.asarray(speaks, dtype=bool)[order]

    def votes_between(group_a: list[int], group_b: list[int], a: int, b: int, link_p: float) -> list[float]:
        """The votes of the pairs between two groups on merging them by the link ``a``-``b``."""
        if len(group_a) == 1 and len(group_b) == 1:
            return [link_p]  # the link itself is the only pair between two single records
        x, y = np.asarray(group_a, dtype=np.int64)[:, None], np.asarray(group_b, dtype=np.int64)[None, :]
        wanted = (np.minimum(x, y) * n + np.maximum(x, y)).ravel()
        at = np.minimum(np.searchsorted(sorted_keys, wanted), len(sorted_keys) - 1)
        at = at[sorted_keys[at] == wanted]
        if sorted_speaks is not None:
            at = at[sorted_speaks[at] | (sorted_keys[at] == min(a, b) * n + max(a, b))]
        return list(sorted_probability[at].tolist())

    apart = set(different)
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def forbidden(group_a: list[int], group_b: list[int]) -> bool:
        return bool(apart) and any((min(x, y), max(x, y)) in apart for x in group_a for y in group_b)

    def merge(ra: int, rb: int) -> None:
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))

    result = Clustering(np.zeros(n, dtype=np.int64))
    for a, b in sorted(same):
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        if forbidden(members[ra], members[rb]):
            result.refused.append((a, b, reasons.JUDGED_APART_FIRST))
            continue
        merge(ra, rb)
    # The links strongest first (ties in pair order), as Python numbers: read one by one from
    # numpy, a link cost more than its merge. Only the links are sorted, not every pair.
    strong = np.flatnonzero(probability >= link)
    links = strong[np.argsort(-probability[strong], kind="stable")]
    for p, a, b in zip(probability[links].tolist(), ia[links].tolist(), ib[links].tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        group_a, group_b = members[ra], members[rb]
        if forbidden(group_a, group_b):
            result.refused.append((a, b, reasons.JUDGED_APART))
            continue
        votes = votes_between(group_a, group_b, a, b, p)
        against = objection(votes, reject, mean_cross)
        if against is not None:
            if not overrides(p, votes, certain):
                result.refused.append((a, b, against))
                continue
            result.overruled.append((a, b, reasons.overruled(p, against)))
        merge(ra, rb)
    if dated is not None:
        for x, y, p in lone_candidates(_labels(members, n), ia, ib, probability, dated, sole):
            rx, ry = root(x), root(y)
            if len(members[rx]) != 1 or rx == ry or forbidden(members[rx], members[ry]):
                continue  # x was joined meanwhile (as another lone record's partner), or analysts object
            against = objection(votes_between(members[rx], members[ry], x, y, p), reject, mean_cross)
            if against is None:
                merge(rx, ry)
                result.sole.append((x, y, reasons.sole(p, sole)))
    result.labels = _labels(members, n)
    return result


def _labels(members: dict[int, list[int]], n: int) -> np.ndarray:
    """Per record, its group's number: the groups (``members``, by their key) numbered in the order
    of their keys, written in one step: group by group, each group cost a numpy call."""
    keys = sorted(members)
    sizes = np.fromiter((len(members[key]) for key in keys), dtype=np.int64, count=len(keys))
    records = np.fromiter(chain.from_iterable(members[key] for key in keys), dtype=np.int64, count=n)
    labels = np.empty(n, dtype=np.int64)
    labels[records] = np.repeat(np.arange(len(keys), dtype=np.int64), sizes)
    return labels


def lone_candidates(
    labels: np.ndarray,
    ia: np.ndarray,
    ib: np.ndarray,
    probability: np.ndarray,
    dated: np.ndarray,
    sole: float = SOLE,
) -> list[tuple[int, int, float]]:
    """Lone records (alone in their group, ``labels``) that give a birth date and whose pairs at
    ``sole`` or above all point into one other group, each with its best pair into it whose other
    record gives a birth date too: (record, partner, probability), the strongest first."""
    alone = np.bincount(labels, minlength=len(labels)) == 1
    la, lb = labels[ia], labels[ib]
    lone = (alone[la] & dated[ia]) | (alone[lb] & dated[ib])
    near = np.flatnonzero((probability >= sole) & (la != lb) & lone)
    groups: dict[int, set[int]] = {}
    best: dict[int, tuple[float, int]] = {}
    for k in near.tolist():
        p = float(probability[k])
        for x, y in ((int(ia[k]), int(ib[k])), (int(ib[k]), int(ia[k]))):
            if alone[labels[x]] and dated[x]:
                groups.setdefault(x, set()).add(int(labels[y]))
                if dated[y] and p > best.get(x, (-1.0, -1))[0]:
                    best[x] = (p, y)
    found = [(x, y, p) for x, (p, y) in best.items() if len(groups[x]) == 1]
    return sorted(found, key=lambda t: (-t[2], t[0]))


def objection(votes: Sequence[float], reject: float = REJECT, mean_cross: float = MEAN_CROSS) -> str | None:
    """What speaks against merging two groups whose pairs between them score ``votes``; None if
    nothing does. The batch clustering and the real-time path both ask this."""
    worst, mean = min(votes), sum(votes) / len(votes)
    if worst < reject:
        return reasons.clear_non_match(worst)
    if mean < mean_cross:
        return reasons.weak_average(mean)
    return None


def overrides(link: float, votes: Sequence[float], certain: float = CERTAIN) -> bool:
    """Whether a link this strong merges over an ``objection``: near-certain, and the pairs between
    the groups favour one person on average when weighed as log-odds."""
    return link >= certain and _mean_log_odds(votes) > 0


def _mean_log_odds(probabilities: Sequence[float]) -> float:
    """The average weight of evidence (log2 odds) of some pairs: a clear non-match counts by how
    clear it is, not as a veto."""
    clipped = np.clip(np.asarray(probabilities), 1e-12, 1 - 1e-12)
    return float(np.mean(np.log2(clipped / (1 - clipped))))
