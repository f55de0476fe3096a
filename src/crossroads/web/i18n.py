"""French, Dutch and English for the web interface. The English text in the templates and in this
package is the message id, as is the template of each sentence the engine says (``Phrase``, shown
with ``say``); ``locales/{fr,nl}.po`` translate them (a test holds every id translated).
Catalogs are read with Babel and compiled in memory at start, so no build step makes ``.mo`` files.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = {"en": "English", "fr": "Français", "nl": "Nederlands"}
DEFAULT = "en"
LOCALES = Path(__file__).parent / "locales"


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language == DEFAULT or language not in LANGUAGES:
        return gettext.NullTranslations()
    with (LOCALES / f"{language}.po").open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def chosen(cookie: str | None, accept_language: str | None) -> str:
    """The language the user picked (cookie), else the first of the browser's that we have."""
    if cookie in LANGUAGES:
        return cookie
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT
