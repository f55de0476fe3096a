from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import date
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.errors import InputFileError, MappingError
from crossroads.records.readers import read_rows
from crossroads.records.readers.base import RawRow
from crossroads.records.readers.csv_mapped import EXTRA_CELLS, read_csv
from crossroads.records.validate import validate

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2024, 6, 1)

FRENCH_MAPPING = """
source = "police.zone.test"
delimiter = ";"
encoding = "{encoding}"
id_column = "NUMERO"
[properties]
lastName = "NOM"
firstName = "PRENOM"
birthDate = {{ column = "DATE_NAISSANCE", date_format = "%d/%m/%Y" }}
alias = {{ column = "ALIAS", split = "|" }}
"""
FRENCH_HEADER = "NUMERO;NOM;PRENOM;DATE_NAISSANCE;ALIAS\n"


def french(tmp_path: Path, body: bytes, encoding: str = "utf-8") -> list[RawRow]:
    mapping = tmp_path / "fr.toml"
    mapping.write_text(FRENCH_MAPPING.format(encoding=encoding), encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_bytes(FRENCH_HEADER.encode() + body)
    return list(read_csv(export, mapping))


def only_problem(rows: list[RawRow]) -> RawRow:
    refused = [row for row in rows if row.problem is not None]
    assert len(refused) == 1
    return refused[0]


@pytest.mark.parametrize(("name", "lines"), [("police-fr", [2, 3, 5, 6]), ("politie-nl", [2, 3, 4])])
def test_examples_read_and_validate_cleanly(name: str, lines: list[int]) -> None:
    path = ROOT / "examples" / "csv" / f"{name}.csv"
    rows = list(read_csv(path, ROOT / "examples" / "mappings" / f"{name}.toml"))
    assert [row.line for row in rows] == lines
    for row in rows:
        checked = validate(row.data, line=row.line, default_source=None, today=TODAY)
        assert checked.problems == []
        assert checked.record is not None
        for value in checked.record.properties.get("birthDate", []):
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)


def test_french_example_decodes_cp1252_and_keeps_the_original_cells() -> None:
    rows = list(read_csv(ROOT / "examples/csv/police-fr.csv", ROOT / "examples/mappings/police-fr.toml"))
    second = rows[1]
    original = orjson.loads(second.raw)
    assert original["PRENOM"] == "Hélène"
    assert original["DATE_NAISSANCE"] == "02/11/1988"
    assert "\n" in original["REMARQUES"]
    assert second.data["properties"]["birthDate"] == ["1988-11-02"]
    assert second.data["classification"] == "confidential"
    assert second.data["caveats"] == ["NOFORN", "ORCON"]


def test_empty_cells_give_no_value(tmp_path: Path) -> None:
    (row,) = french(tmp_path, b"A1;Dubois;;;\n")
    assert row.data["properties"] == {"lastName": ["Dubois"]}
    assert row.data["source"] == "police.zone.test"


def test_blank_and_empty_rows_are_skipped_without_shifting_lines(tmp_path: Path) -> None:
    rows = french(tmp_path, b"\nA1;Dubois;;;\n;;;;\n  ;;; ;\nA2;Martin;;;\n")
    assert [(row.line, row.data["id"]) for row in rows] == [(3, "A1"), (6, "A2")]


def test_wrong_column_count(tmp_path: Path) -> None:
    rows = french(tmp_path, b"A1;Dubois;;;\nA2;Martin;Luc;01/02/1990;Lulu;extra\nA3;Petit\n")
    assert [row.line for row in rows] == [2, 3, 4]
    too_many, too_few = rows[1], rows[2]
    for row in (too_many, too_few):
        assert row.problem is not None
        assert (row.problem.code, row.problem.line, row.problem.field) == (
            "wrong_column_count",
            row.line,
            "(row)",
        )
    assert orjson.loads(too_many.raw)[EXTRA_CELLS] == ["extra"]
    assert orjson.loads(too_few.raw) == {"NUMERO": "A3", "NOM": "Petit"}


def test_invalid_encoding_names_the_column_and_keeps_reading(tmp_path: Path) -> None:
    rows = french(tmp_path, b"A1;Dubois;;;\nA2;Mart\xffin;;;\nA3;Petit;;;\n")
    bad = only_problem(rows)
    assert bad.problem is not None
    assert (bad.problem.code, bad.problem.line, bad.problem.field) == ("invalid_encoding", 3, "column NOM")
    assert "0xFF" in bad.problem.message
    assert orjson.loads(bad.raw)["NOM"] == "Mart\\xffin"
    assert [row.data["id"] for row in rows if row.data] == ["A1", "A3"]


def test_byte_undefined_in_cp1252_is_invalid_encoding(tmp_path: Path) -> None:
    rows = french(tmp_path, "A1;Lefèvre;;;\nA2;;Rémi".encode("cp1252") + b"\x81;;\n", "cp1252")
    assert rows[0].data["properties"]["lastName"] == ["Lefèvre"]
    bad = only_problem(rows)
    assert bad.problem is not None
    assert (bad.problem.code, bad.problem.line, bad.problem.field) == ("invalid_encoding", 3, "column PRENOM")


