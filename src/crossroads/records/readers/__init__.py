"""Readers turn an input file into numbered raw rows in the interchange shape.

A reader never validates content (that is ``records.validate``): it only says, per physical row,
what was there (``raw``), what it parsed to (``data``), or why it could not be parsed (``problem``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from crossroads.errors import InputFileError
from crossroads.records.readers.base import RawRow
from crossroads.records.readers.jsonl import read_jsonl

FORMATS = ("jsonl", "csv", "ftm")


def detect_format(path: Path, mapping: Path | None) -> str:
    if mapping is not None or path.suffix.lower() in {".csv", ".tsv", ".txt"}:
        return "csv"
    return "jsonl"


def read_rows(path: Path, fmt: str | None = None, mapping: Path | None = None) -> Iterator[RawRow]:
    """Rows of ``path``; FollowTheMoney entity files are JSON Lines with ``datasets`` for ``source``."""
    if not path.is_file():
        raise InputFileError(f"{path}: no such file")
    fmt = fmt or detect_format(path, mapping)
    if fmt in ("jsonl", "ftm"):
        return read_jsonl(path)
    if fmt == "csv":
        if mapping is None:
            raise InputFileError(
                f"{path}: a CSV export needs a column-mapping file (--mapping MAP.toml); "
                "see docs/csv-mapping.md"
            )
        from crossroads.records.readers.csv_mapped import read_csv

        return read_csv(path, mapping)
    raise InputFileError(f"{path}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "RawRow", "detect_format", "read_rows"]
