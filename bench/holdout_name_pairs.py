"""A second labelled name-pair set for the name engine, written from phonology and not from the engine.

    .venv/bin/python bench/holdout_name_pairs.py --pairs 8000 --seed 7 --out bench/out/holdout_name_pairs.csv

Independence: nothing here imports ``crossroads`` (a test holds it to that). Names are kept in a small
phonemic notation and written out by this file's own tables of how a French, Dutch, English, German or
Turkish writer spells each Arabic sound (``SPELLINGS``), each Turkish letter (``TURKISH_LETTERS``) and
each particle (``PARTICLES``), or in Arabic script (``ARABIC``), so the engine is not graded on its own
rules. Output columns: ``a,b,same,category``; every pair has ``a != b``.

Categories, an equal share of ``--pairs`` each:
- same person (``same=1``): ``conventions`` (two conventions), ``scripts`` (Arabic script against a
  Latin convention), ``typos`` (one spelling against itself with one or two keyboard slips, deletions,
  transpositions or (un)doubled letters), ``reordered`` (one spelling, given-first against
  "FAMILY Given", "Family, Given" or "Family Given"), ``alias`` (one nom de guerre, "Abou <kunya>
  al-<nisba>", in two conventions; a name against its alias is not a name matcher's question);
- different people (``same=0``): ``siblings`` (same family name, another given name), ``namesakes``
  (half: the same given and family name, which no name matcher can tell apart, so chance is the honest
  ceiling; half: the same names with different second given names on both sides), ``similar_family``
  (family names one consonant apart, Bakkali / Bakkari, Benali / Bennani; half with the same given
  name). Negatives are written like positives: two conventions or one, sometimes family-first, in
  Arabic script or with a slip, so presentation alone does not give the label away.

Evaluation (``bench/holdout_name_quality.py``): each positive category is ranked together with all negative
pairs, each negative category together with all positive pairs.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

POSITIVE = ("conventions", "scripts", "typos", "reordered", "alias")
NEGATIVE = ("siblings", "namesakes", "similar_family")
CATEGORIES = POSITIVE + NEGATIVE
CONVENTIONS = ("fr", "nl", "en", "de", "tr")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Phonemic notation: aa ii uu long vowels; H ħ, S D T Z emphatics, ' ayn, ^ hamza, @ ta marbuta (-a),
# ~ alif maqsura (-a); sh kh gh th dh digraphs; ay aw diphthongs; a doubled consonant is geminate;
# "al-", "bin-", "bu-" particles; words separated by spaces.
GIVEN_MALE = _words(
    "muHammad aHmad yuusuf khaalid 'abd_al-qaadir 'abd_al-salaam 'abd_al-raHmaan 'abd_al-'aziiz ibraahiim "
    "ismaa'iil 'umar 'uthmaan 'alii Hasan Husayn muSTaf~ kariim rashiid sa'iid jamaal bilaal hishaam anas "
    "ayyuub ilyaas yaasiin Hamz@ mahdii nabiil Taariq waliid yaHy~ naaSir fu^aad muniir sufyaan marwaan "
    "'aadil riDwaan samiir 'abd_al-majiid mu'aadh khaliil SaaliH ghaalib idriis maHmuud zuhayr tawfiiq "
    "'abd_al-laTiif"
)
GIVEN_FEMALE = _words(
    "faaTim@ 'aa^ish@ khadiij@ maryam zaynab naadiy@ laTiif@ amiin@ salm~ asmaa^ Hanaan sanaa^ nawaal "
    "samiir@ maliik@ kariim@ yaasmiin sukayn@ haajar ikraam ghizlaan khawl@ sumayy@ ilhaam dunyaa"
)
FAMILY = _words(
    "bakkaalii al-'amraanii Taahirii idriisii 'azzuuzii bakraawii shawqii zarhuunii bin-'alii wazzaanii "
    "manSuurii Haddaad qadduurii naaSirii faasii 'alawii Hamdaawii shraybii kattaanii bin-jalluun "
    "zayyaanii ghazzaalii jabrii khaTTaabii sa'dii Hakiimii raHmuunii bin-yuusuf sharqaawii 'ayyaashii "
    "Harraaq ghaniimii bu-zayd bu-'azzaawii al-khayyaaT marraakushii tamsamaanii al-ghumaarii 'aTTaar "
    "najjaar Sabbaagh Hallaaq daHmaanii bin-SaaliH bin-'umar bu-hlaal tuuzaanii zuhrii jamaalii "
    "'uthmaanii yuunusii dukkaalii sabtii miknaasii riifii Tanjaawii shaawii saaHilii marzuuqii "
    "'abbaasii Husaynii hilaalii ghaalibii rashiidii sa'iidii 'ammaarii bannaanii Hassaanii 'aziizii "
    "qaasimii muusaawii khaalidii shaadhilii 'arabii fatHii maymuunii bu-Taahir zahraawii haashimii "
    "kabiirii ma'ruufii 'aamirii"
)
NISBA = _words(
    "baljiikii maghribii huulandii faransii almaanii jazaa^irii tuunisii liibii suurii andalusii shaamii "
    "miSrii urdunii riifii Tanjaawii baghdaadii"
)
TURKISH_GIVEN_MALE = _words(
    "mehmet mustafa ahmet emre burak murat hüseyin hasan yusuf şükrü gökhan çağlar cengiz ömer"
)
TURKISH_GIVEN_FEMALE = _words("ayşe fatma zeynep elif emine hatice özge büşra tuğba gülşen")
TURKISH_FAMILY = _words(
    "yılmaz kaya demir çelik şahin yıldız öztürk aydın arslan doğan kılıç koç kurt özdemir güneş çakır "
    "aksoy polat şimşek karaca tekin uçar güler acar bulut çiftçi"
)

# How each sound is written, by convention: choices separated by commas (repeat one to weight it),
# "_" for nothing. The first English choice is the canonical spelling.
SPELLINGS = """
b   b         | b         | b       | b          | b
t   t         | t         | t       | t          | t
th  th,t      | t,th      | th      | th,s       | s
j   dj,j      | dj,j      | j       | dsch,dj,j  | c
H   h         | h         | h       | h          | h
kh  kh        | ch,kh     | kh      | ch,kh      | h
d   d         | d         | d       | d          | d
dh  d,dh      | d,dh      | dh      | dh,d       | z
r   r         | r         | r       | r          | r
z   z         | z         | z       | s,z        | z
s   s         | s         | s       | s          | s
sh  ch        | ch,sj     | sh      | sch        | ş
S   s         | s         | s       | s          | s
D   d         | d         | d       | d          | z,d
T   t         | t         | t       | t          | t
Z   z,dh      | z         | z,dh    | z          | z
'   _         | _         | _,'     | _,'        | _
gh  gh        | gh        | gh      | gh         | ğ,g
f   f         | f         | f       | f          | f
q   k,q       | k         | q,k     | k,q        | k
k   k         | k         | k       | k          | k
l   l         | l         | l       | l          | l
m   m         | m         | m       | m          | m
n   n         | n         | n       | n          | n
h   h         | h         | h       | h          | h
w   ou,w      | w         | w       | w          | v
y   y,i       | j,y       | y       | j,y        | y
^   _         | _         | _,'     | _,'        | _
a   a,a,a,e   | a,a,a,e   | a       | a          | a,e
i   i,e       | i,e       | i       | i          | i
u   ou,o      | oe,o      | u,o     | u,o        | u,u,ü,o
aa  a         | a,aa      | a,aa    | a          | a
ii  i         | ie,i      | i,ee    | i,i,ie     | i
uu  ou        | oe,ou     | u,oo    | u          | u
~   a         | a         | a       | a          | a
@   a         | a         | a,ah    | a          | e,a
ay  ai,ay,ei  | ai,ay,ei  | ay,ai   | ai,ei      | ey,ay
aw  aou,ao    | au,ou     | aw,au   | au         | ev
"""
PARTICLES = """
al   El,el,Al  | El,el     | al,Al,el  | al,Al,el  | el,El
bin  Ben       | Ben       | Bin,Ben,Ibn | Ben,Bin | Bin,Ben
bu   Bou       | Bou,Boe   | Bu,Bou    | Bu,Bou    | Bu
abd  el,el,ul  | el        | ul,al,el  | al,el,ul  | ül,ul
"""
TURKISH_LETTERS = """
ş   ch,s      | sj,s      | sh,s    | sch,s      | ş
ç   tch,c     | tsj,ch,c  | ch,c    | tsch,c     | ç
c   dj,c      | dj,c      | j,c     | dsch,c     | c
ğ   _,g       | g,_       | g,gh,_  | g,_        | ğ
ı   i         | i         | i       | i          | ı
ö   eu,o      | eu,o      | o,oe    | ö,oe,o     | ö
ü   u,ü       | u,uu      | u,ue    | ü,ue,u     | ü
"""
ARABIC = dict(
    zip(
        _words("b t th j H kh d dh r z s sh S D T Z ' gh f q k l m n h w y @ ~ aa ii uu ay aw"),
        _words("ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي ة ى ا ي و ي و"),
        strict=True,
    )
)
VOWELS = {"a", "i", "u", "aa", "ii", "uu", "~", "@", "ay", "aw"}
SUN = {"t", "th", "d", "dh", "r", "z", "s", "sh", "S", "D", "T", "Z", "l", "n"}
KEEP_GEMINATE = {"fr": 0.9, "nl": 0.85, "en": 0.75, "de": 0.85, "tr": 0.7}
DROP_ARTICLE = {"fr": 0.1, "nl": 0.1, "en": 0.15, "de": 0.15, "tr": 0.2}
KEYBOARD = dict(
    zip(
        "qwertyuiopasdfghjklzxcvbnm",
        _words(
            "wa qeas wrsd etdf ryfg tugh yihj uojk ipkl ol qwsz awedxz serfcx drtgvc ftyhbv gyujnb huikmn "
            "jiolm kop asx zsdc xdfv cfgb vghn bhjm njk"
        ),
        strict=True,
    )
)
TOKEN = re.compile(r"aa|ii|uu|a[yw](?![aiuyw~@])|sh|kh|gh|th|dh|.")
Table = dict[str, dict[str, tuple[str, ...]]]


def _table(text: str) -> Table:
    """``sound  fr | nl | en | de | tr`` rows as {sound: {convention: choices}}."""
    table: Table = {}
    for line in text.strip().splitlines():
        sound, rest = line.split(maxsplit=1)
        cells = [cell.strip().split(",") for cell in rest.split("|")]
        table[sound] = {
            c: tuple(x.replace("_", "") for x in cell) for c, cell in zip(CONVENTIONS, cells, strict=True)
        }
    return table


SPELL, PARTICLE, TURKISH = _table(SPELLINGS), _table(PARTICLES), _table(TURKISH_LETTERS)


@dataclass(frozen=True)
class Person:
    """One invented person: given names (a second one or none) and a family name, phonemic for an
    Arabic name, in Turkish spelling for a Turkish one."""

    given: str
    family: str
    second: str = ""
    turkish: bool = False


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: int
    category: str


def _cap(word: str, conv: str) -> str:
    return ("İ" + word[1:]) if conv == "tr" and word[:1] == "i" else word[:1].upper() + word[1:]


def _upper(text: str, conv: str) -> str:
    return text.replace("i", "İ").upper() if conv == "tr" else text.upper()


def _spell_word(word: str, conv: str, rng: random.Random, canonical: bool = False) -> str:
    """One Arabic word (no particle) in a convention's letters, lower case."""
    tokens = TOKEN.findall(word)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        choices = SPELL[tok][conv]
        spelt = choices[0] if canonical else rng.choice(choices)
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok == prev and tok not in VOWELS:  # geminate: write once more, if a single letter
            keep = canonical or rng.random() < KEEP_GEMINATE[conv]
            out.append(spelt if keep and len(spelt) == 1 else "")
            continue
        if tok in ("'", "^") and i == 0:
            spelt = ""
        elif tok == "s" and prev in VOWELS and nxt in VOWELS and conv in ("fr", "de") and not canonical:
            spelt = "ss" if conv == "fr" or rng.random() < 0.7 else "s"  # a lone s between vowels reads z
        elif i == 0 and conv in ("fr", "nl") and tok in ("a", "y"):
            spelt = tok  # Ahmed, Anas, Youssef: no e for a first a, no i for a first y
        elif conv == "tr" and not nxt and tok in ("b", "d", "D"):
            spelt = {"b": "p", "d": "t", "D": "t"}[tok]  # final devoicing: Ahmet, Recep
        out.append(spelt)
    text = "".join(out)
    if conv == "fr" and not canonical and re.search(r"(aa|ii)[nm]$", word) and rng.random() < 0.8:
        text += "e"  # Othmane, Yassine
    return text


