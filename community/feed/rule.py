"""Who may see which story: the one place the private-group rule is written.

Every list of stories or lessons (feed, groups, lessons library, search, digests) filters with the one rule,
`visible_rule` (as `visible_to(viewer)` where the viewer is known as the statement is built), and every
single-story read checks `can_view_story`, so a private group's stories never leak through one path that
forgot the rule.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, or_, select, true

from community.extensions import db
from community.groups.models import GroupMembership, SupportGroup
from community.permissions import is_moderator, signed_in
from community.statuses import PUBLISHED
from community.stories.models import Story


def viewer_kind(viewer: Any) -> str:
    """ "anonymous", "member" or "moderator": what the group rule depends on, besides a member's id."""
    if not signed_in(viewer):
        return "anonymous"
    return "moderator" if is_moderator(viewer) else "member"


def _group_rule(kind: str, column: Any, viewer_id: Any) -> ColumnElement[bool]:
    """The rule on a group column: a story's `group_id` (NULL for no group), or a tally's (0 for none)."""
    if kind == "moderator":
        return true()
    open_groups = select(SupportGroup.id).where(SupportGroup.visibility == "public")
    if kind == "member":
        mine = select(GroupMembership.group_id).where(GroupMembership.user_id == viewer_id)
        open_groups = select(SupportGroup.id).where(
            or_(SupportGroup.visibility == "public", SupportGroup.id.in_(mine))
        )
    no_group = column.is_(None) if column is Story.group_id else column == 0
    return or_(no_group, column.in_(open_groups))


@functools.cache
def visible_rule(kind: str, column: Any = None) -> ColumnElement[bool]:
    """The rule, for one kind of viewer (`viewer_kind`), built once; a member's id is bound as `viewer_id`.

    On `Story` by default: published, and outside a group, in a public group or in one of the member's (a
    moderator sees every group). With `column`, the group part alone on a tally's group column (the
    tallies count published stories only). Hot paths build their statements once on it and bind
    `viewer_id` as they run; elsewhere `visible_to(viewer)` has the id in it already.
    """
    if column is not None:
        return _group_rule(kind, column, bindparam("viewer_id"))
    return and_(Story.status == PUBLISHED, _group_rule(kind, Story.group_id, bindparam("viewer_id")))


def visible_to(viewer: Any) -> ColumnElement[bool]:
    """The rule as a WHERE clause on `Story` for this viewer (anyone, a member or a moderator)."""
    kind = viewer_kind(viewer)
    if kind != "member":
        return visible_rule(kind)
    return and_(Story.status == PUBLISHED, _group_rule(kind, Story.group_id, viewer.id))


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


def in_visible_group(story: Story, viewer: Any) -> bool:
    """Whether the story's group (if any) lets the viewer in, whatever the story's status."""
    if story.group_id is None:
        return True
    if is_moderator(viewer):
        return True
    visibility = db.session.scalar(select(SupportGroup.visibility).where(SupportGroup.id == story.group_id))
    return group_lets_in(story.group_id, visibility, viewer)


def group_lets_in(group_id: int, visibility: str | None, viewer: Any) -> bool:
    """Whether a group with this visibility lets the viewer read its stories: a public group everyone, any
    other only its members and moderators."""
    if visibility == "public":
        return True
    if not signed_in(viewer):
        return False
    return is_moderator(viewer) or is_member(group_id, viewer.id)


def is_member(group_id: int, user_id: int | None) -> bool:
    """Whether the member has joined the group: the one membership check (posting to a group, joining it,
    reading a private one)."""
    if user_id is None:
        return False
    membership = db.session.scalar(
        select(GroupMembership.id).where(
            GroupMembership.group_id == group_id, GroupMembership.user_id == user_id
        )
    )
    return membership is not None


def can_view_story(story: Story | None, viewer: Any = None) -> bool:
    """Whether the viewer may read this story as a published post (`visible_rule` for one story)."""
    return story is not None and story.status == PUBLISHED and in_visible_group(story, viewer)
