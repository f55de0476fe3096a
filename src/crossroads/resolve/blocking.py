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
- ``gd`` / ``fd``: given or family skeleton and the full birth date: the other part changed;
- ``di``: the first letter of the given name and the full birth date: both parts written so
  differently that no skeleton agrees (ELMIMOUNI Abdeljalil / EL MIMOENI Abdeldjalil);
- ``gy``: for a name with no family part (a kunya without nisba, "Abou Daoud"), its skeleton with
  the birth year;
- ``nrn``, ``pp``, ``ph``: the same national register number, passport or phone.
Arabic script, aliases and noms de guerre (kunya and nisba) get keys the same way. A key shared by
more records than ``max_block`` (a very common name in one birth year) is not used: its pairs
would cost more than they find; how many were dropped is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb
import numpy as np

from crossroads.names.parse import Role, parse
from crossroads.resolve.profile import Profile

MAX_BLOCK = 200
#: Keys of names alone (no date, no identifier) make large blocks of common names whose pairs are
#: mostly namesakes: on 251,344 demo records, pairs found only by them were 2.7M with 9,000 true
#: ones. They get a lower limit; a name shared with a date or an identifier has its own key.
NAME_ONLY_BLOCK = 50
NAME_ONLY_KINDS = frozenset({"n", "ns", "fy"})


#: Skeleton name keys hold every reading of ambiguous letters, so a record has many of them.
SKELETON_BLOCK = 20


def block_limit(kind: str, max_block: int = MAX_BLOCK) -> int:
    if kind == "ns":
        return min(max_block, SKELETON_BLOCK)
    return min(max_block, NAME_ONLY_BLOCK) if kind in NAME_ONLY_KINDS else max_block


#: The kinds of blocking key, by their prefix (see the module docstring).
KINDS = ("n", "ns", "fy", "fd", "gd", "di", "gy", "nrn", "pp", "ph")


def name_keys(name: str) -> tuple[set[str], set[str], set[str], str]:
    """For one name: its order-free name keys, family skeletons, given skeletons, and the first
    letter of the given name."""
    parsed = parse(name)
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
    return keys, {s for s in fam_skeletons if s}, {s for s in giv_skeletons if s}, initial


def record_keys(p: Profile) -> set[str]:
    keys: set[str] = {f"nrn:{v}" for v in p.nrns}
    keys |= {f"pp:{v}" for v in p.passports}
    keys |= {f"ph:{v}" for v in p.phones}
    years = {d[:4] for d in p.births}
    full = {d for d in p.births if len(d) == 10}
    for name in p.all_names:
        names, families, givens, initial = name_keys(name)
        if not families:
            # A nom de guerre without nisba ("Abou Daoud") or a lone given name: its skeleton
            # with each birth year.
            keys |= {f"gy:{s}|{y}" for s in givens for y in years}
        keys |= {f"n:{k}" for k in names}
        keys |= {f"ns:{'|'.join(sorted((f, g)))}" for f in families for g in givens}
        keys |= {f"fy:{s}|{y}|{initial}" for s in families for y in years}
        keys |= {f"fd:{s}|{d}" for s in families for d in full}
        keys |= {f"gd:{s}|{d}" for s in givens for d in full}
        keys |= {f"di:{initial}|{d}" for d in full} if initial else set()
    return keys


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs as record numbers (``ia < ib``), the key that brought each pair together, and
    how many keys were too common to use."""

    ia: np.ndarray
    ib: np.ndarray
    key: list[str]
    dropped_keys: int
    kinds: np.ndarray  # per pair, a bit per kind of key shared (``KINDS``)

    def sharing(self, kind: str) -> np.ndarray:
        """The positions of the pairs that share a key of this kind."""
        return np.flatnonzero(self.kinds & (1 << KINDS.index(kind)))


def name_only_keys(p: Profile) -> set[str]:
    """Family and given name keys only: the training pairs for the other evidence's weights."""
    return {f"n:{k}" for name in p.all_names for k in name_keys(name)[0]}


def birth_date_keys(p: Profile) -> set[str]:
    """Full birth dates only: the training pairs for the name's weights (``linker``)."""
    return {d for d in p.births if len(d) == 10}


def candidate_pairs(
    profiles: Sequence[Profile],
    max_block: int = MAX_BLOCK,
    keys_of: Callable[[Profile], set[str]] = record_keys,
) -> Candidates:
    """Every pair of records sharing a key of ``keys_of`` (by default the blocking keys above)."""
    recs: list[int] = []
    keys: list[str] = []
    bits: list[int] = []
    limits: list[int] = []
    bit = {kind: 1 << k for k, kind in enumerate(KINDS)}
    for i, p in enumerate(profiles):
        for key in keys_of(p):
            kind = key.partition(":")[0]
            recs.append(i)
            keys.append(key)
            bits.append(bit.get(kind, 0))
            limits.append(block_limit(kind, max_block))
    con = duckdb.connect()
    try:
        con.register(
            "record_keys",
            {
                "rec": np.asarray(recs, dtype=np.int64),
                "key": np.asarray(keys, dtype=object),
                "kind": np.asarray(bits, dtype=np.int64),
                "lim": np.asarray(limits, dtype=np.int64),
            },
        )
        con.execute(
            "CREATE TEMP TABLE sizes AS SELECT key, count(*) AS n, min(lim) AS lim FROM record_keys "
            "GROUP BY key HAVING n > 1"
        )
        dropped = con.execute("SELECT count(*) FROM sizes WHERE n > lim").fetchone()
        pairs = con.execute(
            """
            SELECT a.rec AS i, b.rec AS j, min(a.key) AS key, bit_or(a.kind) AS kinds
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
        [str(k) for k in pairs["key"]],
        int(dropped[0]) if dropped else 0,
        np.asarray(pairs["kinds"], dtype=np.int64),
    )