def _lower(text: str) -> str:
    return text.replace("İ", "i").lower()


def _join(particle: str, rest: str, rng: random.Random, joined: float) -> str:
    r = rng.random()
    if r < joined:
        return particle[:1].upper() + _lower(particle[1:] + rest)
    return f"{particle}-{rest}" if r < joined + (1 - joined) / 3 else f"{particle} {rest}"


def spell(name: str, conv: str, rng: random.Random, canonical: bool = False) -> str:
    """A phonemic name (several words, particles, "'abd_al-" compounds) in one Latin convention."""
    words = []
    for word in name.split():
        if word.startswith("'abd_al-"):
            rest = word.removeprefix("'abd_al-")
            link = PARTICLE["abd"]["en"][0] if canonical else rng.choice(PARTICLE["abd"][conv])
            body = _spell_word(rest, conv, rng, canonical)
            if canonical or link == "al":
                words.append(f"Abd al-{_cap(body, conv)}")
                continue
            if TOKEN.findall(rest)[0] in SUN and rng.random() < 0.6:
                link = link[:-1] + body[0]  # Abderrahmane, Abdurrahman
            joined = {"fr": 0.7, "nl": 0.6, "tr": 0.8}.get(conv, 0.3)
            words.append(_join(f"Abd{link}", _cap(body, conv), rng, joined))
            continue
        particle, _, rest = word.rpartition("-")
        body = _cap(_spell_word(rest, conv, rng, canonical), conv)
        if not particle:
            words.append(body)
        elif canonical:
            words.append(f"{PARTICLE[particle]['en'][0]}-{body}")
        elif particle == "al" and rng.random() < DROP_ARTICLE[conv]:
            words.append(body)
        else:
            joined = 0.6 if particle == "bu" else 0.25
            words.append(_join(rng.choice(PARTICLE[particle][conv]), body, rng, joined))
    return " ".join(words)


