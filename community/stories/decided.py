"""Writing what moderation decided into a post and its versions.

Moderation decides; these functions change the stories area's own rows, each in one conditional UPDATE, so
a post (or an edit) decided twice at once is decided once and the loser learns it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import update

from community.errors import conflict
from community.extensions import db
from community.models import HARD, SOFT, utcnow
from community.statuses import PUBLISHED
from community.stories.models import POSTS, PostEdit, Story


def claim_pending(kind: str, target_id: int, to_status: str, **values: Any) -> bool:
    """Flip a pending post to `to_status` (with its moderated columns); False if it was no longer pending."""
    model = POSTS[kind]
    result = db.session.execute(
        update(model)
        .where(model.id == target_id, model.status == "pending")
        .values(status=to_status, **values)
        # A pending post was never shown: deciding it can only add to what visitors see.
        .execution_options(synchronize_session=False, feed_change=SOFT)
    )
    return result.rowcount == 1


def store_lesson_texts(story: Story, texts: Mapping[str, str], html: Mapping[str, str]) -> None:
    """The story's lessons as moderated (`lesson-<id>` in both mappings); flushed with the caller's commit."""
    for lesson in story.lessons:
        key = f"lesson-{lesson.id}"
        lesson.text = texts[key]
        lesson.text_html = html[key]


def move_status(kind: str, target: Any, to_status: str, **values: Any) -> str:
    """Change a post's status from what it was when loaded, and give that status back; 409 if someone
    changed it meanwhile."""
    model = POSTS[kind]
    from_status = target.status
    result = db.session.execute(
        update(model)
        .where(model.id == target.id, model.status == from_status)
        .values(status=to_status, **values)
        # Only a published post's change can take something from visitors' feed pages.
        .execution_options(synchronize_session=False, feed_change=HARD if from_status == PUBLISHED else SOFT)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise conflict(f"This {kind} changed while you were looking; reload and try again.")
    return from_status


def claim_edit(edit_id: int, outcome: str, **values: Any) -> bool:
    """Decide a pending edit; False if it was decided already."""
    result = db.session.execute(
        update(PostEdit)
        .where(PostEdit.id == edit_id, PostEdit.status == "pending")
        .values(status=outcome, decided_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def decide_held_edit(edit_id: int, outcome: str, **values: Any) -> None:
    """A moderator's decision on a held edit."""
    db.session.execute(
        update(PostEdit)
        .where(PostEdit.id == edit_id)
        .values(status=outcome, decided_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
