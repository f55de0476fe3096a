"""The column-mapping file: how one agency's own CSV export becomes interchange records.

A data steward writes one TOML file per export layout (docs/csv-mapping.md). Anything wrong with it is
a whole-file error (``MappingError``) raised before the first row is read: a wrong mapping would
otherwise refuse every row, or worse, put every surname into the wrong property.
"""

from __future__ import annotations

import codecs
import difflib
import re
import tomllib
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from followthemoney import model, registry
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from crossroads.errors import MappingError
from crossroads.records.model import DEFAULT_CLASSIFICATION, Classification

#: Accepted delimiters; ``tab`` is the word a steward is likely to write for ``"\t"``.
DELIMITERS = {";": ";", ",": ",", "\t": "\t", "tab": "\t", "|": "|"}
_DELIMITER_NAMES = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}
# An encoding is usable only if the bytes that structure a CSV file are the ASCII bytes themselves.
_STRUCTURE = '\r\n;,\t|" 0aZ'
# Same shapes as records.validate expects, checked here so a bad default fails once, not on every row.
_SOURCE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
_CAVEAT = re.compile(r"^[A-Z][A-Z0-9_-]{0,31}$")
_DAY_DIRECTIVES = ("%d", "%j")
_MONTH_DIRECTIVES = ("%m", "%b", "%B")
_READABLE_DIRECTIVES = {"%d": "dd", "%m": "mm", "%Y": "yyyy", "%b": "mon", "%B": "month", "%j": "ddd"}
_PERSON = model.schemata["Person"]
DOCS = "docs/csv-mapping.md"