def _arabic_word(word: str) -> str:
    tokens = TOKEN.findall(word)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok == prev and tok not in VOWELS:
            continue  # no shadda
        if tok in ("a", "i", "u"):
            out.append(("إ" if tok == "i" else "أ") if i == 0 else "")  # short vowels go unwritten
        elif tok == "^":
            out.append(
                "ئ" if "i" in (prev[:1], nxt[:1]) else "ؤ" if prev[:1] == "u" else "ء" if not nxt else "أ"
            )
        else:
            out.append("آ" if tok == "aa" and i == 0 else ARABIC[tok])
    return "".join(out)


def arabic(name: str) -> str:
    """A phonemic name in Arabic script: consonants and long vowels, the article joined, "bin" apart."""
    words = []
    for word in name.split():
        if word.startswith("'abd_al-"):
            words.append("عبد ال" + _arabic_word(word.removeprefix("'abd_al-")))
            continue
        particle, _, rest = word.rpartition("-")
        prefix = {"": "", "al": "ال", "bin": "بن ", "bu": "بو"}[particle]
        words.append(prefix + _arabic_word(rest))
    return " ".join(words)


def turkish(name: str, conv: str, rng: random.Random) -> str:
    """A Turkish name as a French, Dutch, English or German writer (or a Turk) spells it."""
    return " ".join(
        _cap("".join(rng.choice(TURKISH[ch][conv]) if ch in TURKISH else ch for ch in word), conv)
        for word in name.split()
    )


