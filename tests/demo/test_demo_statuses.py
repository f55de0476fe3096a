"""Watch-list magnitudes of the brief, scaled to the population, and coherent dated histories."""

from __future__ import annotations

import random
from collections import Counter

from demo_reading import DemoSet
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.demo.people import Population
from crossroads.demo.places import POCKET
from crossroads.demo.sources import SOURCE_CODES
from crossroads.demo.statuses import (
    AS_OF,
    CATEGORY_COUNTS,
    NEVER_TRAVELLED,
    TRAVELLED,
    WATCH_SHARE,
    Informants,
    departure_date,
    history,
    scaled_counts,
)


@given(st.integers(min_value=0, max_value=200_000))
def test_scaled_counts_sum_exactly_and_keep_the_proportions(watch_total: int) -> None:
    counts = scaled_counts(watch_total)
    assert sum(counts.values()) == watch_total
    for category, reference in CATEGORY_COUNTS.items():
        assert abs(counts[category] - reference * watch_total / 900) < 1


def test_generated_watch_list_has_the_magnitudes_of_the_brief(demo_set: DemoSet) -> None:
    persons = demo_set.persons.values()
    watched = [p for p in persons if p["watch_listed"]]
    assert len(watched) == round(len(demo_set.persons) * WATCH_SHARE) == demo_set.manifest["watch_listed"]
    categories = Counter(p["category"] for p in watched)
    assert dict(categories) == {k: v for k, v in scaled_counts(len(watched)).items() if v}
    never_travelled = sum(categories[c] for c in NEVER_TRAVELLED) / len(watched)
    assert 0.28 <= never_travelled <= 0.38, "close to a third radicalised or sympathisers who stayed"
    travelled = sum(categories[c] for c in TRAVELLED)
    assert abs(travelled / len(watched) - 500 / 900) < 0.01
    assert categories["returned"] >= 128 / 900 * len(watched)
    assert abs(categories["in_conflict_zone"] / travelled - 200 / 500) < 0.01
    children = [p for p in persons if p["role"] == "child_returnee"]
    assert children and all(p["parent_id"] in demo_set.persons for p in children)
    assert all(p["victim"] == (int(p["status_history"][1]["date"][:4]) - int(p["birth_date"][:4]) < 10)
               for p in children)  # fmt: skip


def test_departures_in_2016_run_at_half_the_2015_rate() -> None:
    rng = random.Random(5)
    years = Counter(departure_date(rng).year for _ in range(40_000))
    assert 0.42 <= years[2016] / years[2015] <= 0.58
    per_month_2016_at_reference = 500 * years[2016] / sum(years.values()) / 12
    assert 6 <= per_month_2016_at_reference <= 8


def test_one_municipality_is_a_pocket_of_radicalisation() -> None:
    rng = random.Random(11)
    population = Population(20_000, rng)
    where = Counter(p.address.municipality.key for clan in population.clans() for p in clan if p.watch_listed)
    top, count = where.most_common(1)[0]
    assert top == POCKET
    assert 0.07 <= count / sum(where.values()) <= 0.13  # about 85 of 900


def test_radicalisation_spreads_through_kinship() -> None:
    rng = random.Random(3)
    population = Population(20_000, rng)
    with_watched_sibling = watched_with = 0
    for clan in population.clans():
        for person in clan:
            if any(q.watch_listed for q in clan if q.person_id in person.siblings):
                with_watched_sibling += 1
                watched_with += person.watch_listed
    share_overall = WATCH_SHARE
    assert watched_with / with_watched_sibling > 2 * share_overall


@settings(max_examples=200)
@given(st.sampled_from(sorted(CATEGORY_COUNTS)), st.integers(min_value=0, max_value=2**32))
def test_histories_are_dated_in_order_and_name_real_agencies(category: str, seed: int) -> None:
    who = Informants("police.zone.brussels-west", "prevention.molenbeek")
    steps = history(category, random.Random(seed), who)
    assert steps
    dates = [s.date for s in steps]
    assert dates == sorted(dates) and dates[-1] <= AS_OF
    assert all(s.source in SOURCE_CODES for s in steps)
    if category in TRAVELLED:
        assert "in_transit" in [s.status for s in steps]
    if category == "returned":
        assert "returned" in [s.status for s in steps]
    if category in NEVER_TRAVELLED:
        assert steps[0].status == category
