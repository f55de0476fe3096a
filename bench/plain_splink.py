"""The plain Splink setup the linker is measured against: Splink's comparison library defaults on
flattened columns, trained the way its tutorials train, on DuckDB.

"Flattened" means what an analyst without the name engine would build from the records: the first
given name and the family name as written (from the separate fields, else the name split at its last
word), the first birth date, birth place, postcode, phone digits, national register number and first
passport. No transliteration, no aliases, no keys: that is the difference being measured.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from crossroads.records.model import Record

_DIGITS = re.compile(r"\D+")
_POSTCODE = re.compile(r",\s*(?:[A-Z]{1,2}-)?(\d{4,5})\b")


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def flatten(record: Record, uid: int) -> dict[str, Any]:
    props = record.properties
    first, last = _first(props.get("firstName", [])), _first(props.get("lastName", []))
    name = _first(props.get("name", [])) or _first(props.get("alias", []))
    if (first is None or last is None) and name:
        words = name.split()
        first, last = first or " ".join(words[:-1]) or None, last or words[-1]
    birth = _first(props.get("birthDate", []))
    postcode = next((m.group(1) for a in props.get("address", []) if (m := _POSTCODE.search(a))), None)
    phone = _first([_DIGITS.sub("", p)[-8:] for p in props.get("phone", [])])
    return {
        "uid": uid,
        "first_name": first.lower() if first else None,
        "surname": last.lower() if last else None,
        "dob": birth if birth and len(birth) == 10 else None,
        "birth_place": (_first(props.get("birthPlace", [])) or "").lower() or None,
        "postcode": postcode,
        "phone": phone,
        "nrn": _first(props.get("idNumber", [])),
        "passport": _first(props.get("passportNumber", [])),
        "gender": _first(props.get("gender", [])),
    }


def link(records: Sequence[Record], threshold: float = 0.9, memory_limit: str | None = None) -> list[int]:
    """A cluster number per record, from Splink with default comparisons; ``memory_limit`` (e.g.
    "12GB") makes DuckDB spill to disk past it (at 1M records its EM session on surnames does not
    fit in 24 GiB otherwise)."""
    logging.getLogger("splink").setLevel(logging.WARNING)
    rows = [flatten(r, i) for i, r in enumerate(records)]
    table = pa.Table.from_pylist(rows)
    with tempfile.TemporaryDirectory(prefix="plain-splink-") as spill:
        connection = duckdb.connect()
        if memory_limit:
            connection.execute(f"SET memory_limit = '{memory_limit}'")
            connection.execute(f"SET temp_directory = '{spill}'")  # removed when the run ends
        try:
            return _run(connection, table, threshold, len(records))
        finally:
            connection.close()


def _run(connection: duckdb.DuckDBPyConnection, table: pa.Table, threshold: float, n: int) -> list[int]:
    db_api = DuckDBAPI(connection=connection)
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="uid",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("birth_place"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("nrn"),
            cl.ExactMatch("passport"),
            cl.ExactMatch("gender"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("nrn"),
            block_on("passport"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(db_api.register(table), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("nrn")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    result = clusters.as_pandas_dataframe()
    labels = dict(zip(result["uid"].tolist(), result["cluster_id"].tolist(), strict=True))
    return [int(labels.get(i, -1 - i)) for i in range(n)]
