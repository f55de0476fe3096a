"""A labelled name-pair benchmark, generated independently of the name engine.

    .venv/bin/python bench/name_pair_set.py --pairs 8000 --seed 7 --out bench/out/name_pairs.csv

Nothing here imports ``crossroads``: names are written from their own phonemic spellings by this
file's own tables of how French, Dutch, English, German and Turkish writers (and Arabic and Cyrillic
script) render each sound, so the engine is not graded on its own rules. Output columns:
``a,b,same,category``.

Categories (at least 500 pairs each):
- same person (``same=1``): ``conventions`` (two Latin conventions), ``scripts`` (Arabic or Cyrillic
  script against a Latin convention), ``typos`` (one convention, one or two slips), ``reordered``
  (parts in another order, a middle name dropped, capitals or a comma as the only cue), ``alias``
  (one nom de guerre, "Abu X al-Y", in two conventions);
- different people (``same=0``): ``siblings`` (same family name, other given name), ``namesakes``
  (same given and family name, different second given names, both written), ``similar_family``
  (family names one consonant apart, Bakkali / Bakkari; half of them with the same given name).

A positive category is scored together with all negatives, a negative category with all positives
(``bench/name_quality.py``).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Phonemic spellings: long vowels doubled (aa, ii, uu); H = ħ, S/D/T = emphatic s/d/t, ' = ayn,
# ^ = hamza, sh, kh, gh, th, dh digraphs; a final "ah" is a ta marbuta; "al-" the article.
GIVEN_MALE = (
    "muHammad aHmad yuusuf khaalid 'abd al-qaadir 'abd as-salaam 'abd ar-raHmaan 'abd al-'aziiz "
    "ibraahiim ismaa'iil 'umar 'uthmaan 'alii Hasan Husayn muSTafaa kariim rashiid sa'iid jamaal "
    "bilaal hishaam anas ayyuub ilyaas zakariyyaa yaasiin Hamzah mahdii nabiil Taariq waliid yaHyaa "
    "zuhayr naaSir fu^aad muniir sufyaan marwaan 'aadil riDwaan samiir 'abd al-majiid 'abd al-laTiif "
    "mu'aadh khaliil ma'ruuf shukrii Saalih ghaalib"
)
GIVEN_FEMALE = (
    "faaTimah 'aa^ishah khadiijah maryam zaynab naadiyah laTiifah amiinah salmaa asmaa^ Hanaan "
    "sanaa^ nawaal samiirah maliikah kariimah yaasmiinah sukaynah haajar ikraam shayma^ khawlah "
    "ghizlaan sumayyah"
)
GIVEN_SECOND = "amiin 'alii kariim rashiid sa'iid Saalih 'umar ilyaas anas naaSir"
FAMILY = (
    "bakkaalii al-'amraanii Taahirii idriisii 'azzuuzii bakraawii shawqii laHluu zarhuunii "
    "bin-'alii wazzaanii manSuurii Haddaad qadduurii sa'iidii naaSirii rashiidii faasii 'alawii "
    "Hamdaawii shraybii barraadah taazii kattaanii bin-jalluun zayyaanii bukhaarii ghazzaalii jabrii "
    "khaTTaabii sa'dii Hakiimii kariimii raHmuunii bal-Haajj waalii ya'quubii muusaawii khayyaarii "
    "filaalii bannaanii al-'ulamii shaabii bin-'abbuud tawfiiqii zaahirii marzuuqii mahdaawii "
    "bin-yuusuf sharqaawii 'ayyaashii dahbii Harraaq sabbaar ghaniimii lamtaalsii"
)
TURKISH_GIVEN = (
    "Mehmet Mustafa Ahmet Emre Burak Murat Hüseyin Hasan Yusuf Ayşe Fatma Zeynep Elif Emine Hatice Şükrü"
)
TURKISH_FAMILY = (
    "Yılmaz Kaya Demir Çelik Şahin Yıldız Öztürk Aydın Arslan Doğan Kılıç Koç Kurt Özdemir Güneş Çakır"
)
KUNYA = "Hamzah 'ubaydah 'umar khaalid anas mus'ab sulaymaan Talhah yaasiin qataadah"
NISBA = "baljiikii maghribii faransii hulandii almaanii andaluusii tuunisii shaamii suuriyy 'iraaqii"

CONVENTIONS = ("fr", "nl", "en", "de", "tr")

# How each convention writes each sound: (phoneme, spelling). Longest phonemes first.
_COMMON = {
    "th": "t", "dh": "d", "S": "s", "D": "d", "T": "t", "Z": "z", "H": "h", "'": "", "^": "",
    "b": "b", "t": "t", "d": "d", "r": "r", "z": "z", "s": "s", "f": "f", "k": "k", "l": "l",
    "m": "m", "n": "n", "h": "h", "a": "a", "i": "i", "aa": "a", "ii": "i",
}  # fmt: skip
_SPELLING = {
    "fr": {"u": "ou", "uu": "ou", "sh": "ch", "j": "dj", "kh": "kh", "gh": "gh", "q": "k", "w": "ou",
           "y": "y"},
    "nl": {"u": "oe", "uu": "oe", "sh": "sj", "j": "dj", "kh": "ch", "gh": "gh", "q": "k", "w": "w",
           "y": "j"},
    "en": {"u": "u", "uu": "u", "sh": "sh", "j": "j", "kh": "kh", "gh": "gh", "q": "q", "w": "w", "y": "y",
           "th": "th", "dh": "dh"},
    "de": {"u": "u", "uu": "u", "sh": "sch", "j": "dsch", "kh": "ch", "gh": "gh", "q": "k", "w": "w",
           "y": "j", "z": "s"},
    "tr": {"u": "u", "uu": "u", "sh": "ş", "j": "c", "kh": "h", "gh": "ğ", "q": "k", "w": "v", "y": "y"},
}  # fmt: skip
_ARTICLE = {"fr": ("El ", "el-", "El-"), "nl": ("El ", "el "), "en": ("al-", "Al "), "de": ("al-", "Al-"),
            "tr": ("El ", "el-")}  # fmt: skip
_CONNECTOR = {"bin": {"fr": "Ben ", "nl": "Ben ", "en": "bin ", "de": "Ben ", "tr": "Bin"},
              "bal": {"fr": "Bel", "nl": "Bel", "en": "Bel", "de": "Bel", "tr": "Bel"},
              "abu": {"fr": "Abou ", "nl": "Aboe ", "en": "Abu ", "de": "Abu ", "tr": "Ebu "}}  # fmt: skip
_SUN = set("tdrzsnl") | {"th", "dh", "sh", "S", "D", "T", "Z"}
_TOKEN = re.compile(r"aa|ii|uu|sh|kh|gh|th|dh|[a-zA-Z'^]")

_ARABIC = {
    "b": "ب", "t": "ت", "th": "ث", "j": "ج", "H": "ح", "kh": "خ", "d": "د", "dh": "ذ", "r": "ر",
    "z": "ز", "s": "س", "sh": "ش", "S": "ص", "D": "ض", "T": "ط", "Z": "ظ", "'": "ع", "gh": "غ",
    "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "y": "ي",
    "aa": "ا", "ii": "ي", "uu": "و", "^": "ء",
}  # fmt: skip
_CYRILLIC = {
    "b": "б", "t": "т", "th": "с", "j": "дж", "H": "х", "kh": "х", "d": "д", "dh": "з", "r": "р",
    "z": "з", "s": "с", "sh": "ш", "S": "с", "D": "д", "T": "т", "Z": "з", "'": "", "gh": "г",
    "f": "ф", "q": "к", "k": "к", "l": "л", "m": "м", "n": "н", "h": "х", "w": "в", "y": "й",
    "a": "а", "i": "и", "u": "у", "aa": "а", "ii": "и", "uu": "у", "^": "",
}  # fmt: skip
_TURKISH_FOLD = str.maketrans("ıİşŞçÇğĞöÖüÜ", "iIsScCgGoOuU")
_GERMAN_TURKISH = {"ö": "oe", "ü": "ue", "Ö": "Oe", "Ü": "Ue"}
_KEYBOARD = {
    "a": "qzs", "b": "vn", "c": "xv", "d": "sf", "e": "rz", "f": "dg", "g": "fh", "h": "gj", "i": "uo",
    "j": "hk", "k": "jl", "l": "km", "m": "nl", "n": "bm", "o": "ip", "r": "et", "s": "ad", "t": "ry",
    "u": "yi", "y": "tu", "z": "ae",
}  # fmt: skip
# Consonant swaps that make another family name, not another spelling of the same one.
_OTHER_FAMILY = {"l": "r", "r": "l", "m": "n", "n": "m", "b": "m", "d": "r", "f": "b", "z": "l", "k": "f"}


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool
    category: str


def _phonemes(word: str) -> list[str]:
    return _TOKEN.findall(word)


def _latin_word(word: str, convention: str, rng: random.Random) -> str:
    """One phonemic word as a writer of ``convention`` spells it."""
    spelling = {**_COMMON, **_SPELLING[convention]}
    out: list[str] = []
    phonemes = _phonemes(word)
    vowels_seen = 0
    for i, p in enumerate(phonemes):
        letters = spelling.get(p, p.lower())
        vowels_seen += p in ("a", "i", "u", "aa", "ii", "uu")
        if p == "w" and i == 0 and convention == "fr" and len(phonemes) > 1:
            letters = "ou"  # Oualid
        if p == "a" and convention in ("fr", "nl") and vowels_seen > 1 and rng.random() < 0.4:
            letters = "e"  # unstressed short a: Mohamed, Youssef
        if p == "y" and i == len(phonemes) - 1:
            letters = "i" if convention != "en" else rng.choice(("i", "y"))
        if p == "ii" and i == len(phonemes) - 1 and convention == "nl" and rng.random() < 0.3:
            letters = "ie"
        if p == "d" and i == len(phonemes) - 1 and convention == "tr":
            letters = "t"  # Ahmet, Muhammet
        if out and letters and out[-1] == letters and rng.random() < 0.35:
            continue  # a doubled consonant written once
        out.append(letters)
    text = "".join(out)
    if text.endswith("ah"):
        text = text[:-1]  # ta marbuta: Fatima
    return text[:1].upper() + text[1:]


def _compound(word: str, convention: str, rng: random.Random) -> str:
    """'abd al-qaadir, bin-'alii, al-'amraanii, abu ...: connectors and the article per habit."""
    parts = word.split(" ")
    if parts[0] == "'abd" and len(parts) == 2:
        _article, rest = parts[1].split("-", 1)
        first = _phonemes(rest)[0] if rest else ""
        joined = rng.random() < 0.5
        if joined:
            vowel = {"fr": "e", "nl": "e", "en": "u", "de": "u", "tr": "ü"}[convention]
            link = first if first in _SUN and rng.random() < 0.7 else "l"
            head = "Abd" + vowel + (_latin_word(link, convention, rng).lower() if link != "l" else "l")
            return head + _latin_word(rest, convention, rng).lower()
        return "Abd " + rng.choice(("al-", "el ", "Al ", "El ")) + _latin_word(rest, convention, rng)
    if "-" in word:
        head, rest = word.split("-", 1)
        if head == "al":
            return rng.choice(_ARTICLE[convention]) + _latin_word(rest, convention, rng)
        if head in _CONNECTOR:
            connector = _CONNECTOR[head][convention]
            body = _latin_word(rest, convention, rng)
            return connector + (body if connector.endswith(" ") else body.lower())
    return _latin_word(word, convention, rng)