def parts(person: Person, conv: str, rng: random.Random) -> tuple[str, str]:
    """(given names, family name) as written in one convention."""

    def write(name: str) -> str:
        return turkish(name, conv, rng) if person.turkish else spell(name, conv, rng)

    return " ".join(write(n) for n in (person.given, person.second) if n), write(person.family)


def canonical(name: str) -> tuple[str, str]:
    """(Arabic script, canonical Latin) of a phonemic name: the rows of this set's name tables."""
    return arabic(name), spell(name, "en", random.Random(0), canonical=True)


GIVEN_FIRST = ("{g} {f}", "{g} {F}")
FAMILY_FIRST = ("{F} {g}", "{f}, {g}", "{F}, {g}", "{f} {g}")


def layout(given_family: tuple[str, str], form: str, conv: str) -> str:
    g, f = given_family
    return form.format(g=g, f=f, F=_upper(f, conv))


def in_arabic(person: Person) -> str:
    return " ".join(arabic(n) for n in (person.given, person.second, person.family) if n)


def slip(text: str, rng: random.Random) -> str:
    """One clerk's slip inside a word: a neighbouring key, a lost, swapped, doubled or undoubled letter."""
    for _ in range(50):
        i = rng.randrange(1, len(text))
        ch = text[i]
        if not (ch.isascii() and ch.isalpha() and text[i - 1].isalpha()):
            continue
        op = rng.choice(("neighbour", "neighbour", "delete", "transpose", "double", "undouble"))
        if op == "neighbour":
            key = rng.choice(KEYBOARD[ch.lower()])
            out = text[:i] + (key.upper() if ch.isupper() else key) + text[i + 1 :]
        elif op == "delete":
            out = text[:i] + text[i + 1 :]
        elif op == "transpose" and i + 1 < len(text) and text[i + 1].isalpha():
            out = text[:i] + text[i + 1] + ch + text[i + 2 :]
        elif op == "double":
            out = text[:i] + ch + text[i:]
        elif op == "undouble" and text[i] == text[i - 1]:
            out = text[:i] + text[i + 1 :]
        else:
            continue
        if out != text:
            return out
    return text


