"""Authors edit their stories and replies after posting them.

Each edit is a new version (`PostEdit`), moderated like a new post by the worker
(`community.moderation.edits`). Until it is decided, and for good if it is held or rejected, readers keep the
version published before: the post's own row holds only published text. A post still waiting for moderation
is edited in place, and its edit is decided with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import update

from community import queue
from community.errors import conflict, forbidden, invalid, not_found
from community.extensions import db
from community.feed.public import readable_story
from community.feed.rule import can_view_story
from community.models import utcnow
from community.permissions import require_author
from community.statuses import PUBLISHED
from community.stories.models import PostEdit, Reply, Story
from community.stories.services import _user, clean_reply_body, clean_story
from community.stories.versions import write_story

STORY_FIELDS = ("title", "body", "lessons", "stage", "industry", "company", "share_company", "content_notes")
REPLY_FIELDS = ("body",)
# What an edit may no longer change once moderation has decided against the post: the author appeals instead.
_CLOSED = {
    "held": "This {kind} is waiting for a moderator; you can edit it once they have decided.",
    "rejected": "This {kind} was not published; appeal the decision instead of editing it.",
    "removed": "This {kind} was removed.",
}


def story_values(story: Story) -> dict[str, Any]:
    """The story's editable fields as they are now: what the edit form starts from."""
    return {
        "title": story.title,
        "body": story.body,
        "lessons": [{"category": lesson.category, "text": lesson.text} for lesson in story.lessons],
        "stage": story.stage,
        "industry": story.industry,
        "company": story.company,
        "share_company": story.share_company,
        "content_notes": list(story.content_notes or []),
    }


def _check_changes(changes: Mapping[str, Any], allowed: Iterable[str]) -> None:
    if not isinstance(changes, Mapping) or not changes:
        raise invalid(body="Send the fields to change.")
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise invalid(**{name: "An edit cannot change this." for name in unknown})


def can_see_reply(reply: Reply, viewer: Any) -> bool:
    return reply.status == PUBLISHED and can_view_story(db.session.get(Story, reply.story_id), viewer)


def _open_for_edit(post: Any, kind: str) -> None:
    if post.status in _CLOSED:
        raise conflict(_CLOSED[post.status].format(kind=kind))


def _replace_older(kind: str, target_id: int) -> None:
    """A newer edit replaces the ones still waiting: only the latest version can be published."""
    db.session.execute(
        update(PostEdit)
        .where(
            PostEdit.kind == kind, PostEdit.target_id == target_id, PostEdit.status.in_(("pending", "held"))
        )
        .values(status="replaced", decided_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def edit_story(story_id: int, author_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The author's edit of their story: 202-style answer with the story's status and `edit_status`."""
    author = _user(author_id)
    _check_changes(changes, STORY_FIELDS)
    story = readable_story(story_id, author)
    require_author(story, author, "Only its author can edit this story.")
    _open_for_edit(story, "story")
    fields: dict[str, str] = {}
    version = clean_story({**story_values(story), **changes}, fields)
    if fields:
        raise invalid(**fields)
    _replace_older("story", story.id)
    in_place = story.status == "pending"
    if in_place:
        write_story(story, version)
    edit = PostEdit(kind="story", target_id=story.id, author_id=author.id, fields=version, in_place=in_place)
    db.session.add(edit)
    db.session.commit()
    # A pending story is moderated as it now reads; a published one keeps its text until the edit is decided.
    queue.enqueue_moderation(*(("story", story.id) if in_place else ("edit", edit.id)))
    return {"id": story.id, "status": story.status, "edit_status": "pending"}


def edit_reply(reply_id: int, author_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    author = _user(author_id)
    _check_changes(changes, REPLY_FIELDS)
    reply = db.session.get(Reply, reply_id)
    if reply is None or (reply.author_id != author.id and not can_see_reply(reply, author)):
        raise not_found("That reply")
    if reply.author_id != author.id:
        # As for deleting: a reply one can read, but did not write. Whose it is stays unsaid.
        raise forbidden("Only its author can edit this reply.")
    _open_for_edit(reply, "reply")
    fields: dict[str, str] = {}
    body = clean_reply_body(changes.get("body"), fields)
    if fields:
        raise invalid(**fields)
    _replace_older("reply", reply.id)
    in_place = reply.status == "pending"
    if in_place:
        reply.body = body
    edit = PostEdit(
        kind="reply", target_id=reply.id, author_id=author.id, fields={"body": body}, in_place=in_place
    )
    db.session.add(edit)
    db.session.commit()
    queue.enqueue_moderation(*(("reply", reply.id) if in_place else ("edit", edit.id)))
    return {"id": reply.id, "status": reply.status, "edit_status": "pending"}
