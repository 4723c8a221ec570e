"""Test helpers: published stories written straight to the database, and signing in a test client."""

from __future__ import annotations

from collections.abc import Sequence

from community.extensions import db
from community.models import utcnow
from community.stories.models import Lesson, Story


def publish_story(
    author_id: int,
    title: str,
    group_id: int | None = None,
    categories: Sequence[str] = ("answers",),
    industry: str = "Software",
) -> int:
    story = Story(
        author_id=author_id,
        group_id=group_id,
        title=title,
        body="What happened, and what I learned.",
        body_html="<p>What happened, and what I learned.</p>",
        stage="onsite",
        industry=industry,
        pseudonym="Steady Heron",
        status="published",
        published_at=utcnow(),
    )
    story.lessons = [
        Lesson(position=i, category=category, text=f"A lesson about {category}")
        for i, category in enumerate(categories)
    ]
    db.session.add(story)
    db.session.commit()
    return story.id


def sign_in(client, who) -> None:
    """Sign `who` in through the real /login form."""
    resp = client.post("/login", data={"email": who.email, "password": who.password})
    assert resp.status_code == 302
