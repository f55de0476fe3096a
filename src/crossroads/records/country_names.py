"""Country names in the partners' languages, from the Unicode CLDR tables that Babel ships.

Why not only FollowTheMoney: its cleaner (rigour) answers codes at once, but the first *name* it is
asked loads and folds a table of some 29,000 territory names, about a second of a short ingest, and
it does not know several names the partners write ("Nordmazedonien", "Noord-Korea", "مصر"). CLDR's
own names for the project's languages load in milliseconds. A name found here is mapped to its
CLDR code, kept only when FollowTheMoney knows that code, so both agree on what a country is;
anything else (codes, unusual spellings, historical names) still goes to FollowTheMoney.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Set
from functools import cache

from babel import Locale

#: English, French and Dutch as FORMAT.md asks, plus the languages the foreign partners write.
LOCALES = ("en", "fr", "nl", "de", "tr", "ar")
#: CLDR territories that are no country anyone holds: "Unknown Region".
_NOT_COUNTRIES = {"ZZ"}
#: Names where CLDR and FollowTheMoney read a genuinely ambiguous name differently ("Norfolk" is
#: also an English county; Arabic "سانت مارتن" is both Saint-Martin and Sint Maarten); for these
#: FollowTheMoney's reading is kept, so the fast path never changes an answer it would give.
_AMBIGUOUS = {"norfolk", "سانت مارتن"}


def fold(name: str) -> str:
    """The form names are looked up by: NFC, case-folded, inner white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@cache
def _table(known: frozenset[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for locale in LOCALES:
        for code, name in Locale(locale).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue  # continents and regions ("001", "150") are no nationality
            key = fold(name)
            if key in _AMBIGUOUS:
                continue
            if code.lower() in known:  # pseudo-territories (XA, XB) are not
                table[key] = code.lower()
    return table


def lookup(name: str, known: Set[str]) -> str | None:
    """The lower-case country code of a CLDR country name, or None when CLDR does not know it.

    ``known`` is the authority's set of country codes (FollowTheMoney's); a CLDR code outside it
    is never returned.
    """
    return _table(frozenset(known)).get(fold(name))
