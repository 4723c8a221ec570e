"""What the author of a post, and the followers of the story a reply answers, hear of a moderation decision.

Written in the decision's own transaction, so a notification exists exactly when the decision does."""

from __future__ import annotations

from typing import Any

from community.extensions import db
from community.notifications.services import tell as notify
from community.statuses import PUBLISHED
from community.stories.follows import followers_who_can_read
from community.stories.models import Story


def _title(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# What the author is told, by outcome: of a post, and of an edit of one (whose earlier version stays).
_TOLD = {
    False: {
        PUBLISHED: "{what} is published. Thank you for sharing it.",
        "crisis": "{what} is with a moderator. We care about how you are doing: support is listed on your post.",
        "held": "{what} is waiting for a moderator to read it. We will let you know.",
        "rejected": "{what} was not published. {reason}",
    },
    True: {
        PUBLISHED: "{what} is published.",
        "crisis": "{what} is with a moderator. We care about how you are doing: support is listed under My "
        "stories.",
        "held": "{what} is waiting for a moderator; readers see the earlier version meanwhile.",
        "rejected": "{what} was not published; the earlier version stays. {reason}",
    },
}


def tell_outcome(
    kind: str, target: Any, outcome: str, reason: str | None, crisis: bool = False, edit: bool = False
) -> None:
    """Tell the post's author it (or, with `edit`, their edit of it) was published, is waiting, or was not
    published (and why)."""
    if target.author_id is None or outcome not in (PUBLISHED, "held", "rejected"):
        return
    if kind == "story":
        what = f"Your {'edit of' if edit else 'story'} \u201c{_title(target.title)}\u201d"
        link = f"/stories/{target.id}"
    else:
        what, link = (
            ("Your edit of a reply" if edit else "Your reply"),
            f"/stories/{target.story_id}#reply-{target.id}",
        )
    told = _TOLD[edit]["crisis" if outcome == "held" and crisis else outcome]
    if edit and crisis:
        link = "/me/stories"
    notify(target.author_id, "moderation", told.format(what=what, reason=reason or "").strip(), link)


def tell_edit_outcome(kind: str, target: Any, outcome: str, reason: str | None, crisis: bool = False) -> None:
    tell_outcome(kind, target, outcome, reason, crisis, edit=True)


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


def tell_decision(kind: str, target: Any, outcome: str, reason: str | None, crisis: bool = False) -> None:
    """Tell the author what was decided, and the story's author of a reply now published."""
    tell_outcome(kind, target, outcome, reason, crisis)
    if kind == "reply" and outcome == PUBLISHED:
        tell_story_author_of_reply(target, db.session.get(Story, target.story_id))
