"""A third labelled name-pair set, built apart from the engine and from the two earlier sets.

    .venv/bin/python bench/third_name_pairs.py --pairs 8000 --seed 3 [--show 5]

Names are phoneme strings, one character a phoneme (H ḥ, X kh, C sh, 3 ʿayn, G gh, 4 th, 8 dh, S D T Z
emphatics, ' hamza, A I U long vowels, @ tāʾ marbūṭa, Y alif maqṣūra, e o colloquial vowels). Each
rendering is made by one ``Writer``, a clerk whose habits (French, Dutch, English, German or Turkish
spelling, ALA-LC or DMG romanisation, Arabic or Cyrillic script) are drawn once and then kept, so one
clerk spells a family alike twice. Maghrebi people carry colloquial forms (Youssef, Abdelkader) beside
classical ones; Turkish people carry Turkish spellings that foreign clerks fold (Öztürk, Oeztuerk).
Given and family names follow skewed (Zipf-like) frequencies in every category, so Mohamed, Fatima or
Ahmed are as common in the negatives as in the positives.

Positives: conventions (two writers), scripts (Arabic or Cyrillic vs Latin), typos (one or two clerk
errors: drop, double, swap, AZERTY/QWERTY/QWERTZ neighbour key, OCR confusion), reordered (family
first, "FAMILY, Given", capitals), alias (a kunya nom de guerre in two conventions). Hard negatives:
siblings (same family, often the same spelling, another given name), namesakes (another second given
or father's name, a similar family of the same region, or a kunya with another nisba), similar_family
(family names one real consonant apart, Bakkali/Bakkari-like, same or similar given name). Namesakes
are never spelled identically: two people with the very same name cannot be told apart by any name
matcher, so such pairs would measure noise, not matching.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from third_name_spelling import (
    CLERKS,
    FAMILY,
    FEMALE,
    KEYBOARDS,
    KUNYA,
    LATIN,
    MALE,
    NISBA,
    OCR,
    SWAP,
    SWAP_TR,
    TURKIC_F,
    TURKIC_M,
    Entry,
    Writer,
    render,
    zipf,
)

POSITIVE = ("conventions", "scripts", "typos", "reordered", "alias")
NEGATIVE = ("siblings", "namesakes", "similar_family")
CATEGORIES = POSITIVE + NEGATIVE


@dataclass(frozen=True)
class Pair:
    category: str
    a: str
    b: str
    label: int
    how: str


@dataclass(frozen=True)
class Person:
    origin: str  # ma = Maghreb, me = Mashriq, tr = Turkey
    given: tuple[Entry, ...]
    family: Entry

    def write(self, w: Writer) -> tuple[str, str]:
        return " ".join(render(g, self.origin, w) for g in self.given), render(self.family, self.origin, w)

    def full(self, w: Writer) -> str:
        return " ".join(self.write(w))


def given_pool(origin: str, female: bool) -> tuple[list[Entry], list[float]]:
    base = FEMALE if female else MALE
    if origin == "tr":
        pool = [e for e in base if e.turkish] + (TURKIC_F if female else TURKIC_M)
        return pool, zipf(pool, 1.0)
    return base, zipf(base, 1.0, 1.0 if female else 1.3)  # Muhammad ~ 1 man in 5, Fatima ~ 1 woman in 6


def draw(rng: random.Random, items: list[Entry], weights: list[float] | None = None, *avoid: Entry) -> Entry:
    while True:
        e = rng.choices(items, weights or zipf(items, 0.7))[0]
        if e not in avoid:
            return e


def person(rng: random.Random, origins: str = "ma ma ma me me tr", two: float | None = None) -> Person:
    origin, female = rng.choice(origins.split()), rng.random() < 0.5
    given = [draw(rng, *given_pool(origin, female))]
    if rng.random() < (two if two is not None else {"ma": 0.2, "me": 0.35, "tr": 0.3}[origin]):
        # In the Mashriq the second name is the father's; elsewhere a second given name.
        given.append(draw(rng, *given_pool(origin, female and origin != "me"), given[0]))
    return Person(origin, tuple(given), draw(rng, FAMILY[origin]))


def kunya(rng: random.Random, *avoid: Entry) -> Entry:
    return Entry(f"abU {draw(rng, KUNYA, zipf(KUNYA, 0.9), *avoid).classical}")


def latin(rng: random.Random, other_than: str = "") -> str:
    convs = [c for c in LATIN if c != other_than]
    return rng.choices(convs, [LATIN[c] for c in convs])[0]


def typo(text: str, keyboard: str, rng: random.Random) -> tuple[str, str]:
    """One clerk error that changes the text; the name of the error."""
    rows = KEYBOARDS[keyboard].split()
    where = {ch: (r, col) for r, row in enumerate(rows) for col, ch in enumerate(row)}
    for _ in range(50):
        op = rng.choices(("drop", "double", "swap", "key", "ocr"), (25, 15, 20, 25, 15))[0]
        letters = [k for k, ch in enumerate(text) if ch.isalpha()]
        k = rng.choice(letters[1:] or letters)
        ch, out = text[k], text
        if op == "drop":
            out = text[:k] + text[k + 1 :]
        elif op == "double" and ch.islower():
            out = text[:k] + ch + text[k:]
        elif op == "swap" and k + 1 < len(text) and text[k + 1].isalpha():
            out = text[:k] + text[k + 1] + ch + text[k + 2 :]
        elif op == "key" and ch.lower() in where:
            r, col = where[ch.lower()]
            steps = ((0, -1), (0, 1), (-1, 0), (-1, 1), (1, -1), (1, 0))
            near = [
                rows[r + a][col + b] for a, b in steps if 0 <= r + a < 3 and 0 <= col + b < len(rows[r + a])
            ]
            hit = rng.choice(near)
            out = text[:k] + (hit.upper() if ch.isupper() else hit) + text[k + 1 :]
        elif op == "ocr" and (keys := [key for key in OCR if key in text]):
            key = rng.choice(keys)
            at = rng.choice([m for m in range(len(text)) if text.startswith(key, m)])
            out = text[:at] + OCR[key] + text[at + len(key) :]
        if out.casefold() != text.casefold() and len(out.split()) == len(text.split()):
            return out, f"key/{keyboard}" if op == "key" else op
    return text, "none"


def swap_family(e: Entry, rng: random.Random) -> Entry:
    """Another family one real consonant away (Bakkali -> Bakkari), never a mere spelling variant."""
    word, table = (e.turkish[0], SWAP_TR) if e.classical is None else (e.classical, SWAP)
    low = word.lower() if e.classical is None else word  # Turkish spellings start with a capital
    k = rng.choice([k for k in range(word.rfind(" ") + 1, len(word)) if low[k] in table])
    end = k + 2 if low[k + 1 : k + 2] == low[k] else k + 1
    new = rng.choice(table[low[k]])
    changed = word[:k] + (new.upper() if word[k].isupper() else new) * (end - k) + word[end:]
    return Entry(changed) if e.classical is not None else Entry(None, None, (changed,))


def similar_family(e: Entry, origin: str, rng: random.Random) -> Entry:
    """One of the four families of the same region whose sounds are closest (never the same family)."""

    def sounds(f: Entry) -> str:
        return (f.classical or f.turkish[0].lower()).removeprefix("al ")

    pool = [f for f in FAMILY[origin] if f != e]
    pool.sort(key=lambda f: -SequenceMatcher(None, sounds(e), sounds(f)).ratio())
    return rng.choice(pool[:4])


def similar_given(p: Person, rng: random.Random) -> Entry:
    """Another given name of the same sex and region with the same first letter."""
    e = p.given[0]
    pool, _ = given_pool(p.origin, e in FEMALE or e in TURKIC_F)
    first = (e.classical or e.turkish[0])[0]
    return rng.choice([g for g in pool if g != e and (g.classical or g.turkish[0])[0] == first] or [e])


def negative(category: str, rng: random.Random) -> tuple[Person, Person, str]:
    p, kind = person(rng, two=1.0 if category == "namesakes" and rng.random() < 0.45 else None), category
    if category == "siblings":
        if len(p.given) > 1 and p.origin != "me" and rng.random() < 0.2:  # Mohamed Amine, Mohamed Reda
            pool = given_pool(p.origin, p.given[1] in FEMALE or p.given[1] in TURKIC_F)
            q = Person(p.origin, (p.given[0], draw(rng, *pool, *p.given)), p.family)
        else:  # in the Mashriq, brothers and sisters share the father's name
            other = draw(rng, *given_pool(p.origin, rng.random() < 0.5), p.given[0])
            q = Person(p.origin, (other, *(p.given[1:] if p.origin == "me" else ())), p.family)
    elif category == "similar_family":
        given = p.given if rng.random() < 0.7 else (similar_given(p, rng), *p.given[1:])
        q = Person(p.origin, given, swap_family(p.family, rng))
    elif len(p.given) > 1 and rng.random() < 0.8:
        female = p.origin != "me" and (p.given[1] in FEMALE or p.given[1] in TURKIC_F)
        q, kind = (
            Person(p.origin, (p.given[0], draw(rng, *given_pool(p.origin, female), *p.given)), p.family),
            "second",
        )
    elif rng.random() < 0.25:
        g = kunya(rng)
        p = Person("me", (g,), draw(rng, NISBA, zipf(NISBA, 0.6)))
        q = Person("me", (g,), draw(rng, NISBA, zipf(NISBA, 0.6), p.family))
        if rng.random() < 0.4:  # Abu Hamza al-Rifi and Abu Hafs al-Rifi
            q = Person("me", (kunya(rng, Entry(g.classical[4:] if g.classical else "")),), p.family)
        kind = "kunya"
    else:
        q, kind = Person(p.origin, p.given, similar_family(p.family, p.origin, rng)), "family"
    return p, q, kind


def one(category: str, rng: random.Random) -> Pair | None:
    """One pair of the category, or None when the draw came out unusable (then draw again)."""
    if category in ("conventions", "alias"):
        p = (
            Person("me", (kunya(rng),), draw(rng, NISBA, zipf(NISBA, 0.6)))
            if category == "alias"
            else person(rng)
        )
        c1 = "ar" if category == "alias" and rng.random() < 0.15 else latin(rng)
        c2 = latin(rng, c1)
        a, b, how = p.full(Writer(c1, rng)), p.full(Writer(c2, rng)), f"{c1}/{c2}"
    elif category == "scripts":
        p, script, c = person(rng, "ma ma me"), "ar" if rng.random() < 0.8 else "cy", latin(rng)
        a, b, how = p.full(Writer(script, rng)), p.full(Writer(c, rng)), f"{script}/{c}"
    elif category == "typos":
        p, c = person(rng), rng.choice(CLERKS)
        c2 = c if rng.random() < 0.75 else rng.choice(CLERKS)
        a = p.full(Writer(c, rng))
        b = a if c2 == c else p.full(Writer(c2, rng))
        keyboard = {"fr": "azerty", "de": "qwertz"}.get(c2, "azerty" if rng.random() < 0.15 else "qwerty")
        ops = []
        for _ in range(1 if rng.random() < 0.7 else 2):
            b, op = typo(b, keyboard, rng)
            ops.append(op)
        how = f"{c}/{c2}:" + "+".join(ops)
    elif category == "reordered":
        p, c1 = person(rng), latin(rng)
        c2 = c1 if rng.random() < 0.5 else latin(rng)
        fa = rng.choices(FORMATS, [6, 1, 1, 1, 1, 1, 1, 1])[0]
        flip = rng.random() < 0.8  # else the same order, other capitals
        fb = rng.choice([f for f in FORMATS if (f.startswith("F") != fa.startswith("F")) == flip and f != fa])
        a, b = arrange(*p.write(Writer(c1, rng)), fa), arrange(*p.write(Writer(c2, rng)), fb)
        how = f"{c1}:{fa}/{c2}:{fb}"
    else:
        p, q, kind = negative(category, rng)
        if p.origin != "tr" and rng.random() < 0.12:  # one script vs Latin
            c1, c2 = "ar" if rng.random() < 0.8 else "cy", latin(rng)
            wa, wb = Writer(c1, rng), Writer(c2, rng)
        else:  # often one clerk wrote both
            c1 = latin(rng)
            c2 = c1 if rng.random() < (0.6 if category != "namesakes" else 0.5) else latin(rng)
            wa = Writer(c1, rng)
            wb = wa if c1 == c2 else Writer(c2, rng)
        a, b, how = p.full(wa), q.full(wb), f"{kind}:{c1}/{c2}"
    if folded(a) == folded(b) if category in NEGATIVE else a.casefold() == b.casefold():
        return None
    a, b = (a, b) if rng.random() < 0.5 else (b, a)
    return Pair(category, a, b, int(category in POSITIVE), how)


FORMATS = ["G F", "G FU", "GU FU", "F G", "F, G", "FU, G", "FU G", "FU, GU"]


def folded(text: str) -> str:
    """Lower case without diacritics or ʿayn/hamza marks: negatives must differ by more than a diacritic."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return plain.casefold().replace("ı", "i").translate({ord(ch): None for ch in "'ʿʾ"})


def arrange(given: str, family: str, fmt: str) -> str:
    parts = {"GU": given.upper(), "FU": family.upper(), "G": given, "F": family}
    return " ".join(parts[t.rstrip(",")] + ("," if t.endswith(",") else "") for t in fmt.split())


def generate(total: int = 8000, seed: int = 3) -> list[Pair]:
    """``total`` pairs split evenly over the categories; the same seed gives the same pairs."""
    pairs: list[Pair] = []
    for index, category in enumerate(CATEGORIES):
        rng = random.Random(f"third-{seed}-{category}")
        want, made = total // len(CATEGORIES) + (index < total % len(CATEGORIES)), 0
        while made < want:
            if (pair := one(category, rng)) is not None:
                pairs.append(pair)
                made += 1
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show", type=int, default=5, help="examples to print per category")
    args = parser.parse_args()
    pairs = generate(args.pairs, args.seed)
    print(dict(Counter(p.category for p in pairs)))
    for category in CATEGORIES:
        print(f"\n{category}:")
        for p in [p for p in pairs if p.category == category][: args.show]:
            print(f"  {p.a}  |  {p.b}   ({p.how})")


if __name__ == "__main__":
    main()
