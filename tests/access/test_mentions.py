"""Which references an audit detail names (hypothesis): a reference anywhere in a detail, as a key,
a value or a word of prose, is found, and its JSON fragment is in the canonical text a store
searches; a reference that only begins another one is not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.access.audit_chain import canonical_detail
from crossroads.access.mentions import fragment, named

REF = st.builds(
    lambda s, i: f"{s}/{i}",
    st.from_regex(r"[a-z0-9][a-z0-9.\-]{0,20}", fullmatch=True),
    st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=20),
)
KEY = st.sampled_from(["records", "a", "b", "record", "refused", "asked", "purged"])


def placements(ref: str) -> st.SearchStrategy[dict[str, object]]:
    return st.sampled_from(
        [
            {"a": ref, "b": "other/1"},
            {"records": ["x/1", ref]},
            {"entities": {"E1": [ref]}},
            {ref: 3},
            {"asked": f"explain {ref} against other/1"},
            {"purged": {"local-police": [ref]}},
        ]
    )


@settings(max_examples=1500)
@given(REF.flatmap(lambda r: st.tuples(st.just(r), placements(r))))
def test_a_reference_placed_anywhere_is_found_and_its_fragment_is_in_the_text(
    case: tuple[str, dict[str, object]],
) -> None:
    ref, detail = case
    text = canonical_detail(detail)
    assert fragment(ref) in text
    assert named(text, {ref}) == [ref]


@settings(max_examples=500)
@given(REF, st.text(min_size=1, max_size=5).filter(lambda t: not t.isspace() and t.split() == [t]), KEY)
def test_a_reference_is_not_found_inside_a_longer_one(ref: str, more: str, key: str) -> None:
    text = canonical_detail({key: [ref + more], "asked": f"explain {ref}{more}"})
    assert named(text, {ref}) == []


def test_named_cases() -> None:
    text = canonical_detail({"a": "police.federal/a", "asked": "explain police.local/b against x/1", "n": 3})
    assert named(text, {"police.federal/a", "police.local/b", "police.federal/ab"}) == [
        "police.federal/a",
        "police.local/b",
    ]
