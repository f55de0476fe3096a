"""The malformed-input corpus (tests/records/malformed): loading its expectations.

Shared by the records-level test (read + validate) and the ingest-level test (both stores).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "records" / "malformed"
EXPECTED = CORPUS / "expected.toml"
TODAY = date(2026, 11, 22)
STAGES = ("validate", "ingest")
CASE_KEYS = {"file", "defect", "source", "stage", "good", "bad", "values", "xfail_reason"}


@dataclass(frozen=True)
class ExpectedValue:
    record_id: str
    field: str
    equals: Any


@dataclass(frozen=True)
class Case:
    """One corpus file and what reading and validating it must give."""

    file: str
    defect: str
    source: str | None
    stage: str
    good: tuple[str, ...]
    bad: dict[int, list[tuple[str, str]]]
    values: tuple[ExpectedValue, ...]
    xfail_reason: str | None

    @property
    def path(self) -> Path:
        return CORPUS / self.file


def _only_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ValueError(f"{EXPECTED.name}, {where}: unknown keys {sorted(unknown)} (a typo?)")


def load_cases() -> list[Case]:
    """The expectations, checked strictly so that a typo in expected.toml cannot silently weaken a test."""
    document = tomllib.loads(EXPECTED.read_text(encoding="utf-8"))
    _only_keys(document, {"case"}, "top level")
    cases: list[Case] = []
    for table in document["case"]:
        where = str(table.get("file"))
        _only_keys(table, CASE_KEYS, where)
        bad: dict[int, list[tuple[str, str]]] = {}
        for row in table["bad"]:
            _only_keys(row, {"line", "problems"}, where)
            if row["line"] in bad:
                raise ValueError(f"{EXPECTED.name}, {where}: line {row['line']} listed twice")
            bad[row["line"]] = [(p["code"], p["field"]) for p in row["problems"]]
        values = []
        for value in table.get("values", []):
            _only_keys(value, {"id", "field", "equals"}, where)
            values.append(ExpectedValue(value["id"], value["field"], value["equals"]))
        stage = table.get("stage", "validate")
        if stage not in STAGES:
            raise ValueError(f"{EXPECTED.name}, {where}: stage must be one of {STAGES}")
        cases.append(
            Case(
                file=table["file"],
                defect=table["defect"],
                source=table.get("source"),
                stage=stage,
                good=tuple(table["good"]),
                bad=bad,
                values=tuple(values),
                xfail_reason=table.get("xfail_reason"),
            )
        )
    return cases
