"""Scripts: normalise Arabic orthography, and bring every script to Latin, keeping the original.

- Arabic: letter variants that carry no identity (alef with hamza or madda, alef wasla, hamza on waw
  or ya, ta marbuta, alef maqsura, Persian/Urdu letter forms, tashkeel, tatweel) are unified first.
  Romanisation is written here because ICU's Arabic-Latin yields scholarly marks (``ạlʿmrạny``) that
  no agency's convention uses; ours writes each letter the way European renderings spell it
  (ش -> sh, خ -> kh, ج -> j, و -> u/w, ي -> i/y), so the convention-aware keys treat both alike.
- Cyrillic, Greek and everything else: ICU ``Any-Latin`` then ``Latin-ASCII`` (a real
  transliterator), with the scholarly letters for one Arabic consonant (š, ḫ, ǧ, ġ, ṯ, ḏ, dž)
  spelt out in between, as European renderings write them.
- Latin: Turkish letters are spelt out (ş -> sh, ç -> ch, ğ -> gh, ı -> i) *before* accents are
  dropped, because they are exactly the letters that mark a Turkish rendering.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

_TASHKEEL = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, superscript alef, tatweel
_ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

_UNIFY = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",  # alef with hamza / madda / wasla
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",  # hamza seats, alef maqsura, ta marbuta
        "ک": "ك",
        "ی": "ي",
        "ۀ": "ه",
        "ە": "ه",
        "ے": "ي",
        "ہ": "ه",
        "ھ": "ه",  # Persian/Urdu forms
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
    }
)

# One Latin spelling per letter, the one European renderings use most; vowels are mostly unwritten
# in Arabic script, which the keys' consonant skeletons absorb.
_ARABIC_TO_LATIN = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "dh",
    "ع": "a",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "ou",
    "ي": "i",
    "ء": "",
    "پ": "p",
    "چ": "ch",
    "ژ": "j",
    "گ": "g",
    "ڤ": "v",
    "ڨ": "g",
    "ﻻ": "la",
}
_TURKISH = str.maketrans({"ş": "sh", "ç": "ch", "ğ": "gh", "ı": "i", "İ": "I"})
# A capital Turkish letter inside an upper-case word spells out in capitals (DOĞAN -> DOGHAN), so
# the parser still sees an upper-case family name; elsewhere in title case (Çelik -> Chelik).
_TURKISH_CAPITAL = re.compile("[ŞÇĞ](?![a-zçşğıöü])")
_TURKISH_CAPITALS = {"Ş": "SH", "Ç": "CH", "Ğ": "GH"}
_TURKISH_TITLE = str.maketrans({"Ş": "Sh", "Ç": "Ch", "Ğ": "Gh"})
_ANY_LATIN = icu.Transliterator.createInstance("Any-Latin")
_LATIN_ASCII = icu.Transliterator.createInstance("Latin-ASCII")
#: Letters of the scholarly romanisations (DMG, and what ICU makes of Cyrillic) that stand for one
#: Arabic consonant written with two letters elsewhere; dropping their marks would make another
#: consonant (Ḫadīǧa is Khadija, not Hadiga; Šarīf, Šarif from Шариф, is Sharif, not Sarif).
_SCHOLARLY = {"dž": "dj", "ḫ": "kh", "ǧ": "dj", "ġ": "gh", "š": "sh", "ṯ": "th", "ḏ": "dh"}
_SCHOLARLY_LETTER = re.compile("dž|Dž|DŽ|[ḫǧġšṯḏḪǦĠŠṮḎ]")


def _scholarly(match: re.Match[str]) -> str:
    letter = match.group()
    spelt = _SCHOLARLY[letter.lower()]
    if not letter[0].isupper():
        return spelt
    # A capital inside an upper-case word spells out in capitals (ǦĀBIR -> DJABIR), as Turkish does.
    after = match.string[match.end() : match.end() + 1]
    return spelt.upper() if not after or not after.islower() else spelt.capitalize()


#: Turkish letters a clerk without a Turkish keyboard types without their marks: Şahin as Sahin,
#: Çakır as Cakir, Doğan as Dogan. Read with its marks, ş is sh and ç is ch (``_TURKISH``), which
#: is right against other conventions (Ayşe / Aicha) but not against the same name typed bare.
#: ı, ö and ü need no such reading: they fold to i, o and u anyway.
_UNMARKED = str.maketrans("şçğŞÇĞ", "scgSCG")
_MARKED = re.compile("[şçğŞÇĞ]")


def unmarked(text: str) -> str | None:
    """``text`` as typed without the marks of Turkish ş, ç and ğ (Çakır -> Cakır), or None when
    it has none of them: the name's second reading, beside the one with its letters spelt out."""
    return text.translate(_UNMARKED) if _MARKED.search(text) else None


#: Letters that stand for jim (j / dj) in one convention and for another sound elsewhere: a Turkish
#: c before a, o, u, another c or at the end (Kabbac for Kabbaj, Neccar for Najjar; before e and i
#: the keys read it as j already), and an Egyptian g before a, o, u or at the end (Gamal for Jamal,
#: Ragab for Rajab). Not c in ch, ck or sc, nor g in gh or ng.
_HARD_J = re.compile(r"(?<![sS])[cC](?=[aouAOUcC]|\b)|(?<![nN])[gG](?=[aouAOU]|\b)")


