"""What a search looks up: how crowded a key may be for it to use it (further than the batch for
names, further still for the name's own key, within the batch's limit for a given name with a year
and two letters of the family name), and a register number however it is typed."""

from __future__ import annotations

from datetime import date

from crossroads.records.model import Classification, Record
from crossroads.resolve.blocking import THIN_KEY_BLOCK, record_keys
from crossroads.resolve.profile import profile
from crossroads.service.search import NAME_BLOCK, SEARCH_BLOCK, Query, probe, search_limit


def _record(**properties: list[str]) -> Record:
    return Record.trusted(
        id="r", source="s", properties=properties, classification=Classification.RESTRICTED, caveats=[],
        extra={},
    )  # fmt: skip


def test_a_given_name_with_a_year_is_used_within_the_batchs_limit_and_names_further() -> None:
    asked = _record(name=["Khalid Bufakhi"], birthDate=["1983"])
    limits = {key.partition(":")[0]: search_limit(key) for key in record_keys(profile(asked))}
    assert limits["gf"] == THIN_KEY_BLOCK < SEARCH_BLOCK
    assert limits["ns"] == limits["fy"] == SEARCH_BLOCK < limits["n"] == NAME_BLOCK


def test_a_register_number_typed_without_dots_finds_the_records_that_write_it_with_them() -> None:
    stored = record_keys(profile(_record(name=["EL AMRANI Youssef"], idNumber=["91.04.12-123.01"])))
    for typed in ("91041212301", "91.04.12-123.01"):
        asked = record_keys(profile(probe(Query("", identifiers=(typed,)), date(2026, 12, 1))))
        assert "nrn:91041212301" in asked & stored, typed
    # Eleven digits that are a Turkish identity number are looked up as a document number.
    asked = record_keys(profile(probe(Query("", identifiers=("85073007088",)), date(2026, 12, 1))))
    assert asked == {"pp:85073007088"}
