"""Moderators reach out to the anonymous author of a post in the review queue.

The author gets the words as a `moderation` notification from "the Rebound moderators", and by mail through
the worker when they have moderation mail on; the moderator never learns who the author is (the answer is
the same 202 for every author, and nothing about them is returned or logged under their name).
"""

from __future__ import annotations

from sqlalchemy import select

from community import queue
from community.accounts.models import User
from community.errors import not_found
from community.extensions import db
from community.fields import required_text
from community.notifications.services import tell
from community.permissions import require_moderator
from community.review.models import ModerationDecision, ReviewItem
from community.stories.models import POSTS

MESSAGE_MAX = 2000
SENDER = "the Rebound moderators"
KIND_WORDS = (
    "Hi, we read what you wrote, and we're really glad you shared it. You are not alone in this, and what "
    "you're feeling matters. If you are in danger or thinking about ending your life, please reach out now "
    "to someone you trust or to a crisis line where you live. We're here, and so is this community."
)


def message_author(item_id: int, moderator_id: int, text: object) -> None:
    """Deliver `text` to the author of the item's post; 404 if the post or its author's account is gone."""
    moderator = db.session.get(User, moderator_id)
    require_moderator(moderator)
    item = db.session.get(ReviewItem, item_id)
    if item is None:
        raise not_found("That review item")
    words = required_text(
        text,
        "text",
        MESSAGE_MAX,
        missing="Write a few words to the author.",
        too_long=f"Keep the message to {MESSAGE_MAX:,} characters or fewer.",
    )
    post = db.session.get(POSTS[item.kind], item.target_id)
    author_id = post.author_id if post is not None else None
    if author_id is None:
        raise not_found(f"The author of that {item.kind}")
    link = "/me/stories" if item.kind == "story" else f"/stories/{post.story_id}"
    wants_mail = db.session.scalar(select(User.email_notifications).where(User.id == author_id)) or []
    # The message is mailed on its own at once, not gathered into the hourly mail.
    tell(
        author_id,
        "moderation",
        f"A message from {SENDER}: {words}",
        link,
        own_mail="moderation" in wants_mail,
    )
    # The record says a message went out and what it said; whom it reached stays out of it.
    db.session.add(
        ModerationDecision(
            kind=item.kind,
            target_id=item.target_id,
            action="message",
            from_status=post.status,
            to_status=post.status,
            rules=[],
            reason=words,
            actor_id=moderator.id,
            actor_name=moderator.display_name,
        )
    )
    db.session.commit()
    if "moderation" in wants_mail:
        queue.enqueue_mail("moderator_message", author_id, text=words)
