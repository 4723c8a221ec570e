"""Posting stories and replies the way members do (API, then the worker) and the rules that catch them."""

from __future__ import annotations

import pytest

from community.extensions import db
from community.moderation import keyword_rules
from community.review.models import ReviewItem
from tests.factories import story_payload

RULES = [
    ("kill myself", "crisis"),
    ("h*te", "block"),
    ("buy followers", "hold"),
    ("recruiter", "flag"),
    ("damn", "censor"),
]


@pytest.fixture
def rules(app) -> dict[str, int]:
    """One rule per action; the rule ids by action."""
    return {action: keyword_rules.add_rule(pattern, action, f"{action} rule").id for pattern, action in RULES}


@pytest.fixture
def post_story(client, run_jobs):
    """A story posted through the API and moderated by the worker; returns its id."""

    def post(who, body: str, title: str = "What the final round taught me", **extra) -> int:
        extra.setdefault("lessons", [{"category": "mindset", "text": "Breathe before answering."}])
        payload = story_payload(title=title, body=body, **extra)
        resp = client.post("/api/v1/stories", headers=who.headers, json=payload)
        assert resp.status_code == 202, resp.get_json()
        run_jobs()
        return resp.get_json()["id"]

    return post


@pytest.fixture
def post_reply(client, run_jobs):
    def post(who, story_id: int, body: str) -> int:
        resp = client.post(f"/api/v1/stories/{story_id}/replies", headers=who.headers, json={"body": body})
        assert resp.status_code == 202, resp.get_json()
        run_jobs()
        return resp.get_json()["id"]

    return post


@pytest.fixture
def open_item(app):
    """The id of a story's or reply's open review item."""

    def find(kind: str, target_id: int) -> int:
        item_id = db.session.scalar(
            db.select(ReviewItem.id).where(
                ReviewItem.kind == kind, ReviewItem.target_id == target_id, ReviewItem.resolved_at.is_(None)
            )
        )
        assert item_id is not None, f"no open review item for {kind} {target_id}"
        return item_id

    return find
