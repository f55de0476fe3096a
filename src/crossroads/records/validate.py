"""Turn one parsed input object into a normalised ``Record``, or say exactly why not.

Every problem names the line, the field (``properties.birthDate[1]``) and the reason, so a data
steward can fix the row; a row with any problem is refused whole, never half-stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from followthemoney import model

from crossroads.records import normalise
from crossroads.records.model import Classification, Problem, Record

_SOURCE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
_CAVEAT = re.compile(r"^[A-Z][A-Z0-9_-]{0,31}$")
_ID_MAX = 200
_KNOWN_TOP = {"id", "source", "schema", "properties", "classification", "caveats"}
#: ``datasets`` is kept only when it says more than ``source`` does (several datasets).
#: Properties that, alone, can identify a person; a record with none of them cannot be linked.
IDENTIFYING = ("name", "firstName", "lastName", "alias", "weakAlias", "idNumber", "passportNumber")
_PERSON = model.get("Person")


Then = Callable[[str, date], str]


@dataclass(frozen=True, slots=True)
class _Rule:
    """How one property's values are checked: the general text checks, then a type's own rule."""

    limit: int
    free_text: bool
    then: Then | None = None


def _plain(clean: Callable[[str], str]) -> Then:
    return lambda text, _today: clean(text)


def _date_rule(birth: bool) -> Then:
    return lambda text, today: normalise.clean_date(text, today=today, birth=birth)


_TYPE_RULES: dict[str, Then] = {
    "country": _plain(normalise.clean_country),
    "gender": _plain(normalise.clean_gender),
    "identifier": _plain(normalise.clean_identifier),
}


@lru_cache(maxsize=512)
def _rule(prop: str) -> _Rule:
    """How a property is checked, chosen once from its FollowTheMoney type; unknown ones are strings."""
    spec = _PERSON.get(prop) if _PERSON is not None else None
    if spec is None:
        return _Rule(normalise.DEFAULT_MAX_LENGTH, free_text=False)
    limit = int(spec.max_length or normalise.DEFAULT_MAX_LENGTH)
    type_name = spec.type.name
    if type_name == "date":
        return _Rule(limit, free_text=False, then=_date_rule(birth=prop == "birthDate"))
    if type_name == "text":
        return _Rule(limit, free_text=True)
    if type_name in ("country", "gender"):
        # FollowTheMoney's limit is for the normalised code; the input may be a full name
        # ("République démocratique du Congo"), so the raw text gets the general limit.
        limit = normalise.DEFAULT_MAX_LENGTH
    return _Rule(limit, free_text=False, then=_TYPE_RULES.get(type_name))


def _clean_value(raw: str, rule: _Rule, today: date) -> str:
    """One value through its rule; raises ``normalise.ValueProblem``.

    Most values are short printable ASCII, which ``clean_text`` would return stripped and unchanged;
    they skip it (this is the ingest hot path, about ten values a record).
    """
    text = raw.strip()
    if not (text.isascii() and text.isprintable()) or len(text) > rule.limit:
        text = normalise.clean_text(text, free_text=rule.free_text, max_length=rule.limit)
    if rule.then is not None and text:
        text = rule.then(text, today)
    return text


class Validated(NamedTuple):
    """The outcome for one row: a record, or the problems; ``record_id`` when one could be read.

    A named tuple rather than a frozen dataclass: one is built per input row, at a third the cost.
    """

    record: Record | None
    problems: list[Problem]
    record_id: str | None
    source: str | None


def validate(data: Any, *, line: int, default_source: str | None, today: date) -> Validated:
    problems: list[Problem] = []

    def problem(field: str, code: str, message: str) -> None:
        problems.append(Problem(line, field, code, message))

    if not isinstance(data, dict):
        problem("(row)", "not_an_object", f"expected a JSON object, found {type(data).__name__}")
        return Validated(None, problems, None, default_source)

    record_id = read_id(data.get("id"), problem)
    source = read_source(data, default_source, problem)
    schema = data.get("schema", "Person")
    if schema == "Person":
        pass
    elif not isinstance(schema, str):
        problem("schema", "wrong_type", "must be a string such as 'Person'")
    elif model.get(schema) is None:
        problem("schema", "unknown_schema", f"{schema!r} is not a FollowTheMoney schema")
    elif schema != "Person":
        problem(
            "schema",
            "unsupported_schema",
            f"{schema!r} entities are not accepted: only Person, and Family and Associate relationships",
        )

    classification = read_classification(data.get("classification"), problem)
    caveats = read_caveats(data.get("caveats", []), problem)
    properties = read_properties(data.get("properties"), problem, today)
    if properties is not None and not problems and not any(properties.get(p) for p in IDENTIFYING):
        problem(
            "properties",
            "no_identity",
            "has no name, alias or identifier; a person record needs at least one of "
            + ", ".join(IDENTIFYING),
        )

    extra = {k: v for k, v in data.items() if k not in _KNOWN_TOP}
    if extra.get("datasets") == [source]:
        del extra["datasets"]
    for key, value in extra.items():
        if _has_control_character(key) or _has_control_character(value):
            problem(key, "control_characters", "an unknown top-level key holds a control character")
    if problems or record_id is None or source is None or properties is None:
        return Validated(None, problems, record_id, source)
    # Every field was checked above; construct without a second validation pass (ingest hot path).
    record = Record.trusted(
        id=record_id,
        source=source,
        properties=properties,
        classification=classification,
        caveats=caveats,
        extra=extra,
    )
    return Validated(record, [], record_id, source)


def _has_control_character(value: Any) -> bool:
    """Unknown top-level keys are kept verbatim, but a NUL or other control character in them would
    not survive the store (PostgreSQL refuses NUL in text and JSONB)."""
    if isinstance(value, str):
        return not value.isprintable() and normalise.has_control_character(value)
    if isinstance(value, dict):
        return any(_has_control_character(k) or _has_control_character(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_control_character(v) for v in value)
    return False


# The envelope readers below (id, source, classification, caveats, properties) are shared by person
# records and relationship records (``records.relations``): both carry the same envelope.


def read_id(value: Any, problem: Any) -> str | None:
    if value is None or value == "":
        problem("id", "missing_id", "every record needs an 'id', unique within its source")
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # numeric ids from database exports are common and unambiguous
    if not isinstance(value, str):
        problem("id", "wrong_type", f"must be a string, found {type(value).__name__}")
        return None
    try:
        cleaned = normalise.clean_text(value, free_text=False, max_length=_ID_MAX)
    except normalise.ValueProblem as exc:
        problem("id", exc.code, f"the id {exc.message}")
        return None
    if not cleaned:
        problem("id", "missing_id", "the id is blank; every record needs an id, unique within its source")
        return None
    return cleaned


def read_source(data: dict[str, Any], default_source: str | None, problem: Any) -> str | None:
    value = data.get("source")
    if value is None:
        datasets = data.get("datasets")
        if isinstance(datasets, list) and datasets and isinstance(datasets[0], str):
            value = datasets[0]
    if value is None:
        value = default_source
    if value is None:
        problem("source", "missing_source", "no 'source' in the record and no --source given")
        return None
    if not isinstance(value, str) or not _SOURCE.match(value):
        problem(
            "source",
            "invalid_source",
            f"{value!r} is not an agency code (lower case letters, digits, '.', '-', '_')",
        )
        return None
    if default_source is not None and value != default_source:
        problem(
            "source",
            "source_mismatch",
            f"the record says source {value!r} but it is being ingested as {default_source!r}",
        )
        return None
    return value


def read_classification(value: Any, problem: Any) -> Classification:
    if value is None:
        return Classification.RESTRICTED
    if isinstance(value, str):
        try:
            return Classification(value.strip().lower())
        except ValueError:
            pass
    allowed = ", ".join(c.value for c in Classification)
    problem("classification", "unknown_classification", f"{value!r} is not one of {allowed}")
    return Classification.RESTRICTED


def read_caveats(value: Any, problem: Any) -> list[str]:
    if not isinstance(value, list):
        problem("caveats", "wrong_type", "must be a list of strings such as ['NOFORN']")
        return []
    caveats: list[str] = []
    for i, caveat in enumerate(value):
        token = caveat.strip().upper() if isinstance(caveat, str) else None
        if token is None or not _CAVEAT.match(token):
            problem(f"caveats[{i}]", "invalid_caveat", f"{caveat!r} is not a caveat code like NOFORN")
        elif token not in caveats:
            caveats.append(token)
    return caveats


def read_properties(value: Any, problem: Any, today: date) -> dict[str, list[str]] | None:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        problem("properties", "wrong_type", f"must be an object, found {type(value).__name__}")
        return None
    out: dict[str, list[str]] = {}
    for prop, values in value.items():
        if not isinstance(values, list):
            problem(
                f"properties.{prop}",
                "wrong_type",
                f"must be a list of strings, found {type(values).__name__} (wrap a single value in [])",
            )
            continue
        rule = _rule(prop)
        cleaned: list[str] = []
        for i, raw in enumerate(values):
            if not isinstance(raw, str):
                problem(
                    f"properties.{prop}[{i}]", "wrong_type", f"must be a string, found {type(raw).__name__}"
                )
                continue
            try:
                item = _clean_value(raw, rule, today)
            except normalise.ValueProblem as exc:
                problem(f"properties.{prop}[{i}]", exc.code, exc.message)
                continue
            if item and item not in cleaned:
                cleaned.append(item)
        out[prop] = cleaned
    return out
