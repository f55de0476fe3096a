"""Relationship records: an agency's statement that two of its (or others') person records are
kin or associates, as FollowTheMoney ``Family`` (person, relative, relationship) and ``Associate``
(person, associate, relationship) entities.

They extend FORMAT.md without touching the Person contract: ``records.validate`` still turns only
``Person`` rows into a ``Record`` (and still refuses every other schema when called alone), and a
relationship is never a ``Record``, so nothing downstream (linking, search, the person view) can
take one for a person. Ingest sends rows whose schema is one of ``SCHEMATA`` here instead.

A person is referred to by its record reference ``SOURCE/ID`` (an id alone means a record of the
relationship record's own source). The relationship word is kept as written and read into a kind
(``sibling``, ``parent``, ``child``, ``spouse``, ``cousin``, ``relative``; ``friend``,
``co-arrest``, ``associate``) in English, French and Dutch; the kind says what the *second*
person is to the first ("the relative is the person's brother").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from crossroads.records.model import Classification, Problem
from crossroads.records.validate import (
    read_caveats,
    read_classification,
    read_id,
    read_properties,
    read_source,
)

#: The accepted relationship schemata and the properties naming their two persons.
SCHEMATA = {"Family": ("person", "relative"), "Associate": ("person", "associate")}
_SOURCE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")

KINSHIP = ("sibling", "parent", "child", "spouse", "cousin", "relative")
ASSOCIATION = ("friend", "co-arrest", "associate")
#: What the other person is to the first, seen from the other side.
INVERSE = {"parent": "child", "child": "parent"}

#: Words (folded: lower case, no accents) for each kind, in English, French and Dutch.
_WORDS = {
    "sibling": ("sibling", "brother", "sister", "half-brother", "half-sister", "frere", "soeur",
                "demi-frere", "demi-soeur", "broer", "zus", "zuster", "halfbroer", "halfzus"),
    "parent": ("parent", "father", "mother", "pere", "mere", "vader", "moeder", "ouder"),
    "child": ("child", "son", "daughter", "fils", "fille", "enfant", "zoon", "dochter", "kind"),
    "spouse": ("spouse", "wife", "husband", "epouse", "epoux", "mari", "femme", "conjoint",
               "echtgenoot", "echtgenote", "partner"),
    "cousin": ("cousin", "cousine", "neef", "nicht"),
    "friend": ("friend", "ami", "amie", "vriend", "vriendin", "childhood friend", "ami d'enfance"),
    "co-arrest": ("co-arrest", "co-arrested", "arrested together", "coarrestation",
                  "co-arrestation", "arrete ensemble", "samen gearresteerd", "medeverdachte"),
}  # fmt: skip
_KIND_OF = {word: kind for kind, words in _WORDS.items() for word in words}


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("œ", "oe"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def kind_of(schema: str, words: list[str]) -> str:
    """The kind the relationship words name; ``relative`` / ``associate`` when none is known."""
    for word in words:
        kind = _KIND_OF.get(_folded(word))
        if kind is not None and (kind in KINSHIP) == (schema == "Family"):
            return kind
    return "relative" if schema == "Family" else "associate"


@dataclass(frozen=True)
class Relation:
    """A validated relationship record."""

    id: str
    source: str
    schema_name: str  # Family or Associate
    person: tuple[str, str]  # (source, id) of the first person's record
    other: tuple[str, str]  # of the relative or associate's record
    kind: str
    properties: dict[str, list[str]]
    classification: Classification
    caveats: list[str]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.source}/{self.id}"


class CheckedRelation(NamedTuple):
    relation: Relation | None
    problems: list[Problem]
    record_id: str | None
    source: str | None


def is_relation(data: Any) -> bool:
    """Whether an input row is a relationship record (to be checked here, not as a person)."""
    return isinstance(data, dict) and data.get("schema") in SCHEMATA


def _reference(
    value: list[str] | None, own_source: str | None, prop: str, problem: Any
) -> tuple[str, str] | None:
    if not value or len(value) != 1:
        problem(
            f"properties.{prop}",
            "missing_reference",
            f"names one person record as SOURCE/ID (found {len(value or [])} values)",
        )
        return None
    text = value[0].strip()
    source, slash, record_id = text.partition("/")
    if not slash:
        source, record_id = own_source or "", text
    if not _SOURCE.match(source) or not record_id.strip():
        problem(
            f"properties.{prop}",
            "invalid_reference",
            f"{text!r} is not a record reference such as police.federal/bf-000123",
        )
        return None
    return source, record_id.strip()


def validate_relation(
    data: dict[str, Any], *, line: int, default_source: str | None, today: date
) -> CheckedRelation:
    """A ``Family`` or ``Associate`` row as a ``Relation``, or every problem with its field."""
    problems: list[Problem] = []

    def problem(where: str, code: str, message: str) -> None:
        problems.append(Problem(line, where, code, message))

    schema = str(data.get("schema"))
    first, second = SCHEMATA[schema]
    record_id = read_id(data.get("id"), problem)
    source = read_source(data, default_source, problem)
    classification = read_classification(data.get("classification"), problem)
    caveats = read_caveats(data.get("caveats", []), problem)
    properties = read_properties(data.get("properties"), problem, today)
    person = other = None
    if properties is not None:
        person = _reference(properties.get(first), source, first, problem)
        other = _reference(properties.get(second), source, second, problem)
    if person is not None and person == other:
        problem(f"properties.{second}", "self_relation", "a record cannot be related to itself")
    extra = {k: v for k, v in data.items() if k not in {"id", "source", "schema", "properties",
                                                         "classification", "caveats"}}  # fmt: skip
    if extra.get("datasets") == [source]:
        del extra["datasets"]
    if (
        problems
        or record_id is None
        or source is None
        or properties is None
        or person is None
        or other is None
    ):
        return CheckedRelation(None, problems, record_id, source)
    kind = kind_of(schema, properties.get("relationship", []))
    relation = Relation(
        record_id, source, schema, person, other, kind, properties, classification, caveats, extra
    )
    return CheckedRelation(relation, [], record_id, source)
