"""Redis stopped while members post stories through gunicorn: nothing is lost, all is published later."""

from __future__ import annotations

import pytest

from tests.factories import story_payload
from tests.helpers import wait_until

pytestmark = pytest.mark.slow

STORIES = 8


def test_stories_posted_while_redis_is_down_are_all_published_once_it_is_back(
    processes, make_member, redis_server, database
):
    web = processes.gunicorn()
    authors = [make_member(), make_member()]

    redis_server.stop()
    try:
        health = web.get("/healthz")
        assert health.status == 503
        assert health.json() == {"db": "ok", "redis": "down"}
        ids = []
        for n in range(STORIES):
            resp = web.post("/api/v1/stories", json_body=story_payload(n), headers=authors[n % 2].headers)
            assert resp.status == 202, resp.text
            assert resp.json()["status"] == "pending"
            ids.append(resp.json()["id"])
        assert web.get("/").status == 200
        mine = web.get("/api/v1/me/stories", headers=authors[0].headers).json()["items"]
        assert {s["status"] for s in mine} == {"pending"}
    finally:
        redis_server.start()

    processes.worker()

    def all_published() -> bool:
        rows = database("SELECT status FROM story")
        return len(rows) == STORIES and all(status == "published" for (status,) in rows)

    wait_until(all_published, 60, "every story posted during the outage to be published")
    decisions = database(
        "SELECT target_id, COUNT(*) FROM moderation_decision WHERE kind = 'story' GROUP BY target_id"
    )
    assert dict(decisions) == dict.fromkeys(ids, 1)
    listed = web.get(f"/api/v1/stories?per_page={STORIES}").json()
    assert sorted(item["id"] for item in listed["items"]) == sorted(ids)
    assert web.get("/healthz").json() == {"db": "ok", "redis": "ok"}
