"""validate(): one parsed row in, a normalised Record or every problem with its line and field out."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from crossroads.records.model import Classification, Record
from crossroads.records.validate import Validated, validate

TODAY = date(2026, 11, 22)
ZONE = "police.zone.brussels-west"


def row(**top: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "bw-000123", "source": ZONE, "properties": {"name": ["EL OUARDI Samira"]}}
    data.update(top)
    return data


def check(data: Any, *, line: int = 7, default_source: str | None = None) -> Validated:
    return validate(data, line=line, default_source=default_source, today=TODAY)


def accepted(data: Any, *, default_source: str | None = None) -> Record:
    outcome = check(data, default_source=default_source)
    assert outcome.problems == []
    assert outcome.record is not None
    return outcome.record


def problems(data: Any, *, default_source: str | None = None) -> list[tuple[str, str]]:
    outcome = check(data, default_source=default_source)
    assert outcome.record is None
    return sorted((p.code, p.field) for p in outcome.problems)


def test_a_minimal_record_gets_the_contract_defaults() -> None:
    record = accepted(row())
    assert (record.id, record.source, record.schema_name) == ("bw-000123", ZONE, "Person")
    assert record.classification is Classification.RESTRICTED
    assert record.caveats == []
    assert record.extra == {}


def test_unknown_top_level_keys_are_kept_verbatim_and_written_back() -> None:
    extra = {
        "caption": "EL OUARDI Samira",
        "first_seen": "2016-03-01",
        "referents": ["old-77"],
        "x_ref": {"a": 1},
    }
    record = accepted(row(**extra))
    assert record.extra == extra
    written = record.to_dict()
    assert {key: written[key] for key in extra} == extra


def test_datasets_gives_the_source_when_there_is_none() -> None:
    record = accepted(
        {
            "id": "ftm-1",
            "datasets": ["partner.fr.liaison", "partner.eu.liaison"],
            "properties": {"name": ["KAYA Emre"]},
        }
    )
    assert record.source == "partner.fr.liaison"
    assert record.extra["datasets"] == ["partner.fr.liaison", "partner.eu.liaison"]  # nothing lost
    assert "datasets" not in accepted({"id": "f2", "datasets": ["x.y"], "properties": {"name": ["A"]}}).extra


def test_an_explicit_source_wins_over_datasets() -> None:
    assert accepted(row(datasets=["partner.fr.liaison"])).source == ZONE


def test_the_given_source_fills_in_and_must_agree() -> None:
    bare = {"id": "bw-1", "properties": {"name": ["PEETERS Jonas"]}}
    assert accepted(bare, default_source=ZONE).source == ZONE
    assert accepted(row(), default_source=ZONE).source == ZONE
    assert problems(row(source="police.zone.midi"), default_source=ZONE) == [("source_mismatch", "source")]
    from_datasets = {**bare, "datasets": ["police.zone.midi"]}
    assert problems(from_datasets, default_source=ZONE) == [("source_mismatch", "source")]


def test_unknown_properties_are_kept_and_cleaned_like_free_strings() -> None:
    record = accepted(row(properties={"name": ["TAHIRI Nadia"], "cellNumber": [" B-17 ", "B-17"], "x": []}))
    assert record.properties["cellNumber"] == ["B-17"]
    assert record.properties["x"] == []


def test_values_are_nfc_normalised_stripped_and_deduplicated_after_normalising() -> None:
    decomposed = "LAMBERT Chloe\u0301"
    record = accepted(
        row(
            properties={
                "name": [f"  {decomposed} ", "LAMBERT Chlo\u00e9"],
                "birthPlace": ["\tLie\u0300ge "],
                "nationality": ["BE", "Belgique", "België", " be "],
                "gender": ["F", "vrouw"],
            }
        )
    )
    assert record.properties == {
        "name": ["LAMBERT Chlo\u00e9"],
        "birthPlace": ["Li\u00e8ge"],
        "nationality": ["be"],
        "gender": ["female"],
    }


def test_empty_strings_are_dropped_not_refused() -> None:
    record = accepted(row(properties={"name": ["", "BOUZIDI Hamza", "   "], "alias": [""], "notes": [" "]}))
    assert record.properties == {"name": ["BOUZIDI Hamza"], "alias": [], "notes": []}


def test_a_record_whose_only_names_are_blank_has_no_identity() -> None:
    assert problems(row(properties={"name": [" "], "birthDate": ["1990"]})) == [("no_identity", "properties")]
    assert problems(row(properties=None)) == [("no_identity", "properties")]


def test_any_identifying_property_is_enough() -> None:
    for prop in ("firstName", "lastName", "alias", "weakAlias", "idNumber", "passportNumber"):
        assert accepted(row(properties={prop: ["EH1234567"]})).properties[prop] == ["EH1234567"]


def test_classification_and_caveats_are_normalised() -> None:
    record = accepted(row(classification=" SECRET ", caveats=["noforn", " NOFORN", "orcon", "EYES-ONLY"]))
    assert record.classification is Classification.SECRET
    assert record.caveats == ["NOFORN", "ORCON", "EYES-ONLY"]
    assert accepted(row(classification=None)).classification is Classification.RESTRICTED


def test_numeric_ids_become_strings_but_booleans_and_floats_are_refused() -> None:
    assert accepted(row(id=104233)).id == "104233"
    assert problems(row(id=True)) == [("wrong_type", "id")]
    assert problems(row(id=104233.0)) == [("wrong_type", "id")]


def test_every_problem_of_a_row_is_reported_with_its_line() -> None:
    data = row(
        id=None,
        source="Police Zone",
        schema="Organization",
        classification="top-secret",
        caveats=["no forn"],
        properties={"birthDate": ["12/04/1991"], "nationality": ["xx"], "gender": ["onbekend"]},
    )
    outcome = check(data, line=42)
    assert outcome.record is None
    assert sorted((p.code, p.field) for p in outcome.problems) == [
        ("invalid_caveat", "caveats[0]"),
        ("invalid_date", "properties.birthDate[0]"),
        ("invalid_gender", "properties.gender[0]"),
        ("invalid_source", "source"),
        ("missing_id", "id"),
        ("unknown_classification", "classification"),
        ("unknown_country", "properties.nationality[0]"),
        ("unsupported_schema", "schema"),
    ]
    assert {p.line for p in outcome.problems} == {42}
    assert all(str(p).startswith(f"line 42, {p.field}: ") for p in outcome.problems)


def test_a_refused_row_still_says_which_record_it_was() -> None:
    """The quarantine shows the data steward the (source, id) of a refused row whenever it was readable."""
    outcome = check(row(properties={"name": ["X"], "birthDate": ["2091-04-12"]}))
    assert (outcome.record, outcome.record_id, outcome.source) == (None, "bw-000123", ZONE)


def test_a_row_that_is_not_an_object_keeps_the_given_source() -> None:
    outcome = check(["bw-1", "PEETERS Jonas"], default_source=ZONE)
    assert [(p.code, p.field) for p in outcome.problems] == [("not_an_object", "(row)")]
    assert (outcome.record, outcome.record_id, outcome.source) == (None, None, ZONE)


_names = st.text(st.characters(categories=["L", "M", "Zs"]), min_size=1, max_size=30).filter(str.strip)
_records = st.fixed_dictionaries(
    {
        "id": st.text("abcdefghij0123456789-", min_size=1, max_size=20),
        "source": st.sampled_from([ZONE, "intel.civil", "prisons.radicalisation-unit"]),
        "properties": st.fixed_dictionaries(
            {
                "name": st.lists(_names, min_size=1, max_size=3),
                "birthDate": st.lists(st.dates(date(1900, 1, 1), TODAY).map(date.isoformat), max_size=2),
                "nationality": st.lists(
                    st.sampled_from(["be", "Maroc", "Turkije", "Syria", "FR"]), max_size=3
                ),
                "gender": st.lists(st.sampled_from(["m", "v", "female", "autre"]), max_size=1),
            }
        ),
        "classification": st.sampled_from([c.value.upper() for c in Classification]),
        "caveats": st.lists(st.sampled_from(["noforn", "ORCON", "Prevention"]), max_size=4),
        "note_from_agency": st.text(
            st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=10
        ),
    }
)


@given(_records)
def test_validating_a_records_own_output_changes_nothing(data: dict[str, Any]) -> None:
    """Normalising is idempotent: re-ingesting an exported record gives the same record and hash."""
    first = accepted(data)
    again = accepted(first.to_dict())
    assert again == first
    assert again.content_hash() == first.content_hash()


def test_control_character_in_an_unknown_top_level_key_is_refused() -> None:
    """Kept verbatim otherwise, such a value would fail in PostgreSQL's JSONB (NUL is refused)."""
    data = {"id": "x1", "source": "intel.civil", "properties": {"name": ["A B"]}, "origin": {"n": "a\u0000b"}}
    checked = validate(data, line=3, default_source=None, today=date(2026, 11, 22))
    assert checked.record is None
    assert [(p.line, p.field, p.code) for p in checked.problems] == [(3, "origin", "control_characters")]


@given(_records)
def test_a_trusted_record_is_the_record_pydantic_would_validate(data: dict[str, Any]) -> None:
    """``Record.trusted`` skips pydantic's checks on the ingest path; it must build the same object."""
    fast = accepted(data)
    checked = Record.model_validate(fast.model_dump(by_alias=True))
    assert fast == checked
    assert fast.model_fields_set == checked.model_fields_set | {"extra", "schema_name"}
    assert fast.model_dump() == checked.model_dump()
    assert fast.content_hash() == checked.content_hash()


@given(st.text(max_size=30))
def test_the_ascii_shortcut_cleans_a_value_as_clean_text_does(value: str) -> None:
    """Short printable ASCII skips ``clean_text``; any value must come out (or be refused) the same."""
    from crossroads.records import normalise
    from crossroads.records.validate import _clean_value, _rule

    rule = _rule("name")
    try:
        expected: str | None = normalise.clean_text(value, free_text=rule.free_text, max_length=rule.limit)
    except normalise.ValueProblem:
        expected = None
    try:
        got: str | None = _clean_value(value, rule, TODAY)
    except normalise.ValueProblem:
        got = None
    assert got == expected
