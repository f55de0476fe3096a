"""Small synthetic records for store and ingest tests (the demo generator makes the big ones)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

GIVEN = ["Youssef", "Karim", "Samira", "Nadia", "Bilal", "Hamza", "Ilias", "Soufiane", "Leila", "Anouar"]
FAMILY = ["El Ouardi", "Benali", "Azzouzi", "Tahiri", "Bouzidi", "Chaouki", "Lahlou", "Mernissi"]


def person(n: int, source: str = "police.zone.brussels-west", **overrides: Any) -> dict[str, Any]:
    """The n-th synthetic record of a source: deterministic, valid, distinct per n."""
    given, family = GIVEN[n % len(GIVEN)], FAMILY[(n // len(GIVEN)) % len(FAMILY)]
    record: dict[str, Any] = {
        "id": f"rec-{n:06d}",
        "source": source,
        "schema": "Person",
        "properties": {
            "name": [f"{family.upper()} {given}"],
            "firstName": [given],
            "lastName": [family],
            "birthDate": [f"{1970 + n % 35}-{1 + n % 12:02d}-{1 + n % 28:02d}"],
            "nationality": ["be"],
        },
        "classification": "restricted",
        "caveats": [],
    }
    record.update(overrides)
    return record


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    with path.open("wb") as handle:
        for row in rows:
            handle.write((row if isinstance(row, bytes) else orjson.dumps(row)) + b"\n")
    return path
