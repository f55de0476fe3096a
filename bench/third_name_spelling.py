"""How clerks spell names, and the name lists, for bench/third_name_pairs.py (written for that set).

Names are phoneme strings, one character a phoneme: H ḥ, X kh, C sh, 3 ʿayn, G gh, 4 th, 8 dh, S D T Z
emphatics, ' hamza, A I U long vowels, @ tāʾ marbūṭa, Y alif maqṣūra, e o colloquial (Maghrebi) vowels,
g the Maghrebi/Berber g; a space separates words, "al" is the article. Lists run commonest first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

VOWELS, SUN, BACK = frozenset("aiuAIUeo@Y"), frozenset("t4d8rzsCSDTZln"), frozenset("qHX3GSDTZ'")
PARTICLES = {"ben": 0.6, "bel": 0.8, "bU": 0.9, "'ayt": 0.05, "abU": 0.03}  # chance to be glued on
LATIN = {"fr": 22, "nl": 16, "en": 22, "de": 16, "tr": 10, "ala": 9, "dmg": 5}  # writer weights
CLERKS = ("fr", "nl", "en", "de", "tr")
MAGHREBI = {"fr": 0.9, "nl": 0.8, "de": 0.6, "en": 0.5, "tr": 0.3, "cy": 0.5}  # colloquial form chance
ASSIMILATE = {"fr": 0.85, "nl": 0.7, "en": 0.4, "de": 0.4, "tr": 0.9, "ala": 0.0, "dmg": 1.0, "cy": 0.6}
KEEP_DOUBLE = {"fr": 0.85, "nl": 0.8, "en": 0.7, "de": 0.8, "tr": 0.9, "cy": 0.85}
# Writer habits: phoneme (or ay/aw; art = family article; lnk = link vowel of Abd-el-X; cmp = glued, half
# or full compound) = options split on "/"; "_" is nothing, "~" a space. Unlisted phonemes spell as BASE.
BASE = "H=h S=s D=d T=t Z=z A=a I=i U=u Y=a @=a X=kh C=sh G=gh 3=_ 4=th 8=dh '=_"
TABLES = {
    "fr": "4=t/t/th j=dj/j X=kh 8=d/dh C=ch Z=z/d 3=_ G=gh q=k/k/k/q w=ou '=_ A=a/a/a/a/a/a/a/â u=ou/ou/o "
    "I=i/i/i/i/i/i/i/î U=ou ay=ai/aï/ay/ei aw=aou/aw art=El~/El~/El~/El-/el-/_/El lnk=e cmp=g/g/g/h/h/f",
    "nl": "4=t j=dj/dj/j X=ch/kh 8=d/z C=sj/sj/ch Z=z/d 3=_/_/_/' G=gh/gh/g q=k/k/q y=j/y '=_/_/' I=ie/ie/i "
    "u=oe/oe/o U=oe ay=ai/aj/ei aw=aw/au art=El~/el~/el~/_/El- lnk=e cmp=g/g/h/h/f",
    "en": "4=th/th/t 8=dh/th/z Z=z/dh D=d/d/dh 3=_/_/' q=q/q/k '=_/_/' A=a/a/a/aa I=i/i/ee u=u/u/o U=u/u/oo "
    "@=a/a/ah ay=ay/ai/ei aw=aw/au art=al-/al-/Al-/Al~/_/el- lnk=u/a/e cmp=g/h/h/f/f",
    "de": "4=t/th j=dsch/dsch/dj/j X=ch/kh 8=d/dh C=sch Z=s/z z=s/s/z G=gh/g q=k/q y=j/j/y I=i/ie ay=ai/ei "
    "aw=au/aw art=al-/al-/el-/Al-/_ lnk=e/u/a cmp=g/h/h/f/f",
    "tr": "4=s j=c X=h 8=z C=ş Z=z D=d/z 3=_/_/' G=ğ q=k w=v '=_/' @=e/a ay=ey/ey/ay aw=ev/av "
    "art=el-/el-/El~/_ lnk=e cmp=g/g/g/g/h/f",
    "ala": "H=ḥ S=ṣ D=ḍ T=ṭ Z=ẓ 3=ʿ '=ʾ A=ā I=ī U=ū Y=á @=a/ah art=al- lnk=a cmp=f",
    "dmg": "4=ṯ j=ǧ H=ḥ X=ḫ 8=ḏ C=š S=ṣ D=ḍ T=ṭ Z=ẓ 3=ʿ G=ġ '=ʾ A=ā I=ī U=ū Y=ā ay=ai aw=au art=al- "
    "lnk=a cmp=f",
    "cy": "b=б t=т 4=с j=дж H=х X=х d=д 8=з r=р z=з s=с C=ш S=с D=д T=т Z=з 3=_ G=г/гъ f=ф q=к k=к l=л "
    "m=м n=н h=х/г w=в y=й '=_ g=г a=а A=а i=и I=и u=у U=у e=е o=о Y=а @=а ay=ай/ей aw=ав/ау "
    "art=аль-/аль-/ал-/эль-/_ lnk=у/е cmp=g/g/h/f",
}
FOLD = {  # how foreign clerks fold Turkish letters
    "de": "ü=ü/ue/u ö=ö/oe/o ş=ş/sch/s ç=ç/tsch/c ğ=ğ/g/_ ı=i",
    "nl": "ü=u/ü/u ö=o/ö ş=s/sj/s ç=c/tsj ğ=g/_ ı=i",
    "fr": "ü=u/ü ö=o/ö ş=s/ch/s ç=c/tch ğ=g/_ ı=i",
    "en": "ü=u/u/ü ö=o ş=s/sh ç=c/ch ğ=g/_ ı=i",
}
AR = dict(zip("bt4jHXd8rzsCSDTZ3Gfqklmnhwyg", "بتثجحخدذرزسشصضطظعغفقكلمنهويڭ", strict=True))
AR_WORDS = {"3abdallAh": "عبد الله"}
CY_YOTATED = {"a": "я", "A": "я", "@": "я", "Y": "я", "u": "ю", "U": "ю"}


def _table(spec: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in spec.split())


PARSED = {conv: _table(spec if conv == "cy" else f"{BASE} {spec}") for conv, spec in TABLES.items()}
PARSED.update({f"fold-{conv}": _table(spec) for conv, spec in FOLD.items()})
SWAP = _table("l=rn r=ln m=nb n=mrl b=mfd d=br f=b k=t t=k j=z z=j s=C C=s")  # apart in every convention
SWAP_TR = _table("l=rn r=ln m=n n=mr k=t t=k b=d d=b y=r")
OCR = _table("m=rn rn=m d=cl h=b b=h e=c c=e i=l l=1 u=n n=u o=a a=o O=0 I=l ii=u S=5 t=f")
KEYBOARDS = {"qwerty": "qwertyuiop asdfghjkl zxcvbnm", "azerty": "azertyuiop qsdfghjklm wxcvbn"}
KEYBOARDS["qwertz"] = "qwertzuiop asdfghjkl yxcvbnm"


@dataclass(frozen=True)
class Entry:
    classical: str | None  # phonemic; None for a name that only exists in Turkish spelling
    maghrebi: str | None = None
    turkish: tuple[str, ...] = ()


def _lex(text: str, turkish_only: bool = False) -> list[Entry]:
    """'classical/maghrebi/Turk1,Turk2; ...' (or space-separated Turkish spellings), commonest first."""
    if turkish_only:
        return [Entry(None, None, (t,)) for t in text.split()]
    out = []
    for item in text.split(";"):
        classical, maghrebi, turkish = [*item.strip().split("/"), "", ""][:3]
        out.append(Entry(classical or None, maghrebi or None, tuple(t for t in turkish.split(",") if t)))
    return out


MALE = _lex(
    "muHammad/moHamed/Mehmet,Muhammed; 'aHmad/'aHmed/Ahmet; 3alI/3ali/Ali; yUsuf/yUsef/Yusuf; Hasan//Hasan;"
    "3umar/3omar/Ömer; 3abd al qAdir/3abd al qAder/Abdülkadir; 'ibrAhIm/brAhIm/İbrahim; muSTafY//Mustafa;"
    "Husayn/Husin/Hüseyin; 3abdallAh/3abdellAh/Abdullah; yAsIn//Yasin; karIm//Kerim; XAlid/XAled/Halit;"
    "sa3Id//Said; 3abd al raHmAn//Abdurrahman; 'ismA3Il/smA3Il/İsmail; raCId//Reşit; 'amIn//Emin;"
    "Hamz@//Hamza; mahdI/mehdI/Mehdi; 3u4mAn/3otmAn/Osman; bilAl//Bilal; nabIl; jamAl//Cemal; TAhA//Taha;"
    "nUr al dIn//Nurettin; 'ilyAs//İlyas; zakariyyA/zakariyA/Zekeriya; 'ayyUb//Eyüp; TAriq/TAreq/Tarık;"
    "3Adil/3Adel/Adil; murAd//Murat; riDA/reDa/Rıza; sufyAn; HakIm//Hakim; samIr; SalAH; faySal//Faysal;"
    "3abd al 3azIz//Abdülaziz; mUsY//Musa; 'idrIs//İdris; sulaymAn/slImAn/Süleyman; walId; HAmid/HAmed/Hamit;"
    "yaHyY//Yahya; qAsim/qAsem/Kasım; tawfIq//Tevfik; 'anwar//Enver; jalAl//Celal; najIb; 'anas; GassAn;"
    "fu'Ad//Fuat; munIr//Münir; 'ayman; badr; majId//Mecit; 3imAd; lahcen/lahsen; mbArek; 3abd al HamId"
)
FEMALE = _lex(
    "fATim@/fATma/Fatma; XadIj@//Hatice; 3A'iC@/3AyC@/Ayşe; maryam/meryem/Meryem; zaynab/zIneb/Zeynep;"
    "'asmA'//Esma; salmY//Selma; nAdiy@/nAdya; laylY/leyla/Leyla; 'ImAn; hind; sAr@; karIm@//Kerime;"
    "HanAn; nawAl; HalIm@//Halime; HayAt//Hayat; 'amal; raCId@; zahr@/zohr@/Zehra; su3Ad; malIk@//Melike;"
    "jamIl@//Cemile; nUr//Nur; buCrY//Büşra; yAsmIn//Yasemin; hAjar//Hacer; wafA'; safiyy@//Safiye; 'ikrAm;"
    "Xawl@; CaymA'; hib@; GizlAn; sumayy@//Sümeyye; kaw4ar//Kevser; latIf@//Latife; dunyY//Dünya; rAniy@"
)
TURKIC_M = _lex("Emre Burak Mert Can Serkan Volkan Uğur Oğuz Onur Yiğit Barış", turkish_only=True)
TURKIC_F = _lex("Elif Özlem Derya Gül Ebru Tuğba Sibel Dilek Gülşen Şule", turkish_only=True)
FAMILY = {
    "ma": _lex(
        "al 3alawI; baqqAlI; al idrIsI; TAhirI; al 3amrAnI; bennAnI; tAzI; ben 3alI; bU zId; al wazzAnI;"
        "al XaTTAbI; CAwI; zerwAlI; berrAd@; slAwI; mansUrI; ben mUsY; ben jellUn; HaddAd; lahlU; al fAsI;"
        "sa3IdI; bel qAsem; bel Hajj; 3ammAr; qaddUr; HammAmI; jebAlI; GarbI; ben sAlim; drIdI; zayyAnI;"
        "'ayt 3alI; amGAr; 'ayt wakrIm; 'ayt Haddu; idIr; amellAl; bU Tayyib; mbArkI; al 3ammArI; rIfI"
    ),
    "me": _lex(
        "al maSrI; al HalabI; al najjAr; al XaTIb; SAliH; al HusaynI; al tamImI; 3awwAd; HijAzI; nASir;"
        "dabbAG; al 3umarI; HamdAn; jAbir; al zu3bI; 3abbAs; al kurdI; al CarIf; mansUr; qaddUr@;"
        "al jabUrI; Hammad; al Hakim; 3ubayd; SabbAG; 3ATif; al rifA3I; jarrAr; XalIl"
    ),
    "tr": _lex(
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin "
        "Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Karataş Erdoğan Yalçın Güneş Bulut Keskin Aktaş "
        "Ünal Kaplan Tekin Güler Turan Bozkurt Karaca Uçar",
        turkish_only=True,
    ),
}
KUNYA = _lex(
    "Hamz@; muHammad; 3umar; Hafs; 3abdallAh; Talh@; 'usAm@; 3ubayd@; bakr; dujAn@; qatAd@; 'anas; XAlid;"
    "yUsuf; turAb; zubayr; mu3A8; 3abd al raHmAn; 'ibrAhIm; sulaymAn; jandal; 3Ubayd; HuTayf@; 3Aqil; 3ASim"
)
NISBA = _lex(
    "al maGribI; al tUnisI; al jazA'irI; al faransI; al baljIkI; al hUlandI; al turkI; al 'anSArI; al rIfI;"
    "al barITAnI; al 'urdunI; al TanjAwI; al 'andalusI; al suwaydI; al danmArkI; al nimsAwI; al 3irAqI"
)


def zipf(items: list[Entry], power: float, boost: float = 1.0) -> list[float]:
    return [(boost if r == 0 else 1.0) / (r + 1.5) ** power for r in range(len(items))]


def has(ch: str, chars: str) -> bool:
    """``ch in chars`` for a neighbour that may be missing (start or end of a word)."""
    return ch != "" and ch in chars


class Writer:
    """One clerk writing one record: every spelling habit is drawn once, then kept."""

    def __init__(self, conv: str, rng: random.Random) -> None:
        self.conv, self.rng, self.table, self.habits = conv, rng, PARSED.get(conv, {}), dict[str, str]()

    def pick(self, key: str, default: str = "", table: dict[str, str] | None = None) -> str:
        if key not in self.habits:
            options = (self.table if table is None else table).get(key, default).split("/")
            self.habits[key] = self.rng.choice(options).replace("_", "").replace("~", " ")
        return self.habits[key]

    def chance(self, key: str, p: float) -> bool:
        if key not in self.habits:
            self.habits[key] = "1" if self.rng.random() < p else ""
        return bool(self.habits[key])

    def cap(self, word: str) -> str:
        for k, ch in enumerate(word):
            if ch.lower() != ch.upper():
                up = "İ" if self.conv == "tr" and ch == "i" else "I" if ch == "ı" else ch.upper()
                return word[:k] + up + word[k + 1 :]
        return word


def spell(word: str, w: Writer, final: bool = True) -> str:
    """One phonemic word in Latin or Cyrillic letters, lower case."""
    c, out, i, n, hiatus = w.conv, list[str](), 0, len(word), False
    while i < n:
        p, prev, nxt = word[i], word[i - 1] if i else "", word[i + 1] if i + 1 < n else ""
        if p in "aA" and has(nxt, "yw") and (i + 2 >= n or word[i + 2] not in VOWELS | {nxt}):
            out.append(w.pick("a" + nxt, "a" + nxt))  # a diphthong
            i, hiatus = i + 2, False
            continue
        if p in VOWELS:
            s, back = w.pick(p, p), prev in BACK or nxt in BACK
            if c == "tr" and p in "ai":  # vowel harmony, roughly
                s = ("a" if back else "e") if p == "a" else ("ı" if back and "'" not in (prev, nxt) else "i")
            elif c == "nl" and p == "A" and nxt and nxt not in VOWELS:
                s = "aa" if i + 2 >= n or word[i + 2] not in VOWELS else "a"
            elif p == "I" and c in ("de", "en") and i == n - 1:
                s = "i"
            elif c == "cy" and p == "e" and i == 0:
                s = "э"
            elif hiatus and p in "iI" and c in ("fr", "nl") and w.chance("trema", 0.6):
                s = "ï"  # Saïd, Ismaïl
            out.append(s)
            i, hiatus = i + 1, False
            continue
        j = i + 2 if nxt == p else i + 1
        after, s = word[j] if j < n else "", w.pick(p, p)
        if p == "'" and i == 0:
            s = ""
        elif p == "s" and c in ("fr", "nl", "de"):
            if c == "fr" and has(after, "eiI") and w.chance("soft-c", 0.25):
                s = "c"  # Hocine, Yacine
            elif prev in VOWELS and after in VOWELS and w.chance("ss", {"fr": 0.85, "nl": 0.5, "de": 0.6}[c]):
                s = "ss"
        elif c == "fr" and p == "g" and has(after, "eiI"):
            s = "gu"
        elif c == "fr" and p == "n" and final and j >= n and has(prev, "AIi") and w.chance("mute-e", 0.9):
            s = "ne"  # Amine, Othmane
        elif c == "tr" and final and j >= n and p in "bdj":
            s = {"b": "p", "d": "t", "j": "ç"}[p]  # Ahmet, Eyüp
        elif c == "tr" and p == "G" and i == 0:
            s = "g"
        elif c == "cy" and p == "y" and after in VOWELS:
            s = ("ь" if prev and prev not in VOWELS else "") + CY_YOTATED.get(after, "й")
            j += after in CY_YOTATED
        if nxt == p and len(s) == 1 and w.chance("double", KEEP_DOUBLE.get(c, 1.0)):
            s *= 2
        hiatus = s == "" and p in "3'" and has(prev, "aA")
        out.append(s)
        i = j
    return "".join(out)


def spell_ar(word: str) -> str:
    out, n = list[str](), len(word)
    for i, p in enumerate(word):
        prev, nxt = word[i - 1] if i else "", word[i + 1] if i + 1 < n else ""
        initial = i == 0 or (i == 1 and prev == "'")
        if prev == p and p not in VOWELS:
            continue
        if p == "'":
            out.append("" if i == 0 else "ئ" if has(nxt, "iI") else "ؤ" if has(prev, "uU") else "ء")
        elif p in AR or p in "@Y":
            out.append(AR.get(p) or ("ة" if p == "@" else "ى"))
        elif p == "A":
            out.append("آ" if initial else "ا")
        elif p in "IU":
            out.append((("إ" if p == "I" else "أ") if initial else "") + ("ي" if p == "I" else "و"))
        elif initial:
            out.append("إ" if p in "ie" else "أ")
    return "".join(out)


def _article(art: str, body_p: str, body: str, w: Writer) -> str:
    if not art:
        return w.cap(body)
    if body_p[0] in SUN and w.conv != "cy" and w.chance("fam-assim", {"dmg": 1, "ala": 0}.get(w.conv, 0.12)):
        art = art[0] + w.pick(body_p[0], body_p[0]) + art[2:]  # ash-Shami, Ezzahraoui
    return art + (body if art[-1] not in " -" else w.cap(body))


def render_form(form: str, w: Writer) -> str:
    """A phonemic name part: 'al' starting it is an article, inside it the link of Abd al-Qadir."""
    words, toks, k, glue = form.split(), list[str](), 0, False
    while k < len(words):
        word = words[k]
        if word == "al" and w.conv == "ar":
            body = "ال" + spell_ar(words[k + 1])
            toks.append(toks.pop() + body if toks and w.chance("ar-glue", 0.2) else body)
            k += 2
            continue
        if word == "al":
            body_p = words[k + 1]
            body, sun = spell(body_p, w), body_p[0] in SUN
            if not toks:
                toks.append(_article(w.pick("art", "al-"), body_p, body, w))
            else:  # Abdelkader, Abdel Kader, Abd al-Qadir; Abderrahmane, Abdurrahman
                style, prev = w.pick("cmp", "f"), toks.pop()
                assim = sun and w.chance("assim", ASSIMILATE[w.conv])
                abd = w.conv == "tr" and prev.lower() == "abd"
                lnk = ("u" if sun else "ü") if abd else w.pick("lnk", "a")
                link = lnk + (w.pick(body_p[0], body_p[0]) if assim else "л" if w.conv == "cy" else "l")
                if style == "f":
                    art = w.pick("art", "al-") or ("аль-" if w.conv == "cy" else "al-")
                    toks.append(prev + " " + _article(art, body_p, body, w))
                else:
                    toks.append(prev + link + (body if style == "g" else " " + w.cap(body)))
            k += 2
            continue
        text = (
            (AR_WORDS.get(word) or spell_ar(word))
            if w.conv == "ar"
            else w.cap(spell(word, w, k + 1 == len(words)))
        )
        if glue and toks:
            toks[-1] += text.lower()
        else:
            toks.append(text)
        glue = word in PARTICLES and w.chance("glue" + word, PARTICLES[word])
        k += 1
    return " ".join(toks)


def render(e: Entry, origin: str, w: Writer) -> str:
    if e.classical is None or origin == "tr":
        fold, low = PARSED.get(f"fold-{w.conv}"), e.turkish[0].replace("İ", "i").replace("I", "ı").lower()
        if fold is None:
            return e.turkish[0]
        return w.cap("".join(w.pick("f" + ch, ch, fold) if ch in fold else ch for ch in low))
    if w.conv == "tr" and e.turkish and w.chance("tr-form" + e.classical, 0.4):
        return w.pick("tr" + e.classical, "/".join(e.turkish), {})
    colloquial = origin == "ma" and w.chance("mg" + e.classical, MAGHREBI.get(w.conv, 0.0))
    return render_form((colloquial and e.maghrebi) or e.classical, w)
