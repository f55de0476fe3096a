"""Demo data sets generated once per test session (kept small so the suite stays fast)."""

from __future__ import annotations

import pytest
from demo_reading import DemoSet, load

from crossroads.demo.generate import generate


@pytest.fixture(scope="session")
def demo_set(tmp_path_factory: pytest.TempPathFactory) -> DemoSet:
    """4,000 persons, no defects: about 10,000 records."""
    root = tmp_path_factory.mktemp("demo-clean")
    generate(4_000, 2016, root)
    return load(root)


@pytest.fixture(scope="session")
def defective_set(tmp_path_factory: pytest.TempPathFactory) -> DemoSet:
    """1,500 persons with 15% of rows malformed on purpose."""
    root = tmp_path_factory.mktemp("demo-defects")
    generate(1_500, 7, root, defects=0.15)
    return load(root)