def test_date_not_in_declared_format(tmp_path: Path) -> None:
    body = b'A1;Dubois;;14/03/1991;\n"A2";"Martin";"Luc\nJean";1990-02-01;\nA3;Petit;;31/02/1991;\n'
    rows = french(tmp_path, body)
    assert rows[0].data["properties"]["birthDate"] == ["1991-03-14"]
    problems = [(r.problem.code, r.problem.line, r.problem.field) for r in rows if r.problem]
    assert problems == [
        ("invalid_date", 3, "column DATE_NAISSANCE"),
        ("invalid_date", 5, "column DATE_NAISSANCE"),
    ]


def test_unclosed_quote_is_malformed_csv(tmp_path: Path) -> None:
    rows = french(tmp_path, b'A1;Dubois;;;\nA2;"Martin;;;\nA3;Petit;;;\n')
    assert rows[0].data["id"] == "A1"
    bad = rows[-1]
    assert bad.problem is not None
    assert (bad.problem.code, bad.problem.line, bad.problem.field) == ("malformed_csv", 3, "(row)")
    assert "A3;Petit" in orjson.loads(bad.raw)["(unparsed)"]


def test_text_after_closing_quote_is_malformed_csv_and_next_row_reads(tmp_path: Path) -> None:
    rows = french(tmp_path, b'A1;"Dubois"x;;;\nA2;Martin;;;\n')
    assert rows[0].problem is not None and rows[0].problem.code == "malformed_csv"
    assert rows[0].line == 2
    assert (rows[1].line, rows[1].data["id"]) == (3, "A2")


def test_utf8_bom_and_crlf_are_tolerated(tmp_path: Path) -> None:
    mapping = tmp_path / "fr.toml"
    mapping.write_text(FRENCH_MAPPING.format(encoding="utf-8"), encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_bytes(b"\xef\xbb\xbf" + FRENCH_HEADER.replace("\n", "\r\n").encode() + b"A1;Dubois;;;\r\n")
    (row,) = read_csv(export, mapping)
    assert row.data["id"] == "A1"
    assert row.data["properties"]["lastName"] == ["Dubois"]


def test_mapped_column_missing_from_header_fails_before_any_row(tmp_path: Path) -> None:
    mapping = tmp_path / "fr.toml"
    mapping.write_text(FRENCH_MAPPING.format(encoding="utf-8"), encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_bytes(b"NUMERO;NOM;PRENOM;NAISSANCE;ALIAS\nA1;Dubois;;;\n")
    with pytest.raises(MappingError) as caught:
        read_csv(export, mapping)  # not iterated: whole-file errors come at the call
    assert str(mapping) in str(caught.value)
    assert "'DATE_NAISSANCE'" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "it is empty"),
        (b"NUMERO;NOM;NOM;PRENOM;DATE_NAISSANCE;ALIAS\n", "'NOM' more than once"),
        (b"NUMERO;N\xffM;PRENOM;DATE_NAISSANCE;ALIAS\n", "the header is not valid utf-8"),
    ],
)
def test_unreadable_header_is_a_whole_file_error(tmp_path: Path, content: bytes, fragment: str) -> None:
    mapping = tmp_path / "fr.toml"
    mapping.write_text(FRENCH_MAPPING.format(encoding="utf-8"), encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_bytes(content)
    with pytest.raises(InputFileError, match=fragment):
        read_csv(export, mapping)


def test_read_rows_dispatches_csv_with_a_mapping() -> None:
    rows = list(
        read_rows(
            ROOT / "examples/csv/politie-nl.csv",
            mapping=ROOT / "examples/mappings/politie-nl.toml",
        )
    )
    assert [row.data["id"] for row in rows] == ["PZN-16-1001", "PZN-16-1002", "PZN-16-1003"]


DIALECTS = st.sampled_from(
    [(";", "utf-8"), (",", "utf-8"), ("\t", "cp1252"), ("|", "latin-1"), (";", "cp1252")]
)


@settings(max_examples=150, deadline=None)
@given(DIALECTS, st.data())
def test_any_text_cell_round_trips_with_its_start_line(dialect: tuple[str, str], data: st.DataObject) -> None:
    """Cells written by a standard CSV writer, whatever they contain (delimiters, quotes, line breaks),
    come back as the same value on the line where their row starts, with the original kept in raw."""
    delimiter, encoding = dialect
    cell = st.text(st.characters(codec=encoding), max_size=30)
    cells = data.draw(st.lists(cell, min_size=1, max_size=5))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["ID", "TEXTE"])
    expected_lines = []
    for i, text in enumerate(cells):
        expected_lines.append(buffer.getvalue().count("\n") + 1)
        writer.writerow([f"R{i}", text])
    with tempfile.TemporaryDirectory() as directory:
        export = Path(directory) / "export.csv"
        export.write_bytes(buffer.getvalue().encode(encoding))
        mapping = Path(directory) / "map.toml"
        mapping.write_text(
            f'delimiter = "{delimiter.encode("unicode_escape").decode()}"\nencoding = "{encoding}"\n'
            'id_column = "ID"\n[properties]\nnotes = "TEXTE"\n',
            encoding="utf-8",
        )
        rows = list(read_csv(export, mapping))
    assert [row.line for row in rows] == expected_lines
    for i, (row, text) in enumerate(zip(rows, cells, strict=True)):
        assert row.problem is None
        assert row.data["id"] == f"R{i}"
        assert row.data["properties"].get("notes") == ([text.strip()] if text.strip() else None)
        assert orjson.loads(row.raw) == {"ID": f"R{i}", "TEXTE": text}
