from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from community.accounts.models import NOTIFICATION_KINDS as KINDS
from community.extensions import db
from community.models import UTCDateTime, utcnow

__all__ = ["KINDS", "Notification"]


class Notification(db.Model):
    __tablename__ = "notification"
    # The badge counts a member's unread ones on every page: one index answers it.
    __table_args__ = (
        Index("ix_notification_unread", "user_id", "read_at"),
        Index("ix_notification_subject", "user_id", "subject_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(300))
    # Events of one subject (e.g. reactions to one story on one day) gather in one notification.
    subject_key: Mapped[str | None] = mapped_column(String(120))
    count: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
