from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossroads.errors import MappingError
from crossroads.records.mapping import (
    CellProblem,
    CsvMapping,
    PropertyColumns,
    iso_date,
    load_mapping,
    readable_date_format,
)
from crossroads.records.model import Classification

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "mappings"
DOCS = ROOT / "docs" / "csv-mapping.md"

MINIMAL = """
id_column = "NUMERO"
[properties]
lastName = "NOM"
"""


def write_mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(text, encoding="utf-8")
    return path


def mapping_error(tmp_path: Path, text: str) -> str:
    path = write_mapping(tmp_path, text)
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    message = str(caught.value)
    assert str(path) in message
    return message


@pytest.mark.parametrize("name", ["police-fr.toml", "politie-nl.toml"])
def test_example_mappings_load(name: str) -> None:
    mapping = load_mapping(EXAMPLES / name)
    assert mapping.id_column in mapping.columns()
    assert mapping.source is not None
    assert mapping.properties["birthDate"].date_format is not None


def test_minimal_mapping_takes_documented_defaults(tmp_path: Path) -> None:
    mapping = load_mapping(write_mapping(tmp_path, MINIMAL))
    assert mapping.delimiter == ","
    assert mapping.encoding == "utf-8"
    assert mapping.classification is Classification.RESTRICTED
    assert mapping.caveats == ()
    assert mapping.source is None
    assert mapping.properties["lastName"] == PropertyColumns(column="NOM")


def test_delimiter_words_and_encoding_aliases(tmp_path: Path) -> None:
    text = 'delimiter = "tab"\nencoding = "latin-1"\n' + MINIMAL
    mapping = load_mapping(write_mapping(tmp_path, text))
    assert mapping.delimiter == "\t"
    assert mapping.encoding == "iso8859-1"


def test_unknown_top_level_key_names_key_and_allowed_keys(tmp_path: Path) -> None:
    message = mapping_error(tmp_path, 'delimeter = ";"\n' + MINIMAL)
    assert "'delimeter'" in message
    assert "delimiter" in message.split("'delimeter'", 1)[1]


def test_unknown_key_in_property_table(tmp_path: Path) -> None:
    text = MINIMAL + 'birthDate = { column = "DN", dateformat = "%d/%m/%Y" }\n'
    message = mapping_error(tmp_path, text)
    assert "properties.birthDate.dateformat" in message
    assert "date_format" in message


def test_property_outside_person_schema_suggests_the_right_one(tmp_path: Path) -> None:
    message = mapping_error(tmp_path, MINIMAL + 'firstname = "PRENOM"\n')
    assert "'firstname' is not a FollowTheMoney Person property" in message
    assert "'firstName'" in message


@pytest.mark.parametrize("prop", ["addressEntity", "familyPerson"])
def test_entity_link_properties_cannot_come_from_a_column(tmp_path: Path, prop: str) -> None:
    message = mapping_error(tmp_path, MINIMAL + f'{prop} = "X"\n')
    assert f"'{prop}' links to another entity" in message


def test_missing_id_column_says_what_to_add(tmp_path: Path) -> None:
    message = mapping_error(tmp_path, '[properties]\nlastName = "NOM"\n')
    assert "'id_column' is required" in message


def test_empty_properties_refused(tmp_path: Path) -> None:
    message = mapping_error(tmp_path, 'id_column = "NUMERO"\n[properties]\n')
    assert "no property is mapped" in message


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('delimiter = ":"', "delimiter ':'"),
        ('encoding = "klingon"', "encoding 'klingon' is unknown"),
        ('encoding = "utf-16"', "encoding 'utf-16' is not supported"),
        ('classification = "top secret"', "classification: Input should be"),
        ('caveats = ["no foreign"]', "'NO FOREIGN' is not a caveat code"),
        ('source = "Police Zone"', "'Police Zone' is not an agency code"),
    ],
)
def test_bad_settings_are_whole_file_errors(tmp_path: Path, line: str, fragment: str) -> None:
    message = mapping_error(tmp_path, line + "\n" + MINIMAL)
    assert fragment in message


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ('{ column = "A", columns = ["B"] }', "exactly one of them"),
        ("{ }", "exactly one of them"),
        ('{ column = "A", join = ", " }', "'join' glues several columns"),
        ('{ columns = ["A", "B"], join = " ", split = "|" }', "cannot be combined"),
        ('{ column = "A", split = "" }', "'split' is empty"),
        ('{ column = "A", date_format = "%d/%m/%y" }', "four-digit year"),
        ("42", "properties.birthDate"),
    ],
)
def test_inconsistent_property_specs(tmp_path: Path, spec: str, fragment: str) -> None:
    message = mapping_error(tmp_path, MINIMAL + f"birthDate = {spec}\n")
    assert fragment in message


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    message = mapping_error(tmp_path, 'id_column = "NUMERO\n')
    assert "not valid TOML" in message


