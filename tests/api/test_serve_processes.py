"""``crossroads serve --workers 2``, the way the load benchmark and a deployment run it: two server
processes on one embedded store, each with its own warm search cache, both writing the one audit
trail. Every search is answered, every search is audited once, and the trail's hash chain holds
although two processes appended to it at once. Each process listens on a socket of its own, so
connections opened at once fall on both, not all on the first process to wake."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import sqlalchemy as sa

from crossroads.service import audit as audit_use_case
from crossroads.service import sign_in
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store.schema import audit_log
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl
from serving import free_port, serving

SEARCHES = 24
NAMES = ("Youssef El Amrani", "يوسف العمراني", "Samira Bakkali", "Bakkali, Samira")


def _searches(store: Store) -> int:
    with store.transaction() as conn:
        query = sa.select(sa.func.count()).select_from(audit_log).where(audit_log.c.action == "search")
        return int(conn.execute(query).scalar_one())


@pytest.fixture
def two_processes(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """The server's base URL, an analyst's API token and the store's URL."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with Store(url) as store:
        agency(store, "police.federal", "federal-police")
        rows = [
            {"id": "a", "source": "police.federal", "classification": "restricted",
             "properties": {"name": ["EL AMRANI Youssef"], "birthDate": ["1991-04-12"]}},
            {"id": "b", "source": "police.federal", "classification": "restricted",
             "properties": {"name": ["BAKKALI Samira"], "birthDate": ["1985-02-03"]}},
        ]  # fmt: skip
        ingest_file(store, write_jsonl(tmp_path / "records.jsonl", rows), user=steward(store))
        resolve_store(store, steward(store))
        register(store, "analyst", "analyst", agency="ocam", kind="threat-assessment", clearance="secret")
        register(store, "oversight", "oversight", agency="committee.i", kind="oversight-body")
        token = sign_in.issue_token(store, "analyst", "two processes")
    with serving(url, tmp_path / "serve.log", "--workers", "2") as base:
        yield base, token, url


def test_two_server_processes_answer_and_audit_every_search_in_one_unbroken_trail(
    two_processes: tuple[str, str, str],
) -> None:
    base, token, url = two_processes
    with Store(url) as store:
        before = _searches(store)

    def one(k: int) -> list[str]:
        # A new connection each time (Connection: close): the kernel hands each to either process.
        answer = httpx.get(
            f"{base}/api/v1/search",
            params={"name": NAMES[k % len(NAMES)], "purpose": "investigation"},
            headers={"Authorization": f"Bearer {token}", "Connection": "close"},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        return [name for hit in answer.json()["hits"] for name in hit["names"]]

    with ThreadPoolExecutor(max_workers=6) as pool:
        found = list(pool.map(one, range(SEARCHES)))
    assert all("EL AMRANI Youssef" in names for names in found[0::4])
    assert all("EL AMRANI Youssef" in names for names in found[1::4])  # asked in Arabic script
    assert all("BAKKALI Samira" in names for names in found[2::4] + found[3::4])
    with Store(url) as store:
        assert _searches(store) - before == SEARCHES
        verdict = audit_use_case.verify(store, "oversight")
    assert verdict.ok, verdict.reason
    assert verdict.checked >= SEARCHES


def _sockets(port: int) -> dict[str, set[int]]:
    """The TCP sockets on local ``port`` by state ("0A" listening, "01" established), each as its
    inode, from /proc/net/tcp."""
    out: dict[str, set[int]] = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port:
            out.setdefault(fields[3], set()).add(int(fields[9]))
    return out


def _owners(inodes: set[int]) -> dict[int, int]:
    """Which process holds each of these sockets (inode to pid), from /proc/*/fd."""
    wanted = {f"socket:[{inode}]": inode for inode in inodes}
    out = {}
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            target = fd.readlink()
        except OSError:  # the process or descriptor went meanwhile
            continue
        if str(target) in wanted:
            out[wanted[str(target)]] = int(fd.parts[2])
    return out


def test_connections_opened_at_once_fall_on_both_server_processes(
    two_processes: tuple[str, str, str],
) -> None:
    base, token, _ = two_processes
    port = urlsplit(base).port
    assert port is not None
    # One listening socket per process (uvicorn's own way has one, shared, in every process). A
    # process listens once it has started, which on a busy machine can be seconds after the first
    # has answered: wait for the second, as a load generator would find it.
    deadline = time.monotonic() + 60
    while len(listening := _owners(_sockets(port).get("0A", set()))) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(listening) == 2, listening
    assert len(set(listening.values())) == 2, listening
    # Sixteen keep-alive connections opened together, as a load generator opens them: each is
    # dealt to a process by a hash, so all sixteen on one process has odds of 1 in 32,768.
    clients = [httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) for _ in range(16)]
    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            answers = list(pool.map(lambda c: c.get("/api/v1/health", timeout=30), clients))
        assert all(a.status_code == 200 for a in answers)
        accepted = _owners(_sockets(port).get("01", set()))
    finally:
        for client in clients:
            client.close()
    servers = set(listening.values())
    assert len(accepted) >= 16, accepted
    assert {pid for pid in accepted.values() if pid in servers} == servers, (accepted, servers)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_port_in_use_is_one_clear_error_before_any_startup_line(tmp_path: Path, workers: str) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port := free_port()))
        taken.listen()
        run = subprocess.run(
            [sys.executable, "-m", "crossroads.cli.main", "serve", "--port", str(port), "--workers", workers],
            env={**os.environ, "CROSSROADS_DATABASE_URL": url, "COLUMNS": "200"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode != 0
    said = run.stdout + run.stderr
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in said, said
    assert "Crossroads on http" not in said, said
    assert "Traceback" not in said, said