def render(word: str, convention: str, rng: random.Random, turkish: bool = False) -> str:
    """A phonemic name part, or a Turkish one (spelled already), in ``convention``."""
    if turkish:
        if convention == "tr":
            return word
        if convention == "de":
            return "".join(_GERMAN_TURKISH.get(c, c) for c in word).translate(_TURKISH_FOLD)
        return word.translate(_TURKISH_FOLD)
    return _compound(word, convention, rng)


_ARABIC_WORDS = {"'abd": "عبد ", "al": "ال", "bin": "بن ", "bal": "بل", "abu": "أبو "}
_CYRILLIC_WORDS = {"'abd": "Абд ", "al": "аль-", "bin": "бен ", "bal": "бель", "abu": "абу "}


def _in_script(word: str, words: dict[str, str], letters: Callable[[str], str]) -> str:
    """'abd compounds, the article and connectors by ``words``; the rest letter by letter."""
    if word.startswith("'abd "):
        return words["'abd"] + _in_script(word.split(" ", 1)[1], words, letters)
    if "-" in word:
        head, rest = word.split("-", 1)
        return words.get(head, "") + _in_script(rest, words, letters)
    return letters(word)


def _arabic_letters(word: str) -> str:
    phonemes = _phonemes(word)
    out: list[str] = []
    for i, p in enumerate(phonemes):
        if p in "aiu":
            if i == 0:
                out.append("ا")  # initial short vowel sits on an alef
            continue
        if p == "h" and i == len(phonemes) - 1 and i > 0 and phonemes[i - 1] == "a":
            out.append("ة")
            continue
        letter = _ARABIC.get(p, "")
        if out and out[-1] == letter and p not in ("aa", "ii", "uu"):
            continue  # shadda is not written
        out.append(letter)
    return "".join(out)