def test_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="cannot read the mapping file"):
        load_mapping(tmp_path / "absent.toml")


def test_missing_header_column_names_mapping_column_and_csv(tmp_path: Path) -> None:
    mapping = load_mapping(write_mapping(tmp_path, MINIMAL + 'firstName = "PRENOM"\n'))
    with pytest.raises(MappingError) as caught:
        mapping.check_header(["NUMERO", "NOM", "prénom"], Path("map.toml"), Path("export.csv"))
    message = str(caught.value)
    assert "map.toml" in message and "export.csv" in message
    assert "column 'PRENOM' is not in the header" in message
    assert "did you mean 'prénom'" in message


def test_missing_columns_hint_at_a_wrong_delimiter(tmp_path: Path) -> None:
    mapping = load_mapping(write_mapping(tmp_path, MINIMAL))
    with pytest.raises(MappingError, match="semicolon-separated but the mapping says delimiter = ','"):
        mapping.check_header(["NUMERO;NOM"], Path("map.toml"), Path("export.csv"))


def test_values_split_join_and_empty_cells() -> None:
    alias = PropertyColumns(column="ALIAS", split="|")
    assert alias.values({"ALIAS": " Abou Rayan | | R. B. |Abou Rayan"}) == ["Abou Rayan", "R. B."]
    assert alias.values({"ALIAS": "   "}) == []
    address = PropertyColumns(columns=("RUE", "CP", "COMMUNE"), join=", ")
    assert address.values({"RUE": "Rue du Moulin 4", "CP": "", "COMMUNE": "4000 Liège"}) == [
        "Rue du Moulin 4, 4000 Liège"
    ]
    assert address.values({"RUE": "", "CP": " ", "COMMUNE": ""}) == []
    nationality = PropertyColumns(columns=("NAT1", "NAT2"))
    assert nationality.values({"NAT1": "BE", "NAT2": "MA"}) == ["BE", "MA"]


def test_classification_words_and_caveats(tmp_path: Path) -> None:
    text = (
        'classification_column = "MARQUAGE"\n'
        'classification_values = { "Diffusion restreinte" = "restricted", "CONFIDENTIEL" = "Confidential" }\n'
        'caveats = ["noforn"]\ncaveats_column = "CONSIGNES"\ncaveats_split = "/"\n' + MINIMAL
    )
    mapping = load_mapping(write_mapping(tmp_path, text))
    row = {"NUMERO": " 7 ", "NOM": "Dubois", "MARQUAGE": "confidentiel", "CONSIGNES": "ORCON/ NOFORN/"}
    data = mapping.to_interchange(row)
    assert data["id"] == "7"
    assert data["classification"] == "confidential"
    assert data["caveats"] == ["NOFORN", "ORCON"]
    assert mapping.to_interchange({**row, "MARQUAGE": ""})["classification"] == "restricted"
    assert mapping.to_interchange({**row, "MARQUAGE": "TRES SECRET"})["classification"] == "TRES SECRET"


DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d", "%Y-%m-%d", "%m/%Y", "%Y"]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)), st.sampled_from(DATE_FORMATS))
def test_any_date_in_its_declared_format_becomes_iso(day: date, date_format: str) -> None:
    iso = iso_date(day.strftime(date_format), date_format, "DN")
    precision = 10 if "%d" in date_format else 7 if "%m" in date_format else 4
    assert iso == day.isoformat()[:precision]


@pytest.mark.parametrize("text", ["1991-04-12", "31/02/1991", "12/04/91", "vers 1990"])
def test_date_not_in_declared_format_is_invalid_date(text: str) -> None:
    with pytest.raises(CellProblem) as caught:
        iso_date(text, "%d/%m/%Y", "DATE_NAISSANCE")
    assert caught.value.code == "invalid_date"
    assert caught.value.column == "DATE_NAISSANCE"
    assert "dd/mm/yyyy" in caught.value.message


def test_readable_date_format() -> None:
    assert readable_date_format("%d-%m-%Y") == "dd-mm-yyyy"


def test_docs_describe_every_mapping_key() -> None:
    text = DOCS.read_text(encoding="utf-8")
    keys = set(CsvMapping.model_fields) | set(PropertyColumns.model_fields)
    missing = [key for key in keys if not re.search(rf"`{key}`", text)]
    assert missing == []
