"""The record of decisions, and a post as a moderator looks at it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select

from community.errors import not_found
from community.extensions import db
from community.models import isoformat
from community.pagination import paginate
from community.review.items import open_item
from community.review.models import ModerationDecision, ReviewItem
from community.stories import versions
from community.stories.models import POSTS, PostEdit


def decision_json(entry: ModerationDecision) -> dict:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "target_id": entry.target_id,
        "action": entry.action,
        "from_status": entry.from_status,
        "to_status": entry.to_status,
        "rules": list(entry.rules or []),
        "actor": entry.actor_name,
        "reason": entry.reason,
        "created_at": isoformat(entry.created_at),
    }


def log_query(kind: str | None = None, target_id: int | None = None) -> Select[tuple[ModerationDecision]]:
    """One item's decisions in the order they happened; without an item, the newest decisions first."""
    stmt = select(ModerationDecision)
    if kind:
        stmt = stmt.where(ModerationDecision.kind == kind)
    if target_id is not None:
        stmt = stmt.where(ModerationDecision.target_id == target_id)
        return stmt.order_by(ModerationDecision.created_at, ModerationDecision.id)
    return stmt.order_by(ModerationDecision.created_at.desc(), ModerationDecision.id.desc())


def list_log(
    kind: str | None = None, target_id: int | None = None, page: int = 1, per_page: int = 20
) -> dict:
    return paginate(log_query(kind, target_id), page, per_page, lambda rows: [decision_json(r) for r in rows])


@dataclass(frozen=True)
class ReviewTarget:
    kind: str
    target: Any  # a Story or a Reply
    open_item: ReviewItem | None  # the post's own open item, else one about an edit of it
    history: Sequence[ModerationDecision]
    versions: Sequence[PostEdit] = ()  # every edit of the post, oldest first


def last_item(kind: str, target_id: int) -> ReviewItem | None:
    """The post's newest review item, open or decided: what a moderator's message to its author goes by."""
    return db.session.scalar(
        select(ReviewItem)
        .where(ReviewItem.kind == kind, ReviewItem.target_id == target_id)
        .order_by(ReviewItem.id.desc())
        .limit(1)
    )


def review_target(kind: str, target_id: int) -> ReviewTarget:
    """A story or reply as a moderator looks at it: the post, its open review item and its decisions."""
    model = POSTS.get(kind)
    target = db.session.get(model, target_id) if model is not None else None
    if target is None:
        raise not_found(f"That {kind if model is not None else 'item'}")
    history = db.session.scalars(log_query(kind, target_id)).all()
    item = open_item(kind, target_id) or db.session.scalar(
        select(ReviewItem)
        .where(ReviewItem.kind == kind, ReviewItem.target_id == target_id, ReviewItem.resolved_at.is_(None))
        .order_by(ReviewItem.id)
        .limit(1)
    )
    return ReviewTarget(kind, target, item, history, versions.versions(kind, target_id))
