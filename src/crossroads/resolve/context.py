"""What one linking run weighed its evidence with, kept so any of its decisions can be recomputed.

The model's weights alone do not say how a pair scored: the name engine weighs name parts by their
frequency among the records linked, and the name level by how rare the shared name is among them.
A ``LinkContext`` holds all three, serialises to JSON, and is stored with each resolution run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import orjson

from crossroads.names.frequencies import NameFrequencies
from crossroads.resolve.fellegi_sunter import LinkageModel


@dataclass(frozen=True)
class LinkContext:
    model: LinkageModel
    origin: str  # "estimated" from these records, or the "shipped" model
    records: int
    frequencies: NameFrequencies
    key_counts: Counter[str]
    tf_centres: dict[int, float]

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "model": orjson.loads(self.model.to_json()),
                "origin": self.origin,
                "records": self.records,
                "name_frequencies": self.frequencies.to_dict(top=None),
                # a key held by one record only is left out: absent keys count as one
                "name_key_counts": {k: n for k, n in self.key_counts.items() if n > 1},
                "tf_centres": {str(level): c for level, c in self.tf_centres.items()},
            }
        )

    @classmethod
    def from_json(cls, data: bytes) -> LinkContext:
        raw = orjson.loads(data)
        return cls(
            model=LinkageModel.from_json(orjson.dumps(raw["model"])),
            origin=str(raw["origin"]),
            records=int(raw["records"]),
            frequencies=NameFrequencies.from_dict(raw["name_frequencies"]),
            key_counts=Counter({str(k): int(v) for k, v in raw["name_key_counts"].items()}),
            tf_centres={int(level): float(c) for level, c in raw["tf_centres"].items()},
        )
