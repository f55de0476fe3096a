from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

import orjson
import pytest
from followthemoney import model
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.records import national_register
from crossroads.records.model import KNOWN_CAVEATS, Classification, Record
from crossroads.records.readers.jsonl import read_jsonl
from crossroads.records.validate import validate
from crossroads.records.writers import to_ftm, write_ftm, write_jsonl

TODAY = date(2024, 6, 1)
Writer = Callable[[Iterable[Record], IO[bytes]], int]

EXAMPLE: dict[str, Any] = {
    "id": "bxl-west-000123",
    "source": "police.zone.brussels-west",
    "schema": "Person",
    "properties": {
        "name": ["EL FARSI Yassine"],
        "firstName": ["Yassine"],
        "lastName": ["El Farsi"],
        "alias": ["Abou Yassine al-Beljiki"],
        "birthDate": ["1991-04"],
        "birthPlace": ["Anderlecht"],
        "nationality": ["be", "ma"],
        "gender": ["male"],
        "idNumber": [national_register.make(91, 4, 12, 123, False)],
        "address": ["Rue de la Gare 12, 1080 Molenbeek-Saint-Jean"],
        "phone": ["+32 470 12 34 56"],
        "notes": ["Signalé deux fois;\nretour non confirmé"],
    },
    "classification": "confidential",
    "caveats": ["NOFORN", "ORCON"],
}


def record_of(data: dict[str, Any]) -> Record:
    checked = validate(data, line=1, default_source=None, today=TODAY)
    assert checked.problems == []
    assert checked.record is not None
    return checked.record


def read_back(writer: Writer, records: list[Record]) -> list[Record]:
    """Write, then read the file the way ingest does: read_jsonl, then validate each row."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "out.jsonl"
        with path.open("wb") as out:
            assert writer(records, out) == len(records)
        rows = list(read_jsonl(path))
    back = []
    for row in rows:
        assert row.problem is None
        checked = validate(row.data, line=row.line, default_source=None, today=TODAY)
        assert checked.problems == []
        assert checked.record is not None
        back.append(checked.record)
    return back


words = st.text(st.characters(categories=("Lu", "Ll")), min_size=1, max_size=12)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)
birth_dates = st.dates(min_value=date(1930, 1, 1), max_value=date(2015, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
)
register_numbers = st.builds(
    national_register.make,
    yy=st.integers(50, 99),
    mm=st.integers(1, 12),
    dd=st.integers(1, 28),
    serial=st.integers(1, 997),
    born_2000_or_later=st.just(False),
)
notes = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40).filter(str.strip)
person_properties = st.fixed_dictionaries(
    {"lastName": st.lists(names, min_size=1, max_size=2, unique=True)},
    optional={
        "firstName": st.lists(names, min_size=1, max_size=2, unique=True),
        "alias": st.lists(names, min_size=1, max_size=3, unique=True),
        "birthDate": st.lists(birth_dates, min_size=1, max_size=2, unique=True),
        "nationality": st.lists(
            st.sampled_from(["be", "ma", "tr", "fr", "nl", "dz"]), min_size=1, unique=True
        ),
        "gender": st.sampled_from(["male", "female"]).map(lambda g: [g]),
        "idNumber": st.lists(register_numbers, min_size=1, max_size=1),
        "notes": st.lists(notes, min_size=1, max_size=2, unique=True),
    },
)
records = st.builds(
    lambda n, props, marking, caveats: {
        "id": f"rec-{n}",
        "source": "prison.radicalisation-unit",
        "schema": "Person",
        "properties": props,
        "classification": marking,
        "caveats": caveats,
    },
    st.integers(0, 10**6),
    person_properties,
    st.sampled_from([c.value for c in Classification]),
    st.lists(st.sampled_from(sorted(KNOWN_CAVEATS)), unique=True),
).map(lambda data: validate(data, line=1, default_source=None, today=TODAY).record)


@settings(max_examples=60, deadline=None)
@given(st.lists(records.filter(lambda r: r is not None), max_size=4))
@pytest.mark.parametrize("writer", [write_jsonl, write_ftm])
def test_write_then_read_gives_equal_records(writer: Writer, batch: list[Record]) -> None:
    assert read_back(writer, batch) == batch


@settings(max_examples=60, deadline=None)
@given(records.filter(lambda r: r is not None))
def test_followthemoney_accepts_every_entity(record: Record) -> None:
    entity = to_ftm(record)
    proxy = model.get_proxy(entity)
    assert proxy.id == record.id
    assert proxy.schema.name == "Person"
    assert proxy.to_dict()["properties"] == entity["properties"]


def test_example_survives_followthemoney_cleaning_unchanged() -> None:
    """FollowTheMoney's own cleaners (dates, countries, genders, identifiers) keep every value; only
    phone numbers are rewritten, to E.164, because validate keeps them as the agency wrote them."""
    entity = to_ftm(record_of(EXAMPLE))
    cleaned = model.get_proxy(entity, cleaned=False).to_dict()
    assert cleaned["datasets"] == ["police.zone.brussels-west"]
    assert cleaned["properties"].pop("phone") == ["+32470123456"]
    assert cleaned["properties"] == {k: v for k, v in entity["properties"].items() if k != "phone"}

    built = model.make_entity("Person")
    built.id = entity["id"]
    for prop, values in entity["properties"].items():
        built.add(prop, values)
    assert built.to_dict()["properties"] == {**cleaned["properties"], "phone": ["+32470123456"]}


def test_ftm_shape_carries_markings_and_drops_what_ftm_cannot_hold() -> None:
    data = {
        **EXAMPLE,
        "properties": {**EXAMPLE["properties"], "weakAlias": [], "prisonWing": ["B"]},
        "caption": "EL FARSI Yassine",
        "datasets": ["ignored-because-source-wins"],
    }
    record = record_of(data)
    assert record.properties["prisonWing"] == ["B"]
    entity = to_ftm(record)
    assert entity["id"] == "bxl-west-000123"
    assert entity["schema"] == "Person"
    assert entity["datasets"] == ["police.zone.brussels-west"]
    assert entity["classification"] == "confidential"
    assert entity["caveats"] == ["NOFORN", "ORCON"]
    assert entity["caption"] == "EL FARSI Yassine"
    assert "prisonWing" not in entity["properties"]
    assert "weakAlias" not in entity["properties"]
    (back,) = read_back(write_ftm, [record])
    expected_properties = {k: v for k, v in record.properties.items() if k not in ("prisonWing", "weakAlias")}
    assert record.extra["datasets"] == ["ignored-because-source-wins"]  # kept in the store...
    expected_extra = {k: v for k, v in record.extra.items() if k != "datasets"}  # ...FtM has [source]
    assert back == record.model_copy(update={"properties": expected_properties, "extra": expected_extra})


def test_unknown_keys_never_override_ftm_keys() -> None:
    record = record_of(EXAMPLE).model_copy(update={"extra": {"classification": "unclassified", "x": 1}})
    entity = to_ftm(record)
    assert entity["classification"] == "confidential"
    assert entity["x"] == 1


def test_jsonl_is_one_utf8_line_per_record_with_every_key() -> None:
    record = record_of({**EXAMPLE, "received_from": "liaison officer"})
    out = io.BytesIO()
    assert write_jsonl([record, record], out) == 2
    lines = out.getvalue().split(b"\n")
    assert lines[-1] == b""
    assert len(lines) == 3
    assert "Signalé".encode() in lines[0]
    assert orjson.loads(lines[0]) == record.to_dict()
    assert orjson.loads(lines[0])["received_from"] == "liaison officer"
