"""French and Dutch leave no message of the web interface untranslated: every message in the
templates and in ``crossroads.web``, and every sentence the engine says (``Phrase`` templates
anywhere in ``crossroads``), extracted as ``pybabel extract`` would, has a translation in each
catalog, with the same placeholders, and no catalog keeps a message nothing says any more."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import crossroads
from crossroads.names.compare import compare
from crossroads.records.model import Record
from crossroads.records.validate import validate
from crossroads.resolve import linker
from crossroads.resolve.comparisons import COMPARISONS, SAID
from crossroads.resolve.explain import explain
from crossroads.web import i18n
from records_factory import person

WEB = Path(i18n.__file__).parent
SOURCE = Path(crossroads.__file__).parent
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def extracted() -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    sources = [(WEB, METHODS, KEYWORDS), (SOURCE, [("**.py", "python")], {"Phrase": None})]
    for where, methods, keywords in sources:
        for _file, _line, message, _comments, _context in extract_from_dir(where, methods, keywords=keywords):
            found.add(message if isinstance(message, str) else tuple(message))
    return found


def phrase_calls() -> list[tuple[str, ast.Call]]:
    """Every ``Phrase(...)``, ``Phrase.layout(...)`` and ``Phrase.listed(...)`` in ``crossroads``."""
    calls = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            if isinstance(function, ast.Name) and function.id == "Phrase":
                calls.append(("Phrase", node))
            elif isinstance(function, ast.Attribute) and ast.unparse(function.value) == "Phrase":
                calls.append((f"Phrase.{function.attr}", node))
    return calls


def test_every_engine_sentence_is_extracted() -> None:
    """A template the extraction cannot read (not a literal) would go untranslated unnoticed, and
    a layout is not translated, so it may hold no words, only placeholders and punctuation."""
    calls = phrase_calls()
    templates = [call.args[0] for kind, call in calls if kind == "Phrase"]
    assert len(templates) > 120  # the name engine, the linker, need-to-know, the audit chain
    assert all(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in templates), [
        ast.unparse(t) for t in templates if not isinstance(t, ast.Constant)
    ]
    assert {t.value for t in templates if isinstance(t, ast.Constant)} <= extracted()
    for kind, call in calls:
        if kind == "Phrase.layout":
            template = call.args[0]
            assert isinstance(template, ast.Constant) and isinstance(template.value, str), ast.unparse(call)
            assert not re.search(r"[^\W\d_]", PLACEHOLDER.sub("", template.value)), template.value


def test_the_extraction_finds_the_interfaces_messages() -> None:
    messages = extracted()
    assert {"Sign in", "Agencies holding records", "Nom de guerre"} <= messages  # templates and Python
    assert {"family name", "same full birth date", "prevention fields only"} <= messages  # the engine
    assert ("%(n)d person matches.", "%(n)d persons match.") in messages


@pytest.mark.parametrize("language", [code for code in i18n.LANGUAGES if code != i18n.DEFAULT])
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    with (i18n.LOCALES / f"{language}.po").open("rb") as source:
        catalog = read_po(source, locale=language)
    wanted = extracted()
    held = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in catalog if m.id}
    assert not wanted - set(held), f"untranslated in {language}.po: {sorted(map(str, wanted - set(held)))}"
    assert not set(held) - wanted, (
        f"{language}.po keeps messages no longer used: {sorted(map(str, set(held) - wanted))}"
    )
    for key, message in held.items():
        assert not message.fuzzy, key
        ids = [key] if isinstance(key, str) else list(key)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(s.strip() for s in strings), f"empty translation of {key!r} in {language}.po"
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(ids[-1])), (key, string)


def test_a_translation_is_used_and_an_unknown_language_falls_back_to_english() -> None:
    assert i18n.translations("fr").gettext("Sign in") == "Se connecter"
    assert i18n.translations("nl").gettext("Sign in") == "Aanmelden"
    assert i18n.translations("xx").gettext("Sign in") == "Sign in"
    assert i18n.chosen(None, "nl-BE,nl;q=0.9,en;q=0.8") == "nl"
    assert i18n.chosen("fr", "nl-BE") == "fr"
    assert i18n.chosen("de", "de-DE") == "en"


def test_the_name_engine_says_why_in_the_readers_language() -> None:
    said = compare("Hamdaoui, Karim", "Karim HAMDAWI").explanation
    assert said.startswith("given name Karim = Karim; family name Hamdaoui ≈ HAMDAWI: the same name")
    french, dutch = (said.in_language(i18n.translations(code)) for code in ("fr", "nl"))
    assert french.startswith("prénom Karim = Karim; nom de famille Hamdaoui ≈ HAMDAWI: le même nom dans une")
    assert dutch.startswith("voornaam Karim = Karim; familienaam Hamdaoui ≈ HAMDAWI: dezelfde naam in een")
    assert french.endswith("(ou / oe / u / o dans Hamdaoui contre w / v dans HAMDAWI)")
    assert dutch.endswith("(ou / oe / u / o in Hamdaoui tegenover w / v in HAMDAWI)")


def records(*rows: dict[str, object]) -> list[Record]:
    made = [
        validate(row, line=n, default_source=None, today=date(2026, 12, 1)).record
        for n, row in enumerate(rows)
    ]
    assert all(r is not None for r in made)
    return [r for r in made if r is not None]


def test_every_line_of_a_links_explanation_is_said_in_french_and_dutch() -> None:
    """Each line of ``crossroads explain`` in the reader's language: the verdict, the start, every
    comparison's name and level, what says nothing, and the names; English stays the CLI's."""
    assert set(SAID) == {c.name for c in COMPARISONS}
    rows = [person(n) for n in range(30)]
    twin = person(3, source="police.federal", id="fed-3")
    twin["properties"].update(name=["Nadia El Wardi"], lastName=["El Wardi"])  # in another convention
    found = records(*rows, twin)
    assert len(found) == len(rows) + 1
    explained = explain(found[3], found[-1], linker.link(found).context)
    english = explained.lines()
    assert english[0].startswith("police.zone.brussels-west/rec-000003 ~ police.federal/fed-3: ")
    assert [line.in_language(i18n.translations("en")) for line in english] == english
    french = [line.in_language(i18n.translations("fr")) for line in english]
    dutch = [line.in_language(i18n.translations("nl")) for line in english]
    assert french[1].startswith("  probabilité ") and dutch[1].startswith("  waarschijnlijkheid ")
    assert french[0].endswith("les éléments disent une même personne (au seuil de liaison 0.9 ou au-dessus)")
    assert any("date de naissance: même date de naissance complète" in line for line in french)
    assert any("geboortedatum: dezelfde volledige geboortedatum" in line for line in dutch)
    assert any("aucun élément : une fiche n'a pas de numéro de registre national" in line for line in french)
    assert any("geen bewijs: een fiche heeft geen rijksregisternummer" in line for line in dutch)
    assert french[-1].startswith("  noms : 'EL OUARDI Nadia' ~ '")
    assert "nom de famille OUARDI ≈ Wardi: le même nom dans une autre translittération" in french[-1]
    assert "familienaam OUARDI ≈ Wardi: dezelfde naam in een andere transliteratie" in dutch[-1]
