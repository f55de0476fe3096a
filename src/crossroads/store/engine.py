"""Opening a store: URL resolution, engine creation, SQLite pragmas, and migration to head."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from crossroads.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Accept the plain ``postgresql://`` form users type; drive it with psycopg 3."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("sqlite:///", "postgresql+psycopg://")):
        return url
    raise StoreError(
        f"unsupported store URL {redact(url)!r}: use sqlite:///PATH or postgresql://USER@HOST:PORT/DB"
    )


def redact(url: str) -> str:
    """The URL without its password, for messages and ``status``."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is shown as typed; it holds no usable secret
        return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers don't block the ingest writer
    # Each commit reaches the disk before it returns: an audit entry is committed before the answer
    # it records is given, and so must survive a power loss, not only a crash of the process
    # (NORMAL keeps commits since the last checkpoint in the operating system's hands). It cost
    # about 0.25 ms a commit on the fourteenth session's machine; a search commits once, an arrival once.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Reads through memory-mapped pages instead of a read call and a copy into each connection's
    # small page cache: a search at a million records reads about 500 records' heads at random,
    # 30 % faster so (bench/http_load.py). A bound, not an allocation; SQLite caps it at its
    # build's limit and reads the part of the database still in the WAL as before.
    cursor.execute("PRAGMA mmap_size=17179869184")
    cursor.close()


def create_engine(url: str) -> sa.Engine:
    url = normalise_url(url)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store directory {path.parent}: {exc}") from exc
        engine = sa.create_engine(url, json_serializer=_json_dumps, json_deserializer=orjson.loads)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Every statement planned for its own values: psycopg prepares a statement after five runs,
    # and PostgreSQL may then keep one generic plan. The ingest's lookup of a batch's ids (source
    # = $1 AND source_id IN (...)) got a sequential scan that way once the table held some 600,000
    # records, and a 1M-record ingest slowed from about 18,000 records/s to under 1,000.
    return sa.create_engine(
        url,
        pool_pre_ping=True,
        json_serializer=_json_dumps,
        json_deserializer=orjson.loads,
        connect_args={"options": "-c plan_cache_mode=force_custom_plan"},
    )


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _alembic_config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def migrate(engine: sa.Engine) -> None:
    """Bring the store to the newest schema; a store already there costs one query."""
    try:
        with engine.begin() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            if current != head_revision():
                command.upgrade(_alembic_config(connection), "head")
    except sa.exc.OperationalError as exc:
        raise StoreError(f"cannot open the store at {redact(str(engine.url))}: {exc.orig}") from exc
