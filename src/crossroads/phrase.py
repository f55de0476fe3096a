"""Sentences the engine says to people (why two names match, why a record's content is not shown),
in English wherever they are printed and in the reader's language on the web pages.

A ``Phrase`` is a ``str`` whose text is the English sentence, so the command line, the API and
every test read exactly the words they read before. It also keeps how it was made: its English
template, which is its gettext message id, and the values put into it (names, numbers, and other
phrases). A page renders it again through its reader's catalog with ``in_language``, only when it
is shown: nothing is translated on the engine's hot paths, which build phrases only for the
sentences someone will read.

Every ``Phrase("...")`` template is extracted for translation as ``pybabel extract -k Phrase`` would
(a test holds each one translated in ``web/locales``). ``Phrase.layout`` and ``Phrase.listed`` only
arrange phrases (a weight column, a list): their text is not translated, their parts are.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterable
from typing import Any


class Phrase(str):
    """An English sentence that remembers its template and values, to be said again in another
    language. String operations on it (``+``, f-strings, ``str.join``) give plain English text:
    compose phrases with the template, ``layout`` or ``listed`` to keep them translatable."""

    template: str
    values: dict[str, object]
    translated: bool

    def __new__(cls, template: str, /, **values: object) -> Phrase:
        return cls._made(template, values, translated=True)

    @classmethod
    def _made(cls, template: str, values: dict[str, object], translated: bool) -> Phrase:
        made = super().__new__(cls, template % {k: str(v) for k, v in values.items()} if values else template)
        made.template, made.values, made.translated = template, values, translated
        return made

    @classmethod
    def layout(cls, template: str, /, **values: object) -> Phrase:
        """Phrases and values arranged by a template that has no words to translate."""
        return cls._made(template, values, translated=False)

    @classmethod
    def listed(cls, separator: str, parts: Iterable[object]) -> Phrase:
        """``separator.join(parts)``, each part said in the reader's language."""
        values = {f"p{i}": part for i, part in enumerate(parts)}
        return cls._made(separator.join(f"%({key})s" for key in values), values, translated=False)

    def rebuilt(self, values: dict[str, object]) -> Phrase:
        """The same template with other values (a stored sentence read back, ``resolve.reasons``)."""
        return self._made(self.template, values, self.translated)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: Callable[[object], Any]) -> Any:
        """To the API's models and schema (pydantic) a phrase is the English string it is."""
        return handler(str)

    def in_language(self, words: gettext.NullTranslations) -> str:
        """The sentence through ``words`` (a catalog's translations): English with none."""
        template = words.gettext(self.template) if self.translated else self.template
        if not self.values:
            return template
        return template % {key: said(value, words) for key, value in self.values.items()}


def said(value: object, words: gettext.NullTranslations) -> str:
    """A value as a reader of ``words`` reads it: a phrase in their language, anything else as is."""
    return value.in_language(words) if isinstance(value, Phrase) else str(value)