def _given(
    rng: random.Random, turkish: bool, second: float = 0.15, female: bool | None = None
) -> tuple[str, str]:
    female = rng.random() < 0.35 if female is None else female
    if turkish:
        pool = TURKISH_GIVEN_FEMALE if female else TURKISH_GIVEN_MALE
    else:
        pool = GIVEN_FEMALE if female else GIVEN_MALE
    given = rng.choice(pool)
    return given, (rng.choice([g for g in pool if g != given]) if rng.random() < second else "")


def person(rng: random.Random, turkish_share: float = 0.2) -> Person:
    turkish = rng.random() < turkish_share
    given, second = _given(rng, turkish)
    return Person(given, rng.choice(TURKISH_FAMILY if turkish else FAMILY), second, turkish)


# Consonants swapped to make another family's name; every one is spelt apart in every convention.
SWAP = {"l": "rn", "r": "ln", "m": "nb", "n": "ml", "b": "mf", "f": "b", "d": "b", "z": "r"}
SIMILAR = (("bin-'alii", "bannaanii"), ("'azzuuzii", "'azzaazii"), ("zarhuunii", "zahruunii"))


def similar_family(family: str, turkish: bool, rng: random.Random) -> str | None:
    """Another family's name a consonant away (Bakkali / Bakkari), or a known near pair (Benali / Bennani)."""
    for pair in SIMILAR:
        if family in pair and rng.random() < 0.5:
            return pair[1 - pair.index(family)]
    particle, dash, rest = family.rpartition("-")
    tokens = list(rest) if turkish else TOKEN.findall(rest)
    spots = [i for i, t in enumerate(tokens) if t in SWAP]
    if not spots:
        return None
    i = rng.choice(spots)
    old, new = tokens[i], rng.choice(SWAP[tokens[i]])
    j = i
    while j > 0 and tokens[j - 1] == old:
        j -= 1
    while j < len(tokens) and tokens[j] == old:
        tokens[j] = new
        j += 1
    changed = "".join(tokens)
    if not turkish and TOKEN.findall(changed) != tokens:
        return None  # the swap made a digraph: not the name meant
    return particle + dash + changed


def _negative(p: Person, q: Person, rng: random.Random) -> tuple[str, str]:
    """Two people written as positives are: one or two conventions, sometimes family-first, in Arabic
    script or with a slip."""
    ca = rng.choice(CONVENTIONS)
    cb = ca if rng.random() < 0.4 else rng.choice([c for c in CONVENTIONS if c != ca])
    a = layout(parts(p, ca, rng), rng.choice(FAMILY_FIRST) if rng.random() < 0.2 else "{g} {f}", ca)
    b = layout(parts(q, cb, rng), "{g} {f}", cb)
    if not q.turkish and rng.random() < 0.12:
        b = in_arabic(q)
    elif rng.random() < 0.1:
        b = slip(b, rng)
    return a, b


def _conventions(rng: random.Random) -> tuple[str, str]:
    p = person(rng)
    ca, cb = rng.sample(CONVENTIONS, 2)
    return layout(parts(p, ca, rng), "{g} {f}", ca), layout(parts(p, cb, rng), "{g} {f}", cb)


