"""Who may see which story: the one place the private-group rule is written.

Every list of stories or lessons (feed, groups, lessons library, digests) filters with `visible_clause` (or
`visibility_rule`, for statements built once), and every single-story read checks `can_view_story`, so a
private group's stories never leak through one path that forgot the rule.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, or_, select, true

from community.accounts.models import User
from community.extensions import db
from community.groups.models import GroupMembership, SupportGroup
from community.industries import clean_industries
from community.statuses import PUBLISHED
from community.stories.models import Story


def _member(viewer: Any) -> Any | None:
    """The signed-in user, or None for anonymous visitors (None, or Flask-Login's anonymous user)."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return None
    return viewer


def viewer_kind(viewer: Any) -> str:
    """ "anonymous", "member" or "moderator": what the group rule depends on, besides a member's id."""
    user = _member(viewer)
    if user is None:
        return "anonymous"
    return "moderator" if user.is_moderator else "member"


def _group_rule(kind: str, viewer_id: Any, column: Any = None) -> ColumnElement[bool]:
    """The rule on a story's group (`column`, by default `Story.group_id`); a tally's group column, where 0
    stands for no group, when `column` is given."""
    if kind == "moderator":
        return true()
    open_groups = select(SupportGroup.id).where(SupportGroup.visibility == "public")
    if kind == "member":
        mine = select(GroupMembership.group_id).where(GroupMembership.user_id == viewer_id)
        open_groups = select(SupportGroup.id).where(
            or_(SupportGroup.visibility == "public", SupportGroup.id.in_(mine))
        )
    if column is not None:
        return or_(column == 0, column.in_(open_groups))
    return or_(Story.group_id.is_(None), Story.group_id.in_(open_groups))


@functools.cache
def visibility_rule(kind: str) -> ColumnElement[bool]:
    """The group rule for one kind of viewer, built once; a member's id is bound as `viewer_id`.

    For statements a hot path builds once and runs with parameters; elsewhere use `visibility_clause`.
    """
    return _group_rule(kind, bindparam("viewer_id"))


@functools.cache
def tally_rule(kind: str, column: Any) -> ColumnElement[bool]:
    """The group rule on a tally's group column, built once per kind of viewer (`viewer_id` bound)."""
    return _group_rule(kind, bindparam("viewer_id"), column)


_PRIVATE_GROUPS_OF = (
    select(GroupMembership.group_id)
    .join(SupportGroup, SupportGroup.id == GroupMembership.group_id)
    .where(GroupMembership.user_id == bindparam("viewer_id"), SupportGroup.visibility != "public")
    .order_by(GroupMembership.group_id)
)


def private_groups_of(member_id: int) -> list[int]:
    """The groups that let this member see more than a visitor: with the group rule, all that decides which
    stories a member sees. One indexed query."""
    return list(db.session.scalars(_PRIVATE_GROUPS_OF, {"viewer_id": member_id}))


def visibility_clause(viewer: Any) -> ColumnElement[bool]:
    """A WHERE clause on `Story` for the group rule alone (status is not checked here).

    Stories outside a group and in public groups are for everyone; a private group's stories only for its
    members and for moderators.
    """
    kind = viewer_kind(viewer)
    return _group_rule(kind, viewer.id) if kind == "member" else visibility_rule(kind)


def visible_clause(viewer: Any) -> ColumnElement[bool]:
    """A WHERE clause on `Story`: published, and the group rule; for queries that select from a join."""
    return and_(Story.status == PUBLISHED, visibility_clause(viewer))


def in_visible_group(story: Story, viewer: Any) -> bool:
    """Whether the story's group (if any) lets the viewer in, whatever the story's status."""
    if story.group_id is None:
        return True
    user = _member(viewer)
    if user is not None and user.is_moderator:
        return True
    visibility = db.session.scalar(select(SupportGroup.visibility).where(SupportGroup.id == story.group_id))
    return group_lets_in(story.group_id, visibility, viewer)


def group_lets_in(group_id: int, visibility: str | None, viewer: Any) -> bool:
    """Whether a group with this visibility lets the viewer read its stories: a public group everyone, any
    other only its members and moderators."""
    if visibility == "public":
        return True
    user = _member(viewer)
    if user is None:
        return False
    if user.is_moderator:
        return True
    membership = db.session.scalar(
        select(GroupMembership.id).where(
            GroupMembership.group_id == group_id, GroupMembership.user_id == user.id
        )
    )
    return membership is not None


def members_industries(user_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each member's industries: those they chose, then those of the stories they wrote (the digest's
    mentors and the settings page go by these). Two queries, however many members."""
    ids = sorted(set(user_ids))
    chosen = {
        user_id: industries
        for user_id, industries in db.session.execute(
            select(User.id, User.industries).where(User.id.in_(ids))
        )
    }
    written: dict[int, list[str]] = {}
    for author_id, industry in db.session.execute(
        select(Story.author_id, Story.industry).where(Story.author_id.in_(ids)).distinct()
    ):
        written.setdefault(author_id, []).append(industry)
    return {
        user_id: clean_industries([*(chosen.get(user_id) or []), *written.get(user_id, [])])
        for user_id in ids
    }


def can_view_story(story: Story | None, viewer: Any = None) -> bool:
    """Whether the viewer may read this story as a published post (the rule of `visible_clause`)."""
    return story is not None and story.status == PUBLISHED and in_visible_group(story, viewer)
