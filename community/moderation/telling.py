"""What the author of a post, and the followers of the story a reply answers, hear of a moderation decision.

Written in the decision's own transaction, so a notification exists exactly when the decision does."""

from __future__ import annotations

from typing import Any

from community.notifications.services import tell as notify
from community.stories.follows import followers_who_can_read
from community.stories.models import Story


def _title(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tell_outcome(kind: str, target: Any, outcome: str, reason: str | None, crisis: bool = False) -> None:
    """Tell the post's author it was published, is waiting, or was not published (and why)."""
    if target.author_id is None:
        return
    if kind == "story":
        what, link = f"Your story \u201c{_title(target.title)}\u201d", f"/stories/{target.id}"
    else:
        what, link = "Your reply", f"/stories/{target.story_id}#reply-{target.id}"
    if outcome == "published":
        text = f"{what} is published. Thank you for sharing it."
    elif outcome == "held":
        text = (
            f"{what} is with a moderator. We care about how you are doing: support is listed on your post."
            if crisis
            else f"{what} is waiting for a moderator to read it. We will let you know."
        )
    elif outcome == "rejected":
        text = f"{what} was not published. {reason or ''}".strip()
    else:
        return
    notify(target.author_id, "moderation", text, link)


def tell_edit_outcome(kind: str, target: Any, outcome: str, reason: str | None, crisis: bool = False) -> None:
    """Tell the author what became of their edit; the post as published before stays meanwhile."""
    if target.author_id is None:
        return
    if kind == "story":
        what, link = f"Your edit of \u201c{_title(target.title)}\u201d", f"/stories/{target.id}"
    else:
        what, link = "Your edit of a reply", f"/stories/{target.story_id}#reply-{target.id}"
    if outcome == "published":
        text = f"{what} is published."
    elif outcome == "held":
        text = (
            f"{what} is with a moderator. We care about how you are doing: support is listed under My stories."
            if crisis
            else f"{what} is waiting for a moderator; readers see the earlier version meanwhile."
        )
    elif outcome == "rejected":
        text = f"{what} was not published; the earlier version stays. {reason or ''}".strip()
    else:
        return
    notify(target.author_id, "moderation", text, "/me/stories" if crisis else link)


def tell_story_author_of_reply(reply: Any, story: Story | None) -> None:
    """A published reply on a story: its followers (its author among them, unless they stopped) hear of it;
    replies of one story gather into one notification each."""
    if story is None:
        return
    for user_id in followers_who_can_read(story):
        if user_id == reply.author_id:
            continue
        whose = "your story" if user_id == story.author_id else "a story you follow"
        notify(
            user_id,
            "reply",
            f"Someone replied to {whose} \u201c{_title(story.title)}\u201d.",
            f"/stories/{story.id}#replies",
            subject_key=f"reply-{story.id}",
        )
