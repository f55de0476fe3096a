"""The linker's reasons are stored as English text and said again in a reader's language: each is
read back as the phrase that made it, a reason inside a reason too."""

from __future__ import annotations

import pytest

from crossroads.phrase import Phrase
from crossroads.resolve import reasons
from crossroads.web import i18n

EVERY = [
    reasons.clear_non_match(0.0123),
    reasons.weak_average(0.41),
    reasons.JUDGED_APART,
    reasons.JUDGED_APART_FIRST,
    reasons.overruled(0.99951, reasons.clear_non_match(0.021)),
    reasons.sole(0.8412, 0.5),
    reasons.uncertain(0.5, 0.9),
    reasons.kept_apart(reasons.weak_average(0.3)),
    reasons.NOTHING_CLOSE,
    reasons.CLOSE_PERSONS_OBJECT,
    reasons.best_pair(0.959, 0.9),
    reasons.LINKS_PERSONS,
    reasons.on_arrival("europol/EU-1: x", reasons.LINKS_PERSONS),
    reasons.RESOLVE_TO_ONE,
    reasons.NO_LONGER_RESOLVE,
    reasons.NOT_SEEN_BEFORE,
]


@pytest.mark.parametrize("reason", EVERY, ids=lambda r: r.template[:30])
def test_every_reason_is_read_back_as_the_phrase_that_made_it(reason: Phrase) -> None:
    stored = str(reason)  # what the review queue and the lineage keep
    read = reasons.reread(stored)
    assert isinstance(read, Phrase) and read == stored and read.template == reason.template
    french = i18n.translations("fr")
    assert read.in_language(french) == reason.in_language(french)


def test_a_reason_inside_a_reason_is_said_in_the_readers_language() -> None:
    read = reasons.reread(str(reasons.kept_apart(reasons.clear_non_match(0.001))))
    assert read.in_language(i18n.translations("fr")) == (
        "liés par le modèle mais tenus séparés : une autre paire entre les deux groupes est une "
        "non-correspondance nette (0.001)"
    )
    merged = reasons.reread(str(reasons.on_arrival("intel.civil/y5", reasons.LINKS_PERSONS)))
    assert merged.in_language(i18n.translations("nl")) == (
        "intel.civil/y5: het record verbindt personen die tot nu toe apart werden gehouden"
    )


def test_text_no_reason_made_is_kept_as_it_was_stored() -> None:
    for text in ("an older version's reason", "note: something else", "uncertain: between"):
        read = reasons.reread(text)
        assert read == text and not isinstance(read, Phrase)
