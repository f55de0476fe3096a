"""The JSON Lines reader: UTF-8 as the contract says, and a BOM-marked UTF-16 export read whole."""

from __future__ import annotations

from pathlib import Path

import orjson

from crossroads.records.readers.jsonl import read_jsonl

ROWS = [
    {"id": f"r{n}", "source": "police.zone.midi", "properties": {"name": [f"BOUZIDI Hamza {n}"]}}
    for n in (1, 2)
]


def _text() -> str:
    return "\r\n".join(orjson.dumps(r).decode() for r in ROWS) + "\r\n"


def test_utf16_big_and_little_endian_exports_are_read_row_by_row(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.jsonl"
        bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
        path.write_bytes(bom + _text().encode(codec))
        rows = list(read_jsonl(path))
        assert [r.line for r in rows] == [1, 2] and all(r.problem is None for r in rows)
        assert [r.data["id"] for r in rows] == ["r1", "r2"]


def test_a_file_that_only_looks_utf16_is_read_as_utf8_and_refused_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b"\xff\xfe" + _text().encode("utf-16-le")[:-1])  # a byte short: not UTF-16
    rows = list(read_jsonl(path))
    assert rows and rows[0].problem is not None and rows[0].problem.code == "invalid_encoding"
