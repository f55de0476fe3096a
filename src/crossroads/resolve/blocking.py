"""Which pairs of records are compared at all: those sharing a blocking key (keys pure, join on DuckDB).

Comparing every pair is quadratic; blocking keeps the pairs that share at least one key, each key
standing for a way the same person's records can look alike although written differently:
- ``n``: family and given name by the name engine's convention-neutral keys, in either order
  (Hamdaoui / Hamdawi, Youssef / Yusuf; "Amrani Youssef" / "Youssef Amrani");
- ``ns``: the same by consonant skeletons under every reading of ambiguous letters (vowels are
  where renderings differ most: Zakaria / Zakariya, Souad / Suad);
- ``fy``: the family name's consonant skeleton (under every reading of ambiguous letters), the
  birth year and the given name's first letter: the given name may be spelled past recognition
  (a typo, another convention) but rarely starts with another letter;
- ``gf``: the other way round, the given name's skeleton, the birth year and the family name's
  first and last letters: the family name changed past its skeleton (Bufakhi / Boufaki, Ben Tqieb
  / Bentaieb, Ziri / Zii) where one record gives only the year, so that no full-date key (``gd``)
  is shared;
- ``gd`` / ``fd``: given or family skeleton and the full birth date: the other part changed;
- ``di``: the first letter of the given name and the full birth date: both parts written so
  differently that no skeleton agrees (ELMIMOUNI Abdeljalil / EL MIMOENI Abdeldjalil);
- ``gy``: for a name with no family part (a kunya without nisba, "Abou Daoud"), its skeleton with
  the birth year;
- ``ny`` / ``np``: the ``n`` key with a birth year, or with a postcode, kept only for names whose
  ``n`` key is too crowded to use (``KeyTable.refined_only_where_crowded``): with the year or the
  place the same name is selective again (on 1,006,689 demo records, 35,535 true pairs shared
  only keys too common to use);
- ``nrn``, ``pp``, ``ph``: the same national register number, passport or phone.
A name with no cue to its order also gets its order-free keys (``n``, ``ns``, ``ny``) as read the
other way round (``other_order_keys``): a glued article or a compound is read differently as a
family name and as a given name.
A pair that only keys of names alone (``n``, ``ns``, and ``np``, which says nothing of the birth
date either) brought together and whose birth dates differ
beyond any slip is not compared (``contradicted``): the model would not link it on a name alone.
Arabic script, aliases and noms de guerre (kunya and nisba) get keys the same way. A key shared by
more records than ``max_block`` (a very common name in one birth year) is not used: its pairs
would cost more than they find; how many were dropped is reported.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import duckdb
import numpy as np

from crossroads.names.parse import ParsedName, Role, compound_article_dropped, other_reading, parse
from crossroads.names.scripts import unmarked
from crossroads.resolve import forked
from crossroads.resolve.comparisons import BIRTH_DATES_DIFFER, YEARS_APART
from crossroads.resolve.profile import Profile

MAX_BLOCK = 200
#: Keys of names alone (no date, no identifier) make large blocks of common names whose pairs are
#: mostly namesakes: on 251,344 demo records, pairs found only by them were 2.7M with 9,000 true
#: ones. They get a lower limit; a name shared with a date or an identifier has its own key.
NAME_ONLY_BLOCK = 50
NAME_ONLY_KINDS = frozenset({"n", "ns", "fy"})


#: Keys that find little per pair once blocks fill: skeleton name keys (``ns``) hold every reading
#: of ambiguous letters, so a record has many of them; a full birth date with only an initial
#: (``di``) or a lone name's skeleton with a year (``gy``) are shared by many once many records are
#: born on the same day (on 1,006,689 demo records, pairs found by ``di`` or ``gy`` alone were
#: 2.9M, 1,597 of them true). A given name with a year and two letters (``gf``) is one of these: on
#: 252,185 demo records its blocks up to 200 added 704,000 pairs, up to 20 270,000, for the same F1
#: (0.9704 either way).
THIN_KEY_BLOCK = 20
THIN_KINDS = frozenset({"ns", "di", "gy", "gf"})


def block_limit(kind: str, max_block: int = MAX_BLOCK) -> int:
    if kind in THIN_KINDS:
        return min(max_block, THIN_KEY_BLOCK)
    return min(max_block, NAME_ONLY_BLOCK) if kind in NAME_ONLY_KINDS else max_block


#: The kinds of blocking key, by their prefix (see the module docstring).
KINDS = ("n", "ns", "fy", "fd", "gd", "di", "gy", "nrn", "pp", "ph", "np", "ny", "gf")
#: Keys that say nothing of the birth date.
DATELESS_KINDS = ("n", "ns", "np")
_DATELESS = sum(1 << KINDS.index(kind) for kind in DATELESS_KINDS)


_POSITION = {kind: k for k, kind in enumerate(KINDS)}


def kind_bits(keys: Iterable[str]) -> int:
    """The bits (``Candidates.kinds``) of the kinds of these keys, for one pair."""
    return sum({1 << _POSITION[kind] for key in keys if (kind := key.partition(":")[0]) in _POSITION})


def contradicted(kinds: np.ndarray, birth_levels: np.ndarray) -> np.ndarray:
    """Pairs brought together by keys of names alone (``kinds``, a bit per ``KINDS``) whose birth
    dates differ beyond any slip, or by a year where one is written to the year or month only:
    namesakes, mostly (on 100,954 demo records, 337,257 of 610,559 candidate pairs). The linker
    compares their names only where the best names could lift them above a clear non-match
    (``name_sparing``)."""
    apart = (birth_levels == BIRTH_DATES_DIFFER) | (birth_levels == YEARS_APART)
    return np.asarray(((kinds & ~_DATELESS) == 0) & apart, dtype=bool)


class NameKeys(NamedTuple):
    """What the blocking keys are made of, for one name."""

    keys: set[str]  # order-free name keys
    families: set[str]  # family skeletons
    givens: set[str]  # given skeletons
    initial: str  # the given name's first letter
    family_ends: str  # the family name's first and last letters


def name_keys(name: str) -> NameKeys:
    """For one name: the parts its blocking keys are made of (``NameKeys``)."""
    return parsed_keys(parse(name))


def parsed_keys(parsed: ParsedName) -> NameKeys:
    """``name_keys`` of a name as parsed (or as read otherwise: ``parse.other_reading``)."""
    family = parsed.of(Role.FAMILY) or parsed.of(Role.NISBA)
    given = parsed.of(Role.GIVEN, Role.KUNYA)
    fam_key = "".join(t.key.phonetic for t in family)
    giv_key = given[0].key.phonetic if given else ""
    keys = {"|".join(sorted((fam_key, giv_key)))} if fam_key and giv_key else set()
    if len(family) == 1:
        fam_skeletons = set(family[0].key.skeletons)
    else:
        fam_skeletons = {"".join(t.key.skeleton for t in family)} if family else set()
    giv_skeletons = set(given[0].key.skeletons) if given else set()
    initial = given[0].key.folded[:1] if given else ""
    ends = family[0].key.folded[:1] + family[-1].key.folded[-1:] if family else ""
    return NameKeys(keys, {s for s in fam_skeletons if s}, {s for s in giv_skeletons if s}, initial, ends)


def keyed_by_year(name: str, families: set[str]) -> bool:
    """Whether a name is keyed by its given part (or kunya) and birth year (``gy:``): a nom de
    guerre without nisba ("Abou Daoud") or a lone given name, which have no family to key; and a
    nom de guerre with its nisba, so that one written without it (Abou Hassan / Abu Hassan
    al-Beljiki) still meets it. ``families``: the name's family skeletons (``name_keys``)."""
    return not families or any(t.role is Role.KUNYA for t in parse(name).tokens)


