"""Script and case folding of names to plain lower-case ASCII tokens.

``anyascii`` transliterates every script (Arabic, Cyrillic, Greek, Turkish letters, diacritics) to
ASCII; this is the crude, convention-blind fold the foundation's exact-key linker uses. The
convention-aware keys of the name engine build on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """'EL AMRANI Youssef' -> 'el amrani youssef'; 'Şükrü' -> 'sukru'."""
    return _NON_ALNUM.sub(" ", anyascii(text).lower()).strip()


def sorted_tokens(text: str) -> str:
    """Order-free form of a name: 'Amrani, Youssef El' and 'Youssef El Amrani' fold alike."""
    return " ".join(sorted(fold(text).split()))
