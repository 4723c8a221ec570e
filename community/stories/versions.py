"""A post's versions (`PostEdit`): copying a published one into the post, and reading them back. Kept apart
from the author's side (`stories.edits`) so that moderation, which decides edits, needs nothing above models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select, update

from community.extensions import db
from community.models import HARD, UNSEEN, utcnow
from community.statuses import PUBLISHED
from community.stories.models import Lesson, PostEdit, Reply, Story, company_key


def write_story(story: Story, version: Mapping[str, Any], texts: Mapping[str, str] | None = None) -> None:
    """Copy a version into the story's row; `texts` and the HTML in it are what moderation made of it."""
    texts = texts or {}
    story.title = texts.get("title", version["title"])
    story.body = texts.get("body", version["body"])
    story.body_html = texts.get("body_html")
    story.stage = version["stage"]
    story.industry = texts.get("industry", version["industry"])
    company = texts.get("company", version["company"])
    story.company, story.company_key = company, company_key(company)
    story.share_company = bool(version["share_company"] and company)
    story.content_notes = list(version["content_notes"])
    db.session.execute(
        delete(Lesson)
        .where(Lesson.story_id == story.id)
        .execution_options(synchronize_session=False, feed_change=_change(story))
    )
    db.session.expire(story, ["lessons"])
    for position, lesson in enumerate(version["lessons"]):
        key = f"lesson-{position}"
        db.session.add(
            Lesson(
                story_id=story.id,
                position=position,
                category=lesson["category"],
                text=texts.get(key, lesson["text"]),
                text_html=texts.get(f"{key}_html"),
            )
        )


def _change(story: Story) -> str:
    return HARD if story.status == PUBLISHED else UNSEEN


def publish(edit: PostEdit, texts: Mapping[str, str]) -> None:
    """Copy a published edit into its post (moderation calls this with the moderated texts and HTML)."""
    if edit.kind == "story":
        write_story(db.session.get(Story, edit.target_id), edit.fields, texts)
    else:
        reply = db.session.get(Reply, edit.target_id)
        reply.body, reply.body_html = texts["body"], texts["body_html"]


def settle_in_place(kind: str, target_id: int, outcome: str) -> None:
    """A pending post was decided: so was the edit written into it."""
    db.session.execute(
        update(PostEdit)
        .where(
            PostEdit.kind == kind,
            PostEdit.target_id == target_id,
            PostEdit.in_place.is_(True),
            PostEdit.status == "pending",
        )
        .values(status=outcome, decided_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def versions(kind: str, target_id: int) -> list[PostEdit]:
    """Every edit of a post, oldest first: what moderators see beside the post."""
    return list(
        db.session.scalars(
            select(PostEdit)
            .where(PostEdit.kind == kind, PostEdit.target_id == target_id)
            .order_by(PostEdit.id)
        )
    )


def forget(kind: str, target_ids: Any) -> None:
    """The posts are deleted: so are their versions."""
    db.session.execute(
        delete(PostEdit)
        .where(PostEdit.kind == kind, PostEdit.target_id.in_(target_ids))
        .execution_options(synchronize_session=False)
    )