def keyed_spellings(name: str) -> tuple[str, ...]:
    """The spellings of a name that are keyed: itself and, for a name with Turkish ş, ç or ğ, the
    name typed without them (Çakır as Cakir): with the letters spelt out (ch), the two share no
    skeleton; and, for a name with an article after a connector, the name without it (آيت الطالب
    as Ait Taleb: TLTLB and TLB are other skeletons)."""
    return (name, *(s for s in (unmarked(name), compound_article_dropped(name)) if s is not None))


def record_keys(p: Profile) -> set[str]:
    keys: set[str] = {f"nrn:{v}" for v in p.nrns}
    keys |= {f"pp:{v}" for v in p.passports}
    keys |= {f"ph:{v}" for v in p.phones}
    years = {d[:4] for d in p.births}
    full = {d for d in p.births if len(d) == 10}
    for name in (spelling for written in p.all_names for spelling in keyed_spellings(written)):
        names, families, givens, initial, ends = name_keys(name)
        if keyed_by_year(name, families):
            keys |= {f"gy:{s}|{y}" for s in givens for y in years}
        keys |= {f"n:{k}" for k in names}
        keys |= {f"ny:{k}|{y}" for k in names for y in years}
        keys |= {f"np:{k}|{c}" for k in names for c in p.postcodes}
        keys |= {f"ns:{'|'.join(sorted((f, g)))}" for f in families for g in givens}
        keys |= {f"fy:{s}|{y}|{initial}" for s in families for y in years}
        keys |= {f"gf:{s}|{y}|{ends}" for s in givens for y in years} if ends else set()
        keys |= {f"fd:{s}|{d}" for s in families for d in full}
        keys |= {f"gd:{s}|{d}" for s in givens for d in full}
        keys |= {f"di:{initial}|{d}" for d in full} if initial else set()
    return keys | other_order_keys(p)


