"""Taking a reply away: its author deletes it for good, a moderator removes it (kept, status removed).

Either way it leaves the thread and the story's reply count at once. An open review item stays open, so a
moderator can still read what was written."""

from __future__ import annotations

from community.accounts.models import User
from community.errors import forbidden, not_found
from community.extensions import db
from community.feed.rule import can_view_story
from community.permissions import is_author, is_moderator, sees_every_status
from community.review.items import open_item, record_decision
from community.statuses import AUTHOR_DELETED, PUBLISHED
from community.stories import versions
from community.stories.counts import refresh_reply_count
from community.stories.models import Reply, Story
from community.stories.reports import forget_reply_reports


def _can_see(reply: Reply, actor: User) -> bool:
    if sees_every_status(reply, actor):
        return True
    return reply.status == PUBLISHED and can_view_story(db.session.get(Story, reply.story_id), actor)


def delete_reply(reply_id: int, actor_id: int) -> None:
    actor = db.session.get(User, actor_id)
    reply = db.session.get(Reply, reply_id)
    if reply is None or actor is None or not _can_see(reply, actor):
        raise not_found("That reply")
    story_id, was_published = reply.story_id, reply.status == PUBLISHED
    if is_author(reply, actor) and open_item("reply", reply_id) is not None:
        # Kept for the moderator who has yet to read it (the author may be at risk); gone from the thread.
        if reply.status != "removed":
            record_decision("reply", reply_id, "delete", reply.status, "removed", reason=AUTHOR_DELETED)
        reply.status, reply.moderation_reason = "removed", AUTHOR_DELETED
    elif is_author(reply, actor):
        forget_reply_reports([reply.id])
        versions.forget("reply", [reply.id])
        db.session.delete(reply)
    elif is_moderator(actor):
        if reply.status == "removed":
            return
        reason = "A moderator removed this reply."
        record_decision("reply", reply_id, "remove", reply.status, "removed", actor=actor, reason=reason)
        reply.status, reply.moderation_reason = "removed", reason
    else:
        raise forbidden("Only the reply's author or a moderator can delete it.")
    db.session.flush()
    if was_published:
        refresh_reply_count(story_id)
    db.session.commit()
