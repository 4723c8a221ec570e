"""The digest's private "replies to your stories" section: for each of a member's published stories, how many
replies were published on it that week, with a link. Only its author's digest shows it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select

from community.digest.compose import week_bounds
from community.extensions import db
from community.statuses import PUBLISHED
from community.stories.models import Reply, Story


def build(week: str, user_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """{member id: section} for the members whose stories got replies that week; one query per batch."""
    start, end = week_bounds(week)
    found: dict[int, dict[str, Any]] = {}
    for story_id, author_id, title, count in db.session.execute(
        select(Story.id, Story.author_id, Story.title, func.count(Reply.id))
        .join(Reply, Reply.story_id == Story.id)
        .where(
            Story.author_id.in_(user_ids),
            Story.status == PUBLISHED,
            Reply.status == PUBLISHED,
            Reply.published_at >= start,
            Reply.published_at < end,
            # Their own replies in their own thread are not news to them.
            or_(Reply.author_id.is_(None), Reply.author_id != Story.author_id),
        )
        .group_by(Story.id, Story.author_id, Story.title)
        .order_by(Story.id)
    ):
        section = found.setdefault(author_id, {"stories": [], "total": 0})
        section["stories"].append({"id": story_id, "title": title, "replies": count})
        section["total"] += count
    return found