def other_order_keys(p: Profile) -> set[str]:
    """For a name with no cue to its order: its order-free keys (``n``, ``ns``, ``ny``) read the
    other way round (``parse.other_reading``); most are the keys it has as read. A glued article is
    split off a family name only: "Elamrani Bilal", read as given name first, was keyed ALAMRANI
    and did not meet "Elamrani, Bilal" (AMRANI); "Bennani Fatma-Zahra", so read, made the compound
    its family name and missed "Bennani, Fatma-Zahra". The name comparison reads such names both
    ways already; without these keys the two never met. At 1,007,819 demo records they add 0.6 %
    candidate pairs (F1 0.9651 -> 0.9653); at 100k they change nothing. A search's query is keyed
    the same way: "Elamrani Bilal" finds "Elamrani, Bilal" only through them."""
    years = {d[:4] for d in p.births}
    out: set[str] = set()
    for name in p.all_names:
        # Whatever its length: a longer name read the other way may key two of its given names
        # ("Fatimah Zahra Boulahsouchi" as FATIMA|SAHRA), but at a million records, 300 searches'
        # holder recall was 0.993 by name and birth date, 0.822 by name alone, with every such
        # name read both ways, and 0.986 and 0.816 with names of two words only.
        other = _other_reading_keys(name)
        if other is None:
            continue
        out |= {f"n:{k}" for k in other.keys} | {f"ny:{k}|{y}" for k in other.keys for y in years}
        out |= {f"ns:{'|'.join(sorted((f, g)))}" for f in other.families for g in other.givens}
    return out


def _other_reading_keys(name: str) -> NameKeys | None:
    """``name_keys`` of a name read the other way round; None when it has no other reading."""
    other = other_reading(parse(name))
    return None if other is None else parsed_keys(other)


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs as record numbers (``ia < ib``), the kinds of key that brought each pair
    together, and how many keys were too common to use."""

    ia: np.ndarray
    ib: np.ndarray
    dropped_keys: int
    kinds: np.ndarray  # per pair, a bit per kind of key shared (``KINDS``)


def name_only_keys(p: Profile) -> set[str]:
    """Family and given name keys only: the training pairs for the other evidence's weights."""
    out: set[str] = set()
    for name in p.all_names:
        out |= _name_only(name)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _name_only(name: str) -> frozenset[str]:
    # A search weighs the name rarity of hundreds of candidates, the same common names again and
    # again: a name's keys cost 7 µs to make (1 ms a search at a million records), a lookup 0.1 µs.
    # The name's "n:" keys exactly as ``record_keys`` makes them (``keyed_spellings``, and the
    # other reading's, ``other_order_keys``): the batch's rarities count those rows, so an
    # explanation or a real-time score that left the bare reading out weighed KOÇ Muhammet /
    # Muhammet KOC as sharing no key.
    other = _other_reading_keys(name)
    keys = {k for spelling in keyed_spellings(name) for k in name_keys(spelling).keys}
    return frozenset(f"n:{k}" for k in keys | (other.keys if other is not None else set()))