class CellProblem(ValueError):
    """A cell cannot become a value the way the mapping says; the reader turns it into a row problem."""

    def __init__(self, column: str, code: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.code = code
        self.message = message


def readable_date_format(date_format: str) -> str:
    """``%d/%m/%Y`` as a steward reads it: ``dd/mm/yyyy``."""
    text = date_format
    for directive, words in _READABLE_DIRECTIVES.items():
        text = text.replace(directive, words)
    return text


def iso_date(text: str, date_format: str, column: str) -> str:
    """An agency date in its declared format as ISO, as precise as the format: a format without a day
    (``%m/%Y``) gives ``YYYY-MM``, one with only a year gives ``YYYY``; nothing is invented."""
    try:
        parsed = datetime.strptime(text, date_format)
    except ValueError:
        raise CellProblem(
            column,
            "invalid_date",
            f"{text!r} is not a date written {readable_date_format(date_format)} ({date_format}) as the "
            "mapping declares for this column; correct the cell or the mapping's date_format",
        ) from None
    if any(d in date_format for d in _DAY_DIRECTIVES):
        return parsed.strftime("%Y-%m-%d")
    if any(d in date_format for d in _MONTH_DIRECTIVES):
        return parsed.strftime("%Y-%m")
    return parsed.strftime("%Y")


class PropertyColumns(BaseModel):
    """Which column(s) feed one FollowTheMoney property, and how their cells become values.

    ``lastName = "NOM"`` is short for ``{ column = "NOM" }``; ``nationality = ["NAT1", "NAT2"]`` is
    short for ``{ columns = ["NAT1", "NAT2"] }`` (each column gives its own value).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    column: str | None = None
    columns: tuple[str, ...] | None = None
    split: str | None = None
    join: str | None = None
    date_format: str | None = None

    @field_validator("date_format")
    @classmethod
    def _usable_date_format(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if "%Y" not in value:
            raise ValueError(
                f"date_format {value!r} has no four-digit year (%Y); two-digit years (%y) cannot tell "
                "1925 from 2025 in a birth date, so re-export with four-digit years"
            )
        sample = datetime(1991, 4, 12)
        try:
            datetime.strptime(sample.strftime(value), value)
        except ValueError:
            raise ValueError(
                f"date_format {value!r} is not a usable strptime format such as '%d/%m/%Y'"
            ) from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> PropertyColumns:
        if (self.column is None) == (self.columns is None):
            raise ValueError("give either 'column' (one column) or 'columns' (a list), exactly one of them")
        if self.columns is not None and not self.columns:
            raise ValueError("'columns' is empty; list at least one column")
        if self.join is not None and self.columns is None:
            raise ValueError("'join' glues several columns into one value; it needs 'columns'")
        if self.join is not None and (self.split is not None or self.date_format is not None):
            raise ValueError("'join' cannot be combined with 'split' or 'date_format'")
        if self.split == "":
            raise ValueError("'split' is empty; give the separator, such as '|'")
        return self

    @property
    def source_columns(self) -> tuple[str, ...]:
        return self.columns if self.columns is not None else (self.column or "",)

    def values(self, cells: Mapping[str, str]) -> list[str]:
        """The property's values from one row. Empty cells (and empty split parts) give no value."""
        texts = [cells[column].strip() for column in self.source_columns]
        if self.join is not None:
            joined = self.join.join(text for text in texts if text)
            return [joined] if joined else []
        out: list[str] = []
        for column, text in zip(self.source_columns, texts, strict=True):
            for part in text.split(self.split) if self.split else [text]:
                value = part.strip()
                if value and self.date_format is not None:
                    value = iso_date(value, self.date_format, column)
                if value and value not in out:
                    out.append(value)
        return out


class CsvMapping(BaseModel):
    """One agency's CSV export layout: file settings, provenance and handling, and the properties."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    delimiter: str = ","
    encoding: str = "utf-8"
    id_column: str
    source: str | None = None
    classification: Classification = DEFAULT_CLASSIFICATION
    classification_column: str | None = None
    classification_values: dict[str, Classification] = Field(default_factory=dict)
    caveats: tuple[str, ...] = ()
    caveats_column: str | None = None
    caveats_split: str = ","
    properties: dict[str, PropertyColumns]

    @field_validator("delimiter")
    @classmethod
    def _known_delimiter(cls, value: str) -> str:
        if value not in DELIMITERS:
            raise ValueError(
                f"delimiter {value!r} is not one of ';' ',' '|' or tab (write \"\\t\" or \"tab\")"
            )
        return DELIMITERS[value]

    @field_validator("encoding")
    @classmethod
    def _usable_encoding(cls, value: str) -> str:
        try:
            name = codecs.lookup(value).name
        except LookupError:
            raise ValueError(
                f"encoding {value!r} is unknown; exports are usually utf-8, cp1252 or latin-1"
            ) from None
        if _STRUCTURE.encode(name, errors="replace") != _STRUCTURE.encode("ascii"):
            raise ValueError(f"encoding {value!r} is not supported; re-export as utf-8")
        return name

    @field_validator("source")
    @classmethod
    def _agency_code(cls, value: str | None) -> str | None:
        if value is not None and not _SOURCE.match(value):
            raise ValueError(f"{value!r} is not an agency code (lower case letters, digits, '.', '-', '_')")
        return value

    @field_validator("classification", mode="before")
    @classmethod
    def _lower_classification(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("classification_values", mode="before")
    @classmethod
    def _lower_classification_values(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {k: v.strip().lower() if isinstance(v, str) else v for k, v in value.items()}

    @field_validator("caveats", mode="before")
    @classmethod
    def _caveat_codes(cls, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return value
        codes = [v.strip().upper() if isinstance(v, str) else v for v in value]
        for code in codes:
            if isinstance(code, str) and not _CAVEAT.match(code):
                raise ValueError(f"{code!r} is not a caveat code such as NOFORN, ORCON or PREVENTION")
        return codes

    @field_validator("properties", mode="before")
    @classmethod
    def _expand_shorthand(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        expanded: dict[str, Any] = {}
        for name, spec in value.items():
            if isinstance(spec, str):
                spec = {"column": spec}
            elif isinstance(spec, list):
                spec = {"columns": spec}
            expanded[name] = spec
        return expanded

    @field_validator("properties")
    @classmethod
    def _person_properties(cls, value: dict[str, PropertyColumns]) -> dict[str, PropertyColumns]:
        if not value:
            raise ValueError("no property is mapped; map at least lastName or name")
        for name in value:
            _check_person_property(name)
        return value

    def columns(self) -> list[str]:
        """Every column the mapping reads, once each, in the order the mapping names them."""
        named = [self.id_column, self.classification_column, self.caveats_column]
        for spec in self.properties.values():
            named.extend(spec.source_columns)
        return list(dict.fromkeys(c for c in named if c is not None))

    def check_header(self, header: Sequence[str], mapping_path: Path, csv_path: Path) -> None:
        """Every column the mapping names must be in the CSV header, or nothing can be read right."""
        missing = [column for column in self.columns() if column not in header]
        if not missing:
            return
        column = missing[0]
        hint = ""
        others = [d for d in (";", ",", "\t", "|") if d != self.delimiter and d in header[0]]
        by_folded = {h.casefold(): h for h in header}
        close = difflib.get_close_matches(column.casefold(), list(by_folded), n=1)
        if len(header) == 1 and others:
            hint = (
                f" (the header looks {_DELIMITER_NAMES[others[0]]}-separated but the mapping says "
                f"delimiter = {self.delimiter!r})"
            )
        elif close:
            hint = f" (did you mean {by_folded[close[0]]!r}?)"
        raise MappingError(
            f"{mapping_path}: column {column!r} is not in the header of {csv_path}{hint}; the header has "
            f"{', '.join(repr(h) for h in header)}. Fix the column name in the mapping file"
            + (f" (also missing: {', '.join(repr(c) for c in missing[1:])})" if len(missing) > 1 else "")
        )

    def to_interchange(self, cells: Mapping[str, str]) -> dict[str, Any]:
        """The interchange dict (FORMAT.md) of one row keyed by column; raises ``CellProblem``."""
        data: dict[str, Any] = {"id": cells[self.id_column].strip(), "schema": "Person"}
        if self.source is not None:
            data["source"] = self.source
        properties: dict[str, list[str]] = {}
        for name, spec in self.properties.items():
            values = spec.values(cells)
            if values:
                properties[name] = values
        data["properties"] = properties
        data["classification"] = self._classification(cells)
        data["caveats"] = self._caveats(cells)
        return data

    def _classification(self, cells: Mapping[str, str]) -> str:
        """A non-empty classification cell overrides the default, through the agency's own words if
        ``classification_values`` gives them; an unknown word is passed on for validation to refuse."""
        cell = cells[self.classification_column].strip() if self.classification_column else ""
        if not cell:
            return self.classification.value
        for word, marking in self.classification_values.items():
            if word.strip().casefold() == cell.casefold():
                return marking.value
        return cell

    def _caveats(self, cells: Mapping[str, str]) -> list[str]:
        """Default caveats apply to every row and a caveats cell adds to them: caveats only restrict."""
        caveats = list(self.caveats)
        if self.caveats_column:
            for part in cells[self.caveats_column].split(self.caveats_split):
                if part.strip() and part.strip() not in caveats:
                    caveats.append(part.strip())
        return caveats


def _check_person_property(name: str) -> None:
    spec = _PERSON.get(name)
    if spec is None:
        close = difflib.get_close_matches(name, list(_PERSON.properties), n=1)
        raise ValueError(
            f"{name!r} is not a FollowTheMoney Person property"
            + (f" (did you mean {close[0]!r}?)" if close else "")
            + "; the list is at https://followthemoney.tech/explorer/schemata/Person/"
        )
    if spec.stub or spec.type == registry.entity:
        raise ValueError(
            f"{name!r} links to another entity and cannot be filled from a column; "
            "map the text to a property such as 'address' or 'notes'"
        )


def load_mapping(path: Path) -> CsvMapping:
    """Read and check a mapping file; every problem is a ``MappingError`` naming the file and key."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise MappingError(f"{path}: cannot read the mapping file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise MappingError(f"{path}: the mapping file is not UTF-8; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{path}: not valid TOML ({exc}); see {DOCS} for examples") from None
    try:
        return CsvMapping.model_validate(data)
    except ValidationError as exc:
        reasons = "; ".join(_explain(error) for error in exc.errors())
        raise MappingError(f"{path}: {reasons}. Fix the mapping file; {DOCS} lists every key") from None


def _explain(error: Any) -> str:
    """One pydantic error in the words of the mapping file: the dotted key, then what is wrong."""
    loc = [str(part) for part in error["loc"]]
    key = ".".join(loc)
    if error["type"] == "extra_forbidden":
        model_class: type[BaseModel] = CsvMapping if len(loc) == 1 else PropertyColumns
        where = "at the top level" if len(loc) == 1 else f"in properties.{loc[1]}"
        allowed = ", ".join(model_class.model_fields)
        return f"unknown key {key!r}; the keys allowed {where} are {allowed}"
    if error["type"] == "missing":
        hints = {
            "id_column": "name the column that holds each record's id",
            "properties": "add a [properties] table mapping FollowTheMoney properties to columns",
        }
        return f"{key!r} is required" + (f": {hints[key]}" if key in hints else "")
    context = error.get("ctx") or {}
    message = str(context["error"]) if "error" in context else str(error["msg"])
    return f"{key}: {message}" if key else message
