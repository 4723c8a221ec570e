from __future__ import annotations

import pytest


def story_payload(**overrides) -> dict:
    body = {
        "title": "Final round at a fintech, and what I would do differently",
        "body": "I made it to the **final round** and froze on the system design question.",
        "lessons": [
            {"category": "preparation", "text": "Practice system design out loud, not just in my head."},
            {"category": "follow_up", "text": "Send a short thank-you note the same day."},
        ],
        "stage": "final_round",
        "industry": "Software",
    }
    body.update(overrides)
    return body


@pytest.fixture
def post_story(client):
    """POST a story through the API as `who`; returns its id (asserting the 202)."""

    def post(who, **overrides) -> int:
        resp = client.post("/api/v1/stories", headers=who.headers, json=story_payload(**overrides))
        assert resp.status_code == 202, resp.get_json()
        assert resp.get_json()["status"] == "pending"
        return resp.get_json()["id"]

    return post


@pytest.fixture
def publish(post_story, run_jobs):
    """Post through the API and run the worker, so the story is published; returns its id."""

    def post_and_publish(who, **overrides) -> int:
        story_id = post_story(who, **overrides)
        run_jobs()
        return story_id

    return post_and_publish
