"""Moderators' decisions from the review queue: the queue as they read it, approving and rejecting."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Select, case, func, select

from community.accounts.models import User
from community.errors import conflict, invalid, not_found
from community.extensions import db
from community.fields import required_text
from community.models import isoformat, utcnow
from community.moderation import edits as edit_decisions
from community.moderation.pipeline import _HOLD_MESSAGE
from community.moderation.telling import tell_decision, tell_edit_outcome
from community.pagination import paginate
from community.permissions import require_moderator
from community.review.items import record_decision, resolve
from community.review.models import ReviewItem
from community.statuses import PUBLISHED
from community.stories.counts import refresh_reply_count
from community.stories.decided import move_status
from community.stories.models import CONTENT_NOTES, POSTS

REJECT_REASON_MAX = 500


_URGENT_FIRST = case((ReviewItem.priority == "urgent", 0), else_=1)


def review_json(item: ReviewItem) -> dict:
    return {
        "id": item.id,
        "kind": item.kind,
        "target_id": item.target_id,
        "reason": item.reason,
        "priority": item.priority,
        "matched_rules": list(item.matched_rules or []),
        "excerpt": item.excerpt,
        "created_at": isoformat(item.created_at),
    }


def queue_query() -> Select[tuple[ReviewItem]]:
    """Open review items: urgent first, then the longest waiting."""
    return (
        select(ReviewItem)
        .where(ReviewItem.resolved_at.is_(None))
        .order_by(_URGENT_FIRST, ReviewItem.created_at, ReviewItem.id)
    )


def list_queue(page: int = 1, per_page: int = 20) -> dict:
    return paginate(queue_query(), page, per_page, lambda rows: [review_json(r) for r in rows])


def target_statuses(items: Sequence[ReviewItem]) -> dict[tuple[str, int], str]:
    """The current status of each item's story or reply, by (kind, id); one query per kind."""
    statuses: dict[tuple[str, int], str] = {}
    for kind, model in POSTS.items():
        ids = {item.target_id for item in items if item.kind == kind}
        if ids:
            rows = db.session.execute(select(model.id, model.status).where(model.id.in_(ids)))
            statuses.update({(kind, target_id): status for target_id, status in rows})
    return statuses


def urgent_count() -> int:
    return (
        db.session.scalar(
            select(func.count(ReviewItem.id)).where(
                ReviewItem.resolved_at.is_(None), ReviewItem.priority == "urgent"
            )
        )
        or 0
    )


def _moderator(actor_id: int) -> User:
    return require_moderator(db.session.get(User, actor_id))


def _review_item(item_id: int) -> ReviewItem:
    item = db.session.get(ReviewItem, item_id)
    if item is None:
        raise not_found("That review item")
    return item


def _target(item: ReviewItem):
    target = db.session.get(POSTS[item.kind], item.target_id)
    if target is None:
        # Its author deleted it meanwhile: nothing is left to decide, so the item closes.
        db.session.commit()
        raise not_found(f"That {item.kind}")
    return target


def _without_waiting_note(reason: str | None) -> str | None:
    """What moderation told the author, minus the promise that a moderator will look (one just did)."""
    if not reason:
        return reason
    return reason.replace(_HOLD_MESSAGE, "").strip() or None


# The content notes a story held for crisis language gets when a moderator publishes it.
CRISIS_NOTES = ("self_harm", "suicide")


def notes_on_approval(item: ReviewItem, target: Any) -> list[str]:
    """The content notes a held story is published with unless the moderator chooses others: the author's,
    plus self-harm and suicide when crisis language held it."""
    notes = list(getattr(target, "content_notes", None) or [])
    if item.kind == "story" and item.priority == "urgent":
        notes += [note for note in CRISIS_NOTES if note not in notes]
    return [note for note in CONTENT_NOTES if note in notes]


