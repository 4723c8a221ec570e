"""Counts a story keeps on its own row, recounted by the stories area whoever changed what they count."""

from __future__ import annotations

from sqlalchemy import func, select, update

from community.extensions import db
from community.models import SOFT
from community.statuses import PUBLISHED
from community.stories.models import Reply, Story


def refresh_reply_count(story_id: int) -> None:
    """The story's count of published replies, recounted (after a reply is published, held or removed)."""
    published = (
        select(func.count(Reply.id))
        .where(Reply.story_id == story_id, Reply.status == PUBLISHED)
        .scalar_subquery()
    )
    db.session.execute(
        update(Story)
        .where(Story.id == story_id)
        .values(reply_count=published)
        .execution_options(synchronize_session=False, feed_change=SOFT)
    )
