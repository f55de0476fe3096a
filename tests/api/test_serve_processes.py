"""``crossroads serve --workers 2``, the way the load benchmark and a deployment run it: two server
processes on one embedded store, each with its own warm search cache, both writing the one audit
trail. Every search is answered, every search is audited once, and the trail's hash chain holds
although two processes appended to it at once."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
from serving import serving

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
