"""The malformed-input corpus: realistic defects of agency exports, each refused with its exact problem.

``malformed/`` holds one JSON Lines file per defect: a few good records around the bad row(s).
``malformed/expected.toml`` says, per file, which physical lines are refused with which (code, field),
which ids must survive, and which normalised values they must hold. Cases marked ``xfail_reason``
document a known defect of the code under test; they are strict xfails, so they fail loudly once fixed
and the mark must be removed. Cases with ``stage = "ingest"`` (duplicate ids) are for the ingest tests;
here we only check that validate alone lets their rows through.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from crossroads import records
from crossroads.records.model import Problem, Record
from crossroads.records.readers.base import MAX_ROW_BYTES
from crossroads.records.readers.jsonl import read_jsonl
from crossroads.records.validate import validate
from malformed_corpus import CORPUS, TODAY, Case, load_cases

#: Where the records layer names its problems, and which argument of each call is the code.
SCANNED_MODULES = ("validate.py", "normalise.py", "readers/jsonl.py")
CODE_ARGUMENT = {"problem": 1, "Problem": 2, "ValueProblem": 0}
#: Shown by a file generated at run time (below) rather than by a committed corpus file.
GENERATED_CODES = {"oversized_record"}


CASES = load_cases()


def _params(stage: str) -> list[Any]:
    return [
        pytest.param(
            case,
            id=case.file.removesuffix(".jsonl"),
            marks=[pytest.mark.xfail(strict=True, reason=case.xfail_reason)] if case.xfail_reason else [],
        )
        for case in CASES
        if case.stage == stage
    ]


@dataclass
class Outcome:
    """What reading and validating one file gave: refused rows by line, and the records, in file order."""

    refused: dict[int, list[Problem]]
    records: list[Record]
    ids_by_line: dict[int, str | None]

    def record(self, record_id: str) -> Record:
        found = [r for r in self.records if r.id == record_id]
        assert len(found) == 1, f"expected exactly one record {record_id!r}, found {len(found)}"
        return found[0]


def read_and_validate(path: Path, source: str | None) -> Outcome:
    """The ingest pipeline up to (not including) the store: the reader, then validate for each row."""
    outcome = Outcome({}, [], {})
    for row in read_jsonl(path):
        if row.problem is not None:
            outcome.refused[row.line] = [row.problem]
            continue
        checked = validate(row.data, line=row.line, default_source=source, today=TODAY)
        outcome.ids_by_line[row.line] = checked.record_id
        if checked.record is None:
            outcome.refused[row.line] = checked.problems
        else:
            outcome.records.append(checked.record)
    return outcome


def _field_value(record: Record, path: str) -> Any:
    value: Any = record.to_dict()
    for part in path.split("."):
        value = value[part]
    return value


def _codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return sorted((p.code, p.field) for p in problems)


@pytest.mark.parametrize("case", _params("validate"))
def test_each_bad_row_is_refused_with_its_problem_and_good_records_survive(case: Case) -> None:
    outcome = read_and_validate(case.path, case.source)

    refused = {line: _codes(problems) for line, problems in outcome.refused.items()}
    expected = {line: sorted(problems) for line, problems in case.bad.items()}
    assert refused == expected, case.defect
    for line, problems in outcome.refused.items():
        assert all(p.line == line for p in problems), "a problem must carry the line it was found on"
        assert all(p.message for p in problems), "every problem needs plain words for the data steward"
    assert [r.id for r in outcome.records] == list(case.good), case.defect
    for value in case.values:
        assert _field_value(outcome.record(value.record_id), value.field) == value.equals, value


@pytest.mark.parametrize("case", _params("ingest"))
def test_ingest_stage_cases_pass_validate_and_repeat_an_earlier_id(case: Case) -> None:
    """Duplicates are the ingest step's business: validate accepts every row, the repeat is really one."""
    outcome = read_and_validate(case.path, case.source)

    assert outcome.refused == {}
    first_seen: dict[tuple[str, str], int] = {}
    repeated_lines = []
    for line, record in zip(sorted(outcome.ids_by_line), outcome.records, strict=True):
        key = (record.source, record.id)
        if first_seen.setdefault(key, line) != line:
            repeated_lines.append(line)
    assert repeated_lines == sorted(case.bad)
    assert [rid for (_, rid), _ in sorted(first_seen.items(), key=lambda item: item[1])] == list(case.good)


def test_corpus_has_at_least_forty_cases_and_every_file_has_an_expectation() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.jsonl"))
    described = [case.file for case in CASES]
    assert len(described) == len(set(described)), "a file is described twice in expected.toml"
    assert sorted(described) == files
    assert len(CASES) >= 40
    defects = [case for case in CASES if case.bad]
    assert len(defects) >= 40, "at least 40 files must hold a real defect (not only tolerated layout)"


def emitted_codes() -> set[str]:
    """Every literal problem code in the records layer's source, so a new check is noticed here."""
    package = Path(records.__file__).parent
    codes: set[str] = set()
    for module in SCANNED_MODULES:
        for node in ast.walk(ast.parse((package / module).read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            position = CODE_ARGUMENT.get(node.func.id)
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    codes.add(argument.value)
    return codes


def test_corpus_shows_every_problem_code_the_records_layer_can_emit() -> None:
    emitted = emitted_codes()
    assert {"malformed_json", "missing_id", "invalid_date"} <= emitted, "the source scan found nothing"
    shown = {code for case in CASES for problems in case.bad.values() for code, _ in problems}
    missing = emitted - shown - GENERATED_CODES
    assert not missing, f"no corpus file shows {sorted(missing)}: add one to malformed/"


def _row_of_exactly(size: int) -> bytes:
    head = b'{"id": "pad-1", "source": "police.zone.midi", "properties": {"notes": ["'
    tail = b'"]}}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


def test_oversized_row_is_refused_whole_and_the_neighbours_survive(tmp_path: Path) -> None:
    """Generated at run time: a 1 MiB fixture has no place in the repository."""
    good = {"source": "police.zone.midi", "properties": {"name": ["PEETERS Jonas"]}}
    path = tmp_path / "oversized.jsonl"
    path.write_bytes(
        orjson.dumps({"id": "big-1", **good})
        + b"\n"
        + _row_of_exactly(MAX_ROW_BYTES + 1)
        + b"\n"
        + orjson.dumps({"id": "big-3", **good})
        + b"\n"
    )

    outcome = read_and_validate(path, None)

    assert {line: _codes(p) for line, p in outcome.refused.items()} == {2: [("oversized_record", "(row)")]}
    assert [r.id for r in outcome.records] == ["big-1", "big-3"]


def test_a_row_of_exactly_the_limit_is_parsed(tmp_path: Path) -> None:
    """The reader's limit is inclusive: MAX_ROW_BYTES passes to validate, one byte more does not."""
    path = tmp_path / "limit.jsonl"
    path.write_bytes(_row_of_exactly(MAX_ROW_BYTES) + b"\n")

    (row,) = list(read_jsonl(path))

    assert row.problem is None
    assert row.data["id"] == "pad-1"
