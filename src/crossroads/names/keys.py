"""Convention-aware keys: the same Arabic name as French, Dutch, English, German or Turkish habits
write it lands on the same (or a near) key.

A token is folded to lower-case ASCII (``scripts.to_latin``), then rewritten by named rules. Each rule
stands for one known difference between transliteration habits; the set of rules that fired is kept,
so a comparison can say *which* convention difference it absorbed. Two keys come out:

- ``phonetic``: consonant classes plus vowel classes (a/e -> A, i/y/ee/ie -> I, o/u/ou/oe -> U);
- ``skeleton``: consonant classes only, without semivowels. Arabic script writes few vowels, and
  renderings disagree most on vowels, so the skeleton is what blocking and candidate search use.

European names also get a Double Metaphone-style key from ``rigour`` (OpenSanctions' name library).
No library knows these Arabic transliteration conventions, hence the rules below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.text.phonetics import metaphone

from crossroads.names.fold import fold
from crossroads.names.scripts import PLAIN_J
from crossroads.phrase import Phrase


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: re.Pattern[str]
    replacement: str
    label: Phrase  # what the rule stands for, for an explanation
    #: Letters of which the pattern needs at least one: a token without any of them skips the rule
    #: (most tokens skip most rules; the regex engine would find no match, only more slowly).
    #: Rules only ever turn lower-case letters into upper-case classes, so a letter absent from
    #: the folded token never appears later.
    needs: frozenset[str]


def _rule(rule_id: str, pattern: str, replacement: str, label: Phrase) -> Rule:
    needs = frozenset(c for c in _NEEDS.get(rule_id, ""))
    return Rule(rule_id, re.compile(pattern), replacement, label, needs)


_NEEDS = {
    "ettin": "t",
    "abd": "b",
    "tsch": "t",
    "dj": "jh",
    "sh": "hj",
    "kh": "hx",
    "gh": "h",
    "th": "h",
    "dh": "h",
    "ph": "h",
    "q": "qc",
    "c": "c",
    "ou_w": "owv",
    "eu": "u",
    "ou": "ou",
    "y": "y",
    "ie": "iey",
    "ae": "ae",
    "w": "wv",
    "j": "j",
    "final_h": "h",
    "final_t": "t",
    "final_p": "p",
    "z": "z",
}


# Upper-case letters in the output are classes; lower-case letters are still to be rewritten.
RULES: tuple[Rule, ...] = (
    _rule("ettin", r"(?<=[aeiou])ttin$", "ddin", Phrase("Turkish -ettin for -eddin (Nurettin / Nureddin)")),
    _rule(
        "abd",
        r"^abd(?:[aeiou]{1,2}l{1,2}(?=[a-z])|[aeiou]{1,2}(?=([bdfjklmnrstz])\1))",
        "abd",
        Phrase("abd- compound (Abdel / Abdul / Abd al- / assimilated Abdes-)"),
    ),
    # Turkish ç (tsh) as German, Dutch and French writers spell it (Tschelik, Tsjelik, Tchelik for
    # Çelik). Arabic has no such sound; a Turkish ç typed bare is a c, which the Turkish c rule
    # below reads as j before e and i, so ç joins j here too.
    _rule("tsch", r"tsch|tsj|tch", "J", Phrase("tsch / tsj / tch for Turkish ç")),
    _rule("dj", r"dzj|dsch|dj", "J", Phrase("dj / dzj / dsch for j")),
    # sh (ش) is its own class, apart from s (س): Benmoussa and Benmoucha are two families.
    _rule("sh", r"sch|sj|sh|ch", "C", Phrase("ch / sj / sch / sh for sh")),
    _rule("kh", r"kh|x", "X", Phrase("kh / x")),
    _rule("gh", r"gh|^rh(?=[aeiou])", "G", Phrase("gh / rh")),
    _rule("th", r"th", "T", Phrase("th for t")),
    _rule("dh", r"dh", "D", Phrase("dh for d")),
    _rule("ph", r"ph", "F", Phrase("ph for f")),
    _rule("q", r"q|ck|c(?=[aouk]|$)", "K", Phrase("q / k / c")),
    _rule("c", r"c(?=[eiy])", "J", Phrase("Turkish c for j")),
    _rule("ou_w", r"^(?:ou|oe|w|v)(?=[aeiy])", "W", Phrase("ou / oe / w / v for w")),
    # Turkish ö and ü as French and Dutch (eu: Eumer, Geukhan) and German (ue: Guelsen) writers
    # spell them; not the ue after g or q, where French writes a hard g (Guerrouj, Benguigui), nor
    # after o (Bouebdelli: Bou-Ebdelli).
    _rule("eu", r"eu|(?<![gqo])ue", "U", Phrase("eu / ue for Turkish ö / ü")),
    _rule("ou", r"ou|oe|oo|u|o", "U", Phrase("ou / oe / u / o")),
    _rule("y", r"^y(?=[aeiouAIU])|(?<=[aeiouAIU])y+(?=[aeiouAIU])", "Y", Phrase("y as consonant")),
    # Dutch and German write a long i as ie inside a word too (Chadieja, Idriesi).
    _rule("ie", r"ie(?![aeiou])|ee|ij(?![aeiou])|i|y", "I", Phrase("final -i / -y / -ie, ee, Dutch ie / ij")),
    _rule("ae", r"ae|ai|ei|a|e", "A", Phrase("a / e")),
    _rule("w", r"w|v", "W", Phrase("w / v")),
    _rule("j", r"j", "J", Phrase("j")),
    _rule("final_h", r"(?<=[AIU])h$", "", Phrase("silent final h")),
    _rule("final_t", r"(?<=[AIU])t$", "D", Phrase("Turkish final -t for -d (Ahmet / Ahmed)")),
    _rule("final_p", r"(?<=[AIU])p$", "B", Phrase("Turkish final -p for -b (Recep / Rajab, Hatip / Khatib)")),
    _rule("z", r"z", "s", Phrase("s for z (German writers: Sakaria for Zakaria)")),
    _rule("double", r"([a-zA-Z])\1+", r"\1", Phrase("doubled letters")),
)
_VOWELS = re.compile(r"[AIUWY]")
_DOUBLE = re.compile(r"([A-Za-z])\1+")


#: Letters whose sound depends on the writer's language: plain j is y for Dutch and German writers
#: (Joessef, Jussuf) but dj for English and French ones (Jamal); German ch is kh (Chalid), French ch
#: is sh (Chaouki). Keys are built for both readings, so blocking finds either.
#: A plain c before a consonant or at the end is mostly a Turkish ç that lost its cedilla (Kilic for
#: Kılıç), so it is also read as ch, and as the j that the rule ``tsch`` makes of Kilitsch. A Latin
#: sh may be s and h with a vowel left out (Ishaq, إسحاق), as Arabic script is read
#: (``scripts._BEFORE_H``): it is also read so.
_AMBIGUOUS = (
    (PLAIN_J, "y"),
    (re.compile(r"(?<!s)ch"), "kh"),
    (re.compile(r"sh"), "sah"),
    (re.compile(r"c(?![aeiouyhk])"), ("ch", "dj")),  # and the ç German, Dutch, French spell (Kotsch)
    # ç spelt tsch, tsj or tch is also read as the ch English writers spell it (Tchakir / Chakir), as
    # a name written with Turkish letters is read (``scripts._TURKISH``: Çakır -> Chakir).
    (re.compile(r"tsch|tsj|tch"), "ch"),
    (re.compile(r"c(?=[aou])"), "dj"),  # Turkish c is dj before any vowel (Hadica, Cabir)
    (re.compile(r"c(?=[ei])"), "ch"),  # a de-accented Turkish ç (Ciftci for Çiftçi)
    (re.compile(r"^h"), "kh"),  # Turkish writes kh as h (Halit, Hadice)
    (re.compile(r"g(?=[ei])"), "j"),  # French soft g: Belgiki is Beljiki
    # French transcriptions write ghayn rh inside a word too (Lamrhari for Lamghari, Bourhazi for
    # Boughazi); rh there may also be r and h (Burhan), so it is a reading, not a rewrite. Not after
    # another r: Abderrahim is abd-ar-rahim.
    (re.compile(r"(?<=[a-qs-z])rh"), "gh"),
)


def _each(reading: str | tuple[str, ...]) -> tuple[str, ...]:
    return (reading,) if isinstance(reading, str) else reading


@dataclass(frozen=True)
class TokenKey:
    """The keys of one name token, with the original beside them."""

    original: str
    folded: str
    phonetic: str
    skeleton: str
    skeletons: frozenset[str]  # the skeleton under each reading of ambiguous letters
    european: str
    rules: frozenset[str]
    #: The phonetic key with a plain j read as y, as Dutch and German writers mean it (Jussuf,
    #: Joenes, Jahja); the phonetic key itself where the token has no such j.
    phonetic_y: str


def _rewrite(text: str) -> tuple[str, set[str]]:
    fired: set[str] = set()
    letters = set(text)
    for rule in RULES:
        if rule.needs and rule.needs.isdisjoint(letters):
            continue
        rewritten = rule.pattern.sub(rule.replacement, text)
        if rewritten != text:
            fired.add(rule.id)
            text = rewritten
    return text.upper(), fired


def _skeleton(phonetic: str) -> str:
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", phonetic))


#: Letters for sh that the ASCII fold would flatten to s: Turkish ş and the š of Cyrillic ш.
_SH = str.maketrans({"ş": "sh", "Ş": "Sh", "š": "sh", "Š": "Sh"})


@lru_cache(maxsize=200_000)
def token_key(token: str) -> TokenKey:
    folded = fold(token.translate(_SH)).replace(" ", "")
    phonetic, fired = _rewrite(folded)
    skeleton = _skeleton(phonetic)
    skeletons = {skeleton}
    # Every combination of readings: "Chajjari" is Khayyari only when ch is kh *and* j is y.
    readings = {folded}
    for pattern, reading in _AMBIGUOUS:
        found = [r for r in readings if pattern.search(r)]
        if found:
            readings.update(pattern.sub(each, r) for r in found for each in _each(reading))
    rewritten = [_rewrite(r)[0] for r in readings]
    skeletons.update(_skeleton(r) for r in rewritten)
    # A clerk without Turkish letters writes Şahin as Sahin: sh is also read as s, in the skeletons
    # only, so that such a pair agrees by skeleton (blocking finds it, and it scores as a variant)
    # while the phonetic key keeps Benmoussa and Benmoucha apart.
    skeletons.update(_skeleton(r.replace("C", "S")) for r in rewritten if "C" in r)
    european = metaphone(folded) if folded else ""
    as_y = PLAIN_J.sub("y", folded)
    phonetic_y = _rewrite(as_y)[0] if as_y != folded else phonetic
    return TokenKey(
        token, folded, phonetic, skeleton, frozenset(skeletons), european, frozenset(fired), phonetic_y
    )


def rule_label(rule_id: str) -> Phrase:
    return next(r.label for r in RULES if r.id == rule_id)
