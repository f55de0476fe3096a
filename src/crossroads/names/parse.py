"""Parse a person's name, given as one string or as parts, into tokens with roles.

Roles are read from the cues agencies leave: a comma ("Bakkali, Youssef"), upper-case family names
("EL BAKKALI Youssef"), separate first/last name fields; otherwise the last part is the family name.
Articles (el, al, ed-, es-...) are kept for display but carry no identity; connectors (ben, bou,
ait, abou, van, de...) join the part that follows, so "Ben Ali" and "Benali" are one family name;
"Abd" joins its second element ("Abd al-Qadir" = "Abdelkader"). In a nom de guerre, "Abou X" is a
kunya and "al-X-i" a nisba (the place or group the fighter is named after).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from crossroads.names.fold import fold
from crossroads.names.keys import TokenKey, token_key
from crossroads.names.scripts import to_latin

ARTICLES = frozenset(
    {"el", "al", "ul", "il", "ed", "es", "et", "er", "ez", "en", "ad", "as", "at", "ar", "an", "az"}
    # assimilated before a sun letter written with two letters: aš-Šarīf, Ech-Chaoui, aṯ-Ṯaqafī
    | {"ash", "ath", "adh", "ech", "esh", "ach"}
)
CONNECTORS = frozenset(
    {
        "ben",
        "bin",
        "ibn",
        "bent",
        "bint",
        "ould",
        "oulad",
        "ait",  # Berber "sons of", as French, English/scholarly, German/Turkish and Dutch clerks write it
        "ayt",
        "eit",
        "eyt",
        "ajt",
        "bou",
        "bu",
        "bel",
        "abou",
        "aboe",
        "aboo",
        "abu",
        "abi",
        "ebu",
        "um",
        "umm",
        "oum",
        "oem",
        "ummu",
        "van",
        "von",
        "de",
        "der",
        "den",
        "vanden",
        "vander",
        "le",
        "la",
        "du",
        "des",
        "di",
        "da",
        "dos",
        "del",
    }
)
#: "Father of" / "mother of" as French, English, Dutch (aboe, oem) and Turkish (ebu, ümmü) clerks
#: write them.
KUNYA = frozenset({"abou", "abu", "aboe", "aboo", "abi", "ebu", "um", "umm", "oum", "oem", "ummu"})
_ABD = re.compile(r"^abd(?:[aeiou]{1,2}[lsrtdnz]?)?$")  # Abd / Abdel / Abdul / Abdes / Abder ...
# Spaces, hyphens, slashes and punctuation separate words; an apostrophe inside a word marks an
# ayn or a hamza in transliterations (Sa'idi, Ma'rouf) and is dropped, keeping the word whole.
#: An article glued to a family name ("Elsbai", "ELFASSI", "Almasri"): "el" or "al" before a
#: consonant and at least three more letters; and "el" before a vowel and at least four more
#: letters ("Elamrani", "ELOUARDI", "Elomari": written so by Belgian and French clerks). A shorter
#: word is a name of its own (Elias, Eloy), and "al" before a vowel is part of the name (Alaoui,
#: Alami, Aleksandrov). The assimilated forms (Essaidi) are left whole: Flemish names begin so too.
_GLUED_ARTICLE = re.compile(
    r"^(?:[EeAa][Ll](?=[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z][A-Za-z]{2})|[Ee][Ll](?=[AaOoIiUu][A-Za-z]{4}))"
)
#: "al" glued before a vowel and at least four more letters ("ALOBEIDI", "Alurdoni"), which the
#: parser leaves whole (``_GLUED_ARTICLE``): a further reading writes it apart (``al_apart``).
_GLUED_AL = re.compile(r"\b([Aa][Ll])(?=[AaEeIiOoUu][^\W\d_]{3})")


def al_apart(text: str) -> str | None:
    """``text`` with "al" glued before a vowel written apart ("Omar ALOBEIDI" -> "Omar AL-OBEIDI"),
    or None when it has none: a further reading, never the name's only one, since Alaoui and Alami
    are names of their own. The comparison tries it only against a name that writes an article
    apart (``has_article``): Al-Obeidi, not Ami against Alami."""

    def apart(match: re.Match[str]) -> str:
        # Not after an article of its own: "El-Alawie" is El + Alawie, not El + Al + awie.
        before = _SPLIT.split(text[: match.start()].rstrip(" -‐‑_/."))[-1]
        return match.group() if fold(before) in ARTICLES else match.group(1) + "-"

    read = _GLUED_AL.sub(apart, text)
    return read if read != text else None


#: "Sons of" and "son of" in Arabic script, and an article glued to the word after them: آيت الطالب is
#: written Ait Taleb, بن الطيب Ben Taieb, by clerks who leave the article out.
_ARABIC_COMPOUND_ARTICLE = re.compile(r"(?<!\S)((?:آيت|ايت|أيت|بن|بو|ولد)\s+)ال(?=\S{2})")
#: The same in Latin letters: "son of", "sons of" or "father of" (not a kunya's lead, nor van or de),
#: then an article written as a word of its own.
_FILIATION = frozenset(
    {"ben", "bin", "ibn", "bent", "bint", "ould", "oulad", "ait", "ayt", "eit", "eyt", "ajt", "bou", "bu"}
)
_LATIN_COMPOUND_ARTICLE = re.compile(
    r"(?i)(?<![^\s-])((?:"
    + "|".join(sorted(_FILIATION))
    + r")[\s-]+)(?:"
    + "|".join(sorted(ARTICLES))
    + r")[\s-]+(?=\w)"
)


def compound_article_dropped(text: str) -> str | None:
    """``text`` with an article between a connector and the word it joins left out ("Ait El Taleb"
    -> "Ait Taleb", "آيت الطالب" -> "آيت طالب"), or None when it has none: a further reading, since
    clerks write such a name with the article or without it ("Ben Abdallah" keeps the one inside
    Abdallah, which is part of that word)."""
    read = _LATIN_COMPOUND_ARTICLE.sub(r"\1", _ARABIC_COMPOUND_ARTICLE.sub(r"\1", text))
    return read if read != text else None


def named_key(token: Token) -> TokenKey:
    """The key of the name a part is made of: for a kunya, the name after "Abu" or "Umm" ("Abou
    Talha" -> Talha), since every kunya shares its lead and Jaro-Winkler rewards a shared start
    (Abou Talha / Abou Khattab: 0.91 as whole keys); for any other part, its own key."""
    if token.role is Role.KUNYA and " " in token.text:
        return token_key(token.text.split(" ", 1)[1])
    return token.key


def has_article(parsed: ParsedName) -> bool:
    """The name writes an article (al, el, ...) apart, as a part of its own."""
    return any(t.role is Role.PARTICLE and t.key.folded in ARTICLES for t in parsed.tokens)


#: The second half of an "-al-Din" name (Nour-Eddine, Salah ed-Din, Nour el Dine, Zine Eddine,
#: نور الدين), written apart from the first: joined to it, as Noureddine and Zinedine are written.
_DIN = re.compile(r"^(?:[aeiou]{1,2}[dl]{1,2})?d(?:i|ie|ee|y)ne?$")
_SPLIT = re.compile(r"[\s\-‐‑_/.\"()\[\]]+")
_APOSTROPHES = re.compile(r"['’`ʿʾ]")


class Role(StrEnum):
    GIVEN = "given"
    FAMILY = "family"
    PARTICLE = "particle"
    KUNYA = "kunya"
    NISBA = "nisba"
    INITIAL = "initial"


@dataclass(frozen=True)
class Token:
    text: str  # as written (after joining connectors), original script
    role: Role
    key: TokenKey


@dataclass(frozen=True)
class ParsedName:
    original: str
    tokens: tuple[Token, ...]
    order_known: bool  # True when a cue (comma, capitals, separate fields) fixed the roles

    def of(self, *roles: Role) -> list[Token]:
        return [t for t in self.tokens if t.role in roles]

    @property
    def identity_tokens(self) -> list[Token]:
        return [t for t in self.tokens if t.role is not Role.PARTICLE]


def _words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(_APOSTROPHES.sub("", text)) if w]


@dataclass(frozen=True)
class _Word:
    """What the parser asks of a word, worked out once per distinct word (names share words)."""

    article: bool
    joins_next: bool  # a connector, or "abd" that starts a compound
    glue: bool  # an article or connector that may sit inside a joined group
    initial: bool
    kunya: bool


@lru_cache(maxsize=100_000)
def _word(word: str) -> _Word:
    low = fold(word)
    lead = low.split(" ")[0]
    return _Word(
        article=low in ARTICLES,
        joins_next=low in CONNECTORS or _ABD.match(low) is not None,
        glue=low in ARTICLES or low in CONNECTORS,
        initial=len(low.replace(" ", "")) == 1,
        kunya=lead in KUNYA,
    )


def _join_connectors(words: list[str]) -> list[tuple[str, bool]]:
    """Glue connectors and 'abd' to the word after them (skipping an article): (word, is_article)."""
    out: list[tuple[str, bool]] = []
    i = 0
    n = len(words)
    while i < n:
        word = words[i]
        info = _word(word)
        if info.joins_next and i + 1 < n:
            j, glue = i, [word]
            while True:
                j += 1
                while j + 1 < n and _word(words[j]).glue:
                    glue.append(words[j])
                    j += 1
                glue.append(words[j])
                # A connector before "abd" takes its compound too: "Ben Abd Allah" is one family
                # name (Benabdallah), not "Ben Abd" and a given name "Allah"; Arabic script writes it so.
                if not (j + 1 < n and (last := _word(words[j])).joins_next and not last.glue):
                    break
            out.append((" ".join(glue), False))
            i = j + 1
            continue
        if out and _DIN.match(fold(word)):
            if not out[-1][1]:
                out[-1] = (f"{out[-1][0]} {word}", False)
                i += 1
                continue
            if len(out) > 1 and not out[-2][1]:
                # The article before d is assimilated (ad-Din, Eddine): "Nour el Dine" is Noureddine.
                out[-2:] = [(f"{out[-2][0]} ed {word}", False)]
                i += 1
                continue
        out.append((word, info.article))
        i += 1
    return out


def _is_upper(word: str) -> bool:
    # str.isupper: every cased letter is a capital and there is at least one; words hold letters,
    # digits and joining spaces only (punctuation was split off).
    return len(word) > 1 and word.isupper()


@lru_cache(maxsize=200_000)
def _token(text: str, role: Role) -> Token:
    """Tokens are immutable, and the same word in the same role recurs across many names."""
    return Token(text, role, token_key(text))


def _roles(words: list[tuple[str, bool]], family_at: set[int]) -> list[Token]:
    tokens: list[Token] = []
    kunya = False
    for i, (word, article) in enumerate(words):
        info = _word(word)
        if article:
            role = Role.PARTICLE
        elif info.initial:
            role = Role.INITIAL
        elif info.kunya:
            role = Role.KUNYA
            kunya = True
        else:
            role = Role.FAMILY if i in family_at else Role.GIVEN
        glued = _GLUED_ARTICLE.match(word) if role is Role.FAMILY and not (i and words[i - 1][1]) else None
        if glued:
            # "ELSBAI" is "El-Sbai" written as one word: the article apart, as where it is written so.
            tokens.append(_token(word[: glued.end()], Role.PARTICLE))
            word = word[glued.end() :]
        tokens.append(_token(word, role))
    if kunya:
        # In a nom de guerre, "al-X-i" after the kunya names a place or group, not a family.
        for i, t in enumerate(tokens):
            if i > 0 and tokens[i - 1].role is Role.PARTICLE and t.key.folded.endswith(("i", "y")):
                tokens[i] = Token(t.text, Role.NISBA, t.key)
    return tokens


#: Names kept for the length of a batch run (``remembering_every_name``); None outside one.
_RUN_MEMO: dict[str, ParsedName] | None = None


@contextmanager
def remembering_every_name() -> Iterator[None]:
    """Within this block every name parsed stays parsed until the block ends. A batch run meets
    each of its names several times (blocking keys, frequencies, comparison vectors), and has more
    of them than the bounded cache holds, so that cache would forget each name before it came
    back (a ParsedName is small: its tokens are shared across names). Nested blocks share one."""
    global _RUN_MEMO
    outermost = _RUN_MEMO is None
    if outermost:
        _RUN_MEMO = {}
    try:
        yield
    finally:
        if outermost:
            _RUN_MEMO = None


def parse(name: str) -> ParsedName:
    """One name string in any order, case and script."""
    memo = _RUN_MEMO
    if memo is None:
        return _parsed(name)
    found = memo.get(name)
    if found is None:
        found = memo[name] = _parsed(name)
    return found


def has_kunya(name: str) -> bool:
    """Whether a name holds a kunya (Abu Hamza, Oum Yahya), as ``parse`` would find it, without
    parsing the name whole: a search weighs the names of hundreds of candidates, most of them met
    for the first time."""
    return any(_word(word).kunya for word in _words(_latin(name)))


def _latin(name: str) -> str:
    text = name.strip()
    return to_latin(text) if not text.isascii() else text


@lru_cache(maxsize=100_000)
def _parsed(name: str) -> ParsedName:
    latin = _latin(name)
    if "," in latin:
        family_part, _, given_part = latin.partition(",")
        family = _join_connectors(_words(family_part))
        given = _join_connectors(_words(given_part))
        words = given + family
        return ParsedName(name, tuple(_roles(words, set(range(len(given), len(words))))), True)
    words = _join_connectors(_words(latin))
    upper = {i for i, (w, article) in enumerate(words) if not article and _is_upper(w)}
    if upper and len(upper) < sum(not a for _, a in words):
        return ParsedName(name, tuple(_roles(words, upper)), True)
    content = [i for i, (_, article) in enumerate(words) if not article]
    if content and _family_first(words):
        # "El-Idrissy Bilal", "Ben Ali Youssef": given names carry no article or connector, so a
        # name that opens with one opens with its family name.
        return ParsedName(name, tuple(_roles(words, {content[0]})), False)
    family_at = {content[-1]} if len(content) > 1 else set()
    return ParsedName(name, tuple(_roles(words, family_at)), False)


def _family_first(words: list[tuple[str, bool]]) -> bool:
    first, article = words[0]
    if article:
        return True
    lead = fold(first).split(" ")[0]
    return " " in first.strip() and lead in CONNECTORS and lead not in KUNYA


def other_reading(parsed: ParsedName) -> ParsedName | None:
    """With no cue to the order, the name read the other way round: family name first ("Tahiri
    Youssef") when the parser took it last, last when it took it first; None when it cannot be.

    The roles are assigned again from the words, not by relabelling the tokens: a word read as a
    family name may have had a glued article split off ("Eljas" as El-Jas), which the same word
    read as a given name keeps whole."""
    if parsed.order_known:
        return None
    tokens = parsed.of(Role.GIVEN, Role.FAMILY)
    if len(tokens) < 2:
        return None
    family_first = tokens[0].role is Role.FAMILY
    words = _join_connectors(_words(_latin(parsed.original)))
    content = [
        i
        for i, (word, article) in enumerate(words)
        if not article and not _word(word).initial and not _word(word).kunya
    ]
    if len(content) < 2:
        return None
    family_at = content[-1] if family_first else content[0]
    return ParsedName(parsed.original, tuple(_roles(words, {family_at})), False)


def parse_parts(first: str | None, last: str | None) -> ParsedName:
    """A name given as separate fields (firstName / lastName): the roles are known."""
    given = _join_connectors(_words(to_latin(first or "")))
    family = _join_connectors(_words(to_latin(last or "")))
    words = given + family
    original = " ".join(p for p in (first, last) if p)
    return ParsedName(original, tuple(_roles(words, set(range(len(given), len(words))))), True)
