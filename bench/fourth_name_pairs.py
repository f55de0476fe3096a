"""Fourth name-pair set: synthetic Muslim names (Arab, Berber, Turkish, Chechen) as clerks write them.

Data model:
* Each name part is stored once as a compact phonemic string, one character per phoneme:
  b t d s z f q k l m n h r w y as in English, x=kh, g=gh (ghayn), G=hard g, c=sh, j=dj,
  8=th, 9=dh, 3=ʿayn, 2=hamza, H S D T Z = emphatic ḥ ṣ ḍ ṭ ẓ, vowels a i u e o, long A I U,
  Y=alif maqsura, @=taʾ marbuta, '=soft sign.  "al-" is the article (sun-letter assimilation
  is computed), "bin"/"ayt"/"abU"/"umm" are connectors, "3abd al-qAdir" is a compound.
* A lexicon entry holds the classical form, Maghrebi colloquial variants (a person carries one
  of them as passport spelling), the Turkish orthographic form and the Russian/Chechen form.
  A person's origin (Maghreb, Mashriq, Turkey, Caucasus) picks the form clerks start from.
* A clerk has one fixed convention (fr nl en de tr, ALA-LC, DMG, Arabic script, Cyrillic)
  and fixed habits (article style, dj/j, tréma, keyboard); render rules spell phonemes by it.
* Name parts are drawn with Zipf-like weights (table order = frequency) on both sides.
* Positive pairs render one person (or nom de guerre) twice; negatives render two persons
  built to look alike (siblings, namesakes, family names one real consonant apart).
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

POSITIVE = ("conventions", "scripts", "typos", "reordered", "alias")
NEGATIVE = ("siblings", "namesakes", "similar_family")
CATEGORIES = POSITIVE + NEGATIVE


@dataclass(frozen=True)
class Pair:
    category: str
    a: str  # one rendering of a full name
    b: str  # another rendering
    label: int  # 1 = same person (POSITIVE categories), 0 = different persons
    how: str  # short note, e.g. "fr/nl" or "tr:swap+drop"


# ------------------------------------------------------------------ lexicon
# entry = classical | Maghrebi variants ("/"-separated, "=" same as classical) | Turkish | Caucasian
MALE = """
muHammad|moHamed/moHammed/mHammed|Muhammed|maGomed; 2aHmad|aHmed|Ahmet|axmed; 3alI|=|Ali|ali;
yUsuf|yUsef|Yusuf|yusup; ibrAhIm|brAhIm/ibrAhIm|İbrahim|ibraGim; Hasan|=|Hasan|xasan;
Husayn|Husin|Hüseyin|xuseyn; 3umar|3omar|Ömer|umar; 3u8mAn|3otmAn|Osman|usman;
muSTafY|moSTafa|Mustafa|mustafa; xAlid|xAled|Halit|xalid; sa3Id|=|Said|said;
ismA3Il|smA3Il/ismA3Il|İsmail|ismail; 3abd_al-qAdir|3abd_al-qAder|Abdülkadir|abdulkadir;
3abd_al-raHmAn|=|Abdurrahman|abdurraxman; 3abd_al-karIm|3abd_al-krIm|Abdülkerim|;
3abd_al-lAh|=|Abdullah|abdulla; 3abd_al-Samad|=|Abdüssamet|; nUr_al-dIn|=|Nurettin|;
SalAH_al-dIn|=|Selahattin|salaxuddin; karIm|=|Kerim|; racId|=|Reşit|racid; jamAl|=|Cemal|jamal;
yAsIn|=|Yasin|; amIn|=|Emin|; sufyAn|sofyAn|Süfyan|; riDwAn|reDwAn|Rıdvan|ridvan;
bilAl|=|Bilal|bilal; Hamza@|=|Hamza|xamzat; idrIs|drIs/idrIs|İdris|idris; yUnus|yUnes|Yunus|yunus;
mUsY|mUsa|Musa|musa; 3IsY|3Isa|İsa|isa; sulaymAn|slImAn|Süleyman|suleyman; TAriq|=|Tarık|;
maHmUd|=|Mahmut|maxmud; hicAm|=|Hişam|; HAmid|=|Hamit|; |idIr||; |aksel||; |mAsInIsa||; |yUba||;
||Mehmet|; ||Emre|; ||Murat|; ||Burak|; ||Kemal|; |||ramzan; |||ruslan; |||cAmil'; |||zelimxan; |||adam
"""
FEMALE = """
fATima@|fATima/fATma|Fatma|fatima; 3A2ica@|3Aica|Ayşe|aycat; xadIja@|xadIja|Hatice|xadijat;
maryam|maryam/meryem|Meryem|maryam; zaynab|zaynab/zIneb|Zeynep|zaynap; amIna@|=|Emine|aminat;
salmY|salma|Selma|; nAdiya@|nAdia|Nadiye|; laylY|layla/leyla|Leyla|leyla; HanAn|=|Hanan|;
2ImAn|ImAn|İman|; sumayya@|somaya|Sümeyye|; karIma@|=|Kerime|; na3Ima@|=|Naime|;
racIda@|=|Reşide|; samIra@|=|Semira|; kaw8ar|kawtar|Kevser|; hAjar|=|Hacer|; asmA2|asma|Esma|;
malika@|=|Melike|malika; Safiyya@|safya|Safiye|; madIna@|=||madina; |tIzIrI||; |tInhInAn||;
|dIhya||; |tafsUt||; ||Elif|; ||Büşra|; ||Merve|; ||Esra|; |||xeda; |||petimat; |||zulay; |||milana
"""
FAM_MG = """
al-3amrAnI|=; bannAnI|bennAnI; bin_3alI|=; al-idrIsI|=; 3alawI|=; tAzI|=; barrAda@|berrAda;
crAybI|=; baqqAlI|=; al-xaTTAbI|=; bUzayd|bUzId; laHlU|=; bin_jallUn|bin_jellUn; al-fAsI|=;
bilHAjj|belHAj; zayyAnI|zyAnI; al-sa3IdI|=; al-TAhirI|=; al-cAwI|=; ayt_wAlI|=; amellAl|=;
UHaddU|=; amzIl|=; bilqAsim|belqAsem
"""
FAM_MS = "al-Hasan al-xaTIb HaddAd nASir manSUr xalIl HamdAn darwIc SAliH al-miSrI qAsim jAbir al-HalabI"
FAM_MS += " al-najjAr al-cAmI 3abbAs"
FAM_TR = "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Çetin"
FAM_TR += " Koç Kurt Polat Korkmaz"
FAM_CC = "umarov xasanov maGomedov axmadov isayev musayev yusupov saidov aliyev jabrailov idrisov"
FAM_CC += " ibraGimov baysultanov xajiyev"
KUNYA_T = "Hamza@ 3umar TalHa@ qatAda@ muS3ab dujAna@ HafS bakr 3ubayda@ xAlid 3abd_al-lAh yUsuf"
NISBA_T = "baljIkI magribI faransI cIcAnI hUlandI almAnI turkI tUnisI jazA2irI lIbI miSrI swIdI"
NISBA_T += " dAgistAnI bUsnI 3irAqI"
KUNYA, NISBA = [k.replace("_", " ") for k in KUNYA_T.split()], NISBA_T.split()


@dataclass(frozen=True)
class Entry:
    cl: str
    mg: tuple[str, ...]
    tr: str
    cc: str


def _entries(table: str) -> list[Entry]:
    out = []
    for raw in table.split(";"):
        cl, mg, tr, cc = ([*raw.strip().replace("_", " ").split("|"), "", "", ""])[:4]
        mgs = tuple(cl if m == "=" else m for m in mg.split("/")) if mg else ()
        out.append(Entry(cl, mgs, tr, cc))
    return out


ORIGINS = ("mg", "ms", "tr", "cc")  # Maghreb (Arab + Berber), Mashriq, Turkey, Caucasus
GIVEN = {False: _entries(MALE), True: _entries(FEMALE)}
FAMS = {
    "mg": _entries(FAM_MG),
    "ms": [Entry(w, (), "", "") for w in FAM_MS.split()],
    "tr": [Entry("", (), w, "") for w in FAM_TR.split()],
    "cc": [Entry("", (), "", w) for w in FAM_CC.split()],
}


GPOOL = {
    (o, f): [e for e in GIVEN[f] if getattr(e, {"ms": "cl"}.get(o, o))]
    for o in ORIGINS
    for f in (False, True)
}

# ------------------------------------------------------------------ clerks


@dataclass(frozen=True)
class Clerk:
    """A writer with one convention (fr nl en de tr ala dmg ar ru) and fixed habits (flags)."""

    name: str
    cv: str
    art: str  # article as written before a moon letter
    flags: str  # assim dj notrema ssfin nojoin low apos ee zs nohamza nodevoice cmp= fold= kb=

    def has(self, flag: str) -> bool:
        return flag in self.flags.split()

    def opt(self, key: str, default: str) -> str:
        return next((f[len(key) + 1 :] for f in self.flags.split() if f.startswith(key + "=")), default)


# assim: Ech-Chaoui; dj: Algerian dj for j; ssfin: Driss; nojoin: Ben Ali; low: el/ben; apos: Sa'id;
# ee: Yaseen; zs: German s for z; cmp=space/al: Abdul Qadir / Abd al-Qadir; fold: Turkish letters
CLERKS_T = """
fr-dz|fr|El_|dj fold=ascii kb=azerty; fr-ma|fr|El-|assim notrema ssfin kb=azerty;
fr-be|fr|El_|assim nojoin fold=ascii kb=azerty; nl-a|nl|El_|; nl-b|nl|el_|low notrema fold=ascii;
en-a|en|Al-|fold=ascii; en-b|en|al-|assim cmp=al apos fold=ascii; en-c|en|El-|cmp=space ee;
de-a|de|al-|zs kb=qwertz fold=ue; de-b|de|el-|low kb=qwertz; tr-a|tr|El-|; tr-b|tr|el-|;
ala|ala|al-|; dmg|dmg|al-|assim; ar-a|ar||; ar-b|ar||nohamza; ru-a|ru|Аль-|; ru-b|ru|аль-|assim"""
CLERKS = [Clerk(*t.strip().replace("_", " ").split("|")) for t in CLERKS_T.split(";")]
LATIN = ("fr", "nl", "en", "de", "tr", "ala", "dmg")
MGCV = ("fr", "nl", "de", "en", "tr")  # clerks who copy a Maghrebi passport spelling
ALLOWED = {"tr": "fr nl en de tr", "cc": "fr nl en de tr ru"}

# ------------------------------------------------------------------ rendering
VOW = "aiueoAIUY"
SUN = "tTdDsSzZcrnl89"


def _kv(s: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in s.split())


BASE = _kv("H=h T=t D=d S=s Z=z x=kh g=gh c=sh 8=th 9=dh A=a I=i U=u Y=a G=g 3= 2= '= @=")
LAT = {
    cv: {**BASE, **_kv(o)}
    for cv, o in {
        "fr": "q=k c=ch w=ou u=ou U=ou 8=t 9=d",
        "nl": "q=k c=sj j=dj x=ch y=j u=oe U=oe I=ie 8=t 9=d",
        "en": "",
        "de": "q=k c=sch j=dsch x=ch y=j v=w 8=t 9=d",
        "tr": "q=k c=ş j=c x=h g=ğ w=v 8=s 9=z",
        "ala": "H=ḥ S=ṣ D=ḍ T=ṭ Z=ẓ 3=ʿ 2=ʾ A=ā I=ī U=ū Y=á @=h",
        "dmg": "H=ḥ S=ṣ D=ḍ T=ṭ Z=ẓ 3=ʿ 2=ʾ A=ā I=ī U=ū Y=ā c=š x=ḫ j=ǧ g=ġ 8=ṯ 9=ḏ",
    }.items()
}
AR_T = "bب tت Tط dد Dض sس Sص zز Zظ fف qق kك lل mم nن hه Hح xخ gغ cش jج rر wو yي"
AR_T += " 3ع 8ث 9ذ Aا Iي Uو Yى @ة Gج vف"
AR = {t[0]: t[1:] for t in AR_T.split()}
SEAT = {"a": "أ", "e": "أ", "o": "أ", "u": "أ", "i": "إ", "A": "آ", "I": "إي", "U": "أو"}
CY_T = "aа Aа iи Iи uу Uу eе oо Yа bб tт Tт dд Dд sс Sс zз Zз fф qк kк lл mм nн pп hх Hх xх gг Gг"
CY_T += " cш jдж rр wв yй vв 8с 9з 'ь"
CY = {t[0]: t[1:] for t in CY_T.split()}
YOT = {"a": "я", "A": "я", "u": "ю", "U": "ю", "e": "е", "o": "ё"}
CONN = {
    k: _kv(v)
    for k, v in {
        "bin": "fr=Ben nl=Ben en=bin de=Ben tr=Bin ala=Bin dmg=Bin ar=بن ru=Бен",
        "ayt": "fr=Ait nl=Ait en=Ait de=Ait tr=Ait ala=Āyt dmg=Āyt ar=آيت ru=Аит",
        "abU": "fr=Abou nl=Aboe en=Abu de=Abu tr=Ebu ala=Abū dmg=Abū ar=أبو ru=Абу",
        "umm": "fr=Oum nl=Oem en=Umm de=Umm tr=Ümmü ala=Umm dmg=Umm ar=أم ru=Умм",
    }.items()
}
ASCII = str.maketrans("şçğıöüâîûŞÇĞİÖÜÂ", "scgiouaiuSCGIOUA")
UE = str.maketrans({"ö": "oe", "ü": "ue", "Ö": "Oe", "Ü": "Ue"})


def _v(c: str) -> bool:
    return bool(c) and c in VOW


def _cap(s: str, tr: bool = False) -> str:
    for i, c in enumerate(s):
        if c.isalpha() and c not in "ʿʾ":
            return s[:i] + ("İ" if tr and c == "i" else c.upper()) + s[i + 1 :]
    return s


def _upper(s: str, ck: Clerk) -> str:
    return (s.replace("i", "İ").replace("ı", "I") if ck.cv == "tr" else s).upper()


def _fold(s: str, ck: Clerk) -> str:
    if ck.cv == "tr" or ck.opt("fold", "keep") == "keep":
        return s
    return (s.translate(UE) if ck.opt("fold", "") == "ue" else s).translate(ASCII)


def _lat1(w: str, i: int, ck: Clerk, cc: bool) -> str:
    """One phoneme in a Latin convention, with its context rules."""
    ch, cv = w[i], ck.cv
    p = w[i - 1] if i else ""
    nx = w[i + 1] if i + 1 < len(w) else ""
    s = LAT[cv].get(ch, ch)
    if ch in "32":
        if cv in ("ala", "dmg"):
            return "" if ch == "2" and not i else s
        return "'" if ch == "3" and ck.has("apos") and p and nx else ""
    if ch in "iI" and not ck.has("notrema") and cv in ("fr", "nl") and (_v(p) or (p and p in "32")):
        k = i - 1
        while k >= 0 and w[k] in "32":
            k -= 1
        if k >= 0 and w[k] in "aAeo":
            return "ï"
    if ch == "j" and cc:  # Russian дж seen through each Latin convention
        return {"fr": "dj", "nl": "dzj", "en": "dzh", "de": "dsch"}.get(cv, s)
    if cv == "fr":
        if ch == "j":
            return "dj" if ck.has("dj") else "j"
        if ch == "s" and _v(p) and (_v(nx) or (p == "I" and not nx and ck.has("ssfin"))):
            return "ss"
        if ch == "y" and p and (not _v(p) or not _v(nx)):
            return "i"
        if ch == "G" and nx and nx in "eiIy":
            return "gu"
        if ch == "n" and not nx and p and p in "AI":
            return "ne"  # Slimane, Yassine
    elif cv in ("nl", "de"):
        if ch == "y" and p and not _v(nx):
            return "i"
        if cv == "nl" and ch == "I" and not nx:
            return "i"
        if cv == "de" and ch == "s" and _v(p) and _v(nx):
            return "ss"
        if cv == "de" and ch == "z" and ck.has("zs"):
            return "s"
    elif cv == "en" and ck.has("ee") and ch in "IU" and nx:
        return "ee" if ch == "I" else "oo"
    elif cv == "tr" and not nx and not ck.has("nodevoice") and ch in "db":
        return "t" if ch == "d" else "p"  # final devoicing: Ahmet, Recep
    return s


def _lat(w: str, ck: Clerk, cc: bool = False) -> str:
    if ck.cv in ("fr", "nl", "de"):
        w = w.replace("yy", "y")  # Soumaya, Safija
    out: list[str] = []
    for i, ch in enumerate(w):
        if i and ch == w[i - 1] and ch not in VOW:  # geminate: double a letter, never a digraph
            out.append(out[-1] if len(out[-1]) == 1 else "")
        else:
            out.append(_lat1(w, i, ck, cc))
    return "".join(out)


def _ara(w: str, ck: Clerk) -> str:
    w = w[1:] if w[0] == "2" else w
    out = []
    if w[0] in SEAT:
        out.append(SEAT[w[0]] if not ck.has("nohamza") else re.sub("[أإآ]", "ا", SEAT[w[0]]))
    for i in range(1 if w[0] in SEAT else 0, len(w)):
        ch, p = w[i], (w[i - 1] if i else "")
        nx = w[i + 1] if i + 1 < len(w) else ""
        if ch == "a" and not nx:
            out.append("ا")  # final short a of Berber names: يوبا
        elif ch in "aiueo'" or (ch == p and ch not in VOW):
            continue
        elif ch == "2":
            pn = p + nx
            out.append(
                "ئ" if "i" in pn or "I" in pn else "ؤ" if "u" in pn or "U" in pn else "أ" if nx else "ء"
            )
        else:
            out.append(AR.get(ch, ""))
    return "".join(out)


def _cyr(w: str) -> str:
    out, i = [], 0
    while i < len(w):
        ch, p = w[i], (w[i - 1] if i else "")
        nx = w[i + 1] if i + 1 < len(w) else ""
        if ch == p and ch not in VOW and ch != "y":
            out.append(CY[ch] if len(CY.get(ch, "")) == 1 else "")
        elif ch == "y" and nx == "y":
            pass
        elif ch == "y" and nx in YOT:
            out.append(("ь" if p and not _v(p) and p not in "y32'" else "") + YOT[nx])
            i += 1
        elif ch == "e" and (not p or _v(p) or p in "32"):
            out.append("э")
        elif ch == "w" and _v(p) and not _v(nx):
            out.append("у")
        elif not (ch == "h" and not nx and _v(p)):
            out.append(CY.get(ch, ""))
        i += 1
    return "".join(out)


def _word(t: str, ck: Clerk, cc: bool) -> str:
    if ck.cv == "ar":
        return _ara(t, ck)
    if ck.cv == "ru":
        return _cap(_cyr(t))
    return _cap(_lat(t, ck, cc), ck.cv == "tr")


def _article(stem: str, ck: Clerk, cc: bool = False) -> str:
    cv, sun = ck.cv, stem[0] in SUN
    if cv == "ar":
        return "ال" + _ara(stem, ck)
    if cv == "ru":
        return ("а" + _cyr(stem[0]) + "-" if ck.has("assim") and sun and stem[0] != "l" else ck.art) + _cap(
            _cyr(stem)
        )
    body = _cap(_lat(stem, ck, cc), cv == "tr")
    if ck.has("assim") and sun and cv != "ala":
        return ck.art[0] + _lat(stem[0], ck, cc) + "-" + body  # Ech-Chaoui, ash-Shishani
    return ck.art + body


def _compound(first: str, second: str, ck: Clerk, cc: bool) -> str:
    """3abd al-X, nUr al-dIn: Abdelkader, Abdul Qadir, ʿAbd al-Qādir, عبد القادر, Абдулкадир."""
    cv, sun, allah = ck.cv, second[0] in SUN, second == "lAh"
    if cv == "ar":
        return _ara(first, ck) + " " + ("الله" if allah else "ال" + _ara(second, ck))
    if cv == "ru":
        return _cap(_cyr(first)) + "у" + (_cyr(second[0]) if sun else "л") + _cyr(second)
    ck = replace(ck, flags=ck.flags + " nodevoice")
    head = _cap(_lat(first, ck, cc), cv == "tr")
    if cv in ("ala", "dmg") or (cv == "en" and ck.opt("cmp", "u") == "al"):
        return head + (" All" + _lat("Ah", ck) if allah else " " + _article(second, ck, cc))
    if cv == "en" and ck.opt("cmp", "u") == "space" and first == "3abd" and not allah:
        return head + "ul " + _cap(_lat(second, ck, cc))
    if cv == "tr" and second == "dIn":
        return head + "ettin"  # Nurettin
    lc = _lat(second[0], ck, cc) if sun else "l"
    link = "u" + lc if cv == "en" else "ul" if first == "3abd" and cv in ("de", "tr") else "e" + lc
    return head + link + _lat(second, ck, cc)


def _conn(t: str, rest: str, ck: Clerk) -> str:
    c = CONN[t][ck.cv]
    if t == "ayt" and ck.cv == "fr" and not ck.has("notrema"):
        c = "Aït"
    if ck.has("low") and t in ("bin", "ayt"):
        c = c.lower()
    if ck.cv == "fr" and t == "bin" and not ck.has("nojoin"):
        return c + rest[0].lower() + rest[1:]  # Benali, Bendjelloun
    return f"{c} {rest}"


def _part(ph: str, ck: Clerk, cc: bool = False) -> str:
    toks = ph.split()
    if len(toks) == 2 and toks[0] not in CONN and toks[1].startswith("al-"):
        return _compound(toks[0], toks[1][3:], ck, cc)
    if toks[0] in CONN and len(toks) > 1:
        return _conn(toks[0], _part(" ".join(toks[1:]), ck, cc), ck)
    return " ".join(_article(t[3:], ck, cc) if t.startswith("al-") else _word(t, ck, cc) for t in toks)


# ------------------------------------------------------------------ persons


@dataclass(frozen=True)
class Person:
    origin: str
    female: bool
    g1: Entry
    v1: int  # which Maghrebi variant is the passport spelling
    g2: Entry | None  # second given name (father's name in Arab usage)
    v2: int
    fam: Entry
    fv: int


@dataclass(frozen=True)
class Alias:
    conn: str  # abU / umm
    name: str
    nisba: str


_W: dict[int, list[float]] = {}


def _pick(rng: random.Random, pool: list, avoid: tuple = ()):  # type: ignore[type-arg]
    w = _W.setdefault(len(pool), [1 / (i + 1) ** 1.05 for i in range(len(pool))])
    while True:
        x = rng.choices(pool, weights=w)[0]
        if x not in avoid:
            return x


def _person(
    rng: random.Random, origin: str = "", female: bool | None = None, g2: bool | None = None
) -> Person:
    origin = origin or rng.choices(ORIGINS, weights=(35, 25, 22, 18))[0]
    female = rng.random() < 0.35 if female is None else female
    g1 = _pick(rng, GPOOL[origin, female])
    if g2 is None:
        g2 = rng.random() < {"ms": 0.8, "mg": 0.2, "tr": 0.3}.get(origin, 0.0)
    e2 = _pick(rng, GPOOL[origin, origin == "tr" and female], (g1,)) if g2 else None
    fam = _pick(rng, FAMS[origin])
    return Person(origin, female, g1, rng.randrange(6), e2, rng.randrange(6), fam, rng.randrange(6))


def _adapt(ck: Clerk, origin: str) -> Clerk:
    """Latin passports (Maghreb, Caucasus) are copied: no Turkish devoicing, no German z -> s."""
    return replace(ck, flags=ck.flags.replace("zs", "") + " nodevoice") if origin in ("mg", "cc") else ck


def _given(e: Entry, v: int, origin: str, ck: Clerk) -> str:
    ck = _adapt(ck, origin)
    if origin == "tr":
        return _fold(e.tr, ck)
    if ck.cv == "tr" and e.tr and origin == "ms":
        return e.tr
    if origin == "cc":
        return _part(e.cc, ck, True)
    ph = e.mg[v % len(e.mg)] if origin == "mg" and ck.cv in MGCV else (e.cl or e.mg[0])
    return _part(ph, ck)


def _family(p: Person, ck: Clerk) -> str:
    e, ck = p.fam, _adapt(ck, p.origin)
    if p.origin == "tr":
        return _fold(e.tr, ck)
    if p.origin == "cc":
        return _part(e.cc + ("a" if p.female else ""), ck, True)
    return _part(e.mg[p.fv % len(e.mg)] if p.origin == "mg" and ck.cv in MGCV else e.cl, ck)


LAYOUTS = ("FAMILY, Given", "Given FAMILY", "FAMILY Given", "Family Given")


def _render(p: Person, ck: Clerk, layout: str = "std", drop2: bool = False) -> str:
    gs = [_given(p.g1, p.v1, p.origin, ck)]
    if p.g2 is not None and not drop2:
        gs.append(_given(p.g2, p.v2, p.origin, ck))
    given, fam = " ".join(gs), _family(p, ck)
    if layout == "std":
        return f"{given} {fam}"
    if layout == "Family Given":
        return f"{fam} {given}"
    up = _upper(fam, ck)
    if layout == "Given FAMILY":
        return f"{given} {up}"
    return f"{up}{'، ' if ck.cv == 'ar' else ', '}{given}" if "," in layout else f"{up} {given}"


def _alias(al: Alias, ck: Clerk, nisba: bool = True) -> str:
    s = _part(f"{al.conn} {al.name}", ck)
    return s + " " + _part("al-" + al.nisba, ck) if nisba else s


def _fighter(rng: random.Random) -> Alias:
    return Alias("umm" if rng.random() < 0.1 else "abU", _pick(rng, KUNYA), _pick(rng, NISBA))


def _ck(rng: random.Random, origin: str, kind: str = "latin", not_cv: str = "") -> Clerk:
    ok = ALLOWED.get(origin, "fr nl en de tr ala dmg ar ru").split()
    want = {"latin": LATIN, "script": ("ar", "ru"), "lr": (*LATIN, "ru"), "any": (*LATIN, "ar", "ru")}[kind]
    return rng.choice([c for c in CLERKS if c.cv in ok and c.cv in want and c.cv != not_cv])


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("ı", "i"))
    return "".join(c for c in s.casefold() if c.isalnum() and c not in "ʿʾ")


# ------------------------------------------------------------------ clerk errors
KB = {
    "qwerty": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
    "azerty": ("azertyuiop", "qsdfghjklm", "wxcvbn"),
    "qwertz": ("qwertzuiop", "asdfghjkl", "yxcvbnm"),
}
OCR = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("l", "1"), ("I", "l"), ("li", "h"), ("e", "c"))


def _near(c: str, kb: str) -> list[str]:
    rows = KB[kb]
    for r, row in enumerate(rows):
        k = row.find(c)
        if k >= 0:
            out = [row[j] for j in (k - 1, k + 1) if 0 <= j < len(row)]
            return out + [rows[x][k] for x in (r - 1, r + 1) if 0 <= x < len(rows) and k < len(rows[x])]
    return []


def _typo(rng: random.Random, s: str, kb: str) -> tuple[str, str]:
    ops = []
    for _ in range(1 if rng.random() < 0.7 else 2):
        for _try in range(30):
            pos = [i for i in range(1, len(s)) if s[i].isalpha() and s[i - 1].isalpha()]
            op, i, t = rng.choice(("drop", "double", "swap", "key", "key", "ocr")), rng.choice(pos), s
            if op == "drop":
                t = s[:i] + s[i + 1 :]
            elif op == "double":
                t = s[:i] + s[i] + s[i:]
            elif op == "swap" and i + 1 < len(s) and s[i + 1].isalpha():
                t = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
            elif op == "key" and (nb := _near(s[i].lower(), kb)):
                c = rng.choice(nb)
                t = s[:i] + (c.upper() if s[i].isupper() else c) + s[i + 1 :]
            elif op == "ocr" and (
                hits := [(j, x, y) for x, y in OCR for j in range(1, len(s)) if s.startswith(x, j)]
            ):
                j, x, y = rng.choice(hits)
                t = s[:j] + y + s[j + len(x) :]
            if t != s:
                s = t
                ops.append(op)
                break
    return s, "+".join(ops)


# ------------------------------------------------------------------ similar family names
SUBST = {"l": "rn", "r": "ln", "m": "nb", "n": "mr", "b": "mf", "f": "b", "s": "c", "c": "s"}
TR_SUBST = {"l": "rn", "r": "ln", "m": "n", "n": "mr", "y": "r", "k": "t", "t": "k"}


def _mutate(rng: random.Random, e: Entry, origin: str) -> tuple[Entry, str] | None:
    """Change one real consonant of the family stem (l/r, m/n, b/m/f, s/sh; never k/q or h/kh)."""
    if origin == "tr":
        idx = [i for i in range(1, len(e.tr)) if e.tr[i] in TR_SUBST]
        if not idx:
            return None
        i = rng.choice(idx)
        r = rng.choice(TR_SUBST[e.tr[i]])
        return replace(e, tr=e.tr[:i] + r + e.tr[i + 1 :]), f"{e.tr[i]}>{r}"
    stem = (e.cc or e.cl).split()[-1].removeprefix("al-")
    starts = [i for i in range(1, len(stem)) if stem[i] in SUBST and stem[i] != stem[i - 1]]
    if not starts:
        return None
    i = rng.choice(starts)
    ch, r = stem[i], rng.choice(SUBST[stem[i]])
    k = sum(1 for j in starts if j < i and stem[j] == ch)

    def fix(s: str) -> str | None:
        head, _, last = s.rpartition(" ")
        art = "al-" if last.startswith("al-") else ""
        st = last.removeprefix("al-")
        runs = [m for m in re.finditer(re.escape(ch) + "+", st) if m.start() > 0]
        if len(runs) <= k:
            return None
        m = runs[k]
        out = art + st[: m.start()] + r * len(m.group()) + st[m.end() :]
        return f"{head} {out}" if head else out

    cl = fix(e.cl) if e.cl else ""
    cc = fix(e.cc) if e.cc else ""
    mg = tuple(fix(m) for m in e.mg)
    if cl is None or cc is None or None in mg:
        return None
    return Entry(cl, mg, e.tr, cc), f"{ch}>{r}"  # type: ignore[arg-type]


# ------------------------------------------------------------------ categories


def _neg_clerks(rng: random.Random, origin: str) -> tuple[Clerk, Clerk]:
    r, c1 = rng.random(), _ck(rng, origin)
    if r < 0.45:
        return c1, c1
    if r < 0.85 or origin == "tr":
        return c1, _ck(rng, origin, not_cv=c1.cv)
    return (c1, _ck(rng, origin, "script")) if rng.random() < 0.5 else (_ck(rng, origin, "script"), c1)


def _conventions(rng: random.Random) -> Pair | None:
    p = _person(rng)
    c1 = _ck(rng, p.origin)
    c2 = _ck(rng, p.origin, not_cv=c1.cv)
    d = p.g2 is not None and rng.random() < 0.3
    return Pair(
        "conventions", _render(p, c1), _render(p, c2, drop2=d), 1, f"{c1.name}/{c2.name}" + "+drop2" * d
    )


def _scripts(rng: random.Random) -> Pair | None:
    p = _person(rng, rng.choices(("mg", "ms", "cc"), weights=(40, 35, 25))[0])
    cs, cl = _ck(rng, p.origin, "script"), _ck(rng, p.origin)
    a, b = _render(p, cs), _render(p, cl, drop2=p.g2 is not None and rng.random() < 0.2)
    return (
        Pair("scripts", a, b, 1, f"{cs.name}/{cl.name}")
        if rng.random() < 0.5
        else Pair("scripts", b, a, 1, f"{cl.name}/{cs.name}")
    )


def _typos(rng: random.Random) -> Pair | None:
    p = _person(rng)
    c1 = _ck(rng, p.origin)
    c2 = c1 if rng.random() < 0.5 else _ck(rng, p.origin, not_cv=c1.cv)
    b, ops = _typo(rng, _render(p, c2), c2.opt("kb", "qwerty"))
    return Pair("typos", _render(p, c1), b, 1, f"{c1.name}/{c2.name}:{ops}")


def _reordered(rng: random.Random) -> Pair | None:
    p = _person(rng)
    c1 = _ck(rng, p.origin, "lr")
    c2 = c1 if rng.random() < 0.4 else _ck(rng, p.origin, "lr", not_cv=c1.cv)
    la = "std" if rng.random() < 0.7 else rng.choice(LAYOUTS)
    lb = rng.choice([x for x in LAYOUTS if x != la])
    return Pair("reordered", _render(p, c1, la), _render(p, c2, lb), 1, f"{c1.name}:{la}/{c2.name}:{lb}")


def _alias_pair(rng: random.Random) -> Pair | None:
    f = _fighter(rng)
    c1 = rng.choice(CLERKS)
    c2 = rng.choice([c for c in CLERKS if c.cv != c1.cv])
    short = rng.random() < 0.2
    b = _alias(f, c2, nisba=not short)
    b = _upper(b, c2) if rng.random() < 0.15 else b
    return Pair("alias", _alias(f, c1), b, 1, f"{c1.name}/{c2.name}" + "+kunya-only" * short)


def _siblings(rng: random.Random) -> Pair | None:
    p = _person(rng)
    f2 = p.female if p.origin == "tr" or rng.random() < 0.7 else not p.female
    q = replace(p, female=f2, g1=_pick(rng, GPOOL[p.origin, f2], (p.g1, p.g2)), v1=rng.randrange(6))
    if p.origin == "tr":
        q = replace(q, g2=None)
    c1, c2 = _neg_clerks(rng, p.origin)
    return Pair("siblings", _render(p, c1), _render(q, c2), 0, f"{c1.name}/{c2.name}")


def _prefix(e: Entry) -> str:
    t = (e.cl or e.tr or e.cc).split()[0]
    return t if t in CONN else "al" if t.startswith("al-") else ""


def _namesakes(rng: random.Random) -> Pair | None:
    r = rng.random()
    if r < 0.25:
        f = _fighter(rng)
        g = replace(f, nisba=_pick(rng, NISBA, (f.nisba,)))
        c1 = rng.choice(CLERKS)
        c2 = c1 if rng.random() < 0.5 else rng.choice(CLERKS)
        return Pair("namesakes", _alias(f, c1), _alias(g, c2), 0, f"{c1.name}/{c2.name}:nisba")
    if r < 0.6:
        p = _person(rng, rng.choice(("mg", "ms", "ms", "tr")), g2=True)
        pool = GPOOL[p.origin, p.origin == "tr" and p.female]
        q, how = replace(p, g2=_pick(rng, pool, (p.g1, p.g2)), v2=rng.randrange(6)), "father"
    else:
        p = _person(rng)
        fams = [e for e in FAMS[p.origin] if e != p.fam]
        same = [e for e in fams if _prefix(e) == _prefix(p.fam)]
        q, how = replace(p, fam=_pick(rng, same if same and rng.random() < 0.6 else fams)), "region"
    c1, c2 = _neg_clerks(rng, p.origin)
    return Pair("namesakes", _render(p, c1), _render(q, c2), 0, f"{c1.name}/{c2.name}:{how}")


def _similar(rng: random.Random) -> Pair | None:
    p = _person(rng)
    m = _mutate(rng, p.fam, p.origin)
    if m is None:
        return None
    q, note = replace(p, fam=m[0]), m[1]
    if p.origin == "mg" and len(p.g1.mg) > 1 and rng.random() < 0.3:
        q, note = replace(q, v1=p.v1 + 1), note + "+given-variant"
    c1, c2 = _neg_clerks(rng, p.origin)
    return Pair("similar_family", _render(p, c1), _render(q, c2), 0, f"{c1.name}/{c2.name}:{note}")


GEN = {
    c: f
    for c, f in zip(
        CATEGORIES,
        (_conventions, _scripts, _typos, _reordered, _alias_pair, _siblings, _namesakes, _similar),
        strict=True,
    )
}


def generate(total: int = 8000, seed: int = 4) -> list[Pair]:
    """total pairs split evenly over CATEGORIES; deterministic: one random.Random(f"fourth-{seed}-{category}") per category, never the global RNG."""  # noqa: E501
    per, extra = divmod(total, len(CATEGORIES))
    out: list[Pair] = []
    for k, cat in enumerate(CATEGORIES):
        rng = random.Random(f"fourth-{seed}-{cat}")
        got, n = 0, per + (k < extra)
        while got < n:
            pair = GEN[cat](rng)
            if pair is None or pair.a == pair.b or (pair.label == 0 and _norm(pair.a) == _norm(pair.b)):
                continue
            out.append(pair)
            got += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    pairs = generate(args.pairs, args.seed)
    counts = Counter(p.category for p in pairs)
    for cat in CATEGORIES:
        print(f"{cat:15s} {counts[cat]:6d}")
    for cat in CATEGORIES:
        print(f"\n== {cat}")
        for p in [p for p in pairs if p.category == cat][: args.show]:
            print(f"  {p.label}  {p.a}  |  {p.b}   [{p.how}]")


if __name__ == "__main__":
    main()
