"""French and Dutch leave no message of the web interface untranslated: every message in the
templates and in ``crossroads.web``, and every sentence the engine says (``Phrase`` templates
anywhere in ``crossroads``), extracted as ``pybabel extract`` would, has a translation in each
catalog, with the same placeholders, and no catalog keeps a message nothing says any more."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import crossroads
from crossroads.web import i18n

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
    assert len(templates) > 40  # the name engine
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
    assert {"family name", "the same name in another transliteration"} <= messages  # the name engine
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
