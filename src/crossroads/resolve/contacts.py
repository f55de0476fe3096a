"""The keys by which two records share an address or a phone (pure): the linkage model's own
normalisation (``resolve.profile``), so "Rue de la Colline 56, 1080 Molenbeek" and "Heuvelstraat
56, 1080 Sint-Jans-Molenbeek" agree (postcode and house number) and "+32 470 12 34 56" and
"0470/12.34.56" agree (the last eight digits).

A shared key is evidence of a relation between two persons (a household, neighbours in one
building, a shared phone), never of identity: these keys are not blocking keys and no linkage
reads them.
"""

from __future__ import annotations

import re

from crossroads.resolve.profile import _address_keys

ADDRESS, PHONE = "address", "phone"
_NON_DIGITS = re.compile(r"\D+")


def contact_keys(properties: dict[str, list[str]]) -> set[str]:
    """``address:POSTCODE|NUMBER`` and ``phone:DIGITS`` keys of one record's properties."""
    addresses, _ = _address_keys(properties.get("address", []))
    keys = {f"{ADDRESS}:{key}" for key in addresses}
    for phone in properties.get("phone", []):
        digits = _NON_DIGITS.sub("", phone)[-8:]
        if len(digits) == 8:
            keys.add(f"{PHONE}:{digits}")
    return keys


def field_of(key: str) -> str:
    """The record field a key is drawn from (``address`` or ``phone``)."""
    return key.partition(":")[0]
