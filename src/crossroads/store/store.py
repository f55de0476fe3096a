"""The store handle: one object that knows where the data lives and hands out transactions.

The same code runs on the embedded SQLite file and on PostgreSQL; row-level work lives in the
modules beside this one (``record_rows``, ``quarantine_rows``, ``batch_rows``), each a set of
functions over a ``Connection`` so that a use case can make several of them one transaction.
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from crossroads.settings import Settings, load_settings
from crossroads.store.engine import create_engine, migrate, redact


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        migrate(self.engine)
        self._writers = threading.Lock()
        self._lock_file: Path | None = None
        if self.engine.dialect.name == "sqlite" and self.engine.url.database:
            self._lock_file = Path(f"{self.engine.url.database}.write-lock")

    @classmethod
    def open(cls, settings: Settings | None = None) -> Store:
        """The store named by ``CROSSROADS_DATABASE_URL``, else the embedded default."""
        return cls((settings or load_settings()).store_url())

    @property
    def location(self) -> str:
        return redact(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def short_write(self) -> Iterator[sa.Connection]:
        """A transaction for a few quick writes that many requests make at once (an audit entry
        per search). On SQLite, writers of this process take turns on a lock, and processes on a
        lock file beside the database, before asking SQLite for its write lock: SQLite's own
        waiting sleeps up to 100 ms between tries however soon the lock frees, and under two
        server processes those sleeps made a search's 95th percentile a second. A waiter on
        these locks wakes the moment the holder is done. PostgreSQL queues its lock waiters
        itself: there it is a plain transaction."""
        if self._lock_file is None:
            with self.transaction() as connection:
                yield connection
            return
        with self._writers, self._lock_file.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                with self.transaction() as connection:
                    yield connection
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