def _cyrillic_letters(word: str) -> str:
    text = "".join(_CYRILLIC.get(p, "") for p in _phonemes(word)).replace("йу", "ю").replace("йа", "я")
    return text[:1].upper() + text[1:]


def _arabic_word(word: str) -> str:
    return _in_script(word, _ARABIC_WORDS, _arabic_letters)


def _cyrillic_word(word: str) -> str:
    return _in_script(word, _CYRILLIC_WORDS, _cyrillic_letters)


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    second: str | None = None
    turkish: bool = False  # a Turkish name, spelled already (not phonemic)


def layout(given: str, family: str, rng: random.Random, second: str | None = None) -> str:
    first = f"{given} {second}" if second else given
    style = rng.randrange(3)
    if style == 0:
        return f"{first} {family}"
    if style == 1:
        return f"{family.upper()} {first}"
    return f"{family}, {first}"


def written(person: Person, convention: str, rng: random.Random, with_second: bool = True) -> str:
    second = render(person.second, convention, rng) if person.second and with_second else None
    given = render(person.given, convention, rng, person.turkish)
    return layout(given, render(person.family, convention, rng, person.turkish), rng, second)


def typo(text: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha() and i > 0]
    if not letters:
        return text
    i = rng.choice(letters)
    kind = rng.randrange(5)
    c = text[i]
    if kind == 0 and c.lower() in _KEYBOARD:
        slip = rng.choice(_KEYBOARD[c.lower()])
        return text[:i] + (slip.upper() if c.isupper() else slip) + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    if kind == 2 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + c + text[i + 2 :]
    if kind == 3:
        return text[:i] + c + text[i:]
    return text[:i] + c + c + text[i + 1 :]


