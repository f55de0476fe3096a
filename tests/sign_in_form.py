"""Signing in as the tests do: through the web form as a browser does (the form's page first: it
sets the form's token cookie and carries the token; then the post with that token), or with an API
token in the ``Authorization`` header."""

from __future__ import annotations

import re

import httpx
from fastapi.testclient import TestClient

from crossroads.service import sign_in
from crossroads.store.store import Store


def post_sign_in(client: TestClient, name: str, password: str, next_url: str = "/") -> httpx.Response:
    form = client.get("/sign-in").text
    found = re.search(r'name="form_token" value="([^"]+)"', form)
    assert found, "the sign-in form carries its token"
    data = {"name": name, "password": password, "next": next_url, "form_token": found.group(1)}
    return client.post("/sign-in", data=data)


def bearer(client: TestClient, name: str) -> dict[str, str]:
    """The headers of an API call as ``name``, with a token issued for it."""
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {sign_in.issue_token(store, name, 'tests')}"}
