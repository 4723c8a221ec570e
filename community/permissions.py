"""Who may do what: the one home of the product's authorization rules.

Views, the API and services ask here, so a rule reads the same wherever it is checked. Each `require_*`
raises the contract's 403 with the words members see. Who may *read* a story is the visibility rule
(`community.feed.rule`); where the existence of a thing must stay unsaid, its loader answers 404 before any
of these is asked.
"""

from __future__ import annotations

from typing import Any

from community.errors import forbidden

ONLY_MODERATORS = "Only moderators can do that."


def signed_in(user: Any) -> bool:
    """A member signed in (not None, not Flask-Login's anonymous user)."""
    return user is not None and bool(getattr(user, "is_authenticated", False))


def is_moderator(user: Any) -> bool:
    """A signed-in moderator or admin."""
    return signed_in(user) and user.is_moderator


def require_moderator(user: Any, message: str = ONLY_MODERATORS) -> Any:
    """The user, if a moderator (moderation's pages and API, outreach, queue decisions, creating groups)."""
    if not is_moderator(user):
        raise forbidden(message)
    return user


def is_author(post: Any, user: Any) -> bool:
    """Whether the user wrote this story or reply."""
    return post is not None and signed_in(user) and post.author_id == user.id


def require_author(post: Any, user: Any, message: str) -> None:
    """Only a post's author edits it."""
    if not is_author(post, user):
        raise forbidden(message)


def sees_every_status(post: Any, user: Any) -> bool:
    """Whether the user sees this post whatever its status (pending, held, rejected): its author and
    moderators."""
    return post is not None and (is_author(post, user) or is_moderator(user))


def require_author_or_moderator(post: Any, user: Any, message: str) -> None:
    """Taking a post away: its author deletes it, a moderator removes it."""
    if not sees_every_status(post, user):
        raise forbidden(message)


def require_mentor(mentor_user_id: int, actor_id: int, message: str) -> None:
    """Only the mentor answers a mentorship request (its mentee may only read it and close it)."""
    if actor_id != mentor_user_id:
        raise forbidden(message)
