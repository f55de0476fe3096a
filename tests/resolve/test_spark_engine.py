"""One model, two engines: Spark (local mode) finds the same pairs and gives the same scores and
the same persons as DuckDB. Runs in CI: pyspark installs with the project (the ``spark`` extra)."""

from __future__ import annotations

import numpy as np
import pytest
from test_linker import load

from crossroads.demo.generate import generate
from crossroads.resolve import linker


@pytest.mark.slow
def test_spark_and_duckdb_link_alike(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("demo-spark")
    generate(900, 47, root)  # above the size at which the model is estimated from the records
    records, _ = load(root)
    assert len(records) >= linker.MIN_RECORDS_TO_ESTIMATE
    duck = linker.link(records, engine="duckdb")
    spark = linker.link(records, engine="spark")
    assert np.array_equal(duck.pairs.ia, spark.pairs.ia) and np.array_equal(duck.pairs.ib, spark.pairs.ib)
    assert np.array_equal(duck.pairs.levels, spark.pairs.levels)
    assert spark.context.origin == "estimated"
    np.testing.assert_allclose(spark.pairs.probability, duck.pairs.probability, atol=1e-9)
    assert spark.entity_ids == duck.entity_ids


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="duckdb, spark"):
        linker.link([], engine="hadoop")
