"""``crossroads serve`` as its own process on a store, for the tests that talk to it over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(url: str, log: Path, *options: str, wait: float = 60) -> Iterator[str]:
    """``crossroads serve`` on the store at ``url`` (with ``options``, e.g. ``--workers 2``), its
    output in ``log``; its base URL once it answers and has warmed its search cache."""
    base = f"http://127.0.0.1:{(port := free_port())}"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "crossroads.cli.main", "serve", "--port", str(port), *options],
            env={**os.environ, "CROSSROADS_DATABASE_URL": url},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).json().get("warming") is False:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        else:
            raise AssertionError(f"crossroads serve did not answer in {wait} s: {log.read_text()}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
