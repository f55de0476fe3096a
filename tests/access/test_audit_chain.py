"""The hash chain as values: an intact chain verifies, and every kind of tampering is caught with the
first bad entry named (generated chains and tamperings, hypothesis)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.access.audit_chain import GENESIS, Anchor, Entry, canonical_detail, entry_hash, rehash, verify

ACTIONS = ("ingest", "explain", "export", "judgement")


def chain(rows: list[tuple[str, str, dict[str, int]]]) -> list[Entry]:
    """A valid chain of entries from (actor, action, detail) triples."""
    out: list[Entry] = []
    previous = GENESIS
    for seq, (actor, action, detail) in enumerate(rows, start=1):
        at = f"2026-12-01T10:00:{seq % 60:02d}.000000+00:00"
        text = canonical_detail(detail)
        digest = entry_hash(seq, at, actor, "federal police", None, "investigation", action, text, previous)
        out.append(
            Entry(seq, at, actor, "federal police", None, "investigation", action, text, previous, digest)
        )
        previous = digest
    return out


def rechained(entries: list[Entry], start: int) -> list[Entry]:
    """What an attacker with write access does after changing entry ``start``: recompute every hash."""
    out = entries[:start]
    previous = out[-1].hash if out else GENESIS
    for e in entries[start:]:
        e = replace(e, prev_hash=previous)
        e = replace(e, hash=rehash(e))
        out.append(e)
        previous = e.hash
    return out


rows = st.lists(
    st.tuples(
        st.sampled_from(["analyst.a", "analyst.b", "steward"]),
        st.sampled_from(ACTIONS),
        st.dictionaries(st.sampled_from(["records", "returned", "line"]), st.integers(0, 10**6), max_size=3),
    ),
    min_size=2,
    max_size=30,
)


@given(rows)
def test_an_intact_chain_verifies(content: list[tuple[str, str, dict[str, int]]]) -> None:
    entries = chain(content)
    verdict = verify(entries, [Anchor(entries[-1].seq, entries[-1].hash, entries[-1].at)])
    assert verdict.ok and verdict.checked == len(entries) and verdict.first_bad is None


@settings(max_examples=300)
@given(rows, st.data())
def test_every_tampering_is_caught_and_the_first_bad_entry_named(
    content: list[tuple[str, str, dict[str, int]]], data: st.DataObject
) -> None:
    entries = chain(content)
    n = len(entries)
    k = data.draw(st.integers(0, n - 1), label="index")
    anchor = [Anchor(entries[-1].seq, entries[-1].hash, entries[-1].at)]
    kind = data.draw(
        st.sampled_from(["edit", "delete", "insert", "swap", "truncate", "rewrite"]), label="kind"
    )
    if kind == "edit":
        tampered = list(entries)
        tampered[k] = replace(entries[k], actor=entries[k].actor + ".x")
        expect, anchors = entries[k].seq, []
    elif kind == "delete":
        if k == n - 1:  # deleting the newest entry is a truncation: only an anchor shows it
            tampered, expect, anchors = entries[:-1], n, anchor
        else:
            tampered, expect, anchors = entries[:k] + entries[k + 1 :], entries[k + 1].seq, []
    elif kind == "insert":
        # A forged entry slipped in before entry k, taking its number, with a hash of its own content.
        forged = replace(entries[k], actor="forger", detail=canonical_detail({"forged": 1}))
        forged = replace(forged, hash=rehash(forged))
        tampered, expect, anchors = [*entries[:k], forged, *entries[k:]], entries[k].seq, []
    elif kind == "swap":
        # Two neighbours exchange their places (and numbers): the chain is read in number order.
        j = k + 1 if k + 1 < n else k - 1
        lo, hi = sorted((k, j))
        a, b = replace(entries[hi], seq=entries[lo].seq), replace(entries[lo], seq=entries[hi].seq)
        tampered = [*entries[:lo], a, b, *entries[hi + 1 :]]
        expect, anchors = entries[lo].seq, []
    elif kind == "truncate":
        tampered, expect, anchors = entries[: max(k, 1)], n, anchor
    else:  # rewrite entry k and re-chain everything after it
        edited = list(entries)
        edited[k] = replace(entries[k], detail=canonical_detail({"returned": -1}))
        tampered, expect, anchors = rechained(edited, k), n, anchor
    verdict = verify(tampered, anchors)
    assert not verdict.ok, kind
    assert verdict.first_bad == expect, (kind, verdict.reason)


def test_without_an_anchor_a_rewritten_chain_cannot_be_told_apart() -> None:
    # Why anchors exist: a rewrite that recomputes every hash is a valid chain on its own.
    entries = chain([("analyst.a", "explain", {"returned": i}) for i in range(5)])
    edited = list(entries)
    edited[2] = replace(entries[2], detail=canonical_detail({"returned": 99}))
    assert verify(rechained(edited, 2)).ok
    anchored = [Anchor(5, entries[4].hash, entries[4].at)]
    assert not verify(rechained(edited, 2), anchored).ok


def test_the_reasons_say_what_happened() -> None:
    entries = chain([("analyst.a", "explain", {"returned": i}) for i in range(4)])
    altered = verify([*entries[:1], replace(entries[1], actor="x"), *entries[2:]])
    assert "entry 2 was altered" in altered.reason
    deleted = verify([entries[0], entries[2], entries[3]])
    assert "entry 3 follows entry 1" in deleted.reason
    cut = verify(entries[:2], [Anchor(4, entries[3].hash, entries[3].at)])
    assert "removed from the end" in cut.reason and cut.first_bad == 4