def _words(text: str) -> list[str]:
    out: list[str] = []
    for chunk in text.split():
        if chunk == "'abd":
            out.append(chunk)
        elif out and out[-1] == "'abd":
            out[-1] += " " + chunk
        else:
            out.append(chunk)
    return out


class Population:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.male, self.female = _words(GIVEN_MALE), _words(GIVEN_FEMALE)
        self.second, self.family = _words(GIVEN_SECOND), _words(FAMILY)
        self.turkish_given, self.turkish_family = TURKISH_GIVEN.split(), TURKISH_FAMILY.split()

    def person(self) -> Person:
        rng = self.rng
        if rng.random() < 0.12:
            return Person(rng.choice(self.turkish_given), rng.choice(self.turkish_family), turkish=True)
        given = rng.choice(self.male if rng.random() < 0.6 else self.female)
        return Person(given, rng.choice(self.family))

    def other_given(self, person: Person) -> str:
        pool = self.turkish_given if person.turkish else self.male + self.female
        while True:
            given = self.rng.choice(pool)
            if given != person.given:
                return given

    def other_family(self, family: str) -> str | None:
        """The family name with one consonant changed, when that is possible."""
        if family in self.turkish_family:
            return None
        phonemes = _phonemes(family.split("-")[-1])
        spots = [i for i, p in enumerate(phonemes) if p in _OTHER_FAMILY and i > 0]
        if not spots:
            return None
        i = self.rng.choice(spots)
        phonemes[i] = _OTHER_FAMILY[phonemes[i]]
        head = family.rsplit("-", 1)[0] + "-" if "-" in family else ""
        changed = head + "".join(phonemes)
        return changed if changed != family else None


