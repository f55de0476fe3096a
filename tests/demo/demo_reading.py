"""Read a generated demo data set back as a consumer would: persons, records, truth, manifest."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from crossroads.demo.sources import SOURCE_CODES


@dataclass
class DemoSet:
    root: Path
    manifest: dict[str, Any]
    persons: dict[str, dict[str, Any]]
    records: dict[tuple[str, str], dict[str, Any]]  # (source, id) -> record, for parseable rows
    truth: list[dict[str, str]]
    by_person: dict[str, list[tuple[str, str]]]  # person_id -> (source, id) of their records

    def records_of(self, person_id: str) -> list[dict[str, Any]]:
        return [self.records[key] for key in self.by_person.get(person_id, []) if key in self.records]


def load(root: Path) -> DemoSet:
    persons = {}
    for line in (root / "truth" / "persons.jsonl").read_bytes().splitlines():
        person = orjson.loads(line)
        persons[person["person_id"]] = person
    records = {}
    for source in SOURCE_CODES:
        for line in (root / f"{source}.jsonl").read_bytes().splitlines():
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if isinstance(data, dict) and "id" in data:
                records[(source, data["id"])] = data
    with (root / "truth" / "truth.csv").open(newline="", encoding="utf-8") as handle:
        truth = list(csv.DictReader(handle))
    by_person: dict[str, list[tuple[str, str]]] = {}
    for row in truth:
        by_person.setdefault(row["person_id"], []).append((row["source"], row["id"]))
    manifest = orjson.loads((root / "manifest.json").read_bytes())
    return DemoSet(root, manifest, persons, records, truth, by_person)
