from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.models import UTCDateTime, utcnow


class DigestDelivery(db.Model):
    """Claimed before the mail leaves and marked sent after: one row, so one mail, per member and week."""

    __tablename__ = "digest_delivery"
    __table_args__ = (UniqueConstraint("user_id", "week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    week: Mapped[str] = mapped_column(String(8), index=True)
    status: Mapped[str] = mapped_column(String(8), default="claimed")  # claimed, sent, failed or empty
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set, and committed, just before the mail's last line goes to the server: from then on it may be out.
    handed_over_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DigestWeek(db.Model):
    """A week whose digest was asked for, written before any batch is queued: if the fan-out job dies with its
    worker, or Redis loses the batches, the sweeper finds the members still without a delivery and sends them."""

    __tablename__ = "digest_week"

    week: Mapped[str] = mapped_column(String(8), primary_key=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set once every member who wanted the week's digest has a delivery row: the sweeper stops looking.
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
