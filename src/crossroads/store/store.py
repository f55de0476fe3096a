"""The store handle: one object that knows where the data lives and hands out transactions.

The same code runs on the embedded SQLite file and on PostgreSQL; row-level work lives in the
modules beside this one (``record_rows``, ``quarantine_rows``, ``batch_rows``), each a set of
functions over a ``Connection`` so that a use case can make several of them one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from crossroads.settings import Settings, load_settings
from crossroads.store.engine import create_engine, migrate, redact


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        migrate(self.engine)

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

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
