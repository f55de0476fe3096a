"""The search lane of an application under a test client (``callers.in_search_lane``), held."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient


@contextmanager
def lane_taken(client: TestClient) -> Iterator[None]:
    """Every thread of the client's application's search lane held while the block runs (a lane
    is one thread on the embedded store, two on PostgreSQL: holding one is not enough), all
    released after it, whatever the block raises."""
    app: Any = client.app
    lane, portal = app.state.search_lane, client.portal
    assert portal is not None
    taken = [object() for _ in range(lane.total_tokens)]
    for borrower in taken:
        portal.call(lane.acquire_on_behalf_of, borrower)
    try:
        yield
    finally:
        for borrower in taken:
            portal.call(lane.release_on_behalf_of, borrower)
