"""The record: one agency's statement about one person, in the interchange format of FORMAT.md.

A ``Record`` holds *normalised* values (ISO dates, ISO country codes, canonical national register
numbers); the payload exactly as received is kept beside it by the store, so nothing is rewritten
without a trace.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field


class Classification(StrEnum):
    """Protective marking, ordered: a reader needs a clearance at least as high."""

    UNCLASSIFIED = "unclassified"
    RESTRICTED = "restricted"
    CONFIDENTIAL = "confidential"
    SECRET = "secret"

    @property
    def rank(self) -> int:
        return list(Classification).index(self)


DEFAULT_CLASSIFICATION = Classification.RESTRICTED

#: Caveats with a defined meaning; others are accepted if well-formed and kept for later rules.
KNOWN_CAVEATS = {
    "NOFORN": "not releasable to foreign partners",
    "ORCON": "originator controls any further release",
    "PREVENTION": "may be shared with prevention services",
    "NODISCOVERY": "hidden from discovery (source protection): no hit outside the originating agency",
}


class Record(BaseModel):
    """A validated, normalised person record."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    id: str
    source: str
    schema_name: str = Field(default="Person", alias="schema")
    properties: dict[str, list[str]]
    classification: Classification = DEFAULT_CLASSIFICATION
    caveats: list[str] = Field(default_factory=list)
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Top-level keys this version does not know, kept verbatim."
    )

    @classmethod
    def trusted(
        cls,
        *,
        id: str,
        source: str,
        properties: dict[str, list[str]],
        classification: Classification,
        caveats: list[str],
        extra: dict[str, Any],
        schema_name: str = "Person",
    ) -> Record:
        """A record from values ``records.validate`` has already checked, with no second pass
        (at ingest, or as the store gives back what it checked then).

        What pydantic's ``model_construct`` does for this model, without its per-field alias
        search: ingest builds one record a row, and that search was a tenth of validation.
        ``tests/records/test_validate.py`` holds it equal to a fully validated ``Record``.
        """
        record = cls.__new__(cls)
        fields = {
            "id": id,
            "source": source,
            "schema_name": schema_name,
            "properties": properties,
            "classification": classification,
            "caveats": caveats,
            "extra": extra,
        }
        object.__setattr__(record, "__dict__", fields)
        object.__setattr__(record, "__pydantic_fields_set__", set(fields))
        object.__setattr__(record, "__pydantic_extra__", None)
        object.__setattr__(record, "__pydantic_private__", None)
        return record

    def to_dict(self) -> dict[str, Any]:
        """The interchange form (FORMAT.md), unknown top-level keys included."""
        out: dict[str, Any] = dict(self.extra)
        out.update(
            {
                "id": self.id,
                "source": self.source,
                "schema": self.schema_name,
                "properties": self.properties,
                "classification": self.classification.value,
                "caveats": self.caveats,
            }
        )
        return out

    def content_hash(self) -> str:
        """A digest of everything the record says, so re-ingesting an unchanged record is a no-op."""
        return hashlib.sha256(orjson.dumps(self.to_dict(), option=orjson.OPT_SORT_KEYS)).hexdigest()

    def first(self, prop: str) -> str | None:
        values = self.properties.get(prop)
        return values[0] if values else None


@dataclass(frozen=True)
class Problem:
    """Why one input row was refused: where (line, field), a stable code, and plain words."""

    line: int
    field: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message} [{self.code}]"
