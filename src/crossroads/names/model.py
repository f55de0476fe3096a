"""The calibrated name-match model as data: a logistic regression over ``features.FEATURES``.

Stored as JSON beside this module (``model.json``) so it can be saved, diffed, reviewed and
re-estimated (``bench/train_name_model.py``); the score it gives is a probability that two names
belong to the same person, calibrated on labelled pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import orjson
from scipy.optimize import isotonic_regression, minimize

from crossroads.names.features import FEATURES
from crossroads.names.frequencies import NameFrequencies


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


@dataclass(frozen=True)
class Calibration:
    """A monotone map from the model's log-odds to a probability, fitted on labelled pairs.

    The logistic model ranks pairs well, but its raw probabilities are too timid at both ends (its
    features saturate), so the score goes through isotonic regression (scipy's pool-adjacent-
    violators) fitted on held-apart pairs. The step function PAV gives would tie many pairs; we
    join the centres of its blocks by straight lines and continue beyond the outer centres along
    the logistic curve, so the map stays strictly increasing and the engine's ranking is kept.
    scikit-learn's IsotonicRegression does the same fit but is a heavy dependency for 30 lines.
    """

    logits: tuple[float, ...]
    probabilities: tuple[float, ...]

    def __call__(self, z: np.ndarray) -> np.ndarray:
        xs, ys = np.array(self.logits), np.array(self.probabilities)
        p = np.interp(z, xs, ys)
        low, high = z < xs[0], z > xs[-1]
        # Outside the fitted range: follow the logistic curve, scaled to meet the end points.
        p = np.where(low, ys[0] * _sigmoid(z) / _sigmoid(np.array(xs[0])), p)
        tail = 1.0 - (1.0 - ys[-1]) * (1.0 - _sigmoid(z)) / (1.0 - _sigmoid(np.array(xs[-1])))
        return np.asarray(np.where(high, tail, p))

    @classmethod
    def fit(cls, z: np.ndarray, labels: np.ndarray, blocks: int = 40) -> Calibration:
        order = np.argsort(z)
        z, y = z[order], labels[order].astype(np.float64)
        fitted = isotonic_regression(y).x
        # One point per block of equal fitted value, at the block's mean log-odds; the ends are
        # kept away from 0 and 1 so that no name pair is ever called certain.
        centres: list[float] = []
        values: list[float] = []
        for value in np.unique(fitted):
            inside = fitted == value
            centres.append(float(z[inside].mean()))
            values.append(float(np.clip(value, 1e-3, 1 - 1e-3)))
        # Thin to at most ``blocks`` points (keeps the stored model short and the curve smooth).
        keep = np.unique(np.linspace(0, len(centres) - 1, min(blocks, len(centres))).round().astype(int))
        xs, ys = np.array(centres)[keep], np.array(values)[keep]
        ys = np.maximum.accumulate(ys + np.arange(len(ys)) * 1e-9)  # strictly increasing
        return cls(tuple(float(x) for x in xs), tuple(float(v) for v in ys))


@dataclass(frozen=True)
class NameModel:
    intercept: float
    weights: dict[str, float]
    frequencies: NameFrequencies = field(default_factory=NameFrequencies)
    provenance: dict[str, Any] = field(default_factory=dict)
    calibration: Calibration | None = None

    def logit(self, features: np.ndarray) -> np.ndarray:
        w = np.array([self.weights[name] for name in FEATURES])
        return np.asarray(features @ w + self.intercept)

    def predict(self, features: np.ndarray) -> np.ndarray:
        z = self.logit(features)
        return self.calibration(z) if self.calibration is not None else _sigmoid(z)

    def contributions(self, row: np.ndarray) -> dict[str, float]:
        """Each feature's share of the log-odds, for explanations."""
        return {name: float(self.weights[name] * row[i]) for i, name in enumerate(FEATURES)}

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "intercept": self.intercept,
                "weights": self.weights,
                "frequencies": self.frequencies.to_dict(),
                "provenance": self.provenance,
                "calibration": (
                    {"logits": self.calibration.logits, "probabilities": self.calibration.probabilities}
                    if self.calibration is not None
                    else None
                ),
            },
            option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS,
        )

    @classmethod
    def from_json(cls, data: bytes) -> NameModel:
        raw = orjson.loads(data)
        missing = set(FEATURES) - set(raw["weights"])
        if missing:
            raise ValueError(f"the name model lacks weights for {sorted(missing)}; re-train it")
        calibration = raw.get("calibration")
        return cls(
            float(raw["intercept"]),
            {k: float(v) for k, v in raw["weights"].items()},
            NameFrequencies.from_dict(raw.get("frequencies", {})),
            raw.get("provenance", {}),
            Calibration(tuple(calibration["logits"]), tuple(calibration["probabilities"]))
            if calibration
            else None,
        )


@lru_cache(maxsize=1)
def default_model() -> NameModel:
    return NameModel.from_json(resources.files("crossroads.names").joinpath("model.json").read_bytes())


#: The direction each feature's evidence may push: agreement can only support a match, differing
#: second given names can only weaken one, a missing part may go either way. Without these bounds
#: a fit on hard negatives (siblings share their family name) learns that agreeing family names
#: argue *against* a match, which no analyst could accept as an explanation.
SIGNS: dict[str, int | None] = {"missing": None, "second_differs": -1}


def fit(features: np.ndarray, labels: np.ndarray, l2: float = 1e-3) -> tuple[float, dict[str, float]]:
    """Maximum-likelihood logistic regression with a light L2 penalty and sign bounds (L-BFGS-B)."""
    x = np.column_stack([np.ones(len(features)), features])
    y = labels.astype(np.float64)

    def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ beta
        p = 1.0 / (1.0 + np.exp(-z))
        nll = np.sum(np.logaddexp(0.0, z) - y * z) / len(y) + l2 * np.sum(beta[1:] ** 2)
        grad = x.T @ (p - y) / len(y)
        grad[1:] += 2 * l2 * beta[1:]
        return float(nll), grad

    bounds: list[tuple[float | None, float | None]] = [(None, None)]
    for name in FEATURES:
        sign = SIGNS.get(name, 1)
        bounds.append((None, None) if sign is None else (0.0, None) if sign > 0 else (None, 0.0))
    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", bounds=bounds)
    beta = result.x
    return float(beta[0]), {name: float(beta[i + 1]) for i, name in enumerate(FEATURES)}
