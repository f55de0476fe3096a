"""Shared fixtures: every store test runs twice, on a real SQLite file and on a real PostgreSQL.

The PostgreSQL half is never skipped: if the server is down the tests fail, because CI must prove
the server mode works (start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crossroads.store.store import Store
from scratch_databases import scratch_database


def pytest_configure(config: pytest.Config) -> None:
    """With ``-n`` (pytest-xdist, as ``scripts/test.sh`` runs), the controller migrates one scratch
    PostgreSQL database before any worker starts. Roles belong to the whole server: two workers
    making the reader role for the first time at once (migration 0010) would race, one failing
    with a duplicate role; made here once, through the same migration, each worker finds it."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    with scratch_database() as url:
        Store(url).close()


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's own store or inherit a store URL from the shell."""
    monkeypatch.delenv("CROSSROADS_DATABASE_URL", raising=False)
    monkeypatch.setenv("CROSSROADS_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    with scratch_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    url: str = request.getfixturevalue("pg_database")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store(store_url)
    try:
        yield opened
    finally:
        opened.close()