def birth_date_keys(p: Profile) -> set[str]:
    """Full birth dates only: the training pairs for the name's weights (``linker``)."""
    return {d for d in p.births if len(d) == 10}


@dataclass(frozen=True)
class KeyTable:
    """Every record's keys, one row per (record number, key), records in order: built once per
    run, since making keys (parsing every name) costs more than joining on them."""

    rec: np.ndarray  # int64
    key: np.ndarray  # str objects
    kind: np.ndarray  # the key's position in ``KINDS``, -1 for a key without kind (a bare date)

    @classmethod
    def of(
        cls,
        profiles: Sequence[Profile],
        keys_of: Callable[[Profile], set[str]] = record_keys,
        processes: int = 1,
    ) -> KeyTable:
        """The keys of every profile; with ``processes`` 2, the second half's made in a forked child
        (``forked.in_two``): making keys is a tenth of a large run."""

        def rows(start: int, stop: int) -> tuple[np.ndarray, list[str], np.ndarray]:
            recs: list[int] = []
            keys: list[str] = []
            for i in range(start, stop):
                mine = sorted(keys_of(profiles[i]))
                recs.extend([i] * len(mine))
                keys.extend(mine)
            kinds = np.fromiter(
                (_POSITION.get(key.partition(":")[0], -1) for key in keys), dtype=np.int64, count=len(keys)
            )
            return np.asarray(recs, dtype=np.int64), keys, kinds

        def join(
            a: tuple[np.ndarray, list[str], np.ndarray], b: tuple[np.ndarray, list[str], np.ndarray]
        ) -> tuple[np.ndarray, list[str], np.ndarray]:
            return np.concatenate([a[0], b[0]]), a[1] + b[1], np.concatenate([a[2], b[2]])

        recs, keys, kinds = forked.in_two(rows, len(profiles), join, processes, least=forked.LEAST // 8)
        table = cls(recs, np.asarray(keys, dtype=object), kinds)
        return table.refined_only_where_crowded()

    def refined_only_where_crowded(self) -> KeyTable:
        """The rows without the ``ny`` / ``np`` keys of names whose ``n`` key is within its limit
        (a table without such keys comes back as it is). Those records find each other by the
        ``n`` key already, so the refined keys would find no other pair and only add rows to join
        (15 % more at 251,344 demo records). A record arriving later (real time) looks up all its
        refined keys: only those of crowded names are stored."""
        refined = np.flatnonzero(np.isin(self.kind, [_POSITION["ny"], _POSITION["np"]]))
        if not len(refined):
            return self
        held = Counter(self.key[self.kind == _POSITION["n"]].tolist())
        limit = block_limit("n")
        crowded = np.fromiter(
            (held.get("n:" + key[3:].rpartition("|")[0], 0) > limit for key in self.key[refined].tolist()),
            dtype=bool,
            count=len(refined),
        )
        keep = np.ones(len(self.key), dtype=bool)
        keep[refined[~crowded]] = False
        return KeyTable(self.rec[keep], self.key[keep], self.kind[keep])

    def only(self, kind: str) -> KeyTable:
        """The rows of one kind of key."""
        rows = self.kind == KINDS.index(kind)
        return KeyTable(self.rec[rows], self.key[rows], self.kind[rows])

    def bits(self) -> np.ndarray:
        """Per row, its kind's bit (``Candidates.kinds``)."""
        return np.where(self.kind >= 0, np.left_shift(1, np.maximum(self.kind, 0)), 0).astype(np.int64)

    def limits(self, max_block: int = MAX_BLOCK) -> np.ndarray:
        """Per row, the largest block its key may make (``block_limit``)."""
        by_kind = np.array([block_limit(kind, max_block) for kind in KINDS] + [max_block], dtype=np.int64)
        return np.asarray(by_kind[self.kind])  # -1 picks the last: a key without kind


def candidate_pairs(table: KeyTable, max_block: int = MAX_BLOCK) -> Candidates:
    """Every pair of records sharing a key of ``table`` (``KeyTable.of``: by default the blocking
    keys above)."""
    con = duckdb.connect()
    try:
        con.register(
            "record_keys",
            {"rec": table.rec, "key": table.key, "kind": table.bits(), "lim": table.limits(max_block)},
        )
        con.execute(
            "CREATE TEMP TABLE sizes AS SELECT key, count(*) AS n, min(lim) AS lim FROM record_keys "
            "GROUP BY key HAVING n > 1"
        )
        dropped = con.execute("SELECT count(*) FROM sizes WHERE n > lim").fetchone()
        pairs = con.execute(
            """
            SELECT a.rec AS i, b.rec AS j, bit_or(a.kind) AS kinds
            FROM record_keys a
            JOIN sizes s ON s.key = a.key AND s.n <= s.lim
            JOIN record_keys b ON b.key = a.key AND a.rec < b.rec
            GROUP BY a.rec, b.rec
            ORDER BY a.rec, b.rec
            """
        ).fetchnumpy()
    finally:
        con.close()
    return Candidates(
        np.asarray(pairs["i"], dtype=np.int64),
        np.asarray(pairs["j"], dtype=np.int64),
        int(dropped[0]) if dropped else 0,
        np.asarray(pairs["kinds"], dtype=np.int64),
    )


def sample_pairs(
    table: KeyTable, count: int, seed: int = 0, max_block: int = MAX_BLOCK
) -> tuple[np.ndarray, np.ndarray]:
    """Up to ``count`` distinct pairs (``ia < ib``, sorted) drawn at random, each pair about equally
    likely, from the pairs sharing a key of ``table`` in a block of at most ``max_block`` records;
    every such pair when there are no more than ``count``.

    EM trains on a sample: listing every pair first would cost far more than the sample (on
    1,006,689 demo records, records born on the same day make tens of millions of pairs, of which
    the birth-date session uses 100,000). So a block is drawn with a chance proportional to its
    pairs, then a pair within it. A pair sharing two keys is twice as likely: rare, and harmless
    to the shares of level patterns EM needs.
    """
    empty = np.zeros(0, dtype=np.int64)
    if not len(table.rec) or count <= 0:
        return empty, empty
    _, code = np.unique(table.key, return_inverse=True)
    code = code.reshape(-1)
    order = np.argsort(code, kind="stable")
    sizes = np.bincount(code)
    starts = np.cumsum(sizes) - sizes
    blocks = np.flatnonzero((sizes >= 2) & (sizes <= max_block))
    pairs_in = sizes[blocks] * (sizes[blocks] - 1) // 2
    if pairs_in.sum() <= count:
        found = candidate_pairs(table, max_block)
        return found.ia, found.ib
    rng = np.random.default_rng(seed)
    draws = 2 * count  # with replacement: some repeat; the distinct ones are kept
    block = blocks[
        np.searchsorted(np.cumsum(pairs_in), rng.integers(0, pairs_in.sum(), size=draws), side="right")
    ]
    size = sizes[block]
    first = rng.integers(0, size)
    second = rng.integers(0, size - 1)
    second += second >= first
    a = table.rec[order[starts[block] + first]]
    b = table.rec[order[starts[block] + second]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    n = int(table.rec.max()) + 1
    keys = np.unique(lo[lo != hi] * n + hi[lo != hi])
    chosen = np.sort(rng.permutation(keys)[:count])
    return chosen // n, chosen % n
