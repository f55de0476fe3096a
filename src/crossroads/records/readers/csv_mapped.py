"""Read an agency's own CSV export through its column-mapping file (docs/csv-mapping.md).

The reader deals with the file's physical shape only: bytes in the declared encoding, the delimiter,
quoted cells spanning lines, the number of cells per row. Each data row comes out with the physical
line where it starts, its original cells (header to cell, as a JSON object the store keeps) and the
interchange dict the mapping makes of them. Content checks belong to ``records.validate``.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import orjson

from crossroads.errors import InputFileError, MappingError
from crossroads.records.mapping import CellProblem, CsvMapping, load_mapping
from crossroads.records.model import Problem
from crossroads.records.readers.base import MAX_ROW_BYTES, RawRow

_UTF8_BOM = b"\xef\xbb\xbf"
# Bytes the declared encoding cannot decode are kept as lone surrogates (``surrogateescape``), which
# no correctly decoded text contains; finding one names the cell and the byte.
_UNDECODED = re.compile("[\udc80-\udcff]")
EXTRA_CELLS = "(extra cells)"
UNPARSED = "(unparsed)"


class _PhysicalLines:
    """The file's lines, decoded, counting bytes and keeping the text of the row being read.

    Lines are split on ``\\n`` in bytes, which is safe because the mapping only admits encodings in
    which the CSV structure characters are their ASCII bytes.
    """

    def __init__(self, handle: BinaryIO, encoding: str) -> None:
        self._handle = handle
        self.encoding = encoding
        self.row_bytes = 0
        self.row_text: list[str] = []

    def start_row(self) -> None:
        self.row_bytes = 0
        self.row_text = []

    def __iter__(self) -> Iterator[str]:
        for number, line in enumerate(self._handle, start=1):
            if number == 1 and self.encoding == "utf-8" and line.startswith(_UTF8_BOM):
                line = line[len(_UTF8_BOM) :]
            self.row_bytes += len(line)
            text = line.decode(self.encoding, errors="surrogateescape")
            if self.row_bytes <= MAX_ROW_BYTES:
                self.row_text.append(text)
            yield text

    def visible(self, text: str) -> str:
        """Text with undecodable bytes shown as ``\\x81``, so it can be stored and read."""
        if not _UNDECODED.search(text):
            return text
        return text.encode(self.encoding, errors="surrogateescape").decode(
            self.encoding, errors="backslashreplace"
        )


def read_csv(path: Path, mapping_path: Path) -> Iterator[RawRow]:
    """The rows of ``path`` as ``mapping_path`` describes them, one ``RawRow`` per data row.

    Whole-file problems (bad mapping, unreadable header, a mapped column missing from the header) raise
    ``MappingError`` / ``InputFileError`` here, before any row is returned; row problems never do.
    Rows whose cells are all empty carry nothing and are skipped.
    """
    mapping = load_mapping(mapping_path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such file")
    with path.open("rb") as handle:
        lines = _PhysicalLines(handle, mapping.encoding)
        header = _read_header(csv.reader(lines, delimiter=mapping.delimiter, strict=True), path, mapping)
    mapping.check_header(header, mapping_path, path)
    return _rows(path, mapping)


def _rows(path: Path, mapping: CsvMapping) -> Iterator[RawRow]:
    with path.open("rb") as handle:
        lines = _PhysicalLines(handle, mapping.encoding)
        reader = csv.reader(lines, delimiter=mapping.delimiter, strict=True)
        header = _read_header(reader, path, mapping)
        while True:
            start = reader.line_num + 1
            lines.start_row()
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield _malformed(start, lines, exc)
                continue
            if any(cell.strip() for cell in cells):
                yield _row(start, cells, header, lines, mapping)


def _read_header(reader: Iterator[list[str]], path: Path, mapping: CsvMapping) -> list[str]:
    """Column names, stripped; an unnamed column is called ``(column N)`` so raw rows keep its cells."""
    try:
        cells = next(reader, None)
    except csv.Error as exc:
        raise InputFileError(f"{path}: the header line cannot be read as CSV ({exc})") from None
    if not cells or not any(cell.strip() for cell in cells):
        raise InputFileError(f"{path}: the first line must be the header naming the columns; it is empty")
    header = [cell.strip() or f"(column {i})" for i, cell in enumerate(cells, start=1)]
    if any(_UNDECODED.search(name) for name in header):
        raise InputFileError(
            f"{path}: the header is not valid {mapping.encoding}; set 'encoding' in the mapping file "
            "to the export's encoding (often cp1252 or latin-1 for older systems)"
        )
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise InputFileError(
            f"{path}: the header names {', '.join(repr(d) for d in duplicates)} more than once; "
            "rename the duplicates in the export so every column has its own name"
        )
    return header


def _row(
    line: int, cells: list[str], header: list[str], lines: _PhysicalLines, mapping: CsvMapping
) -> RawRow:
    if lines.row_bytes > MAX_ROW_BYTES:
        raw = orjson.dumps({UNPARSED: lines.visible("".join(lines.row_text))[:1000]}).decode()
        return _refused(
            line,
            raw,
            "(row)",
            "oversized_record",
            f"the row is {lines.row_bytes} bytes; at most {MAX_ROW_BYTES} are accepted",
        )
    shown = [lines.visible(cell) for cell in cells]
    original: dict[str, object] = dict(zip(header, shown, strict=False))
    if len(cells) > len(header):
        original[EXTRA_CELLS] = shown[len(header) :]
    raw = orjson.dumps(original).decode()
    if len(cells) != len(header):
        delimiter = "tab" if mapping.delimiter == "\t" else repr(mapping.delimiter)
        return _refused(
            line,
            raw,
            "(row)",
            "wrong_column_count",
            f"has {len(cells)} cells but the header has {len(header)} columns; a value containing the "
            f"delimiter {delimiter} must be in double quotes, or the row was cut",
        )
    for name, cell in zip(header, cells, strict=True):
        undecoded = _UNDECODED.search(cell)
        if undecoded:
            byte = ord(undecoded.group()) - 0xDC00
            return _refused(
                line,
                raw,
                f"column {name}",
                "invalid_encoding",
                f"byte 0x{byte:02X} is not valid {mapping.encoding}, the encoding the mapping declares; "
                "re-export in that encoding or correct 'encoding' in the mapping",
            )
    try:
        data = mapping.to_interchange(dict(zip(header, cells, strict=True)))
    except CellProblem as exc:
        return _refused(line, raw, f"column {exc.column}", exc.code, exc.message)
    return RawRow(line, raw, data=data)


def _malformed(line: int, lines: _PhysicalLines, exc: csv.Error) -> RawRow:
    raw = orjson.dumps({UNPARSED: lines.visible("".join(lines.row_text))[:1000]}).decode()
    return _refused(
        line,
        raw,
        "(row)",
        "malformed_csv",
        f'cannot be read as CSV ({exc}); a double quote inside a value must be doubled (""), and a '
        "quoted value must be closed",
    )


def _refused(line: int, raw: str, field: str, code: str, message: str) -> RawRow:
    return RawRow(line, raw, problem=Problem(line, field, code, message))


def row_from_cells(cells: dict[str, object], mapping_text: str, line: int) -> RawRow:
    """Re-read one CSV row kept as a JSON object of header → cell (a quarantine replay).

    The mapping is the text the original batch was ingested with, so the replay reads the row
    exactly as the first ingest did; a steward's corrected row must name every mapped column.
    """
    try:
        mapping = CsvMapping.model_validate(tomllib.loads(mapping_text))
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise MappingError(f"the mapping stored with this batch no longer loads: {exc}") from None
    raw = orjson.dumps(cells).decode()
    if UNPARSED in cells or EXTRA_CELLS in cells:
        return _refused(
            line,
            raw,
            "(row)",
            "wrong_column_count",
            "the row could not be split into the header's columns; give it as an object of column → value",
        )
    missing = [c for c in mapping.columns() if c not in cells]
    if missing:
        return _refused(
            line,
            raw,
            f"column {missing[0]}",
            "wrong_column_count",
            f"the corrected row lacks the mapped column(s) {', '.join(missing)}",
        )
    text_cells = {k: v if isinstance(v, str) else "" if v is None else str(v) for k, v in cells.items()}
    try:
        data = mapping.to_interchange(text_cells)
    except CellProblem as exc:
        return _refused(line, raw, f"column {exc.column}", exc.code, exc.message)
    return RawRow(line, raw, data=data)
