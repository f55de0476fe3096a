"""How an agency writes a name: its transliteration convention, particle habits, layout and typos.

Everything here is drawn from the hand-built tables (``name_tables``) and a small typo model of
the slips a clerk makes at a keyboard (a dropped, doubled, swapped or neighbouring letter, a vowel
heard differently). None of it is derived from the matching engine's rules.
"""

from __future__ import annotations

import random
import unicodedata

from crossroads.demo.name_tables import FamilyName, NameForm

#: The agency layouts of a full name, with the given name ``g`` and the family name ``f``.
LAYOUTS = (
    "FAMILY Given",  # Belgian police: EL AMRANI Youssef
    "Given Family",  # Youssef El Amrani
    "Family, Given",  # El Amrani, Youssef
    "FAMILY, Given",  # EL AMRANI, Youssef
    "GIVEN FAMILY",  # YOUSSEF EL AMRANI
    "Given FAMILY",  # Youssef EL AMRANI
    "Family Given",  # El Amrani Youssef (reversed, no comma)
)

_NEIGHBOURS = {  # AZERTY/QWERTY neighbours of each letter, for a finger that slips
    "a": "zqs",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "zr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "j": "hk",
    "k": "jl",
    "l": "km",
    "m": "ln",
    "n": "bm",
    "o": "ip",
    "p": "o",
    "q": "as",
    "r": "et",
    "s": "dq",
    "t": "ry",
    "u": "yi",
    "v": "cb",
    "w": "xq",
    "x": "cw",
    "y": "tu",
    "z": "ae",
}
_HEARD_AS = {"a": "e", "e": "a", "i": "y", "y": "i", "o": "ou", "u": "ou", "k": "c", "c": "k"}
_TURKISH_UPPER = str.maketrans({"i": "İ", "ı": "I"})


def pick(form: NameForm, convention: str, rng: random.Random, usual: float = 0.6) -> str:
    """One spelling of ``form`` in ``convention``: the usual one with probability ``usual``."""
    options = form.spellings[convention]
    if len(options) == 1 or rng.random() < usual:
        return options[0]
    return options[rng.randrange(1, len(options))]


def _assimilated(stem: str) -> str:
    """The article before a sun letter as French clerks write it: Tazi -> Et-Tazi."""
    head = stem[:2] if stem[:2] in ("Ch", "Sh", "Th") else stem[:1]
    return f"E{head.lower()}-{stem}"


def with_particle(family: FamilyName, stem: str, convention: str, rng: random.Random) -> str:
    """The full family name with its particle (el, al, ben, ait) written per convention habit."""
    particle = family.particle
    if not particle:
        return stem
    roll = rng.random()
    if particle in ("el", "al"):
        if family.sun_letter and roll < 0.25 and convention in ("fr", "nl"):
            return (
                _assimilated(stem) if rng.random() < 0.6 else _assimilated(stem).replace("-", "").capitalize()
            )
        if convention == "en":
            word = "al-" if roll < 0.55 else ("Al-" if roll < 0.8 else "Al ")
            return word + stem
        if convention == "tr":
            return ("El " if roll < 0.5 else "el-") + stem
        if convention == "de" and particle == "al":
            return ("Al-" if roll < 0.5 else "Al ") + stem
        head = "El" if particle == "el" else "Al"
        if roll < 0.65:
            return f"{head} {stem}"
        if roll < 0.8:
            return f"{head}-{stem}"
        return head + stem.lower()
    if particle == "ben":
        if convention in ("en", "tr") and roll < 0.5:
            return "Bin " + stem
        if roll < 0.5:
            return "Ben " + stem
        if roll < 0.85:
            return "Ben" + stem.lower()
        return "Ben-" + stem
    if convention == "tr" and roll < 0.5:
        return "Ayt " + stem
    if roll < 0.55:
        return "Ait " + stem
    if roll < 0.75:
        return ("Aït " if convention == "fr" else "Ait-") + stem
    return ("Ait-" if roll < 0.9 else "Ait") + (stem if roll < 0.9 else stem.lower())


def drop_particle(full: str, family: FamilyName) -> str:
    """How an index that ignores particles files the name: El Amrani -> Amrani."""
    if not family.particle:
        return full
    for head in (
        "El ",
        "El-",
        "Al ",
        "Al-",
        "al-",
        "el-",
        "Ben ",
        "Ben-",
        "Bin ",
        "Ait ",
        "Aït ",
        "Ait-",
        "Ayt ",
    ):
        if full.startswith(head):
            return full[len(head) :]
    return full


def strip_accents(text: str) -> str:
    """What a system without accented letters stores: Aïcha -> Aicha, Şahin -> Sahin."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def upper(text: str, turkish: bool = False) -> str:
    return text.translate(_TURKISH_UPPER).upper() if turkish else text.upper()


def layout(given: str, family: str, style: str, turkish: bool = False) -> str:
    """A full name in one of ``LAYOUTS``."""
    if style == "FAMILY Given":
        return f"{upper(family, turkish)} {given}"
    if style == "Given Family":
        return f"{given} {family}"
    if style == "Family, Given":
        return f"{family}, {given}"
    if style == "FAMILY, Given":
        return f"{upper(family, turkish)}, {given}"
    if style == "GIVEN FAMILY":
        return upper(f"{given} {family}", turkish)
    if style == "Given FAMILY":
        return f"{given} {upper(family, turkish)}"
    return f"{family} {given}"


def lower_particle(family: str) -> str:
    """Dutch style after a given name: Youssef el Amrani, Mohamed ben Moussa."""
    for head in ("El ", "Al ", "Ben "):
        if family.startswith(head):
            return head.lower() + family[len(head) :]
    return family


def typo(word: str, rng: random.Random) -> str:
    """One keyboard or hearing slip in ``word``; the first letter is kept (clerks rarely miss it)."""
    letters = [i for i in range(1, len(word)) if word[i].isalpha()]
    if len(letters) < 2:
        return word
    i = rng.choice(letters)
    kind = rng.random()
    ch = word[i]
    lower = ch.lower()
    if kind < 0.22:  # dropped letter
        return word[:i] + word[i + 1 :]
    if kind < 0.38:  # doubled letter
        return word[:i] + ch + word[i:]
    if kind < 0.58 and i + 1 < len(word) and word[i + 1].isalpha():  # swapped neighbours
        return word[:i] + word[i + 1] + ch + word[i + 2 :]
    if kind < 0.78 and lower in _NEIGHBOURS:  # finger slipped to a neighbouring key
        slip = rng.choice(_NEIGHBOURS[lower])
        return word[:i] + (slip.upper() if ch.isupper() else slip) + word[i + 1 :]
    if lower in _HEARD_AS:  # heard differently
        heard = _HEARD_AS[lower]
        return word[:i] + (heard.upper() if ch.isupper() else heard) + word[i + 1 :]
    return word[:i] + word[i + 1 :]


def with_typo(text: str, rng: random.Random) -> str:
    """A slip in one of the words of ``text`` (a full name or one part of it)."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 3]
    if not candidates:
        return text
    i = rng.choice(candidates)
    words[i] = typo(words[i], rng)
    return " ".join(words)


def arabic_name(given: NameForm, family: NameForm | None) -> str:
    if family is None or not family.arabic:
        return given.arabic
    return f"{given.arabic} {family.arabic}"