def _scripts(rng: random.Random) -> tuple[str, str]:
    p = person(rng, turkish_share=0)
    conv = rng.choice(CONVENTIONS)
    return in_arabic(p), layout(parts(p, conv, rng), "{g} {f}", conv)


def _typos(rng: random.Random) -> tuple[str, str]:
    p, conv = person(rng), rng.choice(CONVENTIONS)
    a = layout(parts(p, conv, rng), "{g} {f}", conv)
    b = slip(a, rng)
    return a, (slip(b, rng) if rng.random() < 0.35 else b)


def _reordered(rng: random.Random) -> tuple[str, str]:
    p, conv = person(rng), rng.choice(CONVENTIONS)
    written = parts(p, conv, rng)
    return layout(written, rng.choice(GIVEN_FIRST), conv), layout(written, rng.choice(FAMILY_FIRST), conv)


def _alias(rng: random.Random) -> tuple[str, str]:
    alias = f"abuu {rng.choice(GIVEN_MALE)} al-{rng.choice(NISBA)}"
    ca, cb = rng.sample(CONVENTIONS, 2)
    return spell(alias, ca, rng), spell(alias, cb, rng)


def _siblings(rng: random.Random) -> tuple[str, str] | None:
    p = person(rng)
    given, second = _given(rng, p.turkish)
    if given in (p.given, p.second):
        return None
    return _negative(p, Person(given, p.family, second, p.turkish), rng)


def _namesakes(rng: random.Random) -> tuple[str, str] | None:
    p = person(rng)
    if rng.random() < 0.5:
        return _negative(p, p, rng)
    female = p.given in GIVEN_FEMALE + TURKISH_GIVEN_FEMALE
    pool = [g for g in (_given(rng, p.turkish, 0, female)[0] for _ in range(2)) if g != p.given]
    if len(set(pool)) < 2:
        return None
    return _negative(
        Person(p.given, p.family, pool[0], p.turkish), Person(p.given, p.family, pool[1], p.turkish), rng
    )


def _similar_family(rng: random.Random) -> tuple[str, str] | None:
    p = person(rng)
    other = similar_family(p.family, p.turkish, rng)
    if other is None or other == p.family:
        return None
    given, second = (p.given, p.second) if rng.random() < 0.5 else _given(rng, p.turkish)
    return _negative(p, Person(given, other, second, p.turkish), rng)


MAKERS = {
    "conventions": _conventions,
    "scripts": _scripts,
    "typos": _typos,
    "reordered": _reordered,
    "alias": _alias,
    "siblings": _siblings,
    "namesakes": _namesakes,
    "similar_family": _similar_family,
}


def generate(pairs: int, seed: int) -> list[Pair]:
    """``pairs`` labelled pairs, an equal share per category, shuffled; the same seed, the same list."""
    rng = random.Random(seed)
    per, extra = divmod(pairs, len(CATEGORIES))
    out: list[Pair] = []
    for k, category in enumerate(CATEGORIES):
        made, want = 0, per + (k < extra)
        while made < want:
            made_pair = MAKERS[category](rng)
            if made_pair is None or made_pair[0] == made_pair[1]:
                continue
            a, b = made_pair if rng.random() < 0.5 else made_pair[::-1]
            out.append(Pair(a, b, int(category in POSITIVE), category))
            made += 1
    rng.shuffle(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("bench/out/holdout_name_pairs.csv"))
    parser.add_argument("--tables", action="store_true", help="print the name tables (Arabic, Latin)")
    args = parser.parse_args()
    if args.tables:
        for title, names in (("given", GIVEN_MALE + GIVEN_FEMALE), ("family", FAMILY), ("nisba", NISBA)):
            print(f"{title} ({len(names)}): " + "; ".join(" / ".join(canonical(n)) for n in names))
    pairs = generate(args.pairs, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("a", "b", "same", "category"))
        writer.writerows((p.a, p.b, p.same, p.category) for p in pairs)
    print(f"{len(pairs):,} pairs, seed {args.seed}, written to {args.out}")
    for category in CATEGORIES:
        sample = [p for p in pairs if p.category == category][:3]
        count = sum(p.category == category for p in pairs)
        print(f"  {category:15} {count:5}  " + "   ".join(f"{p.a} ~ {p.b}" for p in sample))


if __name__ == "__main__":
    main()
