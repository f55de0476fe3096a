"""A phrase is its English sentence wherever it is printed, and the same sentence said again in a
reader's language through a catalog: its template translated, its phrases translated, its other
values (names, numbers) as they are."""

from __future__ import annotations

import gettext
import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from crossroads.phrase import Phrase, said


def catalog(**strings: str) -> gettext.GNUTranslations:
    """A French catalog of ``strings`` (message id -> translation), compiled in memory."""
    made = Catalog(locale="fr")
    for message, translation in strings.items():
        made.add(message, translation)
    compiled = io.BytesIO()
    write_mo(compiled, made)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


FRENCH = catalog(**{
    "family name": "nom de famille",
    "%(role)s %(name)s only in the first name": "%(role)s %(name)s seulement dans le premier nom",
    "different": "différent",
})  # fmt: skip


def test_a_phrase_is_its_english_sentence() -> None:
    role = Phrase("family name")
    part = Phrase("%(role)s %(name)s only in the first name", role=role, name="Bakraoui")
    assert part == "family name Bakraoui only in the first name"
    assert isinstance(part, str) and f"{part}!" == "family name Bakraoui only in the first name!"
    assert part.in_language(gettext.NullTranslations()) == part


def test_a_catalog_says_the_template_and_the_phrases_in_it_but_not_the_names() -> None:
    part = Phrase("%(role)s %(name)s only in the first name", role=Phrase("family name"), name="different")
    assert part.in_language(FRENCH) == "nom de famille different seulement dans le premier nom"


def test_a_layout_and_a_list_translate_their_parts_only() -> None:
    line = Phrase.layout("%(weight)s  %(text)s", weight="+3.5", text=Phrase("different"))
    listed = Phrase.listed("; ", [Phrase("family name"), "Karim", Phrase("different")])
    assert (line, listed) == ("+3.5  different", "family name; Karim; different")
    assert line.in_language(FRENCH) == "+3.5  différent"
    assert listed.in_language(FRENCH) == "nom de famille; Karim; différent"
    assert Phrase.listed(", ", []) == "" and Phrase.listed(", ", []).in_language(FRENCH) == ""


def test_a_message_the_catalog_lacks_stays_english_and_plain_text_stays_as_is() -> None:
    assert Phrase("%(n)s records", n=3).in_language(FRENCH) == "3 records"
    assert said("family name", FRENCH) == "family name"  # a plain string is no phrase: not translated
    assert said(Phrase("family name"), FRENCH) == "nom de famille"
