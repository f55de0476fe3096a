"""One parsed name made ready for comparison (``NameVector``): the strings rapidfuzz compares,
the integer codes numpy compares (each key and skeleton interned once, see ``_code``) and the
parts' rarities. A server keeps hundreds of thousands of these, so recurring parts are shared."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from itertools import islice
from operator import attrgetter
from sys import intern

from crossroads.names.frequencies import NameFrequencies
from crossroads.names.parse import ParsedName, Role, Token, has_article, named_key
from crossroads.names.scripts import has_arabic

#: A family name whose consonant skeleton is this short or shorter (Kaya and Ak are both K, Issa
#: and Aissa both S) says little by its skeleton alone.
SHORT_SKELETON = 1


#: Every key and skeleton the engine has met, as a small integer, so that batches compare integers.
#: It grows with the vocabulary of name parts (tens of thousands), not with the number of names.
_INTERNED: dict[str, int] = {}


def _code(value: str) -> int:
    """The integer standing for ``value``; -1 for the empty string, which agrees with nothing."""
    return _INTERNED.setdefault(value, len(_INTERNED)) if value else -1


#: Tuples of codes and rarities many names share (a common given name's skeletons and rarity): one
#: object each, up to this many of each kind (a tuple or float of its own is 24 to 64 bytes).
SHARED = 500_000
_SHARED_CODES: dict[tuple[int, ...], tuple[int, ...]] = {}
_SHARED_FLOATS: dict[float, float] = {}


#: The codes of the skeleton sets of name parts (``TokenKey.skeletons``, one object per part): a
#: common given name's are met in thousands of names; up to ``SHARED`` sets.
_PART_CODES: dict[frozenset[str], tuple[int, ...]] = {}


def _codes(values: Iterable[str]) -> tuple[int, ...]:
    interned = _INTERNED  # ``_code`` written in: a call per value was a tenth of making a vector
    return _shared(tuple(sorted({interned.setdefault(v, len(interned)) for v in values if v})))


def coded() -> int:
    """How many keys and skeletons have a code so far (``_code``). A forked child numbers the ones it
    meets first from here on, as its parent does meanwhile: ``Recoding`` reconciles the two."""
    return len(_INTERNED)


@dataclass(frozen=True)
class Recoding:
    """The keys and skeletons a forked child coded first, in the order of its codes from ``base``
    (``coded()`` when it was forked): vectors the child made carry these codes, which its parent
    may have given to other values meanwhile. Vectors travel as rows of their fields (``vector_row``)
    and are made again here (``vectors``): pickled and unpickled whole, a vector took 9.6 µs, three
    times what making it from its row takes."""

    base: int
    values: list[str]

    @classmethod
    def since(cls, base: int) -> Recoding:
        return cls(base, list(islice(_INTERNED, base, None)))

    def vectors(self, rows: Iterable[tuple[object, ...] | None]) -> list[NameVector | None]:
        """The vectors of ``rows`` made in the child, with this process's codes."""
        base, interned = self.base, _INTERNED
        ours = [interned.setdefault(value, len(interned)) for value in self.values]
        recoded: dict[tuple[int, ...], tuple[int, ...]] = {}

        def one(code: int) -> int:
            return code if code < base else ours[code - base]

        def many(codes: tuple[int, ...]) -> tuple[int, ...]:
            found = recoded.get(codes)
            if found is None:
                made = tuple(sorted(one(c) for c in codes)) if codes and codes[-1] >= base else codes
                found = recoded[codes] = _shared(made)
            return found

        out: list[NameVector | None] = []
        for row in rows:
            if row is None:
                out.append(None)
                continue
            values = list(row)
            for at in _CODE_AT:
                values[at] = one(values[at])  # type: ignore[arg-type]
            for at in _CODES_AT:
                values[at] = many(values[at])  # type: ignore[arg-type]
            out.append(NameVector(*values))  # type: ignore[arg-type]
        return out


def _shared(made: tuple[int, ...]) -> tuple[int, ...]:
    return _SHARED_CODES.setdefault(made, made) if len(_SHARED_CODES) < SHARED else made


def _part_codes(skeletons: frozenset[str]) -> tuple[int, ...]:
    """``_codes`` of one part's skeletons, looked up once per set."""
    found = _PART_CODES.get(skeletons)
    if found is None:
        found = _codes(skeletons)
        if len(_PART_CODES) < SHARED:
            _PART_CODES[skeletons] = found
    return found


def _float(value: float) -> float:
    return _SHARED_FLOATS.setdefault(value, value) if len(_SHARED_FLOATS) < SHARED else value


@dataclass(frozen=True, slots=True)
class NameVector:
    """What the features compare of one parsed name: strings for rapidfuzz, integer codes for the
    exact agreements (keys and skeletons, see ``_code``), and the parts' rarities."""

    family: str
    family_code: int
    family_skeleton: str
    family_skeleton_codes: tuple[int, ...]
    given: str
    given_y: str  # ``given`` with a plain j read as y (``TokenKey.phonetic_y``)
    given_code: int
    given_skeleton_codes: tuple[int, ...]
    second: str  # the second given name's key ("" if none)
    second_code: int
    #: The second given name's consonant skeletons (``TokenKey.skeletons``): Ibrahim and Ebrahim,
    #: Zahra and Zohra, are one name in two renderings, not two names.
    second_skeleton_codes: tuple[int, ...]
    initial_code: int
    bag: str
    bag_codes: tuple[int, ...]
    skeleton_codes: tuple[int, ...]
    folded: str
    written: str  # every letter as written, in the written order, without spaces
    family_folded: str
    family_written: str  # the family name with the article or particles written before it
    given_folded: str
    family_rarity: float
    given_rarity: float
    given_seen: float  # 1 if the first given name is a name people bear (``NameFrequencies.seen``)
    unvoweled: float  # 1 for a name read from Arabic script: its short vowels were never written
    articled: bool  # the name writes an article apart (``parse.has_article``)
    #: For a name led by a kunya, the key of the name it is made of ("Abou Talha": TALHA) and its
    #: code and skeletons (``parse.named_key``); "", -1 and none otherwise.
    kunya_named: str
    kunya_named_code: int
    kunya_named_skeleton_codes: tuple[int, ...]


