"""How common each name part is, so that a shared rare family name counts for more than a shared
Mohamed. Counted per phonetic key (all spellings of a name share it) from the names seen."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from crossroads.names.parse import ParsedName

#: How many names must bear a part before it counts as a name people bear (``NameFrequencies.seen``):
#: a clerk's slip is written once, a name by every record of its bearers.
SEEN = 2


@dataclass
class NameFrequencies:
    counts: Counter[str] = field(default_factory=Counter)
    names: int = 0
    #: Comparison vectors already built against these counts (``batch``), per name its own and one
    #: per further reading; emptied on every change.
    vectors: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: How many names' vectors to keep (None: all). A long-lived process (the CLI, a server) keeps a
    #: bounded number; one linking run keeps every name's, since it meets them again in each stage
    #: (at 1M records a bound of 500,000 rebuilt them for every estimation sample: 9 s of 49).
    #: About 2.4 KB a name with its readings (traced; about 1.4 KB more private memory in a server).
    vector_limit: int | None = field(default=250_000, repr=False, compare=False)
    #: Scores by the shipped name model (``resolve.name_scores``) and sentences (``compare``) of pairs
    #: of names that searches, arriving records and explanations met, against these counts; emptied
    #: on every change. A server meets the same pairs again: a common name's many spellings.
    pair_scores: dict[tuple[str, str], float] = field(default_factory=dict, repr=False, compare=False)
    sentences: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)
    #: How many of each to keep: about 150 bytes each.
    pair_limit: int = field(default=500_000, repr=False, compare=False)

    def add(self, parsed: ParsedName) -> None:
        self.vectors.clear()
        self.pair_scores.clear()
        self.sentences.clear()
        self.names += 1
        self.counts.update({t.key.phonetic for t in parsed.identity_tokens if t.key.phonetic})

    def update(self, names: Iterable[ParsedName]) -> NameFrequencies:
        for parsed in names:
            self.add(parsed)
        return self

    def rarity(self, key: str) -> float:
        """0 for a part every name has, 1 for one never seen: normalised inverse document frequency."""
        if not key or self.names == 0:
            return 0.5
        return math.log((self.names + 1) / (self.counts.get(key, 0) + 1)) / math.log(self.names + 1)

    def seen(self, key: str) -> bool:
        """The part was met in more than one name: a name people bear, not only one clerk's slip."""
        return self.counts.get(key, 0) >= SEEN

    def to_dict(self, top: int | None = 5000) -> dict[str, object]:
        return {"names": self.names, "counts": dict(self.counts.most_common(top))}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> NameFrequencies:
        counts = data.get("counts", {})
        names = data.get("names", 0)
        assert isinstance(counts, dict) and isinstance(names, int)
        return cls(Counter({str(k): int(v) for k, v in counts.items()}), names)


def make_room(cache: dict[Any, Any], limit: int | None) -> None:
    """Make room in a full cache by its older half (a dict keeps the order of insertion). Emptying
    it all made every name of the next searches a first meeting at once."""
    if limit is None or len(cache) < limit:
        return
    try:
        for key in list(islice(cache, len(cache) // 2)):
            cache.pop(key, None)
    except RuntimeError:  # another thread changed it meanwhile: it is made room in next time
        pass
