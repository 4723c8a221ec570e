"""Following a story: its followers are told of each new published reply; an author follows their own
stories from the start and may stop. Following says nothing to anyone else: nobody sees who follows what."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError

from community.accounts.models import MODERATOR_ROLES, User
from community.errors import not_found
from community.extensions import db
from community.feed.rule import can_view_story
from community.groups.models import GroupMembership, SupportGroup
from community.statuses import PUBLISHED
from community.stories.models import Story, StoryFollow


def _story_for(story_id: int, user_id: int) -> Story:
    """The story if the member may read it (its author in any status), else 404."""
    story = db.session.get(Story, story_id)
    user = db.session.get(User, user_id)
    if story is None or user is None:
        raise not_found("That story")
    if story.author_id != user_id and not can_view_story(story, user):
        raise not_found("That story")
    return story


def follow(story_id: int, user_id: int) -> None:
    _story_for(story_id, user_id)
    if is_following(story_id, user_id):
        return
    db.session.add(StoryFollow(story_id=story_id, user_id=user_id))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the same member, twice at once: one row is kept


def unfollow(story_id: int, user_id: int) -> None:
    _story_for(story_id, user_id)
    db.session.execute(
        delete(StoryFollow).where(StoryFollow.story_id == story_id, StoryFollow.user_id == user_id)
    )
    db.session.commit()


def is_following(story_id: int, user_id: int) -> bool:
    return (
        db.session.scalar(
            select(StoryFollow.id).where(StoryFollow.story_id == story_id, StoryFollow.user_id == user_id)
        )
        is not None
    )


def followers_who_can_read(story: Any) -> list[int]:
    """The story's followers who may read it now (one who left its private group is not told); one query, and
    one more for a story in a group."""
    stmt = (
        select(StoryFollow.user_id)
        .join(User, User.id == StoryFollow.user_id)
        .where(StoryFollow.story_id == story.id)
        .order_by(StoryFollow.user_id)
    )
    its_author = StoryFollow.user_id == story.author_id
    if story.status != PUBLISHED:
        stmt = stmt.where(its_author)
    elif story.group_id is not None:
        visibility = db.session.scalar(
            select(SupportGroup.visibility).where(SupportGroup.id == story.group_id)
        )
        if visibility != "public":
            members = select(GroupMembership.user_id).where(GroupMembership.group_id == story.group_id)
            stmt = stmt.where(
                or_(its_author, User.role.in_(MODERATOR_ROLES), StoryFollow.user_id.in_(members))
            )
    return list(db.session.scalars(stmt))
