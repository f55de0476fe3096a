"""Why the linker grouped records, kept them apart or queued them for an analyst, in words.

These sentences are stored as English text (the review queue, an entity's lineage) and read by
the command line, the API and oversight as they were written. A page says them again in its
reader's language: ``reread`` recognises a stored sentence by the template that made it and gives
back the ``Phrase`` (the same English text, its values read back, a sentence inside a sentence
recognised in turn). A text no template made (an older version's) is shown as it was stored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crossroads.phrase import Phrase


# The clustering (``clusters``): why two groups stayed apart, or merged over an objection.
def clear_non_match(worst: float) -> Phrase:
    return Phrase(
        "another pair between the two groups is a clear non-match (%(worst)s)", worst=f"{worst:.3f}"
    )


def weak_average(mean: float) -> Phrase:
    return Phrase("the pairs between the two groups average only %(mean)s", mean=f"{mean:.2f}")


JUDGED_APART = Phrase("an analyst judged records of the two groups to be different persons")
#: A pair judged "same" whose merge a "different" judgement forbids.
JUDGED_APART_FIRST = Phrase("analysts judged records of the two groups to be different persons")


def overruled(probability: float, against: str) -> Phrase:
    return Phrase(
        "merged by a near-certain link (%(probability)s) although %(against)s",
        probability=f"{probability:.4f}",
        against=against,
    )


def sole(probability: float, floor: float) -> Phrase:
    return Phrase(
        "joined the only person it could be: best pair %(probability)s, no other person at %(floor)s "
        "or above, both records dated",
        probability=f"{probability:.3f}",
        floor=floor,
    )


# The review queue (``linker.Linkage.to_review``).
def uncertain(low: float, link: float) -> Phrase:
    return Phrase("uncertain: between %(low)s and the link threshold %(link)s", low=low, link=link)


def kept_apart(why: str) -> Phrase:
    return Phrase("linked by the model but kept apart: %(why)s", why=why)


# One record resolved on arrival (``realtime.decide``).
NOTHING_CLOSE = Phrase("no stored person is close enough")
CLOSE_PERSONS_OBJECT = Phrase("the close persons hold clear non-matches")


def best_pair(probability: float, link: float) -> Phrase:
    return Phrase(
        "best pair %(probability)s at or above %(link)s", probability=f"{probability:.3f}", link=link
    )


LINKS_PERSONS = Phrase("the record links persons held apart until now")


def on_arrival(record: str, why: str) -> Phrase:
    """A merge made by an arriving record: which record, and the decision's reason."""
    return Phrase.layout("%(record)s: %(why)s", record=record, why=why)


# An entity's lineage after a batch run (``identity.assign``).
RESOLVE_TO_ONE = Phrase("its records now resolve to one person")
NO_LONGER_RESOLVE = Phrase("these records no longer resolve to that person")
NOT_SEEN_BEFORE = Phrase("records of a person not seen before")


#: Values that are sentences themselves, recognised in turn.
_SENTENCES = frozenset({"against", "why"})


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], Phrase]]:
    """Each reason's template as a pattern, with an example phrase of it (its template and whether
    it is translated); the layout, which matches almost any text with a colon, last."""
    examples = [
        clear_non_match(0.0), weak_average(0.0), JUDGED_APART, JUDGED_APART_FIRST, overruled(0.0, ""),
        sole(0.0, 0.0), uncertain(0.0, 0.0), kept_apart(""), NOTHING_CLOSE, CLOSE_PERSONS_OBJECT,
        best_pair(0.0, 0.0), LINKS_PERSONS, RESOLVE_TO_ONE, NO_LONGER_RESOLVE, NOT_SEEN_BEFORE,
        on_arrival("", ""),
    ]  # fmt: skip
    out = []
    for example in examples:
        pattern = re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", re.escape(example.template))
        out.append((re.compile(pattern, re.DOTALL), example))
    return out


def reread(text: str) -> str:
    """``text`` as the ``Phrase`` that made it (equal to it as a string), or ``text`` itself."""
    for pattern, example in _patterns():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        values: dict[str, object] = {}
        for key, value in found.groupdict().items():
            values[key] = reread(value) if key in _SENTENCES else value
        if not example.translated and not isinstance(values.get("why"), Phrase):
            continue  # a colon in some other text, not a merge's record and reason
        made = example.rebuilt(values)
        if made == text:
            return made
    return text
