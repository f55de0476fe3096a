from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

from crossroads.records.model import Problem
from crossroads.records.readers.base import MAX_ROW_BYTES, RawRow

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_jsonl(path: Path) -> Iterator[RawRow]:
    """JSON Lines, one object per line, UTF-8; blank lines are skipped, a BOM is tolerated.

    A file that opens with a UTF-16 byte-order mark (a Windows "Unicode" export) and decodes whole
    as UTF-16 is read as such, so its rows are not all lost to one wrong save option; one that does
    not decode is read as UTF-8, and each bad row is refused with its line, as for any other file.
    """
    with path.open("rb") as handle:
        head = handle.read(2)
    if head in _UTF16_BOMS:
        try:
            text = path.read_bytes().decode("utf-16")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            # Only newlines end rows (U+2028 inside a value does not), as in the UTF-8 path.
            for number, row in enumerate(text.split("\n"), start=1):
                if row.strip():
                    yield parse_json_row(number, row.rstrip("\r").lstrip("\ufeff").encode("utf-8"))
            return
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            yield parse_json_row(number, line.rstrip(b"\r\n"))


def parse_json_row(number: int, line: bytes) -> RawRow:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raw = line.decode("utf-8", errors="backslashreplace")
        return RawRow(
            number,
            raw,
            raw_bytes=line,
            problem=Problem(number, "(row)", "invalid_encoding", f"byte {exc.start + 1} is not valid UTF-8"),
        )
    if len(line) > MAX_ROW_BYTES:
        return RawRow(
            number,
            text[:1000],
            problem=Problem(
                number,
                "(row)",
                "oversized_record",
                f"the row is {len(line)} bytes; at most {MAX_ROW_BYTES} are accepted",
            ),
        )
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return RawRow(number, text, problem=Problem(number, "(row)", "malformed_json", f"not JSON: {exc}"))
    return RawRow(number, text, data=data)
