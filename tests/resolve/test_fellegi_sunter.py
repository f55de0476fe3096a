"""The linkage model: EM recovers the parameters that generated the data, and the model is data."""

from __future__ import annotations

import numpy as np
import orjson
import pytest

from crossroads.resolve import fellegi_sunter
from crossroads.resolve.comparisons import (
    BIRTH_DATES_DIFFER,
    COMPARISONS,
    NOTHING_ALIKE,
    NULL,
    ONLY_NOMS,
    YEARS_APART,
)
from crossroads.resolve.fellegi_sunter import (
    LinkageModel,
    default_model,
    estimate,
    initial_m,
    level_shares,
    prior_over_all_pairs,
)


def _truth(
    rng: np.random.Generator, sharpness: float = 1.0
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """m puts most weight on agreement, u on disagreement, for every comparison."""
    m: dict[str, list[float]] = {}
    u: dict[str, list[float]] = {}
    for comparison in COMPARISONS:
        k = len(comparison.levels)
        m_raw = rng.dirichlet(np.linspace(6, 1, k) ** sharpness)
        u_raw = rng.dirichlet(np.linspace(1, 12, k) ** sharpness)
        m[comparison.name], u[comparison.name] = m_raw.tolist(), u_raw.tolist()
    return m, u


def _pairs(
    rng: np.random.Generator, n: int, prior: float, m: dict[str, list[float]], u: dict[str, list[float]]
) -> tuple[np.ndarray, np.ndarray]:
    match = rng.random(n) < prior
    levels = np.empty((n, len(COMPARISONS)), dtype=np.int8)
    for column, comparison in enumerate(COMPARISONS):
        k = len(comparison.levels)
        levels[match, column] = rng.choice(k, size=int(match.sum()), p=m[comparison.name])
        levels[~match, column] = rng.choice(k, size=int((~match).sum()), p=u[comparison.name])
        levels[rng.random(n) < 0.2, column] = NULL  # a fifth of the records do not say
    return levels, match


def test_em_recovers_m_and_the_share_of_matches() -> None:
    rng = np.random.default_rng(7)
    m, u = _truth(rng)
    levels, match = _pairs(rng, 60_000, 0.3, m, u)
    prior, fitted, trace = estimate(levels, u, initial_m(), free={c.name for c in COMPARISONS})
    assert abs(prior - match.mean()) < 0.02
    for comparison in COMPARISONS:
        assert np.abs(np.array(fitted[comparison.name]) - np.array(m[comparison.name])).max() < 0.05
    assert trace[-1] < trace[0]


def test_an_ignored_comparison_keeps_its_starting_m() -> None:
    rng = np.random.default_rng(3)
    m, u = _truth(rng)
    levels, _ = _pairs(rng, 5_000, 0.3, m, u)
    start = initial_m()
    _, fitted, _ = estimate(levels, u, start, free={"name"}, ignore={"birth_date"})
    assert fitted["birth_date"] == start["birth_date"]
    assert fitted["name"] != start["name"]


def test_the_prior_over_all_pairs_is_a_fixed_point_near_the_true_rate() -> None:
    """Decisive evidence, as record linkage has (identifiers, full dates): the fixed point is then
    close to the truth; with weak evidence it underestimates, which the docstring says."""
    rng = np.random.default_rng(5)
    m, u = _truth(rng, sharpness=2.0)
    # 2,000 matching pairs among 10 million, all proposed; 20,000 non-matches proposed beside them.
    levels, match = _pairs(rng, 22_000, 2_000 / 22_000, m, u)
    prior = prior_over_all_pairs(levels, u, m, all_pairs=10_000_000)
    assert 0.5 * match.sum() / 1e7 < prior < 2 * match.sum() / 1e7


def test_weights_are_log2_of_m_over_u_and_null_adds_nothing() -> None:
    model = default_model()
    levels = np.full((2, len(COMPARISONS)), NULL, dtype=np.int8)
    levels[1, 0] = 0
    weights = model.weights(levels)
    assert weights[0].sum() == 0.0
    expected = np.log2(max(model.m["name"][0], 1e-3) / model.u["name"][0])
    assert weights[1, 0] == pytest.approx(expected)
    assert model.match_weight(levels)[0] == pytest.approx(model.prior_weight())


def test_the_evidence_against_one_person_sums_only_the_disagreeing_weights() -> None:
    """Names that agree and birth dates that differ: only the dates count against; a pair that
    says nothing (every level ``NULL``) or only agrees has nothing against it, however low the
    prior makes its probability."""
    model = default_model()
    date = next(k for k, c in enumerate(COMPARISONS) if c.name == "birth_date")
    levels = np.full((3, len(COMPARISONS)), NULL, dtype=np.int8)
    levels[1:, 0] = 0
    levels[2, date] = BIRTH_DATES_DIFFER
    against = model.against(levels)
    assert against[0] == 0.0 and against[1] == 0.0
    assert (
        against[2] == pytest.approx(model.level_weights("birth_date")[BIRTH_DATES_DIFFER]) and against[2] < 0
    )
    assert model.probability(levels)[1] > model.probability(levels)[2]


def test_the_model_round_trips_and_refuses_a_model_of_other_levels() -> None:
    model = default_model()
    again = LinkageModel.from_json(model.to_json())
    assert again == model
    broken = model.to_json().replace(b'"name": [', b'"name": [0.5, ', 1)
    with pytest.raises(ValueError, match="re-estimate"):
        LinkageModel.from_json(broken)


def test_a_model_saved_before_a_comparison_existed_gives_it_no_weight() -> None:
    """A stored run's model predates the ``source`` comparison: loaded, it weighs the agency at 0,
    as that run did, and every other comparison as it was saved."""
    model = default_model()
    raw = orjson.loads(model.to_json())
    del raw["m"]["source"], raw["u"]["source"]
    older = LinkageModel.from_json(orjson.dumps(raw))
    assert older.level_weights("source").tolist() == [0.0, 0.0]
    for comparison in COMPARISONS:
        if comparison.name != "source":
            kept = older.level_weights(comparison.name)
            assert kept.tolist() == model.level_weights(comparison.name).tolist()


def test_a_model_saved_before_the_name_level_split_weighs_both_halves_as_its_one_level() -> None:
    """Saved with "names differ" as one level and without the level apart for noms de guerre: each
    half weighs what the one level weighed, the level apart what "names match closely" did."""
    model = default_model()
    raw = orjson.loads(model.to_json())
    for part in ("m", "u"):
        *kept, differ, nothing, _ = raw[part]["name"]
        raw[part]["name"] = [*kept, differ + nothing]
    older = LinkageModel.from_json(orjson.dumps(raw))
    weights = older.level_weights("name")
    assert len(weights) == len(model.m["name"])
    assert weights[NOTHING_ALIKE] == weights[NOTHING_ALIKE - 1] and weights[ONLY_NOMS] == weights[1]
    assert weights[: NOTHING_ALIKE - 1].tolist() == model.level_weights("name")[: NOTHING_ALIKE - 1].tolist()


def test_a_model_saved_before_the_level_for_noms_de_guerre_weighs_it_as_names_matching_closely() -> None:
    model = default_model()
    raw = orjson.loads(model.to_json())
    for part in ("m", "u"):
        raw[part]["name"] = raw[part]["name"][:ONLY_NOMS]
    older = LinkageModel.from_json(orjson.dumps(raw))
    weights, now = older.level_weights("name"), model.level_weights("name")
    assert weights[:ONLY_NOMS].tolist() == now[:ONLY_NOMS].tolist()
    assert weights[ONLY_NOMS] == weights[1] != now[ONLY_NOMS]


def test_a_model_saved_before_the_level_for_years_apart_weighs_it_as_different_dates() -> None:
    model = default_model()
    raw = orjson.loads(model.to_json())
    for part in ("m", "u"):
        del raw[part]["birth_date"][YEARS_APART]
    older = LinkageModel.from_json(orjson.dumps(raw))
    weights, now = older.level_weights("birth_date"), model.level_weights("birth_date")
    assert weights[YEARS_APART] == weights[BIRTH_DATES_DIFFER] == now[BIRTH_DATES_DIFFER]
    assert weights[:YEARS_APART].tolist() == now[:YEARS_APART].tolist()


def test_the_shipped_model_says_agreement_supports_a_match() -> None:
    model = default_model()
    for comparison in COMPARISONS:
        weights = model.level_weights(comparison.name)
        disagreement = NOTHING_ALIKE if comparison.name == "name" else -1
        assert weights[0] > 0 > weights[disagreement], comparison.name
    # a nom de guerre shared by records whose civil names differ says less than a name shared
    assert model.level_weights("name")[ONLY_NOMS] < model.level_weights("name")[2]


def test_the_prior_falls_for_a_larger_data_set_and_stays_for_a_smaller_one() -> None:
    model = default_model()
    estimated_on = model.provenance["records"]
    assert model.for_records(10 * estimated_on).prior < model.prior / 9
    assert model.for_records(100).prior == model.prior
    assert model.for_records(10 * estimated_on).m == model.m


def test_level_shares_are_distributions() -> None:
    levels = np.array([[0] * len(COMPARISONS), [1] * len(COMPARISONS)], dtype=np.int8)
    for shares in level_shares(levels).values():
        assert sum(shares) == pytest.approx(1.0)


def test_packed_level_patterns_are_the_distinct_rows_with_their_counts() -> None:
    from crossroads.resolve.fellegi_sunter import level_patterns

    rng = np.random.default_rng(2)
    levels = rng.integers(-1, ONLY_NOMS + 1, size=(5000, len(COMPARISONS))).astype(np.int8)
    rows, counts = level_patterns(levels)
    expected_rows, expected_counts = np.unique(levels, axis=0, return_counts=True)
    assert np.array_equal(rows, expected_rows) and np.array_equal(counts, expected_counts)


def test_pairs_weighed_a_slice_at_a_time_as_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    m, u = _truth(rng)
    levels, _ = _pairs(rng, 1_000, 0.1, m, u)
    model = LinkageModel(0.01, m, u)
    adjustment = rng.normal(size=len(levels))
    expected = model.prior_weight() + model.weights(levels).sum(axis=1) + adjustment
    monkeypatch.setattr(fellegi_sunter, "ROWS_AT_ONCE", 7)  # 143 slices, the last of 6 pairs
    weight = model.match_weight(levels, adjustment)
    assert np.array_equal(weight, expected)
    assert np.array_equal(model.probability(levels, adjustment), 1.0 / (1.0 + np.exp2(-expected)))
