from __future__ import annotations

import pytest

from tests.factories import profile_payload


@pytest.fixture
def volunteer(client):
    """Make `who` a mentor through the API; returns the mentor id."""

    def make(who, **overrides) -> int:
        resp = client.put("/api/v1/me/mentor-profile", headers=who.headers, json=profile_payload(**overrides))
        assert resp.status_code == 200, resp.get_json()
        return resp.get_json()["id"]

    return make


@pytest.fixture
def ask(client):
    """`who` asks the mentor for mentorship through the API; returns the request id."""

    def make(who, mentor_id: int, message: str = "Could you help me prepare for final rounds?") -> int:
        resp = client.post(
            f"/api/v1/mentors/{mentor_id}/requests", headers=who.headers, json={"message": message}
        )
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()["id"]

    return make
