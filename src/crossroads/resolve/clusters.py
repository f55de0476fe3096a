"""From scored pairs to persons, without chaining.

Connected components over every link above a threshold chain: A~B and B~C glue A to C even when
A and C are plainly two people (two brothers who each resemble a cousin's record). Here links are
taken strongest first, and two groups merge only if the pairs scored between them agree: none of
them is a clear non-match (below ``reject``), and on average they still say "same person"
(``mean_cross``, more likely than not). Pairs between the groups that blocking never compared
carry no vote. This is best-first agglomeration with cannot-links (in the spirit of correlation
clustering, greedy); a weak link can join two records, but it cannot pull a whole family onto
one person.

Every refused merge is kept with its reason, for explanations and the review queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

LINK = 0.9  # a pair at or above this probability is a link
REJECT = 0.05  # a pair below this is a clear non-match: groups holding such a pair stay apart
MEAN_CROSS = 0.5  # more likely the same person than not


@dataclass
class Clustering:
    labels: np.ndarray  # one group number per record
    refused: list[tuple[int, int, str]] = field(default_factory=list)  # (record, record, why)


def cluster(
    n: int,
    ia: np.ndarray,
    ib: np.ndarray,
    probability: np.ndarray,
    link: float = LINK,
    reject: float = REJECT,
    mean_cross: float = MEAN_CROSS,
) -> Clustering:
    scored: dict[tuple[int, int], float] = {
        (a, b): p for a, b, p in zip(ia.tolist(), ib.tolist(), probability.tolist(), strict=True)
    }
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    result = Clustering(np.zeros(n, dtype=np.int64))
    for k in np.argsort(-probability, kind="stable").tolist():
        p = float(probability[k])
        if p < link:
            break
        a, b = int(ia[k]), int(ib[k])
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        group_a, group_b = members[ra], members[rb]
        cross = [scored.get((x, y) if x < y else (y, x)) for x in group_a for y in group_b]
        votes = [v for v in cross if v is not None]
        worst = min(votes)
        if worst < reject:
            result.refused.append(
                (a, b, f"another pair between the two groups is a clear non-match ({worst:.3f})")
            )
            continue
        mean = sum(votes) / len(votes)
        if mean < mean_cross:
            result.refused.append((a, b, f"the pairs between the two groups average only {mean:.2f}"))
            continue
        if len(group_a) < len(group_b):
            ra, rb, group_a, group_b = rb, ra, group_b, group_a
        parent[rb] = ra
        group_a.extend(group_b)
        del members[rb]
    for label, (_, group) in enumerate(sorted(members.items())):
        result.labels[group] = label
    return result
