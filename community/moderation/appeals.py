"""An author appeals a rejected post, once, with a message: the post goes back to the review queue with the
reason `appeal`, and the moderator's decision is logged and told to the author like any other."""

from __future__ import annotations

from sqlalchemy import select

from community.errors import conflict, invalid, not_found
from community.extensions import db
from community.moderation.models import ModerationDecision, ReviewItem
from community.moderation.services import EXCERPT_LENGTH, KINDS, open_item, record_decision

APPEAL_MAX = 1000
REASON = "appeal"


def appealed_before(kind: str, target_id: int) -> bool:
    return (
        db.session.scalar(
            select(ModerationDecision.id)
            .where(
                ModerationDecision.kind == kind,
                ModerationDecision.target_id == target_id,
                ModerationDecision.action == "appeal",
            )
            .limit(1)
        )
        is not None
    )


def appealed_among(kind: str, target_ids: list[int]) -> set[int]:
    """Which of these posts were appealed already (their authors may appeal once)."""
    if not target_ids:
        return set()
    return set(
        db.session.scalars(
            select(ModerationDecision.target_id).where(
                ModerationDecision.kind == kind,
                ModerationDecision.target_id.in_(target_ids),
                ModerationDecision.action == "appeal",
            )
        )
    )


def appeal(kind: str, target_id: int, author_id: int, message: object) -> None:
    """404 unless it is the author's own post; 409 unless it is rejected and not appealed before."""
    post = db.session.get(KINDS[kind], target_id)
    if post is None or post.author_id != author_id:
        raise not_found(f"That {kind}")
    words = " ".join(message.split()) if isinstance(message, str) else ""
    if not words:
        raise invalid(message="Tell the moderators, in a sentence or two, why it should be published.")
    if len(words) > APPEAL_MAX:
        raise invalid(message=f"Keep the appeal to {APPEAL_MAX:,} characters or fewer.")
    if post.status != "rejected":
        raise conflict(f"Only a rejected {kind} can be appealed; this one is {post.status}.")
    if appealed_before(kind, target_id) or open_item(kind, target_id) is not None:
        raise conflict(f"You have appealed this {kind} already; a moderator will decide.")
    # The author's words, then the post's, so the moderator reads both in the queue.
    text = f"{post.title} {post.body}" if kind == "story" else post.body
    record_decision(kind, target_id, "appeal", "rejected", "rejected", reason=words)
    db.session.add(
        ReviewItem(
            kind=kind,
            target_id=target_id,
            reason=REASON,
            priority="normal",
            matched_rules=[],
            excerpt=f"Appeal: {words} | Post: {text}"[:EXCERPT_LENGTH],
        )
    )
    db.session.commit()
