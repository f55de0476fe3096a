"""All runtime settings in one place: environment variables with the ``CROSSROADS_`` prefix.

``CROSSROADS_DATABASE_URL`` picks the store (``sqlite:///PATH`` or ``postgresql://...``); when it is
unset the embedded store lives in the user's data directory, so nothing has to be installed or started.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("crossroads", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CROSSROADS_", extra="ignore")

    database_url: str | None = Field(
        default=None, description="Store URL: sqlite:///PATH or postgresql://USER@HOST:PORT/DB."
    )
    data_dir: Path = Field(default_factory=default_data_dir, description="Home of the embedded store.")
    user: str | None = Field(default=None, description="The user the command-line acts as.")
    ingest_chunk: int = Field(default=5000, ge=1, description="Records per transaction during ingest.")
    link_processes: int = Field(
        default=2,
        ge=1,
        le=2,
        description="Processes batch linking compares in: 2 forks a child for the second core on large "
        "steps, 1 keeps everything in one process.",
    )

    secure_cookies: bool = Field(
        default=False,
        description="crossroads serve: session cookies only over HTTPS (set it behind a TLS proxy).",
    )

    serve_threads: int = Field(
        default=4,
        ge=1,
        le=64,
        description="crossroads serve: requests each server process works on at once (the others queue).",
    )
    search_threads: int | None = Field(
        default=None,
        ge=1,
        le=64,
        description="crossroads serve: searches each server process works on at once, beside its other "
        "requests (the other searches queue); unset: one on the embedded store, two on PostgreSQL.",
    )

    snapshot_analyst: str | None = Field(
        default=None,
        description=(
            "crossroads serve: the threat-assessment analyst whose view of the cases the monthly"
            " indicator snapshot keeps; the server takes last month's once it is over (unset: snapshots"
            " are taken by hand only)."
        ),
    )

    search_cache: int = Field(
        default=1_100_000,
        ge=0,
        description=(
            "Records a process keeps for searches (0: none): their marking, names and evidence, about"
            " 3.2 KB each (a million-record store, every record kept: 3.8 GB of private memory a"
            " process). A server warms it at start and meets the same candidates again and again."
        ),
    )

    name_cache: int = Field(
        default=1_000_000,
        ge=0,
        description=(
            "crossroads serve: names whose comparison vectors a process makes at start and keeps,"
            " those of the records its search cache keeps (about 1.5 KB each; a million-record store"
            " has about 700,000)."
        ),
    )

    def store_url(self) -> str:
        """The store URL in force: the configured one, else the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'crossroads.sqlite'}"


def load_settings() -> Settings:
    return Settings()
