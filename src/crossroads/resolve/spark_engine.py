"""The same linkage model on Spark, for data beyond one machine.

Spark evaluates the two costly steps the DuckDB engine runs on one machine: the blocking join
(records sharing a key, blocks over the size limit dropped) and the comparison levels of every
candidate pair (the same pure Python functions, in ``mapInPandas`` over partitions of pairs, with
the profiles broadcast). Estimation runs over the distinct level patterns and clustering over the
scored pairs, both small, on the driver. Local mode (``local[*]``) unless ``CROSSROADS_SPARK_MASTER``
names a cluster. A test holds both engines to the same pairs and the same scores.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from crossroads.names.frequencies import NameFrequencies
from crossroads.resolve.blocking import MAX_BLOCK, Candidates, KeyTable
from crossroads.resolve.comparisons import COMPARISONS
from crossroads.resolve.level_columns import LevelColumns
from crossroads.resolve.profile import Profile

_LEVEL_COLUMNS = [f"level_{c.name}" for c in COMPARISONS]


@lru_cache(maxsize=1)
def session() -> Any:
    """One Spark session per process (starting the JVM costs seconds)."""
    from pyspark.sql import SparkSession

    master = os.environ.get("CROSSROADS_SPARK_MASTER", "local[*]")
    # Workers run this interpreter, which has crossroads installed (not whatever python3 is first).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("crossroads-link")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # crossroads prints its own progress
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def candidate_pairs(table: KeyTable, max_block: int = MAX_BLOCK) -> Candidates:
    """``blocking.candidate_pairs`` with the join in Spark SQL."""
    from pyspark.sql import functions as F

    spark = session()
    rows = list(
        zip(
            table.rec.tolist(),
            table.key.tolist(),
            table.bits().tolist(),
            table.limits(max_block).tolist(),
            strict=True,
        )
    )
    keys = spark.createDataFrame(rows, "rec long, key string, kind long, lim long")
    sizes = keys.groupBy("key").agg(F.count("*").alias("n"), F.min("lim").alias("lim"))
    usable = sizes.where((F.col("n") > 1) & (F.col("n") <= F.col("lim"))).select("key")
    dropped = sizes.where(F.col("n") > F.col("lim")).count()
    a = keys.join(usable, "key").alias("a")
    b = keys.alias("b")
    pairs = (
        a.join(b, (F.col("a.key") == F.col("b.key")) & (F.col("a.rec") < F.col("b.rec")))
        .groupBy(F.col("a.rec").alias("i"), F.col("b.rec").alias("j"))
        .agg(F.bit_or("a.kind").alias("kinds"))
        .orderBy("i", "j")
        .toPandas()
    )
    return Candidates(
        pairs["i"].to_numpy(dtype=np.int64),
        pairs["j"].to_numpy(dtype=np.int64),
        int(dropped),
        pairs["kinds"].to_numpy(dtype=np.int64),
    )


def comparison_levels(
    profiles: Sequence[Profile],
    ia: np.ndarray,
    ib: np.ndarray,
    frequencies: NameFrequencies | None,
    columns: LevelColumns,
) -> tuple[np.ndarray, np.ndarray]:
    """Levels (one column per comparison) and the best name score of every pair, computed in
    Spark partitions by the linker's own ``comparison_levels``."""
    import pandas as pd

    from crossroads.resolve import linker

    spark = session()
    shared = spark.sparkContext.broadcast((list(profiles), frequencies, columns))

    def evaluate(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        all_profiles, counts, encoded = shared.value
        for batch in batches:
            levels, names = linker.comparison_levels(
                all_profiles, batch["i"].to_numpy(), batch["j"].to_numpy(), counts, encoded
            )
            out = pd.DataFrame(levels.astype(np.int32), columns=_LEVEL_COLUMNS)
            out.insert(0, "k", batch["k"].to_numpy())
            out["name_score"] = names.score
            yield out

    pairs = spark.createDataFrame(
        pd.DataFrame({"k": np.arange(len(ia)), "i": ia, "j": ib}), "k long, i long, j long"
    ).repartition(8)
    schema = "k long, " + ", ".join(f"{c} int" for c in _LEVEL_COLUMNS) + ", name_score double"
    result = pairs.mapInPandas(evaluate, schema).toPandas().sort_values("k")
    shared.unpersist()
    return result[_LEVEL_COLUMNS].to_numpy(dtype=np.int8), result["name_score"].to_numpy(dtype=np.float64)
