"""Debriefs as members write them, for the toolkit's tests."""

from __future__ import annotations

import pytest

from tests.factories import debrief_payload


@pytest.fixture
def make_debrief(client):
    """A debrief made through the API by `who`; its JSON."""

    def make(who, **changes) -> dict:
        resp = client.post("/api/v1/me/debriefs", json=debrief_payload(**changes), headers=who.headers)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()

    return make
