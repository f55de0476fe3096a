from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crossroads.records.model import Problem

#: A single input row larger than this is refused whole (no property can legitimately need it).
MAX_ROW_BYTES = 1 << 20


@dataclass(frozen=True)
class RawRow:
    """One physical input row: its line number, its text as received, and what it parsed to."""

    line: int
    raw: str
    data: Any = None
    problem: Problem | None = None
    raw_bytes: bytes | None = None  # set when ``raw`` is not a faithful decoding of the input
