from __future__ import annotations

import pytest

from tests.factories import story_payload


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True}


def test_thirty_stories_an_hour_per_member(client, member, make_member):
    for _ in range(30):
        assert client.post("/api/v1/stories", headers=member.headers, json=story_payload()).status_code == 202
    resp = client.post("/api/v1/stories", headers=member.headers, json=story_payload())
    assert resp.status_code == 429
    assert int(resp.headers["Retry-After"]) > 0
    assert resp.get_json()["error"]["code"] == "rate_limited"

    # The same budget covers the page form; other members are not affected.
    client.post("/login", data={"email": member.email, "password": member.password})
    assert client.get("/stories/new").status_code == 200
    assert client.post("/stories/new", data={"title": "One more"}).status_code == 429
    other = make_member()
    assert client.post("/api/v1/stories", headers=other.headers, json=story_payload()).status_code == 202


def test_thirty_replies_an_hour_per_member(client, member, publish):
    story_id = publish(member)
    url = f"/api/v1/stories/{story_id}/replies"
    for _ in range(30):
        assert client.post(url, headers=member.headers, json={"body": "Keep going"}).status_code == 202
    resp = client.post(url, headers=member.headers, json={"body": "Keep going"})
    assert resp.status_code == 429 and "Retry-After" in resp.headers
