"""The audit trail's hash chain, as values: what an entry's hash covers, and how a chain is checked.

Each entry's hash is SHA-256 over its canonical content (sequence number, time, who, agency, unit,
purpose, action, detail) and the previous entry's hash; the first entry follows 64 zeros. Changing
any entry's content breaks its own hash; deleting, inserting or moving one breaks the numbering or
the link of the entry after it. What a chain alone cannot show is a rewrite of everything from some
entry on, hashes recomputed, or entries cut off the end: for those an *anchor*, the head (number and
hash) exported out of the store at some moment, must still be found in the chain.

Pure: no database, no clock, no files (``access.audit`` reads and writes the store).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from crossroads.phrase import Phrase

GENESIS = "0" * 64


@dataclass(frozen=True)
class Entry:
    """One audit entry exactly as stored; ``detail`` is already canonical JSON text."""

    seq: int
    at: str  # ISO 8601, UTC
    actor: str
    agency: str | None
    unit: str | None
    purpose: str | None
    action: str
    detail: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Anchor:
    """The chain's head at one moment, kept outside the store."""

    seq: int
    hash: str
    at: str


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int  # entries read
    first_bad: int | None  # the sequence number of the first entry found wrong
    reason: Phrase  # in plain words, for the oversight body


def canonical_detail(detail: Mapping[str, Any]) -> str:
    """Detail as text that hashes the same wherever it is made: sorted keys, no spaces, UTF-8."""
    return orjson.dumps(dict(detail), option=orjson.OPT_SORT_KEYS).decode()


def entry_hash(
    seq: int,
    at: str,
    actor: str,
    agency: str | None,
    unit: str | None,
    purpose: str | None,
    action: str,
    detail: str,
    prev_hash: str,
) -> str:
    content = orjson.dumps([seq, at, actor, agency, unit, purpose, action, detail, prev_hash])
    return hashlib.sha256(content).hexdigest()


def rehash(entry: Entry) -> str:
    """What ``entry``'s hash must be, given its content and the hash it links to."""
    return entry_hash(
        entry.seq, entry.at, entry.actor, entry.agency, entry.unit, entry.purpose, entry.action,
        entry.detail, entry.prev_hash,
    )  # fmt: skip


def verify(entries: Iterable[Entry], anchors: Iterable[Anchor] = ()) -> Verdict:
    """Check a chain read in sequence order, and that every anchor is still in it.

    The first fault found is named: a later entry may look wrong only because of an earlier one.
    """
    wanted = {a.seq: a for a in anchors}
    previous_hash, expected, checked = GENESIS, 1, 0
    for entry in entries:
        checked += 1
        if entry.seq != expected:
            gap = (
                Phrase("entry %(seq)s follows entry %(before)s: entries are missing "
                       "(deleted, inserted or moved)", seq=entry.seq, before=expected - 1)
                if entry.seq > expected
                else Phrase("entry %(seq)s follows entry %(before)s: entries are out of order "
                            "(deleted, inserted or moved)", seq=entry.seq, before=expected - 1)
            )  # fmt: skip
            return Verdict(False, checked, entry.seq, gap)
        if rehash(entry) != entry.hash:
            return Verdict(
                False, checked, entry.seq,
                Phrase("entry %(seq)s was altered: its content does not match its hash", seq=entry.seq),
            )  # fmt: skip
        if entry.prev_hash != previous_hash:
            return Verdict(
                False, checked, entry.seq,
                Phrase("entry %(seq)s does not link to entry %(before)s: an entry before it was changed, "
                       "deleted or inserted", seq=entry.seq, before=entry.seq - 1),
            )  # fmt: skip
        anchor = wanted.pop(entry.seq, None)
        if anchor is not None and anchor.hash != entry.hash:
            return Verdict(
                False, checked, entry.seq,
                Phrase("entry %(seq)s is not the entry anchored at %(at)s: the chain was rewritten from "
                       "there or before", seq=entry.seq, at=anchor.at),
            )  # fmt: skip
        previous_hash, expected = entry.hash, expected + 1
    if wanted:
        first = min(wanted)
        return Verdict(
            False, checked, first,
            Phrase("the chain ends at entry %(last)s but entry %(first)s was anchored at %(at)s: "
                   "entries were removed from the end", last=expected - 1, first=first, at=wanted[first].at),
        )  # fmt: skip
    if not checked:
        return Verdict(True, 0, None, Phrase("0 entries, intact"))
    return Verdict(True, checked, None, Phrase("%(n)s entries, intact and every anchor found", n=checked))
