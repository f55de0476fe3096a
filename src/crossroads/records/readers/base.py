from __future__ import annotations

from typing import Any, NamedTuple

from crossroads.records.model import Problem

#: A single input row larger than this is refused whole (no property can legitimately need it).
MAX_ROW_BYTES = 1 << 20


class RawRow(NamedTuple):
    """One physical input row: its line number, its text as received, and what it parsed to.

    A named tuple, not a frozen dataclass: one is made per input row, and it costs a third.
    """

    line: int
    raw: str
    data: Any = None
    problem: Problem | None = None
    raw_bytes: bytes | None = None  # set when ``raw`` is not a faithful decoding of the input
