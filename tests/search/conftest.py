from __future__ import annotations

import pytest


@pytest.fixture
def search(client):
    """GET /api/v1/search as `who` (a visitor when None); returns the JSON body, asserting a 200."""

    def run(q: str, who=None, **params) -> dict:
        headers = who.headers if who is not None else {}
        resp = client.get("/api/v1/search", query_string={"q": q, **params}, headers=headers)
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()

    return run