def approve(item_id: int, actor_id: int, content_notes: Sequence[str] | None = None) -> ReviewItem:
    """Publish a held item (or, for a flagged one already published, just close the look); 409 if decided.

    A story is published with `content_notes` when given (the moderator's choice on the item page), else
    with `notes_on_approval`."""
    actor = _moderator(actor_id)
    item = _review_item(item_id)
    if content_notes is not None and not set(content_notes) <= set(CONTENT_NOTES):
        raise invalid(content_notes="Choose among: " + ", ".join(CONTENT_NOTES) + ".")
    resolve(item)
    target = _target(item)
    edit = edit_decisions.held_edit(item)
    if edit is not None:
        if item.kind == "story":
            # As for a held story: the moderator's choice of notes, else the author's plus, after crisis
            # language, self-harm and suicide.
            version = SimpleNamespace(content_notes=edit.fields.get("content_notes"))
            chosen = notes_on_approval(item, version) if content_notes is None else content_notes
            edit.fields = {**edit.fields, "content_notes": [n for n in CONTENT_NOTES if n in chosen]}
        edit_decisions.approve_edit(edit)
        record_decision(
            item.kind, item.target_id, "approve", "edit", PUBLISHED, item.matched_rules or [], actor
        )
        tell_edit_outcome(item.kind, target, PUBLISHED, None)
        db.session.commit()
        return item
    from_status = target.status
    # A rejected post comes back through its author's appeal; approving the appeal publishes it.
    if from_status == "held" or (from_status == "rejected" and item.reason == "appeal"):
        notes: dict[str, Any] = {}
        if item.kind == "story":
            chosen = notes_on_approval(item, target) if content_notes is None else content_notes
            notes["content_notes"] = [note for note in CONTENT_NOTES if note in chosen]
        move_status(
            item.kind,
            target,
            PUBLISHED,
            published_at=target.published_at or utcnow(),
            moderation_reason=_without_waiting_note(target.moderation_reason),
            **notes,
        )
    elif from_status != PUBLISHED:
        db.session.rollback()
        raise conflict(f"This {item.kind} is {from_status} now; reject the item to close it.")
    record_decision(
        item.kind, item.target_id, "approve", from_status, PUBLISHED, item.matched_rules or [], actor=actor
    )
    if item.kind == "reply":
        refresh_reply_count(target.story_id)
    if from_status in ("held", "rejected"):
        tell_decision(item.kind, target, PUBLISHED, None)
    db.session.commit()
    return item


def check_reject_reason(reason: Any) -> str:
    return required_text(
        reason,
        "reason",
        REJECT_REASON_MAX,
        missing="Tell the author why, in a sentence or two.",
        too_long=f"Keep the reason to {REJECT_REASON_MAX} characters or fewer.",
    )


def reject(item_id: int, actor_id: int, reason: str) -> ReviewItem:
    """Reject the item; the author sees `reason` beside their post. 409 if it was already decided."""
    actor = _moderator(actor_id)
    item = _review_item(item_id)
    reason = check_reject_reason(reason)
    resolve(item)
    target = _target(item)
    edit = edit_decisions.held_edit(item)
    if edit is not None:
        # The edit is not published; the post stays as it was.
        edit_decisions.reject_edit(edit, reason)
        record_decision(
            item.kind, item.target_id, "reject", "edit", "rejected", item.matched_rules or [], actor, reason
        )
        tell_edit_outcome(item.kind, target, "rejected", reason)
        db.session.commit()
        return item
    if target.status == "removed":
        # Gone already (its author deleted it, or a moderator removed it): the item closes, the post stays.
        record_decision(item.kind, item.target_id, "reject", "removed", "removed", (), actor, reason)
        db.session.commit()
        return item
    from_status = move_status(item.kind, target, "rejected", moderation_reason=reason)
    record_decision(
        item.kind, item.target_id, "reject", from_status, "rejected", item.matched_rules or [], actor, reason
    )
    if item.kind == "reply" and from_status == PUBLISHED:
        refresh_reply_count(target.story_id)
    tell_decision(item.kind, target, "rejected", reason)
    db.session.commit()
    return item