def _as_j(match: re.Match[str]) -> str:
    letter = match.group()
    after = match.string[match.end() : match.end() + 1]
    if letter.islower():
        return "dj"
    return "DJ" if not after or not after.islower() else "Dj"


def hard_j(text: str) -> str | None:
    """``text`` with a Turkish c and an Egyptian g read as j (Kabbac -> Kabbadj, Gamal -> Djamal),
    or None when it has no such letter: a further reading of the name, never its only one."""
    read = _HARD_J.sub(_as_j, text)
    return read if read != text else None


#: A c before e, i or y is s in French and Dutch renderings (Yacine for Yassine, Lahcen for Lahsen,
#: Hocine for Hussein) but j in Turkish (Cemal for Jamal), which the keys read it as. Not the c of
#: cc or sc, nor a c before h (ch is sh, kh or ç); not in a name written with Turkish letters, nor in
#: a Turkish form of an Arabic name (Hatice is Khadija, never Hatise).
_SOFT_C = re.compile(r"(?<![cCsS])[cC](?=[eiyEIY])")
_TURKISH_ONLY = re.compile("[ıİşŞğĞ]")
_WORD = re.compile(r"\w+")


def soft_c(text: str) -> str | None:
    """``text`` with a c before e, i or y read as s, as French and Dutch writers mean it (Yacine ->
    Yasine), or None when it has no such c: a further reading of the name, never its only one."""
    if _TURKISH_ONLY.search(text):
        return None

    def french(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in _TURKISH_FORMS:
            return word
        return _SOFT_C.sub(lambda c: "s" if c.group() == "c" else "S", word)

    read = _WORD.sub(french, text)
    return read if read != text else None


#: Russian writes both Arabic ha (ح) and kha (خ) as х, romanised kh (Akhmed, Khassan, Khadizhat
#: Akhmadova), and Turkish writes kha as h (Halit, Hatip): a kh may stand for an h of other
#: renderings (Ahmed, Hassan, Khalid / Halid).
_KH = re.compile(r"(?i)kh")


def kh_as_h(text: str) -> str | None:
    """``text`` with kh read as h (Akhmed -> Ahmed, KHASSANOV -> HASSANOV), or None when it has no
    kh: a further reading of the name, never its only one."""
    read = _KH.sub(lambda match: "h" if match.group()[0] == "k" else "H", text)
    return read if read != text else None


#: German writes kh as ch (Chalid, Achmed, Chassanow for Russian Хасанов), where French writes sh
#: so (Chaouki), which the keys read it as. Not the ch of sch.
_GERMAN_CH = re.compile(r"(?<![sS])([cC])([hH])")


def ch_as_kh(text: str) -> str | None:
    """``text`` with ch read as kh, as German writers mean it (Achmed -> Akhmed), or None when it
    has no such ch: a further reading of the name, never its only one."""
    read = _GERMAN_CH.sub(lambda match: ("k" if match.group(1) == "c" else "K") + match.group(2), text)
    return read if read != text else None


#: A j that Dutch and German writers write for y (Jussuf, Joenes, Iljas, Ajjoeb for Youssef, Younes,
#: Ilyas, Ayyub): not the j of dj, sj, zj or tj, which spell other letters. The keys read it so in
#: the first given name and the skeletons (``keys``); ``j_as_y`` reads the whole name so.
PLAIN_J = re.compile(r"(?<![dzst])j", re.IGNORECASE)


def j_as_y(text: str) -> str | None:
    """``text`` with a plain j read as y (Jussuf -> Yussuf), or None when it has none: a further
    reading of the name, never its only one."""
    read = PLAIN_J.sub(lambda match: "y" if match.group() == "j" else "Y", text)
    return read if read != text else None


def ch_as_h(text: str) -> str | None:
    """``text`` with a German ch read as h, both readings at once (Achmadi -> Ahmadi, as a Turkish
    or Russian writer renders the same kh), or None when it has no such ch: a further reading of
    the name, never its only one. The engine applies one reading at a time; German ch read as kh
    met kh, and kh read as h met h, but ch never met h (Mohammed Achmadi / Mohamed Ahmadi: 0.48)."""
    read = ch_as_kh(text)
    return kh_as_h(read) if read is not None else None


#: Turkish forms of Arabic given names that no spelling rule reaches: the sounds themselves changed
#: (Hatice for Khadija: h for kh and t for d inside the word; Mehmet, a contraction of Muhammad;
#: Osman and Usman, s for th; Muaz, Kazım, Nazım, z for dh; Ramazan, Rıza, Rıdvan, Fazıl, Ziya, z
#: for the emphatic d; Bekir, Bakr with a vowel put in). Read as the Arabic name they render. No rule
#: reads every th as s or dh and d as z: Thami and Sami, Fadil and Fazil's other namesakes, are
#: other names in the renderings that write th and d. Written by hand: rigour's Wikidata name
#: groups hold such pairs, but loading its tagger cost 5.4 s and about 400 MB in every process that
#: compares names (measured, BENCHMARKS #3), for these few words.
_TURKISH_FORMS = {
    "hatice": "khadija", "hadice": "khadija", "mehmet": "muhammad", "mehmed": "muhammad",
    "osman": "uthman", "usman": "uthman", "ramazan": "ramadan", "hayriye": "khayriya",
    "muaz": "muadh", "kazim": "kadhim", "nazim": "nadhim", "riza": "rida", "ridvan": "ridwan",
    "rizvan": "ridwan", "fazil": "fadil", "ziya": "diya", "bekir": "bakr", "ebubekir": "abubakr",
}  # fmt: skip
_TURKISH_FORM = re.compile(r"(?i)\b(" + "|".join(_TURKISH_FORMS) + r")\b")


def arabic_forms(text: str) -> str | None:
    """``text`` with the Turkish form of an Arabic given name read as that name (Hatice ->
    Khadija), or None when it has none: a further reading of the name, never its only one."""

    def arabic(match: re.Match[str]) -> str:
        word = match.group()
        # Turkish capital İ lowers to i with a combining dot: read as a plain i.
        form = _TURKISH_FORMS.get(word.replace("İ", "I").replace("ı", "i").lower())
        if form is None:
            return word
        return form.upper() if word.isupper() else form.capitalize() if word[:1].isupper() else form

    read = _TURKISH_FORM.sub(arabic, text)
    return read if read != text else None


def has_arabic(text: str) -> bool:
    return _ARABIC_LETTERS.search(text) is not None


def normalise_arabic(text: str) -> str:
    """Arabic script with identity-free variation removed (still Arabic script)."""
    return _TASHKEEL.sub("", unicodedata.normalize("NFKC", text)).translate(_UNIFY)


#: Letters romanised s, k or t, and the two letters romanised h: side by side they would spell the
#: digraphs sh, kh and th, other letters (ش, خ, ث), and read so, سهام (Siham) was "sham", سحر
#: (Sahar) "shr" and طه (Taha) "th". Latin renderings write a vowel between them (Siham, Sahar,
#: Souhail, Kahina, Taha, Tahouchi), so one is written here too. Not after ت and د: Latin renderings
#: write Fathi and Fathallah as the letters stand.
_BEFORE_H = frozenset("سصكط")
_H = frozenset("هح")


def _romanise_arabic_word(word: str) -> str:
    out: list[str] = []
    for i, letter in enumerate(word):
        latin = _ARABIC_TO_LATIN.get(letter)
        if letter in _H and i > 0 and word[i - 1] in _BEFORE_H:
            out.append("a")
        if latin is None:
            out.append(letter)
        elif letter == "و":
            out.append("w" if i == 0 else "ou")  # initial waw is a consonant: Walid, not Oualid
        elif letter == "ي":
            out.append("y" if i == 0 else "i")
        elif letter == "ه" and i == len(word) - 1 and len(word) > 2:
            out.append("a")  # final ha is mostly a former ta marbuta: Fatima, Aicha; not in Taha (طه)
        else:
            out.append(latin)
    return "".join(out)


#: Names that begin with alef-lam without an article (Ilyas, Ilham, Alyasa).
_NOT_ARTICLE = frozenset({"الياس", "الهام", "اليسع", "اليسا", "الله"})
#: Function words of names, written as the Latin renderings write them so the parser knows them.
_NAME_WORDS = {
    "بن": "ben", "ابن": "ibn", "بنت": "bent", "ابو": "abou", "ام": "oum", "ولد": "ould",
    "الله": "allah",  # Abd Allah: one word of God's name, not the article + "lh"
    "عبدالله": "abdallah",
}  # fmt: skip


def _split_article(word: str) -> list[str]:
    """The article is written joined in Arabic script (العمراني); Latin renderings separate it."""
    if word.startswith("ال") and len(word) > 3 and word not in _NOT_ARTICLE:
        return ["ال", word[2:]]
    return [word]


def romanise_arabic(text: str) -> str:
    """'يوسف العمراني' -> 'yousf al amrani': a consonant-faithful Latin form for the keys."""
    words = [part for w in normalise_arabic(text).split() for part in _split_article(w)]
    return " ".join("al" if w == "ال" else _NAME_WORDS.get(w) or _romanise_arabic_word(w) for w in words)


@lru_cache(maxsize=65536)
def to_latin(text: str) -> str:
    """Any script to plain Latin letters (lower-cased later by the caller); Latin is kept as is."""
    if has_arabic(text):
        text = romanise_arabic(text)
    text = _TURKISH_CAPITAL.sub(lambda m: _TURKISH_CAPITALS[m.group()], text)
    text = text.translate(_TURKISH).translate(_TURKISH_TITLE)
    if text.isascii():
        return text
    text = _SCHOLARLY_LETTER.sub(_scholarly, str(_ANY_LATIN.transliterate(text)))
    return str(_LATIN_ASCII.transliterate(text))
