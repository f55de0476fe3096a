"""Signing in through the web form as a browser does: the form's page first (it sets the form's
token cookie and carries the token), then the post with that token."""

from __future__ import annotations

import re

import httpx
from fastapi.testclient import TestClient


def post_sign_in(client: TestClient, name: str, password: str, next_url: str = "/") -> httpx.Response:
    form = client.get("/sign-in").text
    found = re.search(r'name="form_token" value="([^"]+)"', form)
    assert found, "the sign-in form carries its token"
    data = {"name": name, "password": password, "next": next_url, "form_token": found.group(1)}
    return client.post("/sign-in", data=data)