def generate(pairs: int, seed: int) -> list[Pair]:
    rng = random.Random(seed)
    people = Population(rng)
    per = max(500, pairs // 8)
    out: list[Pair] = []

    def two_conventions() -> tuple[str, str]:
        a, b = rng.sample(CONVENTIONS, 2)
        return a, b

    for _ in range(per):  # conventions
        p = people.person()
        ca, cb = two_conventions()
        out.append(Pair(written(p, ca, rng), written(p, cb, rng), True, "conventions"))
    for _ in range(per):  # scripts
        p = people.person()
        while p.turkish:
            p = people.person()
        script = _arabic_word if rng.random() < 0.8 else _cyrillic_word
        other = f"{script(p.given)} {script(p.family)}"
        out.append(Pair(other, written(p, rng.choice(CONVENTIONS), rng), True, "scripts"))
    for _ in range(per):  # typos
        p = people.person()
        c = rng.choice(CONVENTIONS)
        text = written(p, c, rng)
        slipped = typo(text, rng)
        if rng.random() < 0.3:
            slipped = typo(slipped, rng)
        out.append(Pair(written(p, c, rng), slipped, True, "typos"))
    for _ in range(per):  # reordered
        p = people.person()
        second = rng.choice(people.second) if rng.random() < 0.5 else None
        c = rng.choice(CONVENTIONS)
        given, family = render(p.given, c, rng, p.turkish), render(p.family, c, rng, p.turkish)
        middle = render(second, c, rng) if second else None
        a = f"{given} {middle} {family}" if middle else f"{given} {family}"
        b = rng.choice(
            (f"{family} {given}", f"{family}, {given}", f"{family.upper()} {given}")
            + ((f"{family} {given} {middle}",) if middle else ())
        )
        out.append(Pair(a, b, True, "reordered"))
    kunya, nisba = _words(KUNYA), _words(NISBA)
    for _ in range(per):  # alias
        k, n = rng.choice(kunya), rng.choice(nisba)
        ca, cb = two_conventions()
        a = f"{render('abu-' + k, ca, rng)} {render('al-' + n, ca, rng)}"
        b = f"{render('abu-' + k, cb, rng)} {render('al-' + n, cb, rng)}"
        out.append(Pair(a, b, True, "alias"))
    for _ in range(per):  # siblings
        p = people.person()
        q = Person(people.other_given(p), p.family, turkish=p.turkish)
        ca = rng.choice(CONVENTIONS)
        cb = ca if rng.random() < 0.5 else rng.choice(CONVENTIONS)
        out.append(Pair(written(p, ca, rng), written(q, cb, rng), False, "siblings"))
    for _ in range(per):  # namesakes: same name, other second given name, both written
        p = people.person()
        first, other = rng.sample(people.second, 2)
        ca = rng.choice(CONVENTIONS)
        cb = ca if rng.random() < 0.5 else rng.choice(CONVENTIONS)
        a = written(Person(p.given, p.family, first, p.turkish), ca, rng)
        b = written(Person(p.given, p.family, other, p.turkish), cb, rng)
        out.append(Pair(a, b, False, "namesakes"))
    made = 0
    while made < per:  # similar family names
        p = people.person()
        other_family = people.other_family(p.family)
        if other_family is None:
            continue
        q = Person(p.given if rng.random() < 0.5 else people.other_given(p), other_family)
        c = rng.choice(CONVENTIONS)
        cb = c if rng.random() < 0.5 else rng.choice(CONVENTIONS)
        out.append(Pair(written(p, c, rng), written(q, cb, rng), False, "similar_family"))
        made += 1
    rng.shuffle(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=8000, help="total pairs (at least 500 per category)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("bench/out/name_pairs.csv"))
    args = parser.parse_args()
    pairs = generate(args.pairs, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("a", "b", "same", "category"))
        writer.writerows((p.a, p.b, int(p.same), p.category) for p in pairs)
    print(f"{len(pairs):,} pairs written to {args.out}")


if __name__ == "__main__":
    main()