_FIELDS = tuple(f.name for f in fields(NameVector))
#: The positions of ``NameVector``'s fields that hold one code, and of those that hold a tuple of codes.
_CODE_AT = tuple(
    _FIELDS.index(name)
    for name in ("family_code", "given_code", "second_code", "initial_code", "kunya_named_code")
)
_CODES_AT = tuple(
    _FIELDS.index(name)
    for name in (
        "family_skeleton_codes", "given_skeleton_codes", "second_skeleton_codes", "bag_codes",
        "skeleton_codes", "kunya_named_skeleton_codes",
    )
)  # fmt: skip
#: A vector's fields as a tuple (``Recoding``), in the order ``NameVector`` takes them.
vector_row = attrgetter(*_FIELDS)


def written_letters(parsed: ParsedName) -> str:
    """Every letter of a name as written, in the written order, without spaces (``NameVector.written``)."""
    return "".join(t.key.folded for t in parsed.tokens)


def _identity(parsed: ParsedName) -> list[Token]:
    """The parts that name the person (no particles), each with a key."""
    return [t for t in parsed.identity_tokens if t.key.phonetic]


def part_skeletons(parsed: ParsedName) -> frozenset[str]:
    """The consonant skeletons of the name's parts (``NameVector.skeleton_codes``, as strings)."""
    return frozenset(t.key.skeleton for t in _identity(parsed) if t.key.skeleton)


def vector(parsed: ParsedName, frequencies: NameFrequencies) -> NameVector:
    # A nom de guerre has no family name; its nisba ("al-Beljiki") plays that part.
    family_tokens = parsed.of(Role.FAMILY) or parsed.of(Role.NISBA)
    given_tokens = parsed.of(Role.GIVEN, Role.KUNYA)
    initials = parsed.of(Role.INITIAL)
    identity = _identity(parsed)
    family_key = "".join(t.key.phonetic for t in family_tokens)
    if len(family_tokens) == 1:
        family_codes = _part_codes(family_tokens[0].key.skeletons)
    else:
        family_codes = _codes(["".join(t.key.skeleton for t in family_tokens)] if family_tokens else [])
    given_key = given_tokens[0].key.phonetic if given_tokens else ""
    second_key = given_tokens[1].key.phonetic if len(given_tokens) > 1 else ""
    second_skeletons = given_tokens[1].key.skeletons if len(given_tokens) > 1 else frozenset()
    first = given_tokens[0] if given_tokens else initials[0] if initials else None
    named = named_key(given_tokens[0]) if given_tokens and given_tokens[0].role is Role.KUNYA else None
    # The parts' keys and skeletons recur across names (a common given name's in thousands): one
    # string each, as a server keeps the vectors of hundreds of thousands of names.
    return NameVector(
        family=intern(family_key),
        family_code=_code(family_key),
        family_skeleton=intern("".join(t.key.skeleton for t in family_tokens)),
        family_skeleton_codes=family_codes,
        given=intern(given_key),
        given_y=intern(given_tokens[0].key.phonetic_y if given_tokens else ""),
        given_code=_code(given_key),
        given_skeleton_codes=_part_codes(given_tokens[0].key.skeletons) if given_tokens else (),
        second=intern(second_key),
        second_code=_code(second_key),
        # Not a one-consonant skeleton: Ali and Alaa are both L.
        second_skeleton_codes=_codes(s for s in second_skeletons if len(s) > SHORT_SKELETON),
        initial_code=_code(first.key.folded[:1] if first is not None else ""),
        bag=" ".join(sorted(t.key.phonetic for t in identity)),
        bag_codes=_codes(t.key.phonetic for t in identity),
        skeleton_codes=_codes(part_skeletons(parsed)),
        folded=" ".join(sorted(t.key.folded for t in identity)),
        written=written_letters(parsed),
        family_folded=intern("".join(t.key.folded for t in family_tokens)),
        family_written=_with_particles(parsed, family_tokens),
        given_folded=intern(given_tokens[0].key.folded if given_tokens else ""),
        family_rarity=_float(frequencies.rarity(family_key)),
        given_rarity=_float(frequencies.rarity(given_key)),
        given_seen=1.0 if given_key and frequencies.seen(given_key) else 0.0,
        unvoweled=1.0 if has_arabic(parsed.original) else 0.0,
        articled=has_article(parsed),
        kunya_named=intern(named.phonetic if named else ""),
        kunya_named_code=_code(named.phonetic if named else ""),
        kunya_named_skeleton_codes=_part_codes(named.skeletons) if named else (),
    )


def _with_particles(parsed: ParsedName, family: list[Token]) -> str:
    """The family name's letters with the particles written just before it ("El Amrani" ->
    "elamrani"): a slip can move letters across that boundary ("aLhlou" for Lahlou reads as
    al-Hlou), and then only the two written out whole are one slip apart."""
    if not family:
        return ""
    at = parsed.tokens.index(family[0])
    start = at
    while start > 0 and parsed.tokens[start - 1].role is Role.PARTICLE:
        start -= 1
    return "".join(t.key.folded for t in parsed.tokens[start:at]) + "".join(t.key.folded for t in family)
