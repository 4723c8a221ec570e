"""The review queue's records: items waiting for a moderator, and the log of every decision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.models import UTCDateTime, utcnow


class ModerationDecision(db.Model):
    """One row per decision, automatic or human; rules are copied in so deleting a rule keeps the record."""

    __tablename__ = "moderation_decision"
    __table_args__ = (Index("ix_moderation_decision_target", "kind", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[int] = mapped_column()
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    rules: Mapped[list[dict]] = mapped_column(JSON, default=list)
    reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(60), default="system")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReviewItem(db.Model):
    """An item waiting for a moderator's look; resolved_at is set once someone decides."""

    __tablename__ = "review_item"
    __table_args__ = (Index("ix_review_item_open", "resolved_at", "priority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[int] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(String(200))
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    matched_rules: Mapped[list[dict]] = mapped_column(JSON, default=list)
    excerpt: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When every moderator was mailed about this urgent item (claimed by the mailing job, so once).
    moderators_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the item is about an edit of the post (`PostEdit`) rather than the post itself: deciding it
    # publishes or rejects the edit, and the published post stays as it is meanwhile.
    edit_id: Mapped[int | None] = mapped_column(ForeignKey("post_edit.id", ondelete="SET NULL"))
