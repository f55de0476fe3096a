"""Crash safety: kill -9 a real ingest process half-way, run the same command again, and find
exactly one copy of every record, on both stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from crossroads.store.schema import records
from crossroads.store.store import Store
from identity_factory import STEWARD, steward
from records_factory import person, write_jsonl

ROWS = 40_000
SOURCE = "police.zone.brussels-west"


def _count(store: Store) -> int:
    with store.transaction() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(records)).scalar_one())


def _ingest_command(path: Path) -> list[str]:
    return [
        sys.executable, "-m", "crossroads.cli.main", "ingest", str(path), "--source", SOURCE, "--quiet",
        "--user", STEWARD,
    ]  # fmt: skip


@pytest.mark.slow
def test_kill_minus_nine_then_rerun_leaves_one_copy_of_each(store_url: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", [person(n) for n in range(ROWS)])
    env = {**os.environ, "CROSSROADS_DATABASE_URL": store_url, "CROSSROADS_INGEST_CHUNK": "500"}
    store = Store(store_url)  # migrates first, so the child does not race us on the schema
    steward(store)
    child = subprocess.Popen(
        _ingest_command(path), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while _count(store) < 2_000:
        assert child.poll() is None, f"ingest ended before it could be killed: {child.stderr.read()!r}"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    interrupted_at = _count(store)
    assert child.returncode == -signal.SIGKILL
    assert 0 < interrupted_at < ROWS, "the kill must land half-way for this test to mean anything"

    rerun = subprocess.run(_ingest_command(path), env=env, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()
    with store.transaction() as conn:
        ids = conn.execute(sa.select(records.c.source_id)).scalars().all()
        statuses = (
            conn.execute(sa.text("SELECT status FROM ingest_batches ORDER BY started_at")).scalars().all()
        )
    assert len(ids) == ROWS
    assert set(ids) == {f"rec-{n:06d}" for n in range(ROWS)}
    assert statuses == ["interrupted", "done"]
    store.close()
