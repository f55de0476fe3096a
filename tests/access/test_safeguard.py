"""The watchlist gate on values: a child victim's record excludes its entity until a reviewed
decision that saw it allows it; a denial anywhere excludes; the newest decision made by then rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crossroads.access.safeguard import Held, Reviewed, verdict

T = datetime(2026, 12, 1, tzinfo=UTC)
ENTITY = "E0123456789abcde"
CHILD = Held("police.local/c1", True, T)
ADULT = Held("police.local/a1", False, T)


def decided(n: int, ref: str, allowed: bool, at: datetime = T + timedelta(days=1)) -> Reviewed:
    return Reviewed(n, ref, allowed, f"review {n}", "analyst.a", at)


def test_an_entity_with_a_child_victims_record_is_excluded_without_a_decision() -> None:
    ok, why = verdict(ENTITY, [ADULT, CHILD], [], T)
    assert not ok and "1 record(s) made while the subject was under 10" in why and "c1" not in why
    assert verdict(ENTITY, [ADULT], [], T) == (
        True,
        "no record of a child under 10 and no reviewed decision against it",
    )
    assert not verdict(ENTITY, [], [], T)[0]  # nothing held: nothing to process


def test_an_allowance_covers_a_record_only_as_it_was_reviewed() -> None:
    later = T + timedelta(days=5)
    on_record = decided(1, CHILD.ref, True)
    assert verdict(ENTITY, [ADULT, CHILD], [on_record], later) == (True, "allowed by reviewed decision 1")
    assert verdict(ENTITY, [CHILD], [decided(2, ENTITY, True)], later)[0]
    updated = Held(CHILD.ref, True, T + timedelta(days=2))  # changed after the review
    assert not verdict(ENTITY, [updated], [on_record], later)[0]
    assert not verdict(ENTITY, [CHILD], [on_record], T)[0]  # not yet decided at T


def test_a_denial_anywhere_excludes_and_the_newest_decision_rules() -> None:
    later = T + timedelta(days=9)
    allow, deny = decided(1, CHILD.ref, True), decided(2, ADULT.ref, False, T + timedelta(days=2))
    ok, why = verdict(ENTITY, [ADULT, CHILD], [allow, deny], later)
    assert not ok and why.startswith("reviewed decision 2 by analyst.a") and why.endswith("review 2")
    reversed_ = decided(3, ADULT.ref, True, T + timedelta(days=3))
    assert verdict(ENTITY, [ADULT, CHILD], [allow, deny, reversed_], later)[0]
    assert not verdict(ENTITY, [ADULT], [decided(4, ENTITY, False)], later)[0]  # an older child, denied
