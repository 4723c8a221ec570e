from __future__ import annotations

from datetime import timedelta

import pytest

from community.accounts.models import User
from community.extensions import db
from community.models import utcnow
from community.stories.models import CATEGORIES, Lesson, Story


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


@pytest.fixture
def many_stories(app):
    # Plain rows: no password hashing needed for authors who never sign in.
    # Confirmed long ago: established members, whose stories count towards showing a company.
    since = utcnow() - timedelta(days=365)
    authors = [
        User(email=f"a{n}@example.org", password_hash="-", display_name=f"A{n}", email_confirmed_at=since)
        for n in range(4)
    ]
    db.session.add_all(authors)
    db.session.flush()
    now = utcnow()
    for n in range(45):
        story = Story(
            author_id=authors[n % 4].id,
            title=f"Story {n}",
            body=f"Body {n}",
            body_html=f"<p>Body {n}</p>",
            stage="technical",
            industry="Software",
            company=f"Company {n % 5}",
            company_key=f"company{n % 5}",
            share_company=True,
            pseudonym="Steady Heron",
            status="published",
            published_at=now - timedelta(minutes=n),
            lessons=[
                Lesson(position=i, category=CATEGORIES[(n + i) % len(CATEGORIES)], text=f"Lesson {i}")
                for i in range(1 + n % 4)
            ],
        )
        db.session.add(story)
    db.session.commit()
    db.session.expunge_all()
