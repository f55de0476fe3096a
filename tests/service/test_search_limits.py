"""How crowded a key may be for a search to use it: further than the batch for names, within the
batch's limit for a given name with a year and two letters of the family name."""

from __future__ import annotations

from crossroads.records.model import Classification, Record
from crossroads.resolve.blocking import THIN_KEY_BLOCK, record_keys
from crossroads.resolve.profile import profile
from crossroads.service.search import SEARCH_BLOCK, search_limit


def test_a_given_name_with_a_year_is_used_within_the_batchs_limit_and_names_further() -> None:
    asked = Record.trusted(
        id="q", source="s", properties={"name": ["Khalid Bufakhi"], "birthDate": ["1983"]},
        classification=Classification.RESTRICTED, caveats=[], extra={},
    )  # fmt: skip
    limits = {key.partition(":")[0]: search_limit(key) for key in record_keys(profile(asked))}
    assert limits["gf"] == THIN_KEY_BLOCK < SEARCH_BLOCK
    assert limits["n"] == limits["fy"] == SEARCH_BLOCK
