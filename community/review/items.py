"""The review queue and the decision log, for every area that holds what members post.

An area that changes a post's status writes its own row and logs the change here (`record_decision`); a post
that needs a moderator's look gets an item (`open_review`). Moderation, above, decides the items.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, delete, select, update

from community.accounts import lifecycle
from community.errors import conflict
from community.extensions import db
from community.models import isoformat, utcnow
from community.review.models import ModerationDecision, ReviewItem

EXCERPT_LENGTH = 280


def record_decision(
    kind: str,
    target_id: int,
    action: str,
    from_status: str,
    to_status: str,
    rules: Iterable[dict] = (),
    actor=None,
    reason: str | None = None,
) -> ModerationDecision:
    """Adds the log entry to the session; the caller commits it with the change it describes."""
    entry = ModerationDecision(
        kind=kind,
        target_id=target_id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        rules=list(rules),
        reason=reason,
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.display_name if actor is not None else "system",
    )
    db.session.add(entry)
    return entry


def open_item(kind: str, target_id: int) -> ReviewItem | None:
    """The post's own review item that no moderator has decided yet, if there is one (items about an edit of
    the post are apart: see `moderation.edits`)."""
    return db.session.scalar(
        select(ReviewItem).where(
            ReviewItem.kind == kind,
            ReviewItem.target_id == target_id,
            ReviewItem.resolved_at.is_(None),
            ReviewItem.edit_id.is_(None),
        )
    )


def open_review(
    kind: str,
    target_id: int,
    reason: str,
    priority: str,
    rules: list[dict],
    excerpt: str,
    update_reason: bool = False,
    edit_id: int | None = None,
) -> ReviewItem:
    """The post's open item, or a new one; `update_reason` lets the waiting item say why anew (reports keep
    coming in). An item about an edit (`edit_id`) is always new, beside any item about the post itself."""
    existing = open_item(kind, target_id) if edit_id is None else None
    if existing is not None and update_reason and existing.priority != "urgent":
        existing.reason = reason
    if existing is not None:
        return existing
    item = ReviewItem(
        kind=kind,
        target_id=target_id,
        reason=reason,
        priority=priority,
        matched_rules=rules,
        excerpt=excerpt[:EXCERPT_LENGTH],
        edit_id=edit_id,
    )
    db.session.add(item)
    return item


def resolve(item: ReviewItem) -> None:
    """Close the item in one conditional UPDATE, so two moderators deciding at once cannot both win."""
    result = db.session.execute(
        update(ReviewItem)
        .where(ReviewItem.id == item.id, ReviewItem.resolved_at.is_(None))
        .values(resolved_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise conflict("A moderator has already decided this item.")


def close_items(kind: str, target_ids: Select | Iterable[int]) -> None:
    """The posts are gone for good: their open items leave the queue."""
    db.session.execute(
        update(ReviewItem)
        .where(
            ReviewItem.resolved_at.is_(None),
            ReviewItem.kind == kind,
            ReviewItem.target_id.in_(target_ids),
        )
        .values(resolved_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _logged(kind: str, target_ids: Any, action: str) -> Select:
    return select(ModerationDecision.target_id).where(
        ModerationDecision.kind == kind,
        ModerationDecision.target_id.in_(target_ids),
        ModerationDecision.action == action,
    )


def logged_before(kind: str, target_id: int, action: str) -> bool:
    """Whether the log holds this action on the post: reports hold a post once, an author appeals once."""
    return db.session.scalar(_logged(kind, [target_id], action).limit(1)) is not None


def appealed_among(kind: str, target_ids: list[int]) -> set[int]:
    """Which of these posts were appealed already (their authors may appeal once)."""
    if not target_ids:
        return set()
    return set(db.session.scalars(_logged(kind, target_ids, "appeal")))


def history(kind: str, target_id: int) -> list[dict[str, Any]]:
    """What was decided about a post, oldest first (for its author's export)."""
    rows = db.session.scalars(
        select(ModerationDecision)
        .where(ModerationDecision.kind == kind, ModerationDecision.target_id == target_id)
        .order_by(ModerationDecision.id)
    )
    return [
        {"action": d.action, "to_status": d.to_status, "created_at": isoformat(d.created_at)} for d in rows
    ]


def forget_decisions(kind: str, target_ids: Select | Iterable[int]) -> None:
    """The posts are deleted with their author: their decisions name only ids that lead nowhere now."""
    db.session.execute(
        delete(ModerationDecision).where(
            ModerationDecision.kind == kind, ModerationDecision.target_id.in_(target_ids)
        )
    )


def forget_actor(user_id: int) -> None:
    """A moderator's decisions stay in the log, without the name of who made them."""
    db.session.execute(
        update(ModerationDecision)
        .where(ModerationDecision.actor_id == user_id)
        .values(actor_id=None, actor_name="a former moderator")
    )


lifecycle.register_erase(forget_actor)
